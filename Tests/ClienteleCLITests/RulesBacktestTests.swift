import CustomerModel
import Rules
import SyntheticBank
import Testing

@testable import clientele

/// `clientele rules backtest` on host files (the formats `clientele import` reads) and on a
/// synthetic bank.
@Suite struct RulesBacktestTests {
    /// Runs the backtest through the command's own function, to read the report it printed.
    private func backtest(_ arguments: [String]) async throws -> (RulesCommand.BacktestOutcome?, String) {
        let console = Console.capturing()
        let command = RulesCommand(try Arguments(["rules", "backtest"] + arguments), console: console)
        let outcome = try await command.backtest(hostFiles: Array(command.arguments.positional.dropFirst()))
        return (outcome, console.output)
    }

    /// Every firing as `rule|client|day`, sorted.
    private func fired(_ report: BacktestReport) -> [String] {
        report.firings.map { "\($0.rule)|\($0.client)|\($0.day)" }.sorted()
    }

    @Test func hostFilesFireExactlyTheExpectedRulesForTheExpectedClients() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let rules = try scratch.write("host.rules", [HostExport.rules])
        let (outcome, output) = try await backtest(
            ["--rules", rules, "--from", "2026-01-01", "--to", "2026-04-30"] + export.arguments
        )
        let report = try #require(outcome?.report, "\(output)")
        #expect(outcome?.period == Day.test("2026-01-01")...Day.test("2026-04-30"))

        let maturity = try #require(report.firings(of: "Maturity reminder").first)
        #expect(maturity.day < Day.test("2026-04-20") && maturity.day >= Day.test("2026-04-01"))
        #expect(
            fired(report) == [
                "Large inflow|core:10001|2026-03-10",
                "Large outflow|core:10002|2026-03-20",
                "Maturity reminder|core:10003|\(maturity.day)",
                "Severe complaint|core:10002|2026-03-15",
                // The card system's payment of 2026-02-14 (client C-77, merged into core:10001 by
                // national ID) and the core one of 2026-03-01: the daily run the morning after.
                "Two card payments|core:10001|2026-03-02",
            ],
            "\(output)"
        )
        // The 7 business days skip weekends and holidays of the bank calendar.
        let calendar = BankCalendar.china
        var day = maturity.day
        var businessDays = 0
        while day < Day.test("2026-04-20") {
            day = day.adding(days: 1)
            if calendar.isBusinessDay(day) { businessDays += 1 }
        }
        #expect(businessDays == 7)

        #expect(output.contains("Backtest \(rules): 5 rules, 3 clients"))
        #expect(output.contains(#"1  "Large inflow" v1  (1 client: core:10001)"#), "\(output)")
        #expect(output.contains(#"1  "Severe complaint" v1  (1 client: core:10002)"#), "\(output)")
        #expect(output.contains("Why (a few firings explained):"))
    }

    @Test func theDefaultPeriodIsTheFilesActivity() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let rules = try scratch.write("host.rules", [HostExport.rules])
        let (outcome, output) = try await backtest(["--rules", rules] + export.arguments)
        let report = try #require(outcome?.report, "\(output)")
        // From the first transaction (2026-01-05) to the last activity (2026-03-20): the maturity
        // reminder of April is outside it.
        #expect(outcome?.period == Day.test("2026-01-05")...Day.test("2026-03-20"))
        #expect(
            fired(report) == [
                "Large inflow|core:10001|2026-03-10", "Large outflow|core:10002|2026-03-20",
                "Severe complaint|core:10002|2026-03-15", "Two card payments|core:10001|2026-03-02",
            ],
            "\(output)"
        )
    }

    @Test func activityBeforeFromBuildsTheWindowsButFiresNothing() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let rules = try scratch.write("host.rules", [HostExport.rules])
        let (outcome, output) = try await backtest(
            ["--rules", rules, "--from", "2026-03-11", "--to", "2026-03-31"] + export.arguments
        )
        let report = try #require(outcome?.report, "\(output)")
        // The inflow of 03-10 and the card payments of 02-14 and 03-01 are history: the daily
        // rule already held on 03-11, so it fires on the first morning replayed.
        #expect(
            fired(report) == [
                "Large outflow|core:10002|2026-03-20", "Severe complaint|core:10002|2026-03-15",
                "Two card payments|core:10001|2026-03-11",
            ],
            "\(output)"
        )
    }

    @Test func comparingTwoVersionsShowsWhatChanges() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let rules = try scratch.write("host.rules", [HostExport.rules])
        let lower = try scratch.write("host-v2.rules", [HostExport.lowerThreshold])
        let run = await clientele(["rules", "backtest", "--rules", rules, "--compare", lower] + export.arguments)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.output.contains("Compared with \(lower):"))
        #expect(
            run.output.contains(
                #""Large inflow": 1 -> 2 firings; clients only before 0, only after 1 (e.g. core:10002)"#
            ),
            "\(run.output)"
        )
    }

    @Test func aRuleFileWithErrorsStopsTheBacktest() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let rules = try scratch.write(
            "bad.rules",
            [#"rule "X""#, "  when on transaction", "  if amount > 1", "  then flag(\"x\")", "end"]
        )
        let run = await clientele(["rules", "backtest", "--rules", rules] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.output.contains("\(rules):3:"))
        #expect(!run.output.contains("Backtest"))
    }

    @Test func aBadHostRowStopsTheBacktest() async throws {
        let scratch = try Scratch()
        let export = try HostExport(
            scratch,
            transactionRows: HostExport.coreTransactionRows + [
                "T-7,10009,A-1,2026-03-02,10:00,deposit,inflow,10,CNY,branch,"
            ]
        )
        let rules = try scratch.write("host.rules", [HostExport.rules])
        let run = await clientele(["rules", "backtest", "--rules", rules] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.output.contains("Rejected: 1 problem(s); nothing was backtested."))
        #expect(run.output.contains("core-transactions.csv:8: field customer:"), "\(run.output)")
    }

    @Test func aSyntheticBankReplaysItsFailedTransactions() async throws {
        let scratch = try Scratch()
        let rules = try scratch.write(
            "failed.rules",
            [
                #"rule "Failed transaction incident""#, "  when on failed transaction",
                #"  then open_process("incident", amount: transaction.amount)"#, "  dedupe by client, transaction.date",
                "end",
            ]
        )
        let (outcome, output) = try await backtest(["--rules", rules, "--synthetic", "60", "--seed", "7"])
        let report = try #require(outcome?.report, "\(output)")
        let bank = SyntheticBank(.init(seed: 7, clientCount: 60))
        let from = bank.period.lowerBound.adding(days: 90)
        let expected = bank.failedTransactions(clients: 0..<60).filter { $0.day >= from }
        #expect(!expected.isEmpty)
        // One firing per client and day with a failure (dedupe by client and date).
        let keys = Set(expected.map { "\($0.customer)|\($0.day)" })
        #expect(Set(report.firings.map { "\($0.client)|\($0.day)" }) == keys)
        #expect(report.firings.count == keys.count)
        #expect(output.contains("failed transactions)"))
    }
}
