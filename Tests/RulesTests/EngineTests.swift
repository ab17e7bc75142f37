import CustomerModel
import Foundation
import Rules
import Testing

/// The shipped rule set driven through the engine by events and the clock.
@Suite struct EngineTests {
    static func day(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
    static func cny(_ major: Int64) -> Money { Money(major: major, currency: .cny) }
    static let calendar = BankCalendar.china
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
        calendar.start(of: day(date), plusMinutes: hour * 60 + minute)
    }

    /// Li Wei (C-1): married, household with a spouse and a child, three holdings, AUM down from
    /// 10m to 6.5m in May, five flights in spring. Chen Jie (C-2): no activity since onboarding.
    static func clients() -> [ClientRecord] {
        let li = CustomerProfile(
            id: "C-1",
            kind: .individual,
            name: "Li Wei",
            coverage: Coverage(relationshipManager: "RM-7", branch: "B-1"),
            birthDate: day("1975-07-15"),
            maritalStatus: .married,
            weddingDate: day("2000-06-30"),
            consents: [Consent(purpose: .marketing, isGranted: true, recordedAt: at("2020-01-01", 9))],
            riskAppetite: .balanced,
            onboardedOn: day("2015-07-01")
        )
        let holdings = [
            Holding(
                id: "H-1",
                customer: "C-1",
                product: .wealthManagement,
                productCode: "WM-1",
                balance: cny(3_000_000),
                openedOn: day("2025-12-01"),
                maturesOn: day("2026-07-15")
            ),
            Holding(
                id: "H-2",
                customer: "C-1",
                product: .timeDeposit,
                productCode: "TD-1",
                balance: cny(2_000_000),
                openedOn: day("2025-07-20"),
                maturesOn: day("2026-07-20")
            ),
            Holding(
                id: "H-3",
                customer: "C-1",
                product: .demandDeposit,
                productCode: "DD-1",
                balance: cny(1_500_000),
                openedOn: day("2015-07-01")
            ),
        ]
        let household = [
            HouseholdMember(
                relation: .spouse,
                party: RelatedParty(name: "Zhang Min", birthDate: day("1978-07-01")),
                anniversary: day("2000-06-30")
            ),
            HouseholdMember(
                relation: .child,
                party: RelatedParty(name: "Li Xiao", birthDate: day("2010-06-28")),
                anniversary: nil
            ),
        ]
        let balances = [
            BalanceSnapshot(
                customer: "C-1",
                day: day("2026-05-01"),
                aum: cny(10_000_000),
                deposits: cny(4_000_000),
                investments: cny(6_000_000),
                liabilities: cny(0)
            ),
            BalanceSnapshot(
                customer: "C-1",
                day: day("2026-05-31"),
                aum: cny(6_500_000),
                deposits: cny(3_500_000),
                investments: cny(3_000_000),
                liabilities: cny(0)
            ),
        ]
        let chen = CustomerProfile(
            id: "C-2",
            kind: .individual,
            name: "Chen Jie",
            coverage: Coverage(relationshipManager: "RM-8", branch: "B-1"),
            onboardedOn: day("2020-01-10")
        )
        return [
            ClientRecord(profile: li, holdings: holdings, household: household, balances: balances),
            ClientRecord(profile: chen),
        ]
    }

    /// The clients' tiers on the strategic corporate ladder (as the daily cycle hands them over).
    static func facts() throws -> [any FactSource] {
        var tiers = try TierFacts()
        try tiers.assign("C-1", tier: "key")
        try tiers.assign("C-2", tier: "potential")
        return [tiers]
    }

    static func flights() -> [RuleEvent] {
        ["2026-04-10", "2026-04-25", "2026-05-05", "2026-05-12", "2026-05-20"].enumerated().map { i, date in
            .transaction(
                Transaction(
                    id: TransactionID("F-\(i)"),
                    customer: "C-1",
                    day: day(date),
                    type: .cardSpend,
                    direction: .outflow,
                    amount: cny(8_000),
                    channel: .pos,
                    merchantCategory: .airTravel
                )
            )
        }
    }

    static func engine() throws -> RuleEngine {
        var engine = try RuleEngine(
            rules: try ExampleRules.compiled(),
            clients: clients(),
            facts: try facts(),
            calendar: calendar,
            start: at("2026-05-31", 12)
        )
        try engine.absorb(flights())
        return engine
    }

    static func summary(_ firings: [RuleFiring]) -> [String] {
        firings.map { "\($0.at) \($0.rule) \($0.client)" }
    }

    @Test func eventsFireTheirRulesOnceAndWithReasons() throws {
        var engine = try Self.engine()
        let inflow = Transaction(
            id: "T-1",
            customer: "C-1",
            day: Self.day("2026-06-01"),
            secondOfDay: 36_000,
            type: .deposit,
            direction: .inflow,
            amount: Self.cny(2_000_000),
            channel: .branch
        )
        let first = try engine.record(.transaction(inflow))
        #expect(Self.summary(first) == ["2026-06-01T02:00:00.000Z Large inflow C-1"])
        #expect(
            first.first?.actions == [
                .task(
                    recipient: .relationshipManager,
                    title:
                        "Call Li Wei today: CNY 2000000.00 came in on 2026-06-01. Discuss investing it (AUM now CNY 6500000.00).",
                    dueOn: Self.day("2026-06-02")
                ),
                .notify(
                    recipient: .relationshipManager,
                    channel: .workbench,
                    message: "Large inflow for Li Wei: CNY 2000000.00"
                ),
            ]
        )
        #expect(first.first?.cause == "on transaction T-1")
        #expect(
            first.first?.reason.condition?.parts.map(\.text) == [
                "transaction.direction = inflow", "transaction.amount >= 1m CNY",
                "transaction.type in [deposit, transfer_in, investment_redemption]",
            ]
        )
        // The same cause on the same day is not alerted twice.
        var second = inflow
        second.id = "T-2"
        #expect(try engine.record(.transaction(second)).isEmpty)
        // An outflow, a severe and a minor complaint, a failed transaction.
        let outflow = Transaction(
            id: "T-3",
            customer: "C-1",
            day: Self.day("2026-06-01"),
            type: .transferOut,
            direction: .outflow,
            amount: Self.cny(1_200_000),
            channel: .mobile
        )
        #expect(
            Self.summary(try engine.record(.transaction(outflow))) == ["2026-05-31T16:00:00.000Z Large outflow C-1"]
        )
        let severe = Interaction(
            id: "I-1",
            customer: "C-2",
            at: Self.at("2026-06-01", 11),
            day: Self.day("2026-06-01"),
            channel: .call,
            detail: .complaint(category: "fees", severity: 3, resolvedOn: nil)
        )
        let severeFirings = try engine.record(.interaction(severe))
        #expect(Self.summary(severeFirings) == ["2026-06-01T03:00:00.000Z Severe complaint escalation C-2"])
        #expect(
            severeFirings.first?.actions.map(\.description) == [
                "open process \"incident\"(category, severity, escalated)",
                "notify group \"regional service quality\" by sms",
                "notify branch_head by sms",
            ]
        )
        let minor = Interaction(
            id: "I-2",
            customer: "C-1",
            at: Self.at("2026-06-01", 12),
            day: Self.day("2026-06-01"),
            channel: .branch,
            detail: .complaint(category: "queue", severity: 1, resolvedOn: nil)
        )
        #expect(
            Self.summary(try engine.record(.interaction(minor))) == ["2026-06-01T04:00:00.000Z Complaint incident C-1"]
        )
        let failed = Transaction(
            id: "T-4",
            customer: "C-2",
            day: Self.day("2026-06-01"),
            type: .transferOut,
            direction: .outflow,
            amount: Self.cny(50_000),
            channel: .mobile
        )
        let failedFirings = try engine.record(.failedTransaction(failed))
        #expect(Self.summary(failedFirings) == ["2026-05-31T16:00:00.000Z Failed transaction incident C-2"])
        #expect(
            failedFirings.first?.actions.last
                == .notify(
                    recipient: .relationshipManager,
                    channel: .workbench,
                    message: "A transfer_out of CNY 50000.00 by Chen Jie failed on 2026-06-01; call the client"
                )
        )
        // Unknown clients are a typed error.
        var stranger = inflow
        stranger.customer = "C-9"
        let error = #expect(throws: RuleEngineError.self) { try engine.record(.transaction(stranger)) }
        #expect(error?.code == .unknownClient)
    }

    @Test func theClockRunsSchedulesDatesAndStreaksInTimeOrder() throws {
        var engine = try Self.engine()
        let firstDay = engine.tick(until: Self.at("2026-06-01", 23, 59))
        #expect(
            Self.summary(firstDay) == [
                "2026-05-31T16:00:00.000Z Dormant warning C-2",
                "2026-06-01T00:30:00.000Z AUM drop alert C-1",
                "2026-06-01T01:00:00.000Z Birthday care C-1",
                "2026-06-01T01:00:00.000Z Signing anniversary C-1",
                "2026-06-01T01:00:00.000Z Frequent flyer C-1",
            ]
        )
        #expect(
            firstDay[0].actions == [
                .flag(name: "dormant warning"), .addTag(name: "dormant warning", expiresOn: Self.day("2026-08-29")),
                .openProcess(
                    name: "dormant reactivation",
                    parameters: [
                        ProcessParameter(name: "since", value: .missing),
                        ProcessParameter(name: "aum", value: .money(Self.cny(0))),
                    ]
                ),
            ]
        )
        #expect(
            firstDay[1].actions == [
                .notify(
                    recipient: .relationshipManager,
                    channel: .sms,
                    message: "AUM of Li Wei fell -35% in 30 days, to CNY 6500000.00"
                ),
                .notify(
                    recipient: .branchHead,
                    channel: .sms,
                    message: "AUM of a key client of RM-7 fell -35% in 30 days"
                ),
            ]
        )
        #expect(
            firstDay[1].reason.condition?.parts.first?.values == [
                TracedValue(expression: "aum.change(30d)", value: .percent(-0.35))
            ]
        )
        #expect(firstDay[2].cause == "30 days before birthday (spouse) on 2026-07-01")
        guard case .task(_, let title, _)? = firstDay[2].actions.first else {
            Issue.record("birthday care should create a task")
            return
        }
        #expect(title.hasPrefix("Birthday of Zhang Min (spouse of Li Wei) on 2026-07-01, turning 48."))
        #expect(
            firstDay[4].actions.first
                == .task(
                    recipient: .relationshipManager,
                    title:
                        "Li Wei flew 5 times in 90 days: offer a premium card, airport lounge access and travel insurance.",
                    dueOn: Self.day("2026-06-15")
                )
        )
        // The rest of June: cooldowns hold the AUM alert and the dormancy flag back.
        let june = engine.tick(until: Self.at("2026-06-30", 23, 59))
        #expect(
            Self.summary(june) == [
                "2026-06-15T01:00:00.000Z Birthday care C-1",
                "2026-06-20T01:00:00.000Z New private fund recommendation C-1",
                "2026-06-24T01:00:00.000Z Maturity reminder C-1",
                "2026-06-24T01:00:00.000Z Renewal flow C-1",
            ]
        )
        #expect(june[1].cause == "30 days before maturity of TD-1 on 2026-07-20")
        #expect(
            june[3].actions == [
                .openProcess(
                    name: "renewal",
                    parameters: [
                        ProcessParameter(name: "holding", value: .text("WM-1")),
                        ProcessParameter(name: "product", value: .enumeration("wealth_management")),
                        ProcessParameter(name: "amount", value: .money(Self.cny(3_000_000))),
                        ProcessParameter(name: "matures", value: .day(Self.day("2026-07-15"))),
                    ]
                )
            ]
        )
        // July: the 7 and 3 business-day reminders. AUM has been flat for 30 days, so no AUM alert.
        let july = engine.tick(until: Self.at("2026-07-10", 23, 59))
        #expect(
            Self.summary(july) == [
                "2026-07-06T01:00:00.000Z Maturity reminder C-1",
                "2026-07-10T01:00:00.000Z Maturity reminder C-1",
            ]
        )
        #expect(
            july[1].actions.first
                == .notify(
                    recipient: .relationshipManager,
                    channel: .workbench,
                    message: "wealth_management WM-1 of Li Wei (CNY 3000000.00) matures on 2026-07-15, 5 days from now"
                )
        )
        // Ticking again over the same time runs nothing.
        #expect(engine.tick(until: Self.at("2026-07-10", 23, 59)).isEmpty)
    }

    @Test func windowsMoveWithTheClockWithoutRescanning() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "busy" when on transaction
              if count(transactions where direction = outflow, 7d) >= 3 and sum(transactions where direction = outflow, 7d) > 25k CNY
              then flag("busy")
              cooldown 1d
            end
            """
        )
        let client = ClientRecord(
            profile: CustomerProfile(
                id: "C-1",
                kind: .individual,
                name: "A",
                coverage: Coverage(relationshipManager: nil, branch: "B")
            )
        )
        var engine = try RuleEngine(
            rules: rules,
            clients: [client],
            calendar: Self.calendar,
            start: Self.at("2026-06-01", 0)
        )
        func spend(_ id: String, _ date: String, _ amount: Int64) throws -> [String] {
            let t = Transaction(
                id: TransactionID(id),
                customer: "C-1",
                day: Self.day(date),
                type: .cardSpend,
                direction: .outflow,
                amount: Self.cny(amount),
                channel: .pos
            )
            return try engine.record(.transaction(t)).map {
                "\($0.day) \($0.reason.condition?.parts.map { $0.values.map(\.value.description) } ?? [])"
            }
        }
        #expect(try spend("a", "2026-06-01", 10_000).isEmpty)
        #expect(try spend("b", "2026-06-03", 10_000).isEmpty)
        #expect(try spend("c", "2026-06-07", 10_000) == ["2026-06-07 [[\"3\"], [\"CNY 30000.00\"]]"])
        // On 06-08 the 06-01 spend has left the 7-day window.
        #expect(try spend("d", "2026-06-08", 1_000).isEmpty)
        #expect(try spend("e", "2026-06-09", 20_000) == ["2026-06-09 [[\"4\"], [\"CNY 41000.00\"]]"])
    }
}

@Suite struct BacktestTests {
    @Test func aBacktestReplaysHistoryAndComparesTwoVersions() throws {
        let history: [RuleEvent] =
            EngineTests.flights() + [
                .transaction(
                    Transaction(
                        id: "T-1",
                        customer: "C-1",
                        day: EngineTests.day("2026-06-03"),
                        type: .deposit,
                        direction: .inflow,
                        amount: EngineTests.cny(1_500_000),
                        channel: .branch
                    )
                ),
                .transaction(
                    Transaction(
                        id: "T-2",
                        customer: "C-1",
                        day: EngineTests.day("2026-06-05"),
                        type: .transferOut,
                        direction: .outflow,
                        amount: EngineTests.cny(1_100_000),
                        channel: .mobile
                    )
                ),
            ]
        let start = EngineTests.at("2026-05-31", 12)
        let end = EngineTests.at("2026-06-10", 0)
        let current = try RuleEngine.backtest(
            try ExampleRules.compiled(),
            clients: EngineTests.clients(),
            facts: try EngineTests.facts(),
            history: history,
            from: start,
            until: end,
            calendar: EngineTests.calendar
        )
        #expect(
            current.countsByRule == [
                "Dormant warning": 1, "AUM drop alert": 1, "Birthday care": 1, "Signing anniversary": 1,
                "Frequent flyer": 1,
                "Large inflow": 1, "Large outflow": 1,
            ]
        )
        #expect(current.firings.map(\.day) == current.firings.map(\.day).sorted())
        // Version 3 of the movement rules raises the threshold to 1.2m: the inflow still fires, the outflow no longer.
        let next = ExampleRules.text.replacingOccurrences(
            of: "transaction.direction = outflow and transaction.amount >= 1m CNY",
            with: "transaction.direction = outflow and transaction.amount >= 1.2m CNY"
        )
        let proposed = try RuleEngine.backtest(
            try RuleCompiler().compile(next),
            clients: EngineTests.clients(),
            facts: try EngineTests.facts(),
            history: history,
            from: start,
            until: end,
            calendar: EngineTests.calendar
        )
        #expect(
            current.compared(with: proposed) == [
                BacktestDifference(
                    rule: "Large outflow",
                    firingsBefore: 1,
                    firingsAfter: 0,
                    onlyBefore: ["C-1"],
                    onlyAfter: []
                )
            ]
        )
    }

    @Test func explainingARuleThatDidNotFire() throws {
        var engine = try EngineTests.engine()
        let explanation = try engine.explain(
            "New private fund recommendation",
            for: "C-2",
            on: EngineTests.day("2026-06-20")
        )
        #expect(!explanation.holds)
        #expect(
            explanation.failures.map(\.text) == [
                "aum > 5m CNY", "risk_appetite >= steady", "maturity.amount >= 1m CNY", "consent.marketing",
            ]
        )
        #expect(
            explanation.failures.first?.values == [TracedValue(expression: "aum", value: .money(EngineTests.cny(0)))]
        )
        let error = #expect(throws: RuleEngineError.self) {
            try engine.explain("No such rule", for: "C-1", on: EngineTests.day("2026-06-20"))
        }
        #expect(error?.code == .invalidValue)
    }
}
