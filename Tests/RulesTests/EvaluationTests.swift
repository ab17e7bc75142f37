import CustomerModel
import Rules
import Testing

/// Evaluation semantics through the public API, on both the one-row and the batch path.
@Suite struct EvaluationTests {
    static let day = Day(year: 2026, month: 5, day: 29)!  // a Friday
    static let evaluation = EvaluationDay(day, calendar: .china)

    static func cny(_ major: Int64) -> FactValue { .money(Money(major: major, currency: .cny)) }

    /// Compiles `conditions` as rules named c0, c1 ... and evaluates each on every row of a frame
    /// filled by `fill`; returns per rule the rows that hold, checking the batch path agrees.
    static func holding(
        _ conditions: [String],
        rows: Int,
        on evaluation: EvaluationDay = evaluation,
        fill: (inout FactFrame) throws -> Void
    ) throws -> [[Int]] {
        let text = conditions.enumerated().map {
            "rule \"c\($0.offset)\" when daily if \($0.element) then flag(\"x\") end"
        }
        .joined(separator: "\n")
        let rules = try RuleCompiler().compile(text)
        var frame = rules.makeFrame(rows: rows)
        try fill(&frame)
        let batch = try rules.evaluate(frame, on: evaluation)
        return try conditions.indices.map { i in
            let rule = try #require(rules["c\(i)"])
            let scalar = try (0..<rows).filter { try rules.holds(rule, in: frame, row: $0, on: evaluation) }
            #expect(
                batch.rows(of: "c\(i)").map(Int.init) == scalar,
                "batch and one-row paths disagree on \(conditions[i])"
            )
            return scalar
        }
    }

    @Test func missingValuesFollowOneRule() throws {
        // Row 0: AUM 6m; row 1: AUM missing.
        let result = try Self.holding(
            [
                "aum > 5m CNY", "not (aum > 5m CNY)", "aum != 5m CNY", "aum is missing", "aum is not missing",
                "aum = aum",
                "aum + 1m CNY > 5m CNY", "tier in [core, key]", "tier not in [core, key]",
            ],
            rows: 2
        ) { frame in
            try frame.set("aum", row: 0, to: Self.cny(6_000_000))
            try frame.set("tier", row: 0, to: .enumeration("potential"))
        }
        #expect(result == [[0], [1], [0], [1], [0], [0], [0], [], [0]])
    }

    @Test func divisionByZeroAndOverflowAreMissing() throws {
        let result = try Self.holding(
            [
                "aum.deposits / aum > 50%", "(aum.deposits / aum) is missing", "aum + aum > 0", "aum * 2 > 0",
                "score / 0 > 1", "(score / 0) is missing",
            ],
            rows: 3
        ) { frame in
            try frame.set("aum", row: 0, to: Self.cny(1_000))
            try frame.set("aum.deposits", row: 0, to: Self.cny(600))
            try frame.set("aum", row: 1, to: .money(Money(minorUnits: 0, currency: .cny)))
            try frame.set("aum.deposits", row: 1, to: Self.cny(600))
            try frame.set("aum", row: 2, to: .money(Money(minorUnits: Int64.max / 2 + 1, currency: .cny)))
            try frame.set("aum.deposits", row: 2, to: Self.cny(1))
            try frame.set("score", row: 0, to: .number(50))
        }
        #expect(result == [[0], [1], [0], [0], [], [0, 1, 2]])
    }

    @Test func durationsCountBackFromTheEvaluationDay() throws {
        // 2026-05-29 minus 3 months is 2026-02-28: 90 days. 10 business days back is 2026-05-15.
        let result = try Self.holding(
            ["days_since(last transaction) > 3mo", "days_since(last transaction) >= 10bd", "today - 14d = 2026-05-15"],
            rows: 4
        ) { frame in
            for (row, days) in [(0, 91), (1, 90), (2, 14), (3, 13)] {
                try frame.set(.daysSince(.transaction), row: row, to: .duration(days: Int64(days)))
            }
        }
        #expect(result == [[0], [0, 1, 2], [0, 1, 2, 3]])
        // The same rule on a day when business days cross a holiday.
        var calendar = BankCalendar.china
        calendar.holidays = [Day(year: 2026, month: 5, day: 20)!]
        let shifted = try Self.holding(
            ["days_since(last transaction) >= 10bd"],
            rows: 2,
            on: EvaluationDay(Self.day, calendar: calendar)
        ) { frame in
            try frame.set(.daysSince(.transaction), row: 0, to: .duration(days: 14))
            try frame.set(.daysSince(.transaction), row: 1, to: .duration(days: 15))
        }
        #expect(shifted == [[1]])
    }

    @Test func textTagsAndOrderedEnumerations() throws {
        let result = try Self.holding(
            [
                "industry = \"healthcare\"", "industry in [\"energy\", \"healthcare\"]", "industry not in [\"energy\"]",
                "\"vip\" in tags", "\"vip\" not in tags", "risk_appetite >= steady", "credit_rating >= bbb",
                "industry = \"mining\"",
            ],
            rows: 3
        ) { frame in
            try frame.set("industry", row: 0, to: .text("healthcare"))
            try frame.set("industry", row: 1, to: .text("energy"))
            try frame.set("tags", row: 0, to: .tags(["vip", "frequent flyer"]))
            try frame.set("tags", row: 1, to: .tags(["frequent flyer"]))
            try frame.set("risk_appetite", row: 0, to: .enumeration("conservative"))
            try frame.set("risk_appetite", row: 1, to: .enumeration("steady"))
            try frame.set("risk_appetite", row: 2, to: .enumeration("aggressive"))
            try frame.set("credit_rating", row: 0, to: .enumeration("aa"))
            try frame.set("credit_rating", row: 1, to: .enumeration("bb"))
        }
        #expect(result == [[0], [0, 1], [0], [0], [1, 2], [1, 2], [0], []])
    }

    @Test func storedBooleansAndArithmetic() throws {
        let result = try Self.holding(
            [
                "consent.marketing", "not consent.marketing", "consent.marketing = false",
                "consent.marketing and aum * 10% > 50k CNY",
                "score - score.change(90d) >= 60", "aum / 2 >= 300k CNY",
            ],
            rows: 3
        ) { frame in
            try frame.set("consent.marketing", row: 0, to: .bool(true))
            try frame.set("consent.marketing", row: 1, to: .bool(false))
            try frame.set("aum", row: 0, to: Self.cny(600_000))
            try frame.set("score", row: 0, to: .number(70))
            try frame.set(.windowed("score.change", DurationLiteral(90, .days)), row: 0, to: .number(-5))
            try frame.set("score", row: 1, to: .number(55))
            try frame.set(.windowed("score.change", DurationLiteral(90, .days)), row: 1, to: .number(-5))
        }
        #expect(result == [[0], [1, 2], [1], [0], [0, 1], [0]])
    }

    @Test func actionsFillPlaceholdersAndDates() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "AUM drop alert"
              when daily at 08:30
              if aum.change(30d) < -20%
              then notify(rm, sms, "AUM of {name} fell {aum.change(30d)} to {aum}; last contact {days_since(last contact)} ago"),
                   notify(branch_head, sms),
                   task(group "wealth desk", "Call {name} before {today + 3bd}", 3bd),
                   open_process("retention", aum: aum, change: aum.change(30d), tier: tier, since: days_since(last contact)),
                   add_tag("aum drop", 30d), remove_tag("growing"), flag("churn watch")
            end
            """
        )
        var frame = rules.makeFrame(rows: 1)
        try frame.set("name", row: 0, to: .text("Li Wei"))
        try frame.set(.windowed("aum.change", DurationLiteral(30, .days)), row: 0, to: .percent(-0.234))
        try frame.set("aum", row: 0, to: .money(Money(minorUnits: 123_456_78, currency: .cny)))
        try frame.set("tier", row: 0, to: .enumeration("key"))
        let rule = try #require(rules["AUM drop alert"])
        #expect(try rules.holds(rule, in: frame, row: 0, on: Self.evaluation))
        let actions = try rules.actions(of: rule, in: frame, row: 0, on: Self.evaluation)
        #expect(
            actions == [
                .notify(
                    recipient: .relationshipManager,
                    channel: .sms,
                    message: "AUM of Li Wei fell -23.4% to CNY 123456.78; last contact n/a ago"
                ),
                .notify(recipient: .branchHead, channel: .sms, message: "Rule \"AUM drop alert\" fired on 2026-05-29"),
                .task(
                    recipient: .group("wealth desk"),
                    title: "Call Li Wei before 2026-06-03",
                    dueOn: Day(year: 2026, month: 6, day: 3)
                ),
                .openProcess(
                    name: "retention",
                    parameters: [
                        ProcessParameter(name: "aum", value: .money(Money(minorUnits: 123_456_78, currency: .cny))),
                        ProcessParameter(name: "change", value: .percent(-0.234)),
                        ProcessParameter(name: "tier", value: .enumeration("key")),
                        ProcessParameter(name: "since", value: .missing),
                    ]
                ),
                .addTag(name: "aum drop", expiresOn: Day(year: 2026, month: 6, day: 27)),
                .removeTag(name: "growing"), .flag(name: "churn watch"),
            ]
        )
    }

    @Test func explanationsNameTheFailingPartsAndTheirValues() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "Campaign"
              when daily
              if aum > 5m CNY and (risk_appetite >= steady or "pi" in tags) and not consent.marketing
              then flag("x")
            end
            """
        )
        var frame = rules.makeFrame(rows: 2)
        try frame.set("aum", row: 0, to: Self.cny(4_000_000))
        try frame.set("risk_appetite", row: 0, to: .enumeration("conservative"))
        try frame.set("consent.marketing", row: 0, to: .bool(false))
        try frame.set("aum", row: 1, to: Self.cny(8_000_000))
        try frame.set("risk_appetite", row: 1, to: .enumeration("growth"))
        let rule = try #require(rules["Campaign"])
        let failed = try rules.explain(rule, in: frame, row: 0, on: Self.evaluation)
        #expect(!failed.holds)
        #expect(failed.failures.map(\.text) == ["aum > 5m CNY", "risk_appetite >= steady", "\"pi\" in tags"])
        #expect(
            failed.failures.map { $0.values.map { "\($0.expression) = \($0.value)" } } == [
                ["aum = CNY 4000000.00"], ["risk_appetite = conservative"], ["tags = []"],
            ]
        )
        #expect(failed.condition?.parts.map(\.holds) == [false, false, true])
        let passed = try rules.explain(rule, in: frame, row: 1, on: Self.evaluation)
        #expect(passed.holds)
        #expect(passed.failures.isEmpty)
        #expect(passed.condition?.parts.last?.parts.first?.values.first?.value == .missing)
        #expect(passed.description.contains("[true]  aum > 5m CNY   (aum = CNY 8000000.00)"))
    }

    @Test func effectiveDatesPriorityOrderAndLayoutChecks() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "later" when daily then flag("a") end
            rule "urgent" priority 10 when daily then flag("b") end
            rule "expired" priority 10 effective until 2026-05-28 when daily then flag("c") end
            rule "future" effective from 2026-06-01 when daily if aum > 1 CNY then flag("d") end
            """
        )
        #expect(rules.rules.map(\.name) == ["urgent", "expired", "later", "future"])
        let frame = rules.makeFrame(rows: 2)
        let matches = try rules.evaluate(frame, on: Self.evaluation)
        #expect(matches.rules.map(\.name) == ["urgent", "later"])
        #expect([matches.rows(at: 0), matches.rows(at: 1)] == [[0, 1], [0, 1]])
        #expect(matches.count == 4)
        let expired = try #require(rules["expired"])
        #expect(try !rules.holds(expired, in: frame, row: 0, on: Self.evaluation))
        let other = try RuleCompiler().compile("rule \"x\" when daily if age > 3 then flag(\"x\") end")
        let error = #expect(throws: FactFrameError.self) { try other.evaluate(frame, on: Self.evaluation) }
        #expect(error?.code == .layoutMismatch)
    }

    @Test func frameRejectsValuesOfTheWrongType() throws {
        let rules = try RuleCompiler().compile(
            "rule \"x\" when daily if aum > 1m CNY and tier = core then flag(\"x\") end"
        )
        var frame = rules.makeFrame(rows: 1)
        #expect(throws: FactFrameError.self) {
            try frame.set("aum", row: 0, to: .money(Money(major: 1, currency: .usd)))
        }
        #expect(throws: FactFrameError.self) { try frame.set("aum", row: 0, to: .number(3)) }
        #expect(throws: FactFrameError.self) { try frame.set("tier", row: 0, to: .enumeration("silver")) }
        #expect(throws: FactFrameError.self) { try frame.set("age", row: 0, to: .count(3)) }
        #expect(throws: FactFrameError.self) { try frame.set("aum", row: 1, to: Self.cny(1)) }
        #expect(frame.value(.attribute("aum"), row: 0) == .missing)
    }

    @Test func batchAgreesWithOneRowPathOnManyRows() throws {
        var generator = SplitMix(seed: 7)
        let conditions = [
            "aum > 2m CNY and tier in [core, key]",
            "aum.change(30d) < -20% or count(transactions where direction = outflow, 30d) >= 5",
            "risk_appetite >= balanced and not consent.marketing", "score * 2 - 30 > 100 or score is missing",
            "sum(transactions where type = transfer_out, 30d) / aum > 25%",
        ]
        let rows = 3_000
        _ = try Self.holding(conditions, rows: rows) { frame in
            for row in 0..<rows {
                if generator.next() % 10 != 0 {
                    try frame.set(
                        "aum",
                        row: row,
                        to: .money(Money(minorUnits: Int64(generator.next() % 500_000_000), currency: .cny))
                    )
                }
                try frame.set(
                    "tier",
                    row: row,
                    to: .enumeration(
                        EnumerationType.tier.values[Int(generator.next() % UInt64(EnumerationType.tier.values.count))]
                    )
                )
                try frame.set(
                    .windowed("aum.change", DurationLiteral(30, .days)),
                    row: row,
                    to: .percent(Double(Int(generator.next() % 100)) / 100 - 0.5)
                )
                try frame.set(
                    .aggregate(
                        AggregateFact(
                            function: .count,
                            source: .transactions,
                            filter: .compare(.direction, .equal, 1),
                            window: DurationLiteral(30, .days)
                        )
                    ),
                    row: row,
                    to: .count(Int64(generator.next() % 8))
                )
                try frame.set(
                    "risk_appetite",
                    row: row,
                    to: .enumeration(EnumerationType.riskAppetite.values[Int(generator.next() % 5)])
                )
                if generator.next() % 3 == 0 {
                    try frame.set("consent.marketing", row: row, to: .bool(generator.next() % 2 == 0))
                }
                if generator.next() % 4 != 0 {
                    try frame.set("score", row: row, to: .number(Double(generator.next() % 100)))
                }
                try frame.set(
                    .aggregate(
                        AggregateFact(
                            function: .sum,
                            source: .transactions,
                            filter: .compare(.type, .equal, 3),
                            window: DurationLiteral(30, .days)
                        )
                    ),
                    row: row,
                    to: .money(Money(minorUnits: Int64(generator.next() % 100_000_000), currency: .cny))
                )
            }
        }
    }
}

/// A small seeded generator for test data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
