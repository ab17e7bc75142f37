import CustomerModel
import ValueModel

/// The scoring section of `clientele demo`: the nightly job (activity, RFM, churn, CVM, lifetime)
/// on the loaded bank, then what a head of wealth management looks at.
struct DemoScoring {
    let bank: InMemoryBank
    let today: Day
    let console: Console

    /// Scores the book, prints the reports and returns the scores (the rules read them as facts).
    @discardableResult
    func print() async throws -> BookScores {
        console.heading("Scoring the book as of \(today)")
        let read = Progress()
        let principal = Principal.system("demo-scoring", purpose: "nightly value scoring")
        let store = bank.customers
        let ids = try await store.customers(matching: .all, as: principal)
        let profiles = try await store.profiles(ids, as: principal).map(\.profile)
        let holdings = try await store.holdings(of: ids, as: principal)
        let relationships = try await store.relationships(of: ids, as: principal)
        let referrals = try await store.referrals(madeBy: ids, as: principal)
        let columns = try await bank.activity.exportTransactions(in: nil, as: principal)
        let history = Day(number: 0)...today
        let interactions = try await bank.activity.interactions(of: ids, in: history, as: principal)
        let balances = try await bank.activity.balances(of: ids, in: history, as: principal)
        let inputs = BookInputs(
            profiles: profiles, holdings: holdings, relationships: relationships, referrals: referrals,
            interactions: interactions, balances: balances, transactions: columns)
        console.print(
            "  read \(Output.count(profiles.count)) profiles, \(Output.count(holdings.count)) holdings,"
                + " \(Output.count(columns.count)) transaction rows, \(Output.count(inputs.interactions.count)) interactions,"
                + " \(Output.count(inputs.balances.count)) balances in \(Output.fixed(read.elapsed, 1)) s")
        let run = Progress(console)
        var last = 0.0
        var steps: [String] = []
        let all = BookScoring.Step.allCases.count
        let scores = try BookScoring(asOf: today, currency: .cny).run(inputs) { step in
            let now = run.elapsed
            steps.append("\(step.rawValue) \(Output.fixed((now - last) * 1000, 0)) ms")
            last = now
            run.update("scoring", steps.count, all)
        }
        console.print("  scored in \(Output.fixed(run.elapsed, 2)) s: " + steps.joined(separator: ", "))

        if let individuals = scores.individuals { ScoreReport.distribution(individuals, title: "individuals", to: console) }
        if let corporates = scores.corporates { ScoreReport.distribution(corporates, title: "strategic corporates", to: console) }
        ScoreReport.rfm(scores.rfm, to: console)
        if let individuals = scores.individuals { ScoreReport.top(scores, individuals, count: 5, explain: true, to: console) }
        if let corporates = scores.corporates { ScoreReport.top(scores, corporates, count: 3, explain: false, to: console) }
        ScoreReport.churn(scores, examples: 5, to: console)
        ScoreReport.lifetime(scores, to: console)
        return scores
    }
}
