import CustomerModel

/// One client's inputs as the per-row path takes them.
enum ResolvedInput {
    case absent
    case number(Double)
    case category(String)
}

extension ScoringPopulation {
    /// One client's score with its explanation, from `inputs` (one per compiled indicator, model
    /// order), rows of the batch population adjusted for the client's own batch value (`row`,
    /// `nil` for a client outside the batch).
    func evaluate(row: Int?, inputs: [ResolvedInput], customer: CustomerID) -> CustomerScore {
        var dimensionScores: [DimensionScore] = []
        var dimensionExact: [Double] = []
        var total = 0.0
        for (d, members) in byDimension.enumerated() {
            var ws = 0.0
            var wp = 0.0
            var values: [Double?] = []
            for k in members {
                let indicator = indicators[k]
                let v = normalised(indicator, inputs[k], row: row)
                values.append(v)
                guard let v else { continue }
                ws += indicator.weight * v
                wp += indicator.weight
            }
            let exact = wp > 0 ? 100 * ws / wp : 0
            let score = Int((exact * 100).rounded())
            total += dimensionWeights[d] * exact
            dimensionExact.append(exact)
            var shares: [Double] = []
            for (offset, k) in members.enumerated() {
                guard let v = values[offset], wp > 0 else {
                    shares.append(0)
                    continue
                }
                shares.append(100 * (indicators[k].weight * v) / wp * 100)
            }
            let points = Apportionment.apportion(shares, total: score)
            var contributions: [IndicatorContribution] = []
            for (offset, k) in members.enumerated() {
                let indicator = indicators[k]
                let raw: IndicatorValue? =
                    switch inputs[k] {
                    case .absent: nil
                    case .number(let value): .number(value)
                    case .category(let name): .category(name)
                    }
                let present = raw != nil
                let counted = values[offset] != nil && wp > 0
                contributions.append(
                    IndicatorContribution(
                        indicator: indicator.id, raw: raw, input: indicator.input, normalised: values[offset],
                        weight: indicator.weight, effectiveWeight: counted ? indicator.weight / wp : 0,
                        points: ScorePoints(hundredths: points[offset]),
                        treatment: present ? .present : .missing(indicator.missing)))
            }
            dimensionScores.append(
                DimensionScore(
                    dimension: model.dimensions[d].dimension, weight: dimensionWeights[d],
                    score: ScorePoints(hundredths: score), contribution: .zero, indicators: contributions,
                    hasData: wp > 0))
        }
        let totalHundredths = Int((total * 100).rounded())
        let contributions = Apportionment.apportion(
            dimensionExact.indices.map { dimensionWeights[$0] * dimensionExact[$0] * 100 }, total: totalHundredths)
        for d in dimensionScores.indices { dimensionScores[d].contribution = ScorePoints(hundredths: contributions[d]) }
        return CustomerScore(
            customer: customer, model: model.reference, currency: currency,
            total: ScorePoints(hundredths: totalHundredths), dimensions: dimensionScores)
    }

    /// The normalised value after direction, the missing-data value, or `nil` when the indicator
    /// drops out (missing and redistributed, or a category the model cannot value).
    private func normalised(_ indicator: CompiledIndicator, _ input: ResolvedInput, row: Int?) -> Double? {
        switch input {
        case .number(let x):
            if indicator.kind == .percentile { return indicator.percentile(RadixSort.key(x), replacingRow: row) }
            return indicator.directed(indicator.core(x))
        case .category(let name):
            return indicator.lookupValue(ofCategory: name)
        case .absent:
            switch indicator.missing {
            case .zero: return 0
            case .median: return indicator.median
            case .redistribute: return nil
            }
        }
    }
}
