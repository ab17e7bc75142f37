import CustomerModel
import Foundation
import Rules
import Testing

/// Rule text cannot be turned against its host: the compiler's limits are checked before the work
/// they guard, and bytes that are not UTF-8 are reported where they are.
@Suite struct RuleTextLimitsTests {
    private static let oneRule = """
        rule "Large inflow"
          when daily at 08:30
          if aum > 1m CNY
          then notify(rm, workbench, "Inflow")
        end

        """

    @Test func aTextOverTheByteLimitIsRefusedBeforeItIsRead() throws {
        let huge = String(repeating: "rule \"x\" ", count: 50 * 1_048_576 / 9)  // about 50 MB
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: RuleCompileError.self) { try RuleCompiler().compile(huge, file: "big.rules") }
        let elapsed = clock.now - started
        let diagnostics = try #require(error?.diagnostics)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code == .limit)
        #expect(diagnostics[0].line == 1 && diagnostics[0].column == 1)
        #expect(diagnostics[0].description.hasPrefix("big.rules:1:1: error: the text is"))
        print("50 MB rule text refused in \(elapsed)")
        let json = #expect(throws: RuleCompileError.self) { try RuleCompiler().compile(json: huge) }
        #expect(json?.diagnostics.map(\.code) == [.limit])
        let bytes = #expect(throws: RuleCompileError.self) { try RuleCompiler().decode(utf8: Array(huge.utf8)) }
        #expect(bytes?.diagnostics.map(\.code) == [.limit])
    }

    @Test func anOverlongWordIsRefusedWithItsPlaceAndNoSuggestion() throws {
        var limits = RuleTextLimits.standard
        limits.maximumBytes = 64 * 1_048_576
        let word = String(repeating: "a", count: 10 * 1_048_576)
        let text = "rule \"x\"\n  when daily at 08:30\n  if \(word) > 1m CNY\n  then notify(rm, sms)\nend\n"
        let clock = ContinuousClock()
        let started = clock.now
        let diagnostics = RuleCompiler(limits: limits).check(text)
        // The time is printed, not asserted: a debug build walks the bytes far slower than release
        // (`clientele-bench rule-limits` measures the release figure).
        print("10 MB identifier refused in \(clock.now - started)")
        let refusal = try #require(diagnostics.first { $0.code == .limit })
        #expect(refusal.line == 3 && refusal.column == 6)
        #expect(refusal.message.contains("10485760 bytes"))
        #expect(!diagnostics.contains { $0.message.contains("did you mean") })
        // A long unit after a number is refused the same way.
        let unit = RuleCompiler().check(
            "rule \"x\" when daily at 08:30 if aum.change(3\(String(repeating: "q", count: 500))) < 0% then notify(rm, sms) end"
        )
        #expect(unit.contains { $0.code == .limit })
    }

    @Test func theFirstRuleOverTheRuleLimitEndsTheText() throws {
        var limits = RuleTextLimits.standard
        limits.maximumRules = 3
        var text = ""
        for k in 0..<5 { text += Self.oneRule.replacingOccurrences(of: "Large inflow", with: "Rule \(k)") }
        let error = #expect(throws: RuleCompileError.self) { try RuleCompiler(limits: limits).compile(text) }
        let diagnostics = try #require(error?.diagnostics)
        #expect(diagnostics.map(\.code) == [.limit])
        #expect(diagnostics[0].line == 16 && diagnostics[0].column == 1)
        limits.maximumRules = 5
        #expect(try RuleCompiler(limits: limits).compile(text).rules.count == 5)
    }

    @Test func checkingStopsAfterTheMostProblemsReported() {
        var limits = RuleTextLimits.standard
        limits.maximumDiagnostics = 5
        var text = ""
        for k in 0..<40 {
            text += "rule \"r\(k)\" when daily at 08:30 if nosuchfact\(k) > 1 then notify(rm, sms) end\n"
        }
        let diagnostics = RuleCompiler(limits: limits).check(text)
        #expect(diagnostics.count == 6)
        #expect(diagnostics.prefix(5).allSatisfy { $0.code == .unknownFact })
        #expect(diagnostics.last?.code == .limit)
        #expect(diagnostics.last?.message == "more than 5 problems; checking stopped here")
        #expect(RuleCompiler().check(text).count == 40)
    }

    @Test(
        arguments: [
            ([0x80], "a stray continuation byte"),
            ([0xE4, 0xB8], "a cut-off sequence"),
            ([0xC0, 0xAF], "an overlong form"),
            ([0xE0, 0x80, 0xAF], "an overlong three-byte form"),
            ([0xED, 0xA0, 0x80], "a surrogate"),
            ([0xF4, 0x90, 0x80, 0x80], "past U+10FFFF"),
            ([0xF5, 0x80, 0x80, 0x80], "a lead byte that never starts UTF-8"),
            ([0xE4, 0x41, 0x41], "a lead byte without its continuation"),
        ] as [([UInt8], String)]
    )
    func bytesThatAreNotUTF8AreReportedWithTheirLineAndColumn(bad: [UInt8], kind: String) throws {
        // "王" is three bytes and one column: the bad byte is on line 3, column 8.
        let prefix = Array("rule \"x\"\n  when daily at 08:30\n  # 王 \u{1F600}".utf8)
        let bytes = prefix + bad + Array("\n  if aum > 1m CNY then notify(rm, sms)\nend\n".utf8)
        let error = #expect(throws: RuleCompileError.self, "\(kind)") {
            try RuleCompiler().decode(utf8: bytes, file: "bad.rules")
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.code == .limit)
        #expect(diagnostic.line == 3 && diagnostic.column == 8, "\(kind)")
        #expect(diagnostic.range.start.offset == prefix.count)
    }

    @Test func wellFormedUTF8DecodesAndALeadingByteOrderMarkIsSkipped() throws {
        let text = "rule \"生日关怀\"\n  when daily at 08:30\n  if aum > 1m CNY\n  then notify(rm, sms)\nend\n"
        let compiler = RuleCompiler()
        #expect(try compiler.decode(utf8: Array(text.utf8)) == text)
        #expect(try compiler.decode(utf8: [0xEF, 0xBB, 0xBF] + Array(text.utf8)) == text)
        #expect(try compiler.compile(compiler.decode(utf8: Array(text.utf8))).rules.map(\.name) == ["生日关怀"])
    }

    @Test func aBareNumberComparedWithMoneyAsksForTheCurrency() throws {
        let compiler = RuleCompiler()
        let bare = compiler.check("rule \"x\" when daily at 08:30 if aum > 5 then notify(rm, sms) end")
        #expect(bare.map(\.code) == [.typeMismatch])
        #expect(bare.first?.message.contains("write it with its currency, as in 5 CNY") == true)
        #expect(bare.first?.column == 39)
        let large = compiler.check(
            "rule \"x\" when daily at 08:30 if aum.average(30d) >= 500k then notify(rm, sms) end"
        )
        #expect(large.map(\.code) == [.typeMismatch])
        // With a currency, or zero (zero in every currency), the comparison compiles.
        #expect(compiler.check("rule \"x\" when daily at 08:30 if aum > 5 CNY then notify(rm, sms) end").isEmpty)
        #expect(compiler.check("rule \"x\" when daily at 08:30 if aum > 0 then notify(rm, sms) end").isEmpty)
    }
}
