/// What one review writes, all or nothing: evaluations, events, and the new state of each
/// client it changed (each naming the version it read).
public struct SegmentationBatch: Hashable, Sendable {
    /// The evaluations recorded.
    public var evaluations: [EvaluationRecord]
    /// The events, in order.
    public var events: [TierEvent]
    /// The new states; each one's ``ClientTierState/version`` is the version the writer read
    /// (0 for a client without a state).
    public var states: [ClientTierState]

    /// Creates a batch.
    public init(evaluations: [EvaluationRecord] = [], events: [TierEvent] = [], states: [ClientTierState] = []) {
        self.evaluations = evaluations
        self.events = events
        self.states = states
    }

    /// Whether the batch writes nothing.
    public var isEmpty: Bool { evaluations.isEmpty && events.isEmpty && states.isEmpty }
}

/// What committing a batch did.
public struct SegmentationCommitReport: Hashable, Sendable {
    /// Evaluations stored.
    public var evaluations: Int
    /// Evaluations already stored with the same content.
    public var unchangedEvaluations: Int
    /// Events stored.
    public var events: Int
    /// Events already stored with the same content.
    public var unchangedEvents: Int
    /// States written.
    public var states: Int

    /// Creates a report.
    public init(
        evaluations: Int = 0,
        unchangedEvaluations: Int = 0,
        events: Int = 0,
        unchangedEvents: Int = 0,
        states: Int = 0
    ) {
        self.evaluations = evaluations
        self.unchangedEvaluations = unchangedEvaluations
        self.events = events
        self.unchangedEvents = unchangedEvents
        self.states = states
    }
}
