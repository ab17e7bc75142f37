public import CustomerModel

/// One step in a client's tier history: a move, a proposal and its decision, a warning, an
/// override and its end, an exit; with who or what caused it, why, and the policy version.
///
/// Every event carries the client's effective tier before (``from``) and after (``to``) it, so
/// the tier of any client as of any day is the ``to`` of its last event on or before that day.
public struct TierEvent: Hashable, Sendable, Codable, Identifiable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The client's first tier on the ladder.
        case assigned
        /// The client moved up.
        case upgraded
        /// The client moved down.
        case downgraded
        /// A move was proposed for approval; nothing moved yet.
        case proposed
        /// A proposal was accepted and applied.
        case approved
        /// A proposal was rejected.
        case rejected
        /// The client failed its tier's keep criteria: an early warning with what it takes to stay.
        case warned
        /// A warned client meets its tier's keep criteria again.
        case recovered
        /// A manual override set the client's tier until an expiry.
        case overridden
        /// An override reached its expiry and ended by itself.
        case overrideExpired
        /// An exit trigger started an orderly exit.
        case exitStarted
        /// An exit was called off: the trigger no longer holds.
        case exitCancelled
        /// The exit completed: the client left the ladder's upper tiers.
        case exited
    }

    /// The event's id: `<client>/<day>/<sequence>`, the same in every run of the same review.
    public var id: String
    /// The client.
    public var client: CustomerID
    /// The day it happened.
    public var day: Day
    /// What happened.
    public var kind: Kind
    /// The ladder.
    public var ladder: String
    /// The effective tier before.
    public var from: String?
    /// The effective tier after.
    public var to: String?
    /// For proposals and their decisions, the tier proposed.
    public var proposed: String?
    /// Why, in words (`AUM and value score below diamond's keep thresholds for 2 reviews`).
    public var reason: String
    /// Who or what caused it: `policy` for evaluations, otherwise the principal (`headOffice:HO-1`).
    public var cause: String
    /// The policy version in force.
    public var policy: PolicyVersion
    /// For warnings, criterion by criterion, what it takes to stay.
    public var shortfalls: [Shortfall]
    /// For warnings the next review (the deadline), for exits the day they complete, for
    /// overrides their expiry.
    public var deadline: Day?

    /// Creates an event.
    public init(
        id: String,
        client: CustomerID,
        day: Day,
        kind: Kind,
        ladder: String,
        from: String?,
        to: String?,
        proposed: String? = nil,
        reason: String,
        cause: String,
        policy: PolicyVersion,
        shortfalls: [Shortfall] = [],
        deadline: Day? = nil
    ) {
        self.id = id
        self.client = client
        self.day = day
        self.kind = kind
        self.ladder = ladder
        self.from = from
        self.to = to
        self.proposed = proposed
        self.reason = reason
        self.cause = cause
        self.policy = policy
        self.shortfalls = shortfalls
        self.deadline = deadline
    }

    /// Whether the event changed the client's effective tier.
    public var isMove: Bool { kind == .assigned || from != to }

    /// `2027-03-31 C-1 downgraded diamond -> platinum (policy, vip v1): ...`.
    public var description: String {
        "\(day) \(client) \(kind.rawValue) \(from ?? "none") -> \(to ?? "none") (\(cause), \(policy)): \(reason)"
    }
}
