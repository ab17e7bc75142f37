import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// Each signal at, just below and around its threshold, through ``ChurnPolicy/assess(_:customer:asOf:)``.
struct ChurnSignalTests {
    let policy = ChurnPolicy(currency: .cny)
    let asOf = Day(number: 20_453)
    let million: Int64 = 1_000_000_00

    func kinds(_ m: ChurnMeasures, _ policy: ChurnPolicy? = nil) -> ChurnSignalKinds {
        (policy ?? self.policy).assess(m, customer: "C1", asOf: asOf).kinds
    }

    @Test func largeOutflowFiresAtTheAmountNotOneMinorUnitBelow() {
        #expect(kinds(ChurnMeasures(leavingMinorUnits: million)).contains(.largeOutflow))
        #expect(!kinds(ChurnMeasures(leavingMinorUnits: million - 1)).contains(.largeOutflow))
        // Net of arrivals by default; gross on request.
        let inAndOut = ChurnMeasures(leavingMinorUnits: million, arrivingMinorUnits: 1)
        #expect(!kinds(inAndOut).contains(.largeOutflow))
        var gross = policy
        gross.outflowMeasure = .gross
        #expect(kinds(inAndOut, gross).contains(.largeOutflow))
    }

    @Test func largeOutflowFiresAtTheShareOfAUM() {
        // 30% of a CNY 1,000,000.00 AUM is CNY 300,000.00.
        let at = ChurnMeasures(leavingMinorUnits: 300_000_00, aumAtWindowStart: million)
        let below = ChurnMeasures(leavingMinorUnits: 300_000_00 - 1, aumAtWindowStart: million)
        let assessment = policy.assess(at, customer: "C1", asOf: asOf)
        #expect(assessment.kinds.contains(.largeOutflow))
        #expect(!kinds(below).contains(.largeOutflow))
        #expect(!kinds(ChurnMeasures(leavingMinorUnits: 300_000_00)).contains(.largeOutflow), "no AUM known")
        let signal = assessment.signals.first
        #expect(signal?.measured.first == ChurnMeasure("net outflow", 300_000_00, .minorUnits(.cny)))
        #expect(signal?.measured.contains(ChurnMeasure("share of AUM", 0.3, .share)) == true)
        #expect(signal?.reason.contains("30.0% of the AUM of CNY 1000000.00") == true)
        #expect(signal?.thresholds.map(\.text) == ["net outflow = CNY 1000000.00", "share of AUM = 30.0%"])
    }

    @Test func productsNotRenewedFireOnMovedOutAndSmallPartialRenewals() {
        #expect(
            kinds(ChurnMeasures(maturedCount: 1, notRenewedCount: 1, notRenewedMinorUnits: 1)).contains(
                .productsNotRenewed
            )
        )
        #expect(!kinds(ChurnMeasures(maturedCount: 3)).contains(.productsNotRenewed))
        var strict = policy
        strict.minimumNotRenewed = Money(major: 50_000, currency: .cny)
        let small = ChurnMeasures(maturedCount: 1, notRenewedCount: 1, notRenewedMinorUnits: 50_000_00 - 1)
        #expect(!kinds(small, strict).contains(.productsNotRenewed))
        let enough = ChurnMeasures(maturedCount: 1, notRenewedCount: 1, notRenewedMinorUnits: 50_000_00)
        #expect(kinds(enough, strict).contains(.productsNotRenewed))
    }

    @Test func productsNotRenewedNeedAShareOfTheAUMWhenItIsKnown() {
        var policy = self.policy
        policy.minimumNotRenewed = .zero(.cny)
        policy.minimumNotRenewedShareOfAUM = 0.1
        // CNY 100,000.00 of a CNY 1,000,000.00 AUM is 10%: fires; one minor unit less does not.
        let at = ChurnMeasures(
            maturedCount: 2,
            notRenewedCount: 1,
            notRenewedMinorUnits: 100_000_00,
            aumBeforeMaturities: million
        )
        let assessment = policy.assess(at, customer: "C1", asOf: asOf)
        #expect(assessment.kinds.contains(.productsNotRenewed))
        let signal = assessment.signals.first
        #expect(signal?.measured.contains(ChurnMeasure("share of AUM", 0.1, .share)) == true)
        #expect(signal?.thresholds.last == ChurnMeasure("share of AUM", 0.1, .share))
        #expect(signal?.reason.hasSuffix("(10.0% of the AUM of CNY 1000000.00 before; threshold 10.0%).") == true)
        var below = at
        below.notRenewedMinorUnits -= 1
        #expect(!kinds(below, policy).contains(.productsNotRenewed))
        // No AUM known (or none): the share test is skipped, the amount test still applies.
        below.aumBeforeMaturities = nil
        #expect(kinds(below, policy).contains(.productsNotRenewed))
        below.aumBeforeMaturities = 0
        #expect(kinds(below, policy).contains(.productsNotRenewed))
        policy.minimumNotRenewedShareOfAUM = 1.01
        #expect((try? policy.validate()) == nil)
        policy.minimumNotRenewedShareOfAUM = -0.1
        do { try policy.validate() } catch { #expect(error.field == "minimumNotRenewedShareOfAUM") }
    }

    @Test func complaintsRisingNeedTheMinimumAndTheIncrease() {
        #expect(kinds(ChurnMeasures(recentComplaints: 2, previousComplaints: 1)).contains(.complaintsRising))
        #expect(!kinds(ChurnMeasures(recentComplaints: 2, previousComplaints: 2)).contains(.complaintsRising))
        #expect(!kinds(ChurnMeasures(recentComplaints: 1, previousComplaints: 0)).contains(.complaintsRising))
        #expect(kinds(ChurnMeasures(recentComplaints: 5, previousComplaints: 0)).contains(.complaintsRising))
    }

    @Test func activityFallingNeedsTheDropFromABaseline() {
        #expect(kinds(ChurnMeasures(recentActivity: 3, previousActivity: 6)).contains(.activityFalling))
        #expect(!kinds(ChurnMeasures(recentActivity: 4, previousActivity: 6)).contains(.activityFalling))
        #expect(!kinds(ChurnMeasures(recentActivity: 0, previousActivity: 5)).contains(.activityFalling))
        #expect(!kinds(ChurnMeasures(recentActivity: 30, previousActivity: 10)).contains(.activityFalling))
        let a = policy.assess(ChurnMeasures(recentActivity: 3, previousActivity: 6), customer: "C1", asOf: asOf)
        #expect(a.signals.first?.reason.hasPrefix("Activity fell 50.0%: 3 transactions in the last 90 days") == true)
    }

    @Test func aumDroppingNeedsTheShareAndTheAmount() {
        let before = (asOf.adding(days: -91), million)
        func m(_ now: Int64) -> ChurnMeasures { ChurnMeasures(aumBefore: before, aumNow: (asOf, now)) }
        #expect(kinds(m(800_000_00)).contains(.aumDropping))  // 20%, CNY 200,000
        #expect(!kinds(m(800_000_00 + 1)).contains(.aumDropping))  // just under 20%
        var small = ChurnMeasures(aumBefore: (asOf.adding(days: -91), 400_000_00), aumNow: (asOf, 300_000_01))
        #expect(!kinds(small).contains(.aumDropping), "25% but less than CNY 100,000")
        small.aumNow = (asOf, 300_000_00)
        #expect(kinds(small).contains(.aumDropping))
        #expect(!kinds(ChurnMeasures(aumBefore: before, aumNow: before)).contains(.aumDropping), "no newer snapshot")
    }

    @Test func weightsMakeTheRiskLevel() {
        #expect(policy.assess(ChurnMeasures(), customer: "C1", asOf: asOf).level == .none)
        let activity = policy.assess(ChurnMeasures(recentActivity: 0, previousActivity: 10), customer: "C1", asOf: asOf)
        #expect(activity.riskScore == 2 && activity.level == .low && !activity.isChurnRisk)
        // One money signal alone is a watch; corroborated by complaints it is a flag.
        let outflow = policy.assess(ChurnMeasures(leavingMinorUnits: million), customer: "C1", asOf: asOf)
        #expect(outflow.riskScore == 2 && outflow.level == .low && !outflow.isChurnRisk)
        let complaints = policy.assess(ChurnMeasures(recentComplaints: 2), customer: "C1", asOf: asOf)
        #expect(complaints.riskScore == 3 && complaints.level == .low)
        let both = policy.assess(
            ChurnMeasures(leavingMinorUnits: million, recentComplaints: 2),
            customer: "C1",
            asOf: asOf
        )
        #expect(both.riskScore == 5 && both.level == .medium && both.isChurnRisk)
        // The same money seen three ways (moved out, outflow, AUM down) is flagged too.
        let threeWays = policy.assess(
            ChurnMeasures(
                leavingMinorUnits: million,
                maturedCount: 1,
                notRenewedCount: 1,
                notRenewedMinorUnits: million,
                aumBefore: (asOf.adding(days: -91), 4 * million),
                aumNow: (asOf, 3 * million),
                aumBeforeMaturities: 4 * million
            ),
            customer: "C1",
            asOf: asOf
        )
        #expect(threeWays.signals.map(\.kind) == [.largeOutflow, .productsNotRenewed, .aumDropping])
        #expect(threeWays.riskScore == 6 && threeWays.level == .medium)
        let many = policy.assess(
            ChurnMeasures(
                leavingMinorUnits: million,
                recentComplaints: 3,
                recentActivity: 0,
                previousActivity: 10
            ),
            customer: "C1",
            asOf: asOf
        )
        #expect(many.riskScore == 7 && many.level == .high)
        #expect(many.signals.map(\.kind) == [.largeOutflow, .complaintsRising, .activityFalling])
        #expect(many.explanation.hasPrefix("Churn risk high (score 7, flagged)"))
    }

    @Test func policyValidationNamesTheField() {
        var bad = policy
        bad.aumDropShare = 1.5
        #expect(throws: ActivityError.self) { try bad.validate() }
        #expect((try? bad.validate()) == nil)
        do { try bad.validate() } catch { #expect(error.field == "aumDropShare" && error.code == .invalidInput) }
        bad = policy
        bad.largeOutflow = Money(major: 1, currency: .usd)
        do { try bad.validate() } catch { #expect(error.field == "largeOutflow" && error.code == .mixedCurrency) }
        bad = policy
        bad.weights[.activityFalling] = -1
        do { try bad.validate() } catch { #expect(error.field == "weights[activityFalling]") }
        bad = policy
        bad.highRiskScore = 2
        do { try bad.validate() } catch { #expect(error.field == "highRiskScore") }
        #expect((try? policy.validate()) != nil)
    }
}

/// The churn records (holdings, complaints, balances) measured from real values, and the book
/// against the single-client path.
struct ChurnBookTests {
    let asOf = Day(number: 20_453)  // 2025-12-31

    func holding(_ id: String, matures: Day?, renewal: RenewalOutcome?, balance: Int64 = 100_000_00) -> Holding {
        Holding(
            id: HoldingID(id),
            customer: "K0",
            product: .timeDeposit,
            productCode: "TD",
            balance: Money(minorUnits: balance, currency: .cny),
            openedOn: asOf.adding(days: -400),
            maturesOn: matures,
            renewal: renewal
        )
    }

    func complaint(_ id: String, _ day: Day, customer: CustomerID = "K0") -> Interaction {
        Interaction(
            id: InteractionID(id),
            customer: customer,
            at: Instant(millisecondsSinceEpoch: Int64(day.number) * 86_400_000),
            day: day,
            channel: .call,
            detail: .complaint(category: "fees", severity: 2, resolvedOn: nil)
        )
    }

    func balance(
        _ day: Day,
        _ aum: Int64,
        customer: CustomerID = "K0",
        currency: CurrencyCode = .cny
    )
        -> BalanceSnapshot
    {
        let money = Money(minorUnits: aum, currency: currency)
        return BalanceSnapshot(
            customer: customer,
            day: day,
            aum: money,
            deposits: money,
            investments: .zero(currency),
            liabilities: .zero(currency)
        )
    }

    @Test func recordsAreMeasuredInTheirWindows() throws {
        let windows = ActivityWindows(asOf: asOf, recentDays: 30, selection: .init(currency: .cny))
        let holdings = [
            holding("H1", matures: asOf.adding(days: -89), renewal: .movedOut),  // first day of the lookback
            holding("H2", matures: asOf.adding(days: -90), renewal: .movedOut),  // before it
            holding("H3", matures: asOf, renewal: .partlyRenewed(amount: Money(minorUnits: 50_000_00, currency: .cny))),
            holding(
                "H4",
                matures: asOf.adding(days: -5),
                renewal: .partlyRenewed(amount: Money(minorUnits: 49_999_99, currency: .cny))
            ),
            holding("H5", matures: asOf.adding(days: -5), renewal: .renewed),
            holding("H6", matures: asOf.adding(days: -5), renewal: nil),
            holding("H7", matures: asOf.adding(days: 1), renewal: .movedOut),  // after asOf
            holding("H8", matures: nil, renewal: nil),
        ]
        let interactions = [
            complaint("I1", asOf), complaint("I2", asOf.adding(days: -89)), complaint("I3", asOf.adding(days: -90)),
            complaint("I4", asOf.adding(days: -179)), complaint("I5", asOf.adding(days: -180)),
            complaint("I6", asOf.adding(days: 1)),
        ]
        let balances = [
            balance(asOf.adding(days: -120), 2_000_000_00), balance(asOf.adding(days: -90), 1_500_000_00),
            balance(asOf.adding(days: -31), 1_400_000_00), balance(asOf.adding(days: -30), 1_300_000_00),
            balance(asOf, 1_000_000_00), balance(asOf.adding(days: 7), 1),
        ]
        let columns = makeColumns(clients: 1, [(0, asOf.adding(days: -3), 500_000_00, .transferOut, .outflow)])
        let aggregates = try ActivityAggregates(columns: columns, windows: windows)
        let book = try ChurnBook(
            activity: aggregates,
            holdings: holdings,
            interactions: interactions,
            balances: balances,
            policy: ChurnPolicy()
        )
        let m = book.measures[0]
        #expect(m.maturedCount == 5)  // H1, H3, H4, H5, H6
        #expect(m.notRenewedCount == 2)  // H1 moved out, H4 kept under 50%
        #expect(m.notRenewedMinorUnits == 100_000_00 + 50_000_01)
        #expect(m.recentComplaints == 2 && m.previousComplaints == 2)
        #expect(m.aumBefore?.day == asOf.adding(days: -90) && m.aumBefore?.minorUnits == 1_500_000_00)
        #expect(m.aumNow?.day == asOf && m.aumNow?.minorUnits == 1_000_000_00)
        #expect(m.aumAtWindowStart == 1_300_000_00, "the close of the day before the 30-day window")
        #expect(m.aumBeforeMaturities == 1_500_000_00, "the close of the day before the 90-day maturity lookback")
        let assessment = book.assessment(0)
        // Outflow CNY 500,000 is 38.5% of CNY 1,300,000; 2 not renewed; AUM down 33%; complaints 2 vs 2 do not rise.
        #expect(assessment.signals.map(\.kind) == [.largeOutflow, .productsNotRenewed, .aumDropping])
        #expect(book.riskScore == [6] && book.level == [.medium] && book.signalCount == [3])
        #expect(book.signalCountColumn == [3] && book.riskScoreColumn == [6] && book.flagged == [0])
        #expect(book.kindCounts == [.largeOutflow: 1, .productsNotRenewed: 1, .aumDropping: 1])
        let single = try ChurnPolicy().assess(
            customer: "K0",
            transactions: [
                Transaction(
                    id: "T1",
                    customer: "K0",
                    day: asOf.adding(days: -3),
                    type: .transferOut,
                    direction: .outflow,
                    amount: Money(minorUnits: 500_000_00, currency: .cny),
                    channel: .mobile
                )
            ],
            holdings: holdings,
            interactions: interactions,
            balances: balances,
            windows: windows
        )
        #expect(single == assessment)
    }

    @Test func recordsOfUnknownClientsOrOtherCurrenciesAreRejected() throws {
        let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
        let aggregates = try ActivityAggregates(columns: makeColumns(clients: 1, []), windows: windows)
        let policy = ChurnPolicy()
        var stranger = holding("H9", matures: asOf, renewal: .movedOut)
        stranger.customer = "Z9"
        let unknown = try #require(throws: ActivityError.self) {
            try ChurnBook(activity: aggregates, holdings: [stranger], interactions: [], balances: [], policy: policy)
        }
        #expect(unknown.code == .unknownCustomer && unknown.record == "holding H9" && unknown.customer == "Z9")
        let dollars = try #require(throws: ActivityError.self) {
            try ChurnBook(
                activity: aggregates,
                holdings: [],
                interactions: [],
                balances: [balance(asOf, 5, currency: .usd)],
                policy: policy
            )
        }
        #expect(dollars.code == .mixedCurrency && dollars.record == "balance of 2025-12-31" && dollars.field == "aum")
        let overKept = holding(
            "H3",
            matures: asOf,
            renewal: .partlyRenewed(amount: Money(minorUnits: 200_000_00, currency: .cny))
        )
        let kept = try #require(throws: ActivityError.self) {
            try ChurnBook(activity: aggregates, holdings: [overKept], interactions: [], balances: [], policy: policy)
        }
        #expect(kept.code == .invalidInput && kept.field == "renewal")
        let usdWindows = ActivityWindows(asOf: asOf, selection: .init(currency: .usd))
        let usd = try ActivityAggregates(columns: makeColumns(clients: 1, []), windows: usdWindows)
        let mismatch = try #require(throws: ActivityError.self) {
            try ChurnBook(activity: usd, holdings: [], interactions: [], balances: [], policy: policy)
        }
        #expect(mismatch.code == .mixedCurrency && mismatch.field == "currency")
    }

    @Test func theBookMatchesTheSingleClientPathOnASyntheticBank() throws {
        let bank = TestBook.bank
        let windows = ActivityWindows(asOf: TestBook.end, selection: .init(currency: .cny))
        let aggregates = try ActivityAggregates(columns: TestBook.columns, windows: windows)
        let policy = ChurnPolicy()
        let book = try ChurnBook(
            activity: aggregates,
            holdings: bank.holdings,
            interactions: TestBook.interactions,
            balances: TestBook.balances,
            policy: policy
        )
        // Group the records by client once, then re-assess a sample of clients one by one.
        var byClient: [CustomerID: ([Transaction], [Holding], [Interaction], [BalanceSnapshot])] = [:]
        for t in TestBook.transactions { byClient[t.customer, default: ([], [], [], [])].0.append(t) }
        for h in bank.holdings { byClient[h.customer, default: ([], [], [], [])].1.append(h) }
        for i in TestBook.interactions { byClient[i.customer, default: ([], [], [], [])].2.append(i) }
        for b in TestBook.balances { byClient[b.customer, default: ([], [], [], [])].3.append(b) }
        let sample = Array(stride(from: 0, to: book.count, by: 7)) + book.flagged.prefix(40)
        for i in sample {
            let id = book.customers[i]
            let records = byClient[id] ?? ([], [], [], [])
            let single = try policy.assess(
                customer: id,
                transactions: records.0,
                holdings: records.1,
                interactions: records.2,
                balances: records.3,
                windows: windows
            )
            #expect(single == book.assessment(i), "client \(id)")
        }
        // The synthetic bank's churn drifters are flagged far more often than its steady clients.
        var drifting = (flagged: 0, total: 0)
        var steady = (flagged: 0, total: 0)
        for (i, scenario) in bank.scenarios.enumerated() {
            let flagged = book.level[i] >= .medium ? 1 : 0
            if scenario.isChurnDrifting {
                drifting = (drifting.flagged + flagged, drifting.total + 1)
            } else if scenario == .steady {
                steady = (steady.flagged + flagged, steady.total + 1)
            }
        }
        let driftingShare = Double(drifting.flagged) / Double(max(drifting.total, 1))
        let steadyShare = Double(steady.flagged) / Double(max(steady.total, 1))
        print("churn flags: \(drifting.flagged)/\(drifting.total) drifting, \(steady.flagged)/\(steady.total) steady")
        var steadyKinds: [ChurnSignal.Kind: Int] = [:]
        for (i, scenario) in bank.scenarios.enumerated() where scenario == .steady && book.level[i] >= .medium {
            for kind in book.kinds[i].kinds { steadyKinds[kind, default: 0] += 1 }
        }
        if let worst = book.flagged.first { print(book.assessment(worst).explanation) }
        print("signals of flagged steady clients: \(steadyKinds.sorted { $0.value > $1.value })")
        #expect(drifting.total > 50)
        #expect(driftingShare > 0.5 && driftingShare > 3 * steadyShare)
        for kind in ChurnSignal.Kind.allCases { #expect((book.kindCounts[kind] ?? 0) > 0, "\(kind) fires somewhere") }
    }
}
