import CustomerModel
import Testing

@testable import Rules

@Suite struct ParserTests {
    @Test func aRuleWithEveryClause() throws {
        let text = """
            rule "AUM drop alert"
              version 3
              owner "wealth team"
              priority -5
              effective from 2026-01-01 until 2026-12-31
              when daily at 08:30
              if aum.change(30d) < -20% and tier in [core, key]
              then notify(rm, sms, "AUM of {name} fell {aum.change(30d)}"), notify(branch_head, sms)
              cooldown 30d
              dedupe by client
            end
            """
        let (file, diagnostics) = RuleParser.parse(text)
        #expect(diagnostics.isEmpty)
        let rule = try #require(file.rules.first)
        #expect(rule.name == "AUM drop alert")
        #expect(rule.version?.value == 3)
        #expect(rule.owner?.value == "wealth team")
        #expect(rule.priority?.value == -5)
        #expect(rule.effectiveFrom?.value == (try Day(parsing: "2026-01-01")))
        #expect(rule.effectiveUntil?.value == (try Day(parsing: "2026-12-31")))
        if case .daily(let at)? = rule.trigger?.kind { #expect(at?.value == 510) } else { Issue.record("not daily") }
        #expect(rule.actions.map(\.name) == ["notify", "notify"])
        #expect(rule.actions[0].arguments.count == 3)
        #expect(rule.cooldown?.value == DurationLiteral(30, .days))
        #expect(rule.dedupe?.count == 1)
        #expect(rule.range.start.line == 1 && rule.range.end.line == 11)
        guard case .binary(.and, let left, let right)? = rule.condition?.kind else {
            Issue.record("condition is not an 'and'")
            return
        }
        #expect(left.range.start == SourcePosition(line: 7, column: 6, offset: left.range.start.offset))
        if case .binary(.less, let call, let percent) = left.kind {
            if case .call("aum.change", _, let arguments) = call.kind {
                #expect(arguments.first?.value.kind == .duration(DurationLiteral(30, .days)))
            } else {
                Issue.record("left is not a call")
            }
            #expect(
                percent.kind
                    == .unary(.negate, Expression(.percent(NumberLiteral(mantissa: 20)), at: percent.children[0].range))
            )
        } else {
            Issue.record("left is not <")
        }
        if case .membership(let tier, let list, let negated) = right.kind {
            #expect(tier.kind == .name("tier"))
            #expect(!negated)
            #expect(list.children.map(\.kind) == [.name("core"), .name("key")])
        } else {
            Issue.record("right is not membership")
        }
    }

    @Test func precedenceAndOrNotComparisonArithmetic() throws {
        let (file, diagnostics) = RuleParser.parse(
            "rule \"p\" when daily if not a = 1 or b + 2 * c > 3 and d is not missing then flag(\"x\") end"
        )
        #expect(diagnostics.isEmpty)
        let condition = try #require(file.rules.first?.condition)
        guard case .binary(.or, let left, let right) = condition.kind else {
            Issue.record("top is not or")
            return
        }
        guard case .unary(.not, let compared) = left.kind, case .binary(.equal, _, _) = compared.kind else {
            Issue.record("left is not 'not (a = 1)'")
            return
        }
        guard case .binary(.and, let sum, let missing) = right.kind,
            case .binary(.greater, let arithmetic, _) = sum.kind,
            case .binary(.add, _, let product) = arithmetic.kind,
            case .binary(.multiply, _, _) = product.kind,
            case .isMissing(_, negated: true) = missing.kind
        else {
            Issue.record("right side is not (b + (2 * c) > 3) and (d is not missing)")
            return
        }
    }

    @Test func triggersOfEveryForm() throws {
        let text = """
            rule "a" when on profile change then flag("x") end
            rule "b" when weekly on monday at 09:00 then flag("x") end
            rule "c" when monthly on 1 then flag("x") end
            rule "d" when 15, 7 and 3 business days before each maturity of wealth_management, insurance and loan at 09:30 then flag("x") end
            rule "e" when 30 days before each birthday in household then flag("x") end
            rule "f" when 3 consecutive months with no transaction then flag("x") end
            rule "g" when 1 day after each signing anniversary then flag("x") end
            """
        let (file, diagnostics) = RuleParser.parse(text)
        #expect(diagnostics.isEmpty)
        let kinds = file.rules.compactMap(\.trigger?.kind)
        #expect(kinds.count == 7)
        if case .event(let words) = kinds[0] { #expect(words.value == "profile change") } else { Issue.record("a") }
        if case .weekly(let day, let at) = kinds[1] {
            #expect(day.value == "monday" && at?.value == 540)
        } else {
            Issue.record("b")
        }
        if case .monthly(let day, let at) = kinds[2] { #expect(day.value == 1 && at == nil) } else { Issue.record("c") }
        if case .relative(let r) = kinds[3] {
            #expect(r.offsets.map(\.value) == [15, 7, 3])
            #expect(r.unit.value == "business days")
            #expect(r.isBefore)
            #expect(r.anchor.value == "maturity")
            #expect(r.products.map(\.value) == ["wealth_management", "insurance", "loan"])
            #expect(r.at?.value == 570)
        } else {
            Issue.record("d")
        }
        if case .relative(let r) = kinds[4] {
            #expect(r.household?.value == true && r.anchor.value == "birthday")
        } else {
            Issue.record("e")
        }
        if case .streak(let count, let unit, let activity) = kinds[5] {
            #expect(count.value == 3 && unit.value == "months" && activity.value == "transaction")
        } else {
            Issue.record("f")
        }
        if case .relative(let r) = kinds[6] {
            #expect(!r.isBefore && r.anchor.value == "signing anniversary")
        } else {
            Issue.record("g")
        }
    }

    @Test func aggregatesPhrasesLabelsAndGroups() throws {
        let text = """
            rule "x"
              when daily
              if sum(transactions where direction = outflow and type = transfer_out, 30d) > 1m and days_since(last transaction) > 90d
              then open_process("renewal", amount: maturity.amount), notify(group "wealth desk", email, "hi")
            end
            """
        let (file, diagnostics) = RuleParser.parse(text)
        #expect(diagnostics.isEmpty)
        let rule = try #require(file.rules.first)
        guard case .binary(.and, let sum, let since)? = rule.condition?.kind,
            case .binary(.greater, let call, _) = sum.kind, case .call("sum", _, let arguments) = call.kind,
            case .binary(.greater, let daysCall, _) = since.kind,
            case .call("days_since", _, let phrase) = daysCall.kind
        else {
            Issue.record("condition shape")
            return
        }
        #expect(arguments.count == 2)
        #expect(arguments[0].value.kind == .name("transactions"))
        #expect(arguments[0].filter != nil)
        #expect(phrase.first?.value.kind == .phrase(["last", "transaction"]))
        #expect(rule.actions[0].arguments[1].label == "amount")
        if case .call("group", _, let inner) = rule.actions[1].arguments[0].value.kind {
            #expect(inner.count == 1)
        } else {
            Issue.record("group recipient")
        }
    }

    @Test(arguments: [
        (
            "rule \"a\" when daily then flag(\"x\")", "1:35", RuleDiagnostic.Code.syntax,
            "rule \"a\" is not closed; write 'end' after its last clause"
        ),
        (
            "rule when daily then flag(\"x\") end", "1:6", .syntax,
            "a rule needs a name in double quotes after 'rule', as in rule \"AUM drop alert\""
        ),
        (
            "rule \"a\" when daily then flag(\"x\") frob end", "1:36", .syntax,
            "unexpected 'frob' after the 'then' clause; expected the next clause or 'end'"
        ),
        (
            "rule \"a\" when daily if a < b < c then flag(\"x\") end", "1:30", .syntax,
            "comparisons cannot be chained; join them with 'and', as in 'a < b and b < c'"
        ),
        (
            "rule \"a\" when daily if (a > 1 then flag(\"x\") end", "1:31", .syntax,
            "expected ')' to close the '(' at 1:24"
        ),
        (
            "rule \"a\" when sometimes then flag(\"x\") end", "1:15", .trigger,
            "expected a trigger after 'when': 'on <event>', 'daily at HH:MM', 'weekly on <day>', 'monthly on <day>', '<n> days before each <date>' or '<n> consecutive months with no transaction'"
        ),
        (
            "rule \"a\" when daily at 8 then flag(\"x\") end", "1:24", .syntax,
            "expected a time of day such as 08:30 after 'at'"
        ),
        (
            "rule \"a\" when 30 days before birthday then flag(\"x\") end", "1:30", .trigger,
            "expected 'each' before the date, as in 'before each maturity'"
        ),
        (
            "rule \"a\" when daily if a is b then flag(\"x\") end", "1:29", .syntax,
            "expected 'missing' after 'is' (write 'is missing' or 'is not missing')"
        ),
        (
            "rule \"a\" when daily then notify rm end", "1:33", .syntax,
            "an action takes its arguments in parentheses, as in notify(...)"
        ),
        (
            "rule \"a\" when daily if a > 1 if b > 2 then flag(\"x\") end", "1:30", .clause,
            "rule \"a\" has a second 'if' clause (the first is on line 1); join the conditions with 'and'"
        ),
        (
            "rule \"a\" if a > 1 then flag(\"x\") end", "1:6", .clause,
            "rule \"a\" has no trigger; add a 'when' clause such as 'when daily at 08:30'"
        ),
        (
            "rule \"a\" when daily end", "1:6", .clause,
            "rule \"a\" has no actions; add a 'then' clause such as 'then notify(rm, workbench, \"...\")'"
        ),
        ("flag(\"x\")", "1:1", .syntax, "expected 'rule \"name\"' to start a rule, found 'flag'"),
        (
            "rule \"a\" effective until 2026-01-01 from 2026-02-01 when daily then flag(\"x\") end", "1:37", .syntax,
            "unexpected 'from' after the 'effective' clause; expected the next clause or 'end'"
        ),
        (
            "rule \"a\" effective from 2026-02-01 until 2026-01-01 when daily then flag(\"x\") end", "1:42", .syntax,
            "the rule ends (2026-01-01) before it starts (2026-02-01)"
        ),
        (
            "rule \"a\" when daily then notify(rm, sms, \"{aum >}\") end", "1:49", .syntax,
            "expected a value, a fact or '(' here, found the closing '}'"
        ),
        (
            "rule \"a\" when daily then notify(rm, sms, \"{aum name}\") end", "1:48", .template,
            "a placeholder holds one fact or expression; unexpected 'name'"
        ),
    ])
    func syntaxErrorsHavePlaceAndMessage(text: String, place: String, code: RuleDiagnostic.Code, message: String) {
        let (_, diagnostics) = RuleParser.parse(text)
        let first = diagnostics.first
        #expect(first.map { "\($0.line):\($0.column)" } == place, "\(diagnostics)")
        #expect(first?.code == code)
        #expect(first?.message == message)
    }

    @Test func recoveryReportsEveryBrokenRule() {
        let text = """
            rule "one" when daily if a > then flag("x") end
            rule "two" when daily if b ! 3 then flag("y") end
            rule "three" when daily if c > 1 then flag("z") end
            rule "four" when on then flag("w") end
            """
        let (file, diagnostics) = RuleParser.parse(text)
        #expect(file.rules.map(\.name) == ["one", "two", "three", "four"])
        #expect(diagnostics.map(\.line) == [1, 2, 4])
        #expect(file.rules[2].condition != nil)
    }

    @Test func nestingIsBoundedWithoutAStackOverflow() {
        let deep = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        let (_, diagnostics) = RuleParser.parse("rule \"deep\" when daily if \(deep) > 1 then flag(\"x\") end")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .tooComplex)
        #expect(diagnostics.first?.message == "expressions are nested more than 32 levels deep here; simplify it")
        let nots = String(repeating: "not ", count: 10_000)
        let (_, more) = RuleParser.parse("rule \"nots\" when daily if \(nots) a > 1 then flag(\"x\") end")
        #expect(more.map(\.code) == [.tooComplex])
    }

    @Test func longChainsAreBoundedByDepthAndSize() {
        let chain = (0..<100).map { "a\($0)" }.joined(separator: " + ")
        let (_, diagnostics) = RuleParser.parse("rule \"chain\" when daily if \(chain) > 1 then flag(\"x\") end")
        #expect(diagnostics.map(\.code) == [.tooComplex])
        #expect(
            diagnostics.first?.message
                == "this expression is 101 levels deep; the limit is 48. Split it into simpler rules"
        )
        #expect(diagnostics.first.map { "\($0.line):\($0.column)" } == "1:28")
        let wide = (0..<1_500).map { "(a\($0) > 1 and b\($0) < 2)" }.joined(separator: " or ")
        let (_, large) = RuleParser.parse("rule \"wide\" when daily if \(wide) then flag(\"x\") end")
        #expect(large.map(\.code) == [.tooComplex])
        #expect(large.first?.message == "this rule has more than 2000 terms; split it into smaller rules")
    }
}
