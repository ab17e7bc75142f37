import CustomerModel
import SyntheticBank
import Testing

@testable import Rules

/// The engine's fast event path (event index, fused plans, short-circuits, cached trigger
/// columns) against a reference that evaluates every rule of the trigger on its own: on a seeded
/// stream, both give exactly the same firings (rules, clients, times, actions and reasons).
@Suite struct StreamingEquivalenceTests {
    /// Event rules over every indexed slot, negations, `or`, windows, client facts, missing
    /// merchants, foreign amounts and cooldowns, with and without de-duplication.
    static func ruleText(count: Int, seed: UInt64) -> String {
        var g = SeededGenerator(seed: seed)
        let tiers = ["core", "key", "potential", "ecosystem", "mass"]
        let conditions: [(inout SeededGenerator) -> String] = [
            { g in
                "transaction.amount > \(1 + g.nextInt(below: 50))k CNY and transaction.direction = outflow and tier in [\(tiers[g.nextInt(below: 5)]), \(tiers[g.nextInt(below: 5)])]"
            },
            { g in
                "transaction.merchant = air_travel and count(transactions where merchant = air_travel, 30d) >= \(1 + g.nextInt(below: 4))"
            },
            { g in
                "transaction.type in [transfer_out, withdrawal] and sum(transactions where direction = outflow, 7d) > \(10 + g.nextInt(below: 90))k CNY"
            },
            { g in
                "transaction.overseas and transaction.amount > \(1 + g.nextInt(below: 20))k CNY and risk_appetite >= steady"
            },
            { g in
                "transaction.direction = inflow and transaction.amount >= \(5 + g.nextInt(below: 50))k CNY and aum < \(1 + g.nextInt(below: 10))m CNY"
            },
            { g in
                "not (transaction.merchant = dining) and transaction.channel in [pos, online] and transaction.amount > \(g.nextInt(below: 20))k CNY"
            },
            { g in "transaction.direction = inflow or transaction.amount > \(20 + g.nextInt(below: 80))k CNY" },
            { g in
                "transaction.channel = atm and transaction.type = withdrawal and max(transactions where type = withdrawal, 30d) > \(1 + g.nextInt(below: 9))k CNY"
            },
            { g in
                "transaction.type = card_spend and (transaction.merchant in [hotel, luxury_retail] or tier = core) and avg(transactions where type = card_spend, 30d) > \(g.nextInt(below: 10))k CNY"
            },
        ]
        var text = ""
        for i in 0..<count {
            let dedupe = g.nextInt(below: 4) == 0 ? "\n  dedupe by transaction.type" : ""
            let cooldown = g.nextInt(below: 3) == 0 ? "" : "\n  cooldown \(1 + g.nextInt(below: 10))d"
            text += """
                rule "stream \(i)"
                  priority \(g.nextInt(below: 5))
                  when on transaction
                  if \(conditions[i % conditions.count](&g))
                  then notify(rm, app, "Rule \(i): {transaction.amount} for {name}")\(cooldown)\(dedupe)
                end

                """
        }
        return text
    }

    static func clients(_ count: Int, seed: UInt64) -> [ClientRecord] {
        var g = SeededGenerator(seed: seed)
        let appetites = RiskAppetite.allCases
        return (0..<count).map { i in
            ClientRecord(
                profile: CustomerProfile(
                    id: CustomerID("C-\(i)"),
                    kind: .individual,
                    name: "Client \(i)",
                    coverage: Coverage(relationshipManager: StaffID("RM-\(i % 3)"), branch: "B-1"),
                    riskAppetite: g.nextInt(below: 6) == 0 ? nil : appetites[g.nextInt(below: appetites.count)]
                ),
                holdings: [
                    Holding(
                        id: HoldingID("H-\(i)"),
                        customer: CustomerID("C-\(i)"),
                        product: .demandDeposit,
                        productCode: "DD",
                        balance: Money(minorUnits: Int64(g.nextInt(below: 1_000_000_000)), currency: .cny),
                        openedOn: Day(year: 2020, month: 1, day: 1)!
                    )
                ]
            )
        }
    }

    /// Tiers for clients `C-0` ..., one in eight without a tier.
    static func tiers(_ count: Int, seed: UInt64) throws -> TierFacts {
        var g = SeededGenerator(seed: seed)
        var tiers = try TierFacts()
        for i in 0..<count where g.nextInt(below: 8) != 0 {
            try tiers.assign(
                CustomerID("C-\(i)"),
                tier: ["core", "key", "potential", "ecosystem", "mass"][g.nextInt(below: 5)]
            )
        }
        return tiers
    }

    static func transactions(_ count: Int, clients: Int, seed: UInt64) -> [Transaction] {
        var g = SeededGenerator(seed: seed)
        let first = Day(year: 2026, month: 6, day: 1)!
        return (0..<count).map { i in
            let type = TransactionType.allCases[g.nextInt(below: TransactionType.allCases.count)]
            let inflow = type == .deposit || type == .transferIn
            let merchant: MerchantCategory? =
                type == .cardSpend && g.nextInt(below: 5) != 0
                ? MerchantCategory.allCases[g.nextInt(below: MerchantCategory.allCases.count)] : nil
            return Transaction(
                id: TransactionID("T-\(i)"),
                customer: CustomerID("C-\(g.nextInt(below: clients))"),
                day: first.adding(days: i * 45 / count),
                secondOfDay: Int32(g.nextInt(below: 86_000)),
                type: type,
                direction: inflow ? .inflow : .outflow,
                amount: Money(
                    minorUnits: Int64(g.nextInt(below: 10_000_000)),
                    currency: g.nextInt(below: 20) == 0 ? .usd : .cny
                ),
                channel: Channel.allCases[g.nextInt(below: Channel.allCases.count)],
                merchantCategory: merchant,
                isOverseas: g.nextInt(below: 8) == 0
            )
        }
    }

    @Test func fastPathFiresExactlyWhatEvaluatingEveryRuleFires() throws {
        let rules = try RuleCompiler().compile(Self.ruleText(count: 60, seed: 5))
        let records = Self.clients(30, seed: 6)
        let start = BankCalendar.china.start(of: Day(year: 2026, month: 6, day: 1)!)
        let tiers = try Self.tiers(30, seed: 16)
        var fast = try RuleEngine(rules: rules, clients: records, facts: [tiers], calendar: .china, start: start)
        var reference = try RuleEngine(rules: rules, clients: records, facts: [tiers], calendar: .china, start: start)
        reference.evaluatesEveryRule = true
        var total = 0
        var ruleNames = Set<String>()
        for (i, t) in Self.transactions(3_000, clients: 30, seed: 7).enumerated() {
            let event: RuleEvent = i % 97 == 0 ? .failedTransaction(t) : .transaction(t)
            let a = try fast.record(event)
            let b = try reference.record(event)
            #expect(a == b, "event \(i) (\(t.id))")
            if a != b { return }
            total += a.count
            ruleNames.formUnion(a.map(\.rule))
        }
        // Not a vacuous comparison: many rules of every shape fire.
        #expect(total > 500)
        #expect(ruleNames.count > 40)
    }

    /// The engine recomputes a client's enumeration and text attributes only when the record
    /// changes, not every day: every such standard attribute must depend on the record alone.
    @Test func enumerationAndTextAttributesDependOnTheRecordAlone() throws {
        let catalogue = FactCatalogue.standard()
        let records = EngineTests.clients() + Self.clients(5, seed: 9)
        var checked = 0
        for name in catalogue.names {
            guard let definition = catalogue[name], definition.scope == nil else { continue }
            switch definition.type {
            case .enumeration, .text: break
            default: continue
            }
            for record in records {
                let days = [
                    Day(year: 2020, month: 2, day: 29)!, Day(year: 2026, month: 6, day: 1)!,
                    Day(year: 2031, month: 12, day: 31)!,
                ]
                let values = days.map { StandardFacts.attribute(name, of: record, on: $0, currency: .cny) }
                guard let first = values[0] else { break }
                #expect(values.allSatisfy { $0 == first }, "\(name) of \(record.profile.id)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }
}
