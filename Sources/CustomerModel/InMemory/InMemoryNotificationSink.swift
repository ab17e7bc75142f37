import Synchronization

/// The in-memory ``NotificationSink``: records what would have been sent, for tests and the demo.
public final class InMemoryNotificationSink: NotificationSink {
    private struct State {
        var delivered: [OutboundNotification] = []
        var seen: Set<String> = []
    }

    private let state = Mutex(State())
    private let clock: any WallClock

    /// Creates a sink that stamps receipts with `clock`.
    public init(clock: any WallClock) { self.clock = clock }

    /// Records each new notification; repeats are acknowledged as duplicates, empty texts rejected.
    public func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt] {
        let now = clock.now
        return state.withLock { state in
            batch.map { notification in
                if notification.message.isEmpty {
                    return .rejected(id: notification.id, reason: "empty message")
                }
                guard state.seen.insert(notification.id).inserted else { return .duplicate(id: notification.id) }
                state.delivered.append(notification)
                return .sent(id: notification.id, at: now)
            }
        }
    }

    /// Every notification delivered, in order.
    public var delivered: [OutboundNotification] { state.withLock { $0.delivered } }
}

/// Fans every batch out to several sinks; the receipts are the first sink's.
public struct MultiplexNotificationSink: NotificationSink {
    private let sinks: [any NotificationSink]

    /// Creates a fan-out over `sinks` (at least one).
    public init(_ sinks: [any NotificationSink]) { self.sinks = sinks }

    /// Delivers to each sink in turn; the first failure stops the fan-out and is thrown.
    public func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt] {
        var first: [DeliveryReceipt]?
        for sink in sinks {
            let receipts = try await sink.deliver(batch)
            if first == nil { first = receipts }
        }
        return first ?? batch.map { .rejected(id: $0.id, reason: "no sink configured") }
    }
}
