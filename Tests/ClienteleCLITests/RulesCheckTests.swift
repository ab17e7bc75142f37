import Rules
import Testing

@testable import clientele

/// `clientele rules check` and `clientele rules example`.
@Suite struct RulesCheckTests {
    @Test func aGoodFileChecksClean() async throws {
        let scratch = try Scratch()
        let path = try scratch.write("good.rules", [HostExport.rules])
        let run = await clientele("rules", "check", path)
        #expect(run.status == .success)
        #expect(run.errors.isEmpty)
        #expect(run.lines.first == "\(path): 5 rule(s), no errors")
        #expect(run.output.contains(#""Large inflow" v1"#))
        #expect(run.output.contains(#""Maturity reminder" v1"#))
    }

    @Test func aFileWithErrorsNamesEachAtLineAndColumn() async throws {
        let scratch = try Scratch()
        let path = try scratch.write(
            "bad.rules",
            [
                #"rule "Drop""#,
                "  when daily at 08:30",
                "  if aum.chnage(30d) < -20%",
                "  then notify(rm, sms, \"AUM fell\")",
                "end",
                "",
                #"rule "Mixed""#,
                "  when on transaction",
                "  if transaction.amount > 2026-01-01",
                "  then notify(head_chef, sms, \"hm\")",
                "end",
            ]
        )
        let run = await clientele("rules", "check", path)
        #expect(run.status == .failure)
        let errors = run.lines.filter { $0.hasPrefix("\(path):") && $0.contains(": error: ") }
        #expect(errors.count >= 3, "\(run.output)")
        // file:line:column: error: message, each on the line of the mistake.
        #expect(errors.contains { $0.hasPrefix("\(path):3:6: error: ") && $0.contains("aum.change") }, "\(run.output)")
        #expect(errors.contains { $0.hasPrefix("\(path):9:") }, "\(run.output)")
        #expect(errors.contains { $0.hasPrefix("\(path):10:") && $0.contains("head_chef") }, "\(run.output)")
        #expect(run.lines.contains("\(path): \(errors.count) error(s)"))
    }

    @Test func checkingSeveralFilesReportsEachAndFailsIfAnyFails() async throws {
        let scratch = try Scratch()
        let good = try scratch.write("good.rules", [HostExport.rules])
        let bad = try scratch.write("bad.rules", [#"rule "X" when on transaction then nothing() end"#])
        let run = await clientele("rules", "check", good, bad)
        #expect(run.status == .failure)
        #expect(run.output.contains("\(good): 5 rule(s), no errors"))
        #expect(run.output.contains("\(bad):1:"))
    }

    @Test func anUnreadableRuleFileFails() async throws {
        let scratch = try Scratch()
        let path = scratch.path("absent.rules")
        let run = await clientele("rules", "check", path)
        #expect(run.status == .failure)
        #expect(run.output.contains("\(path): error: cannot read the file"))
    }

    @Test func theExamplePrintsRulesThatCompile() async throws {
        let run = await clientele("rules", "example")
        #expect(run.status == .success)
        let compiled = try RuleCompiler().compile(run.output, file: "example.rules")
        #expect(compiled.rules.count == (try ExampleRules.compiled()).rules.count)
        #expect(compiled.rules.contains { $0.name == "Failed transaction incident" })

        // The printed text is also a file `rules check` accepts.
        let scratch = try Scratch()
        let path = try scratch.write("example.rules", [run.output])
        let check = await clientele("rules", "check", path)
        #expect(check.status == .success)
        #expect(check.lines.first == "\(path): \(compiled.rules.count) rule(s), no errors")
    }

    @Test func theExampleInJSONCompilesToTheSameRules() async throws {
        let run = await clientele("rules", "example", "--json")
        #expect(run.status == .success)
        let fromJSON = try RuleCompiler().compile(json: run.output, file: "example.json")
        let fromText = try ExampleRules.compiled()
        #expect(fromJSON.rules.map(\.name) == fromText.rules.map(\.name))
        #expect(fromJSON.rules.map(\.version) == fromText.rules.map(\.version))

        let scratch = try Scratch()
        let path = try scratch.write("example.json", [run.output])
        let check = await clientele("rules", "check", path)
        #expect(check.status == .success, "\(check.output)")
    }
}
