public import CustomerModel
public import Rules

/// What one review did: the clients evaluated, the events recorded (moves, proposals, warnings,
/// exits, expired overrides), the actions they ask for, and what the store did.
public struct ReviewReport: Sendable {
    /// The review day.
    public var day: Day
    /// The policy.
    public var policy: PolicyVersion
    /// The clients evaluated (those due, or those asked for).
    public var evaluated: [CustomerID]
    /// The events, client by client in the book's order.
    public var events: [TierEvent]
    /// The actions the events ask for.
    public var actions: [SegmentationAction]
    /// The clients' states after the review.
    public var states: [ClientTierState]
    /// What the store did.
    public var commit: SegmentationCommitReport

    /// Creates a report.
    public init(
        day: Day,
        policy: PolicyVersion,
        evaluated: [CustomerID],
        events: [TierEvent],
        actions: [SegmentationAction],
        states: [ClientTierState],
        commit: SegmentationCommitReport
    ) {
        self.day = day
        self.policy = policy
        self.evaluated = evaluated
        self.events = events
        self.actions = actions
        self.states = states
        self.commit = commit
    }

    /// The events of `kind`.
    public func events(_ kind: TierEvent.Kind) -> [TierEvent] { events.filter { $0.kind == kind } }

    /// The events that moved a client's tier.
    public var moves: [TierEvent] { events.filter { $0.isMove && $0.from != nil } }

    /// The number of events of each kind, by the kind's name.
    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        for e in events { counts[e.kind.rawValue, default: 0] += 1 }
        return counts
    }
}
