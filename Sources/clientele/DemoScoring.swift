import CustomerModel
import ValueModel

/// The scoring section of `clientele demo`: what a head of wealth management looks at in the
/// night's scores (activity, RFM, churn, CVM, lifetime), as the daily cycle computed them.
struct DemoScoring {
    let scores: BookScores
    let today: Day
    let console: Console

    func print() {
        console.heading("Scoring the book as of \(today)")
        console.print("  \(Output.count(scores.count)) clients scored by the daily cycle above")
        if let individuals = scores.individuals {
            ScoreReport.distribution(individuals, title: "individuals", to: console)
        }
        if let corporates = scores.corporates {
            ScoreReport.distribution(corporates, title: "strategic corporates", to: console)
        }
        ScoreReport.rfm(scores.rfm, to: console)
        if let individuals = scores.individuals {
            ScoreReport.top(scores, individuals, count: 5, explain: true, to: console)
        }
        if let corporates = scores.corporates {
            ScoreReport.top(scores, corporates, count: 3, explain: false, to: console)
        }
        ScoreReport.churn(scores, examples: 5, to: console)
        ScoreReport.lifetime(scores, to: console)
    }
}
