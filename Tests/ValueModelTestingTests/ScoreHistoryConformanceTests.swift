import CustomerModel
import CustomerModelTesting
import Testing
import ValueModel
import ValueModelTesting

/// Every check of the score history kit against the in-memory default, and broken stores that
/// prove the kit catches faults.
struct ScoreHistoryConformanceTests {
    typealias Kit = ScoreHistoryConformance<InMemoryScoreHistoryStore>

    @Test(arguments: Kit.checks)
    func inMemoryScoreHistoryStore(_ check: Kit.Check) async throws {
        try await Kit.inMemory.run(check)
    }

    @Test func theKitHasAtLeastTwelveUniquelyNamedChecks() {
        let names = Kit.checks.map(\.name)
        #expect(names.count >= 12)
        #expect(Set(names).count == names.count)
        #expect(names.contains(Self.bulkCheck))
    }

    @Test func theFixtureFormRunsAgainstAHostsOwnAuditLog() async throws {
        let kit = Kit {
            let log = SwitchableAuditLog(wrapping: InMemoryAuditLog())
            let clock = ManualClock(start: ConformanceWorld.start)
            return ScoreHistoryFixture(
                history: InMemoryScoreHistoryStore(),
                customers: InMemoryCustomerStore(),
                audit: log,
                clock: clock
            )
        }
        let check = try #require(Kit.checks.first)
        try await kit.run(check)
    }

    // MARK: Broken stores

    typealias Broken = ScoreHistoryConformance<MisbehavingScoreHistoryStore>

    static func kit(_ fault: MisbehavingScoreHistoryStore.Fault) -> Broken {
        Broken { (MisbehavingScoreHistoryStore(fault, base: InMemoryScoreHistoryStore()), InMemoryCustomerStore()) }
    }

    static let bulkCheck =
        "100,000 scores in one batch (20,000 clients over five nights) are stored, read back and ranked"

    static func check(_ prefix: String) throws -> Broken.Check {
        try #require(Broken.checks.first { $0.name.hasPrefix(prefix) })
    }

    @Test func aStoreThatOverwritesConflictsFails() async throws {
        let check = try Self.check("a different score for a stored key is a conflict")
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.kit(.overwritesConflicts).run(check)
        }
        #expect(failure.check == check.name)
        #expect(failure.expected == "StoreError conflict")
        #expect(failure.actual.hasPrefix("no error"))
    }

    @Test func aStoreThatKeepsPartOfARejectedBatchFails() async throws {
        let check = try Self.check("an invalid record in row 5,000")
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.kit(.storesBatchUpToTheBadRecord).run(check)
        }
        #expect(failure.subject.contains("every record after the refused batches"))
    }

    @Test func aStoreWithOffByOneAsOfFails() async throws {
        let check = try Self.check("as of a day is the latest record")
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.kit(.asOfExcludesTheDay).run(check)
        }
        #expect(failure.subject.contains("as of day -10"))
    }

    @Test func aStoreThatRanksPerPrincipalFails() async throws {
        let check = try Self.check("a book-wide trend query as an RM")
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.kit(.ranksWithinScopeOnly).run(check)
        }
        #expect(failure.subject.contains("deciles over the whole book"))
    }

    @Test func aStoreThatIgnoresTheScopeOfABookWideQueryFails() async throws {
        let failures = try await #require(throws: ConformanceFailures.self) {
            // The 100,000-record check is left out: it takes seconds in a debug build and checks no scope.
            try await Self.kit(.ignoresScope).runAll(except: [Self.bulkCheck])
        }
        #expect(failures.failedChecks.contains { $0.hasPrefix("a book-wide trend query as an RM") })
        #expect(!failures.failedChecks.contains { $0.hasPrefix("a record with every field set") })
        #expect(failures.checksRun == Broken.checks.count - 1)
    }

    @Test func aStoreWithAWrongTrendRatioFails() async throws {
        let check = try Self.check("a trend compares the scores as of the window's first and last days")
        let failure = try await #require(throws: ConformanceFailure.self) {
            try await Self.kit(.trendEndsAtTheWindowStart).run(check)
        }
        #expect(failure.check == check.name)
    }
}

/// An ``InMemoryScoreHistoryStore`` with one promise broken on purpose.
struct MisbehavingScoreHistoryStore: ScoreHistoryStore {
    enum Fault: Sendable {
        /// Replaces stored scores even when not asked to.
        case overwritesConflicts
        /// Stores the records before the first invalid one, then throws.
        case storesBatchUpToTheBadRecord
        /// Answers "as of day d" with the latest record strictly before d.
        case asOfExcludesTheDay
        /// Computes deciles among the principal's own clients only.
        case ranksWithinScopeOnly
        /// Answers a book-wide trend query for every client, whatever scope the gate passes.
        case ignoresScope
        /// Ends every trend at the record as of the window's first day.
        case trendEndsAtTheWindowStart
    }

    let fault: Fault
    let base: InMemoryScoreHistoryStore

    init(_ fault: Fault, base: InMemoryScoreHistoryStore) {
        self.fault = fault
        self.base = base
    }

    private func reader(_ scope: ClientScope) -> ClientScope {
        fault == .ignoresScope ? .everyClient : scope
    }

    func record(
        _ scores: [ScoreRecord],
        replacing: Bool,
        in scope: ClientScope
    ) async throws(StoreError)
        -> ScoreRecordingReport
    {
        switch fault {
        case .overwritesConflicts:
            return try await base.record(scores, replacing: true, in: scope)
        case .storesBatchUpToTheBadRecord:
            if let bad = scores.firstIndex(where: { (try? $0.validate()) == nil }) {
                _ = try? await base.record(Array(scores[..<bad]), replacing: replacing, in: scope)
            }
            return try await base.record(scores, replacing: replacing, in: scope)
        default:
            return try await base.record(scores, replacing: replacing, in: scope)
        }
    }

    func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        try await base.series(of: customer, in: days, model: model, scope: reader(scope))
    }

    func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        let asked = fault == .asOfExcludesTheDay ? day.adding(days: -1) : day
        return try await base.scores(of: customers, asOf: asked, model: model, scope: reader(scope))
    }

    func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreTrend] {
        var found = try await base.trends(of: customers, model: model, over: window, scope: reader(scope))
        switch fault {
        case .trendEndsAtTheWindowStart:
            for index in found.indices { found[index].end = found[index].start }
        case .ranksWithinScopeOnly where !scope.isEveryClient:
            for day in [\ScoreTrend.start, \ScoreTrend.end] {
                let totals = found.map { $0[keyPath: day].total }.sorted()
                for index in found.indices {
                    let total = found[index][keyPath: day].total
                    let below = totals.prefix { $0 < total }.count
                    found[index][keyPath: day].decile = min(10, 10 * below / max(1, totals.count) + 1)
                    found[index][keyPath: day].clientsScored = totals.count
                }
            }
        default:
            break
        }
        return found
    }
}
