public import CustomerModel

extension SyntheticBank {
    /// The transaction types that can fail in the simulation: money a client sends out
    /// (card payments, online payments, transfers, withdrawals, investment purchases, FX).
    public static let failingTransactionTypes: Set<TransactionType> = [
        .cardSpend, .onlinePayment, .transferOut, .withdrawal, .investmentPurchase, .fx,
    ]

    /// Attempted transactions that failed (a card declined, a transfer refused by a limit, a
    /// payment lost to a system error), for the clients in `clients` (clamped to the bank), in
    /// client order and by time within each client.
    ///
    /// Each failure is an attempt at one of the client's booked outgoing transactions (of a type in
    /// ``failingTransactionTypes``) that the client retried successfully: the same account,
    /// type, amount, channel, merchant and counterparty, 1 to 30 minutes earlier the same day.
    /// A client has on average `perClientPerYear` failures a year (scaled by the period's days,
    /// Poisson-distributed), never more than its eligible transactions. Failed attempts are not
    /// booked: they are not among ``transactions(clients:)`` and change no balance. Their ids are
    /// `F` followed by the base-36 running number of the transaction that succeeded
    /// (`T1A2` failed first as `F1A2`), so they are unique and never collide with a booked id.
    ///
    /// The failures come from their own random stream per client, so this method is deterministic
    /// (the same seed, configuration, clients and rate give the same failures) and adds nothing
    /// to, and changes nothing in, any other output of the bank.
    ///
    /// ```swift
    /// let failed = bank.failedTransactions(clients: 0..<bank.clientCount)
    /// let events = failed.map(RuleEvent.failedTransaction)   // feed "on failed transaction" rules
    /// ```
    /// - Complexity: O(transactions of the clients that have a failure).
    public func failedTransactions(clients: Range<Int>, perClientPerYear: Double = 0.25) -> [Transaction] {
        let lower = min(max(0, clients.lowerBound), clientCount)
        let range = lower..<min(max(lower, clients.upperBound), clientCount)
        let rate = perClientPerYear.isFinite ? min(365, max(0, perClientPerYear)) : 0
        let mean = rate * Double(configuration.days) / 365
        guard mean > 0 else { return [] }
        var generator = TransactionGenerator(model: model)
        var result: [Transaction] = []
        var eligible: [Int] = []
        for index in range {
            var rng = SeededGenerator(seed: model.seed, stream: UInt64(index), purpose: Purpose.failedTransactions)
            let wanted = rng.poisson(mean: mean)
            guard wanted > 0 else { continue }
            generator.generate(client: index)
            eligible.removeAll(keepingCapacity: true)
            for (position, row) in generator.rows.enumerated()
            where row.direction == .outflow && Self.failingTransactionTypes.contains(row.type) {
                eligible.append(position)
            }
            let count = min(wanted, eligible.count)
            // A partial Fisher-Yates shuffle picks `count` distinct transactions; time order after.
            for pick in 0..<count {
                let other = pick + rng.nextInt(below: eligible.count - pick)
                if other != pick { eligible.swapAt(pick, other) }
            }
            let first = model.transactionOffsets[index]
            var failures: [Transaction] = []
            for position in eligible[0..<count].sorted() {
                let row = generator.rows[position]
                var failed = generator.transaction(row, number: first + position, client: index)
                failed.id = TransactionID("F" + failed.id.rawValue.dropFirst())
                failed.secondOfDay = max(0, row.second - Int32(60 + rng.nextInt(below: 29 * 60 + 1)))
                failures.append(failed)
            }
            // Two failures on one day may swap places once moved earlier: order by time, stably.
            result += failures.enumerated().sorted {
                ($0.element.day, $0.element.secondOfDay, $0.offset) < (
                    $1.element.day, $1.element.secondOfDay, $1.offset
                )
            }
            .map(\.element)
        }
        return result
    }
}

extension Purpose {
    /// The stream of a client's failed transaction attempts.
    static let failedTransactions: UInt64 = 5
}
