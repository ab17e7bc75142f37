public import CustomerModel

/// What the ``NotificationSinkConformance`` checks run against: a fresh sink and, when the host
/// can see it, what actually went out.
public struct NotificationSinkFixture<Sink: NotificationSink>: ConformanceFixture {
    /// The sink under test, which has sent nothing yet.
    public var sink: Sink
    /// Every notification actually sent so far, in order (a fake gateway's outbox), or `nil`
    /// when the host cannot observe it; the kit then checks the receipts alone.
    public var delivered: (@Sendable () async throws -> [OutboundNotification])?
    /// Called after the check, even when it failed.
    public var tearDown: (@Sendable () async throws -> Void)?

    /// Creates a fixture.
    /// - Parameters:
    ///   - sink: a fresh sink.
    ///   - delivered: what the sink actually sent, in order, or `nil` when unobservable.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(
        sink: Sink,
        delivered: (@Sendable () async throws -> [OutboundNotification])? = nil,
        tearDown: (@Sendable () async throws -> Void)? = nil
    ) {
        self.sink = sink
        self.delivered = delivered
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/CustomerModel/NotificationSink``, as checks a host runs
/// against its own adapter (pointed at a fake gateway).
///
/// The checks deliver small batches and read the receipts: one receipt per notification in input
/// order; a repeated id, in a later batch or the same one, is acknowledged as a duplicate and not
/// sent again; an empty message is rejected while the rest of the batch goes on; concurrent
/// deliveries of one id send it once. When the fixture exposes ``NotificationSinkFixture/delivered``,
/// the kit also checks what went out.
///
/// ```swift
/// typealias Kit = NotificationSinkConformance<SMSGatewaySink>
/// @Test(arguments: Kit.checks) func smsSinkConforms(_ check: Kit.Check) async throws {
///     try await Kit(makeSink: { SMSGatewaySink(gateway: FakeGateway()) }).run(check)
/// }
/// ```
public struct NotificationSinkConformance<Sink: NotificationSink>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = NotificationSinkFixture<Sink>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh sink; the kit then checks receipts only.
    public init(makeSink: @escaping @Sendable () async throws -> Sink) {
        self.makeFixture = { Fixture(sink: try await makeSink()) }
    }

    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            Check("one receipt per notification, in input order, each sent", oneReceiptPerNotification),
            Check(
                "a repeated id in a later batch is a duplicate and is not sent again, even with other text",
                repeatedIDIsDuplicate
            ),
            Check("an id repeated within one batch is sent once", repeatWithinBatchSentOnce),
            Check("an empty message is rejected while the rest of the batch goes on", emptyMessageRejected),
            Check("an empty batch returns no receipts", emptyBatch),
            Check("20 tasks delivering the same id at once send it once", concurrentDeliveriesSendOnce),
        ]
    }
}

extension NotificationSinkConformance where Sink == InMemoryNotificationSink {
    /// The kit over fresh ``/CustomerModel/InMemoryNotificationSink``s, checking what they record
    /// as delivered.
    public static var inMemory: Self {
        Self {
            let sink = InMemoryNotificationSink(clock: ManualClock(start: ConformanceWorld.start))
            return Fixture(sink: sink, delivered: { sink.delivered })
        }
    }
}

// MARK: - Checks

extension NotificationSinkConformance {
    /// A notification to RM-A about C-A1.
    static func notification(
        _ id: String,
        _ message: String = "Client C-A1: time deposit matures in 15 days"
    )
        -> OutboundNotification
    {
        let channels = OutboundNotification.Channel.allCases
        return OutboundNotification(
            id: id,
            recipient: "RM-A",
            channel: channels[id.utf8.count % channels.count],
            customer: id.hasSuffix("0") ? nil : ConformanceWorld.clientA1,
            message: message,
            createdAt: ConformanceWorld.start
        )
    }

    /// The id and kind of a receipt, ignoring the instant and the reason.
    static func summary(_ receipt: DeliveryReceipt) -> String {
        switch receipt {
        case .sent(let id, _): "sent \(id)"
        case .duplicate(let id): "duplicate \(id)"
        case .rejected(let id, _): "rejected \(id)"
        }
    }

    static func deliver(
        _ f: Fixture,
        _ batch: [OutboundNotification],
        _ subject: String
    )
        async throws(ConformanceFailure) -> [String]
    {
        let receipts = try await call(subject) { try await f.sink.deliver(batch) }
        return receipts.map(summary)
    }

    /// Checks what went out, when the fixture can see it.
    static func expectDelivered(
        _ f: Fixture,
        _ expected: [OutboundNotification],
        _ subject: String
    )
        async throws(ConformanceFailure)
    {
        guard let delivered = f.delivered else { return }
        let sent = try await call("reading what the sink sent") { try await delivered() }
        try expectElements(sent.map(\.id), expected.map(\.id), subject)
        try expectElements(sent, expected, "\(subject), every field")
    }

    static func oneReceiptPerNotification(_ f: Fixture) async throws {
        let batch = (1...5).map { notification("N-\($0)", "Message \($0)") }
        try expectElements(
            try await deliver(f, batch, "delivering five notifications"),
            batch.map { "sent \($0.id)" },
            "the receipts"
        )
        try await expectDelivered(f, batch, "notifications sent")
    }

    static func repeatedIDIsDuplicate(_ f: Fixture) async throws {
        let first = notification("N-1")
        _ = try await deliver(f, [first], "delivering N-1")
        let second = notification("N-2")
        try expectElements(
            try await deliver(
                f,
                [notification("N-1", "Different text, same id"), second],
                "delivering N-1 again and N-2"
            ),
            ["duplicate N-1", "sent N-2"],
            "the receipts of the second batch"
        )
        try expectElements(
            try await deliver(f, [first], "delivering N-1 a third time"),
            ["duplicate N-1"],
            "the receipt of the third"
        )
        try await expectDelivered(f, [first, second], "notifications sent")
    }

    static func repeatWithinBatchSentOnce(_ f: Fixture) async throws {
        let one = notification("N-1")
        try expectElements(
            try await deliver(f, [one, notification("N-2"), one], "delivering N-1, N-2, N-1"),
            ["sent N-1", "sent N-2", "duplicate N-1"],
            "the receipts"
        )
        try await expectDelivered(f, [one, notification("N-2")], "notifications sent")
    }

    static func emptyMessageRejected(_ f: Fixture) async throws {
        let batch = [notification("N-1"), notification("N-EMPTY", ""), notification("N-3")]
        try expectElements(
            try await deliver(f, batch, "delivering three notifications, the second empty"),
            ["sent N-1", "rejected N-EMPTY", "sent N-3"],
            "the receipts"
        )
        try await expectDelivered(f, [batch[0], batch[2]], "notifications sent")
    }

    static func emptyBatch(_ f: Fixture) async throws {
        try expectElements(try await deliver(f, [], "delivering an empty batch"), [], "the receipts")
        try await expectDelivered(f, [], "notifications sent")
    }

    static func concurrentDeliveriesSendOnce(_ f: Fixture) async throws {
        let sink = f.sink
        let one = notification("N-RACE")
        let receipts = try await withThrowingTaskGroup(of: [DeliveryReceipt].self) { group in
            for _ in 0..<20 { group.addTask { try await sink.deliver([one]) } }
            var all: [DeliveryReceipt] = []
            for try await receipts in group { all += receipts }
            return all
        }
        let summaries = receipts.map(summary)
        try expectEqual(summaries.count, 20, "receipts for 20 deliveries of one notification")
        try expectEqual(summaries.filter { $0 == "sent N-RACE" }.count, 1, "deliveries that sent N-RACE")
        try expectEqual(
            summaries.filter { $0 == "duplicate N-RACE" }.count,
            19,
            "deliveries acknowledged as duplicates"
        )
        try await expectDelivered(f, [one], "notifications sent")
    }
}
