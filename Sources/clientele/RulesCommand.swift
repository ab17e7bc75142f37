import CustomerModel
import Foundation
import Rules
import SyntheticBank

/// `clientele rules check|backtest`: checks rule files, or replays stored history through a rule
/// set (and optionally a second version of it) and reports what would have fired.
struct RulesCommand {
    let arguments: Arguments
    let console: Console

    init(_ arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    /// Returns `false` when a rule file has errors or a file cannot be read.
    func run() async throws -> Bool {
        guard let sub = arguments.positional.first else {
            throw UsageError("rules needs a subcommand: check, backtest or example")
        }
        let rest = Array(arguments.positional.dropFirst())
        switch sub {
        case "check":
            try arguments.expect(options: [], for: "rules check")
            guard !rest.isEmpty else { throw UsageError("rules check needs at least one FILE") }
            var ok = true
            for path in rest { ok = check(path) && ok }
            return ok
        case "backtest":
            try arguments.expect(
                options: ["rules", "compare", "from", "to", "synthetic", "seed", "system"],
                flags: ["firings"],
                for: "rules backtest"
            )
            return try await backtest(hostFiles: rest) != nil
        case "example":
            // The shipped example rule set, as text or in the JSON form: a starting point for a bank's own file.
            try arguments.expect(options: [], flags: ["json"], for: "rules example")
            if let extra = rest.first { throw UsageError("rules example takes no arguments, not '\(extra)'") }
            console.print(
                arguments.flags.contains("json")
                    ? try RuleCompiler.json(fromText: ExampleRules.text) : ExampleRules.text
            )
            return true
        default:
            throw UsageError("unknown rules subcommand '\(sub)' (check, backtest, example)")
        }
    }

    // MARK: check

    /// Compiles the file at `path`; prints its diagnostics or a summary of its rules.
    func check(_ path: String) -> Bool {
        switch Self.load(path) {
        case .failure(let problems):
            for problem in problems { console.print(problem) }
            console.print("\(path): \(problems.count) error(s)")
            return false
        case .success(let rules):
            console.print("\(path): \(rules.rules.count) rule(s), no errors")
            for rule in rules.rules {
                console.print(
                    "  \"\(rule.name)\" v\(rule.version)  \(rule.trigger)  priority \(rule.priority)\(rule.owner.map { "  owner \($0)" } ?? "")"
                )
            }
            return true
        }
    }

    /// Reads and compiles a rule file (`.json` in the JSON form, anything else as rule text);
    /// failures are lines ready to print (`file:line:column: error: message`).
    static func load(_ path: String) -> Result<RuleSet, RuleFileProblems> {
        let compiler = RuleCompiler()
        let bytes: Data
        do {
            // The size is checked before the file is read, so a huge file costs nothing.
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size > compiler.limits.maximumBytes {
                return .failure(
                    RuleFileProblems(lines: [
                        "\(path): error: the file is \(size) bytes; the compiler accepts at most \(compiler.limits.maximumBytes) bytes"
                    ])
                )
            }
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(
                RuleFileProblems(lines: ["\(path): error: cannot read the file (\(error.localizedDescription))"])
            )
        }
        do {
            let text = try compiler.decode(utf8: bytes, file: path)
            if path.lowercased().hasSuffix(".json") {
                return .success(try compiler.compile(json: text, file: path))
            }
            return .success(try compiler.compile(text, file: path))
        } catch {
            return .failure(RuleFileProblems(lines: error.diagnostics.map(\.description)))
        }
    }

    // MARK: backtest

    /// What `rules backtest` found.
    struct BacktestOutcome {
        /// The first and last day replayed (earlier activity only built up the windows).
        var period: ClosedRange<Day>
        /// The firings of `--rules`.
        var report: BacktestReport
        /// With `--compare`, the firings of the second rule set.
        var compared: BacktestReport?
    }

    /// Replays history (host files or a synthetic bank) through `--rules` and, with `--compare`, a
    /// second version, printing the report; `nil` (after printing the problems) when a rule file or
    /// host file is rejected.
    func backtest(hostFiles: [String]) async throws -> BacktestOutcome? {
        guard let rulesPath = arguments.options["rules"] else { throw UsageError("rules backtest needs --rules FILE") }
        let synthetic = arguments.options["synthetic"] != nil
        if synthetic && !hostFiles.isEmpty {
            throw UsageError("rules backtest takes host files or --synthetic N, not both")
        }
        if !synthetic && hostFiles.isEmpty {
            throw UsageError("rules backtest needs host files (as for clientele import) or --synthetic N")
        }
        if synthetic && arguments.options["system"] != nil {
            throw UsageError("--system applies to host files, not to --synthetic")
        }
        if !synthetic && arguments.options["seed"] != nil {
            throw UsageError("--seed applies to --synthetic, not to host files")
        }
        var from = try day("from")
        var to = try day("to")
        if let from, let to, from > to { throw UsageError("--from must not be after --to") }

        guard let current = load(rulesPath) else { return nil }
        var proposed: RuleSet?
        if let comparePath = arguments.options["compare"] {
            guard let rules = load(comparePath) else { return nil }
            proposed = rules
        }

        // The host's data, or a synthetic bank.
        let bank: InMemoryBank
        let calendar: BankCalendar
        var failed: [Transaction] = []
        let principal = Principal.system("rules-backtest", purpose: "backtest a rule set")
        if synthetic {
            let clients = try arguments.integer("synthetic", default: 1_000, in: 10...200_000)
            let seed = try arguments.integer("seed", default: 42, in: 0...Int(Int32.max))
            let generated = SyntheticBank(.init(seed: UInt64(seed), clientCount: clients))
            calendar = generated.configuration.calendar
            let clock = FixedClock(at: calendar.start(of: generated.configuration.endDay, plusMinutes: 18 * 60))
            bank = InMemoryBank(clock: clock, calendar: calendar)
            try await DemoCommand.load(generated, into: bank, progress: Progress(console), console: console)
            failed = generated.failedTransactions(clients: 0..<generated.clientCount)
            // The first 90 simulated days only build up the windows (the simulation knows nothing before them).
            from = from ?? generated.period.lowerBound.adding(days: 90)
            to = to ?? generated.period.upperBound
        } else {
            let files = try HostFiles(hostFiles, system: arguments.options["system"])
            calendar = files.calendar
            guard
                let loaded = try await files.load(
                    clock: SystemClock(),
                    console: console,
                    outcome: "backtested",
                    as: principal
                )
            else { return nil }
            bank = loaded.bank
        }

        // Every stored day when the period is open at an end; activity before --from builds up the windows.
        let everything = Day(number: Int32.min / 2)...Day(number: Int32.max / 2)
        var history = try await RuleHistory.gather(from: bank, days: everything, as: principal)
        history.add(failedTransactions: failed)
        guard let start = from ?? history.activityDays?.lowerBound, let end = to ?? history.activityDays?.upperBound
        else {
            throw UsageError("the host files hold no transactions or interactions: give --from DATE and --to DATE")
        }
        guard start <= end else {
            throw UsageError("--from \(start) is after the last day of activity, \(end): give --to DATE")
        }
        history.events.removeAll { event in
            switch event {
            case .transaction(let t), .failedTransaction(let t): t.day > end
            case .interaction(let i): i.day > end
            default: false
            }
        }
        let failures = history.events.filter { if case .failedTransaction = $0 { true } else { false } }.count
        console.print(
            "Backtest \(rulesPath): \(current.rules.count) rules, \(Output.count(history.clients.count)) clients,"
                + " \(Output.count(history.events.count)) events\(failures > 0 ? " (\(Output.count(failures)) failed transactions)" : ""),"
                + " \(start) to \(end)"
        )
        let timer = Progress()
        let startInstant = calendar.start(of: start)
        let endInstant = calendar.start(of: end.adding(days: 1))
        let report = try RuleEngine.backtest(
            current,
            clients: history.clients,
            history: history.events,
            from: startInstant,
            until: endInstant,
            calendar: calendar
        )
        console.print("  replayed in \(Output.fixed(timer.elapsed, 1)) s")
        Self.report(report, rules: current, to: console)
        if arguments.flags.contains("firings") { Self.list(report, rules: current, to: console) }
        var outcome = BacktestOutcome(period: start...end, report: report)
        if let proposed, let comparePath = arguments.options["compare"] {
            let other = try RuleEngine.backtest(
                proposed,
                clients: history.clients,
                history: history.events,
                from: startInstant,
                until: endInstant,
                calendar: calendar
            )
            console.print("\nCompared with \(comparePath):")
            let differences = report.compared(with: other)
            if differences.isEmpty { console.print("  no rule fires differently") }
            for d in differences {
                console.print(
                    "  \"\(d.rule)\": \(d.firingsBefore) -> \(d.firingsAfter) firings; clients only before \(d.onlyBefore.count),"
                        + " only after \(d.onlyAfter.count)\(Self.sample(d.onlyBefore.union(d.onlyAfter)))"
                )
            }
            outcome.compared = other
        }
        return outcome
    }

    /// Compiles a rule file, printing its problems; `nil` when it has errors or cannot be read.
    func load(_ path: String) -> RuleSet? {
        switch Self.load(path) {
        case .failure(let problems):
            for problem in problems { console.print(problem) }
            console.print("\(path): \(problems.count) error(s)")
            return nil
        case .success(let rules): return rules
        }
    }

    func day(_ option: String) throws -> Day? {
        guard let text = arguments.options[option] else { return nil }
        guard let day = try? Day(parsing: text) else {
            throw UsageError("--\(option) must be a date like 2026-06-30, not '\(text)'")
        }
        return day
    }

    static func sample(_ ids: Set<CustomerID>) -> String {
        guard !ids.isEmpty else { return "" }
        let shown = ids.map(\.rawValue).sorted().prefix(5)
        return " (e.g. \(shown.joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))"
    }

    /// Every firing, by rule (in rule order), then client, then time.
    static func list(_ report: BacktestReport, rules: RuleSet, to console: Console) {
        console.print("\nEvery firing, by rule and client:")
        let byRule = Dictionary(grouping: report.firings, by: \.rule)
        for rule in rules.rules {
            guard let firings = byRule[rule.name] else { continue }
            console.print("  \"\(rule.name)\" v\(rule.version):")
            let ordered = firings.enumerated().sorted {
                ($0.element.client.rawValue, $0.offset) < ($1.element.client.rawValue, $1.offset)
            }
            for (_, firing) in ordered {
                console.print(
                    "    \(firing.client)  \(firing.day)  \(firing.cause): \(firing.actions.map(\.description).joined(separator: ", "))"
                )
            }
        }
    }

    /// Per rule, the busiest clients and a few explained firings.
    static func report(_ report: BacktestReport, rules: RuleSet, explained: Int = 3, to console: Console) {
        console.print("\nFirings by rule (\(Output.count(report.firings.count)) in all):")
        let byRule = report.countsByRule
        for rule in rules.rules {
            let count = byRule[rule.name] ?? 0
            let clients = report.clients(of: rule.name)
            let names = clients.map(\.rawValue).sorted()
            let listed =
                names.isEmpty ? "" : ": " + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ..." : "")
            console.print(
                "  \(Output.count(count).leftPadded(9))  \"\(rule.name)\" v\(rule.version)  (\(clients.count) client\(clients.count == 1 ? "" : "s")\(listed))"
            )
        }
        let busiest = report.countsByClient.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.prefix(
            5
        )
        if !busiest.isEmpty {
            console.print("\nClients with the most firings:")
            for (client, count) in busiest { console.print("  \(client): \(count)") }
        }
        // One explained firing from each of the first few rules that fired.
        var seen = Set<String>()
        let examples = report.firings.filter { seen.insert($0.rule).inserted && $0.reason.condition != nil }.prefix(
            explained
        )
        if !examples.isEmpty { console.print("\nWhy (a few firings explained):") }
        for firing in examples {
            console.print("  \(firing)")
            for line in firing.reason.description.split(separator: "\n") { console.print("    \(line)") }
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
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
