public import CustomerModel

/// Which rows of a ``TransactionColumns`` count as purchases for lifetime value.
///
/// A row counts when it is in ``currency`` and, when set, of one of ``types`` and in
/// ``direction``. Rows in other currencies are skipped (convert them first if they should count):
/// summing amounts of different currencies would be meaningless.
public struct TransactionSelection: Hashable, Sendable {
    /// The currency of the rows that count.
    public var currency: CurrencyCode
    /// The transaction types that count; `nil` for all.
    public var types: Set<TransactionType>?
    /// The direction that counts; `nil` for both.
    public var direction: Direction?

    /// Creates a selection.
    public init(currency: CurrencyCode, types: Set<TransactionType>? = nil, direction: Direction? = nil) {
        self.currency = currency
        self.types = types
        self.direction = direction
    }
}

extension CalibrationHoldoutSplit {
    /// Builds calibration summaries and holdout counts from a columnar snapshot, with the same
    /// definitions as ``init(purchases:calibrationEnd:holdoutEnd:timeUnit:)`` (purchases merged
    /// per day, clients whose first selected row is after `calibrationEnd` left out, rows after
    /// `holdoutEnd` ignored). Clients appear in dense-index order.
    ///
    /// Fast path: one pass over the rows, split across the cores, with per-client state in arrays
    /// indexed by the dense client index (no dictionaries). It relies on each client's rows being
    /// in non-decreasing day order, which append order usually gives; clients for whom that does
    /// not hold are detected and recounted exactly with a per-client day bitmap in a second pass.
    /// - Throws: ``LifetimeValueError``: `invalidInput` for columns of different lengths or a
    ///   client index out of range (naming the row), `negativeAmount` for a selected row whose
    ///   amount is negative (naming the client and row; zero amounts count as transactions), `overflow` when a client's spend
    ///   overflows, `invalidInput` when `holdoutEnd < calibrationEnd`.
    public init(
        columns: TransactionColumns, calibrationEnd: Day, holdoutEnd: Day, timeUnit: TimeUnit = .days,
        selection: TransactionSelection
    ) throws(LifetimeValueError) {
        guard holdoutEnd >= calibrationEnd else {
            throw LifetimeValueError(.invalidInput, field: "holdoutEnd", "the holdout period must not end before calibration")
        }
        let tallies = try ColumnarTally.tally(
            columns, calibrationEnd: calibrationEnd.number, holdoutEnd: holdoutEnd.number, selection: selection)
        self = try Self.assemble(
            customers: columns.customers, tallies: tallies, calibrationEnd: calibrationEnd, holdoutEnd: holdoutEnd,
            timeUnit: timeUnit, currency: selection.currency)
    }
}

extension CustomerSummaries {
    /// Builds calibration summaries from a columnar snapshot (rows after `calibrationEnd` ignored);
    /// see ``CalibrationHoldoutSplit/init(columns:calibrationEnd:holdoutEnd:timeUnit:selection:)``.
    /// - Throws: ``LifetimeValueError`` as the split builder does.
    public init(
        columns: TransactionColumns, calibrationEnd: Day, timeUnit: TimeUnit = .days, selection: TransactionSelection
    ) throws(LifetimeValueError) {
        self =
            try CalibrationHoldoutSplit(
                columns: columns, calibrationEnd: calibrationEnd, holdoutEnd: calibrationEnd, timeUnit: timeUnit,
                selection: selection
            ).calibration
    }
}

/// The row loops of the columnar builder.
enum ColumnarTally {
    /// What stopped a chunk: the first bad row, if any.
    struct Problem {
        var row: Int = .max
        var kind: Int = 0  // 1: client index out of range, 2: negative amount
    }

    /// Read-only views of the columns a loop needs, plus the row filter.
    struct Rows: @unchecked Sendable {
        let client: UnsafePointer<Int32>
        let day: UnsafePointer<Int32>
        let amount: UnsafePointer<Int64>
        let currency: UnsafePointer<UInt32>
        let type: UnsafePointer<UInt8>?
        let direction: UnsafePointer<UInt8>?
        let allowedType: UnsafePointer<Bool>
        let wantedDirection: UInt8
        let wantedCurrency: UInt32
        let clients: Int
        let calibrationEnd: Int32
        let holdoutEnd: Int32

        /// Whether row `i` is a selected purchase on or before the holdout end.
        @inline(__always)
        func selected(_ i: Int) -> Bool {
            guard day[i] <= holdoutEnd, currency[i] == wantedCurrency else { return false }
            if let type, !allowedType[Int(type[i])] { return false }
            if let direction, direction[i] != wantedDirection { return false }
            return true
        }
    }

    static func tally(
        _ columns: TransactionColumns, calibrationEnd: Int32, holdoutEnd: Int32, selection: TransactionSelection
    ) throws(LifetimeValueError) -> [ClientTally] {
        let n = columns.count
        guard columns.day.count == n, columns.amountMinorUnits.count == n, columns.currency.count == n else {
            throw LifetimeValueError(
                .invalidInput, field: "columns", "customerIndex, day, amountMinorUnits and currency must have the same length")
        }
        if selection.types != nil, columns.type.count != n {
            throw LifetimeValueError(.invalidInput, field: "type", "the type column must have one value per row")
        }
        if selection.direction != nil, columns.direction.count != n {
            throw LifetimeValueError(.invalidInput, field: "direction", "the direction column must have one value per row")
        }
        var allowed = [Bool](repeating: selection.types == nil, count: 256)
        for type in selection.types ?? [] { allowed[Int(type.rawValue)] = true }
        let clients = columns.customers.count
        var tallies = [ClientTally](repeating: ClientTally(), count: clients)
        var problem = Problem()
        if n > 0 {
            columns.customerIndex.withUnsafeBufferPointer { client in
                columns.day.withUnsafeBufferPointer { day in
                    columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                        columns.currency.withUnsafeBufferPointer { currency in
                            columns.type.withUnsafeBufferPointer { type in
                                columns.direction.withUnsafeBufferPointer { direction in
                                    allowed.withUnsafeBufferPointer { allowedType in
                                        guard let client = client.baseAddress, let day = day.baseAddress,
                                            let amount = amount.baseAddress, let currency = currency.baseAddress,
                                            let allowedType = allowedType.baseAddress
                                        else { return }
                                        let rows = Rows(
                                            client: client, day: day, amount: amount, currency: currency,
                                            type: selection.types == nil ? nil : type.baseAddress,
                                            direction: selection.direction == nil ? nil : direction.baseAddress,
                                            allowedType: allowedType, wantedDirection: selection.direction?.rawValue ?? 0,
                                            wantedCurrency: selection.currency.packed, clients: clients,
                                            calibrationEnd: calibrationEnd, holdoutEnd: holdoutEnd)
                                        tallies.withUnsafeMutableBufferPointer { out in
                                            problem = run(rows, count: n, into: out)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        switch problem.kind {
        case 1:
            throw LifetimeValueError(
                .invalidInput, row: problem.row, field: "customerIndex", "the client index is outside customers")
        case 2:
            let index = Int(columns.customerIndex[problem.row])
            throw LifetimeValueError(
                .negativeAmount, customer: columns.customers[index], row: problem.row, field: "amountMinorUnits",
                "a purchase amount must not be negative (net refunds against purchases first)")
        default:
            return tallies
        }
    }

    /// Pass 1 over row chunks in parallel, merge, then the exact recount of unsorted clients.
    static func run(_ rows: Rows, count n: Int, into tallies: UnsafeMutableBufferPointer<ClientTally>) -> Problem {
        guard let target = tallies.baseAddress else { return Problem() }
        let ranges = Parallel.ranges(n, minimumChunk: 1 << 18)
        let chunks = ranges.count
        let extra = UnsafeMutablePointer<ClientTally>.allocate(capacity: max(1, (chunks - 1) * rows.clients))
        extra.initialize(repeating: ClientTally(), count: max(1, (chunks - 1) * rows.clients))
        defer { extra.deallocate() }
        let problems = UnsafeMutablePointer<Problem>.allocate(capacity: chunks)
        problems.initialize(repeating: Problem(), count: chunks)
        defer { problems.deallocate() }
        let shared = (target: SharedPointer(base: target), extra: SharedPointer(base: extra), problems: SharedPointer(base: problems))
        Parallel.run(chunks) { k in
            let out = k == 0 ? shared.target.base : shared.extra.base + (k - 1) * rows.clients
            shared.problems.base[k] = monotone(rows, ranges[k], out)
        }
        var first = Problem()
        for k in 0..<chunks where problems[k].row < first.row { first = problems[k] }
        if first.kind != 0 { return first }
        for k in 1..<max(chunks, 1) {
            let later = extra + (k - 1) * rows.clients
            for c in 0..<rows.clients { merge(&target[c], later[c], calibrationEnd: rows.calibrationEnd) }
        }
        recount(rows, count: n, tallies: target)
        return Problem()
    }

    /// One pass assuming each client's rows come in non-decreasing day order; a client whose rows
    /// do not is flagged ``ClientTally/unsorted`` for ``recount(_:count:tallies:)``.
    static func monotone(_ rows: Rows, _ range: Range<Int>, _ tallies: UnsafeMutablePointer<ClientTally>) -> Problem {
        let end = rows.calibrationEnd
        for i in range {
            guard rows.selected(i) else { continue }
            let c = Int(rows.client[i])
            guard c >= 0, c < rows.clients else { return Problem(row: i, kind: 1) }
            let amount = rows.amount[i]
            guard amount >= 0 else { return Problem(row: i, kind: 2) }
            let day = rows.day[i]
            let tally = tallies + c
            let last = tally.pointee.lastSeen
            if day != last {
                if day < last {
                    tally.pointee.flags |= ClientTally.unsorted
                } else {
                    if last == .min { tally.pointee.first = day }
                    if day <= end {
                        tally.pointee.calibrationDays &+= 1
                        tally.pointee.lastCalibration = day
                    } else {
                        tally.pointee.holdoutDays &+= 1
                    }
                    tally.pointee.lastSeen = day
                }
            }
            tally.pointee.add(amount, on: day, calibrationEnd: end)
        }
        return Problem()
    }

    /// Appends the tally of a later chunk of rows to an earlier one.
    static func merge(_ a: inout ClientTally, _ b: ClientTally, calibrationEnd end: Int32) {
        if b.lastSeen == .min { return }
        if a.lastSeen == .min {
            a = b
            return
        }
        if (a.flags | b.flags) & ClientTally.unsorted != 0 || b.first < a.lastSeen {
            a.flags |= ClientTally.unsorted
            return
        }
        let overlap = a.lastSeen == b.first
        if b.first == a.first, b.first <= end {
            let (sum, o) = a.firstDaySpend.addingReportingOverflow(b.firstDaySpend)
            a.firstDaySpend = sum
            if o { a.flags |= ClientTally.overflow }
        }
        a.calibrationDays += b.calibrationDays - (overlap && b.first <= end ? 1 : 0)
        a.holdoutDays += b.holdoutDays - (overlap && b.first > end ? 1 : 0)
        if b.calibrationDays > 0 { a.lastCalibration = b.lastCalibration }
        a.lastSeen = b.lastSeen
        let (calibration, o1) = a.calibrationSpend.addingReportingOverflow(b.calibrationSpend)
        let (holdout, o2) = a.holdoutSpend.addingReportingOverflow(b.holdoutSpend)
        a.calibrationSpend = calibration
        a.holdoutSpend = holdout
        a.flags |= b.flags & ClientTally.overflow
        if o1 || o2 { a.flags |= ClientTally.overflow }
    }

    /// Recounts the clients flagged unsorted exactly: their distinct days go into one bitmap per
    /// client spanning their first day to the holdout end. Bitmaps are built for blocks of clients
    /// of at most 32 Mi words (256 MiB), each block one pass over the rows, split by clients across cores.
    static func recount(_ rows: Rows, count n: Int, tallies: UnsafeMutablePointer<ClientTally>) {
        var slot = [Int32](repeating: -1, count: rows.clients)
        var flagged: [Int] = []
        for c in 0..<rows.clients where tallies[c].flags & ClientTally.unsorted != 0 {
            slot[c] = Int32(truncatingIfNeeded: flagged.count)
            flagged.append(c)
        }
        guard !flagged.isEmpty else { return }
        var firstDay = [Int32](repeating: .max, count: flagged.count)
        for i in 0..<n where rows.selected(i) {
            let c = Int(rows.client[i])
            guard c >= 0, c < rows.clients else { continue }
            let s = Int(slot[c])
            if s >= 0, rows.day[i] < firstDay[s] { firstDay[s] = rows.day[i] }
        }
        var offsets = [Int](repeating: 0, count: flagged.count + 1)
        for s in 0..<flagged.count {
            offsets[s + 1] = offsets[s] + Int((Int64(rows.holdoutEnd) - Int64(firstDay[s])) >> 6) + 1
        }
        let budget = 1 << 25
        var blockStart = 0
        while blockStart < flagged.count {
            var blockEnd = blockStart + 1
            while blockEnd < flagged.count, offsets[blockEnd + 1] - offsets[blockStart] <= budget { blockEnd += 1 }
            let words = offsets[blockEnd] - offsets[blockStart]
            let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
            bits.initialize(repeating: 0, count: words)
            defer { bits.deallocate() }
            for s in blockStart..<blockEnd {
                var fresh = ClientTally()
                fresh.first = firstDay[s]
                tallies[flagged[s]] = fresh
            }
            let parts = Parallel.ranges(blockEnd - blockStart, minimumChunk: 1024).map {
                ($0.lowerBound + blockStart)..<($0.upperBound + blockStart)
            }
            let shared = (bits: SharedPointer(base: bits), tallies: SharedPointer(base: tallies))
            let base = offsets[blockStart]
            slot.withUnsafeBufferPointer { slot in
                offsets.withUnsafeBufferPointer { offsets in
                    flagged.withUnsafeBufferPointer { flagged in
                        Parallel.run(parts.count) { k in
                            let part = parts[k]
                            let low = Int32(truncatingIfNeeded: part.lowerBound)
                            let high = Int32(truncatingIfNeeded: part.upperBound)
                            let end = rows.calibrationEnd
                            for i in 0..<n where rows.selected(i) {
                                let c = Int(rows.client[i])
                                guard c >= 0, c < rows.clients else { continue }
                                let s = slot[c]
                                guard s >= low, s < high else { continue }
                                let tally = shared.tallies.base + flagged[Int(s)]
                                let day = rows.day[i]
                                let offset = Int(day - tally.pointee.first)
                                let word = shared.bits.base + (offsets[Int(s)] - base + (offset >> 6))
                                let mask = UInt64(1) << UInt64(offset & 63)
                                if word.pointee & mask == 0 {
                                    word.pointee |= mask
                                    if day <= end {
                                        tally.pointee.calibrationDays += 1
                                        if day > tally.pointee.lastCalibration { tally.pointee.lastCalibration = day }
                                    } else {
                                        tally.pointee.holdoutDays += 1
                                    }
                                }
                                if day > tally.pointee.lastSeen { tally.pointee.lastSeen = day }
                                tally.pointee.add(rows.amount[i], on: day, calibrationEnd: end)
                            }
                        }
                    }
                }
            }
            blockStart = blockEnd
        }
    }
}
