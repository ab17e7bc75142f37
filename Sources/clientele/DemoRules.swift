import CustomerModel
import Rules
import SyntheticBank
import ValueModel

/// The rules part of `clientele demo`: the shipped example rule set replayed over the simulated
/// year (read back through the ports) with the night's scores, RFM, churn levels and tiers as
/// typed facts, what fired by rule, and a few firings explained.
struct DemoRules {
    let synthetic: SyntheticBank
    let bank: InMemoryBank
    /// The book's scores from the scoring section, handed to the rules through ``BookFactSource``.
    let scores: BookScores
    let console: Console

    /// Clients replayed (the first in id order); `clientele rules backtest --synthetic N` replays all.
    static let sample = 1_500

    func run() async throws {
        console.heading(
            "Rules: the shipped rule set over the simulated year (\(Output.count(min(Self.sample, synthetic.clientCount))) clients)"
        )
        let timer = Progress()
        let rules = try ExampleRules.compiled()
        let compileSeconds = timer.elapsed
        let period = synthetic.period
        let calendar = synthetic.configuration.calendar
        let read = Progress()
        // The engine refreshes every client's facts for each daily schedule; over a whole year
        // that takes about 9 s per 1,000 clients (release), so the demo replays a sample.
        var history = try await RuleHistory.gather(
            from: bank,
            days: period,
            limit: Self.sample,
            as: .system("demo-rules", purpose: "replay the year through the example rules")
        )
        // Failed attempts are not booked, so no store holds them: the generator gives them, and
        // they drive the "Failed transaction incident" rule.
        let lastSampled = history.clients.compactMap { synthetic.clientIndex(of: $0.profile.id) }.max() ?? -1
        history.add(failedTransactions: synthetic.failedTransactions(clients: 0..<(lastSampled + 1)))
        let readSeconds = read.elapsed
        let replay = Progress()
        // The first quarter only builds up the windows (a client is not "dormant" on the first
        // simulated day because the simulation knows nothing before it); rules fire from then on.
        let from = period.lowerBound.adding(days: 90)
        let book = BookFactSource(scores)
        let facts: [any FactSource] = [
            book, try Self.tiers(of: history.clients, book: book, scores: scores, on: period.upperBound),
        ]
        let report = try RuleEngine.backtest(
            rules,
            clients: history.clients,
            facts: facts,
            history: history.events,
            from: calendar.start(of: from),
            until: calendar.start(of: period.upperBound.adding(days: 1)),
            calendar: calendar
        )
        console.print(
            "\(rules.rules.count) rules (\(ExampleRules.fileName)) compiled in \(Output.fixed(compileSeconds * 1000, 1)) ms;"
                + " \(Output.count(history.events.count)) events of \(Output.count(history.clients.count)) clients read in"
                + " \(Output.fixed(readSeconds, 1)) s; replayed from \(from) (the first 90 days build up the windows) to"
                + " \(period.upperBound) with the schedules in \(Output.fixed(replay.elapsed, 1)) s"
        )
        RulesCommand.report(report, rules: rules, to: console)
    }

    /// Each client's tier from AUM and value score on the default ladders (individuals on the VIP
    /// ladder, corporates on the strategic one).
    static func tiers(
        of clients: [ClientRecord],
        book: BookFactSource,
        scores: BookScores,
        on day: Day
    ) throws -> TierFacts {
        var tiers = try TierFacts()
        for record in clients {
            var aum: Int64 = 0
            for holding in record.holdings
            where holding.product.isAsset && holding.balance.currency == .cny
                && holding.openedOn <= day && !holding.hasMatured(by: day)
            {
                aum = aum.addingReportingOverflow(holding.balance.minorUnits).partialValue
            }
            let ladder: TierLadder = record.profile.kind == .individual ? .individualVIP : .strategicCorporate
            let score = scores.index(of: record.profile.id).flatMap { book.score(ofClientAt: $0) }
            tiers.assign(record.profile.id, on: ladder, aum: Money(minorUnits: aum, currency: .cny), score: score)
        }
        return tiers
    }
}
