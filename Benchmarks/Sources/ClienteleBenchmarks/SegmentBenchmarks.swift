import CustomerModel
import Foundation
import Rules
import Segmentation

/// Issue 12's figures: a 20-criterion tier policy plus 50 segments over a book, one client
/// re-evaluated, the as-of tier of one client, and the migration matrix between two days.
enum SegmentBenchmarks {
    /// Seeded facts for the book: AUM, value score, churn signals and p(alive) per client.
    struct BookFacts: FactSource {
        static let catalogue = FactCatalogue.standard()
        var facts: [FactDefinition] { ["aum", "score", "churn.signals", "p_alive"].compactMap { Self.catalogue[$0] } }
        var clients: [CustomerID]
        var aum: [Int64]
        var score: [Double]

        func values(ofClientAt index: Int, into values: inout FactValues) {
            values[0] = .money(Money(major: aum[index], currency: .cny))
            values[1] = .number(score[index])
            values[2] = .count(Int64(index % 5))
            values[3] = .percent(Double(index % 100) / 100)
        }
    }

    /// Five tiers, four criteria on each of the upper four (20 in all), `any` of them.
    static func policy() throws -> SegmentationPolicy {
        let service = ServiceModel(rmGrade: "standard", reviewCadence: .quarterly)
        let ids = ["mass", "gold", "platinum", "diamond", "private_banking"]
        var tiers = [TierPolicy(id: "mass", service: service)]
        for rank in 1..<5 {
            let aum = [0, 100_000, 500_000, 2_000_000, 6_000_000][rank]
            tiers.append(
                TierPolicy(
                    id: ids[rank],
                    criteria: [
                        TierCriterion(
                            name: "assets",
                            fact: "aum",
                            atLeast: String(aum),
                            keepAtLeast: String(aum * 8 / 10)
                        ),
                        TierCriterion(
                            name: "value",
                            fact: "score",
                            atLeast: String(50 + rank * 10),
                            keepAtLeast: String(45 + rank * 10)
                        ),
                        TierCriterion(
                            name: "loyal",
                            condition: "churn.signals <= \(4 - rank) and aum >= \(aum / 2) CNY"
                        ),
                        TierCriterion(
                            name: "alive",
                            condition: "p_alive >= \(50 + rank * 10)% and score >= \(40 + rank * 10)"
                        ),
                    ],
                    match: .any,
                    service: service
                )
            )
        }
        let segments = (0..<50).map { k in
            SegmentDefinition(
                name: "s\(k)",
                condition: "score >= \(k * 2) and aum >= \((k % 10) * 100_000) CNY and churn.signals <= \(k % 5)"
            )
        }
        return try SegmentationPolicy(
            name: "bench",
            version: 1,
            ladders: [LadderPolicy(ladder: .individualVIP, kind: .individual, tiers: tiers)],
            segments: segments
        )
    }

    static func run(clients: Int) async throws {
        print("\n== segment: 20-criterion tier policy + 50 segments over \(clients) clients ==")
        let policy = try policy()
        var aum: [Int64] = []
        var score: [Double] = []
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let ids = (0..<clients).map { CustomerID("C\(String(format: "%07d", $0))") }
        for _ in 0..<clients {
            aum.append(Int64(next() % 8_000_000))
            score.append(Double(next() % 10_000) / 100)
        }
        let records = ids.map {
            ClientRecord(
                profile: CustomerProfile(
                    id: $0,
                    kind: .individual,
                    name: "",
                    coverage: Coverage(relationshipManager: nil, branch: "B")
                )
            )
        }
        let facts = BookFacts(clients: ids, aum: aum, score: score)
        let book = SegmentationBook(records: records, facts: [facts])
        let day = EvaluationDay(Day(year: 2027, month: 3, day: 31) ?? Day(number: 0), calendar: .china)
        let evaluator = PolicyEvaluator(policy)
        var last: PolicyEvaluation?
        let whole = try Harness.timeSyncWithCPU(repetitions: 3) { last = try evaluator.evaluate(book, on: day) }
        Harness.report(
            "policy + 50 segments, whole book",
            "median \(Harness.format(Harness.median(whole.wall) * 1000, 0)) ms wall, \(Harness.format(Harness.median(whole.cpu) * 1000, 0)) ms CPU (target < 300 ms at 1M)"
        )
        if let last {
            Harness.report("  clients per tier", "\(last.tierCounts(of: "individual-vip").sorted { $0.key < $1.key })")
        }

        let one = SegmentationBook(
            records: [records[0]],
            facts: [BookFacts(clients: [ids[0]], aum: [aum[0]], score: [score[0]])]
        )
        let single = try Harness.timeSyncWithCPU(repetitions: 200) { _ = try evaluator.evaluate(one, on: day) }
        Harness.report(
            "one client re-evaluated",
            "median \(Harness.format(Harness.median(single.wall) * 1e6, 1)) us (target < 20 us)"
        )

        // History: four events per client over a year, then as-of reads and the migration matrix.
        let store = InMemorySegmentationStore()
        let version = PolicyVersion(name: "bench", version: 1)
        let tiers = ["mass", "gold", "platinum", "diamond", "private_banking"]
        var start = 0
        while start < clients {
            var batch = SegmentationBatch()
            for i in start..<min(clients, start + 100_000) {
                let id = ids[i]
                batch.states.append(ClientTierState(client: id, ladder: "individual-vip", tier: "gold", since: day.day))
                var tier = tiers[i % 5]
                for q in 0..<4 {
                    let next = tiers[(i + q * 7) % 5]
                    batch.events.append(
                        TierEvent(
                            id: "\(id)/\(q)",
                            client: id,
                            day: day.day.adding(months: 3 * q),
                            kind: q == 0 ? .assigned : .upgraded,
                            ladder: "individual-vip",
                            from: q == 0 ? nil : tier,
                            to: next,
                            reason: "bench",
                            cause: "policy",
                            policy: version
                        )
                    )
                    tier = next
                }
            }
            _ = try await store.commit(batch, in: .everyClient)
            start += 100_000
        }
        var asOf: [Double] = []
        for k in 0..<20_000 {
            let id = ids[(k * 7919) % clients]
            let t0 = ContinuousClock.now
            _ = try await store.tiers(asOf: day.day.adding(days: 200), of: [id], scope: .everyClient)
            asOf.append(Harness.seconds(ContinuousClock.now - t0))
        }
        Harness.report(
            "as-of tier of one client (store, no gate)",
            "median \(Harness.format(Harness.median(asOf) * 1e6, 2)) us, p99 \(Harness.format(Harness.percentile(asOf, 99) * 1e6, 2)) us (target < 5 us)"
        )
        let matrix = try await Harness.time(repetitions: 3) {
            let before = try await store.tiers(asOf: day.day.adding(days: 10), of: nil, scope: .everyClient)
            let after = try await store.tiers(asOf: day.day.adding(days: 300), of: nil, scope: .everyClient)
            _ = MigrationMatrix(
                from: day.day,
                to: day.day.adding(days: 300),
                before: before,
                after: after,
                order: tiers
            )
        }
        Harness.report(
            "migration matrix, \(clients) clients, \(clients * 4) events",
            "median \(Harness.format(Harness.median(matrix) * 1000, 0)) ms (target < 100 ms at 1M)"
        )
    }
}
