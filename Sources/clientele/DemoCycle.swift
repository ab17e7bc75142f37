import CustomerModel
import Foundation
import Rules
import Synchronization
import ValueModel

/// The daily-cycle section of `clientele demo`: the bank's night in one call, from the ports:
/// score the book, record the scores in the score history, hand the facts to the rules, run the
/// next morning's schedules and date triggers, and deliver the notifications to the in-memory sink.
///
/// A second run of the same night shows that nothing is recorded or sent twice.
struct DemoCycle {
    let bank: InMemoryBank
    let today: Day
    let console: Console

    /// Rules on the night's scores, run beside the shipped set.
    static let scoreRules = #"""
        rule "Valued client showing churn signals"
          owner "wealth management"
          priority 85
          when daily at 08:00
          if score >= 40 and churn.risk >= "medium"
          then notify(rm, workbench, "{name} ({tier}, value score {score}, RFM {rfm.segment}) shows {churn.risk} churn risk: call this week"),
               task(rm, "Retention call with {name}: {churn.signals} churn signal(s), value score {score}", 5bd)
          cooldown 30d
          dedupe by client
        end

        rule "Top decile review"
          owner "wealth management"
          priority 40
          when daily at 08:15
          if score.decile = 10 and rfm.segment in [at_risk, cannot_lose, about_to_sleep]
          then notify(rm, email, "{name} is in the top tenth by value score ({score}) but RFM says {rfm.segment}: review the relationship")
          cooldown 90d
        end
        """#

    /// The shipped rules and the score rules, compiled together.
    static func rules() throws -> RuleSet {
        try RuleCompiler(catalogue: .standard()).compile(
            ExampleRules.text + "\n" + scoreRules,
            file: "demo-cycle.rules"
        )
    }

    /// Runs the night and prints what it did; returns the night's scores for the scoring section.
    func run() async throws -> BookScores {
        let morning = bank.calendar.start(of: today.adding(days: 1), plusMinutes: 9 * 60 + 30)
        console.heading("The daily cycle for \(today), triggers up to \(today.adding(days: 1)) 09:30")
        let history = InMemoryScoreHistoryStore()
        let cycle = DailyCycle(
            ports: DailyCyclePorts(bank: bank, scoreHistory: history),
            rules: try Self.rules(),
            scoring: BookScoring(asOf: today, currency: .cny)
        )
        let timer = StageTimer()
        let summary = try await cycle.run(asOf: today, until: morning) { timer.observe($0) }
        for report in summary.stages {
            let seconds = timer.seconds(of: report.stage)
            let counts = report.counts.filter { $0.value > 0 }.map { "\($0.name) \(Output.count($0.value))" }
            console.print(
                "  \(report.stage.padding(toLength: 14, withPad: " ", startingAt: 0)) \(Output.fixed(seconds * 1000, 0).leftPadded(6)) ms"
                    + (counts.isEmpty ? "" : "  " + counts.joined(separator: ", "))
            )
        }
        var byRule: [String: Int] = [:]
        for firing in summary.firings { byRule[firing.rule, default: 0] += 1 }
        console.print(
            "  scores recorded \(Output.count(summary.recording?.recorded ?? 0)) (history holds \(Output.count(history.recordCount)));"
                + " firings \(Output.count(summary.firings.count)); actions handled \(Output.count(summary.delivery.handled))"
                + " (notifications sent \(Output.count(bank.notifications.delivered.count))),"
                + " duplicates \(Output.count(summary.delivery.duplicates)); actions left to workflow \(Output.count(summary.delivery.unhandled))"
        )
        for (rule, count) in byRule.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            console.print("  \(Output.count(count).leftPadded(7))  \"\(rule)\"")
        }
        // A notification's id starts with its firing's id: show one of the churn rule's if any.
        let churn = summary.firings.first { $0.rule.hasPrefix("Valued client") }.map { $0.id.rawValue + "-" }
        let delivered = bank.notifications.delivered
        if let example = delivered.first(where: { churn.map($0.id.hasPrefix) ?? false }) ?? delivered.first {
            console.print("  e.g. to \(example.recipient) by \(example.channel.rawValue): \(example.message)")
        }
        let again = try await cycle.run(asOf: today, until: morning)
        console.print(
            "  run again for \(today): \(again.stages.filter { $0.outcome == .skipped }.count) of \(again.stages.count) stages skipped,"
                + " \(again.delivery.handled) actions handled, \(again.recording?.recorded ?? 0) scores recorded; the sink holds"
                + " \(Output.count(bank.notifications.delivered.count)) notifications, each once"
        )
        guard let scores = summary.scores else { throw UsageError("the daily cycle did not score the book") }
        return scores
    }
}

/// Stage durations by the process's monotonic clock, observed through the cycle's progress reports.
final class StageTimer: Sendable {
    private let state = Mutex<(started: [String: ContinuousClock.Instant], seconds: [String: Double])>(([:], [:]))

    func observe(_ event: CycleProgress) {
        let now = ContinuousClock.now
        state.withLock { state in
            switch event {
            case .started(let stage, _, _, _): state.started[stage] = now
            case .finished(let report):
                guard let start = state.started[report.stage] else { return }
                let (seconds, attoseconds) = (now - start).components
                state.seconds[report.stage] = Double(seconds) + Double(attoseconds) / 1e18
            case .skipped: break
            }
        }
    }

    func seconds(of stage: String) -> Double { state.withLock { $0.seconds[stage] ?? 0 } }
}
