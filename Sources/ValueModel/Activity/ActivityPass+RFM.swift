import ClienteleSupport
import CustomerModel

/// The lighter pass behind ``RFMBook/init(columns:windows:)``: only the last day, frequency and
/// monetary sum, reading the client, day, amount and currency columns (and type and direction
/// only when the selection filters on them). Same run-in-registers layout as ``ActivityPass``,
/// with 16-byte cells.
extension ActivityPass {
    struct RFMCell {
        var last: Int32 = .min
        var frequency: Int32 = 0
        var monetary: Int64 = 0
    }

    /// Whether a row passes the selection's type and direction filter.
    protocol RowFilter {
        static func allows(_ r: Rows, _ i: Int) -> Bool
    }

    /// No type or direction filter: the type and direction columns are never read.
    enum EveryRow: RowFilter {
        @inline(__always) static func allows(_ r: Rows, _ i: Int) -> Bool { true }
    }

    /// The classification table's RFM bit.
    enum SelectedRows: RowFilter {
        @inline(__always) static func allows(_ r: Rows, _ i: Int) -> Bool {
            r.table[Int(r.type[i]) | Int(r.direction[i]) &<< 8] & 1 != 0
        }
    }

    static func aggregateRFM(
        _ columns: TransactionColumns,
        windows: ActivityWindows
    ) throws(ActivityError)
        -> ActivityColumns
    {
        let n = columns.count
        let clients = columns.customers.count
        let filtered = windows.selection.types != nil || windows.selection.direction != nil
        guard columns.day.count == n, columns.amountMinorUnits.count == n, columns.currency.count == n,
            !filtered || (columns.type.count == n && columns.direction.count == n)
        else {
            throw ActivityError(
                .invalidInput,
                field: "columns",
                "customerIndex, day, amountMinorUnits, currency (and type and direction when selected on) must have one value per row"
            )
        }
        guard n < Int(Int32.max), clients < Int(Int32.max) else {
            throw ActivityError(.invalidInput, field: "columns", "at most 2^31 - 1 rows and clients per pass")
        }
        var table = [UInt8](repeating: 0, count: 1 << 16)
        for type in TransactionType.allCases {
            for direction in Direction.allCases {
                table[Int(type.rawValue) | Int(direction.rawValue) << 8] = windows.classification(
                    type: type,
                    direction: direction
                )
            }
        }
        var out = ActivityColumns(count: clients)
        var outcome = Outcome()
        let placeholder: [UInt8] = [0]
        columns.customerIndex.withUnsafeBufferPointer { client in
            columns.day.withUnsafeBufferPointer { day in
                columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                    columns.currency.withUnsafeBufferPointer { currency in
                        (filtered ? columns.type : placeholder).withUnsafeBufferPointer { type in
                            (filtered ? columns.direction : placeholder).withUnsafeBufferPointer { direction in
                                table.withUnsafeBufferPointer { table in
                                    guard n > 0, let client = client.baseAddress, let day = day.baseAddress,
                                        let amount = amount.baseAddress, let currency = currency.baseAddress,
                                        let type = type.baseAddress, let direction = direction.baseAddress,
                                        let table = table.baseAddress
                                    else { return }
                                    let rows = Rows(
                                        client: client,
                                        day: day,
                                        amount: amount,
                                        currency: currency,
                                        type: type,
                                        direction: direction,
                                        table: table,
                                        typeMasks: nil,
                                        ageMasks: nil,
                                        ageLimit: 0,
                                        wantedCurrency: windows.selection.currency.packed,
                                        clients: UInt32(clients),
                                        asOf: windows.asOf.number,
                                        rfmDays: UInt32(windows.rfmDays),
                                        sixDays: 0,
                                        recentDays: 0
                                    )
                                    outcome =
                                        filtered
                                        ? runRFM(rows, count: n, filter: SelectedRows.self, into: &out)
                                        : runRFM(rows, count: n, filter: EveryRow.self, into: &out)
                                }
                            }
                        }
                    }
                }
            }
        }
        try report(outcome, columns, windows: windows)
        return out
    }

    static func runRFM<Filter: RowFilter>(
        _ rows: Rows,
        count n: Int,
        filter: Filter.Type,
        into out: inout ActivityColumns
    ) -> Outcome {
        let ranges = ParallelWork.ranges(n, minimumChunk: 1 << 16)
        let clients = Int(rows.clients)
        let cells = (0..<ranges.count).map { _ in UnsafeMutablePointer<RFMCell>.allocate(capacity: max(clients, 1)) }
        defer { for cell in cells { cell.deallocate() } }
        let outcomes = UnsafeMutablePointer<Outcome>.allocate(capacity: ranges.count)
        outcomes.initialize(repeating: Outcome(), count: ranges.count)
        defer { outcomes.deallocate() }
        let shared = UncheckedSendable(value: (cells: cells, outcomes: outcomes))
        ParallelWork.run(ranges.count) { k in
            shared.value.cells[k].initialize(repeating: RFMCell(), count: max(clients, 1))
            shared.value.outcomes[k] = passRFM(rows, ranges[k], shared.value.cells[k], Filter.self)
        }
        var outcome = Outcome()
        for k in 0..<ranges.count {
            outcome.badRow = min(outcome.badRow, outcomes[k].badRow)
            outcome.sums |= outcomes[k].sums
        }
        guard outcome.badRow == .max else { return outcome }
        let parts = ParallelWork.ranges(clients, minimumChunk: 1 << 14)
        var signs = [Int64](repeating: 0, count: parts.count)
        out.lastDay.withUnsafeMutableBufferPointer { lastDay in
            out.frequency.withUnsafeMutableBufferPointer { frequency in
                out.monetary.withUnsafeMutableBufferPointer { monetary in
                    signs.withUnsafeMutableBufferPointer { signs in
                        let o = UncheckedSendable(value: (lastDay, frequency, monetary, signs, cells))
                        ParallelWork.run(parts.count) { k in
                            var sign: Int64 = 0
                            for c in parts[k] {
                                var cell = o.value.4[0][c]
                                for w in o.value.4.indices.dropFirst() {
                                    let other = o.value.4[w][c]
                                    cell.last = max(cell.last, other.last)
                                    cell.frequency &+= other.frequency
                                    cell.monetary &+= other.monetary
                                }
                                o.value.0[c] = cell.last
                                o.value.1[c] = cell.frequency
                                o.value.2[c] = cell.monetary
                                sign |= cell.monetary
                            }
                            o.value.3[k] = sign
                        }
                    }
                }
            }
        }
        outcome.sums |= signs.reduce(0, |)
        return outcome
    }

    /// The RFM-only hot loop: runs of one client in registers; the amount and the running sum are
    /// ORed into `sums` (negative amount or overflow shows as a negative word).
    static func passRFM<Filter: RowFilter>(
        _ r: Rows,
        _ range: Range<Int>,
        _ cells: UnsafeMutablePointer<RFMCell>,
        _: Filter.Type
    ) -> Outcome {
        var i = range.lowerBound
        let end = range.upperBound
        var sums: Int64 = 0
        let asOf = r.asOf
        let rfmDays = r.rfmDays
        let wanted = r.wantedCurrency
        while i < end {
            let c = r.client[i]
            guard UInt32(bitPattern: c) < r.clients else { return Outcome(badRow: i, sums: sums) }
            var last = Int32.min
            var frequency: Int32 = 0
            var monetary: Int64 = 0
            repeat {
                let d = r.day[i]
                let a = r.amount[i]
                let selected = r.currency[i] == wanted && Filter.allows(r, i)
                let inWindow = selected && UInt32(bitPattern: asOf &- d) < rfmDays
                last = max(last, selected && d <= asOf ? d : .min)
                frequency &+= inWindow ? 1 : 0
                monetary &+= inWindow ? a : 0
                sums |= monetary | a
                i &+= 1
            } while i < end && r.client[i] == c
            let cell = cells + Int(c)
            cell.pointee.last = max(cell.pointee.last, last)
            cell.pointee.frequency &+= frequency
            cell.pointee.monetary &+= monetary
            sums |= cell.pointee.monetary
        }
        return Outcome(sums: sums)
    }
}
