import CustomerModel
import CustomerModelTesting
import Rules
import Synchronization
import SyntheticBank
import ValueModel

/// The bank's daily cycle at book scale: a synthetic bank loaded into the in-memory ports, then
/// the whole cycle from the ports to the actions handed over (read the book, score it, record the
/// scores, hand the facts to the rules, run the morning's schedules and date triggers, deliver the
/// notifications), timed per stage.
///
/// Issue 11: target under 3 s for 100 k clients on 2 cores.
enum CycleBenchmarks {
    /// Stage timings by the process's monotonic clock (the cycle's own durations come from its
    /// injected wall clock, which a benchmark does not move by hand).
    final class StageTimer: Sendable {
        private let state = Mutex<
            (
                started: [String: (ContinuousClock.Instant, Double)], seconds: [(String, Double, Double)],
                counts: [String: [CycleCount]]
            )
        >(([:], [], [:]))

        func observe(_ event: CycleProgress) {
            let now = ContinuousClock.now
            let cpu = Harness.processCPUSeconds()
            state.withLock { state in
                switch event {
                case .started(let stage, _, _, _): state.started[stage] = (now, cpu)
                case .finished(let report):
                    if let (start, cpuStart) = state.started[report.stage] {
                        state.seconds.append((report.stage, Harness.seconds(now - start), cpu - cpuStart))
                    }
                    state.counts[report.stage] = report.counts
                case .skipped: break
                }
            }
        }

        /// Per stage: wall-clock and CPU seconds (all threads).
        var seconds: [(String, Double, Double)] { state.withLock { $0.seconds } }
        var counts: [String: [CycleCount]] { state.withLock { $0.counts } }
    }

    /// One run: the first night and the next night with the engine kept.
    struct Run {
        var stages: [(String, Double, Double)]
        var counts: [String: [CycleCount]]
        var night: Double
        var nightCPU: Double
        var firings: Int
        var handled: Int
        var unhandled: Int
        var next: Double
        var nextStages: [(String, Double, Double)]
        var nextFirings: Int
    }

    /// Loads a synthetic bank of `clients` once, then runs the cycle `runs` times over it (each run
    /// with its own score history, journal and notification sink, so no run sees another's work)
    /// and reports each stage's median.
    static func run(clients: Int, runs: Int = 3) async throws {
        let generated = ContinuousClock.now
        let synthetic = SyntheticBank(.init(seed: 42, clientCount: clients))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = ManualClock(start: calendar.start(of: today.adding(days: 1), plusMinutes: 2 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar, audit: InMemoryAuditLog())
        bank.activityStore.reserveTransactionCapacity(synthetic.transactionCount)
        try await synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 100_000)
        Harness.report(
            "daily cycle: set-up (\(clients / 1000)k clients)",
            "generated and loaded \(synthetic.transactionCount / 1000)k transactions in"
                + " \(Harness.format(Harness.seconds(ContinuousClock.now - generated), 1)) s (not timed below)"
        )
        let rules = try ExampleRules.compiled()
        var results: [Run] = []
        for _ in 0..<max(1, runs) {
            clock.set(to: calendar.start(of: today.adding(days: 1), plusMinutes: 2 * 60))
            let cycle = DailyCycle(
                ports: DailyCyclePorts(
                    customers: bank.customers,
                    activity: bank.activity,
                    scoreHistory: bank.gate.scoreHistory(InMemoryScoreHistoryStore()),
                    notifications: InMemoryNotificationSink(clock: clock),
                    clock: clock,
                    calendar: calendar
                ),
                rules: rules,
                scoring: BookScoring(asOf: today, currency: .cny)
            )
            let timer = StageTimer()
            let start = ContinuousClock.now
            let cpuStart = Harness.processCPUSeconds()
            let summary = try await cycle.run(
                asOf: today,
                until: calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60 + 30)
            ) { timer.observe($0) }
            let night = Harness.seconds(ContinuousClock.now - start)
            let nightCPU = Harness.processCPUSeconds() - cpuStart

            // The next night: the engine is kept, one more day of scores and triggers.
            let next = today.adding(days: 1)
            clock.set(to: calendar.start(of: next.adding(days: 1), plusMinutes: 2 * 60))
            let nextTimer = StageTimer()
            let again = ContinuousClock.now
            let second = try await cycle.run(
                asOf: next,
                until: calendar.start(of: next.adding(days: 1), plusMinutes: 9 * 60 + 30)
            ) { nextTimer.observe($0) }
            results.append(
                Run(
                    stages: timer.seconds,
                    counts: timer.counts,
                    night: night,
                    nightCPU: nightCPU,
                    firings: summary.firings.count,
                    handled: summary.delivery.handled,
                    unhandled: summary.delivery.unhandled,
                    next: Harness.seconds(ContinuousClock.now - again),
                    nextStages: nextTimer.seconds,
                    nextFirings: second.firings.count
                )
            )
        }
        let first = results[0]
        func median(_ stage: String, _ pick: (Run) -> [(String, Double, Double)]) -> (Double, Double) {
            let timed = results.compactMap { run in pick(run).first { $0.0 == stage } }
            return (Harness.median(timed.map(\.1)), Harness.median(timed.map(\.2)))
        }
        for (stage, _, _) in first.stages {
            let (wall, cpu) = median(stage, \.stages)
            let counts = (first.counts[stage] ?? []).filter { $0.value > 0 }.map(\.description).joined(separator: ", ")
            Harness.report(
                "daily cycle: \(stage)",
                "\(Harness.format(wall * 1000, 0)) ms (CPU \(Harness.format(cpu * 1000, 0)) ms) (\(counts))"
            )
        }
        Harness.report(
            "daily cycle: whole night, ports to actions",
            "\(Harness.format(Harness.median(results.map(\.night)), 2)) s, CPU"
                + " \(Harness.format(Harness.median(results.map(\.nightCPU)), 2)) s (target < 3 s; median of"
                + " \(results.count): \(results.map { Harness.format($0.night, 2) }.joined(separator: ", ")) s);"
                + " \(first.firings) firings, \(first.handled) actions handled, \(first.unhandled) actions left to workflow"
        )
        for (stage, _, _) in first.nextStages {
            let (wall, cpu) = median(stage, \.nextStages)
            Harness.report(
                "daily cycle: next night, \(stage)",
                "\(Harness.format(wall * 1000, 0)) ms (CPU \(Harness.format(cpu * 1000, 0)) ms)"
            )
        }
        Harness.report(
            "daily cycle: the next night (engine kept)",
            "\(Harness.format(Harness.median(results.map(\.next)), 2)) s (median of \(results.count)); \(first.nextFirings) firings"
        )
    }
}
