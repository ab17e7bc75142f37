public import CustomerModel

/// What the ``ActivityStoreConformance`` checks run against: a fresh, empty activity store and
/// the customer store that serves as the gate's directory, both behind one
/// ``/CustomerModel/AccessGate`` (default policy), the audit log the gate writes to and its clock.
///
/// The activity store keeps no coverage: the gate asks the directory whether a client exists and
/// who covers them. Any customer store can be paired with any activity store. The kit seeds
/// ``ConformanceWorld`` through ``customers`` and then checks ``activity``, the gated facade, so
/// each access check proves the gate and the adapter together.
public struct ActivityStoreFixture<Store: ActivityStore>: ConformanceFixture {
    /// The adapter under test, empty.
    public var adapter: Store
    /// The adapter behind the gate: what the checks call.
    public var activity: GatedActivityStore
    /// The customer store (the gate's directory) behind the same gate; empty.
    public var customers: GatedCustomerStore
    /// The audit log the gate writes to.
    public var audit: SwitchableAuditLog
    /// The clock the gate reads; the kit moves it.
    public var clock: ManualClock
    /// Called after the check, even when it failed.
    public var tearDown: (@Sendable () async throws -> Void)?

    /// Creates a fixture: both stores behind one gate over `customers`, writing to `audit` and reading `clock`.
    /// - Parameters:
    ///   - activity: a fresh, empty activity store.
    ///   - customers: a fresh, empty customer store, the gate's directory.
    ///   - audit: the gate's audit log.
    ///   - clock: the gate's clock, starting at ``ConformanceWorld/start`` or later.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(
        activity: Store,
        customers: any CustomerStore,
        audit: SwitchableAuditLog,
        clock: ManualClock,
        tearDown: (@Sendable () async throws -> Void)? = nil
    ) {
        let gate = AccessGate(directory: customers, audit: audit, clock: clock)
        self.adapter = activity
        self.activity = gate.activity(activity)
        self.customers = gate.customers(customers)
        self.audit = audit
        self.clock = clock
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/CustomerModel/ActivityStore``, as checks a host runs against
/// its own adapter pair (activity store plus the customer store it reads clients from).
///
/// Each ``Check`` is one documented promise, named as a sentence: round trips of transactions
/// (every field, ids of 1 to 36 characters), interactions of every kind and balance snapshots;
/// idempotent appends; all-or-nothing batches (a negative amount in row 5,000 of 10,000, a
/// conflict in the middle); ordering and inclusive day ranges; paged scans; columnar export
/// (100,000 rows); access control and the audit trail; concurrent appenders. Each check runs on
/// a fresh fixture and throws a ``ConformanceFailure`` on a broken promise.
///
/// ```swift
/// typealias Kit = ActivityStoreConformance<PostgresActivityStore>
/// @Test(arguments: Kit.checks) func postgresActivityConforms(_ check: Kit.Check) async throws {
///     try await Kit { (try await PostgresActivityStore.fresh(db), InMemoryCustomerStore()) }.run(check)
/// }
/// ```
///
/// The closure returns `(activity:customers:)`: the activity store and any customer store to
/// serve as the gate's directory, both empty. To audit into your own log adapter,
/// wrap it in a ``SwitchableAuditLog`` and use ``init(_:)`` with an ``ActivityStoreFixture``.
public struct ActivityStoreConformance<Store: ActivityStore>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = ActivityStoreFixture<Store>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh, empty activity store and a customer
    /// store to serve as the gate's directory; the kit puts both behind a gate auditing into an
    /// in-memory log and reading a manual clock.
    public init(
        makeStores: @escaping @Sendable () async throws -> (activity: Store, customers: any CustomerStore)
    ) {
        self.makeFixture = {
            let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            let stores = try await makeStores()
            return Fixture(activity: stores.activity, customers: stores.customers, audit: audit, clock: clock)
        }
    }
}

extension ActivityStoreConformance where Store == InMemoryActivityStore {
    /// The kit over fresh ``/CustomerModel/InMemoryActivityStore``s, each paired with a fresh
    /// ``/CustomerModel/InMemoryCustomerStore`` as the gate's directory.
    public static var inMemory: Self {
        Self { (InMemoryActivityStore(), InMemoryCustomerStore()) }
    }
}

extension ActivityStoreConformance {
    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            // Round trips
            Check("a transaction with every field set reads back exactly, from reads and scans", transactionRoundTrips),
            Check(
                "transaction ids of 1 to 36 characters, in any case and script, read back exactly and stay distinct",
                transactionIDsRoundTrip
            ),
            Check("an interaction of every detail kind reads back exactly", interactionsRoundTrip),
            Check("balance snapshots read back exactly, by day", balancesRoundTrip),
            Check(
                "interactions and balances read as a list equal the per-client reads; a list with a client out of scope is forbidden",
                listReadsMatchPerClientReads
            ),
            // Idempotency
            Check(
                "a second delivery of the same transactions is a no-op counted as duplicates",
                duplicateTransactionsAreNoOps
            ),
            Check(
                "the same transactions delivered whole, in halves and in reverse are stored once",
                redeliveryInPiecesStoresOnce
            ),
            Check(
                "a transaction id reused with different content is a conflict and stores nothing of the batch",
                reusedTransactionIDIsConflict
            ),
            Check(
                "a second delivery of the same interactions is a no-op; changed content is a conflict that stores nothing",
                duplicateInteractions
            ),
            Check(
                "a second delivery of the same balance snapshot is a no-op; a different one for the day is a conflict that stores nothing",
                duplicateBalances
            ),
            // Atomic batches
            Check(
                "a negative amount in row 5,000 of 10,000 rejects the batch and leaves the count unchanged",
                negativeAmountRejectsBatch
            ),
            Check(
                "a conflict in the middle of a batch leaves the store exactly as before",
                conflictInMiddleLeavesStoreAsBefore
            ),
            Check(
                "records of an unknown client are refused as not found and none of the batch is stored",
                unknownClientStoresNone
            ),
            Check(
                "a batch of 300 currencies, whether taken or refused, leaves the store able to take a new currency",
                refusedBatchLeavesNoTrace
            ),
            Check("an interaction batch with one invalid detail stores none", invalidInteractionStoresNone),
            // Order and ranges
            Check("a client's transactions come back by day, then time of day, then append order", transactionsOrdered),
            Check("a client's interactions come back by day, then time, then append order", interactionsOrdered),
            Check(
                "day ranges include both ends; a gap, a day before the first and a day after the last are empty",
                dayRangesInclusive
            ),
            Check(
                "a paged scan returns every row exactly once across pages, at every page size",
                scanReturnsEveryRowOnce
            ),
            Check("a paged scan over a day range returns exactly the rows in the range", scanOverDayRange),
            // Export
            Check("an export with a day range holds exactly the rows in the range", exportFiltersDays),
            Check("100,000 transactions append in one batch and export as matching columns", bulkAppendAndExport),
            // Access control
            Check(
                "an RM reading another RM's client's activity is forbidden and the refusal is audited as denied",
                relationshipManagerCannotReadOthers
            ),
            Check(
                "an RM cannot append for another RM's client: nothing of the batch is stored and the refusal is audited",
                relationshipManagerCannotAppendForOthers
            ),
            Check("a branch head reads its subtree's activity but not a sibling branch's", branchHeadSeesSubtreeOnly),
            Check("an auditor reads activity but cannot append, and the refusal is audited", auditorCannotAppend),
            Check("a client moved to another RM takes the access to its activity along", accessFollowsCoverage),
            Check("scans and exports as an RM hold only the RM's clients' rows", scansAndExportsLeaveOutOfScopeOut),
            Check("an export as an RM names no client outside the RM's scope", exportNamesNoOutOfScopeClient),
            // Audit
            Check("every append reaches the audit log as a write with principal, clients and time", appendsAreAudited),
            Check(
                "every read and scan reaches the audit log as a read with principal, client and time",
                readsAreAudited
            ),
            Check("an export reaches the audit log as an export", exportsAreAudited),
            Check("when the audit log fails, reads, scans and exports fail", readFailsWithoutAudit),
            Check("when the audit log fails, an append fails and stores nothing", appendFailsWithoutAudit),
            // Concurrency
            Check("50 tasks appending disjoint batches at once store every row", concurrentDisjointAppends),
            Check("10 tasks delivering the same batch at once store it once", concurrentDuplicateDeliveries),
        ]
    }
}

// MARK: - Shared helpers

extension ActivityStoreFixture: GatedFixture {
    /// The gated store the kit seeds ``ConformanceWorld`` through: ``customers``.
    package var directory: GatedCustomerStore { customers }

    /// Appends as system, failing the check on an error.
    @discardableResult
    func append(_ transactions: [Transaction], _ subject: String) async throws(ConformanceFailure) -> AppendReport {
        try await call(subject) { try await activity.append(transactions: transactions, as: ConformanceWorld.system) }
    }

    /// Every transaction of `customer`, read as system.
    func transactions(of customer: CustomerID) async throws(ConformanceFailure) -> [Transaction] {
        try await call("reading every transaction of \(customer) as system") {
            try await activity.transactions(of: customer, in: ConformanceWorld.everyDay, as: ConformanceWorld.system)
        }
    }

    /// Every transaction of every client, exported as system.
    func exportAll() async throws(ConformanceFailure) -> TransactionColumns {
        try await call("exporting every transaction as system") {
            try await activity.exportTransactions(in: nil, as: ConformanceWorld.system)
        }
    }

    /// Every transaction in `days` of the clients in the principal's scope, collected through a
    /// paged scan of `limit` rows a page; fails when a page is too long or the scan never ends.
    func scanAll(
        in days: ClosedRange<Day> = ConformanceWorld.everyDay,
        limit: Int,
        as principal: Principal = ConformanceWorld.system
    ) async throws(ConformanceFailure) -> [Transaction] {
        var rows: [Transaction] = []
        var cursor: ScanCursor?
        for page in 0..<1_000_000 {
            let result = try await call("scan page \(page) of \(limit) rows") {
                try await activity.scanTransactions(in: days, after: cursor, limit: limit, as: principal)
            }
            try expectTrue(
                result.transactions.count <= limit,
                "rows on scan page \(page)",
                expected: "at most \(limit)",
                actual: "\(result.transactions.count)"
            )
            rows += result.transactions
            guard let next = result.next else { return rows }
            cursor = next
        }
        throw ConformanceFailure(
            subject: "a scan of \(limit) rows a page",
            expected: "a last page",
            actual: "more than a million pages"
        )
    }
}

extension ConformanceWorld {
    /// Every day a check uses, and far more.
    package static var everyDay: ClosedRange<Day> { days(-100_000, 100_000) }
}
