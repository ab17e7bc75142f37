import CustomerModel
import Foundation
import ValueModel

/// `clientele score`: loads host files as `clientele import` does, then runs the nightly scoring
/// job on them and prints (or writes as CSV) each client's value score, RFM cell and churn risk.
struct ScoreCommand {
    let arguments: Arguments

    init(_ arguments: Arguments) { self.arguments = arguments }

    /// Returns `false` when the files or the model were rejected.
    func run() async throws -> Bool {
        guard !arguments.positional.isEmpty else { throw UsageError("score needs at least one FILE") }
        var job = BookScoring(asOf: Day(number: 0), currency: .cny)
        if let path = arguments.options["model"] {
            guard let model = try Self.model(at: path) else { return false }
            if model.subject == .individual { job.individualModel = model } else { job.corporateModel = model }
        }
        let defaultSystem = SourceSystem(arguments.options["system"] ?? "core")
        let files = try arguments.positional.map { try ImportCommand.file($0, defaultSystem: defaultSystem) }
        let clock = SystemClock()
        let importer = CustomerImporter(precedence: .default, calendar: .china, clock: clock)
        let plan: ImportPlan
        do {
            plan = try importer.plan(files)
        } catch {
            print("Rejected: \(error.errors.count) problem(s); nothing was scored.")
            for problem in error.errors.prefix(200) { print("  \(problem)") }
            if error.errors.count > 200 { print("  ... and \(error.errors.count - 200) more") }
            return false
        }
        let bank = InMemoryBank(clock: clock, calendar: .china)
        let principal = Principal.system("score", purpose: "score host files")
        _ = try await importer.load(plan, into: bank.customers, activity: bank.activity, as: principal)
        let inputs = try await Self.read(bank, as: principal)

        let asOf: Day
        if let text = arguments.options["as-of"] {
            do { asOf = try Day(parsing: text, field: "--as-of") } catch { throw UsageError("\(error)") }
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
            print("Cannot score: \(error)")
            return false
        }
        if let out = arguments.options["out"] {
            try ScoreTable.csv(scores).write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8)
            print("Scored \(Output.count(scores.count)) clients as of \(asOf); wrote \(out)")
        } else {
            print("Scored \(Output.count(scores.count)) clients as of \(asOf)")
            for kind in CustomerKind.allCases { ScoreTable.print(scores, kind) }
            ScoreReport.churn(scores, examples: 5)
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
            profiles: profiles, holdings: try await store.holdings(of: ids, as: principal),
            relationships: try await store.relationships(of: ids, as: principal),
            referrals: try await store.referrals(madeBy: ids, as: principal), interactions: interactions,
            transactions: columns)
    }

    /// Loads a scoring model, printing its positioned error; `nil` when it is rejected.
    static func model(at path: String) throws -> ScoringModel? {
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            throw UsageError("cannot read the model '\(path)': \(error.localizedDescription)")
        }
        do {
            return try ScoringModel(json: text)
        } catch {
            print("Rejected model \(path): \(error)")
            return nil
        }
    }
}
