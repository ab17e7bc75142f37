/// The `clientele` command line: reads the arguments, runs one command on a ``Console`` and
/// returns the process's exit status.
///
/// `main.swift` only calls ``run(_:console:)``.
enum CommandLineTool {
    /// The exit statuses of the command line.
    enum Status: Int32, Sendable {
        /// The command did what it was asked.
        case success = 0
        /// The input was rejected (a bad row, a rule file with errors, an unreadable file) or the work failed.
        case failure = 1
        /// The command line itself was wrong: unknown command or option, a missing or bad value.
        case usage = 2
    }

    /// What `clientele help` prints.
    static let usage = """
        clientele: manage a bank's VIP and strategic clients (the Clientele library's front door)

        USAGE
          clientele demo [--clients N] [--seed S] [--days D]
              Generate a synthetic bank (default 10,000 clients, one year of activity; N from 100
              to 200,000, D from 30 to 1,830 days), load it through the ports into the in-memory
              stores, run the bank's daily cycle on it (score the book, record the scores, hand the
              facts to the rules, run the next morning's schedules, deliver the notifications to the
              in-memory sink) and print what a manager would look at: the book, the night, scoring,
              and the shipped rules replayed over the simulated period.
          clientele import [--system NAME] FILE...
              Load host exports into the in-memory stores and report what was merged and rejected.
              FILE is PATH (kind and format from the name, system from --system, default core) or
              SYSTEM:KIND=PATH, e.g. card:transactions=card-2026.jsonl. KIND is one of customers,
              accounts, holdings, transactions, interactions; formats are .csv and .jsonl.
          clientele score [--system NAME] [--as-of YYYY-MM-DD] [--model FILE.json] [--out FILE.csv] FILE...
              Score host exports (the files import reads): activity, RFM, churn signals and the
              Customer Value Model for each client. Prints a table, or writes CSV with --out.
              --as-of defaults to the last transaction day in the files; --model loads a scoring model
              (JSON) for individuals or corporates in place of the default one.
          clientele segment --policy FILE.json [--system NAME] [--as-of YYYY-MM-DD] [--why CLIENT] FILE...
              Score host exports and review every client under a segmentation policy (JSON): the
              tiers of each ladder with their service models, segment sizes and overlaps, upgrades,
              downgrade warnings with what it takes to stay, pending approvals and exits. --why
              explains one client's tiers and segments criterion by criterion.
          clientele rules check FILE...
              Compile rule files (.rules text or .json) and print every error as file:line:column,
              or a summary of the rules.
          clientele rules backtest --rules FILE [--compare FILE2] [--from DATE] [--to DATE] [--firings]
                                   (FILE... [--system NAME] | --synthetic N [--seed S])
              Replay history through a rule set: what would have fired, by rule and client, a few
              explained firings, every firing with --firings, and how a second version (--compare)
              differs. FILE... are host exports as for import; --from and --to default to the
              first and last day of their transactions and interactions. --synthetic N replays a
              synthetic bank of N clients (10 to 200,000, with its failed transactions) from its
              91st day.
          clientele rules example [--json]
              Print the shipped example rule set (private banking), as text or in the JSON form.
          clientele help
        """

    /// Runs the command line `arguments` (without the program name) on `console`.
    static func run(_ arguments: [String], console: Console) async -> Status {
        do {
            let arguments = try Arguments(arguments)
            let ok: Bool
            switch arguments.command {
            case "demo":
                try await DemoCommand(arguments, console: console).run()
                ok = true
            case "import":
                ok = try await ImportCommand(arguments, console: console).run()
            case "score":
                ok = try await ScoreCommand(arguments, console: console).run()
            case "rules":
                ok = try await RulesCommand(arguments, console: console).run()
            case "segment":
                ok = try await SegmentCommand(arguments, console: console).run()
            case nil, "help":
                try arguments.expectNothingElse(for: "help")
                console.print(usage)
                ok = true
            case let other?:
                throw UsageError("unknown command '\(other)' (demo, import, score, segment, rules, help)")
            }
            return ok ? .success : .failure
        } catch let error as UsageError {
            console.error("error: \(error)")
            console.error("run 'clientele help' for the commands and their options")
            return .usage
        } catch {
            console.error("error: \(error)")
            return .failure
        }
    }
}
