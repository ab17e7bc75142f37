import CustomerModel
import Foundation
import ValueModel

/// `clientele score`: loads host files as `clientele import` does, then runs the nightly scoring
/// job on them and prints (or writes as CSV) each client's value score, RFM cell and churn risk.
struct ScoreCommand {
    let arguments: Arguments
    let console: Console

    init(_ arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    /// Returns `false` when the files or the model were rejected.
    func run() async throws -> Bool {
        try arguments.expect(options: ["system", "as-of", "model", "out"], for: "score")
        guard !arguments.positional.isEmpty else { throw UsageError("score needs at least one FILE") }
        // The command line first, then the files: a bad --as-of is reported before any file is read.
        var requestedAsOf: Day?
        if let text = arguments.options["as-of"] {
            do { requestedAsOf = try Day(parsing: text, field: "--as-of") } catch { throw UsageError("\(error)") }
        }
        var job = BookScoring(asOf: Day(number: 0), currency: .cny)
        if let path = arguments.options["model"] {
            guard let model = Self.model(at: path, console: console) else { return false }
            if model.subject == .individual { job.individualModel = model } else { job.corporateModel = model }
        }
        let files = try HostFiles(arguments.positional, system: arguments.options["system"])
        let clock = SystemClock()
        let principal = Principal.system("score", purpose: "score host files")
        guard let (bank, _) = try await files.load(clock: clock, console: console, outcome: "scored", as: principal)
        else {
            return false
        }
        let inputs = try await Self.read(bank, as: principal)

        let asOf: Day
        if let requestedAsOf {
            asOf = requestedAsOf
        } else if let last = inputs.transactions.day.max() {
            asOf = Day(number: last)
        } else {
            asOf = BankCalendar.china.day(of: clock.now)
        }
        job.windows.asOf = asOf
        let scores: BookScores
        do {
            scores = try job.run(inputs)
        } catch {
            console.print("Cannot score: \(error)")
            return false
        }
        if let out = arguments.options["out"] {
            try ScoreTable.csv(scores).write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8)
            console.print("Scored \(Output.count(scores.count)) clients as of \(asOf); wrote \(out)")
        } else {
            console.print("Scored \(Output.count(scores.count)) clients as of \(asOf)")
            for kind in CustomerKind.allCases { ScoreTable.print(scores, kind, to: console) }
            ScoreReport.churn(scores, examples: 5, to: console)
        }
        return true
    }

    /// Reads the whole book back through the ports.
    static func read(_ bank: InMemoryBank, as principal: Principal) async throws -> BookInputs {
        let store = bank.customers
        let ids = try await store.customers(matching: .all, as: principal)
        let profiles = try await store.profiles(ids, as: principal).map(\.profile)
        let columns = try await bank.activity.exportTransactions(in: nil, as: principal)
        var interactions: [Interaction] = []
        let everything = Day(number: Int32.min / 2)...Day(number: Int32.max / 2)
        for id in ids {
            interactions += try await bank.activity.interactions(of: id, in: everything, as: principal)
        }
        return BookInputs(
            profiles: profiles,
            holdings: try await store.holdings(of: ids, as: principal),
            relationships: try await store.relationships(of: ids, as: principal),
            referrals: try await store.referrals(madeBy: ids, as: principal),
            interactions: interactions,
            transactions: columns
        )
    }

    /// Loads a scoring model, printing its positioned error; `nil` when it cannot be read or is rejected.
    static func model(at path: String, console: Console) -> ScoringModel? {
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            console.print("Cannot read the model \(path): \(error.localizedDescription)")
            return nil
        }
        do {
            return try ScoringModel(json: text)
        } catch {
            console.print("Rejected model \(path): \(error)")
            return nil
        }
    }
}
