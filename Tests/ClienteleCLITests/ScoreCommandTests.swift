import Foundation
import Testing

@testable import clientele

/// `clientele score` on small host files.
@Suite struct ScoreCommandTests {
    @Test func scoresEveryClientAsOfTheLastTransactionDay() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let run = await clientele(["score"] + export.arguments)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.lines.first == "Scored 3 clients as of 2026-03-20", "\(run.output)")
        for client in ["core:10001", "core:10002", "core:10003"] {
            #expect(run.lines.contains { $0.hasPrefix("  \(client) ") }, "a table row for \(client)")
        }
        #expect(run.output.contains("Churn risk as of 2026-03-20"))
    }

    @Test func writesCSVWithOneRowPerClient() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let out = scratch.path("scores.csv")
        let run = await clientele(["score", "--as-of", "2026-03-31", "--out", out] + export.arguments)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.output == "Scored 3 clients as of 2026-03-31; wrote \(out)\n")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("client,kind,model,total,") == true)
        #expect(
            Set(lines.dropFirst().map { String($0.prefix { $0 != "," }) }) == [
                "core:10001", "core:10002", "core:10003",
            ]
        )
    }

    @Test func aBadRowIsRejectedAndNothingScored() async throws {
        let scratch = try Scratch()
        var rows = HostExport.coreTransactionRows
        rows[1] = "T-2,10001,A-1,2026-03-10,10:30,transferIn,sideways,2000000,CNY,online,"
        let export = try HostExport(scratch, transactionRows: rows)
        let run = await clientele(["score"] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.lines.first == "Rejected: 1 problem(s); nothing was scored.")
        #expect(run.output.contains("core-transactions.csv:3: field direction:"), "\(run.output)")
    }

    @Test func aMissingOrBadModelFails() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let missing = await clientele(["score", "--model", scratch.path("none.json")] + export.arguments)
        #expect(missing.status == .failure)
        #expect(missing.output.contains("Cannot read the model"))
        let bad = try scratch.write("model.json", [#"{"id": "x""#])
        let rejected = await clientele(["score", "--model", bad] + export.arguments)
        #expect(rejected.status == .failure)
        #expect(rejected.output.contains("Rejected model \(bad)"))
    }
}
