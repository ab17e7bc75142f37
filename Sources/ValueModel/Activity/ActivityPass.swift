import CustomerModel

/// The row loop behind ``ActivityAggregates/init(columns:windows:)``.
///
/// Layout: each worker owns an array of 56-byte ``Cell``s indexed by the dense client index. The
/// loop walks its rows in runs of one client (a store's export groups rows by client, so a run is
/// a client's whole history) and accumulates the run in registers, touching the client's cell
/// once per run. Every row does the same work, without data-dependent branches: one lookup in a
/// 64 KiB classification table indexed by type and direction gives the measures the row counts
/// for, and the windows are unsigned compares of the row's age in days. Money sums use wrapping
/// adds; a bound on the amounts (the OR of every amount) proves afterwards that no sum can have
/// overflowed, and only when it cannot prove it does a checked recount run.
enum ActivityPass {
    /// One client's measures in one worker.
    struct Cell {
        var last: Int32 = .min
        var frequency: Int32 = 0
        var sixMonths: Int32 = 0
        var recent: Int32 = 0
        var previous: Int32 = 0
        var spare: Int32 = 0
        var monetary: Int64 = 0
        var leaving: Int64 = 0
        var arriving: Int64 = 0
        var largest: Int64 = 0
    }

    /// Read-only views of the columns and the constants of the loop.
    struct Rows: @unchecked Sendable {
        let client: UnsafePointer<Int32>
        let day: UnsafePointer<Int32>
        let amount: UnsafePointer<Int64>
        let currency: UnsafePointer<UInt32>
        let type: UnsafePointer<UInt8>
        let direction: UnsafePointer<UInt8>
        /// Bits per `type | direction << 8`: 1 RFM, 2 leaving, 4 arriving, 8 activity.
        let table: UnsafePointer<UInt8>
        let wantedCurrency: UInt32
        let clients: UInt32
        let asOf: Int32
        let rfmDays: UInt32
        let sixDays: UInt32
        let recentDays: UInt32
    }

    /// What a worker reports: the first bad client index row (or `Int.max`) and the OR of its amounts.
    struct Outcome {
        var badRow = Int.max
        var amounts: Int64 = 0
    }

    static func aggregate(_ columns: TransactionColumns, windows: ActivityWindows) throws(ActivityError)
        -> ActivityColumns
    {
        let n = columns.count
        let clients = columns.customers.count
        guard columns.day.count == n, columns.amountMinorUnits.count == n, columns.currency.count == n,
            columns.type.count == n, columns.direction.count == n
        else {
            throw ActivityError(
                .invalidInput, field: "columns",
                "customerIndex, day, amountMinorUnits, currency, type and direction must have one value per row")
        }
        guard n < Int(Int32.max), clients < Int(Int32.max) else {
            throw ActivityError(.invalidInput, field: "columns", "at most 2^31 - 1 rows and clients per pass")
        }
        var table = [UInt8](repeating: 0, count: 1 << 16)
        for type in TransactionType.allCases {
            for direction in Direction.allCases {
                table[Int(type.rawValue) | Int(direction.rawValue) << 8] = windows.classification(
                    type: type, direction: direction)
            }
        }
        let asOf = windows.asOf.number
        var out = ActivityColumns(count: clients)
        var outcome = Outcome()
        columns.customerIndex.withUnsafeBufferPointer { client in
            columns.day.withUnsafeBufferPointer { day in
                columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                    columns.currency.withUnsafeBufferPointer { currency in
                        columns.type.withUnsafeBufferPointer { type in
                            columns.direction.withUnsafeBufferPointer { direction in
                                table.withUnsafeBufferPointer { table in
                                    guard n > 0, let client = client.baseAddress, let day = day.baseAddress,
                                        let amount = amount.baseAddress, let currency = currency.baseAddress,
                                        let type = type.baseAddress, let direction = direction.baseAddress,
                                        let table = table.baseAddress
                                    else { return }
                                    let rows = Rows(
                                        client: client, day: day, amount: amount, currency: currency, type: type,
                                        direction: direction, table: table,
                                        wantedCurrency: windows.selection.currency.packed, clients: UInt32(clients),
                                        asOf: asOf, rfmDays: UInt32(windows.rfmDays),
                                        sixDays: UInt32(clamping: windows.asOf.number - windows.sixMonthsStart.number),
                                        recentDays: UInt32(windows.recentDays))
                                    outcome = run(rows, count: n, into: &out)
                                }
                            }
                        }
                    }
                }
            }
        }
        if outcome.badRow != .max {
            throw ActivityError(
                .invalidInput, row: outcome.badRow, field: "customerIndex", "the client index is outside customers")
        }
        if outcome.amounts < 0, let row = columns.amountMinorUnits.firstIndex(where: { $0 < 0 }) {
            throw ActivityError(
                .negativeAmount, customer: columns.customers[Int(columns.customerIndex[row])], row: row,
                field: "amountMinorUnits", "amounts are positive; the direction column says in or out")
        }
        // Every amount is below 2^bits and a client has at most n rows: when n * 2^bits < 2^63 no
        // sum can have wrapped. Otherwise check the sums exactly.
        let bits = 64 - outcome.amounts.leadingZeroBitCount
        let rowBits = 64 - UInt64(n).leadingZeroBitCount
        if bits + rowBits > 62 { try checkSums(columns, windows: windows) }
        return out
    }

    /// Pass over the rows on every core, then the merge of the workers' cells into the columns.
    static func run(_ rows: Rows, count n: Int, into out: inout ActivityColumns) -> Outcome {
        let ranges = Parallel.ranges(n, minimumChunk: 1 << 17)
        let clients = Int(rows.clients)
        let cells = (0..<ranges.count).map { _ in UnsafeMutablePointer<Cell>.allocate(capacity: max(clients, 1)) }
        defer { for cell in cells { cell.deallocate() } }
        let outcomes = UnsafeMutablePointer<Outcome>.allocate(capacity: ranges.count)
        outcomes.initialize(repeating: Outcome(), count: ranges.count)
        defer { outcomes.deallocate() }
        let shared = UncheckedBox(value: (cells: cells, outcomes: outcomes))
        Parallel.run(ranges.count) { k in
            shared.value.cells[k].initialize(repeating: Cell(), count: max(clients, 1))
            shared.value.outcomes[k] = pass(rows, ranges[k], shared.value.cells[k])
        }
        var outcome = Outcome()
        for k in 0..<ranges.count {
            outcome.badRow = min(outcome.badRow, outcomes[k].badRow)
            outcome.amounts |= outcomes[k].amounts
        }
        guard outcome.badRow == .max else { return outcome }
        merge(cells, clients: clients, into: &out)
        return outcome
    }

    /// The hot loop: runs of one client accumulated in registers, flushed into its cell.
    static func pass(_ r: Rows, _ range: Range<Int>, _ cells: UnsafeMutablePointer<Cell>) -> Outcome {
        var i = range.lowerBound
        let end = range.upperBound
        var amounts: Int64 = 0
        let asOf = r.asOf
        let rfmDays = r.rfmDays
        let sixDays = r.sixDays
        let recentDays = r.recentDays
        let wanted = r.wantedCurrency
        while i < end {
            let c = r.client[i]
            guard UInt32(bitPattern: c) < r.clients else { return Outcome(badRow: i, amounts: amounts) }
            var last = Int32.min
            var frequency: Int32 = 0
            var six: Int32 = 0
            var recent: Int32 = 0
            var previous: Int32 = 0
            var monetary: Int64 = 0
            var leaving: Int64 = 0
            var arriving: Int64 = 0
            var largest: Int64 = 0
            repeat {
                let d = r.day[i]
                let a = r.amount[i]
                amounts |= a
                let classified = r.table[Int(r.type[i]) | Int(r.direction[i]) &<< 8]
                let bits = r.currency[i] == wanted ? classified : classified & 8
                let age = UInt32(bitPattern: asOf &- d)
                let rfm = bits & 1 != 0
                last = max(last, rfm && d <= asOf ? d : .min)
                let inRFM = rfm && age < rfmDays
                frequency &+= inRFM ? 1 : 0
                monetary &+= inRFM ? a : 0
                let activity = bits & 8 != 0
                six &+= activity && age < sixDays ? 1 : 0
                let isRecent = age < recentDays
                recent &+= activity && isRecent ? 1 : 0
                previous &+= activity && age &- recentDays < recentDays ? 1 : 0
                let leaves = bits & 2 != 0 && isRecent
                leaving &+= leaves ? a : 0
                largest = max(largest, leaves ? a : 0)
                arriving &+= bits & 4 != 0 && isRecent ? a : 0
                i &+= 1
            } while i < end && r.client[i] == c
            let cell = cells + Int(c)
            cell.pointee.last = max(cell.pointee.last, last)
            cell.pointee.frequency &+= frequency
            cell.pointee.sixMonths &+= six
            cell.pointee.recent &+= recent
            cell.pointee.previous &+= previous
            cell.pointee.monetary &+= monetary
            cell.pointee.leaving &+= leaving
            cell.pointee.arriving &+= arriving
            cell.pointee.largest = max(cell.pointee.largest, largest)
        }
        return Outcome(amounts: amounts)
    }

    /// Sums the workers' cells per client into the output columns, clients split across the cores.
    static func merge(_ cells: [UnsafeMutablePointer<Cell>], clients: Int, into out: inout ActivityColumns) {
        let parts = Parallel.ranges(clients, minimumChunk: 1 << 14)
        out.lastDay.withUnsafeMutableBufferPointer { lastDay in
            out.frequency.withUnsafeMutableBufferPointer { frequency in
                out.monetary.withUnsafeMutableBufferPointer { monetary in
                    out.sixMonths.withUnsafeMutableBufferPointer { sixMonths in
                        out.recent.withUnsafeMutableBufferPointer { recent in
                            out.previous.withUnsafeMutableBufferPointer { previous in
                                out.leaving.withUnsafeMutableBufferPointer { leaving in
                                    out.arriving.withUnsafeMutableBufferPointer { arriving in
                                        out.largestLeaving.withUnsafeMutableBufferPointer { largest in
                                            let target = UncheckedBox(
                                                value: (
                                                    lastDay, frequency, monetary, sixMonths, recent, previous, leaving,
                                                    arriving, largest, cells
                                                ))
                                            Parallel.run(parts.count) { k in
                                                let o = target.value
                                                for c in parts[k] {
                                                    var cell = o.9[0][c]
                                                    for w in o.9.indices.dropFirst() {
                                                        let other = o.9[w][c]
                                                        cell.last = max(cell.last, other.last)
                                                        cell.frequency &+= other.frequency
                                                        cell.sixMonths &+= other.sixMonths
                                                        cell.recent &+= other.recent
                                                        cell.previous &+= other.previous
                                                        cell.monetary &+= other.monetary
                                                        cell.leaving &+= other.leaving
                                                        cell.arriving &+= other.arriving
                                                        cell.largest = max(cell.largest, other.largest)
                                                    }
                                                    o.0[c] = cell.last
                                                    o.1[c] = cell.frequency
                                                    o.2[c] = cell.monetary
                                                    o.3[c] = cell.sixMonths
                                                    o.4[c] = cell.recent
                                                    o.5[c] = cell.previous
                                                    o.6[c] = cell.leaving
                                                    o.7[c] = cell.arriving
                                                    o.8[c] = cell.largest
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Recounts the three money sums with overflow checks (only for books whose amounts are too
    /// large to rule overflow out), throwing for the first client whose sum overflows.
    static func checkSums(_ columns: TransactionColumns, windows: ActivityWindows) throws(ActivityError) {
        let clients = columns.customers.count
        var sums = [Int64](repeating: 0, count: 3 * clients)
        let asOf = windows.asOf
        let rfmStart = windows.rfmStart.number
        let recentStart = windows.recentStart.number
        let wanted = windows.selection.currency.packed
        for i in 0..<columns.count where columns.day[i] <= asOf.number && columns.currency[i] == wanted {
            guard let type = TransactionType(rawValue: columns.type[i]),
                let direction = Direction(rawValue: columns.direction[i])
            else { continue }
            let bits = windows.classification(type: type, direction: direction)
            let c = Int(columns.customerIndex[i])
            let day = columns.day[i]
            let amount = columns.amountMinorUnits[i]
            for (slot, counts, field) in [
                (0, bits & 1 != 0 && day >= rfmStart, "monetaryMinorUnits"),
                (1, bits & 2 != 0 && day >= recentStart, "leavingMinorUnits"),
                (2, bits & 4 != 0 && day >= recentStart, "arrivingMinorUnits"),
            ] where counts {
                let (sum, overflow) = sums[3 * c + slot].addingReportingOverflow(amount)
                guard !overflow else {
                    throw ActivityError(
                        .overflow, customer: columns.customers[c], row: i, field: field,
                        "the client's sum overflows 64-bit minor units")
                }
                sums[3 * c + slot] = sum
            }
        }
    }
}
