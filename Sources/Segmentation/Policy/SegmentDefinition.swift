/// An ad-hoc segment: a named condition in the rule condition language, evaluated over the
/// whole book or one client ("young affluent", "dormant private-banking").
///
/// Rules read a client's segments as the tag set `segments`: `"young_affluent" in segments`.
public struct SegmentDefinition: Hashable, Sendable {
    /// The segment's name, a rule word (`young_affluent`).
    public var name: String
    /// The membership condition.
    public var condition: String
    /// What the segment is for.
    public var summary: String

    /// Creates a segment.
    public init(name: String, condition: String, summary: String = "") {
        self.name = name
        self.condition = condition
        self.summary = summary
    }
}

/// A classification dimension beside tiers (industry, region, ownership, lifecycle stage): a
/// name and the fact whose value classifies the client.
public struct ClassificationDimension: Hashable, Sendable {
    /// The dimension's name (`industry`).
    public var name: String
    /// The fact read (`industry`, `corporate.region`).
    public var fact: String

    /// Creates a dimension.
    public init(name: String, fact: String) {
        self.name = name
        self.fact = fact
    }
}

/// A condition that starts an orderly exit from the ladder (worsening risk, strategic mismatch).
///
/// An exit is never a silent drop: it is started, stays visible for one review period, and
/// completes at the next review only when the condition still holds.
public struct ExitTrigger: Hashable, Sendable {
    /// The trigger's name (`risk`).
    public var name: String
    /// The condition.
    public var condition: String
    /// The reason recorded and shown (`credit rating fell below B`).
    public var reason: String

    /// Creates an exit trigger.
    public init(name: String, condition: String, reason: String) {
        self.name = name
        self.condition = condition
        self.reason = reason
    }
}
