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

    static func run(clients: Int) async throws {
        let generated = ContinuousClock.now
        let synthetic = SyntheticBank(.init(seed: 42, clientCount: clients))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = ManualClock(start: calendar.start(of: today.adding(days: 1), plusMinutes: 2 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar, audit: InMemoryAuditLog())
        bank.activityStore.reserveTransactionCapacity(synthetic.transactionCount)
        try await synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 100_000)
        let history = InMemoryScoreHistoryStore()
        Harness.report(
            "daily cycle: set-up (\(clients / 1000)k clients)",
            "generated and loaded \(synthetic.transactionCount / 1000)k transactions in"
                + " \(Harness.format(Harness.seconds(ContinuousClock.now - generated), 1)) s (not timed below)"
        )

        let cycle = DailyCycle(
            ports: DailyCyclePorts(bank: bank, scoreHistory: history),
            rules: try ExampleRules.compiled(),
            scoring: BookScoring(asOf: today, currency: .cny)
        )
        let timer = StageTimer()
        let start = ContinuousClock.now
        let cpuStart = Harness.processCPUSeconds()
        let summary = try await cycle.run(
            asOf: today,
            until: calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60 + 30)
        ) { timer.observe($0) }
        let total = Harness.seconds(ContinuousClock.now - start)
        let cpuTotal = Harness.processCPUSeconds() - cpuStart
        for (stage, seconds, cpu) in timer.seconds {
            let counts = (timer.counts[stage] ?? []).filter { $0.value > 0 }.map(\.description).joined(separator: ", ")
            Harness.report(
                "daily cycle: \(stage)",
                "\(Harness.format(seconds * 1000, 0)) ms (CPU \(Harness.format(cpu * 1000, 0)) ms) (\(counts))"
            )
        }
        Harness.report(
            "daily cycle: whole night, ports to actions",
            "\(Harness.format(total, 2)) s, CPU \(Harness.format(cpuTotal, 2)) s (target < 3 s); \(summary.firings.count) firings,"
                + " \(summary.delivery.handled) actions handled, \(summary.delivery.unhandled) actions left to workflow"
        )

        // The next night: the engine is kept, one more day of scores and triggers.
        let next = today.adding(days: 1)
        clock.set(to: calendar.start(of: next.adding(days: 1), plusMinutes: 2 * 60))
        let again = ContinuousClock.now
        let second = try await cycle.run(
            asOf: next,
            until: calendar.start(of: next.adding(days: 1), plusMinutes: 9 * 60 + 30)
        )
        Harness.report(
            "daily cycle: the next night (engine kept)",
            "\(Harness.format(Harness.seconds(ContinuousClock.now - again), 2)) s; \(second.firings.count) firings"
        )
    }
}
