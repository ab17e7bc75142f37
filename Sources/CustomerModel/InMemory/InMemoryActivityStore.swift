import Synchronization

/// The in-memory ``ActivityStore``: transactions in columns, interactions and balances per client.
///
/// Transactions are held as a struct of arrays (about 48 bytes a row plus the id index), so ten
/// million fit in well under a gigabyte and ``exportTransactions(in:as:)`` is a columnar copy.
/// Each client's rows are chained, so a client's history is read without scanning the book.
/// The store asks `directory` whether a client exists and who covers them.
public final class InMemoryActivityStore: ActivityStore {
    let state: Mutex<ActivityState>
    private let directory: InMemoryCustomerStore
    private let audit: any AuditLog
    private let clock: any WallClock
    private let policy: AccessPolicy

    /// Creates an empty store over the clients of `directory`.
    public init(
        directory: InMemoryCustomerStore, audit: any AuditLog, clock: any WallClock, policy: AccessPolicy = .default
    ) {
        self.directory = directory
        self.audit = audit
        self.clock = clock
        self.policy = policy
        state = Mutex(ActivityState())
    }

    /// Sizes the transaction columns and the id index for `rows` transactions in total, so a bulk
    /// load does not regrow and rehash them on the way, and touches that memory now, so the page
    /// faults are paid here rather than during the load. A hint: the store still grows past it.
    public func reserveTransactionCapacity(_ rows: Int) {
        state.withLock { $0.reserve(rows) }
    }

    /// The number of transactions stored.
    public var transactionCount: Int { state.withLock { $0.transactions.count } }

    // MARK: Appends

    /// Appends transactions; all new rows or none.
    /// - Throws: ``StoreError/Code/invalid`` (non-positive amount, time of day out of range, empty id),
    ///   ``StoreError/Code/notFound`` (unknown client), ``StoreError/Code/conflict`` (id reused with
    ///   other content), ``StoreError/Code/forbidden``.
    public func append(transactions: [Transaction], as principal: Principal) async throws(StoreError) -> AppendReport {
        for transaction in transactions {
            if let error = Self.invalid(transaction) { throw error }
        }
        // Phase 1 outside the lock, on both cores (see ``BatchLookup``).
        let tables = state.withLock { state in
            BatchLookup.Tables(clients: state.clients, accounts: state.accounts, counterparties: state.counterparties)
        }
        var lookup = BatchLookup(transactions, in: tables)
        let customers = try await resolve(
            distinct: lookup.distinctCustomers, principal, operation: "appendTransactions", checkExistence: false)
        // Audit first: a write the audit log cannot record must not happen. A batch that then
        // fails (an unknown client, a reused id) leaves the attempt in the trail.
        try await record(principal, .write, customers, ["transactions"], "appendTransactions")
        // Clients new to this store must exist in the directory (profiles are never removed, so
        // the answer holds when the lock is taken).
        if let missing = directory.firstMissing(lookup.newClients) {
            let customer = lookup.newClients[missing]
            throw StoreError(
                .notFound, customer: customer, record: transactions[lookup.newClientRows[missing]].id.rawValue,
                field: "customer", "unknown client")
        }
        let result = state.withLock { state in
            state.appendTransactions(transactions, lookup: &lookup)
        }
        return try result.get()
    }

    /// Appends interactions; all new records or none.
    public func append(interactions: [Interaction], as principal: Principal) async throws(StoreError) -> AppendReport {
        for interaction in interactions {
            if interaction.id.rawValue.isEmpty {
                throw StoreError(.invalid, customer: interaction.customer, field: "id", "interaction id is empty")
            }
            do throws(ValueError) { try interaction.detail.validate() } catch {
                throw StoreError(
                    .invalid, customer: interaction.customer, record: interaction.id.rawValue, field: error.field,
                    error.message)
            }
        }
        let customers = try await resolve(interactions.lazy.map(\.customer), principal, operation: "appendInteractions")
        try await record(principal, .write, customers, ["interactions"], "appendInteractions")
        return try state.withLock { state in state.appendInteractions(interactions) }.get()
    }

    /// Appends balance snapshots; all new snapshots or none.
    public func append(balances: [BalanceSnapshot], as principal: Principal) async throws(StoreError) -> AppendReport {
        for snapshot in balances {
            let amounts = [snapshot.aum, snapshot.deposits, snapshot.investments, snapshot.liabilities]
            if amounts.contains(where: { $0.minorUnits < 0 }) {
                throw StoreError(
                    .invalid, customer: snapshot.customer, record: snapshot.day.description, field: "aum",
                    "balances must not be negative")
            }
        }
        let customers = try await resolve(balances.lazy.map(\.customer), principal, operation: "appendBalances")
        try await record(principal, .write, customers, ["balances"], "appendBalances")
        return try state.withLock { state in state.appendBalances(balances) }.get()
    }

    // MARK: Reads

    /// The client's transactions in `days`, by day, time of day, then append order.
    public func transactions(of customer: CustomerID, in days: ClosedRange<Day>, as principal: Principal)
        async throws(StoreError) -> [Transaction]
    {
        try await checkRead(customer, principal, "transactions")
        let rows = state.withLock { $0.transactions(of: customer, in: days) }
        try await record(principal, .read, [customer], ["transactions"], "transactions")
        return rows
    }

    /// The client's interactions in `days`, by day, time, then append order.
    public func interactions(of customer: CustomerID, in days: ClosedRange<Day>, as principal: Principal)
        async throws(StoreError) -> [Interaction]
    {
        try await checkRead(customer, principal, "interactions")
        let found = state.withLock { $0.interactions(of: customer, in: days) }
        try await record(principal, .read, [customer], ["interactions"], "interactions")
        return found
    }

    /// The client's balance snapshots in `days`, by day.
    public func balances(of customer: CustomerID, in days: ClosedRange<Day>, as principal: Principal)
        async throws(StoreError) -> [BalanceSnapshot]
    {
        try await checkRead(customer, principal, "balances")
        let found = state.withLock { $0.balances(of: customer, in: days) }
        try await record(principal, .read, [customer], ["balances"], "balances")
        return found
    }

    /// The interactions in `days` of each client of `customers`, in the order given; one lock and
    /// one audited read for the list.
    public func interactions(of customers: [CustomerID], in days: ClosedRange<Day>, as principal: Principal)
        async throws(StoreError) -> [Interaction]
    {
        try await checkReads(customers, principal, "interactions")
        let found = state.withLock { state in customers.flatMap { state.interactions(of: $0, in: days) } }
        try await record(principal, .read, customers, ["interactions"], "interactions")
        return found
    }

    /// The balance snapshots in `days` of each client of `customers`, in the order given, each
    /// client's by day; one lock and one audited read for the list.
    public func balances(of customers: [CustomerID], in days: ClosedRange<Day>, as principal: Principal)
        async throws(StoreError) -> [BalanceSnapshot]
    {
        try await checkReads(customers, principal, "balances")
        let found = state.withLock { state in customers.flatMap { state.balances(of: $0, in: days) } }
        try await record(principal, .read, customers, ["balances"], "balances")
        return found
    }

    /// A page of transactions in `days` of clients in scope, in append order.
    /// - Throws: ``StoreError/Code/invalid`` for a limit below 1 or a cursor this store did not issue.
    public func scanTransactions(in days: ClosedRange<Day>, after cursor: ScanCursor?, limit: Int, as principal: Principal)
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
        let allowed = try await permittedIndices(principal)
        let page = state.withLock { $0.scan(days, from: start, limit: limit, allowed: allowed) }
        let customers = Array(Set(page.transactions.map(\.customer))).sorted()
        try await record(principal, .read, customers, ["transactions"], "scanTransactions")
        return page
    }

    /// Every transaction in `days` (all when `nil`) of every client in scope, as columns.
    public func exportTransactions(in days: ClosedRange<Day>?, as principal: Principal) async throws(StoreError)
        -> TransactionColumns
    {
        let allowed = try await permittedIndices(principal)
        let columns = state.withLock { $0.export(days, allowed: allowed) }
        try await audit.record([
            AuditRecord(
                at: clock.now, principal: principal, action: .export, customers: allowed == nil ? [] : columns.customers,
                isBankWide: allowed == nil, fields: ["transactions"], operation: "exportTransactions")
        ])
        return columns
    }

    // MARK: Helpers

    private static func invalid(_ transaction: Transaction) -> StoreError? {
        let record = transaction.id.rawValue
        if record.isEmpty {
            return StoreError(.invalid, customer: transaction.customer, field: "id", "transaction id is empty")
        }
        if transaction.amount.minorUnits <= 0 {
            return StoreError(
                .invalid, customer: transaction.customer, record: record, field: "amount",
                "amount must be positive; direction gives the sign")
        }
        if !(0..<86_400).contains(transaction.secondOfDay) {
            return StoreError(
                .invalid, customer: transaction.customer, record: record, field: "secondOfDay",
                "must be 0 to 86399")
        }
        return nil
    }

    /// The distinct clients of a batch, after checking that each exists and that the principal may
    /// write it. A bank-wide principal is not checked client by client; with `checkExistence`
    /// false its batch's clients are checked by the append itself.
    private func resolve(
        _ ids: some Sequence<CustomerID>, _ principal: Principal, operation: String, checkExistence: Bool = true
    ) async throws(StoreError) -> [CustomerID] {
        var distinct = Set<CustomerID>()
        var last: CustomerID?
        for id in ids where id != last {
            distinct.insert(id)
            last = id
        }
        return try await resolve(distinct: Array(distinct), principal, operation: operation, checkExistence: checkExistence)
    }

    /// Checks that `principal` may write activity of each client of `list` (distinct ids), which
    /// must exist when `checkExistence` (or when the principal's scope depends on coverage).
    private func resolve(
        distinct list: [CustomerID], _ principal: Principal, operation: String, checkExistence: Bool
    ) async throws(StoreError) -> [CustomerID] {
        if principal.hasBankWideScope, principal.role != .auditor, !checkExistence { return list }
        let (coverages, organisation) = directory.coverages(of: list)
        for (id, coverage) in zip(list, coverages) {
            guard let coverage else { throw StoreError(.notFound, customer: id, field: "customer", "unknown client") }
            let allowed =
                principal.role == .auditor ? false
                : principal.hasBankWideScope || policy.permits(principal, .write, coverage: coverage, in: organisation)
            if !allowed {
                try await record(principal, .denied, [id], ["activity"], operation)
                throw StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
        }
        return list
    }

    private func checkRead(_ customer: CustomerID, _ principal: Principal, _ field: String) async throws(StoreError) {
        if principal.hasBankWideScope { return }
        guard let permitted = directory.permits(principal, toRead: customer, under: policy) else { return }
        if !permitted {
            try await record(principal, .denied, [customer], [field], field)
            throw StoreError(.forbidden, customer: customer, "out of the principal's scope")
        }
    }

    /// ``checkRead(_:_:_:)`` for a list, with one look at the directory.
    private func checkReads(_ customers: [CustomerID], _ principal: Principal, _ field: String) async throws(StoreError) {
        if principal.hasBankWideScope { return }
        let (coverages, organisation) = directory.coverages(of: customers)
        for (customer, coverage) in zip(customers, coverages) {
            guard let coverage, !policy.permits(principal, .read, coverage: coverage, in: organisation) else { continue }
            try await record(principal, .denied, [customer], [field], field)
            throw StoreError(.forbidden, customer: customer, "out of the principal's scope")
        }
    }

    /// The dense indices the principal may read, or `nil` for all.
    private func permittedIndices(_ principal: Principal) async throws(StoreError) -> Set<Int32>? {
        if principal.hasBankWideScope { return nil }
        let ids = state.withLock { $0.customerIDs }
        let (coverages, organisation) = directory.coverages(of: ids)
        var allowed = Set<Int32>()
        for (index, coverage) in coverages.enumerated() {
            if let coverage, policy.permits(principal, .read, coverage: coverage, in: organisation) {
                allowed.insert(Int32(index))
            }
        }
        return allowed
    }

    private func record(
        _ principal: Principal, _ action: AuditRecord.Action, _ customers: [CustomerID], _ fields: [String],
        _ operation: String
    ) async throws(StoreError) {
        try await audit.record([
            AuditRecord(
                at: clock.now, principal: principal, action: action, customers: customers, fields: fields,
                operation: operation)
        ])
    }
}
