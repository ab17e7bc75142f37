public import CustomerModel
public import Rules

/// Each client's segments under a policy as a ``/Rules/FactSource`` of one fact, `segments`, a
/// tag set: rules test membership with `"young_affluent" in segments`.
///
/// ```swift
/// var catalogue = FactCatalogue.standard()
/// try catalogue.declare([SegmentFacts.definition])
/// let facts = SegmentFacts(evaluation)
/// let firings = try engine.update(facts: facts, at: clock.now)
/// ```
public struct SegmentFacts: FactSource {
    /// The `segments` fact.
    public static let definition = FactDefinition("segments", .tagset, "Segments the client is in (Segmentation)")

    /// The clients, in the evaluation's order.
    public let clients: [CustomerID]
    /// Each client's segments.
    public let segments: [[String]]

    /// The segments of every client of `evaluation`.
    public init(_ evaluation: PolicyEvaluation) {
        clients = evaluation.evaluations.map(\.client)
        segments = evaluation.evaluations.map(\.segments)
    }

    /// The source's one fact.
    public var facts: [FactDefinition] { [Self.definition] }

    /// Writes the segments of the client at `index`.
    public func values(ofClientAt index: Int, into values: inout FactValues) {
        guard segments.indices.contains(index) else { return }
        values[0] = .tags(segments[index])
    }
}
