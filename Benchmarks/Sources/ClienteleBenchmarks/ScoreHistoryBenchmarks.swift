import CustomerModel
import CustomerModelTesting
import SyntheticBank
import ValueModel

/// The score history port's in-memory default at book scale: a nightly batch of 100 k scores,
/// a redelivered night, a book-wide trend query with deciles, and one client's as-of read.
enum ScoreHistoryBenchmarks {
    static func run(clients: Int, nights: Int) async throws {
        let clock = ManualClock(start: Instant(millisecondsSinceEpoch: 1_795_392_000_000))
        let audit = InMemoryAuditLog()
        let directory = InMemoryCustomerStore()
        let gate = AccessGate(directory: directory, audit: audit, clock: clock)
        let customers = gate.customers(directory)
        let system = Principal.system("benchmark")
        let ids = (0..<clients).map { CustomerID("C\($0)") }
        var start = 0
        while start < clients {
            let end = min(clients, start + 10_000)
            _ = try await customers.upsert(
                ids[start..<end].map { id in
                    ProfileChange(
                        CustomerProfile(
                            id: id,
                            kind: .individual,
                            name: "Client",
                            coverage: Coverage(
                                relationshipManager: StaffID("RM-\(id.rawValue.count % 7)"),
                                branch: "BR"
                            )
                        ),
                        expectedVersion: nil
                    )
                },
                as: system
            )
            start = end
        }
        let history = gate.scoreHistory(InMemoryScoreHistoryStore())
        let model = ScoreModelVersion(id: "cvm-individual", version: "1")
        var generator = SeededGenerator(seed: 3)
        let first = Day(number: 20_000)
        var batches: [[ScoreRecord]] = []
        for night in 0..<nights {
            batches.append(
                ids.map { id in
                    let total = Double(generator.nextInt(below: 10_001)) / 100
                    return ScoreRecord(
                        customer: id,
                        day: first.adding(days: night),
                        model: model,
                        total: total,
                        dimensions: [total, total / 2, 100 - total, total / 3],
                        aum: Money(minorUnits: Int64(generator.nextInt(below: 1_000_000_000)), currency: .cny),
                        rfm: ScoreRecord.RFMCell(recency: 1 + night % 5, frequency: 3, monetary: 4),
                        churn: .low
                    )
                }
            )
        }
        var seconds: [Double] = []
        for batch in batches {
            let t = ContinuousClock.now
            _ = try await history.record(batch, as: system)
            seconds.append(Harness.seconds(ContinuousClock.now - t))
        }
        Harness.report(
            "score history: record a night (\(clients / 1000)k)",
            "\(Harness.format(Harness.median(seconds) * 1000, 1)) ms median of \(nights) nights"
                + " (\(Harness.format(Double(clients) / Harness.median(seconds) / 1e6, 2)) M records/s)"
        )
        let again = try await Harness.time(repetitions: 3) { _ = try await history.record(batches[0], as: system) }
        Harness.report(
            "score history: redeliver a night (no-op)",
            "\(Harness.format(Harness.median(again) * 1000, 1)) ms median of 3"
        )
        let window = first...first.adding(days: nights - 1)
        var count = 0
        let trends = try await Harness.time(repetitions: 5) {
            count = try await history.trends(of: nil, model: model, over: window, as: system).count
        }
        Harness.report(
            "score history: book-wide trends (\(count / 1000)k clients)",
            "first \(Harness.format(trends[0] * 1000, 1)) ms (sorts the day books), then median \(Harness.format(Harness.median(Array(trends.dropFirst())) * 1000, 1)) ms"
        )
        var micro: [Double] = []
        for sample in 0..<20_000 {
            let id = ids[(sample * 7_919) % clients]
            let t = ContinuousClock.now
            _ = try await history.trend(of: id, model: model, days: 30, endingOn: window.upperBound, as: system)
            micro.append(Harness.seconds(ContinuousClock.now - t) * 1e6)
        }
        Harness.report(
            "score history: one client's 30-day trend",
            "p50 \(Harness.format(Harness.percentile(micro, 50), 1)) us, p99 \(Harness.format(Harness.percentile(micro, 99), 1)) us over 20k calls"
        )
    }
}
