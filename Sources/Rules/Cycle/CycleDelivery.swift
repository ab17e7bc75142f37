/// What handing the rules' actions to the ``ActionHandler`` did, counted by action (one action
/// of one firing; a notification to a service team is one action however many staff receive it).
public struct CycleDelivery: Hashable, Sendable, Codable {
    /// Actions carried out now (a notification sent to at least one recipient).
    public var handled = 0
    /// Actions carried out by an earlier run (every message's id had been delivered): not done again.
    public var duplicates = 0
    /// Actions the handler could not carry out (no recipient resolved, every message refused).
    public var failed = 0
    /// Actions whose recipient resolved to no member of staff (a client without an RM, a branch
    /// without a head, an unknown group), whatever their outcome.
    public var unresolved = 0
    /// Actions no handler takes yet (tasks, processes, tags and flags with the default
    /// notifying handler): left for the workflow module, counted here.
    public var unhandled = 0

    /// Nothing handed over yet.
    public init() {}

    /// The counts as ``CycleCount``s (`actions.handled` ...).
    public var counts: [CycleCount] {
        [
            CycleCount("actions.handled", handled), CycleCount("actions.duplicate", duplicates),
            CycleCount("actions.failed", failed), CycleCount("recipients.unresolved", unresolved),
            CycleCount("actions.unhandled", unhandled),
        ]
    }

    /// Adds `other`'s counts.
    public mutating func add(_ other: CycleDelivery) {
        handled += other.handled
        duplicates += other.duplicates
        failed += other.failed
        unresolved += other.unresolved
        unhandled += other.unhandled
    }

    /// Delivery counts read back from ``counts`` (a checkpoint's).
    init(counts: [CycleCount]) {
        handled = counts[count: "actions.handled"] ?? 0
        duplicates = counts[count: "actions.duplicate"] ?? 0
        failed = counts[count: "actions.failed"] ?? 0
        unresolved = counts[count: "recipients.unresolved"] ?? 0
        unhandled = counts[count: "actions.unhandled"] ?? 0
    }
}
