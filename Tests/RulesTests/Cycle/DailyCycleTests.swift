import CustomerModel
import Rules
import SyntheticBank
import Testing
import ValueModel

@Suite struct DailyCycleTests {
    @Test func aFullCycleScoresRecordsFiresAndDelivers() async throws {
        let fixture = try await CycleFixture.make()
        let cycle = fixture.cycle()
        let summary = try await cycle.run(asOf: fixture.today, until: fixture.morning(after: fixture.today))

        #expect(summary.stages.map(\.stage) == DailyCycle.standardStages.map(\.name))
        #expect(summary.stages.allSatisfy { $0.outcome == .ran })
        let scores = try #require(summary.scores)
        let scored = (scores.individuals?.count ?? 0) + (scores.corporates?.count ?? 0)
        #expect(scored == fixture.synthetic.clientCount)
        #expect(summary.recording?.recorded == scored)
        #expect(fixture.history.recordCount == scored)

        // The score of a client in the history is the one the cycle computed, as of the day.
        let individuals = try #require(scores.individuals)
        let client = individuals.customers[0]
        let stored = try await fixture.bank.gate.scoreHistory(fixture.history).score(
            of: client,
            asOf: fixture.today,
            model: ScoreModelVersion(id: individuals.model.id, version: individuals.model.version),
            as: DailyCyclePorts.defaultPrincipal
        )
        #expect(stored?.total == individuals.total(ofRow: 0).value)
        #expect(stored?.dimensions.count == individuals.model.dimensions.count)

        // Rules on the night's scores fired, and their notifications reached the sink once each.
        #expect(summary.firings.contains { $0.rule == "Valued client showing churn signals" })
        #expect(summary.firings.contains { $0.rule == "Top decile review" })
        let delivered = fixture.bank.notifications.delivered
        #expect(!delivered.isEmpty)
        #expect(CycleFixture.actions(of: delivered).count == summary.delivery.handled)
        #expect(Set(delivered.map(\.id)).count == delivered.count)
        #expect(summary.delivery.duplicates == 0)
        #expect(summary.delivery.unhandled > 0)  // the retention task waits for the workflow module
        #expect(delivered.contains { $0.channel == .workbench })
        // Tiers from AUM and score on the default ladders reach the rules.
        #expect(summary.report(of: "assign-tiers")?.counts[count: "tiered"] ?? 0 > 0)
        #expect(
            delivered.contains {
                $0.message.contains("platinum") || $0.message.contains("diamond") || $0.message.contains("gold")
            }
        )
    }

    @Test func aSecondRunOfTheSameDayRepeatsNothing() async throws {
        let fixture = try await CycleFixture.make()
        let cycle = fixture.cycle()
        let until = fixture.morning(after: fixture.today)
        let first = try await cycle.run(asOf: fixture.today, until: until)
        let sent = fixture.bank.notifications.delivered.count
        #expect(first.delivery.handled > 0)
        let again = try await cycle.run(asOf: fixture.today, until: until)
        #expect(again.stages.allSatisfy { $0.outcome == .skipped })
        #expect(again.delivery.handled == 0)
        #expect(fixture.bank.notifications.delivered.count == sent)
        #expect(fixture.history.recordCount == first.recording?.recorded)
    }

    @Test func aCycleThatFailsHalfWayResumesAndSendsNothingTwice() async throws {
        let fixture = try await CycleFixture.make()
        let sink = FlakySink(clock: fixture.clock, failOn: 3)
        let history = FlakyHistory(fixture.history, failures: 1)
        let journal = InMemoryCycleJournal()
        let cycle = fixture.cycle(notifications: sink, scoreHistory: history, journal: journal, batchSize: 20)
        let until = fixture.morning(after: fixture.today)

        // First the score history is down.
        let scoring = await #expect(throws: DailyCycleError.self) {
            try await cycle.run(asOf: fixture.today, until: until)
        }
        #expect(scoring?.stage == "record-scores")
        #expect(scoring.map { "\($0)" }?.contains("unavailable") == true)
        #expect(fixture.history.recordCount == 0)
        #expect(sink.calls == 0)

        // Then the sink fails on its third batch.
        let handing = await #expect(throws: DailyCycleError.self) {
            try await cycle.run(asOf: fixture.today, until: until)
        }
        #expect(handing?.stage == "hand-actions")
        let handedBefore = sink.offered.count
        #expect(handedBefore > 0)
        let progress = try #require(journal.entries.first { $0.stage == "hand-actions" })
        #expect(progress.state == .inProgress)
        #expect(progress.checkpoint.completed > 0)

        // The third run resumes the hand-over after the last acknowledged batch.
        let resumed = try await cycle.run(asOf: fixture.today, until: until)
        #expect(resumed.report(of: "record-scores")?.outcome == .skipped)
        #expect(resumed.report(of: "hand-actions")?.outcome == .resumed)
        #expect(history.calls == 2)
        #expect(Set(sink.offered).count == sink.offered.count)  // no notification offered twice
        #expect(sink.inner.delivered.count == sink.offered.count)
        #expect(resumed.delivery.duplicates == 0)

        // Everything the run without failures sends was sent, once.
        let clean = try await CycleFixture.make()
        let reference = try await clean.cycle().run(asOf: clean.today, until: until)
        #expect(Set(sink.offered) == Set(clean.bank.notifications.delivered.map(\.id)))
        #expect(resumed.firings.count == reference.firings.count)
        #expect(fixture.history.recordCount == clean.history.recordCount)
    }

    @Test func aNewProcessResumesFromTheJournalWithoutResending() async throws {
        let fixture = try await CycleFixture.make()
        let sink = FlakySink(clock: fixture.clock, failOn: 2)
        let journal = InMemoryCycleJournal()
        let until = fixture.morning(after: fixture.today)
        await #expect(throws: DailyCycleError.self) {
            try await fixture.cycle(notifications: sink, journal: journal, batchSize: 20).run(
                asOf: fixture.today,
                until: until
            )
        }
        let recorded = fixture.history.recordCount
        #expect(recorded > 0)
        // A fresh cycle (a restarted host) with the same journal and ports.
        let restarted = try await fixture.cycle(notifications: sink, journal: journal, batchSize: 20)
            .run(asOf: fixture.today, until: until)
        #expect(restarted.report(of: "record-scores")?.outcome == .skipped)
        #expect(restarted.report(of: "score-book")?.outcome == .ran)  // recomputed: the hand-over needs it
        #expect(restarted.report(of: "hand-actions")?.outcome == .resumed)
        #expect(fixture.history.recordCount == recorded)
        #expect(Set(sink.offered).count == sink.offered.count)
        #expect(restarted.delivery.duplicates == 0)
    }

    @Test func aPluggedInHandlerTakesTheActionsTheNotifyingHandlerLeaves() async throws {
        let fixture = try await CycleFixture.make()
        let tasks = TaskRecorder()
        let ports = DailyCyclePorts(
            customers: fixture.bank.customers,
            activity: fixture.bank.activity,
            scoreHistory: fixture.bank.gate.scoreHistory(fixture.history),
            actions: ChainedActionHandler([NotifyingActionHandler(sink: fixture.bank.notifications), tasks]),
            clock: fixture.clock,
            calendar: fixture.bank.calendar
        )
        let cycle = DailyCycle(
            ports: ports,
            rules: fixture.rules,
            scoring: BookScoring(asOf: fixture.today, currency: .cny)
        )
        let summary = try await cycle.run(asOf: fixture.today, until: fixture.morning(after: fixture.today))

        // The retention tasks reached the second handler with their firing ids and resolved recipients.
        let received = tasks.received
        let retention = received.filter { $0.rule == "Valued client showing churn signals" }
        #expect(!retention.isEmpty)
        #expect(Set(received.map(\.firing)).isSubset(of: Set(summary.firings.map(\.id))))
        for task in retention {
            let coverage = try #require(fixture.synthetic.profiles.first { $0.id == task.client }?.coverage)
            #expect(task.recipients?.staff == coverage.relationshipManager.map { [$0] } ?? [])
        }
        // Handled: the notify actions that reached the sink and the tasks; no action twice.
        let delivered = fixture.bank.notifications.delivered
        #expect(summary.delivery.handled == CycleFixture.actions(of: delivered).count + received.count)
        #expect(Set(received.map(\.id)).count == received.count)
    }

    @Test func progressReportsEveryStageWithCountsAndClockDurations() async throws {
        let fixture = try await CycleFixture.make(clients: 150)
        let clock = fixture.clock
        // A plugged-in stage that takes five seconds by the injected clock.
        let wait = CycleStage(name: "wait", effect: .computation) { context throws(CycleFailure) in
            clock.advance(bySeconds: 5)
            return [CycleCount("clients", context.book?.profiles.count ?? 0)]
        }
        var stages = DailyCycle.standardStages
        stages.insert(wait, at: 2)
        let log = ProgressLog()
        let summary = try await fixture.cycle(stages: stages)
            .run(asOf: fixture.today, until: fixture.morning(after: fixture.today)) { log.add($0) }

        let started = log.all.compactMap { event -> String? in
            if case .started(let stage, _, _, _) = event { stage } else { nil }
        }
        let finished = log.all.compactMap { event -> CycleStageReport? in
            if case .finished(let report) = event { report } else { nil }
        }
        #expect(started == stages.map(\.name))
        #expect(finished.map(\.stage) == stages.map(\.name))
        #expect(finished.first { $0.stage == "wait" }?.milliseconds == 5_000)
        #expect(finished.first { $0.stage == "wait" }?.counts[count: "clients"] == 150)
        #expect(finished.filter { $0.stage != "wait" }.allSatisfy { $0.milliseconds == 0 })
        #expect(finished.first { $0.stage == "read-book" }?.counts[count: "clients"] == 150)
        #expect(finished.first { $0.stage == "record-scores" }?.counts[count: "scores.recorded"] == 150)
        #expect(summary.report(of: "hand-actions")?.counts[count: "actions.handled"] == summary.delivery.handled)
    }

    @Test func theNextDayKeepsTheEngineAndFiresNoCooledDownRuleAgain() async throws {
        let fixture = try await CycleFixture.make()
        let cycle = fixture.cycle()
        let day = fixture.today
        let first = try await cycle.run(asOf: day, until: fixture.morning(after: day))
        fixture.clock.set(to: fixture.morning(after: day.adding(days: 1)))
        let second = try await cycle.run(asOf: day.adding(days: 1), until: fixture.morning(after: day.adding(days: 1)))
        let churnFirst = Set(first.firings.filter { $0.rule == "Valued client showing churn signals" }.map(\.client))
        let churnSecond = Set(second.firings.filter { $0.rule == "Valued client showing churn signals" }.map(\.client))
        #expect(!churnFirst.isEmpty)
        #expect(churnFirst.isDisjoint(with: churnSecond))  // 30-day cooldown carried over the night
        #expect(second.recording?.recorded == first.recording?.recorded)  // a new day: new keys
        let delivered = fixture.bank.notifications.delivered
        #expect(Set(delivered.map(\.id)).count == delivered.count)
    }

    @Test func aRestartedHostRestoresTheLastNightsEngineFromTheJournal() async throws {
        let fixture = try await CycleFixture.make()
        let journal = InMemoryCycleJournal()
        let day = fixture.today
        let first = try await fixture.cycle(journal: journal).run(asOf: day, until: fixture.morning(after: day))
        let kept = try #require(journal.entries.first { $0.stage == "run-triggers" }?.checkpoint.engine)
        #expect(kept.clientCount == fixture.synthetic.clientCount)
        // The next night in a new process (a fresh cycle over the same journal and ports).
        fixture.clock.set(to: fixture.morning(after: day.adding(days: 1)))
        let next = day.adding(days: 1)
        let second = try await fixture.cycle(journal: journal).run(asOf: next, until: fixture.morning(after: next))
        let churnFirst = Set(first.firings.filter { $0.rule == "Valued client showing churn signals" }.map(\.client))
        let churnSecond = Set(second.firings.filter { $0.rule == "Valued client showing churn signals" }.map(\.client))
        #expect(!churnFirst.isEmpty)
        #expect(churnFirst.isDisjoint(with: churnSecond))  // the 30-day cooldown survived the restart
        #expect(!second.firings.contains { $0.day <= day })  // nothing of the first night ran again
        let delivered = fixture.bank.notifications.delivered
        #expect(Set(delivered.map(\.id)).count == delivered.count)
    }

    @Test func intradayEventsGoThroughTheSameEngineAndHandOver() async throws {
        let fixture = try await CycleFixture.make()
        let cycle = fixture.cycle()
        let day = fixture.today
        await #expect(throws: DailyCycleError.self) { try await cycle.record([]) }
        _ = try await cycle.run(asOf: day, until: fixture.morning(after: day))
        let client = try #require(fixture.synthetic.profiles.first { $0.coverage.relationshipManager != nil })
        let inflow = Transaction(
            id: "T-INTRADAY-1",
            customer: client.id,
            day: day.adding(days: 1),
            secondOfDay: 11 * 3600,
            type: .deposit,
            direction: .inflow,
            amount: Money(minorUnits: 300_000_000, currency: .cny),
            channel: .branch
        )
        let before = fixture.bank.notifications.delivered.count
        let report = try await cycle.record([.transaction(inflow)])
        #expect(report.firings.contains { $0.rule == "Large inflow" && $0.client == client.id })
        let sent = fixture.bank.notifications.delivered.dropFirst(before)
        #expect(sent.contains { $0.customer == client.id && $0.recipient == client.coverage.relationshipManager })
        #expect(CycleFixture.actions(of: Array(sent)).count == report.delivery.handled)
        // An event of a client the engine does not know is a typed error naming the intraday work.
        let unknown = Transaction(
            id: "T-X",
            customer: "NO-SUCH-CLIENT",
            day: day.adding(days: 1),
            type: .deposit,
            direction: .inflow,
            amount: Money(minorUnits: 100, currency: .cny),
            channel: .branch
        )
        let error = await #expect(throws: DailyCycleError.self) { try await cycle.record([.transaction(unknown)]) }
        #expect(error?.stage == "intraday")
    }
}
