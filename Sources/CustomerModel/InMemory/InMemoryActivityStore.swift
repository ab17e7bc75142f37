import Synchronization

/// The in-memory ``ActivityStore``: transactions in columns, interactions and balances per client.
///
/// Transactions are held as a struct of arrays (about 48 bytes a row plus the id index), so ten
/// million fit in well under a gigabyte and ``exportTransactions(in:scope:)`` is a columnar copy.
/// Each client's rows are chained, so a client's history is read without scanning the book.
/// It keeps no coverage and no policy: hosts reach it through the ``AccessGate``
/// (``InMemoryBank/activity``), which checks that clients exist and are in scope first.
public final class InMemoryActivityStore: ActivityStore {
    let state: Mutex<ActivityState>

    /// Creates an empty store.
    public init() {
        state = Mutex(ActivityState())
    }

    /// Sizes the transaction columns and the id index for `rows` transactions in total, so a bulk
    /// load does not regrow and rehash them on the way, and touches that memory now, so the page
    /// faults are paid here rather than during the load.
    ///
    /// A hint: the store still grows past it.
    public func reserveTransactionCapacity(_ rows: Int) {
        state.withLock { $0.reserve(rows) }
    }

    /// The number of transactions stored.
    public var transactionCount: Int { state.withLock { $0.transactions.count } }

    // MARK: Appends

    /// Appends transactions; all new rows or none.
    ///
    /// CPU-bound: a large batch runs its first phase (packing ids, numbering clients, accounts and
    /// counterparties, staging each row's fields) on up to two threads *before* taking the
    /// store's lock, and the caller's thread waits for it there. Under the lock
    /// only serial work remains (the id index, interning what is new, the row chains and one pass
    /// copying the staged fields into the columns), so no thread blocks while holding it. Hosts
    /// that append very large batches from many tasks may run them off the cooperative pool.
    /// - Throws: ``StoreError/Code/invalid`` (non-positive amount, time of day out of range, empty id),
    ///   ``StoreError/Code/conflict`` (id reused with other content).
    public func append(transactions: [Transaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for transaction in transactions {
            if let error = Self.invalid(transaction) { throw error }
        }
        // Phase 1 outside the lock, on both cores (see ``BatchLookup``).
        let tables = state.withLock { state in
            BatchLookup.Tables(clients: state.clients, accounts: state.accounts, counterparties: state.counterparties)
        }
        var lookup = BatchLookup(transactions, in: tables)
        let result = state.withLock { state in
            state.appendTransactions(transactions, lookup: &lookup)
        }
        return try result.get()
    }

    /// Appends interactions; all new records or none.
    public func append(interactions: [Interaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for interaction in interactions {
            if interaction.id.rawValue.isEmpty {
                throw StoreError(.invalid, customer: interaction.customer, field: "id", "interaction id is empty")
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
        return try state.withLock { state in state.appendInteractions(interactions) }.get()
    }

    /// Appends balance snapshots; all new snapshots or none.
    public func append(balances: [BalanceSnapshot], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        for snapshot in balances {
            let amounts = [snapshot.aum, snapshot.deposits, snapshot.investments, snapshot.liabilities]
            if amounts.contains(where: { $0.minorUnits < 0 }) {
                throw StoreError(
                    .invalid,
                    customer: snapshot.customer,
                    record: snapshot.day.description,
                    field: "aum",
                    "balances must not be negative"
                )
            }
        }
        return try state.withLock { state in state.appendBalances(balances) }.get()
    }

    // MARK: Reads

    /// The client's transactions in `days`, by day, time of day, then append order.
    public func transactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Transaction]
    {
        state.withLock { $0.transactions(of: customer, in: days) }
    }

    /// The client's interactions in `days`, by day, time, then append order.
    public func interactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    {
        state.withLock { $0.interactions(of: customer, in: days) }
    }

    /// The client's balance snapshots in `days`, by day.
    public func balances(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        state.withLock { $0.balances(of: customer, in: days) }
    }

    /// The interactions in `days` of each client of `customers`, in the order given; one lock for the list.
    public func interactions(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    {
        state.withLock { $0.interactions(of: customers, in: days) }
    }

    /// The balance snapshots in `days` of each client of `customers`, in the order given, each
    /// client's by day; one lock for the list.
    public func balances(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        state.withLock { $0.balances(of: customers, in: days) }
    }

    /// A page of transactions in `days` of clients in `scope`, in append order.
    /// - Throws: ``StoreError/Code/invalid`` for a limit below 1 or a cursor this store did not issue.
    public func scanTransactions(
        in days: ClosedRange<Day>,
        after cursor: ScanCursor?,
        limit: Int,
        scope: ClientScope
    )
        async throws(StoreError) -> TransactionPage
    {
        guard limit >= 1 else { throw StoreError(.invalid, field: "limit", "limit must be at least 1") }
        var start = 0
        if let cursor {
            guard let row = Int(cursor.token), row >= 0 else {
                throw StoreError(.invalid, field: "cursor", "not a cursor issued by this store")
            }
            start = row
        }
        return state.withLock { state in
            state.scan(days, from: start, limit: limit, allowed: Self.allowedIndices(scope, state))
        }
    }

    /// Every transaction in `days` (all when `nil`) of every client in `scope`, as columns.
    public func exportTransactions(
        in days: ClosedRange<Day>?,
        scope: ClientScope
    ) async throws(StoreError)
        -> TransactionColumns
    {
        state.withLock { state in state.export(days, allowed: Self.allowedIndices(scope, state)) }
    }

    // MARK: Helpers

    /// Which client numbers the scope holds (indexed by number), or `nil` for every client.
    private static func allowedIndices(_ scope: ClientScope, _ state: ActivityState) -> [Bool]? {
        if scope.isEveryClient { return nil }
        var allowed = [Bool](repeating: false, count: state.clients.values.count)
        for id in scope.clients ?? [] {
            if let index = state.clients.number(of: id) { allowed[Int(index)] = true }
        }
        return allowed
    }

    private static func invalid(_ transaction: Transaction) -> StoreError? {
        let record = transaction.id.rawValue
        if record.isEmpty {
            return StoreError(.invalid, customer: transaction.customer, field: "id", "transaction id is empty")
        }
        if transaction.amount.minorUnits <= 0 {
            return StoreError(
                .invalid,
                customer: transaction.customer,
                record: record,
                field: "amount",
                "amount must be positive; direction gives the sign"
            )
        }
        if !(0..<86_400).contains(transaction.secondOfDay) {
            return StoreError(
                .invalid,
                customer: transaction.customer,
                record: record,
                field: "secondOfDay",
                "must be 0 to 86399"
            )
        }
        return nil
    }
}
