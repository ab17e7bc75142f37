public import CustomerModel
public import ValueModel

/// The bank's daily cycle in one call: from the ports, score the book, record the night's scores in
/// the score history, hand the new facts to the rules, run the schedules and date triggers due up
/// to an instant, and hand every action to the ``ActionHandler`` (notifications to the sink with
/// idempotent ids by default).
/// Intraday events go through the same rules engine and the same hand-over.
///
/// ```swift
/// let cycle = DailyCycle(
///     ports: DailyCyclePorts(bank: bank, scoreHistory: history), rules: try ExampleRules.compiled(),
///     scoring: BookScoring(asOf: today, currency: .cny))
/// let night = try await cycle.run(asOf: today, until: calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60))
/// print(night.delivery.handled, "actions handled")
/// let now = try await cycle.record([.transaction(incoming)])   // intraday: same engine, same hand-over
/// ```
///
/// **Stages** are the values of ``stages`` (``standardStages`` unless given), run in order; a
/// later module inserts its own. Progress is reported to the `progress` callback as each stage
/// starts and finishes, with its counts and its duration by the ports' clock.
///
/// **Resuming.** The ``CycleJournal`` records each stage that finishes (and the progress of the
/// action hand-over, batch by batch). When a stage fails, ``run(asOf:until:progress:)`` throws a
/// ``DailyCycleError`` naming it; running the same day again resumes there: finished stages with
/// external effects are skipped, the action hand-over continues after the last batch the handler
/// acknowledged, score recording is idempotent by key and actions by their firing's id, so nothing is
/// recorded or sent twice. In the same process the cycle keeps the failed run's work (the book,
/// the scores, the firings) and continues from it; a new process recomputes it.
///
/// **The engine** is built the first night and kept: windows, cooldowns and de-duplication carry
/// from day to day. It is built again when the book's clients change. Its checkpoint is kept in
/// the journal entry of `run-triggers`; a new process (a restarted host) restores the latest one
/// of the seven days before the cycle day, so cooldowns and de-duplication survive the restart
/// (intraday events recorded after that night are taken in again from the stores, but rules
/// they fired are not replayed).
///
/// The cycle reads the time only from the ports' clock, and performs no I/O but through the ports.
public actor DailyCycle {
    /// The ports.
    public let ports: DailyCyclePorts
    /// The rules.
    public let rules: RuleSet
    /// The scoring job's settings (its day is set to each cycle day).
    public let scoring: BookScoring
    /// The tier ladders the `assign-tiers` stage assigns from.
    public let ladders: CycleTierLadders
    /// The stages, in order.
    public let stages: [CycleStage]
    /// Actions handed to the handler per call (whole firings: a batch may hold a few more).
    public let batchSize: Int

    private var carry = CycleCarry()
    /// The work of a run that failed, kept to resume it in this process.
    private var pending: CycleContext?

    /// The standard stages: `read-book`, `score-book`, `record-scores`, `assign-tiers`,
    /// `hand-facts`, `run-triggers`, `hand-actions`.
    public static let standardStages: [CycleStage] = [
        .readBook, .scoreBook, .recordScores, .assignTiers, .handFacts, .runTriggers, .handActions,
    ]

    /// Creates a cycle.
    /// - Parameters:
    ///   - ports: the stores, action handler, journal, clock and calendar.
    ///   - rules: the rule set.
    ///   - scoring: the scoring job's settings (models, windows, policy); its day is replaced by
    ///     each run's day.
    ///   - ladders: the tier ladders by kind of client (the default ladders unless given).
    ///   - stages: the stages in order (``standardStages`` unless given).
    ///   - batchSize: actions per call to the handler (at least 1; 1,000 unless given).
    public init(
        ports: DailyCyclePorts,
        rules: RuleSet,
        scoring: BookScoring,
        ladders: CycleTierLadders = .defaults,
        stages: [CycleStage] = DailyCycle.standardStages,
        batchSize: Int = 1_000
    ) {
        self.ports = ports
        self.rules = rules
        self.scoring = scoring
        self.ladders = ladders
        self.stages = stages
        self.batchSize = max(1, batchSize)
    }

    /// Runs the cycle for `day`: the book scored as of `day`, triggers due up to `until`.
    ///
    /// Stages the journal records as finished for `day` are skipped when they have external
    /// effects, and run again (only) when a later stage still has to run and needs their work.
    /// - Parameters:
    ///   - day: the cycle day (the last complete bank day).
    ///   - until: schedules and date triggers due up to this instant run (typically the next
    ///     morning, so the day's schedules use the fresh scores).
    ///   - progress: called as each stage starts, finishes or is skipped.
    ///   A run that resumes the failed run of the same day in this process keeps that run's `until`.
    /// - Returns: what the run did.
    /// - Throws: ``DailyCycleError`` naming the stage that failed and why; the journal keeps the
    ///   stages that finished, and running `day` again resumes.
    public func run(
        asOf day: Day,
        until: Instant,
        progress: @Sendable (CycleProgress) -> Void = { _ in }
    ) async throws(DailyCycleError) -> DailyCycleSummary {
        let entries: [CycleJournalEntry]
        do throws(StoreError) { entries = try await ports.journal.entries(on: day) } catch {
            throw DailyCycleError(stage: "journal", day: day, failure: .store(error))
        }
        let finished = Dictionary(entries.filter { $0.state == .finished }.map { ($0.stage, $0) }) { _, last in last }
        let partial = Dictionary(entries.filter { $0.state == .inProgress }.map { ($0.stage, $0) }) { _, last in last }

        var context: CycleContext
        var resumedInProcess = false
        if let kept = pending, kept.asOf == day {
            context = kept
            resumedInProcess = true
        } else {
            context = CycleContext(
                asOf: day,
                until: until,
                ports: ports,
                scoring: scoring,
                rules: rules,
                ladders: ladders,
                batchSize: batchSize,
                carry: pending?.carry ?? carry
            )
        }
        pending = nil
        carry = CycleCarry()

        // The last stage that still has to run: computation stages after it are not needed.
        let lastToRun = stages.lastIndex { finished[$0.name] == nil }
        var reports: [CycleStageReport] = []
        for (index, stage) in stages.enumerated() {
            let done = finished[stage.name]
            let needed = lastToRun.map { index < $0 } ?? false
            if let done, stage.effect == .external || resumedInProcess || !needed {
                let report = CycleStageReport(
                    stage: stage.name,
                    day: day,
                    outcome: .skipped,
                    counts: done.checkpoint.counts,
                    milliseconds: 0
                )
                reports.append(report)
                progress(.skipped(report))
                continue
            }
            progress(.started(stage: stage.name, day: day, index: index, of: stages.count))
            context.stage = stage.name
            context.resumeFrom = partial[stage.name]?.checkpoint
            let start = ports.clock.now
            let counts: [CycleCount]
            do throws(CycleFailure) {
                counts = try await stage.work(&context)
            } catch {
                pending = context
                throw DailyCycleError(stage: stage.name, day: day, failure: error)
            }
            let end = ports.clock.now
            do throws(StoreError) {
                try await ports.journal.record(
                    CycleJournalEntry(
                        day: day,
                        stage: stage.name,
                        state: .finished,
                        checkpoint: CycleCheckpoint(counts: counts, engine: context.engineCheckpoint),
                        at: end
                    )
                )
            } catch {
                pending = context
                throw DailyCycleError(stage: stage.name, day: day, failure: .store(error))
            }
            context.engineCheckpoint = nil
            let report = CycleStageReport(
                stage: stage.name,
                day: day,
                outcome: context.resumeFrom == nil ? .ran : .resumed,
                counts: counts,
                milliseconds: end.millisecondsSinceEpoch - start.millisecondsSinceEpoch
            )
            context.resumeFrom = nil
            reports.append(report)
            progress(.finished(report))
        }
        carry = context.carry
        return DailyCycleSummary(
            day: day,
            until: until,
            stages: reports,
            scores: context.scores,
            recording: context.recording,
            firings: context.firings,
            delivery: context.delivery
        )
    }

    /// Records intraday events through the same rules engine and hands the actions of their
    /// firings over the same way; schedules and date triggers that come due before an event run
    /// first.
    ///
    /// The night does not absorb these events again.
    /// - Parameter events: the events, any order (they are taken in time order).
    /// - Returns: what the events fired and what was handed over.
    /// - Throws: ``DailyCycleError`` with stage `intraday`: ``CycleFailure/state(_:)`` before any
    ///   night built the engine, ``CycleFailure/rules(_:)`` for an event the engine rejects (the
    ///   events before it are recorded and their actions handed over),
    ///   ``CycleFailure/actions(_:)`` when the action handler fails.
    public func record(_ events: [RuleEvent]) async throws(DailyCycleError) -> IntradayReport {
        let calendar = ports.calendar
        let ordered = events.enumerated()
            .map { ($0.element.instant(on: calendar), $0.offset, $0.element) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let day = ordered.first.map { calendar.day(of: $0.0) } ?? calendar.day(of: ports.clock.now)
        var live = takeCarry()
        guard var engine = live.engine else {
            putCarry(live)
            throw DailyCycleError(
                stage: "intraday",
                day: day,
                failure: .state("no rules engine yet: run the daily cycle once first")
            )
        }
        live.engine = nil
        var firings: [RuleFiring] = []
        var failure: RuleEngineError?
        for (at, _, event) in ordered {
            firings += engine.tick(until: at)
            do throws(RuleEngineError) {
                firings += try engine.record(event)
            } catch {
                failure = error
                break
            }
            switch event {
            case .transaction(let t): live.intraday.insert(CycleCarry.key(t))
            case .interaction(let i): live.intraday.insert(CycleCarry.key(i))
            default: break
            }
        }
        live.engine = engine
        let organisation = live.organisation ?? .empty
        putCarry(live)
        let delivery = try await handOver(firings, engine: engine, organisation: organisation, day: day)
        if let failure { throw DailyCycleError(stage: "intraday", day: day, failure: .rules(failure)) }
        return IntradayReport(firings: firings, delivery: delivery)
    }

    /// Runs the schedules and date triggers due up to `until` outside the nightly run (a host that
    /// ticks every few minutes) and hands their actions over.
    /// - Throws: ``DailyCycleError`` with stage `intraday`, as ``record(_:)``.
    public func tick(until: Instant) async throws(DailyCycleError) -> IntradayReport {
        let day = ports.calendar.day(of: until)
        var live = takeCarry()
        guard var engine = live.engine else {
            putCarry(live)
            throw DailyCycleError(
                stage: "intraday",
                day: day,
                failure: .state("no rules engine yet: run the daily cycle once first")
            )
        }
        live.engine = nil
        let firings = engine.tick(until: until)
        live.engine = engine
        let organisation = live.organisation ?? .empty
        putCarry(live)
        return IntradayReport(
            firings: firings,
            delivery: try await handOver(firings, engine: engine, organisation: organisation, day: day)
        )
    }

    /// The state carried between runs, taken out of the actor (from the failed run's work when a
    /// run failed, so that its rerun continues from the engine intraday work moved on).
    private func takeCarry() -> CycleCarry {
        if pending != nil {
            let taken = pending?.carry ?? CycleCarry()
            pending?.carry = CycleCarry()
            return taken
        }
        let taken = carry
        carry = CycleCarry()
        return taken
    }

    /// Puts the carried state back where ``takeCarry()`` took it from.
    private func putCarry(_ taken: CycleCarry) {
        if pending != nil { pending?.carry = taken } else { carry = taken }
    }

    private func handOver(
        _ firings: [RuleFiring],
        engine: RuleEngine,
        organisation: Organisation,
        day: Day
    )
        async throws(DailyCycleError) -> CycleDelivery
    {
        do throws(CycleFailure) {
            return try await CycleHandOver.deliver(
                firings[...],
                coverage: { engine.coverage(of: $0) },
                resolver: RecipientResolver(organisation: organisation, groups: ports.staffGroups),
                handler: ports.actions,
                batchSize: batchSize,
                handed: { _, _ throws(CycleFailure) in }
            )
        } catch {
            throw DailyCycleError(stage: "intraday", day: day, failure: error)
        }
    }
}
