import CustomerModel
import Testing

@testable import Rules

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] {
        var lexer = Lexer(text)
        return lexer.tokenize().map(\.kind)
    }

    @Test func wordsPathsAndSymbols() {
        #expect(
            kinds("if aum.change(30d) < -20% and tier in [core, key]") == [
                .word("if"), .word("aum.change"), .symbol(.leftParen), .duration(DurationLiteral(30, .days)),
                .symbol(.rightParen), .symbol(.less), .symbol(.minus), .percent(NumberLiteral(mantissa: 20)),
                .word("and"),
                .word("tier"), .word("in"), .symbol(.leftBracket), .word("core"), .symbol(.comma), .word("key"),
                .symbol(.rightBracket), .endOfText,
            ]
        )
        #expect(
            kinds("a >= b <= c != d == e <> f") == [
                .word("a"), .symbol(.greaterOrEqual), .word("b"), .symbol(.lessOrEqual), .word("c"), .symbol(.notEqual),
                .word("d"), .symbol(.equal), .word("e"), .symbol(.notEqual), .word("f"), .endOfText,
            ]
        )
    }

    @Test func numbersWithMagnitudesKeepExactDigits() {
        #expect(
            kinds("5m CNY") == [.number(NumberLiteral(mantissa: 5, multiplier: 1_000_000)), .word("CNY"), .endOfText]
        )
        #expect(kinds("200k") == [.number(NumberLiteral(mantissa: 200, multiplier: 1_000)), .endOfText])
        #expect(kinds("1.5m") == [.number(NumberLiteral(mantissa: 15, scale: 1, multiplier: 1_000_000)), .endOfText])
        #expect(
            kinds("2bn 3.25") == [
                .number(NumberLiteral(mantissa: 2, multiplier: 1_000_000_000)),
                .number(NumberLiteral(mantissa: 325, scale: 2)),
                .endOfText,
            ]
        )
        #expect(NumberLiteral(mantissa: 15, scale: 1, multiplier: 1_000_000).scaled(by: 100) == 150_000_000)
        #expect(NumberLiteral(mantissa: 1005, scale: 3).scaled(by: 100) == nil)  // 1.005 is not a whole cent
    }

    @Test func durationsDatesAndTimes() throws {
        #expect(
            kinds("15d 2w 3mo 1y 10bd") == [
                .duration(DurationLiteral(15, .days)), .duration(DurationLiteral(2, .weeks)),
                .duration(DurationLiteral(3, .months)), .duration(DurationLiteral(1, .years)),
                .duration(DurationLiteral(10, .businessDays)), .endOfText,
            ]
        )
        #expect(
            kinds("2026-01-31 08:30 9:05") == [
                .date(try Day(parsing: "2026-01-31")), .time(minutes: 510), .time(minutes: 545), .endOfText,
            ]
        )
    }

    @Test func everyTokenHasLineAndColumn() {
        var lexer = Lexer("rule \"x\"\n  when daily at 08:30 # comment\n  end")
        let tokens = lexer.tokenize()
        let places = tokens.map { "\($0.range.start.line):\($0.range.start.column)-\($0.range.end.column)" }
        #expect(places == ["1:1-5", "1:6-9", "2:3-7", "2:8-13", "2:14-16", "2:17-22", "3:3-6", "3:6-6"])
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test func columnsCountCharactersNotBytes() {
        var lexer = Lexer("\"生日快乐\" x")
        let tokens = lexer.tokenize()
        #expect(tokens[1].range.start.column == 8)
        #expect(tokens[1].range.start.offset == 15)
    }

    @Test func stringsSplitIntoTextAndPlaceholdersWithPositions() {
        var lexer = Lexer("  \"AUM of {name} fell {aum.change(30d)}\\n\"")
        let tokens = lexer.tokenize()
        guard case .string(let parts) = tokens[0].kind else {
            Issue.record("expected a string, got \(tokens[0].kind)")
            return
        }
        #expect(
            parts == [
                .text("AUM of "), .placeholder("name", at: SourcePosition(line: 1, column: 12, offset: 11)),
                .text(" fell "),
                .placeholder("aum.change(30d)", at: SourcePosition(line: 1, column: 24, offset: 23)), .text("\n"),
            ]
        )
    }

    @Test(arguments: [
        (
            "x = 5x", "1:5",
            "unknown unit 'x' after 5 (did you mean '5k'?); amounts take k, m or bn, durations d, w, mo, y or bd"
        ),
        (
            "x = 3mos", "1:5",
            "unknown unit 'mos' after 3 (did you mean '3mo'?); amounts take k, m or bn, durations d, w, mo, y or bd"
        ),
        ("x = 1.5d", "1:5", "a duration is a whole number of days up to 36600, not 1.5"),
        ("x = 2026-02-30", "1:5", "'2026-02-30' is not a date that exists"),
        ("at 25:00", "1:4", "'25:00' is not a time of day (write HH:MM, 00:00 to 23:59)"),
        ("\n  \"open", "2:3", "this string is not closed; end it with \" on the same line"),
        ("\"a {name\"", "1:4", "a placeholder '{' is not closed; end it with '}'"),
        ("\"a {} b\"", "1:4", "an empty placeholder '{}'; put a fact inside, as in {name}"),
        ("\"a } b\"", "1:4", "a '}' without its '{' in a string; write \\} for a brace"),
        ("\"a \\q\"", "1:4", "unknown escape in a string; use \\\" \\\\ \\n \\{ or \\}"),
        ("a ! b", "1:3", "'!' on its own is not an operator; write 'not' or '!='"),
        ("a ; b", "1:3", "unexpected character ';'"),
        ("x = 99999999999999999999", "1:5", "the number 99999999999999999999 is too large"),
    ])
    func badTokensAreReportedWithPlace(text: String, place: String, message: String) {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        #expect(tokens.contains { $0.kind == .invalid })
        #expect(lexer.diagnostics.count == 1)
        let diagnostic = lexer.diagnostics.first
        #expect(diagnostic.map { "\($0.line):\($0.column)" } == place)
        #expect(diagnostic?.message == message)
        #expect(diagnostic?.code == .invalidToken)
    }

    @Test func lexingGoesOnAfterABadToken() {
        var lexer = Lexer("a ; b ; c")
        let tokens = lexer.tokenize()
        #expect(tokens.map(\.kind) == [.word("a"), .invalid, .word("b"), .invalid, .word("c"), .endOfText])
        #expect(lexer.diagnostics.map(\.column) == [3, 7])
    }
}
