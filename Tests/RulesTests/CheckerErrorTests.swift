import Rules
import Testing

/// Every class of compile error, with its exact line, column and message.
@Suite struct CheckerErrorTests {
    /// Compiles `text` and returns its diagnostics as `line:column code: message`.
    static func diagnostics(_ text: String) -> [String] {
        RuleCompiler().check(text, file: "test.rules").map { "\($0.line):\($0.column) \($0.code): \($0.message)" }
    }

    /// A one-rule file with `clauses` on line 3.
    static func rule(
        _ clauses: String,
        when trigger: String = "daily at 08:30",
        then actions: String = "flag(\"x\")"
    ) -> String {
        "rule \"r\"\n  when \(trigger)\n  \(clauses)\n  then \(actions)\nend\n"
    }

    @Test(arguments: [
        // Unknown facts, with the closest known name.
        ("if ageg > 60", "3:6 unknown-fact: unknown fact 'ageg'; did you mean 'age'?"),
        ("if aum.chnage(30d) < -20%", "3:6 unknown-fact: unknown fact 'aum.chnage'; did you mean 'aum.change'?"),
        ("if wealth_score > 3", "3:6 unknown-fact: unknown fact 'wealth_score'"),
        // Money compared with a date; money of two currencies.
        ("if aum > 2026-01-01", "3:6 type-mismatch: cannot compare 'aum' (money in CNY) with '2026-01-01' (a date)"),
        (
            "if aum > 5m USD",
            "3:6 currency-mismatch: cannot compare money in CNY ('aum') with money in USD ('5m USD'); compare amounts in one currency"
        ),
        (
            "if aum - 5m USD > 0",
            "3:6 currency-mismatch: cannot subtract money in CNY ('aum') and money in USD ('5m USD'); use one currency"
        ),
        // A percentage where a count is wanted, and the reverse.
        (
            "if count(transactions, 30d) > 20%",
            "3:33 type-mismatch: a percentage where a count is wanted: 'count(transactions, 30d)' is a count, so compare it with a whole number, not '20%'"
        ),
        (
            "if aum.change(30d) < -20",
            "3:24 type-mismatch: -20 is a plain number but a percentage is wanted here; write it with %, as in -20%"
        ),
        (
            "if days_since(last transaction) > 90",
            "3:37 type-mismatch: 90 has no unit but a duration is wanted here; write 90d, 90w, 90mo, 90y or 90bd"
        ),
        ("if children > 1.5", "3:17 type-mismatch: a count is a whole number, not 1.5"),
        // Unknown enumeration values, with the allowed ones.
        (
            "if tier in [core, kee]",
            "3:21 unknown-value: unknown tier 'kee' (did you mean 'key'?); allowed values: mass, gold, platinum, diamond, private_banking, ecosystem, potential, key, core"
        ),
        (
            "if risk_appetite >= bold",
            "3:23 unknown-value: unknown risk appetite 'bold'; allowed values: conservative, steady, balanced, growth, aggressive"
        ),
        ("if kind > individual", "3:6 type-mismatch: client kind values have no order; use = or 'in [...]'"),
        (
            "if tier >= \"platnum\"",
            "3:14 unknown-value: unknown tier 'platnum' (did you mean 'platinum'?); allowed values: mass, gold, platinum, diamond, private_banking, ecosystem, potential, key, core"
        ),
        // Wrong aggregate arguments.
        (
            "if sum(contacts, 30d) > 1",
            "3:6 arguments: sum needs amounts or scores; contacts can only be counted, as in count(contacts, 30d)"
        ),
        (
            "if count(transactions where direction = outflow) > 1",
            "3:6 arguments: count takes what to count and a window, as in count(transactions where direction = outflow, 30d)"
        ),
        (
            "if sum(transactions, 30) > 1m",
            "3:24 arguments: the window of sum is a duration such as 30d, 3mo or 1y, not '30'"
        ),
        (
            "if count(transactons, 30d) > 1",
            "3:12 arguments: unknown activity 'transactons' (did you mean 'transactions'?); count runs over transactions, interactions, complaints, contacts, satisfaction, maturities"
        ),
        (
            "if count(transactions where direction = out, 30d) > 1",
            "3:43 unknown-value: unknown direction 'out'; allowed values: inflow, outflow"
        ),
        (
            "if count(transactions where aum > 1m, 30d) > 1",
            "3:31 fact-not-available: 'aum' is not a field of transactions; a 'where' condition can use: amount, type, direction, channel, merchant, overseas"
        ),
        (
            "if days_since(last login) > 30d",
            "3:17 arguments: days_since takes 'last transaction', 'last contact', 'last complaint' or 'last interaction'"
        ),
        ("if aum.change > 1%", "3:6 arguments: 'aum.change' needs a window, as in aum.change(30d)"),
        ("if aum(30d) > 1m", "3:6 arguments: 'aum' takes no arguments; write it without parentheses"),
        (
            "if avg_of(transactions, 30d) > 1m",
            "3:6 unknown-function: unknown function 'avg_of'; functions are sum, count, min, max, avg, days_since, days_until and facts over a window such as aum.change(30d)"
        ),
        // Conditions and trigger facts.
        (
            "if aum",
            "3:6 type-mismatch: 'aum' is money in CNY, but a condition (true or false) is wanted here; compare it, as in aum > ..."
        ),
        (
            "if transaction.amount > 1m",
            "3:6 fact-not-available: 'transaction.amount' is only known in rules triggered 'on transaction'; this rule runs 'daily at 08:30'"
        ),
        (
            "if \"vip\" in tier",
            "3:15 type-mismatch: 'in' needs a list in brackets (in [a, b]) or a set of tags; 'tier' is a tier (mass, gold, platinum, diamond, private_banking, ecosystem, potential, key, core)"
        ),
        ("if 1 > 2", "3:6 type-mismatch: this condition is always false; it does not depend on any fact"),
    ])
    func conditionErrors(clause: String, expected: String) {
        #expect(Self.diagnostics(Self.rule(clause)) == [expected])
    }

    @Test(arguments: [
        (
            "notify(rm_boss, sms)",
            "4:15 unknown-role: unknown role 'rm_boss'; recipients are rm, branch_head, service_team or group \"name\""
        ),
        (
            "notify(manager, sms)",
            "4:15 unknown-role: unknown role 'manager'; recipients are rm, branch_head, service_team or group \"name\""
        ),
        ("notify(rm, fax)", "4:19 unknown-channel: unknown channel 'fax'; channels are sms, email, wechat, workbench"),
        (
            "notify(rm, wechta, \"hi\")",
            "4:19 unknown-channel: unknown channel 'wechta'; did you mean 'wechat'? channels are sms, email, wechat, workbench"
        ),
        ("notify(rm, sms, \"AUM of {nmae} fell\")", "4:33 unknown-fact: unknown fact 'nmae'; did you mean 'name'?"),
        (
            "notify(rm, sms, \"{aum > 1m CNY}\")",
            "4:26 template: a placeholder shows a value; 'aum > 1m CNY' is a condition"
        ),
        (
            "notify(rm)",
            "4:8 arguments: notify takes a recipient, a channel and optionally a message: notify(rm, sms, \"AUM of {name} fell\")"
        ),
        (
            "notfy(rm, sms)",
            "4:8 unknown-function: unknown action 'notfy'; did you mean 'notify'? actions are: notify, task, open_process, add_tag, remove_tag, flag"
        ),
        ("task(rm, \"call\", 2)", "4:25 arguments: the time to do a task is a duration such as 2bd or 7d"),
        (
            "open_process(\"renewal\", maturity.amount)",
            "4:32 arguments: process parameters are labelled, as in amount: maturity.amount"
        ),
        ("open_process(\"renewal\", a: aum, a: age)", "4:40 arguments: the parameter 'a' is given twice"),
        ("add_tag(vip)", "4:16 arguments: the tag name is plain text in double quotes"),
        ("flag(\"dormant\", 30d)", "4:8 arguments: flag takes one name in double quotes: flag(\"dormant warning\")"),
    ])
    func actionErrors(action: String, expected: String) {
        #expect(Self.diagnostics(Self.rule("if aum > 1m CNY", then: action)) == [expected])
    }

    @Test(arguments: [
        (
            "on transactoin",
            "2:11 trigger: unknown event 'transactoin'; did you mean 'on transaction'? events are: transaction, failed transaction, interaction, complaint, profile change, tier change, score change"
        ),
        ("weekly on funday", "2:18 trigger: 'funday' is not a day of the week; write monday ... sunday"),
        ("monthly on 32", "2:19 trigger: a day of the month is 1 to 31 (31 runs on each month's last day)"),
        ("15 and 15 days before each maturity", "2:15 trigger: the offset 15 is listed twice"),
        (
            "3 fortnights before each maturity",
            "2:10 trigger: the offsets are in days, business days, weeks or months, not 'fortnights'"
        ),
        (
            "7 days before each maturity of bonds",
            "2:39 unknown-value: unknown product 'bonds'; allowed values: demand_deposit, time_deposit, wealth_management, fund, insurance, loan, credit_card"
        ),
        (
            "7 days before each birthdya",
            "2:27 trigger: unknown date 'birthdya'; did you mean 'birthday'? a date trigger counts towards each maturity, birthday, wedding anniversary, signing anniversary"
        ),
        (
            "7 days before each maturity in household",
            "2:36 trigger: 'in household' applies to birthdays and wedding anniversaries only"
        ),
        (
            "3 consecutive months with no logins",
            "2:37 trigger: unknown activity 'logins'; a streak counts periods with no transaction, contact, complaint, interaction"
        ),
        ("3 consecutive years with no transaction", "2:22 trigger: a streak counts days, weeks or months, not 'years'"),
    ])
    func triggerErrors(trigger: String, expected: String) {
        #expect(Self.diagnostics(Self.rule("if aum > 1m CNY", when: trigger)) == [expected])
    }

    @Test func everyErrorInAFileIsReportedInOrder() {
        let text = """
            rule "first"
              when daily at 08:30
              if aum.chnage(30d) < -20% and tier in [core, kee]
              then notify(boss, sms, "hi {nmae}")
            end

            rule "second"
              when on transactoin
              if aum > 2026-01-01
              then flag("x")
            end

            rule "first"
              when daily
              then flag("y")
            end
            """
        #expect(
            Self.diagnostics(text) == [
                "3:6 unknown-fact: unknown fact 'aum.chnage'; did you mean 'aum.change'?",
                "3:48 unknown-value: unknown tier 'kee' (did you mean 'key'?); allowed values: mass, gold, platinum, diamond, private_banking, ecosystem, potential, key, core",
                "4:15 unknown-role: unknown role 'boss'; recipients are rm, branch_head, service_team or group \"name\"",
                "4:31 unknown-fact: unknown fact 'nmae'; did you mean 'name'?",
                "8:11 trigger: unknown event 'transactoin'; did you mean 'on transaction'? events are: transaction, failed transaction, interaction, complaint, profile change, tier change, score change",
                "9:6 type-mismatch: cannot compare 'aum' (money in CNY) with '2026-01-01' (a date)",
                "13:6 duplicate-rule: a rule named \"first\" is already defined on line 1; rule names must be unique",
            ]
        )
        let error = #expect(throws: RuleCompileError.self) { try RuleCompiler().compile(text, file: "alerts.rules") }
        #expect(
            error?.diagnostics.first?.description
                == "alerts.rules:3:6: error: unknown fact 'aum.chnage'; did you mean 'aum.change'?"
        )
    }

    @Test func syntaxAndTypeErrorsTogether() {
        let text = """
            rule "a" when daily if aum > then flag("x") end
            rule "b" when daily if tier = silver then flag("x") end
            """
        #expect(
            Self.diagnostics(text) == [
                "1:30 syntax: expected a value or a fact here, found the keyword 'then'",
                "2:31 unknown-value: unknown tier 'silver'; allowed values: mass, gold, platinum, diamond, private_banking, ecosystem, potential, key, core",
            ]
        )
    }
}
