import CustomerModel

/// Hands the actions of rule firings to the cycle's ``ActionHandler``: recipients resolved with a
/// ``RecipientResolver`` over the organisation and the clients' coverage, in batches of whole
/// firings of about `batchSize` actions, the outcomes counted as a ``CycleDelivery``.
///
/// Every action carries its firing's deterministic id, so handing a batch over again (a rerun,
/// a resume after a failure) is answered as duplicates, not done twice.
enum CycleHandOver {
    /// Hands over the actions of `firings` (clients' coverage from `coverage`), calling `handed`
    /// after each batch with the number of firings handed over so far and the counts so far.
    /// - Throws: ``CycleFailure/actions(_:)`` when the handler fails as a whole or answers
    ///   against its contract; the batches before it were handed over.
    static func deliver(
        _ firings: ArraySlice<RuleFiring>,
        coverage: (CustomerID) -> Coverage?,
        resolver: RecipientResolver,
        handler: any ActionHandler,
        batchSize: Int,
        handed: (Int, CycleDelivery) async throws(CycleFailure) -> Void
    ) async throws(CycleFailure) -> CycleDelivery {
        var total = CycleDelivery()
        var batch: [FiringAction] = []
        var done = 0
        var pending = 0
        for firing in firings {
            batch += resolver.actions(of: [firing], coverage: coverage)
            pending += 1
            if batch.count >= batchSize || done + pending == firings.count {
                total.add(try await hand(batch, to: handler))
                done += pending
                pending = 0
                batch.removeAll(keepingCapacity: true)
                try await handed(done, total)
            }
        }
        return total
    }

    /// Hands `batch` to `handler` in one call and counts the outcomes.
    static func hand(_ batch: [FiringAction], to handler: any ActionHandler) async throws(CycleFailure) -> CycleDelivery
    {
        var delivery = CycleDelivery()
        guard !batch.isEmpty else { return delivery }
        let outcomes: [ActionOutcome]
        do throws(ActionHandlerError) { outcomes = try await handler.handle(batch) } catch { throw .actions(error) }
        guard outcomes.count == batch.count else {
            throw .actions(
                ActionHandlerError(
                    .brokenContract,
                    "the handler answered \(outcomes.count) outcomes for \(batch.count) actions"
                )
            )
        }
        for (action, outcome) in zip(batch, outcomes) {
            if let recipients = action.recipients, !recipients.isResolved { delivery.unresolved += 1 }
            switch outcome.status {
            case .handled: delivery.handled += 1
            case .duplicate: delivery.duplicates += 1
            case .unhandled: delivery.unhandled += 1
            default: delivery.failed += 1
            }
        }
        return delivery
    }
}
