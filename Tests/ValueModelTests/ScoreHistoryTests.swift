import CustomerModel
import CustomerModelTesting
import SyntheticBank
import Testing
import ValueModel

/// The score history values and the in-memory store's own behaviour beyond the conformance kit.
struct ScoreHistoryTests {
    let model = ScoreModelVersion(id: "cvm-individual", version: "3")
    let today = Day(number: 20_780)

    func record(_ customer: CustomerID = "C-1", day: Int = 0, total: Double = 50, aum: Int64 = 1_000) -> ScoreRecord {
        ScoreRecord(
            customer: customer,
            day: today.adding(days: day),
            model: model,
            total: total,
            dimensions: [total, 10],
            aum: Money(major: aum, currency: .cny)
        )
    }

    // MARK: Validation

    @Test(arguments: [
        ("total", 100.000_1), ("total", -1e-9), ("total", Double.nan), ("total", -Double.infinity),
    ])
    func badTotalsAreRejected(field: String, total: Double) {
        var bad = record()
        bad.total = total
        #expect(throws: ValueError.self) { try bad.validate() }
        let error = try? #require(throws: ValueError.self) { try bad.validate() }
        #expect(error?.field == field)
    }

    @Test func scoresAtTheBoundsAreValid() throws {
        for total in [0.0, 100.0, 1e-300] {
            var edge = record()
            edge.total = total
            edge.dimensions = Array(repeating: total, count: ScoreRecord.maximumDimensions)
            edge.aum = .zero(.cny)
            edge.rfm = ScoreRecord.RFMCell(recency: 1, frequency: 5, monetary: 3)
            try edge.validate()
        }
    }

    @Test func eachInvalidFieldIsNamed() {
        var cases: [(String, ScoreRecord)] = []
        var r = record()
        r.dimensions = [1, 2, 100.5]
        cases.append(("dimensions[2]", r))
        r = record()
        r.dimensions = Array(repeating: 0, count: ScoreRecord.maximumDimensions + 1)
        cases.append(("dimensions", r))
        r = record()
        r.aum = Money(minorUnits: -1, currency: .usd)
        cases.append(("aum", r))
        r = record()
        r.rfm = ScoreRecord.RFMCell(recency: 3, frequency: 0, monetary: 3)
        cases.append(("rfm.frequency", r))
        r = record()
        r.model = ScoreModelVersion(id: "", version: "1")
        cases.append(("model.id", r))
        r = record()
        r.model = ScoreModelVersion(id: "x", version: "")
        cases.append(("model.version", r))
        r = record(CustomerID(""))
        cases.append(("customer", r))
        for (field, bad) in cases {
            let error = try? #require(throws: ValueError.self) { try bad.validate() }
            #expect(error?.field == field, "\(field)")
        }
    }

    // MARK: Values

    @Test func modelVersionsOrderByIdThenVersionText() {
        let versions = [
            ScoreModelVersion(id: "b", version: "1"), ScoreModelVersion(id: "a", version: "2"),
            ScoreModelVersion(id: "a", version: "10"),
        ]
        #expect(versions.sorted().map(\.description) == ["a@10", "a@2", "b@1"])
    }

    @Test func cellsAndLevelsDescribeThemselves() {
        #expect(ScoreRecord.RFMCell(recency: 5, frequency: 4, monetary: 3).description == "R5F4M3")
        #expect(ScoreRecord.ChurnLevel.allCases.map(\.description) == ["none", "low", "medium", "high"])
        #expect(ScoreRecord.ChurnLevel.low < .high)
    }

    @Test func trendArithmetic() {
        let window = today.adding(days: -30)...today
        func point(
            _ day: Int,
            _ total: Double,
            _ aum: Int64,
            _ decile: Int,
            currency: CurrencyCode = .cny
        )
            -> ScoreTrend.Point
        {
            ScoreTrend.Point(
                day: today.adding(days: day),
                total: total,
                aum: Money(minorUnits: aum, currency: currency),
                decile: decile,
                clientsScored: 100
            )
        }
        let down = ScoreTrend(
            customer: "C-1",
            model: model,
            window: window,
            start: point(-30, 80, 250, 9),
            end: point(0, 61.5, 200, 7)
        )
        #expect(down.aumChangeRatio == -0.2)
        #expect(down.aumChange == Money(minorUnits: -50, currency: .cny))
        #expect(down.scoreChange == -18.5)
        #expect(down.decileChange == -2)
        #expect(down.coversWindow)
        let up = ScoreTrend(
            customer: "C-1",
            model: model,
            window: window,
            start: point(-10, 1, 3, 1),
            end: point(0, 2, 4, 2)
        )
        #expect(up.aumChangeRatio == 1.0 / 3.0)
        #expect(!up.coversWindow)
        let mixed = ScoreTrend(
            customer: "C-1",
            model: model,
            window: window,
            start: point(-30, 1, 3, 1),
            end: point(0, 1, 3, 1, currency: .usd)
        )
        #expect(mixed.aumChange == nil)
        #expect(mixed.aumChangeRatio == nil)
        let fromZero = ScoreTrend(
            customer: "C-1",
            model: model,
            window: window,
            start: point(-30, 1, 0, 1),
            end: point(0, 1, 3, 1)
        )
        #expect(fromZero.aumChangeRatio == nil)
        #expect(fromZero.aumChange == Money(minorUnits: 3, currency: .cny))
    }

    // MARK: The in-memory store

    func makeStore(clients: [CustomerID]) async throws -> (GatedScoreHistoryStore, InMemoryAuditLog) {
        let audit = InMemoryAuditLog()
        let clock = ManualClock(start: ConformanceWorld.start)
        let directory = InMemoryCustomerStore()
        let gate = AccessGate(directory: directory, audit: audit, clock: clock)
        let customers = gate.customers(directory)
        try await customers.replace(organisation: ConformanceWorld.organisation, as: .system("test"))
        _ = try await customers.upsert(
            clients.map {
                ProfileChange(
                    CustomerProfile(
                        id: $0,
                        kind: .individual,
                        name: "Client",
                        coverage: Coverage(relationshipManager: nil, branch: "SH-PD")
                    ),
                    expectedVersion: nil
                )
            },
            as: .system("test")
        )
        return (gate.scoreHistory(InMemoryScoreHistoryStore()), audit)
    }

    @Test func windowsReachingBeforeTheFirstDayDoNotTrap() async throws {
        let (store, _) = try await makeStore(clients: ["C-1"])
        let first = ScoreRecord(
            customer: "C-1",
            day: Day(number: .min + 5),
            model: model,
            total: 1,
            aum: .zero(.cny)
        )
        try await store.record([first], as: .system("test"))
        let trend = try await store.trend(
            of: "C-1",
            model: model,
            days: Int.max,
            endingOn: Day(number: .min + 10),
            as: .system("test")
        )
        #expect(trend?.start.day == first.day)
        #expect(trend?.window.lowerBound == Day(number: .min))
        let negative = try await store.trend(
            of: "C-1",
            model: model,
            days: -5,
            endingOn: Day(number: .min + 5),
            as: .system("test")
        )
        #expect(negative?.window.lowerBound == negative?.window.upperBound)
    }

    @Test func correctionsWithAnotherDimensionCountReadBack() async throws {
        let (store, _) = try await makeStore(clients: ["C-1", "C-2"])
        let system = Principal.system("test")
        try await store.record([record("C-1"), record("C-2", total: 70)], as: system)
        for count in [0, 1, 16, 2] {
            var corrected = record("C-1", total: Double(count))
            corrected.dimensions = (0..<count).map { Double($0) }
            let report = try await store.record([corrected], replacing: true, as: system)
            #expect(report == ScoreRecordingReport(recorded: 0, unchanged: 0, replaced: 1))
            #expect(try await store.latest(of: "C-1", model: model, as: system) == corrected)
            #expect(try await store.latest(of: "C-2", model: model, as: system) == record("C-2", total: 70))
        }
        #expect(store.recordCount == 2)
    }

    @Test func aNightlyBookAppendsInOneCallAndRanksEachNight() async throws {
        let clients = (0..<2_000).map { CustomerID("C-\($0)") }
        let (store, audit) = try await makeStore(clients: clients)
        let system = Principal.system("nightly")
        var random = SeededGenerator(seed: 5)
        for night in 0..<3 {
            let batch = clients.map { client in
                record(
                    client,
                    day: night,
                    total: Double(random.nextInt(below: 10_001)) / 100,
                    aum: Int64(random.nextInt(below: 1_000_000))
                )
            }
            let before = audit.count
            let report = try await store.record(batch.shuffled(using: &random), as: system)
            #expect(report.recorded == clients.count)
            #expect(audit.count == before + 1)
        }
        #expect(store.recordCount == 6_000)
        let trends = try await store.trends(of: nil, model: model, over: today...today.adding(days: 2), as: system)
        #expect(trends.count == clients.count)
        let counts = Dictionary(grouping: trends, by: \.end.decile).mapValues(\.count)
        #expect(counts.keys.sorted() == Array(1...10))
        for (_, count) in counts { #expect((180...220).contains(count)) }
        #expect(trends.allSatisfy { $0.start.clientsScored == 2_000 && $0.end.day == today.adding(days: 2) })
    }

    @Test(arguments: [1, 2, 3, 7, 10, 11, 97, 400])
    func decilesMatchTheMidRankDefinitionWithTies(bookSize: Int) async throws {
        let clients = (0..<bookSize).map { CustomerID("C-\($0)") }
        let (store, _) = try await makeStore(clients: clients)
        let system = Principal.system("test")
        var random = SeededGenerator(seed: UInt64(bookSize))
        // Few distinct totals, so ties are common; a second day with distinct totals.
        let days: [[Double]] = [
            clients.map { _ in Double(random.nextInt(below: 6)) * 12.5 },
            clients.map { _ in Double(random.nextInt(below: 1_000_000)) / 10_000 },
        ]
        for (day, totals) in days.enumerated() {
            try await store.record(
                zip(clients, totals).map { record($0, day: day, total: $1) },
                as: system
            )
            let trends = try await store.trends(
                of: nil,
                model: model,
                over: today.adding(days: day)...today.adding(days: day),
                as: system
            )
            #expect(trends.count == bookSize)
            for trend in trends {
                let total = trend.end.total
                let below = totals.filter { $0 < total }.count
                let equal = totals.filter { $0 == total }.count
                let expected = min(
                    10,
                    Int((10 * (Double(below) + Double(equal) / 2) / Double(bookSize)).rounded(.down)) + 1
                )
                #expect(trend.end.decile == expected, "total \(total) of \(bookSize), day \(day)")
                #expect(trend.end.clientsScored == bookSize)
            }
        }
    }

    @Test func valuesCrossTasks() async throws {
        let value = record()
        let trend = ScoreTrend(
            customer: "C-1",
            model: model,
            window: today...today,
            start: .init(day: today, total: 1, aum: .zero(.cny), decile: 6, clientsScored: 1),
            end: .init(day: today, total: 1, aum: .zero(.cny), decile: 6, clientsScored: 1)
        )
        let (back, backTrend) = await Task.detached { (value, trend) }.value
        #expect(back == value)
        #expect(backTrend == trend)
    }
}

extension GatedScoreHistoryStore {
    /// The records stored by the in-memory store behind the gate.
    var recordCount: Int { (store as? InMemoryScoreHistoryStore)?.recordCount ?? 0 }
}
