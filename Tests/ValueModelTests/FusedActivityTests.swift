import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// The one pass that feeds RFM, churn and the CVM, checked against row-by-row recounts.
@Suite("Fused activity pass")
struct FusedActivityTests {
    static let bank = SyntheticBank(
        SyntheticBank.Configuration(seed: 23, clientCount: 600, transactionsPerClientPerYear: 60)
    )
    static var asOf: Day { bank.configuration.endDay }
    static var windows: ActivityWindows {
        ActivityWindows(
            asOf: asOf,
            selection: TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
        )
    }

    /// The CVM's measures recounted one row at a time from their definitions.
    static func recount(
        _ columns: TransactionColumns,
        derivation: IndicatorDerivation = IndicatorDerivation()
    )
        -> (window: [Int32], fees: [Int64], large: [Bool], falling: [Bool])
    {
        let n = columns.customers.count
        var window = [Int32](repeating: 0, count: n)
        var fees = [Int64](repeating: 0, count: n)
        var large = [Bool](repeating: false, count: n)
        var recent = [Int](repeating: 0, count: n)
        var previous = [Int](repeating: 0, count: n)
        let windowStart = asOf.adding(months: -derivation.transactionWindowMonths)
        let feeStart = asOf.adding(days: -derivation.feeWindowDays)
        let recentStart = asOf.adding(days: -derivation.activityWindowDays)
        let previousStart = asOf.adding(days: -2 * derivation.activityWindowDays)
        let outflowStart = asOf.adding(days: -derivation.largeOutflowWindowDays)
        for i in 0..<columns.count {
            let day = Day(number: columns.day[i])
            guard day <= asOf else { continue }
            let c = Int(columns.customerIndex[i])
            let amount = columns.amountMinorUnits[i]
            let outflow = columns.direction[i] == Direction.outflow.rawValue
            if day > windowStart { window[c] += 1 }
            if day > recentStart {
                recent[c] += 1
            } else if day > previousStart {
                previous[c] += 1
            }
            if columns.type[i] == TransactionType.fee.rawValue, day > feeStart { fees[c] += outflow ? amount : -amount }
            if outflow, day > outflowStart, amount >= derivation.largeOutflowMinorUnits { large[c] = true }
        }
        let falling = (0..<n).map {
            previous[$0] >= derivation.activityMinimum
                && Double(recent[$0]) < derivation.activityDropShare * Double(previous[$0])
        }
        return (window, fees, large, falling)
    }

    @Test func oneReadGivesTheAggregatesAndTheCVMMeasures() throws {
        let columns = Self.bank.transactionColumns()
        let fused = try ActivityAggregates(columns: columns, windows: Self.windows, scoring: IndicatorDerivation())
        let plain = try ActivityAggregates(columns: columns, windows: Self.windows)
        #expect(fused.lastDay == plain.lastDay)
        #expect(fused.frequency == plain.frequency)
        #expect(fused.monetaryMinorUnits == plain.monetaryMinorUnits)
        #expect(fused.sixMonthCount == plain.sixMonthCount)
        #expect(fused.recentCount == plain.recentCount)
        #expect(fused.previousCount == plain.previousCount)
        #expect(fused.leavingMinorUnits == plain.leavingMinorUnits)
        #expect(fused.largestLeavingMinorUnits == plain.largestLeavingMinorUnits)
        #expect(fused.scoringDerivation == IndicatorDerivation())
        #expect(plain.scoringDerivation == nil)
        #expect(throws: ScoringInputError.self) { try plain.transactionActivity() }

        let activity = try fused.transactionActivity()
        let expected = Self.recount(columns)
        #expect(activity.transactionsInWindow == expected.window)
        #expect(activity.feesChargedMinorUnits == expected.fees)
        #expect(activity.hasLargeOutflow == expected.large)
        #expect(activity.isActivityFalling == expected.falling)
        #expect(expected.large.contains(true) && expected.falling.contains(true) && expected.fees.contains { $0 > 0 })
        // The CVM-only entry point reads the same pass.
        let direct = try TransactionActivity(
            columns: columns,
            customers: columns.customers,
            asOf: Self.asOf,
            currency: .cny
        )
        #expect(direct == activity)
        // A subset in another order.
        let some = Array(columns.customers[100..<140].reversed())
        let subset = try fused.transactionActivity(customers: some)
        #expect(subset.transactionsInWindow == Array(expected.window[100..<140].reversed()))
    }

    @Test func otherWindowsAndThresholdsFollowTheDerivation() throws {
        let columns = Self.bank.transactionColumns()
        let derivation = IndicatorDerivation(
            transactionWindowMonths: 3,
            feeWindowDays: 100,
            largeOutflowMinorUnits: 20_000_00,
            largeOutflowWindowDays: 400,
            activityWindowDays: 45,
            activityDropShare: 0.8,
            activityMinimum: 2
        )
        let fused = try ActivityAggregates(columns: columns, windows: Self.windows, scoring: derivation)
        let activity = try fused.transactionActivity()
        let expected = Self.recount(columns, derivation: derivation)
        #expect(activity.transactionsInWindow == expected.window)
        #expect(activity.feesChargedMinorUnits == expected.fees)
        #expect(activity.hasLargeOutflow == expected.large)
        #expect(activity.isActivityFalling == expected.falling)
    }

    @Test func aSingleCurrencySnapshotSkipsItsCurrencyColumn() throws {
        var columns = Self.bank.transactionColumns()
        #expect(columns.uniformCurrency == nil)
        #expect(columns.recordUniformCurrency() == .cny)
        #expect(columns.uniformCurrency == .cny)
        let skipping = try ActivityAggregates(columns: columns, windows: Self.windows, scoring: IndicatorDerivation())
        var reading = columns
        reading.currency[0] = reading.currency[0]
        #expect(reading.uniformCurrency == nil)
        let read = try ActivityAggregates(columns: reading, windows: Self.windows, scoring: IndicatorDerivation())
        #expect(try skipping.transactionActivity() == read.transactionActivity())
        #expect(skipping.monetaryMinorUnits == read.monetaryMinorUnits)
        #expect(skipping.sixMonthCount == read.sixMonthCount)
        // A second currency: the record is forgotten and mixed columns record none.
        reading.currency[5] = CurrencyCode.usd.packed
        #expect(reading.recordUniformCurrency() == nil)
        #expect(TransactionColumns().uniformCurrency == nil)
    }

    @Test func aRowInAnotherCurrencyIsNamedForTheCVMOnly() throws {
        var columns = Self.bank.transactionColumns()
        // The last row of client 7 inside the windows goes to USD.
        let row = try #require(
            (0..<columns.count).last { columns.customerIndex[$0] == 7 && columns.day[$0] <= Self.asOf.number }
        )
        columns.currency[row] = CurrencyCode.usd.packed
        let fused = try ActivityAggregates(columns: columns, windows: Self.windows, scoring: IndicatorDerivation())
        let error = try #require(throws: ScoringInputError.self) { try fused.transactionActivity() }
        #expect(error.code == .currencyMismatch)
        #expect(error.record == "row \(row)")
        #expect(error.customer == columns.customers[7])
        // Clients outside the list do not matter, and the activity counts still count the row.
        #expect(throws: Never.self) { try fused.transactionActivity(customers: [columns.customers[8]]) }
        let plain = try ActivityAggregates(columns: columns, windows: Self.windows)
        #expect(fused.sixMonthCount == plain.sixMonthCount)
        let direct = try #require(throws: ScoringInputError.self) {
            try TransactionActivity(columns: columns, customers: columns.customers, asOf: Self.asOf, currency: .cny)
        }
        #expect(direct == error)
    }

    @Test func overflowingFeesAndBadRowsAreTypedErrors() throws {
        var columns = TransactionColumns(customers: ["A", "B"])
        func add(_ client: Int32, _ day: Day, _ amount: Int64, _ type: TransactionType, _ direction: Direction) {
            columns.customerIndex.append(client)
            columns.day.append(day.number)
            columns.amountMinorUnits.append(amount)
            columns.currency.append(CurrencyCode.cny.packed)
            columns.type.append(type.rawValue)
            columns.direction.append(direction.rawValue)
        }
        add(0, Self.asOf, 10, .cardSpend, .outflow)
        add(1, Self.asOf.adding(days: -3), Int64.max / 2 + 1, .fee, .outflow)
        add(1, Self.asOf.adding(days: -2), Int64.max / 2 + 1, .fee, .outflow)
        let overflow = try #require(throws: ScoringInputError.self) {
            try TransactionActivity(columns: columns, customers: ["A", "B"], asOf: Self.asOf, currency: .cny)
        }
        #expect(overflow.code == .overflow)
        #expect(overflow.customer == "B")
        columns.amountMinorUnits[2] = 5
        columns.day.removeLast()
        let short = try #require(throws: ScoringInputError.self) {
            try TransactionActivity(columns: columns, customers: ["A", "B"], asOf: Self.asOf, currency: .cny)
        }
        #expect(short.code == .lengthMismatch)
    }

    @Test func theFillerGivesTheBuildersTables() throws {
        let bank = ScoringFixture.bank
        let everyone = 0..<bank.clientCount
        let columns = bank.transactionColumns()
        let builder = ScoringFixture.builder
        let windows = ActivityWindows(asOf: ScoringFixture.asOf, selection: TransactionSelection(currency: .cny))
        let aggregates = try ActivityAggregates(columns: columns, windows: windows, scoring: builder.derivation)
        for (kind, expected) in [
            (CustomerKind.individual, ScoringFixture.individuals), (.corporate, ScoringFixture.corporates),
        ] {
            let base = try builder.build(
                subject: kind,
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: bank.interactions(clients: everyone),
                balances: bank.balances(clients: everyone)
            )
            let filler = try TransactionIndicatorFiller(base: base, snapshotCustomers: columns.customers)
            let filled = try filler.fill(from: aggregates)
            #expect(filled == (try expected.get()))
            // A table already holding transactions is not a base.
            #expect(throws: ScoringInputError.self) {
                try TransactionIndicatorFiller(base: try expected.get(), snapshotCustomers: columns.customers)
            }
        }
        let plain = try ActivityAggregates(columns: columns, windows: windows)
        let base = try builder.build(subject: .individual, profiles: bank.profiles, holdings: bank.holdings)
        let filler = try TransactionIndicatorFiller(base: base, snapshotCustomers: columns.customers)
        #expect(throws: ScoringInputError.self) { try filler.fill(from: plain) }
    }
}
