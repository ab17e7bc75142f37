public import CustomerModel

/// What the ``CustomerStoreConformance`` checks run against: a fresh, empty store behind an
/// ``/CustomerModel/AccessGate`` (the store as its own directory, the default policy), the audit
/// log the gate writes to, and the clock it stamps audit entries with.
///
/// The checks call ``store``, the gated facade, so each access check proves the gate and the
/// adapter together; the adapter itself writes no policy and no audit code. The kit reads the
/// trail back to verify that every access was recorded, and switches the log off to verify that
/// no call works unaudited.
public struct CustomerStoreFixture<Store: CustomerStore>: ConformanceFixture {
    /// The adapter under test: empty, with any organisation (the kit replaces it).
    public var adapter: Store
    /// The adapter behind the gate: what the checks call.
    public var store: GatedCustomerStore
    /// The audit log the gate writes to.
    public var audit: SwitchableAuditLog
    /// The clock the gate reads; the kit moves it.
    public var clock: ManualClock
    /// Called after the check, even when it failed: drop the test schema, close connections.
    public var tearDown: (@Sendable () async throws -> Void)?

    /// Creates a fixture: `store` behind a gate with the default policy, writing to `audit` and reading `clock`.
    /// - Parameters:
    ///   - store: a fresh, empty store.
    ///   - audit: the gate's audit log.
    ///   - clock: the gate's clock, starting at ``ConformanceWorld/start`` or later.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(
        store: Store,
        audit: SwitchableAuditLog,
        clock: ManualClock,
        tearDown: (@Sendable () async throws -> Void)? = nil
    ) {
        self.adapter = store
        self.store = AccessGate(directory: store, audit: audit, clock: clock).customers(store)
        self.audit = audit
        self.clock = clock
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/CustomerModel/CustomerStore``, as checks a host runs against
/// its own adapter (the way vapor/fluent-kit's FluentBenchmark tests every database driver).
///
/// Each ``Check`` is one documented promise, named as a sentence: round trips of every record
/// kind, optimistic concurrency, all-or-nothing batches, ordering, access control under
/// ``/CustomerModel/AccessPolicy/default``, the audit trail, and concurrent writers. A check
/// runs on a fresh fixture, seeds ``ConformanceWorld`` through the port itself, and throws a
/// ``ConformanceFailure`` naming what it expected and what came back, so the kit works under
/// Swift Testing, XCTest or a plain executable.
///
/// Add `CustomerModelTesting` to your adapter's test target and run every check as its own test
/// case:
///
/// ```swift
/// typealias Kit = CustomerStoreConformance<PostgresCustomerStore>
/// @Test(arguments: Kit.checks) func postgresStoreConforms(_ check: Kit.Check) async throws {
///     try await Kit { try await PostgresCustomerStore.fresh(db) }.run(check)
/// }
/// ```
///
/// `makeStore` is called once per check and must return an empty store; the kit puts it behind
/// an ``/CustomerModel/AccessGate`` auditing into an in-memory log. To audit into your own log
/// adapter, wrap it in a ``SwitchableAuditLog`` and use ``init(_:)`` with a
/// ``CustomerStoreFixture``. Under XCTest, call ``runAll()`` from one test method: it runs
/// every check and throws one ``ConformanceFailures`` listing each broken promise.
public struct CustomerStoreConformance<Store: CustomerStore>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = CustomerStoreFixture<Store>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh, empty store; the kit puts it behind a
    /// gate auditing into an in-memory log and reading a manual clock.
    public init(makeStore: @escaping @Sendable () async throws -> Store) {
        self.makeFixture = {
            let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            return Fixture(store: try await makeStore(), audit: audit, clock: clock)
        }
    }
}

extension CustomerStoreConformance where Store == InMemoryCustomerStore {
    /// The kit over fresh ``/CustomerModel/InMemoryCustomerStore``s: the reference the kit is
    /// tested against.
    public static var inMemory: Self {
        Self { InMemoryCustomerStore() }
    }
}

extension CustomerStoreConformance {
    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            // Round trips
            Check(
                "a corporate profile with every field set, corporate attributes and tags included, reads back exactly at version 1",
                corporateProfileRoundTrips
            ),
            Check("an individual profile with every field set reads back exactly", individualProfileRoundTrips),
            Check("profiles come back in the order asked, skipping unknown ids", profilesComeBackInOrderAsked),
            Check("accounts read back exactly, sorted by id", accountsRoundTrip),
            Check("an account upserted again with the same id replaces the stored one", accountIsReplaced),
            Check("holdings with every renewal outcome read back exactly, sorted by id", holdingsRoundTrip),
            Check("relationship edges read back exactly, sorted by id", relationshipsRoundTrip),
            Check("a relationship between two clients is found from both ends", relationshipFoundFromBothEnds),
            Check("referrals read back sorted by referrer, day, then referred client", referralsRoundTrip),
            Check("recording a referral twice keeps one", referralRecordedTwiceKeepsOne),
            Check("the organisation reads back exactly as replaced", organisationRoundTrips),
            // Versions
            Check("the first write stores version 1 and each write adds 1", versionsCountWrites),
            Check("a stale expected version is a conflict and writes nothing", staleVersionIsConflict),
            Check(
                "creating with a nil expected version when the client exists is a conflict",
                createOverExistingIsConflict
            ),
            Check("updating a client that does not exist is a conflict and creates nothing", updateOfUnknownIsConflict),
            Check("a batch returns the new versions in input order", batchReturnsVersionsInOrder),
            Check("a batch with one stale change writes none of its changes", batchWithStaleChangeWritesNone),
            // Atomic batches
            Check(
                "a batch of 10,000 profiles with one invalid in the middle stores none",
                profileBatchWithInvalidStoresNone
            ),
            Check("a batch of holdings with one bad record stores none", holdingBatchWithBadRecordStoresNone),
            Check(
                "accounts of an unknown client are refused as not found and none of the batch is stored",
                accountsOfUnknownClientStoreNone
            ),
            // Queries
            Check(
                "holdings maturing in a range include both ends, sorted by day then id",
                maturingRangeIncludesBothEnds
            ),
            Check("holdings maturing in a range before the first maturity or in a gap are empty", maturingRangeEmpty),
            Check("a holding replaced with a new maturity day moves to that day", replacedHoldingMoves),
            Check("clients of an RM are listed, sorted by identifier", clientsOfRelationshipManager),
            Check("clients of a branch include sub-branches only when asked", clientsOfBranch),
            Check("clients with an active tag are listed and expired tags are left out", clientsWithActiveTag),
            Check(
                "a client moved to another RM and branch leaves the old lists and the old RM's scope",
                movedClientLeavesOldLists
            ),
            // Access control
            Check(
                "an RM reading another RM's client is forbidden and the refusal is audited as denied",
                relationshipManagerCannotReadOthers
            ),
            Check(
                "an RM reading another RM's accounts, holdings, relationships or referrals is forbidden",
                relationshipManagerCannotReadOthersRecords
            ),
            Check(
                "an RM cannot change another RM's client, nothing is written and the refusal is audited",
                relationshipManagerCannotWriteOthers
            ),
            Check(
                "an RM cannot overwrite another RM's client's account, holding or relationship by reusing its id",
                relationshipManagerCannotTakeOverRecords
            ),
            Check("a service team member reads and writes the client they serve", serviceTeamMemberHasAccess),
            Check("a branch head sees its subtree but not a sibling branch", branchHeadSeesSubtreeOnly),
            Check("an auditor reads every client but cannot write, and the refusal is audited", auditorCannotWrite),
            Check("listings and maturity scans leave out-of-scope clients out", listingsLeaveOutOfScopeOut),
            Check(
                "only head office and system principals may replace the organisation",
                onlyHeadOfficeReplacesOrganisation
            ),
            Check("an organisation with a cycle is invalid and the old one is kept", invalidOrganisationIsRejected),
            // Audit
            Check(
                "every profile read and write reaches the audit log with principal, clients, action and time",
                profileAccessIsAudited
            ),
            Check("every account, holding, relationship and referral read and write is audited", recordAccessIsAudited),
            Check("client listings, maturity scans and organisation changes are audited", listingsAreAudited),
            Check("when the audit log fails, a read fails and returns nothing", readFailsWithoutAudit),
            Check("when the audit log fails, a write fails and stores nothing", writeFailsWithoutAudit),
            // Concurrency
            Check(
                "50 concurrent read-modify-write writers lose no update: the final version counts every successful write",
                concurrentWritersLoseNoUpdate
            ),
            Check("20 concurrent creators of one client: exactly one wins version 1", concurrentCreatorsOneWins),
        ]
    }
}

// MARK: - Shared helpers for the checks

extension CustomerStoreFixture: GatedFixture {
    /// The gated store the kit seeds ``ConformanceWorld`` through: ``store`` itself.
    package var directory: GatedCustomerStore { store }

    /// The stored profile of `id`, read as system.
    func stored(_ id: CustomerID) async throws(ConformanceFailure) -> VersionedProfile? {
        try await call("reading \(id) as system") {
            try await store.profiles([id], as: ConformanceWorld.system).first
        }
    }

    /// Every stored profile of `ids`, read as system.
    func stored(_ ids: [CustomerID]) async throws(ConformanceFailure) -> [VersionedProfile] {
        try await call("reading \(ids.count) profiles as system") {
            try await store.profiles(ids, as: ConformanceWorld.system)
        }
    }
}
