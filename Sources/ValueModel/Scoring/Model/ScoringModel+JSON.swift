public import CustomerModel

extension ScoringModel {
    /// Loads and validates a model from its JSON text.
    ///
    /// The format (every field required unless marked optional):
    ///
    /// ```json
    /// {
    ///   "id": "cvm-individual",
    ///   "version": "2026.1",
    ///   "subject": "individual",
    ///   "currency": "CNY",
    ///   "summary": "optional sentence",
    ///   "dimensions": { "current": 0.4, "potential": 0.2, "relationship": 0.15, "loyalty": 0.25 },
    ///   "indicators": [
    ///     { "id": "aumDeposits", "dimension": "current", "weight": 0.2,
    ///       "normalisation": { "kind": "logScale", "floor": 0, "cap": 50000000 },
    ///       "direction": "higherIsBetter", "missing": "zero" },
    ///     { "id": "position", "dimension": "potential", "weight": 0.1,
    ///       "normalisation": { "kind": "lookup", "table": { "founder": 1, "executive": 0.9 }, "default": 0.4 },
    ///       "direction": "higherIsBetter", "missing": "redistribute" }
    ///   ]
    /// }
    /// ```
    ///
    /// `currency` and `summary` are optional. Normalisation kinds: `percentileRank`;
    /// `cappedMinMax` with `floor` and `cap`; `logScale` with `cap` and an optional `floor`
    /// (default 0); `lookup` with `table` and an optional `default`; `expertRating` with `scale`
    /// (`oneToFive` or `zeroToHundred`). Directions: `higherIsBetter`, `higherIsWorse`. Missing-data
    /// rules: `zero`, `median`, `redistribute`. Unknown fields are errors, so a typo never passes
    /// silently.
    /// - Throws: ``ScoringModelError`` with the line, column and path of the problem.
    public init(json text: String) throws(ScoringModelError) {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: text)
        } catch {
            throw ScoringModelError(
                .invalidJSON,
                path: .root,
                line: error.line,
                column: error.column,
                error.message
            )
        }
        try self.init(document: document)
    }

    /// Loads and validates a model from a parsed JSON document (for hosts that embed models in
    /// larger files); errors carry the positions of `document`.
    /// - Throws: ``ScoringModelError`` with the line, column and path of the problem.
    public init(document: JSONDocument) throws(ScoringModelError) {
        let reader = ModelJSONReader()
        let parts = try reader.read(document.root)
        do {
            try self.init(
                id: parts.id,
                version: parts.version,
                subject: parts.subject,
                currency: parts.currency,
                summary: parts.summary,
                dimensions: parts.dimensions,
                indicators: parts.indicators
            )
        } catch {
            throw error.located(at: Self.position(of: error.path, in: document))
        }
    }

    /// Where a validation error points: the key of an entry of `dimensions` or of a lookup `table`
    /// (those entries are named by their keys), else the value at the path (or its nearest
    /// existing ancestor).
    private static func position(of path: JSONPath, in document: JSONDocument) -> SourcePosition {
        let components = path.components
        if components.count >= 2, case .key(let key) = components[components.count - 1],
            case .key(let parent) = components[components.count - 2], parent == "dimensions" || parent == "table",
            let member = document.node(at: path.parent)?.objectValue?.member(key)
        {
            return member.keyPosition
        }
        return document.position(of: path)
    }
}

/// Turns a parsed document into a model's parts, with positioned errors for structure and types.
///
/// The rules on values (weights, sums, catalogue) are checked by ``ScoringModel``'s initialiser.
struct ModelJSONReader {
    struct Parts {
        var id: String
        var version: String
        var subject: CustomerKind
        var currency: CurrencyCode?
        var summary: String?
        var dimensions: [DimensionWeight]
        var indicators: [ScoringIndicator]
    }

    static let rootKeys = ["id", "version", "subject", "currency", "summary", "dimensions", "indicators"]
    static let indicatorKeys = ["id", "dimension", "weight", "normalisation", "direction", "missing"]

    func read(_ root: JSONNode) throws(ScoringModelError) -> Parts {
        let object = try objectValue(root, at: .root)
        try checkKeys(object, allowed: Self.rootKeys, at: .root)
        let id = try string(object, "id", in: root, at: .root)
        let version = try versionString(object, in: root)
        let subjectNode = try required(object, "subject", in: root, at: .root)
        let subject = try enumeration(
            subjectNode,
            at: ["subject"],
            CustomerKind.allCases.map(\.rawValue),
            code: .invalidValue,
            CustomerKind.init(rawValue:)
        )
        var currency: CurrencyCode?
        if let node = object["currency"], !node.isNull {
            let text = try stringValue(node, at: ["currency"])
            guard let code = CurrencyCode(text) else {
                throw error(.invalidValue, ["currency"], node, "'\(text)' is not an ISO 4217 currency code")
            }
            currency = code
        }
        var summary: String?
        if let node = object["summary"], !node.isNull { summary = try stringValue(node, at: ["summary"]) }
        let dimensions = try readDimensions(try required(object, "dimensions", in: root, at: .root))
        let indicatorsNode = try required(object, "indicators", in: root, at: .root)
        guard let elements = indicatorsNode.arrayValue else {
            throw error(
                .wrongType,
                ["indicators"],
                indicatorsNode,
                "expected an array, found \(indicatorsNode.kindDescription)"
            )
        }
        var indicators: [ScoringIndicator] = []
        for (index, element) in elements.enumerated() {
            indicators.append(try readIndicator(element, at: JSONPath.root.appending("indicators").appending(index)))
        }
        return Parts(
            id: id,
            version: version,
            subject: subject,
            currency: currency,
            summary: summary,
            dimensions: dimensions,
            indicators: indicators
        )
    }

    private func versionString(_ object: JSONObject, in root: JSONNode) throws(ScoringModelError) -> String {
        guard let node = object["version"], !node.isNull else {
            throw error(
                .missingField,
                ["version"],
                root,
                "the model has no 'version'; every score names the model version that produced it"
            )
        }
        guard let text = node.stringValue else {
            throw error(
                .wrongType,
                ["version"],
                node,
                "the version must be a string such as \"2026.1\", found \(node.kindDescription)"
            )
        }
        return text
    }

    private func readDimensions(_ node: JSONNode) throws(ScoringModelError) -> [DimensionWeight] {
        let base: JSONPath = ["dimensions"]
        let object = try objectValue(node, at: base)
        var result: [DimensionWeight] = []
        for member in object.members {
            let path = base.appending(member.key)
            guard let dimension = ScoringDimension(rawValue: member.key) else {
                throw ScoringModelError(
                    .unknownDimension,
                    path: path,
                    "'\(member.key)' is not a dimension",
                    suggestion: Suggestion.closest(to: member.key, among: ScoringDimension.allCases.map(\.rawValue))
                ).located(at: member.keyPosition)
            }
            result.append(DimensionWeight(dimension, try number(member.value, at: path)))
        }
        return result
    }

    private func readIndicator(_ node: JSONNode, at path: JSONPath) throws(ScoringModelError) -> ScoringIndicator {
        let object = try objectValue(node, at: path)
        try checkKeys(object, allowed: Self.indicatorKeys, at: path)
        let id = try string(object, "id", in: node, at: path)
        let dimensionNode = try required(object, "dimension", in: node, at: path)
        let dimension = try enumeration(
            dimensionNode,
            at: path.appending("dimension"),
            ScoringDimension.allCases.map(\.rawValue),
            code: .unknownDimension,
            ScoringDimension.init(rawValue:)
        )
        let weight = try number(try required(object, "weight", in: node, at: path), at: path.appending("weight"))
        let normalisation = try readNormalisation(
            try required(object, "normalisation", in: node, at: path),
            at: path.appending("normalisation")
        )
        let direction = try enumeration(
            try required(object, "direction", in: node, at: path),
            at: path.appending("direction"),
            IndicatorDirection.allCases.map(\.rawValue),
            code: .invalidValue,
            IndicatorDirection.init(rawValue:)
        )
        let missing = try enumeration(
            try required(object, "missing", in: node, at: path),
            at: path.appending("missing"),
            MissingDataRule.allCases.map(\.rawValue),
            code: .invalidValue,
            MissingDataRule.init(rawValue:)
        )
        return ScoringIndicator(
            IndicatorID(id),
            dimension: dimension,
            weight: weight,
            normalisation: normalisation,
            direction: direction,
            missing: missing
        )
    }

    private func readNormalisation(_ node: JSONNode, at path: JSONPath) throws(ScoringModelError) -> Normalisation {
        let object = try objectValue(node, at: path)
        let kindNode = try required(object, "kind", in: node, at: path)
        let kind = try stringValue(kindNode, at: path.appending("kind"))
        switch kind {
        case "percentileRank":
            try checkKeys(object, allowed: ["kind"], at: path)
            return .percentileRank
        case "cappedMinMax":
            try checkKeys(object, allowed: ["kind", "floor", "cap"], at: path)
            let floor = try number(try required(object, "floor", in: node, at: path), at: path.appending("floor"))
            let cap = try number(try required(object, "cap", in: node, at: path), at: path.appending("cap"))
            return .cappedMinMax(floor: floor, cap: cap)
        case "logScale":
            try checkKeys(object, allowed: ["kind", "floor", "cap"], at: path)
            let floor = try object["floor"].map { (node) throws(ScoringModelError) in
                try number(node, at: path.appending("floor"))
            }
            let cap = try number(try required(object, "cap", in: node, at: path), at: path.appending("cap"))
            return .logScale(floor: floor ?? 0, cap: cap)
        case "lookup":
            try checkKeys(object, allowed: ["kind", "table", "default"], at: path)
            let tableNode = try required(object, "table", in: node, at: path)
            let table = try objectValue(tableNode, at: path.appending("table"))
            var entries: [LookupTable.Entry] = []
            for member in table.members {
                entries.append(
                    LookupTable.Entry(
                        member.key,
                        try number(member.value, at: path.appending("table").appending(member.key))
                    )
                )
            }
            let fallback = try object["default"].map { (node) throws(ScoringModelError) in
                try number(node, at: path.appending("default"))
            }
            return .lookup(LookupTable(entries, default: fallback))
        case "expertRating":
            try checkKeys(object, allowed: ["kind", "scale"], at: path)
            let scale = try enumeration(
                try required(object, "scale", in: node, at: path),
                at: path.appending("scale"),
                ExpertScale.allCases.map(\.rawValue),
                code: .invalidNormalisation,
                ExpertScale.init(rawValue:)
            )
            return .expertRating(scale)
        default:
            throw error(
                .invalidNormalisation,
                path.appending("kind"),
                kindNode,
                "'\(kind)' is not a normalisation (\(Normalisation.kindNames.joined(separator: ", ")))",
                suggestion: Suggestion.closest(to: kind, among: Normalisation.kindNames)
            )
        }
    }

    // MARK: Typed access with positioned errors

    private func error(
        _ code: ScoringModelError.Code,
        _ path: JSONPath,
        _ node: JSONNode,
        _ message: String,
        suggestion: String? = nil
    ) -> ScoringModelError {
        ScoringModelError(code, path: path, message, suggestion: suggestion).located(at: node.position)
    }

    private func objectValue(_ node: JSONNode, at path: JSONPath) throws(ScoringModelError) -> JSONObject {
        guard let object = node.objectValue else {
            throw error(.wrongType, path, node, "expected an object, found \(node.kindDescription)")
        }
        return object
    }

    private func checkKeys(_ object: JSONObject, allowed: [String], at path: JSONPath) throws(ScoringModelError) {
        for member in object.members where !allowed.contains(member.key) {
            throw ScoringModelError(
                .unknownField,
                path: path.appending(member.key),
                "'\(member.key)' is not a field here (\(allowed.joined(separator: ", ")))",
                suggestion: Suggestion.closest(to: member.key, among: allowed)
            ).located(at: member.keyPosition)
        }
    }

    private func required(
        _ object: JSONObject,
        _ key: String,
        in node: JSONNode,
        at path: JSONPath
    ) throws(ScoringModelError) -> JSONNode {
        guard let value = object[key], !value.isNull else {
            throw error(.missingField, path.appending(key), node, "the field '\(key)' is required")
        }
        return value
    }

    private func stringValue(_ node: JSONNode, at path: JSONPath) throws(ScoringModelError) -> String {
        guard let text = node.stringValue else {
            throw error(.wrongType, path, node, "expected a string, found \(node.kindDescription)")
        }
        return text
    }

    private func string(
        _ object: JSONObject,
        _ key: String,
        in node: JSONNode,
        at path: JSONPath
    ) throws(ScoringModelError) -> String {
        try stringValue(try required(object, key, in: node, at: path), at: path.appending(key))
    }

    private func number(_ node: JSONNode, at path: JSONPath) throws(ScoringModelError) -> Double {
        guard node.numberLiteral != nil else {
            throw error(.wrongType, path, node, "expected a number, found \(node.kindDescription)")
        }
        guard let value = node.doubleValue else {
            throw error(.invalidValue, path, node, "the number is out of range")
        }
        return value
    }

    private func enumeration<Value>(
        _ node: JSONNode,
        at path: JSONPath,
        _ names: [String],
        code: ScoringModelError.Code,
        _ make: (String) -> Value?
    ) throws(ScoringModelError) -> Value {
        let text = try stringValue(node, at: path)
        guard let value = make(text) else {
            throw error(
                code,
                path,
                node,
                "'\(text)' is not one of \(names.joined(separator: ", "))",
                suggestion: Suggestion.closest(to: text, among: names)
            )
        }
        return value
    }
}
