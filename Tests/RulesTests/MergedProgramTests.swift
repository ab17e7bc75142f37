import CustomerModel
import Testing

@testable import Rules

/// The engine's fused program must answer exactly as each rule's own program does.
@Suite struct MergedProgramTests {
    @Test func fusedConditionsAgreeWithEachRule() throws {
        let conditions = [
            "aum > 2m CNY and tier in [core, key]",
            "aum.change(30d) < -20% or count(transactions where direction = outflow, 30d) >= 5",
            "risk_appetite >= balanced and not consent.marketing", "score * 2 - 30 > 100 or score is missing",
            "sum(transactions where type = transfer_out, 30d) / aum > 25%",
            "industry in [\"energy\", \"mining\"] or \"vip\" in tags",
            "today - 1mo > birth_date and aum / 3 < 1m CNY",
        ]
        var text = conditions.enumerated().map {
            "rule \"c\($0.offset)\" when on transaction if \($0.element) then flag(\"x\") end"
        }
        .joined(separator: "\n")
        text += "\nrule \"always\" when on transaction then flag(\"y\") end"
        let rules = try RuleCompiler().compile(text)
        var frame = rules.makeFrame(rows: 400)
        frame.prepare(for: rules.rules.flatMap(\.programs))
        var generator = SplitMix(seed: 3)
        for row in 0..<400 {
            if generator.next() % 8 != 0 {
                try frame.set(
                    "aum",
                    row: row,
                    to: .money(Money(minorUnits: Int64(generator.next() % 800_000_000), currency: .cny))
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
                "risk_appetite",
                row: row,
                to: .enumeration(EnumerationType.riskAppetite.values[Int(generator.next() % 5)])
            )
            if generator.next() % 2 == 0 {
                try frame.set("consent.marketing", row: row, to: .bool(generator.next() % 2 == 0))
            }
            if generator.next() % 3 != 0 {
                try frame.set("score", row: row, to: .number(Double(generator.next() % 100)))
            }
            try frame.set("industry", row: row, to: .text(["energy", "mining", "retail"][Int(generator.next() % 3)]))
            try frame.set("tags", row: row, to: .tags(generator.next() % 4 == 0 ? ["vip"] : []))
            try frame.set("birth_date", row: row, to: .day(Day(number: Int32(20_000 + generator.next() % 800))))
        }
        let evaluation = EvaluationDay(Day(year: 2026, month: 3, day: 31)!)
        let programs = rules.rules.map { rule in rule.condition.map { ($0, $0.bound(to: frame, on: evaluation)) } }
        // Straight-line, and short-circuiting (conjuncts cheapest first, shared tests hoisted).
        for merged in [MergedProgram(programs), MergedProgram(programs, shortCircuit: true)] {
            let plan = ScalarPlan(merged.program, code: merged.program.code)
            var machine = ScalarMachine()
            for row in 0..<400 {
                machine.run(plan, frame: frame, row: row, calendar: evaluation.calendar)
                for (index, rule) in rules.rules.enumerated() {
                    let fused = merged.holds(index, in: machine.bools)
                    #expect(
                        fused == (try rules.holds(rule, in: frame, row: row, on: evaluation)),
                        "\(rule.name) row \(row)"
                    )
                }
            }
        }
    }

    /// Shared tests run once, a test decided by a known fact value is folded, and a rule whose
    /// first conjunct is false stops there: the answers stay those of each rule's own program.
    @Test func shortCircuitWithSharedAndKnownTestsAgreesWithEachRule() throws {
        let conditions = [
            "transaction.direction = outflow and transaction.amount > 5k CNY and tier in [core, key]",
            "transaction.direction = outflow and transaction.amount > 50k CNY",
            "transaction.overseas and transaction.amount > 1k CNY and risk_appetite >= steady",
            "transaction.overseas and (tier = core or transaction.amount > 9k CNY)",
            "transaction.direction = inflow and aum < 3m CNY",
            "not (transaction.direction = inflow) or aum > 6m CNY",
        ]
        let text = conditions.enumerated().map {
            "rule \"c\($0.offset)\" when on transaction if \($0.element) then flag(\"x\") end"
        }
        .joined(separator: "\n")
        let rules = try RuleCompiler().compile(text)
        var frame = rules.makeFrame(rows: 300)
        var generator = SplitMix(seed: 11)
        let outflow = Int64(EnumerationType.direction.ordinal(of: "outflow") ?? 0)
        for row in 0..<300 {
            try frame.set("transaction.direction", row: row, to: .enumeration("outflow"))
            if generator.next() % 6 != 0 {
                try frame.set(
                    "transaction.amount",
                    row: row,
                    to: .money(Money(minorUnits: Int64(generator.next() % 10_000_000), currency: .cny))
                )
            }
            try frame.set("transaction.overseas", row: row, to: .bool(generator.next() % 3 == 0))
            if generator.next() % 5 != 0 {
                try frame.set(
                    "tier",
                    row: row,
                    to: .enumeration(
                        EnumerationType.tier.values[Int(generator.next() % UInt64(EnumerationType.tier.values.count))]
                    )
                )
            }
            try frame.set(
                "risk_appetite",
                row: row,
                to: .enumeration(EnumerationType.riskAppetite.values[Int(generator.next() % 5)])
            )
            try frame.set(
                "aum",
                row: row,
                to: .money(Money(minorUnits: Int64(generator.next() % 900_000_000), currency: .cny))
            )
        }
        let evaluation = EvaluationDay(Day(year: 2026, month: 3, day: 31)!)
        let programs = rules.rules.map { rule in rule.condition.map { ($0, $0.bound(to: frame, on: evaluation)) } }
        let direction = try #require(rules.layout.column(of: .attribute("transaction.direction")))
        let merged = MergedProgram(programs, shortCircuit: true, known: [direction.index: outflow])
        // Fewer instructions than the straight-line fusion: the folded and shared tests are gone.
        #expect(
            merged.program.code.filter { $0.op != .jumpUnless && $0.op != .constB }.count
                < MergedProgram(programs).program.code.count
        )
        let plan = ScalarPlan(merged.program, code: merged.program.code)
        var machine = ScalarMachine()
        var held = 0
        for row in 0..<300 {
            machine.run(plan, frame: frame, row: row, calendar: evaluation.calendar)
            for (index, rule) in rules.rules.enumerated() {
                let fused = merged.holds(index, in: machine.bools)
                let expected = try rules.holds(rule, in: frame, row: row, on: evaluation)
                #expect(fused == expected, "\(rule.name) row \(row)")
                if expected { held += 1 }
            }
        }
        #expect(held > 100)
    }
}
