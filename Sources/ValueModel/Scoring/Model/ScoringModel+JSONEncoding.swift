public import CustomerModel

extension ScoringModel {
    /// The model as a JSON document in the format ``init(json:)`` reads; loading it gives back an
    /// equal model.
    public var jsonDocument: JSONDocument {
        var root: [(String, JSONNode)] = [
            ("id", .string(id)), ("version", .string(version)), ("subject", .string(subject.rawValue)),
        ]
        if let currency { root.append(("currency", .string(currency.description))) }
        if let summary { root.append(("summary", .string(summary))) }
        root.append(("dimensions", .object(dimensions.map { ($0.dimension.rawValue, Self.number($0.weight)) })))
        root.append(("indicators", .array(indicators.map(Self.node(of:)))))
        return JSONDocument(root: .object(root))
    }

    /// The model as pretty-printed JSON text.
    public var jsonText: String { jsonDocument.text(pretty: true) }

    private static func number(_ value: Double) -> JSONNode { .number(value) ?? .null }

    private static func node(of indicator: ScoringIndicator) -> JSONNode {
        .object([
            ("id", .string(indicator.id.rawValue)), ("dimension", .string(indicator.dimension.rawValue)),
            ("weight", number(indicator.weight)), ("normalisation", node(of: indicator.normalisation)),
            ("direction", .string(indicator.direction.rawValue)), ("missing", .string(indicator.missing.rawValue)),
        ])
    }

    private static func node(of normalisation: Normalisation) -> JSONNode {
        var members: [(String, JSONNode)] = [("kind", .string(normalisation.kindName))]
        switch normalisation {
        case .percentileRank: break
        case .cappedMinMax(let floor, let cap), .logScale(let floor, let cap):
            members.append(("floor", number(floor)))
            members.append(("cap", number(cap)))
        case .lookup(let table):
            members.append(("table", .object(table.entries.map { ($0.category, number($0.value)) })))
            if let value = table.defaultValue { members.append(("default", number(value))) }
        case .expertRating(let scale):
            members.append(("scale", .string(scale.rawValue)))
        }
        return .object(members)
    }
}
