import CustomerModel
import Rules
import Segmentation
import ValueModel

/// The demo's segmentation section: the example policy's review a quarter before the cycle day
/// and the quarter's review on it, with the tiers, the quarter's moves, warnings with what it
/// takes to stay, pending approvals, exits, and the migration matrix.
struct DemoSegmentation {
    let bank: InMemoryBank
    let today: Day
    let scores: BookScores
    let console: Console

    func run() async throws {
        let policy = try SegmentationPolicy(json: SegmentationPolicy.exampleJSON)
        let quarterAgo = today.adding(months: -3)
        console.heading("Segmentation under \(policy.identifier): reviews on \(quarterAgo) and \(today)")
        let principal = Principal.system("demo-segmentation", purpose: "demo")
        let inputs = try await ScoreCommand.read(bank, as: principal)
        var earlier = BookScoring(asOf: quarterAgo, currency: .cny)
        earlier.windows.asOf = quarterAgo
        let before = try earlier.run(inputs)
        let records = SegmentCommand.records(inputs)
        let store = bank.gate.segmentation(InMemorySegmentationStore())
        func reviewer(on day: Day) -> TierReviewer {
            TierReviewer(
                policy: policy,
                store: store,
                clock: FixedClock(at: bank.calendar.start(of: day, plusMinutes: 22 * 60)),
                calendar: bank.calendar
            )
        }
        let first = try await reviewer(on: quarterAgo).review(
            SegmentationBook(records: records, facts: [BookFactSource(before)])
        )
        let book = SegmentationBook(records: records, facts: [BookFactSource(scores)])
        let quarter = try await reviewer(on: today).review(book, clients: records.map(\.profile.id))
        console.print(
            "  first review: \(Output.count(first.evaluated.count)) clients assigned; the quarter's review: \(Output.count(quarter.evaluated.count)) clients, \(Output.count(quarter.moves.count)) moves"
        )
        let evaluation = try PolicyEvaluator(policy).evaluate(book, on: EvaluationDay(today, calendar: bank.calendar))
        SegmentReport.print(quarter, evaluation, policy: policy, to: console)
        let matrix = try await reviewer(on: today).migrationMatrix(from: quarterAgo, to: today, as: principal)
        console.print("")
        console.print("Migration \(quarterAgo) -> \(today) (\(Output.count(matrix.moved)) clients moved)")
        for (i, from) in matrix.tiers.enumerated() {
            for (j, to) in matrix.tiers.enumerated() where i != j && matrix.counts[i][j] > 0 {
                console.print("  \(from) -> \(to): \(matrix.counts[i][j])")
            }
        }
    }
}
