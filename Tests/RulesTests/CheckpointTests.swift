import CustomerModel
import CustomerModelTesting
import Foundation
import Testing

@testable import Rules

/// Checkpoints: an engine stopped half way, encoded to JSON, decoded and restored into a fresh
/// engine fires exactly what an uninterrupted engine fires, and a schedule due while the host
/// was down fires once.
@Suite struct CheckpointTests {
    /// The checkpoint through JSON, as a host stores it.
    static func roundTrip(_ checkpoint: RuleEngineCheckpoint) throws -> RuleEngineCheckpoint {
        try JSONDecoder().decode(RuleEngineCheckpoint.self, from: JSONEncoder().encode(checkpoint))
    }

    /// A fresh engine over the records `engine` holds now (the host's current records).
    /// The host hands its latest facts (tiers, scores) again.
    static func restarted(_ engine: RuleEngine, clients: [CustomerID], facts: [any FactSource]) throws -> RuleEngine {
        let records = clients.compactMap { engine.record(of: $0) }
        return try RuleEngine(
            rules: engine.rules,
            clients: records,
            facts: facts,
            calendar: engine.calendar,
            restoring: roundTrip(engine.checkpoint())
        )
    }

    /// Runs timed events as a live host would: tick to each event's time, then record it.
    static func drive(_ engine: inout RuleEngine, _ events: [(Instant, RuleEvent)]) throws -> [RuleFiring] {
        var firings: [RuleFiring] = []
        for (at, event) in events {
            firings += engine.tick(until: at)
            firings += try engine.record(event)
        }
        return firings
    }

    @Test func aStreamStoppedHalfWayAndRestoredFiresWhatAnUninterruptedOneFires() throws {
        let rules = try RuleCompiler().compile(StreamingEquivalenceTests.ruleText(count: 60, seed: 5))
        let records = StreamingEquivalenceTests.clients(30, seed: 6)
        let start = BankCalendar.china.start(of: Day(year: 2026, month: 6, day: 1)!)
        let events: [RuleEvent] = StreamingEquivalenceTests.transactions(3_000, clients: 30, seed: 7).enumerated().map {
            i,
            t in
            i % 97 == 0 ? .failedTransaction(t) : .transaction(t)
        }
        let tiers = try StreamingEquivalenceTests.tiers(30, seed: 16)
        var whole = try RuleEngine(rules: rules, clients: records, facts: [tiers], calendar: .china, start: start)
        var expected: [RuleFiring] = []
        for event in events { expected += try whole.record(event) }

        var first = try RuleEngine(rules: rules, clients: records, facts: [tiers], calendar: .china, start: start)
        var got: [RuleFiring] = []
        for event in events[..<1_500] { got += try first.record(event) }
        var second = try Self.restarted(first, clients: records.map(\.profile.id), facts: [tiers])
        for event in events[1_500...] { got += try second.record(event) }

        #expect(got == expected)
        // Not a vacuous comparison: cooldowns and de-duplication hold firings back on both sides of the cut.
        #expect(expected.count > 500)
        #expect(expected[1_000...].contains { $0.rule.hasPrefix("stream") })
        #expect(second.checkpoint() == whole.checkpoint())
    }

    /// The shipped rules (schedules, date triggers, streaks, events) over June and July, stopped
    /// on 15 June.
    @Test func schedulesDatesAndStreaksResumeWhereTheyStopped() throws {
        let calendar = EngineTests.calendar
        var events: [(Instant, RuleEvent)] = []
        for (i, date) in ["2026-06-03", "2026-06-10", "2026-06-14", "2026-06-18", "2026-06-25", "2026-07-02"]
            .enumerated()
        {
            let t = Transaction(
                id: TransactionID("T-\(i)"),
                customer: i % 2 == 0 ? "C-1" : "C-2",
                day: EngineTests.day(date),
                secondOfDay: 40_000,
                type: i % 3 == 0 ? .deposit : .transferOut,
                direction: i % 3 == 0 ? .inflow : .outflow,
                amount: EngineTests.cny(1_500_000),
                channel: .branch
            )
            events.append((RuleEvent.transaction(t).instant(on: calendar), .transaction(t)))
        }
        let complaint = Interaction(
            id: "I-1",
            customer: "C-2",
            at: EngineTests.at("2026-06-20", 11),
            day: EngineTests.day("2026-06-20"),
            channel: .call,
            detail: .complaint(category: "fees", severity: 3, resolvedOn: nil)
        )
        events.append((complaint.at, .interaction(complaint)))
        events.append(
            (EngineTests.at("2026-06-22", 9), .scoreChanged("C-2", to: 71, at: EngineTests.at("2026-06-22", 9)))
        )
        events.sort { $0.0 < $1.0 }
        let end = EngineTests.at("2026-07-31", 23, 59)
        let cut = EngineTests.at("2026-06-15", 12)

        var whole = try EngineTests.engine()
        var expected = try Self.drive(&whole, events)
        expected += whole.tick(until: end)

        var first = try EngineTests.engine()
        var got = try Self.drive(&first, events.filter { $0.0 <= cut })
        got += first.tick(until: cut)
        var second = try Self.restarted(first, clients: ["C-1", "C-2"], facts: EngineTests.facts())
        #expect(second.cursor == cut)
        got += try Self.drive(&second, events.filter { $0.0 > cut })
        got += second.tick(until: end)

        #expect(got == expected)
        let rules = Set(expected.map(\.rule))
        #expect(
            rules.isSuperset(of: [
                "AUM drop alert", "Birthday care", "Maturity reminder", "Dormant warning", "Large inflow",
            ])
        )
        #expect(second.checkpoint() == whole.checkpoint())
    }

    @Test func aScheduleDueWhileTheHostWasDownFiresOnceAfterRestore() async throws {
        var engine = try EngineTests.engine()
        // 07:00 on 1 June: the 08:30 AUM alert and the 09:00 date rules have not run yet.
        #expect(Self.names(engine.tick(until: EngineTests.at("2026-06-01", 7))) == ["Dormant warning"])
        let saved = try JSONEncoder().encode(engine.checkpoint())
        var live = engine
        let missed = live.tick(until: EngineTests.at("2026-06-01", 12))
        #expect(Self.names(missed) == ["AUM drop alert", "Birthday care", "Signing anniversary", "Frequent flyer"])

        // The host was down from 07:00 to 12:00; it restarts from the checkpoint.
        let checkpoint = try JSONDecoder().decode(RuleEngineCheckpoint.self, from: saved)
        var restored = try RuleEngine(
            rules: engine.rules,
            clients: EngineTests.clients(),
            facts: EngineTests.facts(),
            calendar: engine.calendar,
            restoring: checkpoint
        )
        let caughtUp = restored.tick(until: EngineTests.at("2026-06-01", 12))
        #expect(caughtUp == missed)
        #expect(restored.tick(until: EngineTests.at("2026-06-01", 23, 59)).isEmpty)
        #expect(Self.names(restored.tick(until: EngineTests.at("2026-06-02", 23, 59))).isEmpty)

        // It crashes again before its next checkpoint and restores the same one: the same
        // firings come back with the same ids, and the sink sends nothing twice.
        var again = try RuleEngine(
            rules: engine.rules,
            clients: EngineTests.clients(),
            facts: EngineTests.facts(),
            calendar: engine.calendar,
            restoring: checkpoint
        )
        let replayed = again.tick(until: EngineTests.at("2026-06-01", 12))
        #expect(replayed.map(\.id) == missed.map(\.id))
        let sink = InMemoryNotificationSink(clock: ManualClock(start: EngineTests.at("2026-06-01", 12)))
        let handler = NotifyingActionHandler(sink: sink)
        let resolver = RecipientResolver(organisation: RecipientResolverTests.organisation())
        let firstRun = try await handler.handle(caughtUp, resolver: resolver, coverage: restored.coverage(of:))
        let sentOnce = sink.delivered.count
        let secondRun = try await handler.handle(replayed, resolver: resolver, coverage: again.coverage(of:))
        #expect(sentOnce > 0)
        #expect(sink.delivered.count == sentOnce)
        #expect(firstRun.filter { $0.status == .handled }.count > 0)
        #expect(secondRun.allSatisfy { $0.status != .handled })
        #expect(secondRun.filter { $0.status == .duplicate }.count == firstRun.filter { $0.status == .handled }.count)
    }

    @Test func aCheckpointOfAnotherBookOrRuleSetReportsWhatItLeftOut() throws {
        let alert = """
            rule "Daily alert" when daily at 08:30
              then flag("watch")
              cooldown 30d
            end
            """
        let dormant = """
            rule "Quiet" when daily at 09:00
              then flag("quiet")
              cooldown 7d
            end
            """
        var engine = try RuleEngine(
            rules: try RuleCompiler().compile(alert + "\n" + dormant),
            clients: EngineTests.clients(),
            calendar: EngineTests.calendar,
            start: EngineTests.at("2026-06-01", 0)
        )
        #expect(
            Self.names(engine.tick(until: EngineTests.at("2026-06-01", 12))) == [
                "Daily alert", "Daily alert", "Quiet", "Quiet",
            ]
        )
        let checkpoint = try Self.roundTrip(engine.checkpoint())
        // A book without C-2 and a rule set without "Quiet".
        var smaller = try RuleEngine(
            rules: try RuleCompiler().compile(alert),
            clients: [EngineTests.clients()[0]],
            calendar: engine.calendar,
            start: EngineTests.at("2026-05-01", 0)
        )
        let restored = try smaller.restore(checkpoint)
        #expect(restored.unknownClients == ["C-2"])
        #expect(restored.unknownRules == ["Quiet"])
        #expect(smaller.cursor == engine.cursor)
        // The alert's 30-day cooldown came along: it does not fire again in June.
        #expect(smaller.tick(until: EngineTests.at("2026-06-30", 23, 59)).isEmpty)
        #expect(Self.names(smaller.tick(until: EngineTests.at("2026-07-01", 12))) == ["Daily alert"])
    }

    @Test func aCheckpointOfAnotherFormatOrWithBrokenColumnsIsRefused() throws {
        let engine = try EngineTests.engine()
        let encoded = try JSONEncoder().encode(engine.checkpoint())
        var object = try #require(JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["format"] = 99
        let future = try JSONDecoder().decode(
            RuleEngineCheckpoint.self,
            from: JSONSerialization.data(withJSONObject: object)
        )
        var fresh = try EngineTests.engine()
        let before = fresh.checkpoint()
        let error = #expect(throws: RuleEngineError.self) { try fresh.restore(future) }
        #expect(error?.code == .invalidCheckpoint)
        object["format"] = 1
        object["fired"] = [[0, 99, 20_000]]
        let broken = try JSONDecoder().decode(
            RuleEngineCheckpoint.self,
            from: JSONSerialization.data(withJSONObject: object)
        )
        let second = #expect(throws: RuleEngineError.self) { try fresh.restore(broken) }
        #expect(second?.code == .invalidCheckpoint)
        #expect(fresh.checkpoint() == before)
    }

    static func names(_ firings: [RuleFiring]) -> [String] { firings.map(\.rule) }
}
