import Testing

@testable import clientele

/// `clientele help`, and what a wrong command line gets: status 2 and a message that says what is wrong.
@Suite struct HelpAndUsageTests {
    @Test(arguments: [["help"], [], ["--help"], ["-h"]])
    func helpListsEveryCommandAndOption(arguments: [String]) async {
        let run = await clientele(arguments)
        #expect(run.status == .success)
        #expect(run.errors.isEmpty)
        for command in [
            "clientele demo", "clientele import", "clientele score", "clientele rules check",
            "clientele rules backtest", "clientele rules example", "clientele help",
        ] {
            #expect(run.output.contains(command), "help mentions \(command)")
        }
        for option in [
            "--clients", "--seed", "--days", "--system", "--as-of", "--model", "--out", "--rules",
            "--compare", "--from", "--to", "--synthetic", "--firings", "--json",
        ] {
            #expect(run.output.contains(option), "help mentions \(option)")
        }
    }

    @Test func anUnknownCommandIsAUsageError() async {
        let run = await clientele("frobnicate")
        #expect(run.status == .usage)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("unknown command 'frobnicate'"))
        #expect(run.errors.contains("clientele help"))
    }

    @Test(arguments: [
        (["demo", "--clients", "ten"], "--clients must be a whole number from 100 to 200000, not 'ten'"),
        (["demo", "--clients", "50"], "--clients must be a whole number from 100 to 200000, not '50'"),
        (["demo", "--days", "5000"], "--days must be a whole number from 30 to 1830"),
        (["demo", "--verbose"], "demo does not take --verbose"),
        (["demo", "extra"], "demo takes no arguments, not 'extra'"),
        (["demo", "--seed"], "--seed needs a value"),
        (["demo", "-x"], "unknown option '-x'"),
        (["import"], "import needs at least one FILE"),
        (["import", "--as-of", "2026-01-01", "x.csv"], "import does not take --as-of"),
        (["score"], "score needs at least one FILE"),
        (["score", "--as-of", "2026-02-30", "customers.csv"], "--as-of"),
        (["rules"], "rules needs a subcommand"),
        (["rules", "lint"], "unknown rules subcommand 'lint'"),
        (["rules", "check"], "rules check needs at least one FILE"),
        (["rules", "example", "--yaml"], "rules example does not take --yaml"),
        (["rules", "backtest", "--synthetic", "100"], "rules backtest needs --rules FILE"),
        (["rules", "backtest", "--rules", "r.rules"], "needs host files (as for clientele import) or --synthetic N"),
        (
            ["rules", "backtest", "--rules", "r.rules", "--synthetic", "100", "customers.csv"],
            "host files or --synthetic N, not both"
        ),
        (
            ["rules", "backtest", "--rules", "r.rules", "--synthetic", "100", "--from", "2025-13-01"],
            "--from must be a date like"
        ),
        (
            [
                "rules", "backtest", "--rules", "r.rules", "--synthetic", "100", "--from", "2025-06-01", "--to",
                "2025-05-01",
            ],
            "--from must not be after --to"
        ),
        (["help", "me"], "help takes no arguments, not 'me'"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) async {
        let run = await clientele(arguments)
        #expect(run.status == .usage, "\(arguments)")
        #expect(run.errors.contains(message), "\(arguments): \(run.errors)")
    }

    @Test func aFileWhoseKindCannotBeToldIsAUsageError() async throws {
        let scratch = try Scratch()
        let path = try scratch.write("export.csv", ["id,name", "1,A"])
        let run = await clientele("import", path)
        #expect(run.status == .usage)
        #expect(run.errors.contains("cannot tell what '\(path)' holds: name it SYSTEM:KIND=PATH"))
        let named = await clientele("import", "core:clients=\(path)")
        #expect(named.status == .usage)
        #expect(named.errors.contains("'clients' in 'core:clients=\(path)' is not a kind of file"))
    }

    @Test func aFileThatCannotBeReadFails() async throws {
        let scratch = try Scratch()
        let run = await clientele("import", scratch.path("missing-customers.csv"))
        #expect(run.status == .failure)
        #expect(run.errors.contains("missing-customers.csv"))
    }
}
