/// A message the library asks the host to deliver (SMS to an RM, a workbench alert).
public struct OutboundNotification: Hashable, Sendable, Codable, Identifiable {
    /// How the message is to travel (the one ``NotificationChannel`` vocabulary).
    public typealias Channel = NotificationChannel

    /// Idempotency key: a repeated id is acknowledged and not sent again.
    public var id: String
    /// The member of staff to receive it.
    public var recipient: StaffID
    /// The channel.
    public var channel: NotificationChannel
    /// The client it is about, if any.
    public var customer: CustomerID?
    /// The text.
    public var message: String
    /// When the library asked for it.
    public var createdAt: Instant

    /// Creates a notification.
    public init(
        id: String,
        recipient: StaffID,
        channel: NotificationChannel,
        customer: CustomerID?,
        message: String,
        createdAt: Instant
    ) {
        self.id = id
        self.recipient = recipient
        self.channel = channel
        self.customer = customer
        self.message = message
        self.createdAt = createdAt
    }
}

/// The outcome for one notification.
public enum DeliveryReceipt: Hashable, Sendable, Codable {
    /// Sent now.
    case sent(id: String, at: Instant)
    /// The same id was delivered before; nothing was sent.
    case duplicate(id: String)
    /// This one was refused (unknown recipient, empty text); the rest went on.
    case rejected(id: String, reason: String)
}

/// Delivers notifications through the host's channels (SMS gateway, e-mail, RM workbench).
///
/// Contract: each batch is delivered at least once, with one receipt per input in input order;
/// a repeated ``OutboundNotification/id`` is acknowledged as ``DeliveryReceipt/duplicate(id:)``
/// without sending again. A whole-call failure (the gateway is down) is a thrown ``StoreError``
/// with code ``StoreError/Code/unavailable``, never a receipt.
public protocol NotificationSink: Sendable {
    /// Delivers `batch` and returns one receipt per notification, in input order.
    func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt]
}
