import CustomerModel
import Rules
import Testing

@Suite struct ExampleRulesTests {
    @Test func theShippedRuleSetCompilesCleanly() throws {
        #expect(RuleCompiler().check(ExampleRules.text, file: ExampleRules.fileName).map(\.description) == [])
        let rules = try ExampleRules.compiled()
        #expect(rules.rules.count == 17)
        #expect(
            rules.rules.prefix(4).map(\.name) == [
                "Complaint incident", "Severe complaint escalation", "Failed transaction incident", "Large outflow",
            ]
        )
    }

    @Test func triggersAreTheOnesTheDomainAsksFor() throws {
        let rules = try ExampleRules.compiled()
        func trigger(_ name: String) -> String { rules[name]?.trigger.description ?? "?" }
        #expect(trigger("AUM drop alert") == "daily at 08:30")
        #expect(
            trigger("Maturity reminder")
                == "15, 7 and 3 business days before each maturity of insurance, loan, wealth_management at 09:00"
        )
        #expect(trigger("Birthday care") == "30 days before each birthday in household at 09:00")
        #expect(trigger("Dormant warning") == "3 consecutive months with no transaction")
        #expect(trigger("Complaint incident") == "on complaint")
        #expect(trigger("Failed transaction incident") == "on failed transaction")
        #expect(trigger("Frequent flyer") == "monthly on 1 at 09:00")
        #expect(trigger("Diamond client moved down") == "on tier change")
        #expect(rules["Diamond client moved down"]?.tierChange == TierChangeFilter(from: "diamond", direction: .down))
        #expect(
            rules["Diamond client moved down"]?.description
                == "\"Diamond client moved down\" v1 (on tier change from \"diamond\" down)"
        )
        #expect(trigger("Valuable client at risk") == "weekly on monday at 08:00")
        #expect(rules["AUM drop alert"]?.cooldown == DurationLiteral(30, .days))
        #expect(rules["Maturity reminder"]?.dedupeKeys == ["client", "maturity.holding", "maturity.offset"])
    }

    @Test func theCampaignRuleExplainsItsDecision() throws {
        let rules = try ExampleRules.compiled()
        let rule = try #require(rules["New private fund recommendation"])
        var frame = rules.makeFrame(rows: 1)
        try frame.set("name", row: 0, to: .text("Wang Fang"))
        try frame.set("aum", row: 0, to: .money(Money(major: 7_200_000, currency: .cny)))
        try frame.set("tier", row: 0, to: .enumeration("key"))
        try frame.set("risk_appetite", row: 0, to: .enumeration("balanced"))
        try frame.set("consent.marketing", row: 0, to: .bool(true))
        try frame.set("maturity.amount", row: 0, to: .money(Money(major: 2_000_000, currency: .cny)))
        try frame.set("maturity.date", row: 0, to: .day(Day(year: 2026, month: 7, day: 1)!))
        let day = EvaluationDay(Day(year: 2026, month: 6, day: 1)!)
        #expect(try rules.holds(rule, in: frame, row: 0, on: day))
        let actions = try rules.actions(of: rule, in: frame, row: 0, on: day)
        guard case .task(.relationshipManager, let title, let due)? = actions.first else {
            Issue.record("expected a task for the RM, got \(actions)")
            return
        }
        #expect(
            title.hasPrefix(
                "New private fund recommendation for Wang Fang (key, risk appetite balanced, AUM CNY 7200000.00). Reason: CNY 2000000.00 deposit matures on 2026-07-01."
            )
        )
        #expect(due == Day(year: 2026, month: 6, day: 15))
        try frame.set("risk_appetite", row: 0, to: .enumeration("conservative"))
        let explanation = try rules.explain(rule, in: frame, row: 0, on: day)
        #expect(explanation.failures.map(\.text) == ["risk_appetite >= steady"])
    }
}
