import CustomerModel
import Foundation
import Testing
import ValueModel

struct SummaryBuilderTests {
    /// The raw CDNOW purchases, merged per day, calibration to 1997-09-30 in weeks, give the
    /// published summary file (frequency exactly, recency and T to its two decimals).
    @Test func cdnowRawPurchasesReproduceTheSummaryFile() throws {
        let purchases = try CDNOW.purchases()
        #expect(purchases.count == 6919)
        let built = try CustomerSummaries(purchases: purchases, calibrationEnd: CDNOW.calibrationEnd, timeUnit: .weeks)
        let file = try CDNOW.summaries()
        let (withSpend, zbar) = try CDNOW.summariesWithSpend()
        #expect(built.count == file.count)
        var index: [CustomerID: Int] = [:]
        for i in 0..<built.count { index[built.customers[i]] = i }
        var worstTime = 0.0
        var worstSpend = 0.0
        for j in 0..<file.count {
            let i = try #require(index[file.customers[j]])
            #expect(built.frequency[i] == file.frequency[j], "frequency of \(file.customers[j])")
            worstTime = max(worstTime, abs(built.recency[i] - file.recency[j]), abs(built.age[i] - file.age[j]))
            let mean =
                built.frequency[i] > 0 ? Double(built.repeatSpendMinorUnits[i]) / 100 / Double(built.frequency[i]) : 0
            worstSpend = max(worstSpend, abs(mean - (zbar[file.customers[j].rawValue] ?? -1)))
            #expect(withSpend.frequency[j] == file.frequency[j])
        }
        print(
            "CDNOW summary from raw purchases: largest recency/T difference \(worstTime) weeks, largest z̄ difference \(worstSpend) USD"
        )
        #expect(worstTime <= 0.01)
        #expect(worstSpend <= 0.0051)
        #expect(built.frequency.reduce(0) { $0 + Int($1) } == 2457)
    }

    /// The columnar builder gives the same split as the purchase builder, whether rows come in day
    /// order (fast path), shuffled (recount path), or split across workers.
    @Test func columnarBuilderMatchesPurchaseBuilder() throws {
        let purchases = try CDNOW.purchases()
        let reference = try CalibrationHoldoutSplit(
            purchases: purchases,
            calibrationEnd: CDNOW.calibrationEnd,
            holdoutEnd: CDNOW.holdoutEnd,
            timeUnit: .weeks
        )
        var random = TestRandom(state: 7)
        let byDay = purchases.sorted { $0.day < $1.day }
        var shuffled = purchases
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, random.int(0..<(i + 1))) }
        for order in [purchases, byDay, shuffled] {
            let split = try CalibrationHoldoutSplit(
                columns: columns(order, customers: reference.calibration.customers),
                calibrationEnd: CDNOW.calibrationEnd,
                holdoutEnd: CDNOW.holdoutEnd,
                timeUnit: .weeks,
                selection: TransactionSelection(currency: .usd)
            )
            try expectSame(split, reference)
        }
    }

    /// 600,000 rows (enough for two workers): random clients, days and same-day repeats; the
    /// columnar result equals the purchase builder's in day order, client order, day order with a
    /// few rows swapped, and shuffled.
    @Test func columnarBuilderMatchesOnALargeBook() throws {
        var random = TestRandom(state: 99)
        let clients = (0..<20_000).map { CustomerID("C\($0)") }
        var purchases: [Purchase] = []
        let start = try #require(Day(year: 2024, month: 1, day: 1))
        for _ in 0..<600_000 {
            purchases.append(
                Purchase(
                    customer: clients[random.int(0..<clients.count)],
                    day: start.adding(days: random.int(0..<400)),
                    amount: Money(minorUnits: Int64(random.int(1..<100_000)), currency: .cny)
                )
            )
        }
        let calibrationEnd = start.adding(days: 299)
        let holdoutEnd = start.adding(days: 379)
        let reference = try CalibrationHoldoutSplit(
            purchases: purchases,
            calibrationEnd: calibrationEnd,
            holdoutEnd: holdoutEnd,
            timeUnit: .days
        )
        let byDay = purchases.sorted { $0.day < $1.day }
        let byClient = purchases.sorted {
            $0.customer != $1.customer ? $0.customer < $1.customer : $0.day < $1.day
        }
        var mostlySorted = byDay  // a few clients out of order: fast path plus a small recount
        for _ in 0..<200 { mostlySorted.swapAt(random.int(0..<mostlySorted.count), random.int(0..<mostlySorted.count)) }
        for order in [byDay, byClient, mostlySorted, purchases] {
            let split = try CalibrationHoldoutSplit(
                columns: columns(order, customers: clients),
                calibrationEnd: calibrationEnd,
                holdoutEnd: holdoutEnd,
                selection: TransactionSelection(currency: .cny)
            )
            try expectSame(split, reference)
        }
    }

    @Test func selectionFiltersRows() throws {
        let start = try #require(Day(year: 2024, month: 1, day: 1))
        var columns = TransactionColumns(customers: ["A", "B"])
        func row(_ client: Int32, _ day: Int, _ amount: Int64, _ currency: CurrencyCode, _ type: TransactionType) {
            columns.customerIndex.append(client)
            columns.day.append(start.adding(days: day).number)
            columns.amountMinorUnits.append(amount)
            columns.currency.append(currency.packed)
            columns.type.append(type.rawValue)
            columns.direction.append(Direction.outflow.rawValue)
        }
        row(0, 0, 100, .cny, .cardSpend)
        row(0, 3, 200, .cny, .cardSpend)
        row(0, 3, 50, .cny, .cardSpend)  // same day: merged
        row(0, 5, 999, .usd, .cardSpend)  // other currency: skipped
        row(0, 7, 999, .cny, .fee)  // other type: skipped
        row(1, 9, 10, .cny, .cardSpend)  // first purchase on the last day of calibration
        row(1, 12, 10, .cny, .cardSpend)  // holdout
        let split = try CalibrationHoldoutSplit(
            columns: columns,
            calibrationEnd: start.adding(days: 9),
            holdoutEnd: start.adding(days: 20),
            timeUnit: .days,
            selection: TransactionSelection(currency: .cny, types: [.cardSpend])
        )
        let s = split.calibration
        #expect(s.customers == ["A", "B"])
        #expect(s.frequency == [1, 0])
        #expect(s.recency == [3, 0])
        #expect(s.age == [9, 0])
        #expect(s.repeatSpendMinorUnits == [250, 0])
        #expect(split.holdoutTransactions == [0, 1])
        #expect(split.holdoutSpendMinorUnits == [0, 10])
        #expect(split.holdoutLength == 11)
        #expect(s[0].meanRepeatSpend == Money(minorUnits: 250, currency: .cny))
    }

    @Test func badRowsAreRejectedNamingTheClient() throws {
        let day = try #require(Day(year: 2024, month: 3, day: 1))
        let zero = lifetimeError {
            _ = try CustomerSummaries(
                purchases: [
                    Purchase(customer: "A", day: day, amount: Money(minorUnits: 5, currency: .cny)),
                    Purchase(customer: "B", day: day, amount: Money(minorUnits: -5, currency: .cny)),
                ],
                calibrationEnd: day
            )
        }
        #expect(zero?.code == .negativeAmount && zero?.customer == "B" && zero?.row == 1)
        // Zero-value purchases are transactions (CDNOW has eight).
        let free = try CustomerSummaries(
            purchases: [
                Purchase(customer: "A", day: day, amount: Money(minorUnits: 5, currency: .cny)),
                Purchase(customer: "A", day: day.adding(days: 2), amount: Money(minorUnits: 0, currency: .cny)),
            ],
            calibrationEnd: day.adding(days: 3)
        )
        #expect(free.frequency == [1] && free.repeatSpendMinorUnits == [0])
        let mixed = lifetimeError {
            _ = try CustomerSummaries(
                purchases: [
                    Purchase(customer: "A", day: day, amount: Money(minorUnits: 5, currency: .cny)),
                    Purchase(customer: "C", day: day, amount: Money(minorUnits: 5, currency: .usd)),
                ],
                calibrationEnd: day
            )
        }
        #expect(mixed?.code == .mixedCurrency && mixed?.customer == "C")
        #expect(
            lifetimeError { _ = try CustomerSummaries(purchases: [Purchase](), calibrationEnd: day) }?.code
                == .insufficientData
        )

        var columns = TransactionColumns(customers: ["A", "B"])
        columns.customerIndex = [0, 1, 1]
        columns.day = [day.number, day.number, day.number]
        columns.amountMinorUnits = [10, 10, -3]
        columns.currency = [CurrencyCode.cny.packed, CurrencyCode.cny.packed, CurrencyCode.cny.packed]
        let negative = lifetimeError {
            _ = try CustomerSummaries(
                columns: columns,
                calibrationEnd: day,
                selection: TransactionSelection(currency: .cny)
            )
        }
        #expect(negative?.code == .negativeAmount && negative?.customer == "B" && negative?.row == 2)
        columns.amountMinorUnits[2] = 3
        columns.customerIndex[1] = 2
        let outside = lifetimeError {
            _ = try CustomerSummaries(
                columns: columns,
                calibrationEnd: day,
                selection: TransactionSelection(currency: .cny)
            )
        }
        #expect(outside?.code == .invalidInput && outside?.row == 1)
        columns.day.removeLast()
        #expect(
            lifetimeError {
                _ = try CustomerSummaries(
                    columns: columns,
                    calibrationEnd: day,
                    selection: TransactionSelection(currency: .cny)
                )
            }?.code == .invalidInput
        )

        let late = lifetimeError {
            _ = try CustomerSummaries(
                customers: ["A"],
                frequency: [2],
                recency: [5],
                age: [4],
                repeatSpendMinorUnits: [1],
                currency: .cny,
                timeUnit: .days
            )
        }
        #expect(late?.code == .invalidInput && late?.customer == "A" && late?.field == "recency")
        #expect(lifetimeError { _ = try TimeUnit(lengthInDays: 0) }?.code == .invalidInput)
        #expect(throws: LifetimeValueError.self) {
            _ = try CalibrationHoldoutSplit(
                purchases: [Purchase(customer: "A", day: day, amount: Money(minorUnits: 5, currency: .cny))],
                calibrationEnd: day,
                holdoutEnd: day.adding(days: -1)
            )
        }
    }

    // MARK: Helpers

    func columns(_ purchases: [Purchase], customers: [CustomerID]) -> TransactionColumns {
        var index: [CustomerID: Int32] = [:]
        var all = customers
        for (k, id) in customers.enumerated() { index[id] = Int32(k) }
        for p in purchases where index[p.customer] == nil {
            index[p.customer] = Int32(all.count)
            all.append(p.customer)
        }
        var columns = TransactionColumns(customers: all)
        for p in purchases {
            columns.customerIndex.append(index[p.customer] ?? -1)
            columns.day.append(p.day.number)
            columns.amountMinorUnits.append(p.amount.minorUnits)
            columns.currency.append(p.amount.currency.packed)
        }
        return columns
    }

    func expectSame(_ split: CalibrationHoldoutSplit, _ reference: CalibrationHoldoutSplit) throws {
        let a = split.calibration
        let b = reference.calibration
        try #require(a.count == b.count)
        var index: [CustomerID: Int] = [:]
        for i in 0..<b.count { index[b.customers[i]] = i }
        var mismatches = 0
        for i in 0..<a.count {
            let j = try #require(index[a.customers[i]])
            if a.frequency[i] != b.frequency[j] || a.recency[i] != b.recency[j] || a.age[i] != b.age[j]
                || a.repeatSpendMinorUnits[i] != b.repeatSpendMinorUnits[j]
                || split.holdoutTransactions[i] != reference.holdoutTransactions[j]
                || split.holdoutSpendMinorUnits[i] != reference.holdoutSpendMinorUnits[j]
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }
}
