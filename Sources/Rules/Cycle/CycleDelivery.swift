/// What handing the rules' actions over did: notifications sent, acknowledged as duplicates or
/// rejected by the sink, and actions left to other handlers.
public struct CycleDelivery: Hashable, Sendable, Codable {
    /// Notifications the sink sent now.
    public var sent = 0
    /// Notifications whose id the sink had delivered before: not sent again.
    public var duplicates = 0
    /// Notifications the sink refused (an empty text, an unknown recipient).
    public var rejected = 0
    /// Notify actions whose recipient resolved to no member of staff (a client without an RM,
    /// a branch without a head, a named group): nothing was sent.
    public var unresolved = 0
    /// Actions that are not notifications (tasks, processes, tags, flags): left for the workflow
    /// module, counted here.
    public var unhandled = 0

    /// Nothing delivered yet.
    public init() {}

    /// The counts as ``CycleCount``s (`notifications.sent` ...).
    public var counts: [CycleCount] {
        [
            CycleCount("notifications.sent", sent), CycleCount("notifications.duplicate", duplicates),
            CycleCount("notifications.rejected", rejected), CycleCount("recipients.unresolved", unresolved),
            CycleCount("actions.unhandled", unhandled),
        ]
    }

    /// Adds `other`'s counts.
    public mutating func add(_ other: CycleDelivery) {
        sent += other.sent
        duplicates += other.duplicates
        rejected += other.rejected
        unresolved += other.unresolved
        unhandled += other.unhandled
    }

    /// Delivery counts read back from ``counts`` (a checkpoint's).
    init(counts: [CycleCount]) {
        sent = counts[count: "notifications.sent"] ?? 0
        duplicates = counts[count: "notifications.duplicate"] ?? 0
        rejected = counts[count: "notifications.rejected"] ?? 0
        unresolved = counts[count: "recipients.unresolved"] ?? 0
        unhandled = counts[count: "actions.unhandled"] ?? 0
    }
}
