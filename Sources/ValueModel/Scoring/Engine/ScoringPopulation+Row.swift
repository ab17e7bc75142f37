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
        let count = indicators.count
        // Flat scratch by model position: normalised value (NaN when the indicator drops out),
        // exact share in hundredths, apportioned points.
        var values = [Double](repeating: .nan, count: count)
        var shares = [Double](repeating: 0, count: count)
        var points = [Int](repeating: 0, count: count)
        var dimensionExact = [Double](repeating: 0, count: byDimension.count)
        var dimensionScores: [DimensionScore] = []
        dimensionScores.reserveCapacity(byDimension.count)
        var total = 0.0
        for (d, members) in byDimension.enumerated() {
            var ws = 0.0
            var wp = 0.0
            for k in members {
                let indicator = indicators[k]
                guard let v = normalised(indicator, inputs[k], row: row) else { continue }
                values[k] = v
                ws += indicator.weight * v
                wp += indicator.weight
            }
            let exact = wp > 0 ? 100 * ws / wp : 0
            let score = Self.hundredths(exact)
            total += dimensionWeights[d] * exact
            dimensionExact[d] = exact
            for k in members where !values[k].isNaN && wp > 0 {
                shares[k] = 100 * (indicators[k].weight * values[k]) / wp * 100
            }
            Apportionment.apportion(shares, members, total: score, into: &points)
            var contributions: [IndicatorContribution] = []
            contributions.reserveCapacity(members.count)
            for k in members {
                let indicator = indicators[k]
                let raw: IndicatorValue? =
                    switch inputs[k] {
                    case .absent: nil
                    case .number(let value): .number(value)
                    case .category(let name, _): .category(name)
                    }
                let counted = !values[k].isNaN && wp > 0
                contributions.append(
                    IndicatorContribution(
                        indicator: indicator.id,
                        raw: raw,
                        input: indicator.input,
                        normalised: values[k].isNaN ? nil : values[k],
                        weight: indicator.weight,
                        effectiveWeight: counted ? indicator.weight / wp : 0,
                        points: ScorePoints(hundredths: points[k]),
                        treatment: raw != nil ? .present : .missing(indicator.missing)
                    )
                )
            }
            dimensionScores.append(
                DimensionScore(
                    dimension: model.dimensions[d].dimension,
                    weight: dimensionWeights[d],
                    score: ScorePoints(hundredths: score),
                    contribution: .zero,
                    indicators: contributions,
                    hasData: wp > 0
                )
            )
        }
        let totalHundredths = Self.hundredths(total)
        var weighted = [Double](repeating: 0, count: byDimension.count)
        for d in weighted.indices { weighted[d] = dimensionWeights[d] * dimensionExact[d] * 100 }
        var contributions = [Int](repeating: 0, count: byDimension.count)
        Apportionment.apportion(weighted, Array(weighted.indices), total: totalHundredths, into: &contributions)
        for d in dimensionScores.indices { dimensionScores[d].contribution = ScorePoints(hundredths: contributions[d]) }
        return CustomerScore(
            customer: customer,
            model: model.reference,
            currency: currency,
            total: ScorePoints(hundredths: totalHundredths),
            dimensions: dimensionScores
        )
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
