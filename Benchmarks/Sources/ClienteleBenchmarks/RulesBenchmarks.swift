import CustomerModel
import Foundation
import Rules

/// The rule language: compiling a large rule set, and the daily schedule evaluating it for a
/// whole book on the batch path.
enum RulesBenchmarks {
    /// A deterministic generator (SplitMix64) for rule texts and fact values.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// `count` daily rules with varied conditions over the catalogue's common facts, aggregates,
    /// windows, tags and templates (as a bank's rule book looks: many rules, shared facts).
    static func ruleText(count: Int, seed: UInt64 = 42) -> String {
        var g = Generator(state: seed)
        let tiers = ["core", "key", "potential", "ecosystem", "mass"]
        let appetites = ["conservative", "steady", "balanced", "growth", "aggressive"]
        let conditions: [(inout Generator) -> String] = [
            { g in "aum > \(1 + g.below(20))m CNY and tier in [\(g.pick(tiers)), \(g.pick(tiers))]" },
            { g in "aum.change(30d) < -\(5 + g.below(30))% and risk_appetite >= \(g.pick(appetites))" },
            { g in
                "count(transactions where direction = outflow, 30d) >= \(2 + g.below(20)) or sum(transactions where type = transfer_out, 30d) > \(100 + g.below(900))k"
            },
            { g in "days_since(last contact) > \(30 + g.below(150))d and churn.risk < \"medium\"" },
            { g in
                "\"\(g.pick(["vip", "frequent flyer", "golf", "investor", "family office"]))\" in tags and score > \(40 + g.below(50))"
            },
            { g in "age >= \(30 + g.below(40)) and marital_status = married and children >= \(1 + g.below(2))" },
            { g in "aum.deposits / aum > \(30 + g.below(60))% and aum > \(500 + g.below(5000))k CNY" },
            { g in "score.change(90d) < -\(3 + g.below(20)) and tier != mass and value_layer in [high_value, growing]"
            },
            { g in
                "(rfm.recency <= \(1 + g.below(3)) and rfm.monetary >= \(3 + g.below(3))) or p_alive < \(1 + g.below(9))0%"
            },
            { g in
                "days_until(maturity) <= \(5 + g.below(60))d and aum.time_deposits >= \(200 + g.below(2000))k CNY and consent.marketing"
            },
        ]
        var text = ""
        for i in 0..<count {
            let condition = conditions[i % conditions.count](&g)
            let extra = g.below(3) == 0 ? " and credit_rating >= \(g.pick(["bbb", "a", "aa"]))" : ""
            text += """
                rule "generated \(i)"
                  version \(1 + g.below(5))
                  priority \(g.below(100))
                  when daily at 08:\(10 + g.below(40))
                  if \(condition)\(extra)
                  then notify(rm, \(g.pick(["sms", "workbench", "email"])), "Client {name} (AUM {aum}) matched rule \(i)"), flag("rule \(i)")
                  cooldown \(1 + g.below(60))d
                end

                """
        }
        return text
    }

    /// A frame of `rows` clients with every fact the rules read filled with seeded values
    /// (about one value in ten missing).
    static func frame(for rules: RuleSet, rows: Int, seed: UInt64 = 7) throws -> FactFrame {
        var g = Generator(state: seed)
        var frame = rules.makeFrame(rows: rows)
        let tagNames = ["vip", "frequent flyer", "golf", "investor", "family office", "retired", "expat"]
        for key in rules.layout.keys {
            guard let type = rules.layout.type(of: key) else { continue }
            switch type {
            case .number, .percent:
                let values = (0..<rows).map { _ -> Double in
                    if g.below(10) == 0 { return .nan }
                    return type == .percent
                        ? Double(g.below(200)) / 100 - 1
                        : Double(g.below(100)) - (key.description.contains("change") ? 50 : 0)
                }
                try frame.setColumn(key, doubles: values)
            case .tagset:
                for row in 0..<rows {
                    let tags = tagNames.filter { _ in g.below(4) == 0 }
                    try frame.set(key, row: row, to: .tags(tags))
                }
            case .text:
                for row in 0..<rows { try frame.set(key, row: row, to: .text("Client \(row)")) }
            default:
                let values = (0..<rows).map { _ -> Int64 in
                    if g.below(10) == 0 { return Int64.min }
                    switch type {
                    case .money: return Int64(g.below(2_000_000_000))
                    case .enumeration(let e): return Int64(g.below(e.values.count))
                    case .bool: return Int64(g.below(2))
                    case .duration: return Int64(g.below(400))
                    case .day: return Int64(20_000 + g.below(3_000))
                    default: return Int64(g.below(key.description.hasPrefix("rfm") ? 6 : 80))
                    }
                }
                try frame.setColumn(key, ints: values)
            }
        }
        return frame
    }

    /// CPU seconds this process has used (all threads), to read timings on a shared machine.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Compiling `count` rules, then the daily schedule over `clients` clients.
    static func run(count: Int = 500, clients: Int = 100_000, repetitions: Int = 15) throws {
        let text = ruleText(count: count)
        let compiler = RuleCompiler()
        var rules = try compiler.compile(text)
        var compileCPU: [Double] = []
        let compile = try (0..<repetitions).map { _ -> Double in
            let start = ContinuousClock.now
            let cpu = cpuSeconds()
            rules = try compiler.compile(text)
            compileCPU.append(cpuSeconds() - cpu)
            return Harness.seconds(ContinuousClock.now - start)
        }
        Harness.report(
            "Rules: compile \(count) rules (\(text.utf8.count / 1024) KB)",
            "median \(Harness.format(Harness.median(compile) * 1000, 2)) ms wall, \(Harness.format(Harness.median(compileCPU) * 1000, 2)) ms CPU (target < 50 ms); \(rules.layout.keys.count) fact columns"
        )
        let frame = try frame(for: rules, rows: clients)
        let day = EvaluationDay(try Day(parsing: "2026-06-30"), calendar: .china)
        var matches = 0
        var batchCPU: [Double] = []
        let batch = try (0..<repetitions).map { _ -> Double in
            let start = ContinuousClock.now
            let cpu = cpuSeconds()
            let result = try rules.evaluate(frame, on: day)
            let elapsed = Harness.seconds(ContinuousClock.now - start)
            batchCPU.append(cpuSeconds() - cpu)
            matches = result.count
            return elapsed
        }
        let evaluations = Double(count * clients)
        let median = Harness.median(batch)
        let cpu = Harness.median(batchCPU)
        Harness.report(
            "Rules: daily batch, \(count) rules x \(clients / 1000)k clients",
            "median \(Harness.format(median * 1000, 1)) ms wall, \(Harness.format(cpu * 1000, 1)) ms CPU over both cores (target < 200 ms wall on 2 cores); \(Harness.format(evaluations / cpu / 1e6, 0))M rule evaluations per CPU-second; \(Harness.format(Double(matches) / evaluations * 100, 1))% of pairs match"
        )
    }

    /// `count` event rules over transactions, mixing the event's facts, client facts and windowed aggregates.
    static func streamingRuleText(count: Int, seed: UInt64 = 43) -> String {
        var g = Generator(state: seed)
        let tiers = ["core", "key", "potential", "ecosystem", "mass"]
        let conditions: [(inout Generator) -> String] = [
            { g in
                "transaction.amount > \(500 + g.below(4500))k CNY and transaction.direction = outflow and tier in [\(g.pick(tiers)), \(g.pick(tiers))]"
            },
            { g in
                "transaction.merchant = air_travel and count(transactions where merchant = air_travel, 30d) >= \(2 + g.below(6))"
            },
            { g in
                "transaction.type in [transfer_out, withdrawal] and sum(transactions where direction = outflow, 7d) > \(100 + g.below(900))k"
            },
            { g in "transaction.overseas and transaction.amount > \(50 + g.below(450))k CNY and risk_appetite >= steady"
            },
            { g in
                "transaction.direction = inflow and transaction.amount >= \(200 + g.below(800))k CNY and aum < \(1 + g.below(10))m CNY"
            },
        ]
        var text = ""
        for i in 0..<count {
            text += """
                rule "event \(i)"
                  priority \(g.below(100))
                  when on transaction
                  if \(conditions[i % conditions.count](&g))
                  then notify(rm, workbench, "Rule \(i): {transaction.amount} for {name}")
                  cooldown \(1 + g.below(30))d
                end

                """
        }
        return text
    }

    /// The engine's streaming path: `events` transactions for `clients` clients, each evaluated
    /// against every one of `count` rules triggered `on transaction`, windows kept incrementally.
    static func streaming(count: Int = 500, clients: Int = 100_000, events: Int = 1_000_000) throws {
        let rules = try RuleCompiler().compile(streamingRuleText(count: count))
        var g = Generator(state: 99)
        let calendar = BankCalendar.china
        let appetites: [RiskAppetite] = RiskAppetite.allCases
        var tiers = try TierFacts()
        let tierNames = ["core", "key", "potential", "ecosystem", "mass"]
        let records = (0..<clients).map { i in
            let record = ClientRecord(
                profile: CustomerProfile(
                    id: CustomerID("C-\(i)"),
                    kind: .individual,
                    name: "Client \(i)",
                    coverage: Coverage(relationshipManager: StaffID("RM-\(i % 500)"), branch: BranchID("B-\(i % 40)")),
                    riskAppetite: appetites[g.below(appetites.count)]
                ),
                holdings: [
                    Holding(
                        id: HoldingID("H-\(i)"),
                        customer: CustomerID("C-\(i)"),
                        product: .demandDeposit,
                        productCode: "DD",
                        balance: Money(minorUnits: Int64(g.below(1_000_000_000)), currency: .cny),
                        openedOn: Day(number: 18_262)  // 2020-01-01
                    )
                ]
            )
            try? tiers.assign(CustomerID("C-\(i)"), tier: tierNames[g.below(5)])
            return record
        }
        let first = try Day(parsing: "2026-06-01")
        var engine = try RuleEngine(
            rules: rules,
            clients: records,
            facts: [tiers],
            calendar: calendar,
            start: calendar.start(of: first)
        )
        let types: [TransactionType] = [.cardSpend, .transferOut, .withdrawal, .deposit, .transferIn, .onlinePayment]
        // Most amounts are CNY 100 to 100k (log-uniform); one in a hundred is CNY 100k to 5m.
        func amount(_ g: inout Generator) -> Int64 {
            let u = Double(g.below(1_000_000)) / 1_000_000
            let exponent = g.below(100) == 0 ? 5 + 1.7 * u : 2 + 3 * u
            return Int64(pow(10, exponent) * 100)
        }
        let transactions = (0..<events).map { i -> Transaction in
            let type = types[g.below(types.count)]
            let inflow = type == .deposit || type == .transferIn
            return Transaction(
                id: TransactionID("T-\(i)"),
                customer: CustomerID("C-\(g.below(clients))"),
                day: first.adding(days: i * 30 / events),
                secondOfDay: Int32(g.below(86_000)),
                type: type,
                direction: inflow ? .inflow : .outflow,
                amount: Money(minorUnits: amount(&g), currency: .cny),
                channel: .mobile,
                merchantCategory: type == .cardSpend ? (g.below(4) == 0 ? .airTravel : .dining) : nil,
                isOverseas: g.below(10) == 0
            )
        }
        var fired = 0
        let start = ContinuousClock.now
        let cpu = cpuSeconds()
        for transaction in transactions { fired += try engine.record(RuleEvent.transaction(transaction)).count }
        let seconds = cpuSeconds() - cpu
        let wall = Harness.seconds(ContinuousClock.now - start)
        let evaluations = Double(events * count)
        Harness.report(
            "Rules: streaming, \(count) rules x \(events / 1000)k events",
            "\(Harness.format(wall, 2)) s wall, \(Harness.format(seconds, 2)) s CPU; \(Harness.format(evaluations / seconds / 1e6, 1))M rule evaluations per CPU-second (target 50M per core); \(Harness.format(seconds / Double(events) * 1e6, 2)) us CPU per event; \(clients / 1000)k clients; \(fired) firings"
        )
    }
}
