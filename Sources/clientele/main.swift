import CustomerModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let usage = """
    clientele: manage a bank's VIP and strategic clients (the Clientele library's front door)

    USAGE
      clientele demo [--clients N] [--seed S] [--days D]
          Generate a synthetic bank (default 10,000 clients, one year of activity), load it
          through the ports into the in-memory stores and print what a manager would look at.
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
      clientele rules check FILE...
          Compile rule files (.rules text or .json) and print every error as file:line:column,
          or a summary of the rules.
      clientele rules backtest --rules FILE [--compare FILE2] [--from DATE --to DATE]
                               (FILE... as for import | --synthetic N)
          Replay stored history through a rule set: what would have fired, by rule and client,
          a few explained firings, and how a second version differs.
      clientele rules example [--json]
          Print the shipped example rule set (private banking), as text or in the JSON form.
      clientele help
    """

do {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    switch arguments.command {
    case "demo":
        try await DemoCommand(arguments).run()
    case "import":
        let ok = try await ImportCommand(arguments).run()
        if !ok { exit(1) }
    case "score":
        let ok = try await ScoreCommand(arguments).run()
        if !ok { exit(1) }
    case "rules":
        if try await !RulesCommand(arguments).run() { exit(1) }
    case nil, "help", "-h", "--help":
        print(usage)
    case let other?:
        throw UsageError("unknown command '\(other)'")
    }
} catch let error as UsageError {
    print("error: \(error)\n")
    print(usage)
    exit(2)
} catch {
    print("error: \(error)")
    exit(1)
}
