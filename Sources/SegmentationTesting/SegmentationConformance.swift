public import CustomerModel
public import CustomerModelTesting
public import Segmentation

/// What the ``SegmentationConformance`` checks run against: a fresh, empty segmentation store
/// and the customer store that serves as the gate's directory, both behind one
/// ``/CustomerModel/AccessGate`` (default policy), the audit log the gate writes to and its clock.
public struct SegmentationFixture<Store: SegmentationStore>: ConformanceFixture {
    /// The adapter under test, empty.
    public var adapter: Store
    /// The adapter behind the gate: what the checks call.
    public var segmentation: GatedSegmentationStore
    /// The customer store (the gate's directory) behind the same gate; empty.
    public var customers: GatedCustomerStore
    /// The audit log the gate writes to.
    public var audit: SwitchableAuditLog
    /// The clock the gate reads; the kit moves it.
    public var clock: ManualClock
    /// Called after the check, even when it failed.
    public var tearDown: (@Sendable () async throws -> Void)?

    /// Creates a fixture: both stores behind one gate over `customers`.
    /// - Parameters:
    ///   - segmentation: a fresh, empty segmentation store.
    ///   - customers: a fresh, empty customer store, the gate's directory.
    ///   - audit: the gate's audit log.
    ///   - clock: the gate's clock.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(
        segmentation: Store,
        customers: any CustomerStore,
        audit: SwitchableAuditLog,
        clock: ManualClock,
        tearDown: (@Sendable () async throws -> Void)? = nil
    ) {
        let gate = AccessGate(directory: customers, audit: audit, clock: clock)
        self.adapter = segmentation
        self.segmentation = gate.segmentation(segmentation)
        self.customers = gate.customers(customers)
        self.audit = audit
        self.clock = clock
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/Segmentation/SegmentationStore``, as checks a host runs against
/// its own adapter (the segmentation store plus the customer store it reads clients from).
///
/// Each ``Check`` is one documented promise: round trips and versions, idempotent evaluations
/// and events, conflicts, all-or-nothing batches, order and as-of answers, access control and
/// the audit trail, concurrent writers. Each check runs on a fresh fixture and throws a
/// ``/CustomerModelTesting/ConformanceFailure`` on a broken promise.
///
/// ```swift
/// typealias Kit = SegmentationConformance<PostgresSegmentationStore>
/// @Test(arguments: Kit.checks) func postgresSegmentationConforms(_ check: Kit.Check) async throws {
///     try await Kit { (try await PostgresSegmentationStore.fresh(db), InMemoryCustomerStore()) }.run(check)
/// }
/// ```
public struct SegmentationConformance<Store: SegmentationStore>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = SegmentationFixture<Store>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh, empty segmentation store and a
    /// customer store to serve as the gate's directory; the kit puts both behind a gate auditing
    /// into an in-memory log and reading a manual clock.
    public init(
        makeStores: @escaping @Sendable () async throws -> (segmentation: Store, customers: any CustomerStore)
    ) {
        self.makeFixture = {
            let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            let stores = try await makeStores()
            return Fixture(segmentation: stores.segmentation, customers: stores.customers, audit: audit, clock: clock)
        }
    }
}

extension SegmentationConformance where Store == InMemorySegmentationStore {
    /// The kit over fresh ``/Segmentation/InMemorySegmentationStore``s, each paired with a fresh
    /// ``/CustomerModel/InMemoryCustomerStore`` as the gate's directory.
    public static var inMemory: Self {
        Self { (InMemorySegmentationStore(), InMemoryCustomerStore()) }
    }
}

extension SegmentationConformance {
    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            Check("a batch's states, events and evaluations read back exactly, each state at version 1", roundTrip),
            Check(
                "committing the same evaluations and events again is a no-op counted as unchanged",
                repeatedCommitIsNoOp
            ),
            Check("an event id or evaluation key with other content is a conflict and stores nothing", conflicts),
            Check("a state written from a stale version is a conflict and stores nothing of the batch", staleVersion),
            Check(
                "an event of a client without a state, or two states of one client, is invalid and stores nothing",
                invalidBatches
            ),
            Check("history and evaluations come back by day then commit order, ranges inclusive", ordering),
            Check(
                "the tier as of a day is the last event's; since and reason are the last move's; none before the first",
                asOf
            ),
            Check("a book-wide read as an RM holds only the RM's clients", bookWideReadsNarrowed),
            Check("a commit naming an unknown client is refused as not found and stores nothing", unknownClient),
            Check(
                "an RM cannot write another RM's client; commits and reads are audited; without audit nothing is stored",
                accessAndAudit
            ),
            Check("20 tasks committing for different clients at once store everything", concurrentWriters),
        ]
    }
}
