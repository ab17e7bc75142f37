import CustomerModel
import Foundation
import SyntheticBank

/// `clientele demo`: generates a synthetic bank, loads it through the ports into the in-memory
/// stores, runs the bank's daily cycle on it (scores, score history, rules, notifications) and
/// prints what a manager would look at first.
struct DemoCommand {
    let arguments: Arguments
    let console: Console

    init(_ arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    func run() async throws {
        try arguments.expect(options: ["clients", "seed", "days"], for: "demo")
        if let extra = arguments.positional.first { throw UsageError("demo takes no arguments, not '\(extra)'") }
        let clients = try arguments.integer("clients", default: 10_000, in: 100...200_000)
        let seed = try arguments.integer("seed", default: 42, in: 0...Int(Int32.max))
        let days = try arguments.integer("days", default: 365, in: 30...1830)
        let progress = Progress()

        console.print(
            "Clientele demo: a synthetic bank of \(Output.count(clients)) clients over \(days) days (seed \(seed))"
        )
        let synthetic = SyntheticBank(.init(seed: UInt64(seed), clientCount: clients, days: days))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = FixedClock(at: calendar.start(of: today, plusMinutes: 18 * 60))
        let audit = InMemoryAuditLog()
        let bank = InMemoryBank(clock: clock, calendar: calendar, audit: audit)
        console.print(
            "  generated in \(Output.fixed(progress.elapsed, 1)) s; today is \(today) (the last simulated day)"
        )

        let load = Progress(console)
        try await Self.load(synthetic, into: bank, progress: load, console: console)
        let loadSeconds = load.elapsed
        let transactionCount = bank.activityStore.transactionCount
        console.print(
            "  loaded through the ports in \(Output.fixed(loadSeconds, 1)) s"
                + " (\(Output.count(transactionCount)) transactions)"
        )

        try await BookSummary(synthetic: synthetic, bank: bank, today: today, console: console).print()
        let scores = try await DemoCycle(bank: bank, today: today, console: console).run()
        DemoScoring(scores: scores, today: today, console: console).print()
        try await DemoSegmentation(bank: bank, today: today, scores: scores, console: console).run()
        try await DemoRules(synthetic: synthetic, bank: bank, scores: scores, console: console).run()
        console.print(
            "\nAudit trail: \(Output.count(audit.count)) entries recorded (every read and write through the ports)."
        )
    }

    /// Pushes the synthetic bank through the ports, in batches, showing progress.
    static func load(
        _ synthetic: SyntheticBank,
        into bank: InMemoryBank,
        progress: Progress,
        console: Console
    ) async throws {
        bank.activityStore.reserveTransactionCapacity(synthetic.transactionCount)
        let summary = try await synthetic.load(
            into: bank.customers,
            activity: bank.activity,
            as: .system("demo-loader", purpose: "load the synthetic bank"),
            batchSize: 100_000,
            progress: { phase, done, total in progress.update(phase, done, total) }
        )
        console.print(
            "  accounts \(Output.count(summary.accounts)), holdings \(Output.count(summary.holdings)),"
                + " relationships \(Output.count(summary.relationships)), referrals \(Output.count(summary.referrals))"
        )
    }
}
