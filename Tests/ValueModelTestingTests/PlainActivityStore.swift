import CustomerModel
import Synchronization

/// A deliberately plain ``ActivityStore``: arrays in append order and dictionaries keyed by the
/// idempotency keys, behind one `Mutex`; no columns, no numbering, no policy, audit or clock code.
///
/// Reads filter and sort the whole array each time: slow for a bank, plain enough to show that
/// the activity kit tests the port's promises, not the in-memory store's internals.
final class PlainActivityStore: ActivityStore {
    private struct State {
        var transactions: [Transaction] = []
        var transactionRows: [TransactionID: Int] = [:]
        var interactions: [Interaction] = []
        var interactionRows: [InteractionID: Int] = [:]
        var balances: [BalanceKey: BalanceSnapshot] = [:]
    }

    /// A balance snapshot's idempotency key.
    private struct BalanceKey: Hashable {
        var customer: CustomerID
        var day: Day
    }

    private let state = Mutex(State())

    // MARK: Appends

    func append(transactions: [Transaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for transaction in transactions {
            let record = transaction.id.rawValue
            let customer = transaction.customer
            if record.isEmpty { throw StoreError(.invalid, customer: customer, field: "id", "empty id") }
            if transaction.amount.minorUnits <= 0 {
                throw StoreError(.invalid, customer: customer, record: record, field: "amount", "not positive")
            }
            if !(0..<86_400).contains(transaction.secondOfDay) {
                throw StoreError(.invalid, customer: customer, record: record, field: "secondOfDay", "out of range")
            }
        }
        return try state.withLock { state throws(StoreError) -> AppendReport in
            let fresh = try Self.fresh(
                transactions,
                key: \.id,
                stored: { state.transactionRows[$0].map { state.transactions[$0] } }
            )
            for transaction in fresh {
                state.transactionRows[transaction.id] = state.transactions.count
                state.transactions.append(transaction)
            }
            return AppendReport(appended: fresh.count, duplicates: transactions.count - fresh.count)
        }
    }

    func append(interactions: [Interaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for interaction in interactions {
            if interaction.id.rawValue.isEmpty {
                throw StoreError(.invalid, customer: interaction.customer, field: "id", "empty id")
            }
            do throws(ValueError) { try interaction.detail.validate() } catch {
                throw StoreError(
                    .invalid,
                    customer: interaction.customer,
                    record: interaction.id.rawValue,
                    field: error.field,
                    error.message
                )
            }
        }
        return try state.withLock { state throws(StoreError) -> AppendReport in
            let fresh = try Self.fresh(
                interactions,
                key: \.id,
                stored: { state.interactionRows[$0].map { state.interactions[$0] } }
            )
            for interaction in fresh {
                state.interactionRows[interaction.id] = state.interactions.count
                state.interactions.append(interaction)
            }
            return AppendReport(appended: fresh.count, duplicates: interactions.count - fresh.count)
        }
    }

    func append(balances: [BalanceSnapshot], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for snapshot in balances
        where [snapshot.aum, snapshot.deposits, snapshot.investments, snapshot.liabilities].contains(where: {
            $0.minorUnits < 0
        }) {
            throw StoreError(
                .invalid,
                customer: snapshot.customer,
                record: snapshot.day.description,
                field: "aum",
                "negative"
            )
        }
        return try state.withLock { state throws(StoreError) -> AppendReport in
            let key = { (snapshot: BalanceSnapshot) in BalanceKey(customer: snapshot.customer, day: snapshot.day) }
            let fresh = try Self.fresh(balances, key: key, stored: { state.balances[$0] })
            for snapshot in fresh { state.balances[key(snapshot)] = snapshot }
            return AppendReport(appended: fresh.count, duplicates: balances.count - fresh.count)
        }
    }

    /// The records of `batch` not stored yet, in order, each key once; a key stored (or repeated
    /// in the batch) with other content is a conflict.
    private static func fresh<Record: Equatable, Key: Hashable>(
        _ batch: [Record],
        key: (Record) -> Key,
        stored: (Key) -> Record?
    ) throws(StoreError) -> [Record] {
        var taken: [Key: Record] = [:]
        var fresh: [Record] = []
        for record in batch {
            let id = key(record)
            if let earlier = stored(id) ?? taken[id] {
                guard earlier == record else {
                    throw StoreError(.conflict, "an idempotency key reused with other content")
                }
                continue
            }
            taken[id] = record
            fresh.append(record)
        }
        return fresh
    }

    // MARK: Reads by client

    func transactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [Transaction] {
        state.withLock { state in
            state.transactions.enumerated()
                .filter { $0.element.customer == customer && days.contains($0.element.day) }
                .sorted {
                    ($0.element.day, $0.element.secondOfDay, $0.offset) < (
                        $1.element.day, $1.element.secondOfDay, $1.offset
                    )
                }
                .map(\.element)
        }
    }

    func interactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [Interaction] {
        state.withLock { state in
            state.interactions.enumerated()
                .filter { $0.element.customer == customer && days.contains($0.element.day) }
                .sorted { ($0.element.day, $0.element.at, $0.offset) < ($1.element.day, $1.element.at, $1.offset) }
                .map(\.element)
        }
    }

    func balances(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [BalanceSnapshot] {
        state.withLock { state in
            state.balances.values.filter { $0.customer == customer && days.contains($0.day) }.sorted { $0.day < $1.day }
        }
    }

    // MARK: Scans and exports

    /// Whether `customer` is in `scope`, from the client list the gate attached.
    private static func inScope(_ customer: CustomerID, _ scope: ClientScope) -> Bool {
        scope.contains(customer) ?? false
    }

    /// The cursor is the position in append order after the page's last row.
    func scanTransactions(
        in days: ClosedRange<Day>,
        after cursor: ScanCursor?,
        limit: Int,
        scope: ClientScope
    ) async throws(StoreError) -> TransactionPage {
        guard limit >= 1 else { throw StoreError(.invalid, field: "limit", "below 1") }
        var start = 0
        if let cursor {
            guard let position = Int(cursor.token), position >= 0 else {
                throw StoreError(.invalid, field: "cursor", "not issued by this store")
            }
            start = position
        }
        return state.withLock { state in
            var page: [Transaction] = []
            var position = start
            while position < state.transactions.count, page.count < limit {
                let row = state.transactions[position]
                if days.contains(row.day), Self.inScope(row.customer, scope) { page.append(row) }
                position += 1
            }
            let next = position < state.transactions.count ? ScanCursor(token: String(position)) : nil
            return TransactionPage(transactions: page, next: next)
        }
    }

    func exportTransactions(
        in days: ClosedRange<Day>?,
        scope: ClientScope
    ) async throws(StoreError) -> TransactionColumns {
        state.withLock { state in
            var columns = TransactionColumns()
            var numbers: [CustomerID: Int32] = [:]
            for row in state.transactions where days?.contains(row.day) ?? true && Self.inScope(row.customer, scope) {
                let number: Int32
                if let known = numbers[row.customer] {
                    number = known
                } else {
                    number = Int32(columns.customers.count)
                    numbers[row.customer] = number
                    columns.customers.append(row.customer)
                }
                columns.customerIndex.append(number)
                columns.day.append(row.day.number)
                columns.amountMinorUnits.append(row.amount.minorUnits)
                columns.currency.append(row.amount.currency.packed)
                columns.type.append(row.type.rawValue)
                columns.direction.append(row.direction.rawValue)
                columns.channel.append(row.channel.rawValue)
                columns.merchantCategory.append(row.merchantCategory?.rawValue ?? 255)
                columns.isOverseas.append(row.isOverseas)
            }
            return columns
        }
    }
}
