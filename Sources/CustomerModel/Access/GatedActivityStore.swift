/// An ``ActivityStore`` behind the ``AccessGate``: the host-facing calls, each taking the
/// principal, checked against the directory, audited and passed to the store with the scope.
///
/// Appends resolve the coverage of a batch's distinct clients once (one directory call per
/// batch, not per row). Get one from ``AccessGate/activity(_:)`` or ``InMemoryBank/activity``.
///
/// ```swift
/// let report = try await bank.activity.append(transactions: batch, as: .system("core-banking-feed"))
/// ```
public struct GatedActivityStore: Sendable {
    /// The storage port behind the gate.
    public let store: any ActivityStore
    /// The gate every call goes through.
    public let gate: AccessGate

    /// Puts `store` behind `gate`.
    public init(_ store: any ActivityStore, gate: AccessGate) {
        self.store = store
        self.gate = gate
    }

    // MARK: Appends

    /// Appends transactions; all new rows or none.
    /// - Throws: ``StoreError/Code/notFound`` (unknown client), ``StoreError/Code/forbidden`` (out
    ///   of scope), and the store's `invalid` and `conflict`.
    public func append(transactions: [Transaction], as principal: Principal) async throws(StoreError) -> AppendReport {
        let clients = AccessGate.distinct(transactions.lazy.map(\.customer))
        let admission = try await Self.naming(first: transactions, \.customer, \.id.rawValue) {
            () async throws(StoreError) in
            try await gate.admit(principal, .appendTransactions, naming: clients, unknown: .refuse)
        }
        try await gate.recordAllowed(admission, customers: clients)
        return try await store.append(transactions: transactions, in: admission.scope)
    }

    /// Appends interactions; all new records or none.
    public func append(interactions: [Interaction], as principal: Principal) async throws(StoreError) -> AppendReport {
        let clients = AccessGate.distinct(interactions.lazy.map(\.customer))
        let admission = try await Self.naming(first: interactions, \.customer, \.id.rawValue) {
            () async throws(StoreError) in
            try await gate.admit(principal, .appendInteractions, naming: clients, unknown: .refuse)
        }
        try await gate.recordAllowed(admission, customers: clients)
        return try await store.append(interactions: interactions, in: admission.scope)
    }

    /// Appends balance snapshots; all new snapshots or none.
    public func append(balances: [BalanceSnapshot], as principal: Principal) async throws(StoreError) -> AppendReport {
        let clients = AccessGate.distinct(balances.lazy.map(\.customer))
        let admission = try await Self.naming(first: balances, \.customer, \.day.description) {
            () async throws(StoreError) in
            try await gate.admit(principal, .appendBalances, naming: clients, unknown: .refuse)
        }
        try await gate.recordAllowed(admission, customers: clients)
        return try await store.append(balances: balances, in: admission.scope)
    }

    // MARK: Reads

    /// The client's transactions in `days`, by day, time of day, then append order.
    public func transactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> [Transaction]
    {
        let named = [customer]
        let admission = try await gate.admit(principal, .transactions, naming: named)
        let rows = try await store.transactions(of: customer, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: named)
        return rows
    }

    /// The client's interactions in `days`, by day, time, then append order.
    public func interactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> [Interaction]
    {
        let named = [customer]
        let admission = try await gate.admit(principal, .interactions, naming: named)
        let found = try await store.interactions(of: customer, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: named)
        return found
    }

    /// The client's balance snapshots in `days`, by day.
    public func balances(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        let named = [customer]
        let admission = try await gate.admit(principal, .balances, naming: named)
        let found = try await store.balances(of: customer, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: named)
        return found
    }

    /// The interactions in `days` of each client of `customers`, in the order given; one check
    /// and one audited read for the list.
    /// - Throws: ``StoreError/Code/forbidden`` when any client is out of scope.
    public func interactions(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> [Interaction]
    {
        let admission = try await gate.admit(principal, .interactions, naming: AccessGate.distinct(customers))
        let found = try await store.interactions(of: customers, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    /// The balance snapshots in `days` of each client of `customers`, in the order given.
    /// - Throws: ``StoreError/Code/forbidden`` when any client is out of scope.
    public func balances(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        let admission = try await gate.admit(principal, .balances, naming: AccessGate.distinct(customers))
        let found = try await store.balances(of: customers, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    /// A page of transactions in `days` of clients in scope.
    /// - Throws: the store's ``StoreError/Code/invalid`` for a limit below 1 or a foreign cursor.
    public func scanTransactions(
        in days: ClosedRange<Day>,
        after cursor: ScanCursor?,
        limit: Int,
        as principal: Principal
    )
        async throws(StoreError) -> TransactionPage
    {
        let admission = try await gate.admit(principal, .scanTransactions, listing: true)
        let page = try await store.scanTransactions(in: days, after: cursor, limit: limit, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: Array(Set(page.transactions.map(\.customer))).sorted())
        return page
    }

    /// Every transaction in `days` (all when `nil`) of every client in scope, as columns; audited
    /// as one `export` (bank-wide when the scope is every client).
    public func exportTransactions(
        in days: ClosedRange<Day>?,
        as principal: Principal
    ) async throws(StoreError)
        -> TransactionColumns
    {
        let admission = try await gate.admit(principal, .exportTransactions, listing: true)
        let columns = try await store.exportTransactions(in: days, scope: admission.scope)
        let bankWide = admission.scope.isEveryClient
        try await gate.recordAllowed(admission, customers: bankWide ? [] : columns.customers, isBankWide: bankWide)
        return columns
    }

    /// Runs `admit`; a ``StoreError/Code/notFound`` naming a client gets the record id of that
    /// client's first row in `batch`.
    private static func naming<Row>(
        first batch: [Row],
        _ customer: KeyPath<Row, CustomerID>,
        _ record: KeyPath<Row, String>,
        _ admit: () async throws(StoreError) -> GateAdmission
    ) async throws(StoreError) -> GateAdmission {
        do {
            return try await admit()
        } catch {
            var named = error
            if error.code == .notFound, error.record == nil, let missing = error.customer,
                let row = batch.first(where: { $0[keyPath: customer] == missing })
            {
                named.record = row[keyPath: record]
            }
            throw named
        }
    }
}
