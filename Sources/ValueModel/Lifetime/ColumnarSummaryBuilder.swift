import ClienteleSupport
public import CustomerModel

/// Which rows of a ``/CustomerModel/TransactionColumns`` count as purchases for lifetime value.
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
    /// `holdoutEnd` ignored).
    ///
    /// Clients appear in dense-index order.
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
        columns: TransactionColumns,
        calibrationEnd: Day,
        holdoutEnd: Day,
        timeUnit: TimeUnit = .days,
        selection: TransactionSelection
    ) throws(LifetimeValueError) {
        guard holdoutEnd >= calibrationEnd else {
            throw LifetimeValueError(
                .invalidInput,
                field: "holdoutEnd",
                "the holdout period must not end before calibration"
            )
        }
        let tallies = try ColumnarTally.tally(
            columns,
            calibrationEnd: calibrationEnd.number,
            holdoutEnd: holdoutEnd.number,
            selection: selection
        )
        self = try Self.assemble(
            customers: columns.customers,
            tallies: tallies,
            calibrationEnd: calibrationEnd,
            holdoutEnd: holdoutEnd,
            timeUnit: timeUnit,
            currency: selection.currency
        )
    }
}

extension CustomerSummaries {
    /// Builds calibration summaries from a columnar snapshot (rows after `calibrationEnd` ignored);
    /// see ``CalibrationHoldoutSplit/init(columns:calibrationEnd:holdoutEnd:timeUnit:selection:)``.
    /// - Throws: ``LifetimeValueError`` as the split builder does.
    public init(
        columns: TransactionColumns,
        calibrationEnd: Day,
        timeUnit: TimeUnit = .days,
        selection: TransactionSelection
    ) throws(LifetimeValueError) {
        self =
            try CalibrationHoldoutSplit(
                columns: columns,
                calibrationEnd: calibrationEnd,
                holdoutEnd: calibrationEnd,
                timeUnit: timeUnit,
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
        _ columns: TransactionColumns,
        calibrationEnd: Int32,
        holdoutEnd: Int32,
        selection: TransactionSelection
    ) throws(LifetimeValueError) -> [ClientTally] {
        let n = columns.count
        guard columns.day.count == n, columns.amountMinorUnits.count == n, columns.currency.count == n else {
            throw LifetimeValueError(
                .invalidInput,
                field: "columns",
                "customerIndex, day, amountMinorUnits and currency must have the same length"
            )
        }
        if selection.types != nil, columns.type.count != n {
            throw LifetimeValueError(.invalidInput, field: "type", "the type column must have one value per row")
        }
        if selection.direction != nil, columns.direction.count != n {
            throw LifetimeValueError(
                .invalidInput,
                field: "direction",
                "the direction column must have one value per row"
            )
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
                                            client: client,
                                            day: day,
                                            amount: amount,
                                            currency: currency,
                                            type: selection.types == nil ? nil : type.baseAddress,
                                            direction: selection.direction == nil ? nil : direction.baseAddress,
                                            allowedType: allowedType,
                                            wantedDirection: selection.direction?.rawValue ?? 0,
                                            wantedCurrency: selection.currency.packed,
                                            clients: clients,
                                            calibrationEnd: calibrationEnd,
                                            holdoutEnd: holdoutEnd
                                        )
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
                .invalidInput,
                row: problem.row,
                field: "customerIndex",
                "the client index is outside customers"
            )
        case 2:
            let index = Int(columns.customerIndex[problem.row])
            throw LifetimeValueError(
                .negativeAmount,
                customer: columns.customers[index],
                row: problem.row,
                field: "amountMinorUnits",
                "a purchase amount must not be negative (net refunds against purchases first)"
            )
        default:
            return tallies
        }
    }

    /// The per-client state of the row loops, split by how often rows touch it: ``Hot`` (32 bytes,
    /// every row) and ``Cold`` (first-day rows, the first holdout row, flags).
    struct Hot {
        var first: Int32 = .max  // smallest day seen
        var lastSeen: Int32 = .min
        var calibrationDays: Int32 = 0
        var holdoutDays: Int32 = 0
        var calibrationSpend: Int64 = 0
        var holdoutSpend: Int64 = 0
    }

    struct Cold {
        var lastCalibration: Int32 = .min  // valid once holdoutDays > 0; before that it is lastSeen
        var flags: Int32 = 0
        var firstDaySpend: Int64 = 0
    }

    /// One worker's state arrays.
    struct State {
        let hot: UnsafeMutablePointer<Hot>
        let cold: UnsafeMutablePointer<Cold>

        static func allocate(_ clients: Int) -> State {
            let state = State(
                hot: UnsafeMutablePointer<Hot>.allocate(capacity: max(clients, 1)),
                cold: UnsafeMutablePointer<Cold>.allocate(capacity: max(clients, 1))
            )
            state.hot.initialize(repeating: Hot(), count: max(clients, 1))
            state.cold.initialize(repeating: Cold(), count: max(clients, 1))
            return state
        }

        func deallocate() {
            hot.deallocate()
            cold.deallocate()
        }
    }

    /// Pass 1 over row chunks in parallel, merge, then the exact recount of unsorted clients.
    static func run(_ rows: Rows, count n: Int, into tallies: UnsafeMutableBufferPointer<ClientTally>) -> Problem {
        let ranges = ParallelWork.ranges(n, minimumChunk: 1 << 18)
        let chunks = ranges.count
        let states = (0..<chunks).map { _ in State.allocate(rows.clients) }
        defer { for state in states { state.deallocate() } }
        let problems = UnsafeMutablePointer<Problem>.allocate(capacity: chunks)
        problems.initialize(repeating: Problem(), count: chunks)
        defer { problems.deallocate() }
        let shared = UncheckedSendable(value: (states: states, problems: problems))
        ParallelWork.run(chunks) { k in
            shared.value.problems[k] = monotone(rows, ranges[k], shared.value.states[k])
        }
        var first = Problem()
        for k in 0..<chunks where problems[k].row < first.row { first = problems[k] }
        if first.kind != 0 { return first }
        let state = states[0]
        for later in states.dropFirst() {
            for c in 0..<rows.clients { merge(state, c, later, calibrationEnd: rows.calibrationEnd) }
        }
        recount(rows, count: n, state: state)
        for c in 0..<rows.clients {
            let hot = state.hot[c]
            let cold = state.cold[c]
            tallies[c] = ClientTally(
                first: hot.first,
                lastSeen: hot.lastSeen,
                lastCalibration: hot.holdoutDays > 0 ? cold.lastCalibration : hot.lastSeen,
                calibrationDays: hot.calibrationDays,
                holdoutDays: hot.holdoutDays,
                flags: cold.flags,
                calibrationSpend: hot.calibrationSpend,
                firstDaySpend: cold.firstDaySpend,
                holdoutSpend: hot.holdoutSpend
            )
        }
        return Problem()
    }

    /// One pass assuming each client's rows come in non-decreasing day order; a client whose rows
    /// do not is flagged ``ClientTally/unsorted`` for ``recount(_:count:state:)``.
    static func monotone(_ rows: Rows, _ range: Range<Int>, _ state: State) -> Problem {
        let end = rows.calibrationEnd
        for i in range {
            guard rows.selected(i) else { continue }
            let c = Int(rows.client[i])
            guard c >= 0, c < rows.clients else { return Problem(row: i, kind: 1) }
            let amount = rows.amount[i]
            guard amount >= 0 else { return Problem(row: i, kind: 2) }
            let day = rows.day[i]
            let hot = state.hot + c
            let last = hot.pointee.lastSeen
            if day != last {
                if day < last {
                    state.cold[c].flags |= ClientTally.unsorted
                } else {
                    if day <= end {
                        hot.pointee.calibrationDays &+= 1
                    } else {
                        if hot.pointee.holdoutDays == 0 { state.cold[c].lastCalibration = last }
                        hot.pointee.holdoutDays &+= 1
                    }
                    hot.pointee.lastSeen = day
                }
            }
            if day < hot.pointee.first { hot.pointee.first = day }
            if day <= end {
                let (sum, overflow) = hot.pointee.calibrationSpend.addingReportingOverflow(amount)
                hot.pointee.calibrationSpend = sum
                if day == hot.pointee.first {
                    let (firstSum, o) = state.cold[c].firstDaySpend.addingReportingOverflow(amount)
                    state.cold[c].firstDaySpend = firstSum
                    if o { state.cold[c].flags |= ClientTally.overflow }
                }
                if overflow { state.cold[c].flags |= ClientTally.overflow }
            } else {
                let (sum, overflow) = hot.pointee.holdoutSpend.addingReportingOverflow(amount)
                hot.pointee.holdoutSpend = sum
                if overflow { state.cold[c].flags |= ClientTally.overflow }
            }
        }
        return Problem()
    }

    /// Appends client `c`'s tally from a later chunk of rows (`b`) to the earlier one (`a`).
    static func merge(_ a: State, _ c: Int, _ b: State, calibrationEnd end: Int32) {
        let bh = b.hot[c]
        let bc = b.cold[c]
        if bh.lastSeen == .min { return }
        let ah = a.hot[c]
        if ah.lastSeen == .min {
            a.hot[c] = bh
            a.cold[c] = bc
            return
        }
        a.hot[c].first = min(ah.first, bh.first)
        if (a.cold[c].flags | bc.flags) & ClientTally.unsorted != 0 || bh.first < ah.lastSeen {
            a.cold[c].flags |= ClientTally.unsorted
            return
        }
        let overlap = ah.lastSeen == bh.first
        var hot = ah
        var cold = a.cold[c]
        if bh.first == ah.first, bh.first <= end {
            let (sum, o) = cold.firstDaySpend.addingReportingOverflow(bc.firstDaySpend)
            cold.firstDaySpend = sum
            if o { cold.flags |= ClientTally.overflow }
        }
        let lastCalibrationA = ah.holdoutDays > 0 ? cold.lastCalibration : ah.lastSeen
        let lastCalibrationB = bh.holdoutDays > 0 ? bc.lastCalibration : bh.lastSeen
        hot.calibrationDays += bh.calibrationDays - (overlap && bh.first <= end ? 1 : 0)
        hot.holdoutDays += bh.holdoutDays - (overlap && bh.first > end ? 1 : 0)
        cold.lastCalibration = bh.calibrationDays > 0 ? lastCalibrationB : lastCalibrationA
        hot.lastSeen = bh.lastSeen
        let (calibration, o1) = hot.calibrationSpend.addingReportingOverflow(bh.calibrationSpend)
        let (holdout, o2) = hot.holdoutSpend.addingReportingOverflow(bh.holdoutSpend)
        hot.calibrationSpend = calibration
        hot.holdoutSpend = holdout
        cold.flags |= bc.flags & ClientTally.overflow
        if o1 || o2 { cold.flags |= ClientTally.overflow }
        a.hot[c] = hot
        a.cold[c] = cold
    }

    /// Recounts the clients flagged unsorted exactly.
    ///
    /// Each gets a day bitmap from its first day
    /// (the smallest, known from pass 1) to the holdout end; the rows are split across the
    /// cores, each worker OR-ing into its own bitmaps and summing its own spend, and the counts
    /// come from population counts of the merged bitmaps. Blocks of clients keep each worker's
    /// bitmaps under 16 Mi words (128 MiB), one pass over the rows per block.
    static func recount(_ rows: Rows, count n: Int, state: State) {
        var slot = [Int32](repeating: -1, count: rows.clients)
        var flagged: [Int] = []
        for c in 0..<rows.clients where state.cold[c].flags & ClientTally.unsorted != 0 {
            slot[c] = Int32(truncatingIfNeeded: flagged.count)
            flagged.append(c)
        }
        guard !flagged.isEmpty else { return }
        let base = flagged.map { state.hot[$0].first }
        var offsets = [Int](repeating: 0, count: flagged.count + 1)
        for s in 0..<flagged.count {
            offsets[s + 1] = offsets[s] + Int((Int64(rows.holdoutEnd) - Int64(base[s])) >> 6) + 1
        }
        let budget = 1 << 24
        let end = rows.calibrationEnd
        let parts = ParallelWork.ranges(n, minimumChunk: 1 << 18)
        var blockStart = 0
        while blockStart < flagged.count {
            var blockEnd = blockStart + 1
            while blockEnd < flagged.count, offsets[blockEnd + 1] - offsets[blockStart] <= budget { blockEnd += 1 }
            let words = offsets[blockEnd] - offsets[blockStart]
            let clients = blockEnd - blockStart
            let low = Int32(truncatingIfNeeded: blockStart)
            let high = Int32(truncatingIfNeeded: blockEnd)
            let bitBase = offsets[blockStart]
            // Per worker: bitmaps, and per client calibration spend, first-day spend, holdout spend
            // and an overflow flag.
            let bits = (0..<parts.count).map { _ in
                let p = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
                p.initialize(repeating: 0, count: words)
                return p
            }
            let spends = (0..<parts.count).map { _ in
                let p = UnsafeMutablePointer<Int64>.allocate(capacity: 4 * clients)
                p.initialize(repeating: 0, count: 4 * clients)
                return p
            }
            defer {
                for p in bits { p.deallocate() }
                for p in spends { p.deallocate() }
            }
            let shared = UncheckedSendable(value: (bits: bits, spends: spends))
            slot.withUnsafeBufferPointer { slot in
                offsets.withUnsafeBufferPointer { offsets in
                    base.withUnsafeBufferPointer { base in
                        ParallelWork.run(parts.count) { k in
                            let bits = shared.value.bits[k]
                            let spend = shared.value.spends[k]
                            for i in parts[k] where rows.selected(i) {
                                let c = Int(rows.client[i])
                                guard c >= 0, c < rows.clients else { continue }
                                let s = slot[c]
                                guard s >= low, s < high else { continue }
                                let si = Int(s)
                                let day = rows.day[i]
                                let offset = Int(day - base[si])
                                bits[offsets[si] - bitBase + (offset >> 6)] |= UInt64(1) << UInt64(offset & 63)
                                let local = si - blockStart
                                let amount = rows.amount[i]
                                let column = day <= end ? 0 : 2
                                let (sum, o) = spend[4 * local + column].addingReportingOverflow(amount)
                                spend[4 * local + column] = sum
                                if o { spend[4 * local + 3] = 1 }
                                if day == base[si], day <= end {
                                    let (firstSum, o2) = spend[4 * local + 1].addingReportingOverflow(amount)
                                    spend[4 * local + 1] = firstSum
                                    if o2 { spend[4 * local + 3] = 1 }
                                }
                            }
                        }
                    }
                }
            }
            for s in blockStart..<blockEnd {
                let c = flagged[s]
                let local = s - blockStart
                let from = offsets[s] - bitBase
                let count = offsets[s + 1] - offsets[s]
                for k in 1..<max(parts.count, 1) {
                    for w in 0..<count { bits[0][from + w] |= bits[k][from + w] }
                }
                let day0 = base[s]
                // Bits 0..<calibrationBits are calibration days.
                let calibrationBits = Int(Int64(end) - Int64(day0)) + 1
                var calibrationDays = 0
                var holdoutDays = 0
                var lastCalibration: Int32 = .min
                var lastSeen: Int32 = .min
                for w in 0..<count {
                    let word = bits[0][from + w]
                    if word == 0 { continue }
                    let lowBit = w << 6
                    let split = min(max(calibrationBits - lowBit, 0), 64)
                    let calibrationMask: UInt64 = split == 64 ? ~0 : (UInt64(1) << UInt64(split)) &- 1
                    let calibrationWord = word & calibrationMask
                    calibrationDays += calibrationWord.nonzeroBitCount
                    holdoutDays += (word & ~calibrationMask).nonzeroBitCount
                    if calibrationWord != 0 {
                        lastCalibration = day0 + Int32(lowBit + 63 - calibrationWord.leadingZeroBitCount)
                    }
                    lastSeen = day0 + Int32(lowBit + 63 - word.leadingZeroBitCount)
                }
                var calibrationSpend: Int64 = 0
                var firstDaySpend: Int64 = 0
                var holdoutSpend: Int64 = 0
                var overflowed = false
                for k in 0..<parts.count {
                    let (a, o1) = calibrationSpend.addingReportingOverflow(spends[k][4 * local])
                    let (b, o2) = firstDaySpend.addingReportingOverflow(spends[k][4 * local + 1])
                    let (h, o3) = holdoutSpend.addingReportingOverflow(spends[k][4 * local + 2])
                    calibrationSpend = a
                    firstDaySpend = b
                    holdoutSpend = h
                    overflowed = overflowed || o1 || o2 || o3 || spends[k][4 * local + 3] != 0
                }
                state.hot[c] = Hot(
                    first: day0,
                    lastSeen: lastSeen,
                    calibrationDays: Int32(calibrationDays),
                    holdoutDays: Int32(holdoutDays),
                    calibrationSpend: calibrationSpend,
                    holdoutSpend: holdoutSpend
                )
                // lastCalibration is read from cold only when there are holdout days; store it anyway.
                state.cold[c] = Cold(
                    lastCalibration: lastCalibration,
                    flags: overflowed ? ClientTally.overflow : 0,
                    firstDaySpend: firstDaySpend
                )
                if holdoutDays == 0 { state.hot[c].lastSeen = lastCalibration }
            }
            blockStart = blockEnd
        }
    }
}
