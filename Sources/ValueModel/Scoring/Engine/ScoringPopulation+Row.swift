import CustomerModel

/// One client's input for one indicator as the per-client path takes it.
enum ResolvedInput {
    case absent
    case number(Double)
    /// A category name and its normalised value after direction (`nil`: the model cannot value it).
    case category(String, Double?)
}

extension ScoringPopulation {
    /// One client's score with its explanation, from `inputs` (one per compiled indicator, model
    /// order), percentile ranks taken in the batch population with the client's own batch value
    /// (`row`, `nil` for a client outside the batch) replaced.
    func evaluate(row: Int?, inputs: [ResolvedInput], customer: CustomerID) -> CustomerScore {
        var dimensionScores: [DimensionScore] = []
        dimensionScores.reserveCapacity(byDimension.count)
        var dimensionExact: [Double] = []
        dimensionExact.reserveCapacity(byDimension.count)
        var total = 0.0
        for (d, members) in byDimension.enumerated() {
            var ws = 0.0
            var wp = 0.0
            var values: [Double?] = []
            values.reserveCapacity(members.count)
            for k in members {
                let indicator = indicators[k]
                let v = normalised(indicator, inputs[k], row: row)
                values.append(v)
                guard let v else { continue }
                ws += indicator.weight * v
                wp += indicator.weight
            }
            let exact = wp > 0 ? 100 * ws / wp : 0
            let score = Self.hundredths(exact)
            total += dimensionWeights[d] * exact
            dimensionExact.append(exact)
            var shares: [Double] = []
            shares.reserveCapacity(members.count)
            for (offset, k) in members.enumerated() {
                guard let v = values[offset], wp > 0 else {
                    shares.append(0)
                    continue
                }
                shares.append(100 * (indicators[k].weight * v) / wp * 100)
            }
            let points = Apportionment.apportion(shares, total: score)
            var contributions: [IndicatorContribution] = []
            contributions.reserveCapacity(members.count)
            for (offset, k) in members.enumerated() {
                let indicator = indicators[k]
                let raw: IndicatorValue? =
                    switch inputs[k] {
                    case .absent: nil
                    case .number(let value): .number(value)
                    case .category(let name, _): .category(name)
                    }
                let counted = values[offset] != nil && wp > 0
                contributions.append(
                    IndicatorContribution(
                        indicator: indicator.id, raw: raw, input: indicator.input, normalised: values[offset],
                        weight: indicator.weight, effectiveWeight: counted ? indicator.weight / wp : 0,
                        points: ScorePoints(hundredths: points[offset]),
                        treatment: raw != nil ? .present : .missing(indicator.missing)))
            }
            dimensionScores.append(
                DimensionScore(
                    dimension: model.dimensions[d].dimension, weight: dimensionWeights[d],
                    score: ScorePoints(hundredths: score), contribution: .zero, indicators: contributions,
                    hasData: wp > 0))
        }
        let totalHundredths = Self.hundredths(total)
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
            let normaliser = indicator.normaliser
            switch normaliser.kind {
            case .percentile: return indicator.percentile(RadixSort.key(x), replacingRow: row)
            case .linear: return normaliser.directed(normaliser.linear(x))
            case .logarithmic: return normaliser.directed(normaliser.logarithmic(x))
            case .categoryLookup: return normaliser.directed(normaliser.category(x))
            case .ratingLookup: return normaliser.directed(normaliser.rating(x))
            }
        case .category(_, let value):
            return value
        case .absent:
            switch indicator.missing {
            case .zero: return 0
            case .median: return indicator.median
            case .redistribute: return nil
            }
        }
    }
}
