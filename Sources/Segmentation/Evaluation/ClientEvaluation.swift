public import CustomerModel
public import Rules

/// One client's evaluation under a policy on one day: the highest tier whose entry criteria it
/// meets, the highest whose keep criteria it meets, each tier's criteria outcomes, its
/// segments, classification and exit triggers, and the facts the policy read.
public struct ClientEvaluation: Hashable, Sendable {
    /// The client.
    public var client: CustomerID
    /// The ladder that applies to the client (its kind's), or `nil` when the policy has none.
    public var ladder: String?
    /// The highest tier whose entry criteria hold (the lowest tier when no other's do).
    public var qualifies: String?
    /// The highest tier whose keep criteria hold.
    public var keeps: String?
    /// Per tier of the ladder (lowest first): whether its entry criteria hold as the tier's match says.
    public var entryMet: [Bool]
    /// Per tier of the ladder: whether its keep criteria hold.
    public var keepMet: [Bool]
    /// Per tier, per criterion: the entry and keep outcomes.
    public var criteria: [[CriterionOutcome]]
    /// The segments the client is in, in the policy's order.
    public var segments: [String]
    /// The classification, one value per dimension of the policy (`n/a` when missing).
    public var dimensions: [DimensionValue]
    /// The exit triggers whose condition holds.
    public var exitTriggers: [String]
    /// The facts the policy read, with their values for the client.
    public var facts: [FactReading]

    /// Creates an evaluation.
    public init(
        client: CustomerID,
        ladder: String?,
        qualifies: String?,
        keeps: String?,
        entryMet: [Bool],
        keepMet: [Bool],
        criteria: [[CriterionOutcome]],
        segments: [String],
        dimensions: [DimensionValue],
        exitTriggers: [String],
        facts: [FactReading]
    ) {
        self.client = client
        self.ladder = ladder
        self.qualifies = qualifies
        self.keeps = keeps
        self.entryMet = entryMet
        self.keepMet = keepMet
        self.criteria = criteria
        self.segments = segments
        self.dimensions = dimensions
        self.exitTriggers = exitTriggers
        self.facts = facts
    }

    /// The value the policy read for fact `name`, if it read it.
    public func fact(_ name: String) -> String? { facts.first { $0.fact == name }?.value }
}

/// One criterion's outcome for a client: whether its entry and keep conditions hold and, for a
/// threshold, how far the client is from staying.
public struct CriterionOutcome: Hashable, Sendable, Codable {
    /// The criterion's name.
    public var name: String
    /// Whether the entry condition holds.
    public var entryHolds: Bool
    /// Whether the keep condition holds.
    public var keepHolds: Bool
    /// What the client lacks to meet the keep threshold, for a threshold criterion that fails it.
    public var shortfall: Shortfall?

    /// Creates an outcome.
    public init(name: String, entryHolds: Bool, keepHolds: Bool, shortfall: Shortfall? = nil) {
        self.name = name
        self.entryHolds = entryHolds
        self.keepHolds = keepHolds
        self.shortfall = shortfall
    }
}

/// How far a client is from a threshold: the fact, its value, the threshold, and the gap.
public struct Shortfall: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The criterion.
    public var criterion: String
    /// The fact (`aum`).
    public var fact: String
    /// The client's value as text (`n/a` when missing).
    public var current: String
    /// The threshold as text.
    public var threshold: String
    /// The gap as text (`CNY 1,200,000.00`, `3.4`); the whole threshold when the value is missing.
    public var gap: String

    /// Creates a shortfall.
    public init(criterion: String, fact: String, current: String, threshold: String, gap: String) {
        self.criterion = criterion
        self.fact = fact
        self.current = current
        self.threshold = threshold
        self.gap = gap
    }

    /// `aum: CNY 1,200,000.00 more (now CNY 800,000.00, at least CNY 2,000,000.00)`.
    public var description: String { "\(fact): \(gap) more (now \(current), at least \(threshold))" }
}

/// One classification of a client: the dimension and its value.
public struct DimensionValue: Hashable, Sendable, Codable {
    /// The dimension.
    public var dimension: String
    /// The value as text (`n/a` when missing).
    public var value: String

    /// Creates a classification.
    public init(dimension: String, value: String) {
        self.dimension = dimension
        self.value = value
    }
}

/// One fact an evaluation read and its value as text.
public struct FactReading: Hashable, Sendable, Codable {
    /// The fact as written (`aum`, `aum.change(30d)`).
    public var fact: String
    /// Its value as text (`n/a` when missing).
    public var value: String

    /// Creates a reading.
    public init(fact: String, value: String) {
        self.fact = fact
        self.value = value
    }
}
