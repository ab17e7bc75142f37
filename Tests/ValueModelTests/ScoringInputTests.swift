import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// A hand-made book whose indicators are worked out by hand.
private enum HandBook {
    static func day(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
    static let asOf = day("2025-12-31")
    static func cny(_ major: Int64) -> Money { Money(major: major, currency: .cny) }
    static let coverage = Coverage(relationshipManager: StaffID("RM1"), branch: BranchID("BR1"))
    static let at = Instant(millisecondsSinceEpoch: 1_700_000_000_000)

    static let profiles: [CustomerProfile] = [
        CustomerProfile(
            id: "A",
            kind: .individual,
            name: "A",
            coverage: coverage,
            birthDate: day("1985-03-04"),
            maritalStatus: .married,
            children: [Child(birthDate: day("2015-05-01"))],
            occupation: "Surgeon",
            position: .professional,
            industry: "Healthcare",
            riskAppetite: .balanced,
            creditRating: .aa,
            onboardedOn: day("2015-06-01"),
            tags: [
                Tag(name: "influencer", category: .social, source: .rule("x"), setAt: at),
                Tag(name: "referrer", category: .social, source: .rule("x"), setAt: at),
                Tag(name: "old-buzz", category: .social, source: .rule("x"), setAt: at, expiresOn: day("2025-01-01")),
                Tag(name: "vip", category: .service, source: .rule("x"), setAt: at),
            ]
        ),
        CustomerProfile(
            id: "B",
            kind: .individual,
            name: "B",
            coverage: coverage,
            birthDate: day("1995-01-01"),
            maritalStatus: .single
        ),
        CustomerProfile(id: "S", kind: .individual, name: "S", coverage: coverage),
        CustomerProfile(
            id: "E",
            kind: .corporate,
            name: "E",
            coverage: coverage,
            industry: "new energy",
            creditRating: .a,
            onboardedOn: day("2018-02-01"),
            corporate: CorporateAttributes(
                annualRevenue: cny(800_000_000),
                totalAssets: cny(1_200_000_000),
                profitContribution: cny(3_000_000),
                industryRank: 12,
                growthPotential: 5,
                innovationCapacity: 4,
                operatingStability: 3,
                strategicFit: 4,
                esgRating: 2,
                lifecycleStage: .growth
            )
        ),
    ]

    static func holding(
        _ id: String,
        _ customer: CustomerID,
        _ product: ProductType,
        _ balance: Int64,
        opened: String = "2020-01-01",
        matures: String? = nil,
        renewal: RenewalOutcome? = nil,
        rate: Int? = nil
    ) -> Holding {
        Holding(
            id: HoldingID(id),
            customer: customer,
            product: product,
            productCode: "P",
            balance: cny(balance),
            openedOn: day(opened),
            maturesOn: matures.map(day),
            renewal: renewal,
            rateBasisPoints: rate
        )
    }

    static let holdings: [Holding] = [
        holding("A1", "A", .demandDeposit, 100_000, rate: 15),
        holding("A2", "A", .timeDeposit, 500_000, matures: "2026-06-01", rate: 150),
        holding(
            "A3",
            "A",
            .timeDeposit,
            200_000,
            opened: "2024-10-01",
            matures: "2025-10-01",
            renewal: .movedOut,
            rate: 150
        ),
        holding("A4", "A", .wealthManagement, 300_000, matures: "2026-03-01", rate: 300),
        holding("A5", "A", .fund, 50_000),
        holding("A6", "A", .insurance, 80_000, rate: 300),
        holding("A7", "A", .loan, 1_000_000, matures: "2040-01-01", rate: 400),
        holding("A8", "A", .creditCard, 20_000),
        holding("A9", "A", .fund, 70_000, opened: "2026-01-05"),
        holding("B1", "B", .demandDeposit, 10_000, rate: 15),
        holding("S1", "S", .demandDeposit, 200_000, rate: 15),
        holding("E1", "E", .demandDeposit, 5_000_000, rate: 20),
        holding("E2", "E", .wealthManagement, 1_000_000),
    ]

    static let relationships: [Relationship] = [
        Relationship(id: "R1", customer: "A", kind: .spouse, party: RelatedParty(customer: "S", name: "S")),
        Relationship(id: "R2", customer: "A", kind: .child, party: RelatedParty(name: "kid")),
        Relationship(id: "R3", customer: "A", kind: .controls, party: RelatedParty(customer: "E", name: "E")),
        Relationship(id: "R4", customer: "A", kind: .directs, party: RelatedParty(customer: "E", name: "E")),
        Relationship(id: "R5", customer: "E", kind: .supplier, party: RelatedParty(customer: "A", name: "A")),
    ]

    static let referrals = [
        Referral(referrer: "A", referred: "B", on: day("2024-05-01")),
        Referral(referrer: "A", referred: "S", on: day("2026-02-01")),  // after the scoring day
    ]

    static func interaction(
        _ id: String,
        _ customer: CustomerID,
        _ day: String,
        _ detail: InteractionDetail
    )
        -> Interaction
    {
        Interaction(
            id: InteractionID(id),
            customer: customer,
            at: at,
            day: Self.day(day),
            channel: .call,
            detail: detail
        )
    }

    static let interactions: [Interaction] = [
        interaction("I1", "A", "2025-12-01", .contact(notes: nil)),
        interaction("I2", "A", "2025-06-01", .contact(notes: nil)),
        interaction("I3", "A", "2025-02-01", .contact(notes: nil)),
        interaction("I4", "A", "2024-11-20", .contact(notes: nil)),  // more than a year ago
        interaction("I5", "A", "2025-05-01", .satisfaction(score: 4)),
        interaction("I6", "A", "2025-11-01", .satisfaction(score: 5)),
        interaction("I7", "A", "2025-11-10", .complaint(category: "fees", severity: 2, resolvedOn: nil)),
        interaction("I8", "A", "2025-12-10", .complaint(category: "app", severity: 1, resolvedOn: nil)),
        interaction("I9", "B", "2025-12-10", .complaint(category: "app", severity: 1, resolvedOn: nil)),
        interaction("I10", "B", "2025-08-10", .complaint(category: "app", severity: 1, resolvedOn: nil)),
    ]

    static let balances = [
        BalanceSnapshot(
            customer: "A",
            day: day("2025-09-01"),
            aum: cny(2_000_000),
            deposits: cny(1_000_000),
            investments: cny(1_000_000),
            liabilities: cny(0)
        ),
        BalanceSnapshot(
            customer: "A",
            day: day("2025-12-31"),
            aum: cny(1_030_000),
            deposits: cny(600_000),
            investments: cny(430_000),
            liabilities: cny(0)
        ),
        BalanceSnapshot(
            customer: "B",
            day: day("2025-09-01"),
            aum: cny(10_000),
            deposits: cny(10_000),
            investments: cny(0),
            liabilities: cny(0)
        ),
        BalanceSnapshot(
            customer: "B",
            day: day("2025-12-31"),
            aum: cny(9_000),
            deposits: cny(9_000),
            investments: cny(0),
            liabilities: cny(0)
        ),
    ]

    /// Columns for A (index 0), B (1) and X (2, not in the book, in dollars).
    static func transactions(
        extra: [(Int32, String, Int64, TransactionType, Direction, CurrencyCode)] = []
    )
        -> TransactionColumns
    {
        var columns = TransactionColumns(customers: ["A", "B", "X"])
        var rows: [(Int32, String, Int64, TransactionType, Direction, CurrencyCode)] = []
        for d in 1...10 { rows.append((0, "2025-08-\(d < 10 ? "0" : "")\(d)", 1_000_00, .transferIn, .inflow, .cny)) }
        rows += [
            (0, "2025-11-15", 100_00, .fee, .outflow, .cny), (0, "2025-11-16", 20_00, .fee, .inflow, .cny),
            (0, "2025-12-20", 600_000_00, .transferOut, .outflow, .cny), (0, "2025-03-01", 50_00, .fee, .outflow, .cny),
            (0, "2026-01-02", 5_00, .cardSpend, .outflow, .cny), (1, "2025-12-01", 300_00, .deposit, .inflow, .cny),
            (2, "2025-12-01", 999_00, .cardSpend, .outflow, .usd),
        ]
        for (client, date, amount, type, direction, currency) in rows + extra {
            columns.customerIndex.append(client)
            columns.day.append(day(date).number)
            columns.amountMinorUnits.append(amount)
            columns.currency.append(currency.packed)
            columns.type.append(type.rawValue)
            columns.direction.append(direction.rawValue)
            columns.channel.append(Channel.mobile.rawValue)
            columns.merchantCategory.append(255)
            columns.isOverseas.append(false)
        }
        return columns
    }

    static func build(
        _ subject: CustomerKind,
        holdings: [Holding] = holdings,
        transactions: TransactionColumns? = transactions(),
        heldAway: [CustomerID: Money] = ["A": cny(1_030_000)]
    ) throws(ScoringInputError) -> IndicatorTable {
        try IndicatorTableBuilder(asOf: asOf, currency: .cny).build(
            subject: subject,
            profiles: profiles,
            holdings: holdings,
            relationships: relationships,
            referrals: referrals,
            interactions: interactions,
            balances: balances,
            transactions: transactions,
            heldAwayAssets: heldAway
        )
    }
}

@Suite("Indicator inputs")
struct ScoringInputTests {
    private func number(_ table: IndicatorTable, _ id: IndicatorID, _ row: Int) -> Double? {
        table.column(id)?.value(ofRow: row)?.number
    }

    private func category(_ table: IndicatorTable, _ id: IndicatorID, _ row: Int) -> String? {
        if case .category(let name) = table.column(id)?.value(ofRow: row) { return name }
        return nil
    }

    @Test func theBuilderDerivesEveryIndividualIndicator() throws {
        let table = try HandBook.build(.individual)
        #expect(table.customers == ["A", "B", "S"])
        let a = 0
        #expect(number(table, .aumDeposits, a) == 600_000)
        #expect(number(table, .aumWealthProducts, a) == 300_000)
        #expect(number(table, .aumFunds, a) == 50_000)  // the fund opened after the scoring day does not count
        #expect(number(table, .aumInsurance, a) == 80_000)
        #expect(number(table, .productsHeld, a) == 7)
        #expect(number(table, .ftpContribution, a) == 6_150)  // 100k × 1.65% + 500k × 0.90%
        #expect(number(table, .loanInterest, a) == 40_000)
        #expect(number(table, .feeIncome, a) == 3_430)  // 1,500 + 600 + 1,200 distribution fees, 130 charged
        #expect(number(table, .transactionsLast6Months, a) == 13)
        #expect(number(table, .transactionsLast6Months, 1) == 1)
        #expect(category(table, .lifeStage, a) == "youngFamily")
        #expect(category(table, .lifeStage, 1) == "youngSingle")
        #expect(table.column(.lifeStage)?.value(ofRow: 2) == nil)  // no age, no children
        #expect(category(table, .occupation, a) == "surgeon")
        #expect(category(table, .position, a) == "professional")
        #expect(category(table, .industryOutlook, a) == "healthcare")
        #expect(category(table, .creditRating, a) == "AA")
        #expect(category(table, .riskAppetite, a) == "balanced")
        #expect(number(table, .borrowingCapacity, a) == 0)  // 75% of 1.03M is less than the 1.02M owed
        #expect(table.column(.borrowingCapacity)?.value(ofRow: 1) == nil)  // no credit rating
        #expect(number(table, .referralsMade, a) == 1)
        #expect(number(table, .referredClientsValue, a) == 10_000)
        #expect(number(table, .socialInfluence, a) == 2)
        #expect(number(table, .householdValue, a) == 200_000)
        #expect(number(table, .enterpriseValue, a) == 6_000_000)  // controls and directs E: counted once
        #expect(number(table, .walletShare, a) == 0.5)
        #expect(table.column(.walletShare)?.value(ofRow: 1) == nil)
        #expect(number(table, .rmInteractions, a) == 3)
        #expect(number(table, .satisfaction, a) == 4.5)
        #expect(table.column(.satisfaction)?.value(ofRow: 1) == nil)
        // A: maturity moved out, complaints rising, AUM down 48.5%, a large outflow, activity falling.
        #expect(number(table, .churnSignals, a) == 5)
        #expect(number(table, .churnSignals, 1) == 0)
        #expect(number(table, .tenureYears, a) == 10)
        #expect(table.column(.tenureYears)?.value(ofRow: 1) == nil)
        #expect(table.column(.annualRevenue) == nil)
    }

    @Test func withoutTransactionsTheActivityIndicatorsAreMissingOrZero() throws {
        let table = try HandBook.build(.individual, transactions: nil)
        #expect(table.column(.transactionsLast6Months)?.value(ofRow: 0) == nil)
        #expect(number(table, .feeIncome, 0) == 3_300)
        #expect(number(table, .churnSignals, 0) == 3)
    }

    @Test func theBuilderDerivesEveryCorporateIndicator() throws {
        let table = try HandBook.build(.corporate)
        #expect(table.customers == ["E"])
        #expect(number(table, .annualRevenue, 0) == 800_000_000)
        #expect(number(table, .totalAssets, 0) == 1_200_000_000)
        #expect(number(table, .profitContribution, 0) == 3_000_000)
        #expect(number(table, .industryRank, 0) == 12)
        #expect(number(table, .growthPotential, 0) == 5)
        #expect(number(table, .innovationCapacity, 0) == 4)
        #expect(number(table, .operatingStability, 0) == 3)
        #expect(number(table, .strategicFit, 0) == 4)
        #expect(number(table, .esgRating, 0) == 2)
        #expect(number(table, .productBreadth, 0) == 2)  // not recorded: the product lines held
        #expect(number(table, .yearsOfCooperation, 0) == 7)  // not recorded: since onboarding
        #expect(number(table, .aumTotal, 0) == 6_000_000)
        #expect(category(table, .lifecycleStage, 0) == "growth")
        #expect(category(table, .industryOutlook, 0) == "new energy")
        let book = try ValueScorer(model: .defaultStrategicCorporate).score(table: table)
        let score = try #require(book.score(ofRow: 0))
        #expect(score.contribution(of: .esgRating)?.normalised == 0.2)
        #expect(score.contribution(of: .industryOutlook)?.normalised == 0.95)
    }

    @Test func amountsInAnotherCurrencyAreErrorsNamingTheRecord() throws {
        var foreign = HandBook.holdings
        foreign[4].balance = Money(major: 50_000, currency: .usd)
        let error = try #require(throws: ScoringInputError.self) { try HandBook.build(.individual, holdings: foreign) }
        #expect(error.code == .currencyMismatch)
        #expect(error.customer == "A")
        #expect(error.record == "A5")
        #expect(error.field == "balance")
        let row = try #require(throws: ScoringInputError.self) {
            try HandBook.build(
                .individual,
                transactions: HandBook.transactions(extra: [(1, "2025-12-02", 5_00, .cardSpend, .outflow, .hkd)])
            )
        }
        #expect(row.code == .currencyMismatch)
        #expect(row.customer == "B")
        #expect(row.record == "row 17")
        let away = try #require(throws: ScoringInputError.self) {
            try HandBook.build(.individual, heldAway: ["B": Money(major: 1, currency: .usd)])
        }
        #expect(away.code == .currencyMismatch)
    }

    @Test func recordsOfUnknownClientsAndBadValuesAreErrors() throws {
        var stray = HandBook.holdings
        stray.append(HandBook.holding("Z1", "Z", .fund, 1))
        let unknown = try #require(throws: ScoringInputError.self) { try HandBook.build(.individual, holdings: stray) }
        #expect(unknown.code == .unknownCustomer)
        #expect(unknown.record == "Z1")
        var negative = HandBook.holdings
        negative[0].balance = Money(major: -1, currency: .cny)
        let bad = try #require(throws: ScoringInputError.self) { try HandBook.build(.individual, holdings: negative) }
        #expect(bad.code == .invalidValue)
        #expect(bad.field == "balance")
        let survey = try #require(throws: ScoringInputError.self) {
            try IndicatorTableBuilder(asOf: HandBook.asOf, currency: .cny).build(
                subject: .individual,
                profiles: HandBook.profiles,
                interactions: [HandBook.interaction("Q", "A", "2025-10-01", .satisfaction(score: 9))]
            )
        }
        #expect(survey.code == .invalidValue)
        #expect(survey.record == "Q")
        #expect(survey.field == "score")
        let twice = try #require(throws: ScoringInputError.self) {
            try IndicatorTableBuilder(asOf: HandBook.asOf, currency: .cny).build(
                subject: .individual,
                profiles: HandBook.profiles + [HandBook.profiles[1]]
            )
        }
        #expect(twice.customer == "B")
    }

    @Test(arguments: [
        (LifeStage.youngSingle, 28, MaritalStatus.single, [EducationStage](), Position.employee),
        (.youngCouple, 30, .married, [], .employee),
        (.youngFamily, 38, .married, [.university, .primary], .executive),
        (.establishedFamily, 45, .divorced, [.overseasStudy], .founder),
        (.establishedSingle, 41, .single, [], .professional),
        (.establishedCouple, 50, .married, [], .professional),
        (.emptyNest, 55, .married, [.graduated, .graduated], .seniorManager),
        (.retired, 64, .married, [.graduated], .professional),
        (.retired, 52, .married, [.secondary], .retired),
    ])
    func lifeStageFollowsAgeMarriageAndChildren(
        stage: LifeStage,
        age: Int,
        marital: MaritalStatus,
        children: [EducationStage],
        position: Position
    ) {
        #expect(
            LifeStage.classify(age: age, maritalStatus: marital, childStages: children, position: position) == stage
        )
    }

    @Test func childrenWithoutAStageGetOneFromTheirAge() {
        #expect(
            [3, 8, 15, 20, 25].map(LifeStage.educationStage(ofChildAged:)) == [
                .preschool, .primary, .secondary, .university, .graduated,
            ]
        )
        #expect(LifeStage.classify(age: nil, maritalStatus: nil, childStages: [], position: nil) == nil)
        #expect(
            LifeStage.classify(age: nil, maritalStatus: nil, childStages: [.secondary], position: nil)
                == .establishedFamily
        )
    }

    @Test func columnsAreCheckedWhenSet() throws {
        var table = handTable(3)
        func code(_ body: (inout IndicatorTable) throws -> Void) -> ScoringInputError.Code? {
            var copy = table
            do {
                try body(&copy)
                return nil
            } catch let error as ScoringInputError {
                return error.code
            } catch {
                return nil
            }
        }
        #expect(code { try $0.setColumn(.productsHeld, values: [1, 2], present: [true, true]) } == .lengthMismatch)
        #expect(
            code { try $0.setColumn(.productsHeld, values: [1, -2, 3], present: [true, true, true]) } == .invalidValue
        )
        #expect(code { try $0.setColumn(.productsHeld, values: [1, -2, 3], present: [true, false, true]) } == nil)
        #expect(
            code { try $0.setColumn(.walletShare, values: [0.5, 1.2, 0], present: [true, true, true]) } == .invalidValue
        )
        #expect(
            code { try $0.setColumn(.satisfaction, values: [0, 3, 5], present: [true, true, true]) } == .invalidValue
        )
        #expect(
            code { try $0.setColumn(.aumDeposits, values: [.nan, 1, 2], present: [true, true, true]) } == .invalidValue
        )
        #expect(
            code { try $0.setColumn(.position, values: [1, 2, 3], present: [true, true, true]) } == .wrongInputKind
        )
        #expect(code { try $0.setCategories(.productsHeld, ["a", "b", "c"]) } == .wrongInputKind)
        #expect(code { try $0.setCategories(.position, ["founder", "astronaut", nil]) } == .unknownCategory)
        #expect(
            code { try $0.setColumn(.annualRevenue, values: [1, 2, 3], present: [true, true, true]) }
                == .unknownIndicator
        )
        #expect(
            code { try $0.setColumn("aumDepostis", values: [1, 2, 3], present: [true, true, true]) }
                == .unknownIndicator
        )
        try table.setColumn(.aumDeposits, values: [1, 2, 3], present: [true, false, true])
        #expect(table.column(.aumDeposits)?.values == [1, 0, 3])
        #expect(table.column(.aumDeposits)?.presence.presentCount == 2)
        #expect(table.inputs(ofRow: 1).values.isEmpty)
        #expect(table.inputs(ofRow: 2)[.aumDeposits] == .number(3))
    }

    @Test func theActivityPassCountsEachClientsRows() throws {
        let activity = try TransactionActivity(
            columns: HandBook.transactions(),
            customers: ["B", "A"],
            asOf: HandBook.asOf,
            currency: .cny
        )
        #expect(activity.transactionsInWindow == [1, 13])
        #expect(activity.feesChargedMinorUnits == [0, 130_00])
        #expect(activity.hasLargeOutflow == [false, true])
        #expect(activity.isActivityFalling == [false, true])
        var broken = HandBook.transactions()
        broken.customerIndex[0] = 7
        let error = try #require(throws: ScoringInputError.self) {
            try TransactionActivity(columns: broken, customers: ["A"], asOf: HandBook.asOf, currency: .cny)
        }
        #expect(error.code == .lengthMismatch)
        #expect(error.record == "row 0")
    }

    @Test func syntheticAssetsMatchTheBankHoldings() throws {
        let table = try ScoringFixture.individuals.get()
        let bank = ScoringFixture.bank
        let classes: [IndicatorID] = [.aumDeposits, .aumWealthProducts, .aumFunds, .aumInsurance]
        for row in 0..<table.rowCount {
            let index = try #require(bank.clientIndex(of: table.customers[row]))
            let total = classes.reduce(0.0) { $0 + (number(table, $1, row) ?? 0) }
            #expect(abs(total - bank.endOfPeriodAUM(ofClient: index).majorUnits) < 0.005)
        }
        // Every indicator of the individual catalogue is filled for someone in a real-looking book
        // (wallet share needs a host's held-away estimate).
        for definition in IndicatorCatalogue.indicators(for: .individual) where definition.id != .walletShare {
            #expect((table.column(definition.id)?.presence.presentCount ?? 0) > 0, "\(definition.id)")
        }
    }
}
