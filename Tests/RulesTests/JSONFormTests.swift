import CustomerModel
import Rules
import Testing

/// The JSON form of rules: the same rules as the text form, positioned errors with JSON paths.
@Suite struct JSONFormTests {
    static func diagnostics(_ json: String) -> [String] {
        RuleCompiler().check(json: json, file: "rules.json").map { "\($0.line):\($0.column) \($0.code): \($0.message)" }
    }

    @Test func textToJSONGivesTheSameCompiledRules() throws {
        let json = try RuleCompiler.json(fromText: ExampleRules.text)
        let fromText = try ExampleRules.compiled()
        let fromJSON = try RuleCompiler().compile(json: json, file: "private-banking.json")
        #expect(fromJSON.rules.count == fromText.rules.count)
        for (a, b) in zip(fromText.rules, fromJSON.rules) {
            #expect(a.name == b.name)
            #expect(a.version == b.version)
            #expect(a.owner == b.owner)
            #expect(a.priority == b.priority)
            #expect(a.effectiveFrom == b.effectiveFrom)
            #expect(a.effectiveUntil == b.effectiveUntil)
            #expect(a.trigger.description == b.trigger.description)
            #expect(a.cooldown == b.cooldown)
            #expect(a.dedupeKeys == b.dedupeKeys)
            #expect(a.conditionText == b.conditionText)
            #expect(a.order == b.order)
        }
        // The same rules do the same thing: one backtest, identical firings and actions.
        let start = EngineTests.at("2026-05-31", 12)
        let end = EngineTests.at("2026-06-30", 0)
        let history = EngineTests.flights()
        let viaText = try RuleEngine.backtest(
            fromText,
            clients: EngineTests.clients(),
            facts: try EngineTests.facts(),
            history: history,
            from: start,
            until: end,
            calendar: EngineTests.calendar
        )
        let viaJSON = try RuleEngine.backtest(
            fromJSON,
            clients: EngineTests.clients(),
            facts: try EngineTests.facts(),
            history: history,
            from: start,
            until: end,
            calendar: EngineTests.calendar
        )
        #expect(!viaText.firings.isEmpty)
        // Firings compare by everything but the source ranges inside the explanations (the
        // condition's offsets differ between the two texts; its wording and values do not).
        func seen(_ r: BacktestReport) -> [String] { r.firings.map { "\($0) | \($0.reason)" } }
        #expect(seen(viaJSON) == seen(viaText))
        // And JSON -> text -> JSON is stable.
        let again = try RuleCompiler.json(fromText: ExampleRules.text)
        #expect(again == json)
    }

    @Test func aJSONRuleReadsLikeItsText() throws {
        let json = """
            {"rules": [{"name": "Big spender", "version": 2, "priority": 10, "owner": "cards",
                        "effective_from": "2026-01-01",
                        "when": "on transaction",
                        "if": "transaction.amount >= 100k CNY and transaction.direction = outflow",
                        "then": ["notify(rm, app, \\"{name} spent {transaction.amount}\\")", "flag(\\"big spend\\")"],
                        "cooldown": "7d", "dedupe_by": "client"}]}
            """
        let rules = try RuleCompiler().compile(json: json)
        let rule = try #require(rules["Big spender"])
        #expect(rule.version == 2)
        #expect(rule.priority == 10)
        #expect(rule.owner == "cards")
        #expect(rule.effectiveFrom == (try? Day(parsing: "2026-01-01")))
        #expect(rule.dedupeKeys == ["client"])
        #expect(rule.conditionText == "transaction.amount >= 100k CNY and transaction.direction = outflow")
    }

    @Test func errorsInsideRuleTextPointIntoTheJSONString() {
        let json = """
            {"rules": [
              {"name": "a", "when": "daily at 08:30", "if": "ageg > 60", "then": ["flag(\\"x\\")"]},
              {"name": "b", "when": "daily at 08:30", "if": "name = \\"Lü\\" and aum > 2026-01-01", "then": "notify(cfo, sms)"}
            ]}
            """
        #expect(
            Self.diagnostics(json) == [
                "2:50 unknown-fact: unknown fact 'ageg'; did you mean 'age'? (at rules[0].if)",
                // Column 68 counts the escaped quotes as written (\" is two columns) and ü as one.
                "3:68 type-mismatch: cannot compare 'aum' (money in CNY) with '2026-01-01' (a date) (at rules[1].if)",
                "3:103 unknown-role: unknown role 'cfo'; recipients are rm, branch_head, service_team or group \"name\" (at rules[1].then)",
            ]
        )
    }

    @Test func structuralErrorsNameTheMember() {
        #expect(
            Self.diagnostics("[1, 2]") == [
                "1:1 syntax: a JSON rule file is an object with a \"rules\" array, not an array (at $)"
            ]
        )
        #expect(
            Self.diagnostics(
                "{\"rules\": [\n {\"name\": \"a\", \"when\": \"daily\", \"then\": [\"flag(\\\"x\\\")\"], \"priorty\": 3, \"version\": \"two\"}]}"
            ) == [
                "2:58 clause: unknown rule member \"priorty\"; did you mean \"priority\"? (at rules[0].priorty)",
                "2:83 syntax: \"version\" must be a whole number from 0, not a string (at rules[0].version)",
            ]
        )
        #expect(
            Self.diagnostics("{\"rules\": [{\"name\": \"a\", \"when\": \"daily\"}]}") == [
                "1:12 clause: a rule needs \"then\" (at rules[0])"
            ]
        )
        let broken = Self.diagnostics("{\"rules\": [\n  {\"name\": \"a\",,}]}")
        #expect(broken.count == 1)
        #expect(broken.first?.hasPrefix("2:16 syntax: this is not valid JSON") == true, "\(broken)")
    }
}
