import CustomerModel
import Rules
import Testing

/// Facts computed from the 360 view, columns and interactions as of a day.
@Suite struct FactFrameBuilderTests {
    static func day(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
    static func cny(_ major: Int64) -> Money { Money(major: major, currency: .cny) }
    static func window(_ days: Int) -> DurationLiteral { DurationLiteral(days, .days) }

    @Test func factsFromProfilesHoldingsActivityAndBalances() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "facts" when daily
              if sum(transactions where direction = outflow, 30d) > 0 and count(transactions where direction = outflow, 7d) > 0
                 and max(transactions, 30d) > 0 and avg(satisfaction, 90d) > 0 and count(complaints, 90d) > 0
                 and max(complaints, 90d) > 0 and days_since(last transaction) > 0d and days_since(last contact) > 0d
                 and days_since(last complaint) > 0d and days_until(maturity) > 0d and days_until(birthday) > 0d
                 and days_until(birthday in household) > 0d and aum.change(30d) < 0% and aum > 0
                 and sum(maturities where product = time_deposit, 1mo) > 0 and age > 0 and "vip" in tags
              then flag("x")
            end
            """
        )
        let a = CustomerProfile(
            id: "A",
            kind: .individual,
            name: "A",
            coverage: Coverage(relationshipManager: "RM", branch: "B"),
            birthDate: Self.day("1975-07-15"),
            tags: [
                Tag(name: "vip", source: .staff("S"), setAt: Instant(millisecondsSinceEpoch: 0)),
                Tag(
                    name: "lapsed",
                    source: .staff("S"),
                    setAt: Instant(millisecondsSinceEpoch: 0),
                    expiresOn: Self.day("2026-06-01")
                ),
            ]
        )
        let holdings = [
            Holding(
                id: "H1",
                customer: "A",
                product: .wealthManagement,
                productCode: "WM",
                balance: Self.cny(3_000_000),
                openedOn: Self.day("2026-01-01"),
                maturesOn: Self.day("2026-07-15")
            ),
            Holding(
                id: "H2",
                customer: "A",
                product: .timeDeposit,
                productCode: "TD",
                balance: Self.cny(2_000_000),
                openedOn: Self.day("2025-07-20"),
                maturesOn: Self.day("2026-07-20")
            ),
            Holding(
                id: "H3",
                customer: "A",
                product: .demandDeposit,
                productCode: "DD",
                balance: Self.cny(1_000_000),
                openedOn: Self.day("2020-01-01")
            ),
            Holding(
                id: "H4",
                customer: "A",
                product: .fund,
                productCode: "F",
                balance: Self.cny(9_000_000),
                openedOn: Self.day("2020-01-01"),
                maturesOn: Self.day("2026-06-01")
            ),
        ]
        let household = [
            HouseholdMember(
                relation: .spouse,
                party: RelatedParty(name: "S", birthDate: Self.day("1978-07-01")),
                anniversary: nil
            )
        ]
        let balances = [
            BalanceSnapshot(
                customer: "A",
                day: Self.day("2026-05-31"),
                aum: Self.cny(10_000_000),
                deposits: Self.cny(0),
                investments: Self.cny(0),
                liabilities: Self.cny(0)
            ),
            BalanceSnapshot(
                customer: "A",
                day: Self.day("2026-06-30"),
                aum: Self.cny(6_000_000),
                deposits: Self.cny(0),
                investments: Self.cny(0),
                liabilities: Self.cny(0)
            ),
        ]
        let records = [
            ClientRecord(profile: a, holdings: holdings, household: household, balances: balances),
            ClientRecord(
                profile: CustomerProfile(
                    id: "B",
                    kind: .corporate,
                    name: "B",
                    coverage: Coverage(relationshipManager: nil, branch: "B")
                )
            ),
        ]
        var columns = TransactionColumns(customers: ["B", "A"])
        func add(
            _ client: Int32,
            _ date: String,
            _ type: TransactionType,
            _ direction: Direction,
            _ amount: Int64,
            _ currency: CurrencyCode = .cny
        ) {
            columns.customerIndex.append(client)
            columns.day.append(Self.day(date).number)
            columns.amountMinorUnits.append(amount * 100)
            columns.currency.append(currency.packed)
            columns.type.append(type.rawValue)
            columns.direction.append(direction.rawValue)
            columns.channel.append(Channel.mobile.rawValue)
            columns.merchantCategory.append(type == .cardSpend ? MerchantCategory.airTravel.rawValue : 255)
            columns.isOverseas.append(false)
        }
        add(1, "2026-06-29", .transferOut, .outflow, 100_000)
        add(1, "2026-06-01", .transferOut, .outflow, 50_000)
        add(1, "2026-06-20", .deposit, .inflow, 1_000_000)
        add(1, "2026-06-29", .transferOut, .outflow, 10, .usd)
        add(1, "2026-06-10", .cardSpend, .outflow, 5_000)
        add(1, "2026-05-20", .transferOut, .outflow, 7_000_000)
        func interaction(_ id: String, _ date: String, _ detail: InteractionDetail) -> Interaction {
            Interaction(
                id: InteractionID(id),
                customer: "A",
                at: Instant(millisecondsSinceEpoch: 0),
                day: Self.day(date),
                channel: .call,
                detail: detail
            )
        }
        let interactions = [
            interaction("1", "2026-06-15", .complaint(category: "fees", severity: 2, resolvedOn: nil)),
            interaction("2", "2026-06-25", .contact(notes: nil)),
            interaction("3", "2026-06-05", .satisfaction(score: 4)),
            interaction("4", "2026-06-20", .satisfaction(score: 2)),
        ]
        let evaluation = EvaluationDay(Self.day("2026-06-30"))
        let frame = try FactFrameBuilder(rules: rules).frame(
            for: records,
            transactions: columns,
            interactions: interactions,
            on: evaluation
        )
        let outflow = RowPredicate.compare(.direction, .equal, 1)
        let expected: [(FactKey, FactValue, FactValue)] = [
            (
                .aggregate(
                    AggregateFact(function: .sum, source: .transactions, filter: outflow, window: Self.window(30))
                ), .money(Self.cny(155_000)), .money(Self.cny(0))
            ),
            (
                .aggregate(
                    AggregateFact(function: .count, source: .transactions, filter: outflow, window: Self.window(7))
                ), .count(1), .count(0)
            ),
            (
                .aggregate(AggregateFact(function: .max, source: .transactions, filter: nil, window: Self.window(30))),
                .money(Self.cny(1_000_000)), .missing
            ),
            (
                .aggregate(AggregateFact(function: .avg, source: .satisfaction, filter: nil, window: Self.window(90))),
                .number(3), .missing
            ),
            (
                .aggregate(AggregateFact(function: .count, source: .complaints, filter: nil, window: Self.window(90))),
                .count(1), .count(0)
            ),
            (
                .aggregate(AggregateFact(function: .max, source: .complaints, filter: nil, window: Self.window(90))),
                .count(2), .missing
            ),
            (.daysSince(.transaction), .duration(days: 1), .missing),
            (.daysSince(.contact), .duration(days: 5), .missing),
            (.daysSince(.complaint), .duration(days: 15), .missing),
            (.daysUntil(.maturity, household: false), .duration(days: 15), .missing),
            (.daysUntil(.birthday, household: false), .duration(days: 15), .missing),
            (.daysUntil(.birthday, household: true), .duration(days: 1), .missing),
            (.windowed("aum.change", Self.window(30)), .percent(-0.4), .missing),
            (.attribute("aum"), .money(Self.cny(6_000_000)), .money(Self.cny(0))),
            (
                .aggregate(
                    AggregateFact(
                        function: .sum,
                        source: .maturities,
                        filter: .compare(.product, .equal, 1),
                        window: DurationLiteral(1, .months)
                    )
                ), .money(Self.cny(2_000_000)), .money(Self.cny(0))
            ),
            (.attribute("age"), .count(50), .missing),
            (.attribute("tags"), .tags(["vip"]), .tags([])),
        ]
        #expect(Set(rules.layout.keys) == Set(expected.map(\.0)))
        for (key, a, b) in expected {
            #expect(frame.value(key, row: 0) == a, "\(key) for A")
            #expect(frame.value(key, row: 1) == b, "\(key) for B")
        }
        #expect(frame.clients == ["A", "B"])
        let matches = try rules.evaluate(frame, on: evaluation)
        #expect(matches.rows(of: "facts") == [0])
        // Columns of different lengths are refused, not read past their end.
        columns.type.removeLast()
        let error = #expect(throws: FactFrameError.self) {
            try FactFrameBuilder(rules: rules).frame(for: records, transactions: columns, on: evaluation)
        }
        #expect(error?.code == .rowOutOfRange)
    }
}
