public import CustomerModel

/// What one pass over a columnar transaction snapshot says about each client of a book: the
/// transaction count of the activity window, fees charged, whether a large outflow happened
/// recently and whether activity is falling.
///
/// ``IndicatorTableBuilder`` turns these into `transactionsLast6Months`, the fees part of
/// `feeIncome` and two of the churn signals. Only rows dated on or before the scoring day count.
/// Rows of clients outside `customers` are skipped (the snapshot may cover the whole bank while a
/// table holds only individuals).
///
/// One currency per book: a counted row in another currency is an error, not skipped, since a
/// count that silently drops some rows would understate activity (convert such rows first).
///
/// The pass is split over the cores; per-client counters live in arrays indexed by the row of the
/// client, so there is no hashing per transaction.
public struct TransactionActivity: Hashable, Sendable {
    /// The clients, one per row.
    public let customers: [CustomerID]
    /// Transactions in the ``IndicatorDerivation/transactionWindowMonths`` months up to the scoring day.
    public internal(set) var transactionsInWindow: [Int32]
    /// Fees charged (outflow fee rows less refunded fees) in ``IndicatorDerivation/feeWindowDays``, in minor units.
    public internal(set) var feesChargedMinorUnits: [Int64]
    /// Whether an outflow of at least ``IndicatorDerivation/largeOutflowMinorUnits`` happened in
    /// the last ``IndicatorDerivation/largeOutflowWindowDays`` days.
    public internal(set) var hasLargeOutflow: [Bool]
    /// Whether transactions of the last ``IndicatorDerivation/activityWindowDays`` days fell below
    /// ``IndicatorDerivation/activityDropShare`` of the window before (which had at least
    /// ``IndicatorDerivation/activityMinimum``).
    public internal(set) var isActivityFalling: [Bool]

    /// Counts `columns` for `customers` as of `asOf`.
    /// - Throws: ``ScoringInputError``: `lengthMismatch` for columns of different lengths or a
    ///   client index outside `columns.customers`, `currencyMismatch` naming the first counted row
    ///   in another currency, `overflow` when a client's fees overflow.
    /// - Complexity: O(rows + clients), one pass split over the cores.
    public init(
        columns: TransactionColumns, customers: [CustomerID], asOf: Day, currency: CurrencyCode,
        derivation: IndicatorDerivation = IndicatorDerivation()
    ) throws(ScoringInputError) {
        self.customers = customers
        let n = columns.count
        guard columns.day.count == n, columns.amountMinorUnits.count == n, columns.currency.count == n,
            columns.type.count == n, columns.direction.count == n
        else {
            throw ScoringInputError(
                .lengthMismatch, field: "columns",
                "customerIndex, day, amountMinorUnits, currency, type and direction must have the same length")
        }
        let rowOfClient = Self.rowMap(columns.customers, customers)
        let windows = ScoringActivityWindows(asOf: asOf, derivation: derivation, currency: currency)
        let clients = customers.count
        let ranges = Parallel.ranges(n, minimumChunk: 1 << 18)
        let states = (0..<ranges.count).map { _ in ActivityCounters(clients: clients) }
        defer { for state in states { state.deallocate() } }
        var problems = [ActivityProblem](repeating: ActivityProblem(), count: ranges.count)
        columns.customerIndex.withUnsafeBufferPointer { client in
            columns.day.withUnsafeBufferPointer { day in
                columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                    columns.currency.withUnsafeBufferPointer { money in
                        columns.type.withUnsafeBufferPointer { type in
                            columns.direction.withUnsafeBufferPointer { direction in
                                rowOfClient.withUnsafeBufferPointer { map in
                                    problems.withUnsafeMutableBufferPointer { out in
                                        let rows = ActivityRows(
                                            client: client, day: day, amount: amount, currency: money, type: type,
                                            direction: direction, rowOfClient: map)
                                        let shared = UncheckedBox(value: (rows, states, out, ranges))
                                        Parallel.run(ranges.count) { k in
                                            let (rows, states, out, ranges) = shared.value
                                            out[k] = rows.count(ranges[k], windows, into: states[k])
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let problem = problems.filter({ $0.kind != 0 }).min(by: { $0.row < $1.row }) {
            let index = Int(columns.customerIndex[problem.row])
            let customer = columns.customers.indices.contains(index) ? columns.customers[index] : nil
            switch problem.kind {
            case 1:
                throw ScoringInputError(
                    .lengthMismatch, record: "row \(problem.row)", field: "customerIndex",
                    "the client index is outside the columns' customers")
            default:
                throw ScoringInputError(
                    .currencyMismatch, customer: customer, record: "row \(problem.row)", field: "currency",
                    "the row is not in the book's currency \(currency); convert it first")
            }
        }
        var counts = [Int32](repeating: 0, count: clients)
        var fees = [Int64](repeating: 0, count: clients)
        var large = [Bool](repeating: false, count: clients)
        var falling = [Bool](repeating: false, count: clients)
        for c in 0..<clients {
            var window: Int32 = 0
            var recent: Int32 = 0
            var previous: Int32 = 0
            var fee: Int64 = 0
            var outflow: UInt8 = 0
            for state in states {
                window &+= state.window[c]
                recent &+= state.recent[c]
                previous &+= state.previous[c]
                let (sum, overflow) = fee.addingReportingOverflow(state.fees[c])
                if overflow || state.overflowed[c] != 0 {
                    throw ScoringInputError(
                        .overflow, customer: customers[c], field: "amountMinorUnits", "the client's fees overflow")
                }
                fee = sum
                outflow |= state.largeOutflow[c]
            }
            counts[c] = window
            fees[c] = fee
            large[c] = outflow != 0
            falling[c] =
                previous >= Int32(derivation.activityMinimum)
                && Double(recent) < derivation.activityDropShare * Double(previous)
        }
        transactionsInWindow = counts
        feesChargedMinorUnits = fees
        hasLargeOutflow = large
        isActivityFalling = falling
    }

    /// For each dense client index of the columns, the row of that client in `customers`, or -1.
    /// When `customers` is a prefix of the columns' clients (the usual case: a table of the first
    /// clients of a bank, or of all of them) no hashing is needed.
    static func rowMap(_ columnClients: [CustomerID], _ customers: [CustomerID]) -> [Int32] {
        var map = [Int32](repeating: -1, count: columnClients.count)
        var prefix = 0
        while prefix < min(columnClients.count, customers.count), columnClients[prefix] == customers[prefix] {
            map[prefix] = Int32(prefix)
            prefix += 1
        }
        guard prefix < customers.count else { return map }
        var rowByID = [CustomerID: Int32](minimumCapacity: customers.count - prefix)
        for row in prefix..<customers.count { rowByID[customers[row]] = rowByID[customers[row]] ?? Int32(row) }
        for index in prefix..<columnClients.count { map[index] = rowByID[columnClients[index]] ?? -1 }
        return map
    }
}

/// The day bounds of the activity windows, as day numbers (a row counts when `day > bound`).
struct ScoringActivityWindows: Sendable {
    let asOf: Int32
    let window: Int32
    let fee: Int32
    let recent: Int32
    let previous: Int32
    let largeOutflow: Int32
    let oldest: Int32
    let currency: UInt32
    let largeAmount: Int64
    let feeType = TransactionType.fee.rawValue
    let outflow = Direction.outflow.rawValue

    init(asOf day: Day, derivation: IndicatorDerivation, currency: CurrencyCode) {
        asOf = day.number
        window = day.adding(months: -max(0, derivation.transactionWindowMonths)).number
        fee = day.adding(days: -max(0, derivation.feeWindowDays)).number
        recent = day.adding(days: -max(0, derivation.activityWindowDays)).number
        previous = day.adding(days: -2 * max(0, derivation.activityWindowDays)).number
        largeOutflow = day.adding(days: -max(0, derivation.largeOutflowWindowDays)).number
        oldest = min(window, fee, previous, largeOutflow)
        self.currency = currency.packed
        largeAmount = derivation.largeOutflowMinorUnits
    }
}

/// The first bad row of a chunk: kind 1 is a client index out of range, 2 a row in another currency.
struct ActivityProblem {
    var row: Int = .max
    var kind: Int = 0
}

/// One worker's counters, by client row.
struct ActivityCounters: @unchecked Sendable {
    // Each worker writes only its own counters; the merge reads them after every worker finished.
    let window: UnsafeMutablePointer<Int32>
    let recent: UnsafeMutablePointer<Int32>
    let previous: UnsafeMutablePointer<Int32>
    let fees: UnsafeMutablePointer<Int64>
    let largeOutflow: UnsafeMutablePointer<UInt8>
    let overflowed: UnsafeMutablePointer<UInt8>

    init(clients: Int) {
        let size = max(clients, 1)
        window = .allocate(capacity: size)
        window.initialize(repeating: 0, count: size)
        recent = .allocate(capacity: size)
        recent.initialize(repeating: 0, count: size)
        previous = .allocate(capacity: size)
        previous.initialize(repeating: 0, count: size)
        fees = .allocate(capacity: size)
        fees.initialize(repeating: 0, count: size)
        largeOutflow = .allocate(capacity: size)
        largeOutflow.initialize(repeating: 0, count: size)
        overflowed = .allocate(capacity: size)
        overflowed.initialize(repeating: 0, count: size)
    }

    func deallocate() {
        window.deallocate()
        recent.deallocate()
        previous.deallocate()
        fees.deallocate()
        largeOutflow.deallocate()
        overflowed.deallocate()
    }
}

/// Read-only views of the columns the activity pass reads.
struct ActivityRows {
    let client: UnsafeBufferPointer<Int32>
    let day: UnsafeBufferPointer<Int32>
    let amount: UnsafeBufferPointer<Int64>
    let currency: UnsafeBufferPointer<UInt32>
    let type: UnsafeBufferPointer<UInt8>
    let direction: UnsafeBufferPointer<UInt8>
    let rowOfClient: UnsafeBufferPointer<Int32>

    /// Counts `range` into `state`; returns the first bad row, if any.
    ///
    /// Counters are kept in registers while consecutive rows belong to one client (the usual
    /// order of an export) and added to the client's slot when the client changes, so rows in any
    /// order give the same counts. The per-row updates are branch-free (comparisons turned into 0
    /// or 1): directions and windows alternate unpredictably from row to row.
    func count(_ range: Range<Int>, _ w: ScoringActivityWindows, into state: ActivityCounters) -> ActivityProblem {
        let clients = rowOfClient.count
        var current = -1
        var window: Int32 = 0
        var recent: Int32 = 0
        var previous: Int32 = 0
        var fees: Int64 = 0
        var large: UInt8 = 0
        var overflowed: UInt8 = 0
        @inline(__always)
        func flush() {
            guard current >= 0 else { return }
            state.window[current] &+= window
            state.recent[current] &+= recent
            state.previous[current] &+= previous
            let (sum, overflow) = state.fees[current].addingReportingOverflow(fees)
            state.fees[current] = sum
            state.overflowed[current] |= overflowed | (overflow ? 1 : 0)
            state.largeOutflow[current] |= large
            window = 0
            recent = 0
            previous = 0
            fees = 0
            large = 0
            overflowed = 0
        }
        for i in range {
            let d = day[i]
            guard d <= w.asOf, d > w.oldest else { continue }
            let index = Int(client[i])
            guard index >= 0, index < clients else {
                flush()
                return ActivityProblem(row: i, kind: 1)
            }
            let c = Int(rowOfClient[index])
            guard c >= 0 else { continue }
            guard currency[i] == w.currency else {
                flush()
                return ActivityProblem(row: i, kind: 2)
            }
            if c != current {
                flush()
                current = c
            }
            // Comparisons as sign bits (1 when `d > bound`), so no branch depends on the data.
            let isRecent = Self.after(d, w.recent)
            window &+= Self.after(d, w.window)
            recent &+= isRecent
            previous &+= Self.after(d, w.previous) & (1 &- isRecent)
            let flow = direction[i]
            let amount = amount[i]
            if type[i] == w.feeType, d > w.fee {
                let isOutflow = flow == w.outflow
                let (refund, negated) = Int64(0).subtractingReportingOverflow(amount)
                let (sum, overflow) = fees.addingReportingOverflow(isOutflow ? amount : refund)
                fees = sum
                overflowed |= overflow || (negated && !isOutflow) ? 1 : 0
            }
            let outflowBit = UInt64(truncatingIfNeeded: 1 &- Int64(truncatingIfNeeded: (flow ^ w.outflow) == 0 ? 0 : 1))
            // amount ≥ threshold (and not negative, so the subtraction cannot wrap)
            let largeBit =
                UInt64(bitPattern: (w.largeAmount &- 1) &- amount) >> 63 & ~(UInt64(bitPattern: amount) >> 63)
            let recentBit = UInt64(truncatingIfNeeded: Self.after(d, w.largeOutflow))
            large |= UInt8(truncatingIfNeeded: outflowBit & largeBit & recentBit)
        }
        flush()
        return ActivityProblem()
    }

    /// 1 when `day > bound`, else 0, from the sign of `bound − day` (day numbers are far from overflow).
    @inline(__always)
    static func after(_ day: Int32, _ bound: Int32) -> Int32 {
        Int32(bitPattern: UInt32(bitPattern: bound &- day) >> 31)
    }
}
