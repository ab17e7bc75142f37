package import CustomerModel
import CustomerModelTesting
import Segmentation

/// Sample records the ``SegmentationConformance`` checks commit.
enum TierSamples {
    static let policy = PolicyVersion(name: "vip", version: 1)
    static let ladder = "individual-vip"

    static func day(_ offset: Int) -> Day { ConformanceWorld.today.adding(days: offset) }

    static func state(_ client: CustomerID, tier: String = "gold", day: Int = 0, version: Int64 = 0) -> ClientTierState
    {
        var state = ClientTierState(client: client, ladder: ladder, tier: tier, since: Self.day(day))
        state.version = version
        state.lastReview = Self.day(day)
        state.nextReview = Self.day(day + 91)
        state.policy = policy
        return state
    }

    static func event(
        _ client: CustomerID,
        _ kind: TierEvent.Kind,
        day: Int,
        from: String?,
        to: String?,
        seq: Int = 0,
        reason: String = "sample"
    ) -> TierEvent {
        TierEvent(
            id: "\(client)/\(Self.day(day))/\(seq)",
            client: client,
            day: Self.day(day),
            kind: kind,
            ladder: ladder,
            from: from,
            to: to,
            reason: reason,
            cause: "policy",
            policy: policy,
            shortfalls: kind == .warned
                ? [
                    Shortfall(
                        criterion: "assets",
                        fact: "aum",
                        current: "CNY 1.00",
                        threshold: "CNY 3.00",
                        gap: "CNY 2.00"
                    )
                ]
                : [],
            deadline: kind == .warned ? Self.day(day + 91) : nil
        )
    }

    static func evaluation(_ client: CustomerID, day: Int, qualifies: String = "gold") -> EvaluationRecord {
        EvaluationRecord(
            client: client,
            day: Self.day(day),
            policy: policy,
            ladder: ladder,
            qualifies: qualifies,
            keeps: qualifies,
            tierBefore: nil,
            tierAfter: qualifies,
            tiers: [
                TierCriteriaRecord(tier: "mass", entryMet: true, keepMet: true, criteria: []),
                TierCriteriaRecord(
                    tier: "gold",
                    entryMet: qualifies == "gold",
                    keepMet: true,
                    criteria: [CriterionOutcome(name: "assets", entryHolds: qualifies == "gold", keepHolds: true)]
                ),
            ],
            segments: ["affluent"],
            dimensions: [DimensionValue(dimension: "industry", value: "n/a")],
            exitTriggers: [],
            facts: [FactReading(fact: "aum", value: "CNY 150,000.00"), FactReading(fact: "名称", value: "王芳")]
        )
    }
}

extension SegmentationFixture: GatedFixture {
    typealias World = ConformanceWorld

    /// The customer store the gate reads clients from.
    package var directory: GatedCustomerStore { customers }

    @discardableResult
    func commit(
        _ batch: SegmentationBatch,
        _ subject: @autoclosure () -> String
    ) async throws(ConformanceFailure)
        -> SegmentationCommitReport
    {
        try await call(subject()) { try await segmentation.commit(batch, as: World.system) }
    }

    func everything(_ clients: [CustomerID] = ConformanceWorld.clients) async throws(ConformanceFailure) -> String {
        let days = Day(number: Int32.min)...Day(number: Int32.max)
        var parts: [String] = []
        parts.append(
            "\(try await call("reading states") { try await adapter.states(of: clients, scope: .everyClient) })"
        )
        for client in clients {
            parts.append(
                "\(try await call("reading history") { try await adapter.history(of: client, in: days, scope: .everyClient) })"
            )
            parts.append(
                "\(try await call("reading evaluations") { try await adapter.evaluations(of: client, in: days, scope: .everyClient) })"
            )
        }
        return parts.joined(separator: "\n")
    }
}

extension SegmentationConformance {
    typealias S = TierSamples
    typealias World = ConformanceWorld
    static var all: ClosedRange<Day> { Day(number: Int32.min)...Day(number: Int32.max) }

    static func roundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        let batch = SegmentationBatch(
            evaluations: [S.evaluation(a1, day: 0)],
            events: [
                S.event(a1, .assigned, day: 0, from: nil, to: "gold"),
                S.event(a1, .warned, day: 0, from: "gold", to: "gold", seq: 1),
            ],
            states: [S.state(a1)]
        )
        let report = try await f.commit(batch, "committing a first review")
        try expectEqual(report, SegmentationCommitReport(evaluations: 1, events: 2, states: 1), "the commit report")
        var expected = S.state(a1)
        expected.version = 1
        let states = try await call("reading the state") { try await f.segmentation.states(of: [a1], as: World.system) }
        try expectElements(states, [expected], "the state read back")
        let history = try await call("reading history") {
            try await f.segmentation.history(of: a1, in: all, as: World.system)
        }
        try expectElements(history, batch.events, "the events read back")
        let evaluations = try await call("reading evaluations") {
            try await f.segmentation.evaluations(of: a1, in: all, as: World.system)
        }
        try expectElements(evaluations, batch.evaluations, "the evaluations read back")
    }

    static func repeatedCommitIsNoOp(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        let records = SegmentationBatch(
            evaluations: [S.evaluation(a1, day: 0)],
            events: [S.event(a1, .assigned, day: 0, from: nil, to: "gold")],
            states: [S.state(a1)]
        )
        try await f.commit(records, "the first commit")
        let again = SegmentationBatch(evaluations: records.evaluations, events: records.events + records.events)
        let report = try await f.commit(again, "the same evaluations and events again")
        try expectEqual(
            report,
            SegmentationCommitReport(unchangedEvaluations: 1, unchangedEvents: 2),
            "the second report"
        )
        let history = try await call("reading history") {
            try await f.segmentation.history(of: a1, in: all, as: World.system)
        }
        try expectEqual(history.count, 1, "events stored once")
    }

    static func conflicts(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        try await f.commit(
            SegmentationBatch(
                evaluations: [S.evaluation(a1, day: 0)],
                events: [S.event(a1, .assigned, day: 0, from: nil, to: "gold")],
                states: [S.state(a1)]
            ),
            "the first commit"
        )
        let before = try await f.everything()
        try await expectStoreError(.conflict, "an event id reused with another reason") {
            try await f.segmentation.commit(
                SegmentationBatch(events: [S.event(a1, .assigned, day: 0, from: nil, to: "gold", reason: "other")]),
                as: World.system
            )
        }
        try await expectStoreError(.conflict, "an evaluation key reused with other content, beside a new event") {
            try await f.segmentation.commit(
                SegmentationBatch(
                    evaluations: [S.evaluation(a1, day: 0, qualifies: "mass")],
                    events: [S.event(a1, .warned, day: 1, from: "gold", to: "gold")]
                ),
                as: World.system
            )
        }
        try expectEqual(try await f.everything(), before, "the stores after the refused commits")
    }

    static func staleVersion(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        try await f.commit(SegmentationBatch(states: [S.state(a1)]), "the first state")
        try await f.commit(
            SegmentationBatch(states: [S.state(a1, tier: "platinum", version: 1)]),
            "a second write from version 1"
        )
        let before = try await f.everything()
        try await expectStoreError(.conflict, "a write from version 1 when the state is at 2") {
            try await f.segmentation.commit(
                SegmentationBatch(
                    events: [S.event(World.clientA2, .assigned, day: 0, from: nil, to: "gold")],
                    states: [S.state(World.clientA2), S.state(a1, tier: "diamond", version: 1)]
                ),
                as: World.system
            )
        }
        try expectEqual(try await f.everything(), before, "the stores after the refused commit")
        let states = try await call("reading") { try await f.segmentation.states(of: [a1], as: World.system) }
        try expectEqual(states.first?.version, 2, "the version after two writes")
        try expectEqual(states.first?.tier, "platinum", "the tier after two writes")
    }

    static func invalidBatches(_ f: Fixture) async throws {
        try await f.seed()
        let before = try await f.everything()
        try await expectStoreError(.invalid, "an event of a client without a state") {
            try await f.segmentation.commit(
                SegmentationBatch(events: [S.event(World.clientA1, .assigned, day: 0, from: nil, to: "gold")]),
                as: World.system
            )
        }
        try await expectStoreError(.invalid, "two states of one client") {
            try await f.segmentation.commit(
                SegmentationBatch(states: [S.state(World.clientA1), S.state(World.clientA1, tier: "mass")]),
                as: World.system
            )
        }
        try await expectStoreError(.invalid, "an empty client id") {
            try await f.segmentation.commit(SegmentationBatch(states: [S.state("")]), as: World.system)
        }
        try expectEqual(try await f.everything(), before, "the stores after the invalid batches")
    }

    static func ordering(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        try await f.commit(SegmentationBatch(states: [S.state(a1)]), "the state")
        let late = S.event(a1, .warned, day: 10, from: "gold", to: "gold")
        let early = S.event(a1, .assigned, day: 0, from: nil, to: "gold")
        let sameDay = S.event(a1, .recovered, day: 10, from: "gold", to: "gold", seq: 1)
        try await f.commit(SegmentationBatch(events: [late]), "a later event first")
        try await f.commit(SegmentationBatch(events: [early, sameDay]), "an earlier event and one on the same day")
        let history = try await call("reading") { try await f.segmentation.history(of: a1, in: all, as: World.system) }
        try expectElements(history, [early, late, sameDay], "history by day then commit order")
        let window = try await call("reading days 0 to 10") {
            try await f.segmentation.history(of: a1, in: S.day(0)...S.day(10), as: World.system)
        }
        try expectEqual(window.count, 3, "both ends of the range included")
        let none = try await call("reading days 1 to 9") {
            try await f.segmentation.history(of: a1, in: S.day(1)...S.day(9), as: World.system)
        }
        try expectEqual(none.count, 0, "events outside the range")
        try await f.commit(
            SegmentationBatch(evaluations: [S.evaluation(a1, day: 10), S.evaluation(a1, day: 0)]),
            "evaluations out of order"
        )
        let evaluations = try await call("reading evaluations") {
            try await f.segmentation.evaluations(of: a1, in: all, as: World.system)
        }
        try expectElements(evaluations.map(\.day), [S.day(0), S.day(10)], "evaluations by day")
    }

    static func asOf(_ f: Fixture) async throws {
        try await f.seed()
        let a1 = World.clientA1
        let assigned = S.event(a1, .assigned, day: 0, from: nil, to: "gold", reason: "first review")
        let up = S.event(a1, .upgraded, day: 90, from: "gold", to: "platinum", reason: "assets")
        let warned = S.event(a1, .warned, day: 180, from: "platinum", to: "platinum")
        try await f.commit(SegmentationBatch(events: [assigned, up, warned], states: [S.state(a1)]), "a history")
        func tier(_ day: Int) async throws(ConformanceFailure) -> TierAsOf? {
            try await call("the tier as of day \(day)") {
                try await f.segmentation.tier(of: a1, asOf: S.day(day), as: World.system)
            }
        }
        try expectEqual(try await tier(-1), nil, "before the first event")
        try expectEqual(try await tier(0)?.tier, "gold", "on the first event's day")
        try expectEqual(try await tier(89)?.tier, "gold", "the day before the upgrade")
        let later = try await tier(200)
        try expectEqual(later?.tier, "platinum", "after a warning that moved nothing")
        try expectEqual(later?.since, S.day(90), "since: the last move's day")
        try expectEqual(later?.reason, "assets", "the reason: the last move's")
        let book = try await call("the book as of day 100") {
            try await f.segmentation.tiers(asOf: S.day(100), of: nil, as: World.system)
        }
        try expectEqual(book.map(\.client), [a1], "the clients with a tier by then")
    }

    static func bookWideReadsNarrowed(_ f: Fixture) async throws {
        try await f.seed()
        var batch = SegmentationBatch()
        for client in World.clients {
            batch.states.append(S.state(client))
            batch.events.append(S.event(client, .assigned, day: 0, from: nil, to: "gold"))
        }
        try await f.commit(batch, "every client's first review")
        let rm = World.relationshipManagerA
        let states = try await call("states as RM-A") { try await f.segmentation.states(of: nil, as: rm) }
        try expectElements(states.map(\.client), [World.clientA1, World.clientA2], "RM-A's states")
        let tiers = try await call("tiers as RM-A") { try await f.segmentation.tiers(asOf: S.day(5), of: nil, as: rm) }
        try expectElements(tiers.map(\.client), [World.clientA1, World.clientA2], "RM-A's tiers")
        let everyone = try await call("tiers as head office") {
            try await f.segmentation.tiers(asOf: S.day(5), of: nil, as: World.headOffice)
        }
        try expectEqual(everyone.count, World.clients.count, "head office's tiers")
    }

    static func unknownClient(_ f: Fixture) async throws {
        try await f.seed()
        let before = try await f.everything()
        try await expectStoreError(.notFound, "a state of C-NOBODY") {
            try await f.segmentation.commit(
                SegmentationBatch(states: [S.state(World.clientA1), S.state("C-NOBODY")]),
                as: World.system
            )
        }
        try expectEqual(try await f.everything(), before, "the stores after the refusal")
    }

    static func accessAndAudit(_ f: Fixture) async throws {
        try await f.seed()
        let trail = AuditTrail(log: f.audit)
        let before = try await f.everything()
        try await expectStoreError(.forbidden, "RM-A writing C-B1's state") {
            try await f.segmentation.commit(
                SegmentationBatch(states: [S.state(World.clientB1)]),
                as: World.relationshipManagerA
            )
        }
        try expectEqual(try await f.everything(), before, "the stores after the refusal")
        var mark = try await trail.mark()
        f.clock.advance(bySeconds: 60)
        try await f.commit(SegmentationBatch(states: [S.state(World.clientA1)]), "system writing C-A1")
        _ = try await trail.expectOne(
            since: mark,
            "the commit",
            action: .write,
            principal: World.system,
            clients: .exactly([World.clientA1]),
            at: f.clock.now
        )
        mark = try await trail.mark()
        _ = try await call("reading C-A1's history as RM-A") {
            try await f.segmentation.history(of: World.clientA1, in: all, as: World.relationshipManagerA)
        }
        _ = try await trail.expectOne(
            since: mark,
            "the history read",
            action: .read,
            principal: World.relationshipManagerA,
            clients: .exactly([World.clientA1]),
            at: f.clock.now
        )
        f.audit.isFailing = true
        let frozen = try await f.everything()
        try await expectAnyError("a commit with the audit log down") {
            try await f.segmentation.commit(
                SegmentationBatch(states: [S.state(World.clientA2)]),
                as: World.system
            )
        }
        f.audit.isFailing = false
        try expectEqual(try await f.everything(), frozen, "the stores after a commit without audit")
    }

    static func concurrentWriters(_ f: Fixture) async throws {
        try await f.seed()
        let ids = (0..<20).map { CustomerID("C-CW-\($0)") }
        try await call("creating 20 clients") {
            try await f.customers.upsert(
                ids.map { ProfileChange(ConformanceWorld.profile($0), expectedVersion: nil) },
                as: World.system
            )
        }
        try await call("20 concurrent commits") {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask {
                        _ = try await f.segmentation.commit(
                            SegmentationBatch(
                                evaluations: [S.evaluation(id, day: 0)],
                                events: [S.event(id, .assigned, day: 0, from: nil, to: "gold")],
                                states: [S.state(id)]
                            ),
                            as: World.system
                        )
                    }
                }
                try await group.waitForAll()
            }
        }
        let states = try await call("reading") { try await f.segmentation.states(of: ids, as: World.system) }
        try expectEqual(states.count, 20, "states stored")
        let tiers = try await call("as of") {
            try await f.segmentation.tiers(asOf: S.day(0), of: ids, as: World.system)
        }
        try expectEqual(tiers.count, 20, "tiers as of the day")
    }
}
