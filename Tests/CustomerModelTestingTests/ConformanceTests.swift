import CustomerModel
import CustomerModelTesting
import Synchronization
import Testing

/// Checks the in-memory defaults fail today, because of bugs in the in-memory stores.
///
/// A check listed here runs under `withKnownIssue`, which reports an issue of its own once the
/// bug is fixed, so the lists must then shrink. The kit's first run found five bugs (writes
/// committed before they were audited, records taken over by id, scoped exports naming every
/// client, refused batches keeping their currencies); all were fixed in the stores, and the
/// lists are empty.
enum KnownIssues {
    /// Failing checks of `InMemoryCustomerStore`.
    static let customerStore: Set<String> = []
    /// Failing checks of `InMemoryActivityStore`.
    static let activityStore: Set<String> = []
    /// Failing checks of `InMemoryAuditLog`.
    static let auditLog: Set<String> = []
    /// Failing checks of `InMemoryNotificationSink`.
    static let notificationSink: Set<String> = []

    /// Runs `body`, expecting it to fail when `name` is a known issue.
    static func run(_ name: String, in known: Set<String>, _ body: () async throws -> Void) async throws {
        if known.contains(name) {
            await withKnownIssue("bug in the in-memory default, see KnownIssues") { try await body() }
        } else {
            try await body()
        }
    }
}

// MARK: - Every check of every kit against the in-memory defaults

struct CustomerStoreConformanceTests {
    typealias Kit = CustomerStoreConformance<InMemoryCustomerStore>

    @Test(arguments: Kit.checks)
    func inMemoryCustomerStore(_ check: Kit.Check) async throws {
        try await KnownIssues.run(check.name, in: KnownIssues.customerStore) { try await Kit.inMemory.run(check) }
    }

    /// Every check passes in one `runAll()` (use `runAll(except: KnownIssues.customerStore)`
    /// while a known issue is listed).
    @Test func runAllSucceeds() async throws {
        try await Kit.inMemory.runAll()
    }

    @Test func theFixtureFormRunsAgainstAHostsOwnAuditLog() async throws {
        let kit = Kit {
            let log = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            return CustomerStoreFixture(store: InMemoryCustomerStore(), audit: log, clock: clock)
        }
        let check = try #require(Kit.checks.first)
        try await kit.run(check)
    }
}

struct ActivityStoreConformanceTests {
    typealias Kit = ActivityStoreConformance<InMemoryActivityStore>

    @Test(arguments: Kit.checks)
    func inMemoryActivityStore(_ check: Kit.Check) async throws {
        try await KnownIssues.run(check.name, in: KnownIssues.activityStore) { try await Kit.inMemory.run(check) }
    }

    /// Every check passes in one `runAll()`.
    @Test func runAllSucceeds() async throws {
        try await Kit.inMemory.runAll()
    }

}

struct AuditLogConformanceTests {
    typealias Kit = AuditLogConformance<InMemoryAuditLog>

    @Test(arguments: Kit.checks)
    func inMemoryAuditLog(_ check: Kit.Check) async throws {
        try await KnownIssues.run(check.name, in: KnownIssues.auditLog) { try await Kit.inMemory.run(check) }
    }

    /// Every check passes in one `runAll()`.
    @Test func runAllSucceeds() async throws {
        try await Kit.inMemory.runAll()
    }

    @Test func theSwitchableLogPassesTheKitToo() async throws {
        try await AuditLogConformance(makeLog: { SwitchableAuditLog(wrapping: InMemoryAuditLog()) }).runAll()
    }
}

struct NotificationSinkConformanceTests {
    typealias Kit = NotificationSinkConformance<InMemoryNotificationSink>

    @Test(arguments: Kit.checks)
    func inMemoryNotificationSink(_ check: Kit.Check) async throws {
        try await KnownIssues.run(check.name, in: KnownIssues.notificationSink) { try await Kit.inMemory.run(check) }
    }

    /// Every check passes in one `runAll()`.
    @Test func runAllSucceeds() async throws {
        try await Kit.inMemory.runAll()
    }

    @Test func receiptsAloneAreEnoughToRunTheKit() async throws {
        try await NotificationSinkConformance(makeSink: {
            InMemoryNotificationSink(clock: ManualClock(start: ConformanceWorld.start))
        }).runAll()
    }
}

// MARK: - The kit itself

struct ConformanceKitTests {
    @Test func everyKitHasUniquelyNamedChecksAndTogetherAtLeastForty() {
        let names = [
            CustomerStoreConformance<InMemoryCustomerStore>.checks.map(\.name),
            ActivityStoreConformance<InMemoryActivityStore>.checks.map(\.name),
            AuditLogConformance<InMemoryAuditLog>.checks.map(\.name),
            NotificationSinkConformance<InMemoryNotificationSink>.checks.map(\.name),
        ]
        for kit in names { #expect(Set(kit).count == kit.count) }
        #expect(names.map(\.count).reduce(0, +) >= 40)
    }

    @Test func knownIssuesNameRealChecks() {
        #expect(
            KnownIssues.customerStore.isSubset(of: CustomerStoreConformance<InMemoryCustomerStore>.checks.map(\.name))
        )
        #expect(
            KnownIssues.activityStore.isSubset(of: ActivityStoreConformance<InMemoryActivityStore>.checks.map(\.name))
        )
    }

    @Test func aStoreThatIgnoresVersionsFailsWithAUsefulMessage() async throws {
        typealias Kit = CustomerStoreConformance<MisbehavingCustomerStore>
        let kit = Kit { MisbehavingCustomerStore(.ignoresVersions) }
        let check = try #require(
            Kit.checks.first { $0.name == "a stale expected version is a conflict and writes nothing" }
        )
        let failure = try await #require(throws: ConformanceFailure.self) { try await kit.run(check) }
        #expect(failure.check == check.name)
        #expect(failure.expected == "StoreError conflict")
        #expect(failure.actual.hasPrefix("no error"))
        #expect(failure.description.contains("stale"))

        let create = try #require(
            Kit.checks.first { $0.name == "creating with a nil expected version when the client exists is a conflict" }
        )
        await #expect(throws: ConformanceFailure.self) { try await kit.run(create) }
    }

    @Test func aStoreThatIgnoresTheScopeInListingsFails() async throws {
        typealias Kit = CustomerStoreConformance<MisbehavingCustomerStore>
        let kit = Kit { MisbehavingCustomerStore(.ignoresScope) }
        let check = try #require(
            Kit.checks.first { $0.name.hasPrefix("listings and maturity scans leave out-of-scope") }
        )
        let failure = try await #require(throws: ConformanceFailure.self) { try await kit.run(check) }
        #expect(failure.check == check.name)
    }

    @Test func anActivityStoreThatDropsRowsFails() async throws {
        typealias Kit = ActivityStoreConformance<DroppingActivityStore>
        let kit = Kit { (DroppingActivityStore(InMemoryActivityStore()), InMemoryCustomerStore()) }
        let check = try #require(Kit.checks.first { $0.name.hasPrefix("a transaction with every field set") })
        let failure = try await #require(throws: ConformanceFailure.self) { try await kit.run(check) }
        #expect(failure.check == check.name)
        #expect(failure.subject.contains("the append report") || failure.subject.contains("transactions of"))
        let export = try #require(Kit.checks.first { $0.name.hasPrefix("an export with a day range") })
        let exportFailure = try await #require(throws: ConformanceFailure.self) { try await kit.run(export) }
        #expect(exportFailure.subject.hasPrefix("rows in the export"))
        #expect(
            exportFailure.description.contains("expected 12, got 9") || exportFailure.description.contains("expected")
        )
    }

    @Test func aSinkThatSendsRepeatsFails() async throws {
        let kit = NotificationSinkConformance { NotificationSinkFixture(sink: RepeatingSink()) }
        let all = try await #require(throws: ConformanceFailures.self) { try await kit.runAll() }
        #expect(all.failedChecks.contains { $0.hasPrefix("a repeated id in a later batch is a duplicate") })
        #expect(all.failedChecks.contains("an empty message is rejected while the rest of the batch goes on"))
        #expect(all.checksRun == NotificationSinkConformance<RepeatingSink>.checks.count)
        #expect(all.description.hasPrefix("\(all.failures.count) of \(all.checksRun) checks failed:"))
    }

    @Test func aFailingFixtureIsReportedNotTrapped() async throws {
        struct NoDatabase: Error {}
        let kit = AuditLogConformance<InMemoryAuditLog>(makeLog: { throw NoDatabase() })
        let check = try #require(AuditLogConformance<InMemoryAuditLog>.checks.first)
        let failure = try await #require(throws: ConformanceFailure.self) { try await kit.run(check) }
        #expect(failure.subject == "making a fresh fixture")
    }

    @Test func aFailingTearDownFailsAPassingCheck() async throws {
        struct CannotDrop: Error {}
        let kit = NotificationSinkConformance {
            NotificationSinkFixture(
                sink: InMemoryNotificationSink(clock: ManualClock(start: ConformanceWorld.start)),
                tearDown: { throw CannotDrop() }
            )
        }
        let check = try #require(NotificationSinkConformance<InMemoryNotificationSink>.checks.first)
        let failure = try await #require(throws: ConformanceFailure.self) { try await kit.run(check) }
        #expect(failure.subject == "tearing the fixture down")
    }

    @Test func tearDownRunsEvenWhenTheCheckFails() async throws {
        let tornDown = Counter()
        let kit = NotificationSinkConformance {
            NotificationSinkFixture(sink: RepeatingSink(), tearDown: { tornDown.increment() })
        }
        _ = try? await kit.runAll()
        #expect(tornDown.value == NotificationSinkConformance<RepeatingSink>.checks.count)
    }
}

// MARK: - Deliberately broken ports

/// An `InMemoryCustomerStore` with one promise broken on purpose.
struct MisbehavingCustomerStore: CustomerStore {
    enum Fault: Sendable {
        /// Overwrites whatever version is stored: stale writes win.
        case ignoresVersions
        /// Lists every client, whatever scope the gate passes.
        case ignoresScope
    }

    let fault: Fault
    let base = InMemoryCustomerStore()

    init(_ fault: Fault) { self.fault = fault }

    func profiles(_ ids: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [VersionedProfile] {
        try await base.profiles(ids, in: scope)
    }

    func upsert(_ changes: [ProfileChange], in scope: ClientScope) async throws(StoreError) -> [Int64] {
        guard fault == .ignoresVersions else { return try await base.upsert(changes, in: scope) }
        var patched: [ProfileChange] = []
        for change in changes {
            let stored = try await base.profiles([change.profile.id], in: .everyClient).first
            patched.append(ProfileChange(change.profile, expectedVersion: stored?.version))
        }
        return try await base.upsert(patched, in: scope)
    }

    func customers(matching query: CustomerQuery, in scope: ClientScope) async throws(StoreError) -> [CustomerID] {
        try await base.customers(matching: query, in: fault == .ignoresScope ? .everyClient : scope)
    }
    func upsert(accounts: [Account], in scope: ClientScope) async throws(StoreError) {
        try await base.upsert(accounts: accounts, in: scope)
    }
    func upsert(holdings: [Holding], in scope: ClientScope) async throws(StoreError) {
        try await base.upsert(holdings: holdings, in: scope)
    }
    func upsert(relationships: [Relationship], in scope: ClientScope) async throws(StoreError) {
        try await base.upsert(relationships: relationships, in: scope)
    }
    func record(referrals: [Referral], in scope: ClientScope) async throws(StoreError) {
        try await base.record(referrals: referrals, in: scope)
    }
    func accounts(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Account] {
        try await base.accounts(of: customers, in: scope)
    }
    func holdings(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Holding] {
        try await base.holdings(of: customers, in: scope)
    }
    func holdings(maturingIn days: ClosedRange<Day>, in scope: ClientScope) async throws(StoreError) -> [Holding] {
        try await base.holdings(maturingIn: days, in: fault == .ignoresScope ? .everyClient : scope)
    }
    func relationships(
        of customers: [CustomerID],
        in scope: ClientScope
    ) async throws(StoreError)
        -> [Relationship]
    {
        try await base.relationships(of: customers, in: scope)
    }
    func referrals(madeBy customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Referral] {
        try await base.referrals(madeBy: customers, in: scope)
    }
    func organisation() async throws(StoreError) -> Organisation { try await base.organisation() }
    func replace(organisation: Organisation) async throws(StoreError) {
        try await base.replace(organisation: organisation)
    }
    func coverage(of ids: [CustomerID]) async throws(StoreError) -> [Coverage?] { try await base.coverage(of: ids) }
    func clients(in scope: ClientScope) async throws(StoreError) -> [CustomerID] { try await base.clients(in: scope) }
}

/// An `InMemoryActivityStore` that silently drops the last transaction of every batch while
/// reporting it appended.
struct DroppingActivityStore: ActivityStore {
    let base: InMemoryActivityStore

    init(_ base: InMemoryActivityStore) { self.base = base }

    func append(transactions: [Transaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        var report = try await base.append(transactions: Array(transactions.dropLast()), in: scope)
        if !transactions.isEmpty { report.appended += 1 }
        return report
    }
    func append(interactions: [Interaction], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        try await base.append(interactions: interactions, in: scope)
    }
    func append(balances: [BalanceSnapshot], in scope: ClientScope) async throws(StoreError) -> AppendReport {
        try await base.append(balances: balances, in: scope)
    }
    func transactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Transaction]
    {
        try await base.transactions(of: customer, in: days, scope: scope)
    }
    func interactions(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [Interaction]
    {
        try await base.interactions(of: customer, in: days, scope: scope)
    }
    func balances(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    )
        async throws(StoreError) -> [BalanceSnapshot]
    {
        try await base.balances(of: customer, in: days, scope: scope)
    }
    func scanTransactions(
        in days: ClosedRange<Day>,
        after cursor: ScanCursor?,
        limit: Int,
        scope: ClientScope
    )
        async throws(StoreError) -> TransactionPage
    {
        try await base.scanTransactions(in: days, after: cursor, limit: limit, scope: scope)
    }
    func exportTransactions(
        in days: ClosedRange<Day>?,
        scope: ClientScope
    ) async throws(StoreError)
        -> TransactionColumns
    {
        try await base.exportTransactions(in: days, scope: scope)
    }
}

/// A sink that sends everything it is given, repeats and empty messages included.
final class RepeatingSink: NotificationSink {
    private let sent = Mutex<[OutboundNotification]>([])

    func deliver(_ batch: [OutboundNotification]) async throws(StoreError) -> [DeliveryReceipt] {
        sent.withLock { $0 += batch }
        return batch.map { .sent(id: $0.id, at: ConformanceWorld.start) }
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
