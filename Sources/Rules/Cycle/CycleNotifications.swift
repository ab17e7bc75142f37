import CustomerModel

/// Hands the rules' actions over: each notify action becomes one notification per member of
/// staff its recipient resolves to, with an id derived from the firing (so a second delivery is
/// a duplicate the sink does not send); other actions are counted as unhandled.
///
/// An adapter until the `ActionHandler` port and its notifying default replace it: recipients
/// resolve through the client's coverage and the organisation (the RM, the service team, the
/// head of the booking branch or of the nearest branch above it that has one; a named group
/// resolves to nobody), and the firing id is (rule, version, client, day, cause).
struct CycleNotifications: Sendable {
    let organisation: Organisation

    /// The firing's id: the same for the same rule version, client, day and cause, in every process.
    static func firingID(of firing: RuleFiring) -> String {
        var fingerprint = CycleFingerprint()
        fingerprint.add(firing.cause)
        let cause = String(fingerprint.value, radix: 16)
        return "\(firing.rule)@v\(firing.version)/\(firing.client)/\(firing.day)/\(cause)"
    }

    /// The notifications of `firing` (`coverage` is its client's) and what was left unhandled.
    func notifications(of firing: RuleFiring, coverage: Coverage?, createdAt: Instant)
        -> (notifications: [OutboundNotification], delivery: CycleDelivery)
    {
        var delivery = CycleDelivery()
        var notifications: [OutboundNotification] = []
        let id = Self.firingID(of: firing)
        for (index, action) in firing.actions.enumerated() {
            guard case .notify(let recipient, let channel, let message) = action else {
                delivery.unhandled += 1
                continue
            }
            let staff = coverage.map { resolve(recipient, coverage: $0) } ?? []
            if staff.isEmpty { delivery.unresolved += 1 }
            for member in staff {
                notifications.append(
                    OutboundNotification(
                        id: "\(id)#\(index)/\(member)", recipient: member, channel: channel,
                        customer: firing.client, message: message, createdAt: createdAt))
            }
        }
        return (notifications, delivery)
    }

    /// The staff `recipient` means for a client with `coverage`.
    func resolve(_ recipient: Recipient, coverage: Coverage) -> [StaffID] {
        switch recipient {
        case .relationshipManager: return coverage.relationshipManager.map { [$0] } ?? []
        case .serviceTeam: return coverage.serviceTeam
        case .branchHead:
            var branch = organisation.branch(coverage.branch)
            var steps = 0
            while let current = branch, steps < 64 {
                if let head = current.head { return [head] }
                branch = current.parent.flatMap { organisation.branch($0) }
                steps += 1
            }
            return []
        case .group: return []
        }
    }

    /// Delivers the notifications of `firings` (clients' coverage from `coverage`) to `sink` in
    /// batches of about `batchSize`, calling `handed` after each batch with the number of firings
    /// handed over so far and the delivery counts so far.
    static func deliver(
        _ firings: ArraySlice<RuleFiring>, coverage: (CustomerID) -> Coverage?, organisation: Organisation,
        sink: any NotificationSink, batchSize: Int, createdAt: Instant,
        handed: (Int, CycleDelivery) async throws(CycleFailure) -> Void
    ) async throws(CycleFailure) -> CycleDelivery {
        let handler = CycleNotifications(organisation: organisation)
        var total = CycleDelivery()
        var batch: [OutboundNotification] = []
        var done = 0
        var pending = 0
        for firing in firings {
            let (notifications, delivery) = handler.notifications(
                of: firing, coverage: coverage(firing.client), createdAt: createdAt)
            total.add(delivery)
            batch += notifications
            pending += 1
            if batch.count >= batchSize || done + pending == firings.count {
                total.add(try await send(batch, to: sink))
                done += pending
                pending = 0
                batch.removeAll(keepingCapacity: true)
                try await handed(done, total)
            }
        }
        return total
    }

    static func send(_ batch: [OutboundNotification], to sink: any NotificationSink) async throws(CycleFailure)
        -> CycleDelivery
    {
        var delivery = CycleDelivery()
        guard !batch.isEmpty else { return delivery }
        let receipts: [DeliveryReceipt]
        do throws(StoreError) { receipts = try await sink.deliver(batch) } catch { throw .store(error) }
        for receipt in receipts {
            switch receipt {
            case .sent: delivery.sent += 1
            case .duplicate: delivery.duplicates += 1
            case .rejected: delivery.rejected += 1
            }
        }
        return delivery
    }
}
