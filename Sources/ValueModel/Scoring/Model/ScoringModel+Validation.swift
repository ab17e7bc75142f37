import CustomerModel

extension ScoringModel {
    /// Checks every rule a model must meet; the first problem in document order is thrown.
    func validate() throws(ScoringModelError) {
        guard !id.allSatisfy(\.isWhitespace) else {
            throw ScoringModelError(.invalidValue, path: ["id"], "the model id must not be empty")
        }
        guard !version.allSatisfy(\.isWhitespace) else {
            throw ScoringModelError(.missingField, path: ["version"], "the model version must not be empty")
        }
        try validateDimensions()
        var seen: [IndicatorID: Int] = [:]
        for (index, indicator) in indicators.enumerated() {
            let path = JSONPath.root.appending("indicators").appending(index)
            try validate(indicator, at: path, seen: &seen, index: index)
        }
        for weighted in dimensions {
            let members = indicators.indices.filter { indicators[$0].dimension == weighted.dimension }
            guard let first = members.first else {
                throw ScoringModelError(
                    .dimensionWithoutIndicators,
                    path: JSONPath.root.appending("dimensions").appending(weighted.dimension.rawValue),
                    "dimension '\(weighted.dimension)' has a weight but no indicator"
                )
            }
            let sum = members.reduce(0.0) { $0 + indicators[$1].weight }
            guard abs(sum - 1) <= Self.weightTolerance else {
                let list = members.map { "indicators[\($0)]" }.joined(separator: ", ")
                throw ScoringModelError(
                    .weightsDoNotAddUp,
                    path: JSONPath.root.appending("indicators").appending(first).appending("weight"),
                    "the indicator weights of dimension '\(weighted.dimension)' add up to \(sum), not 1 (\(list))"
                )
            }
        }
    }

    private func validateDimensions() throws(ScoringModelError) {
        let base = JSONPath.root.appending("dimensions")
        guard !dimensions.isEmpty else {
            throw ScoringModelError(.missingField, path: base, "the model needs at least one weighted dimension")
        }
        var seen = Set<ScoringDimension>()
        for weighted in dimensions {
            let path = base.appending(weighted.dimension.rawValue)
            guard weighted.dimension.subject == subject else {
                throw ScoringModelError(
                    .dimensionNotForSubject,
                    path: path,
                    "dimension '\(weighted.dimension)' scores \(weighted.dimension.subject) clients, not \(subject) clients"
                )
            }
            guard seen.insert(weighted.dimension).inserted else {
                throw ScoringModelError(
                    .duplicateDimension,
                    path: path,
                    "dimension '\(weighted.dimension)' is listed twice"
                )
            }
            try Self.checkWeight(weighted.weight, at: path)
        }
        let sum = dimensions.reduce(0.0) { $0 + $1.weight }
        guard abs(sum - 1) <= Self.weightTolerance else {
            throw ScoringModelError(.weightsDoNotAddUp, path: base, "the dimension weights add up to \(sum), not 1")
        }
    }

    static func checkWeight(_ weight: Double, at path: JSONPath) throws(ScoringModelError) {
        guard weight.isFinite else {
            throw ScoringModelError(.negativeWeight, path: path, "the weight must be a finite number")
        }
        guard weight >= 0 else {
            throw ScoringModelError(.negativeWeight, path: path, "the weight must not be negative, not \(weight)")
        }
    }

    private func validate(
        _ indicator: ScoringIndicator,
        at path: JSONPath,
        seen: inout [IndicatorID: Int],
        index: Int
    ) throws(ScoringModelError) {
        guard let definition = IndicatorCatalogue.definition(of: indicator.id) else {
            throw ScoringModelError(
                .unknownIndicator,
                path: path.appending("id"),
                "'\(indicator.id)' is not a known indicator",
                suggestion: IndicatorCatalogue.closest(to: indicator.id.rawValue)?.rawValue
            )
        }
        guard definition.subjects.contains(subject) else {
            throw ScoringModelError(
                .indicatorNotForSubject,
                path: path.appending("id"),
                "indicator '\(indicator.id)' does not apply to \(subject) clients"
            )
        }
        if let earlier = seen[indicator.id] {
            throw ScoringModelError(
                .duplicateIndicator,
                path: path.appending("id"),
                "indicator '\(indicator.id)' is already listed as indicators[\(earlier)]"
            )
        }
        seen[indicator.id] = index
        guard indicator.dimension.subject == subject else {
            throw ScoringModelError(
                .dimensionNotForSubject,
                path: path.appending("dimension"),
                "dimension '\(indicator.dimension)' scores \(indicator.dimension.subject) clients, not \(subject) clients"
            )
        }
        guard weight(of: indicator.dimension) != nil else {
            throw ScoringModelError(
                .dimensionNotWeighted,
                path: path.appending("dimension"),
                "dimension '\(indicator.dimension)' has no weight in 'dimensions'"
            )
        }
        try Self.checkWeight(indicator.weight, at: path.appending("weight"))
        try Self.validate(indicator.normalisation, for: definition, at: path.appending("normalisation"))
    }

    static func validate(
        _ normalisation: Normalisation,
        for definition: IndicatorDefinition,
        at path: JSONPath
    ) throws(ScoringModelError) {
        func notApplicable() -> ScoringModelError {
            ScoringModelError(
                .normalisationNotApplicable,
                path: path.appending("kind"),
                "\(normalisation.kindName) does not suit indicator '\(definition.id)', whose input is \(definition.input.name)"
            )
        }
        switch normalisation {
        case .percentileRank:
            if definition.input.isCategorical { throw notApplicable() }
        case .cappedMinMax(let floor, let cap):
            if definition.input.isCategorical { throw notApplicable() }
            guard floor.isFinite else {
                throw ScoringModelError(
                    .invalidNormalisation,
                    path: path.appending("floor"),
                    "the floor must be a finite number"
                )
            }
            guard cap.isFinite, cap > floor else {
                throw ScoringModelError(
                    .invalidNormalisation,
                    path: path.appending("cap"),
                    "the cap must be above the floor (\(floor)), not \(cap)"
                )
            }
        case .logScale(let floor, let cap):
            switch definition.input {
            case .amount, .count: break
            default: throw notApplicable()
            }
            guard floor.isFinite, floor >= 0 else {
                throw ScoringModelError(
                    .invalidNormalisation,
                    path: path.appending("floor"),
                    "the floor of a log scale must be 0 or more, not \(floor)"
                )
            }
            guard cap.isFinite, cap > floor else {
                throw ScoringModelError(
                    .invalidNormalisation,
                    path: path.appending("cap"),
                    "the cap must be above the floor (\(floor)), not \(cap)"
                )
            }
        case .expertRating(let scale):
            guard case .rating(let inputScale) = definition.input else { throw notApplicable() }
            guard inputScale == scale else {
                throw ScoringModelError(
                    .normalisationNotApplicable,
                    path: path.appending("scale"),
                    "indicator '\(definition.id)' is rated \(inputScale.rawValue), not \(scale.rawValue)"
                )
            }
        case .lookup(let table):
            try validate(table, for: definition, at: path, notApplicable: notApplicable())
        }
    }

    private static func validate(
        _ table: LookupTable,
        for definition: IndicatorDefinition,
        at path: JSONPath,
        notApplicable: ScoringModelError
    ) throws(ScoringModelError) {
        let known: [String]
        let isOpen: Bool
        switch definition.input {
        case .category(let set):
            known = set.names
            isOpen = set.isOpen
        case .rating(let scale):
            known = (Int(scale.lowest)...Int(scale.highest)).map(String.init)
            isOpen = false
        default:
            throw notApplicable
        }
        let tablePath = path.appending("table")
        var listed = Set<String>()
        for entry in table.entries {
            let entryPath = tablePath.appending(entry.category)
            let key = entry.category.lowercased()
            if !isOpen, !known.contains(where: { $0.lowercased() == key }) {
                throw ScoringModelError(
                    .unknownCategory,
                    path: entryPath,
                    "'\(entry.category)' is not a category of indicator '\(definition.id)' (\(known.joined(separator: ", ")))",
                    suggestion: Suggestion.closest(to: entry.category, among: known)
                )
            }
            guard listed.insert(key).inserted else {
                throw ScoringModelError(
                    .invalidNormalisation,
                    path: entryPath,
                    "category '\(entry.category)' is listed twice (case is ignored)"
                )
            }
            try checkUnit(entry.value, at: entryPath)
        }
        if let value = table.defaultValue { try checkUnit(value, at: path.appending("default")) }
        guard table.defaultValue == nil else { return }
        if isOpen {
            throw ScoringModelError(
                .lookupMissingCategory,
                path: path.appending("default"),
                "indicator '\(definition.id)' takes open-ended categories, so its table needs a 'default'"
            )
        }
        if let missing = known.first(where: { !listed.contains($0.lowercased()) }) {
            throw ScoringModelError(
                .lookupMissingCategory,
                path: tablePath,
                "the table gives no value for category '\(missing)' of indicator '\(definition.id)' and has no 'default'"
            )
        }
    }

    private static func checkUnit(_ value: Double, at path: JSONPath) throws(ScoringModelError) {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw ScoringModelError(
                .invalidNormalisation,
                path: path,
                "a lookup value must be from 0 to 1, not \(value)"
            )
        }
    }
}
