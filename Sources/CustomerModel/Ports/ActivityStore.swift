/// What an append did: how many records were new and how many were already stored.
public struct AppendReport: Hashable, Sendable, Codable {
    /// Records stored by this call.
    public var appended: Int
    /// Records whose idempotency key was stored already, with the same content: ignored.
    public var duplicates: Int

    /// Creates a report.
    public init(appended: Int, duplicates: Int) {
        self.appended = appended
        self.duplicates = duplicates
    }
}

/// A position in a paged scan, handed back by the store.
///
/// Opaque to callers.
public struct ScanCursor: Hashable, Sendable, Codable {
    /// The adapter's encoding of the position.
    public var token: String
    /// Creates a cursor from an adapter's token.
    public init(token: String) { self.token = token }
}

/// One page of a scan and where to continue.
public struct TransactionPage: Sendable {
    /// The transactions on this page.
    public var transactions: [Transaction]
    /// Where the next page starts; `nil` on the last page.
    public var next: ScanCursor?

    /// Creates a page.
    public init(transactions: [Transaction], next: ScanCursor?) {
        self.transactions = transactions
        self.next = next
    }
}

/// Keeps what clients do: transactions, interactions and daily balance snapshots.
///
/// A storage port only: hosts call it through ``GatedActivityStore`` (``AccessGate/activity(_:)``),
/// which checks through the ``ClientDirectory`` that every client a call names exists
/// (``StoreError/Code/notFound`` otherwise) and is in the principal's scope
/// (``StoreError/Code/forbidden`` otherwise) before the store is called, writes the audit trail
/// and reads the clock. The store keeps no coverage and writes no policy or audit code.
///
/// ## Contract
/// `ActivityStoreConformance` in `CustomerModelTesting` checks each promise, with the store
/// behind the gate.
/// - **Idempotent appends.** Each record carries an idempotency key (the transaction or
///   interaction id; customer and day for a snapshot). Appending a record already stored with
///   the same content is a no-op counted in ``AppendReport/duplicates``; the same key with
///   different content is ``StoreError/Code/conflict``.
/// - **Atomic batches.** An append stores every new record or none: an invalid record or a
///   conflict rejects the whole batch.
/// - **Order.** Per-client reads return records by day, then time of day, then append order.
///   Day ranges include both ends.
/// - **Scope.** Reads by client are already checked by the gate. Scans and exports return only
///   the clients of `scope`: every client when ``ClientScope/isEveryClient``, otherwise those in
///   ``ClientScope/clients`` (the directory's sorted list, which the gate always attaches here).
/// - **Scans** return every row in the range exactly once across pages.
/// - Safe to call from many tasks at once.
public protocol ActivityStore: Sendable {
    /// Appends transactions.
    func append(transactions: [Transaction], in scope: ClientScope) async throws(StoreError) -> AppendReport
    /// Appends interactions.
    func append(interactions: [Interaction], in scope: ClientScope) async throws(StoreError) -> AppendReport
    /// Appends balance snapshots.
    func append(balances: [BalanceSnapshot], in scope: ClientScope) async throws(StoreError) -> AppendReport

    /// The client's transactions booked on a day in `days`.
    func transactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Transaction]
    /// The client's interactions on a day in `days`.
    func interactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    /// The client's balance snapshots on a day in `days`, by day.
    func balances(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]

    /// The interactions on a day in `days` of each client of `customers`: client by client in the
    /// order given, each client's by day, time, then append order.
    func interactions(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    /// The balance snapshots on a day in `days` of each client of `customers`: client by client in
    /// the order given, each client's by day.
    func balances(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]

    /// A page of at most `limit` transactions of every client in `scope` booked in `days`,
    /// continuing after `cursor` (start with `nil`).
    func scanTransactions(
        in days: ClosedRange<Day>,
        after cursor: ScanCursor?,
        limit: Int,
        scope: ClientScope
    )
        async throws(StoreError) -> TransactionPage

    /// Every transaction in `days` (all when `nil`) of every client in `scope`, as columns for scoring.
    func exportTransactions(
        in days: ClosedRange<Day>?,
        scope: ClientScope
    ) async throws(StoreError)
        -> TransactionColumns
}

extension ActivityStore {
    /// Reads each client with ``interactions(of:in:scope:)`` in turn.
    ///
    /// Adapters that can read many
    /// clients in one query should implement this themselves.
    public func interactions(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    {
        var all: [Interaction] = []
        for customer in customers { all += try await interactions(of: customer, in: days, scope: scope) }
        return all
    }

    /// Reads each client with ``balances(of:in:scope:)`` in turn.
    ///
    /// Adapters that can read many
    /// clients in one query should implement this themselves.
    public func balances(
        of customers: [CustomerID],
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        var all: [BalanceSnapshot] = []
        for customer in customers { all += try await balances(of: customer, in: days, scope: scope) }
        return all
    }
}
