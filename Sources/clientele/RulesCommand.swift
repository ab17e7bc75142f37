import CustomerModel
import CustomerModelTesting
import Foundation
import Rules

/// `clientele rules check|backtest`: checks rule files, or replays stored history through a rule
/// set (and optionally a second version of it) and reports what would have fired.
struct RulesCommand {
    let arguments: Arguments

    init(_ arguments: Arguments) { self.arguments = arguments }

    /// Returns `false` when a rule file has errors or a file cannot be read.
    func run() async throws -> Bool {
        guard let sub = arguments.positional.first else { throw UsageError("rules needs a subcommand: check or backtest") }
        let rest = Array(arguments.positional.dropFirst())
        switch sub {
        case "check":
            guard !rest.isEmpty else { throw UsageError("rules check needs at least one FILE") }
            var ok = true
            for path in rest { ok = Self.check(path) && ok }
            return ok
        case "backtest":
            return try await backtest(hostFiles: rest)
        case "example":
            // The shipped example rule set, as text or in the JSON form: a starting point for a bank's own file.
            print(arguments.flags.contains("json") ? try RuleCompiler.json(fromText: ExampleRules.text) : ExampleRules.text)
            return true
        default:
            throw UsageError("unknown rules subcommand '\(sub)' (check, backtest, example)")
        }
    }

    // MARK: check

    /// Compiles the file at `path`; prints its diagnostics or a summary of its rules.
    static func check(_ path: String) -> Bool {
        switch load(path) {
        case .failure(let problems):
            for problem in problems { print(problem) }
            print("\(path): \(problems.count) error(s)")
            return false
        case .success(let rules):
            print("\(path): \(rules.rules.count) rule(s), no errors")
            for rule in rules.rules {
                print("  \"\(rule.name)\" v\(rule.version)  \(rule.trigger)  priority \(rule.priority)\(rule.owner.map { "  owner \($0)" } ?? "")")
            }
            return true
        }
    }

    /// Reads and compiles a rule file (`.json` in the JSON form, anything else as rule text);
    /// failures are lines ready to print (`file:line:column: error: message`).
    static func load(_ path: String) -> Result<RuleSet, RuleFileProblems> {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            return .failure(RuleFileProblems(lines: ["\(path): error: cannot read the file (\(error.localizedDescription))"]))
        }
        do {
            if path.lowercased().hasSuffix(".json") {
                return .success(try RuleCompiler().compile(json: text, file: path))
            }
            return .success(try RuleCompiler().compile(text, file: path))
        } catch {
            return .failure(RuleFileProblems(lines: error.diagnostics.map(\.description)))
        }
    }

    // MARK: backtest

    func backtest(hostFiles: [String]) async throws -> Bool {
        guard let rulesPath = arguments.options["rules"] else { throw UsageError("rules backtest needs --rules FILE") }
        let current: RuleSet
        switch Self.load(rulesPath) {
        case .failure(let problems):
            for problem in problems { print(problem) }
            return false
        case .success(let rules): current = rules
        }
        var proposed: RuleSet?
        if let comparePath = arguments.options["compare"] {
            switch Self.load(comparePath) {
            case .failure(let problems):
                for problem in problems { print(problem) }
                return false
            case .success(let rules): proposed = rules
            }
        }

        // The host's data, or a synthetic bank.
        let bank: InMemoryBank
        var period: ClosedRange<Day>?
        let calendar: BankCalendar
        let principal = Principal.system("rules-backtest", purpose: "backtest a rule set")
        if hostFiles.isEmpty {
            guard arguments.options["synthetic"] != nil else {
                throw UsageError("rules backtest needs host files (as for clientele import) or --synthetic N")
            }
            let clients = try arguments.integer("synthetic", default: 1_000, in: 10...200_000)
            let seed = try arguments.integer("seed", default: 42, in: 0...Int(Int32.max))
            let synthetic = SyntheticBank(.init(seed: UInt64(seed), clientCount: clients))
            calendar = synthetic.configuration.calendar
            let clock = ManualClock(start: calendar.start(of: synthetic.configuration.endDay, plusMinutes: 18 * 60))
            bank = InMemoryBank(clock: clock, calendar: calendar)
            try await DemoCommand.load(synthetic, into: bank, progress: Progress())
            // The first 90 simulated days only build up the windows (the simulation knows nothing before them).
            period = synthetic.period.lowerBound.adding(days: 90)...synthetic.period.upperBound
        } else {
            let defaultSystem = SourceSystem(arguments.options["system"] ?? "core")
            let files = try hostFiles.map { try ImportCommand.file($0, defaultSystem: defaultSystem) }
            calendar = .china
            let clock = SystemClock()
            let importer = CustomerImporter(precedence: .default, calendar: calendar, clock: clock)
            let plan: ImportPlan
            do {
                plan = try importer.plan(files)
            } catch {
                print("Rejected host files: \(error.errors.count) problem(s)")
                for problem in error.errors.prefix(50) { print("  \(problem)") }
                return false
            }
            bank = InMemoryBank(clock: clock, calendar: calendar)
            _ = try await importer.load(plan, into: bank.customers, activity: bank.activity, as: .system("import"))
        }
        let from = try day("from") ?? period?.lowerBound
        let to = try day("to") ?? period?.upperBound
        guard let from, let to else { throw UsageError("rules backtest on host files needs --from DATE and --to DATE") }
        guard from <= to else { throw UsageError("--from must not be after --to") }

        // Activity before --from builds up the windows: read a year more.
        let history = try await RuleHistory.gather(from: bank, days: from.adding(days: -400)...to, as: principal)
        let start = calendar.start(of: from)
        let end = calendar.start(of: to.adding(days: 1))
        print("Backtest \(rulesPath): \(current.rules.count) rules, \(Output.count(history.clients.count)) clients, \(Output.count(history.events.count)) events, \(from) to \(to)")
        let timer = Progress()
        let report = try RuleEngine.backtest(current, clients: history.clients, history: history.events, from: start, until: end, calendar: calendar)
        print("  replayed in \(Output.fixed(timer.elapsed, 1)) s")
        Self.report(report, rules: current)
        if let proposed, let comparePath = arguments.options["compare"] {
            let other = try RuleEngine.backtest(proposed, clients: history.clients, history: history.events, from: start, until: end, calendar: calendar)
            print("\nCompared with \(comparePath):")
            let differences = report.compared(with: other)
            if differences.isEmpty { print("  no rule fires differently") }
            for d in differences {
                print("  \"\(d.rule)\": \(d.firingsBefore) -> \(d.firingsAfter) firings; clients only before \(d.onlyBefore.count), only after \(d.onlyAfter.count)\(Self.sample(d.onlyBefore.union(d.onlyAfter)))")
            }
        }
        return true
    }

    func day(_ option: String) throws -> Day? {
        guard let text = arguments.options[option] else { return nil }
        guard let day = try? Day(parsing: text) else { throw UsageError("--\(option) must be a date like 2026-06-30, not '\(text)'") }
        return day
    }

    static func sample(_ ids: Set<CustomerID>) -> String {
        guard !ids.isEmpty else { return "" }
        let shown = ids.map(\.rawValue).sorted().prefix(5)
        return " (e.g. \(shown.joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))"
    }

    /// Per rule, the busiest clients and a few explained firings.
    static func report(_ report: BacktestReport, rules: RuleSet, explained: Int = 3) {
        Swift.print("\nFirings by rule (\(Output.count(report.firings.count)) in all):")
        let byRule = report.countsByRule
        for rule in rules.rules {
            let count = byRule[rule.name] ?? 0
            Swift.print("  \(Output.count(count).leftPadded(9))  \"\(rule.name)\" v\(rule.version)  (\(report.clients(of: rule.name).count) clients)")
        }
        let busiest = report.countsByClient.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.prefix(5)
        if !busiest.isEmpty {
            Swift.print("\nClients with the most firings:")
            for (client, count) in busiest { Swift.print("  \(client): \(count)") }
        }
        // One explained firing from each of the first few rules that fired.
        var seen = Set<String>()
        let examples = report.firings.filter { seen.insert($0.rule).inserted && $0.reason.condition != nil }.prefix(explained)
        if !examples.isEmpty { Swift.print("\nWhy (a few firings explained):") }
        for firing in examples {
            Swift.print("  \(firing)")
            for line in firing.reason.description.split(separator: "\n") { Swift.print("    \(line)") }
        }
    }
}

/// Printable problems with one rule file.
struct RuleFileProblems: Error, Sequence {
    var lines: [String]
    var count: Int { lines.count }
    func makeIterator() -> IndexingIterator<[String]> { lines.makeIterator() }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
