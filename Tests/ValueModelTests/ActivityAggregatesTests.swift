import CustomerModel
import SyntheticBank
import Testing
import ValueModel

/// A seeded synthetic book shared by the activity, RFM and churn tests (about 2,000 clients and
/// 200,000 rows: enough for the columnar pass to split the rows between two workers).
enum TestBook {
    static let bank = SyntheticBank(.init(seed: 23, clientCount: 2_000))
    static let columns = bank.transactionColumns()
    static let transactions = bank.transactions(clients: 0..<bank.clientCount)
    static let interactions = bank.interactions(clients: 0..<bank.clientCount)
    static let balances = bank.balances(clients: 0..<bank.clientCount)
    static var end: Day { bank.configuration.endDay }
}

/// The plain per-row reference the columnar pass is checked against: a dictionary per client,
/// one `if` per definition in ``ActivityWindows``' table.
struct NaiveActivity: Equatable {
    var last: Int32 = .min
    var frequency: Int32 = 0
    var monetary: Int64 = 0
    var six: Int32 = 0
    var recent: Int32 = 0
    var previous: Int32 = 0
    var leaving: Int64 = 0
    var arriving: Int64 = 0
    var largest: Int64 = 0

    static func compute(_ c: TransactionColumns, _ w: ActivityWindows) -> [NaiveActivity] {
        var result = [NaiveActivity](repeating: NaiveActivity(), count: c.customers.count)
        let asOf = Int(w.asOf.number)
        for i in 0..<c.count {
            let day = Int(c.day[i])
            if day > asOf { continue }
            let type = TransactionType(rawValue: c.type[i])!
            let direction = Direction(rawValue: c.direction[i])!
            let amount = c.amountMinorUnits[i]
            let inCurrency = c.currency[i] == w.selection.currency.packed
            var r = result[Int(c.customerIndex[i])]
            let selected =
                inCurrency && (w.selection.types?.contains(type) ?? true)
                && (w.selection.direction == nil || w.selection.direction == direction)
            if selected {
                r.last = max(r.last, Int32(day))
                if asOf - day < w.rfmDays {
                    r.frequency += 1
                    r.monetary += amount
                }
            }
            if w.activityTypes.contains(type) {
                if day > Int(w.sixMonthsStart.number) { r.six += 1 }
                if asOf - day < w.recentDays {
                    r.recent += 1
                } else if asOf - day < 2 * w.recentDays {
                    r.previous += 1
                }
            }
            if inCurrency, asOf - day < w.recentDays {
                if direction == .outflow, w.leavingTypes.contains(type) {
                    r.leaving += amount
                    r.largest = max(r.largest, amount)
                }
                if direction == .inflow, w.arrivingTypes.contains(type) { r.arriving += amount }
            }
            result[Int(c.customerIndex[i])] = r
        }
        return result
    }

    init() {}

    init(_ a: ActivityAggregates, _ i: Int) {
        last = a.lastDay[i]
        frequency = a.frequency[i]
        monetary = a.monetaryMinorUnits[i]
        six = a.sixMonthCount[i]
        recent = a.recentCount[i]
        previous = a.previousCount[i]
        leaving = a.leavingMinorUnits[i]
        arriving = a.arrivingMinorUnits[i]
        largest = a.largestLeavingMinorUnits[i]
    }
}

/// Rows `order` of `columns`, every column permuted alike.
func reordered(_ columns: TransactionColumns, _ order: [Int]) -> TransactionColumns {
    var out = TransactionColumns(customers: columns.customers)
    out.customerIndex = order.map { columns.customerIndex[$0] }
    out.day = order.map { columns.day[$0] }
    out.amountMinorUnits = order.map { columns.amountMinorUnits[$0] }
    out.currency = order.map { columns.currency[$0] }
    out.type = order.map { columns.type[$0] }
    out.direction = order.map { columns.direction[$0] }
    out.channel = order.map { columns.channel[$0] }
    out.merchantCategory = order.map { columns.merchantCategory[$0] }
    out.isOverseas = order.map { columns.isOverseas[$0] }
    return out
}

/// Columns built from `(client, day, amount, type, direction)` rows, in CNY unless `currency` says.
func makeColumns(
    clients: Int,
    _ rows: [(Int32, Day, Int64, TransactionType, Direction)],
    currency: CurrencyCode = .cny
) -> TransactionColumns {
    var c = TransactionColumns(customers: (0..<clients).map { CustomerID("K\($0)") })
    for (client, day, amount, type, direction) in rows {
        c.customerIndex.append(client)
        c.day.append(day.number)
        c.amountMinorUnits.append(amount)
        c.currency.append(currency.packed)
        c.type.append(type.rawValue)
        c.direction.append(direction.rawValue)
        c.channel.append(Channel.mobile.rawValue)
        c.merchantCategory.append(255)
        c.isOverseas.append(false)
    }
    return c
}

struct ActivityAggregatesTests {
    @Test func columnarPassMatchesTheNaiveReferenceOnASyntheticBook() throws {
        let columns = TestBook.columns
        #expect(columns.count > 131_072, "enough rows for two workers")
        for windows in [
            ActivityWindows(asOf: TestBook.end, selection: .init(currency: .cny)),
            // Mid-period: later rows are ignored; a types and direction selection; a short window.
            ActivityWindows(
                asOf: TestBook.end.adding(days: -120),
                rfmDays: 90,
                recentDays: 30,
                selection: .init(currency: .cny, types: [.cardSpend, .onlinePayment], direction: .outflow)
            ),
        ] {
            let aggregates = try ActivityAggregates(columns: columns, windows: windows)
            let expected = NaiveActivity.compute(columns, windows)
            #expect(aggregates.count == columns.customers.count)
            var mismatches = 0
            for i in 0..<aggregates.count where NaiveActivity(aggregates, i) != expected[i] { mismatches += 1 }
            #expect(mismatches == 0)
            #expect(aggregates.frequency.contains { $0 > 0 } && aggregates.leavingMinorUnits.contains { $0 > 0 })
            #expect(aggregates.previousCount.contains { $0 > 0 } && aggregates.arrivingMinorUnits.contains { $0 > 0 })
        }
    }

    @Test func rowOrderDoesNotMatter() throws {
        let columns = TestBook.columns
        let windows = ActivityWindows(asOf: TestBook.end.adding(days: -30), selection: .init(currency: .cny))
        let reference = try ActivityAggregates(columns: columns, windows: windows)
        var random = TestRandom(state: 5)
        var order = Array(0..<columns.count)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(0..<(i + 1))) }
        let shuffled = try ActivityAggregates(columns: reordered(columns, order), windows: windows)
        for i in 0..<reference.count { #expect(NaiveActivity(reference, i) == NaiveActivity(shuffled, i)) }
    }

    @Test func transactionPathMatchesTheColumnarPath() throws {
        let windows = ActivityWindows(asOf: TestBook.end.adding(days: -10), selection: .init(currency: .cny))
        let columnar = try ActivityAggregates(columns: TestBook.columns, windows: windows)
        let fromTransactions = try ActivityAggregates(
            transactions: TestBook.transactions,
            customers: TestBook.columns.customers,
            windows: windows
        )
        for i in 0..<columnar.count { #expect(columnar.client(i) == fromTransactions.client(i)) }
    }

    @Test func windowEdgesAreInclusiveAtAsOfAndExclusiveBeyondTheLength() throws {
        let asOf = try Day(parsing: "2025-06-30")
        let windows = ActivityWindows(asOf: asOf, rfmDays: 10, recentDays: 5, selection: .init(currency: .cny))
        let columns = makeColumns(
            clients: 1,
            [
                (0, asOf, 100, .cardSpend, .outflow),  // recent, rfm
                (0, asOf.adding(days: 1), 1000, .cardSpend, .outflow),  // after asOf: ignored
                (0, asOf.adding(days: -4), 200, .transferOut, .outflow),  // last day of the recent window
                (0, asOf.adding(days: -5), 300, .transferIn, .inflow),  // first day of the previous window
                (0, asOf.adding(days: -9), 400, .cardSpend, .outflow),  // first day of the rfm window, previous
                (0, asOf.adding(days: -10), 500, .cardSpend, .outflow),  // outside the rfm window
                (0, asOf.adding(days: -3), 7, .fee, .outflow),  // not activity, but an RFM row
            ]
        )
        let a = try ActivityAggregates(columns: columns, windows: windows).client(0)
        #expect(a.lastDay == asOf)
        #expect(a.frequency == 5)
        #expect(a.monetaryMinorUnits == 100 + 200 + 300 + 400 + 7)
        #expect(a.recentCount == 2)
        #expect(a.previousCount == 2)
        #expect(a.sixMonthCount == 5)
        #expect(a.leavingMinorUnits == 200)
        #expect(a.largestLeavingMinorUnits == 200)
        #expect(a.arrivingMinorUnits == 0)
    }

    @Test func emptyColumnsGiveEmptyMeasures() throws {
        let windows = ActivityWindows(asOf: TestBook.end, selection: .init(currency: .cny))
        let a = try ActivityAggregates(columns: makeColumns(clients: 3, []), windows: windows)
        #expect(a.count == 3)
        #expect(a.lastDay == [.min, .min, .min])
        #expect(a.client(1).lastDay == nil)
        #expect(a.frequency == [0, 0, 0])
    }

    @Test func otherCurrenciesCountAsActivityOnly() throws {
        let asOf = TestBook.end
        let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
        let columns = makeColumns(clients: 1, [(0, asOf, 100, .transferOut, .outflow)], currency: .usd)
        let a = try ActivityAggregates(columns: columns, windows: windows).client(0)
        #expect(a.frequency == 0 && a.lastDay == nil && a.leavingMinorUnits == 0)
        #expect(a.recentCount == 1 && a.sixMonthCount == 1)
    }

    @Test func badInputIsATypedErrorNamingRowAndField() throws {
        let asOf = TestBook.end
        let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
        var short = makeColumns(clients: 2, [(0, asOf, 1, .deposit, .inflow), (1, asOf, 2, .deposit, .inflow)])
        short.day.removeLast()
        let lengths = try #require(throws: ActivityError.self) {
            try ActivityAggregates(columns: short, windows: windows)
        }
        #expect(lengths.code == .invalidInput && lengths.field == "columns")

        let outOfRange = makeColumns(clients: 2, [(0, asOf, 1, .deposit, .inflow), (2, asOf, 2, .deposit, .inflow)])
        let range = try #require(throws: ActivityError.self) {
            try ActivityAggregates(columns: outOfRange, windows: windows)
        }
        #expect(range.code == .invalidInput && range.row == 1 && range.field == "customerIndex")

        let negative = makeColumns(clients: 2, [(0, asOf, 1, .deposit, .inflow), (1, asOf, -2, .deposit, .inflow)])
        let sign = try #require(throws: ActivityError.self) {
            try ActivityAggregates(columns: negative, windows: windows)
        }
        #expect(sign.code == .negativeAmount && sign.row == 1 && sign.customer == "K1")

        let huge = makeColumns(
            clients: 2,
            [(1, asOf, .max / 2 + 1, .cardSpend, .outflow), (1, asOf, .max / 2 + 1, .cardSpend, .outflow)]
        )
        let overflow = try #require(throws: ActivityError.self) {
            try ActivityAggregates(columns: huge, windows: windows)
        }
        #expect(overflow.code == .overflow && overflow.customer == "K1" && overflow.field == "monetaryMinorUnits")

        var badWindows = windows
        badWindows.rfmDays = 0
        let window = try #require(throws: ActivityError.self) {
            try ActivityAggregates(columns: makeColumns(clients: 1, []), windows: badWindows)
        }
        #expect(window.code == .invalidInput && window.field == "rfmDays")
        #expect(window.description.contains("rfmDays"))

        let stranger = Transaction(
            id: "T1",
            customer: "X",
            day: asOf,
            type: .deposit,
            direction: .inflow,
            amount: Money(minorUnits: 1, currency: .cny),
            channel: .branch
        )
        let unknown = try #require(throws: ActivityError.self) {
            try ActivityAggregates(transactions: [stranger], customers: ["K0"], windows: windows)
        }
        #expect(unknown.code == .unknownCustomer && unknown.record == "transaction T1")
    }

    @Test func largeButSafeAmountsStillSumExactly() throws {
        // Amounts too large for the quick overflow proof take the checked path and still succeed.
        let asOf = TestBook.end
        let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
        let big: Int64 = 1 << 60
        let columns = makeColumns(
            clients: 2,
            [(0, asOf, big, .cardSpend, .outflow), (1, asOf, big, .cardSpend, .outflow)]
        )
        let a = try ActivityAggregates(columns: columns, windows: windows)
        #expect(a.monetaryMinorUnits == [big, big])
        // Two rows of 2^61 for one client could overflow by the quick bound; the exact check finds
        // the sum (2^62) fine and the measures are kept.
        let half: Int64 = 1 << 61
        let pair = makeColumns(
            clients: 1,
            [(0, asOf, half, .transferOut, .outflow), (0, asOf, half, .transferOut, .outflow)]
        )
        let full = try ActivityAggregates(columns: pair, windows: windows)
        #expect(full.monetaryMinorUnits == [2 * half] && full.leavingMinorUnits == [2 * half])
        #expect(full.frequency == [2] && full.largestLeavingMinorUnits == [half])
        let light = try RFMBook(columns: pair, windows: windows)
        #expect(light.activity.monetaryMinorUnits == [2 * half])
    }
}
