public import CustomerModel

/// The default ``ActionHandler``: sends `notify` actions through a ``/CustomerModel/NotificationSink``, one
/// ``/CustomerModel/OutboundNotification`` per resolved member of staff, and returns every other action (tasks,
/// processes, tags, flags) as ``ActionOutcome/Status/unhandled`` for a later handler (Workflow).
///
/// **Idempotent ids.** A notification's id is `<action id>-<staff id>`, that is
/// `<firing id>-<action index>-<staff id>`: the same in every run of the same firing, so a sink
/// that honours its contract (repeated ids are acknowledged, not sent) sends nothing twice when
/// a day is run again. The notification is stamped with the firing's instant, not a clock.
///
/// **Outcomes.** A `notify` action is ``ActionOutcome/Status/handled`` when at least one message
/// went out now, ``ActionOutcome/Status/duplicate`` when every message had been sent before, and
/// ``ActionOutcome/Status/failed`` when none could be sent (no recipient resolved, every message
/// refused). Unresolved recipients and refused messages are listed in
/// ``ActionOutcome/problems`` whatever the status.
public struct NotifyingActionHandler: ActionHandler {
    /// Where notifications go.
    public let sink: any NotificationSink

    /// Creates a handler that delivers through `sink`.
    public init(sink: any NotificationSink) { self.sink = sink }

    /// Delivers the batch's notifications in one call to the sink.
    /// - Throws: ``ActionHandlerError`` with code `unavailable` when the sink fails as a whole,
    ///   `brokenContract` when it answers with a receipt count that does not match.
    public func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome] {
        var outbound: [OutboundNotification] = []
        /// Per action, the positions of its notifications in `outbound`.
        var sent: [Range<Int>] = []
        for item in batch {
            let first = outbound.count
            if case .notify(_, let channel, let message) = item.action, let recipients = item.recipients {
                for staff in recipients.staff {
                    outbound.append(
                        OutboundNotification(
                            id: "\(item.id.rawValue)-\(staff.rawValue)",
                            recipient: staff,
                            channel: channel,
                            customer: item.client,
                            message: message,
                            createdAt: item.at
                        )
                    )
                }
            }
            sent.append(first..<outbound.count)
        }
        var receipts: [DeliveryReceipt] = []
        if !outbound.isEmpty {
            do {
                receipts = try await sink.deliver(outbound)
            } catch {
                throw ActionHandlerError(.unavailable, "the notification sink failed: \(error.code)")
            }
            guard receipts.count == outbound.count else {
                throw ActionHandlerError(
                    .brokenContract,
                    "the sink answered \(receipts.count) receipts for \(outbound.count) notifications"
                )
            }
        }
        return zip(batch, sent).map { item, range in
            guard case .notify = item.action else { return ActionOutcome(action: item.id, status: .unhandled) }
            var problems: [String] = []
            if let problem = item.recipients?.problem { problems.append(problem.description) }
            if item.recipients == nil { problems.append("the action's recipients were not resolved") }
            var delivered = 0
            var duplicates = 0
            for receipt in receipts[range] {
                switch receipt {
                case .sent: delivered += 1
                case .duplicate: duplicates += 1
                case .rejected(let id, let reason): problems.append("notification \(id) refused: \(reason)")
                }
            }
            let status: ActionOutcome.Status = delivered > 0 ? .handled : duplicates > 0 ? .duplicate : .failed
            return ActionOutcome(action: item.id, status: status, problems: problems)
        }
    }
}
