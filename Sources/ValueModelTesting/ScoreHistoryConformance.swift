public import CustomerModel
public import CustomerModelTesting
public import ValueModel

/// What the ``ScoreHistoryConformance`` checks run against: a fresh, empty score history store
/// and the customer store that serves as the gate's directory, both behind one
/// ``/CustomerModel/AccessGate`` (default policy), the audit log the gate writes to and its clock.
///
/// The history store keeps no coverage: the gate asks the directory whether a client exists and
/// who covers them. The kit seeds ``/CustomerModelTesting/ConformanceWorld`` (and, for the book-wide checks, up to
/// 20,000 more clients covered by RM-A in Pudong) through ``customers`` and then checks
/// ``history``, the gated facade.
public struct ScoreHistoryFixture<Store: ScoreHistoryStore>: ConformanceFixture {
    /// The adapter under test, empty.
    public var adapter: Store
    /// The adapter behind the gate: what the checks call.
    public var history: GatedScoreHistoryStore
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
    ///   - history: a fresh, empty score history store.
    ///   - customers: a fresh, empty customer store, the gate's directory.
    ///   - audit: the gate's audit log.
    ///   - clock: the gate's clock, starting at ``/CustomerModelTesting/ConformanceWorld/start`` or later.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(
        history: Store,
        customers: any CustomerStore,
        audit: SwitchableAuditLog,
        clock: ManualClock,
        tearDown: (@Sendable () async throws -> Void)? = nil
    ) {
        let gate = AccessGate(directory: customers, audit: audit, clock: clock)
        self.adapter = history
        self.history = gate.scoreHistory(history)
        self.customers = gate.customers(customers)
        self.audit = audit
        self.clock = clock
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/ValueModel/ScoreHistoryStore``, as checks a host runs against
/// its own adapter (the score history store plus the customer store it reads clients from).
///
/// Each ``Check`` is one documented promise, named as a sentence: round trips of every field;
/// idempotent recording (again, in halves, in reverse); conflicts and corrections with
/// `replacing:`; all-or-nothing batches (an invalid record in row 5,000 of 10,000, an unknown
/// client, a conflict in the middle); ordering and inclusive day ranges; as-of and latest
/// semantics; trend maths ("AUM down 20% in 30 days", exact ratios, windows starting before the
/// first record) and deciles over the book ("fell two deciles", ties, corrections); access
/// control and the audit trail; concurrent writers; a 100,000-record batch. Each check runs on a
/// fresh fixture and throws a ``/CustomerModelTesting/ConformanceFailure`` on a broken promise.
///
/// ```swift
/// typealias Kit = ScoreHistoryConformance<PostgresScoreHistoryStore>
/// @Test(arguments: Kit.checks) func postgresScoreHistoryConforms(_ check: Kit.Check) async throws {
///     try await Kit { (try await PostgresScoreHistoryStore.fresh(db), InMemoryCustomerStore()) }.run(check)
/// }
/// ```
///
/// The closure returns `(history:customers:)`: the history store and any customer store to serve
/// as the gate's directory, both empty. To audit into your own log adapter, wrap it in a
/// ``/CustomerModelTesting/SwitchableAuditLog`` and use ``init(_:)`` with a ``ScoreHistoryFixture``.
public struct ScoreHistoryConformance<Store: ScoreHistoryStore>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = ScoreHistoryFixture<Store>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh, empty score history store and a
    /// customer store to serve as the gate's directory; the kit puts both behind a gate auditing
    /// into an in-memory log and reading a manual clock.
    public init(
        makeStores: @escaping @Sendable () async throws -> (history: Store, customers: any CustomerStore)
    ) {
        self.makeFixture = {
            let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            let stores = try await makeStores()
            return Fixture(history: stores.history, customers: stores.customers, audit: audit, clock: clock)
        }
    }
}

extension ScoreHistoryConformance where Store == InMemoryScoreHistoryStore {
    /// The kit over fresh ``/ValueModel/InMemoryScoreHistoryStore``s, each paired with a fresh
    /// ``/CustomerModel/InMemoryCustomerStore`` as the gate's directory.
    public static var inMemory: Self {
        Self { (InMemoryScoreHistoryStore(), InMemoryCustomerStore()) }
    }
}

extension ScoreHistoryConformance {
    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            // Round trips
            Check(
                "a record with every field set, and one with none of the optional ones, reads back exactly",
                recordsRoundTrip
            ),
            Check(
                "model ids and versions of any text read back exactly and stay distinct",
                modelVersionsStayDistinct
            ),
            // Idempotency, conflicts and corrections
            Check(
                "recording the same batch again is a no-op counted as unchanged, and so is a key repeated in one batch",
                repeatedRecordingIsNoOp
            ),
            Check(
                "the same scores delivered whole, in halves and in reverse are stored once",
                redeliveryInPiecesStoresOnce
            ),
            Check(
                "a different score for a stored key is a conflict and stores nothing of the batch",
                differentScoreIsConflict
            ),
            Check(
                "replacing: true corrects a stored score, counts it as replaced and keeps one record per key",
                replacingCorrects
            ),
            Check(
                "one key with two different scores in one batch is a conflict, even when replacing",
                conflictWithinBatch
            ),
            // Atomic batches
            Check(
                "an invalid record in row 5,000 of 10,000 rejects the batch as invalid, naming client and field, and stores nothing",
                invalidRecordRejectsBatch
            ),
            Check(
                "scores of an unknown client are refused as not found and none of the batch is stored",
                unknownClient
            ),
            Check(
                "a conflict in the middle of a batch leaves the store exactly as before",
                conflictLeavesStoreAsBefore
            ),
            // Order, ranges and as-of
            Check(
                "a series comes back by day then model version; day ranges include both ends",
                seriesOrderedAndInclusive
            ),
            Check(
                "as of a day is the latest record of that model version on or before it; latest is the last one",
                asOfSemantics
            ),
            // Trends and deciles
            Check(
                "a trend compares the scores as of the window's first and last days: AUM down 20% in 30 days",
                trendMaths
            ),
            Check(
                "a trend of a client first scored inside the window starts at its first record; none without a record by the window's end",
                trendWindowEdges
            ),
            Check(
                "deciles rank a client among every client scored that day: falling from the top tenth to the eighth is -2",
                decilesOverTheBook
            ),
            Check(
                "equal totals share a decile, and a correction re-ranks the day's book",
                decileTiesAndCorrections
            ),
            // Access control
            Check(
                "an RM reading another RM's client's scores is forbidden and the refusal is audited as denied",
                relationshipManagerCannotReadOthers
            ),
            Check(
                "an RM cannot record scores for another RM's client: nothing of the batch is stored and the refusal is audited",
                relationshipManagerCannotRecordForOthers
            ),
            Check(
                "a branch head reads its subtree's scores but not a sibling branch's; an auditor reads but cannot record",
                branchHeadAndAuditor
            ),
            Check(
                "a book-wide trend query as an RM holds only the RM's clients, ranked against the whole book",
                bookWideTrendsNarrowedToScope
            ),
            // Audit
            Check("every recording reaches the audit log as a write with principal, clients and time", writesAudited),
            Check(
                "every series, as-of and trend read reaches the audit log as a read naming the clients",
                readsAudited
            ),
            Check(
                "when the audit log fails, recording fails and stores nothing, and reads fail",
                failsWithoutAudit
            ),
            // Concurrency and volume
            Check("20 tasks recording disjoint batches at once store every record", concurrentDisjointWriters),
            Check("10 tasks delivering the same batch at once store it once", concurrentDuplicateDeliveries),
            Check(
                "100,000 scores in one batch (20,000 clients over five nights) are stored, read back and ranked",
                hundredThousandInOneBatch
            ),
        ]
    }
}
