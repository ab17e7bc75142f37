import CustomerModel
import CustomerModelTesting
import Rules
import Segmentation
import Synchronization
import SyntheticBank
import Testing
import ValueModel

/// An action handler that keeps every action it is handed.
final class RecordingHandler: ActionHandler {
    private let kept = Mutex<[FiringAction]>([])
    var actions: [FiringAction] { kept.withLock { $0 } }

    func handle(_ batch: [FiringAction]) async throws(ActionHandlerError) -> [ActionOutcome] {
        kept.withLock { $0 += batch }
        return batch.map { ActionOutcome(action: $0.id, status: .handled) }
    }
}

@Suite struct CycleStageTests {
    static func policy(version: Int, platinumAUM: String) throws -> SegmentationPolicy {
        var ladder = Fixtures.vipLadder(bands: false)
        ladder.tiers[2].criteria[0] = TierCriterion(name: "assets", fact: "aum", atLeast: platinumAUM)
        let corporate = LadderPolicy(
            ladder: .strategicCorporate,
            kind: .corporate,
            tiers: [
                TierPolicy(
                    id: "ecosystem",
                    service: ServiceModel(rmGrade: "industry expert", reviewCadence: .halfYearly)
                ),
                TierPolicy(
                    id: "potential",
                    criteria: [TierCriterion(name: "value", fact: "score", atLeast: "40")],
                    service: ServiceModel(rmGrade: "dedicated", reviewCadence: .halfYearly)
                ),
                TierPolicy(
                    id: "key",
                    criteria: [TierCriterion(name: "value", fact: "score", atLeast: "60")],
                    service: ServiceModel(rmGrade: "senior", reviewCadence: .quarterly)
                ),
                TierPolicy(
                    id: "core",
                    criteria: [TierCriterion(name: "value", fact: "score", atLeast: "75")],
                    service: ServiceModel(rmGrade: "executive", reviewCadence: .quarterly)
                ),
            ]
        )
        return try SegmentationPolicy(
            name: "vip",
            version: version,
            ladders: [ladder, corporate],
            movement: .immediate
        )
    }

    @Test func theNightsReviewReplacesAssignTiersAndRealMovesFireTierChangeRules() async throws {
        let synthetic = SyntheticBank(.init(seed: 5, clientCount: 200, days: 200))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = ManualClock(start: calendar.start(of: today.adding(days: 1), plusMinutes: 120))
        let bank = InMemoryBank(clock: clock, calendar: calendar)
        try await synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 10_000)
        let handler = RecordingHandler()
        let rules = try RuleCompiler(catalogue: .standard()).compile(
            """
            rule "moved up" when on tier change up then flag("moved up") end
            rule "left platinum" when on tier change from "platinum" down then flag("left platinum") end
            """
        )
        let ports = DailyCyclePorts(
            customers: bank.customers,
            activity: bank.activity,
            scoreHistory: bank.gate.scoreHistory(InMemoryScoreHistoryStore()),
            actions: handler,
            clock: clock,
            calendar: calendar
        )
        let store = bank.gate.segmentation(InMemorySegmentationStore())
        let v1 = try Self.policy(version: 1, platinumAUM: "500000")
        let v2 = try Self.policy(version: 2, platinumAUM: "50000")
        let tomorrow = today.adding(days: 1)
        // One cycle over both nights (its engine holds last night's tiers); the policy version
        // adopted on the second night lowers platinum's entry.
        let first = TierReviewer(policy: v1, store: store, clock: clock, calendar: calendar)
        let second = TierReviewer(policy: v2, store: store, clock: clock, calendar: calendar)
        let stage = CycleStage(name: "review-tiers", effect: .computation) { context throws(CycleFailure) in
            try await (context.asOf < tomorrow ? first : second).review(in: &context)
        }
        let stages = DailyCycle.standardStages.map { $0.name == "assign-tiers" ? stage : $0 }
        let cycle = DailyCycle(
            ports: ports,
            rules: rules,
            scoring: BookScoring(asOf: today, currency: .cny),
            stages: stages
        )
        let reviewer = first
        #expect(reviewer.replacingAssignTiers(in: DailyCycle.standardStages).map(\.name).contains("review-tiers"))
        #expect(!reviewer.replacingAssignTiers(in: DailyCycle.standardStages).map(\.name).contains("assign-tiers"))
        let night1 = try await cycle.run(
            asOf: today,
            until: calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60)
        )
        let report = try #require(night1.report(of: "review-tiers"))
        #expect(report.counts[count: "reviewed"] == 200)
        #expect(report.counts[count: "tiered"] == 200)
        let assigned = try await store.tiers(asOf: today, of: nil, as: .system("test"))
        #expect(assigned.count == 200)

        // The next night a new version lowers platinum's entry: the clients it moves, and only
        // they, fire the tier change rules.
        clock.set(to: calendar.start(of: tomorrow.adding(days: 1), plusMinutes: 120))
        let night2 = try await cycle.run(
            asOf: tomorrow,
            until: calendar.start(of: tomorrow.adding(days: 1), plusMinutes: 9 * 60)
        )
        var upgraded: Set<CustomerID> = []
        for record in assigned {
            let history = try await store.history(of: record.client, in: tomorrow...tomorrow, as: .system("test"))
            if history.contains(where: { $0.kind == .upgraded }) { upgraded.insert(record.client) }
        }
        #expect(!upgraded.isEmpty)
        let fired = Set(night2.firings.filter { $0.rule == "moved up" }.map(\.client))
        #expect(fired == upgraded)
        #expect(night2.firings.allSatisfy { $0.rule != "left platinum" })
        // A rerun of the night reviews no client twice.
        func events() async throws -> Int {
            var n = 0
            for record in assigned {
                n += try await store.history(of: record.client, in: tomorrow...tomorrow, as: .system("test")).count
            }
            return n
        }
        let recorded = try await events()
        let again = try await second.review(
            SegmentationBook(records: assigned.map { ClientRecord(profile: Fixtures.profile($0.client.rawValue)) }),
            on: tomorrow
        )
        #expect(again.evaluated.isEmpty)
        #expect(try await events() == recorded)
    }
}
