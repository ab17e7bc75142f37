public import CustomerModel

/// One recorded evaluation of a client: the day, the policy version, what the criteria said,
/// the tier before and after the review, and the facts used, so "why" can be answered for any
/// past date.
public struct EvaluationRecord: Hashable, Sendable, Codable {
    /// The client.
    public var client: CustomerID
    /// The day evaluated.
    public var day: Day
    /// The policy version.
    public var policy: PolicyVersion
    /// The ladder.
    public var ladder: String
    /// The highest tier whose entry criteria held.
    public var qualifies: String?
    /// The highest tier whose keep criteria held.
    public var keeps: String?
    /// The effective tier before the review.
    public var tierBefore: String?
    /// The effective tier after the review.
    public var tierAfter: String?
    /// Per tier, lowest first: its criteria's outcomes.
    public var tiers: [TierCriteriaRecord]
    /// The segments the client was in.
    public var segments: [String]
    /// The classification.
    public var dimensions: [DimensionValue]
    /// The exit triggers that held.
    public var exitTriggers: [String]
    /// The facts read, with their values.
    public var facts: [FactReading]

    /// Creates a record.
    public init(
        client: CustomerID,
        day: Day,
        policy: PolicyVersion,
        ladder: String,
        qualifies: String?,
        keeps: String?,
        tierBefore: String?,
        tierAfter: String?,
        tiers: [TierCriteriaRecord],
        segments: [String],
        dimensions: [DimensionValue],
        exitTriggers: [String],
        facts: [FactReading]
    ) {
        self.client = client
        self.day = day
        self.policy = policy
        self.ladder = ladder
        self.qualifies = qualifies
        self.keeps = keeps
        self.tierBefore = tierBefore
        self.tierAfter = tierAfter
        self.tiers = tiers
        self.segments = segments
        self.dimensions = dimensions
        self.exitTriggers = exitTriggers
        self.facts = facts
    }

    /// The store key: client, day and policy version.
    public var key: EvaluationKey { EvaluationKey(client: client, day: day, policy: policy) }
}

/// The key of an evaluation record.
public struct EvaluationKey: Hashable, Sendable, Codable {
    /// The client.
    public var client: CustomerID
    /// The day.
    public var day: Day
    /// The policy version.
    public var policy: PolicyVersion

    /// Creates a key.
    public init(client: CustomerID, day: Day, policy: PolicyVersion) {
        self.client = client
        self.day = day
        self.policy = policy
    }
}

/// One tier's criteria outcomes in a recorded evaluation.
public struct TierCriteriaRecord: Hashable, Sendable, Codable {
    /// The tier.
    public var tier: String
    /// Whether its entry criteria held.
    public var entryMet: Bool
    /// Whether its keep criteria held.
    public var keepMet: Bool
    /// Each criterion.
    public var criteria: [CriterionOutcome]

    /// Creates a record.
    public init(tier: String, entryMet: Bool, keepMet: Bool, criteria: [CriterionOutcome]) {
        self.tier = tier
        self.entryMet = entryMet
        self.keepMet = keepMet
        self.criteria = criteria
    }
}

/// A client's tier as of a day: the tier, since when, and the event that put it there with its reason.
public struct TierAsOf: Hashable, Sendable, Codable {
    /// The client.
    public var client: CustomerID
    /// The ladder.
    public var ladder: String
    /// The effective tier.
    public var tier: String?
    /// The day the client entered it.
    public var since: Day
    /// The event that put the client in it.
    public var event: TierEvent

    /// Creates an answer.
    public init(client: CustomerID, ladder: String, tier: String?, since: Day, event: TierEvent) {
        self.client = client
        self.ladder = ladder
        self.tier = tier
        self.since = since
        self.event = event
    }

    /// Why the client is in the tier (the reason of the event that put it there).
    public var reason: String { event.reason }
}
