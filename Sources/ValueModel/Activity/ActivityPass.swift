import CActivityPass
import ClienteleSupport
import CustomerModel

/// The row loop behind ``ActivityAggregates/init(columns:windows:)`` and
/// ``ActivityAggregates/init(columns:windows:scoring:)``: RFM, churn and (when asked) the CVM's
/// transaction measures in one pass.
///
/// Layout: each worker owns an array of 56-byte ``Cell``s indexed by the dense client index (and,
/// for the CVM's measures, a second array of 32-byte ``ScoringCell``s). The loop walks its rows in
/// runs of one client (a store's export groups rows by client, so a run is a client's whole
/// history) and accumulates the run in registers, touching the client's cells once per run. Every
/// row does the same work, without data-dependent branches: lookups by type and direction (what
/// the row counts for) and by age in days (which windows it falls in), ANDed into the row's
/// ``RowMask`` (and ``ScoringMask``) of packed count increments and money bits. Money sums use
/// wrapping adds of non-negative amounts; a run whose amounts and length could reach 2^62, a
/// negative amount, or a cell or merged sum that turns negative marks the outcome, and only then
/// does a checked recount run to name the client.
///
/// When the snapshot records that every row is in the selection's currency
/// (``/CustomerModel/TransactionColumns/uniformCurrency``), the currency column is not read: 18
/// bytes a row instead of 22. Such a snapshot, on a CPU with AVX2, goes through the vector form of
/// the same loop (the `CActivityPass` C target: eight rows a step, windows by comparison instead of
/// lookup, the type classes by a byte shuffle); it writes the same cells, and a row whose type or
/// direction is outside its tables sends the worker back to this loop. `ActivityVectorPassTests`
/// check that both give equal columns.
enum ActivityPass {
    /// The bits of a row's mask in the full pass: count increments in four 15-bit lanes (a run is
    /// at most 32,767 rows, so a lane never carries into the next), and one bit per money sum.
    enum RowMask {
        static let frequency: UInt64 = 1
        static let sixMonths: UInt64 = 1 << 15
        static let recent: UInt64 = 1 << 30
        static let previous: UInt64 = 1 << 45
        static let counts: UInt64 = (1 << 60) - 1
        static let monetary: UInt64 = 1 << 60
        static let leaving: UInt64 = 1 << 61
        static let arriving: UInt64 = 1 << 62
        /// A candidate for the last selected day (selected type, on or before the analysis day).
        static let lastDay: UInt64 = 1 << 63
        /// What a row in another currency still counts for.
        static let activity: UInt64 = sixMonths | recent | previous
    }

    /// The bits of a row's mask for the CVM's measures (``ScoringPassSpec``): three 15-bit count
    /// lanes, the fee and outflow bits, and a bit for "inside one of the windows" (a row there in
    /// another currency is an error for the CVM).
    enum ScoringMask {
        static let window: UInt64 = 1
        static let recent: UInt64 = 1 << 15
        static let previous: UInt64 = 1 << 30
        static let counts: UInt64 = (1 << 45) - 1
        static let feeCharged: UInt64 = 1 << 60
        static let feeRefunded: UInt64 = 1 << 61
        static let outflow: UInt64 = 1 << 62
        static let inWindows: UInt64 = 1 << 63
    }

    /// One client's measures in one worker (the C type, so that the vector pass writes the same
    /// cells).
    ///
    /// All zero bytes is the empty cell: `last` holds the day with its sign bit flipped
    /// (see ``encodedDay(_:)``), 0 for none.
    typealias Cell = clientele_activity_cell

    /// One client's CVM measures in one worker (the C type).
    ///
    /// All zero bytes is the empty cell:
    /// `first_foreign` holds `Int32.max ^ row` (see ``encodedRow(_:)``), 0 for none.
    typealias ScoringCell = clientele_scoring_cell

    /// A day as a cell keeps it: its sign bit flipped, so that the unsigned maximum is the latest day
    /// and `Int32.min` (no day) is 0.
    @inline(__always)
    static func encodedDay(_ day: Int32) -> UInt32 { UInt32(bitPattern: day) ^ 0x8000_0000 }

    /// A row number as a CVM cell keeps it: `Int32.max ^ row`, so that the maximum is the first row
    /// and `Int32.max` (no row) is 0.
    @inline(__always)
    static func encodedRow(_ row: Int32) -> Int32 { Int32.max ^ row }

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
        /// The full pass's row masks (see ``RowMask``) per `type | direction << 8`.
        let typeMasks: UnsafePointer<UInt64>?
        /// The full pass's row masks per age in days (`ageLimit`: any older day, `ageLimit + 1`:
        /// any day after the analysis day).
        let ageMasks: UnsafePointer<UInt64>?
        let ageLimit: UInt32
        let wantedCurrency: UInt32
        let clients: UInt32
        let asOf: Int32
        let rfmDays: UInt32
        let sixDays: UInt32
        let recentDays: UInt32
        /// The CVM's row masks (``ScoringMask``) per `type | direction << 8` and per age slot, when
        /// the pass measures them.
        var scoringTypeMasks: UnsafePointer<UInt64>? = nil
        var scoringAgeMasks: UnsafePointer<UInt64>? = nil
        /// The smallest large outflow.
        var largeAmount: Int64 = 0
        /// Whether rows may be in other currencies (false: the currency column is not read).
        var readsCurrency = true
        /// The vector pass's plan, when it runs (see ``ActivityPass/vectorPlan(_:count:windows:scoring:typeMasks:scoringTypeMasks:)``).
        var vector: clientele_activity_plan? = nil
    }

    /// Whether this machine runs the vector pass (x86-64 with AVX2), asked once.
    static let vectorPassAvailable = clientele_activity_pass_available() != 0

    /// The vector pass's plan for `rows`: the windows as day counts and each type and direction's
    /// class bits, read from the same masks the Swift pass uses.
    static func vectorPlan(
        _ rows: Rows,
        count: Int,
        windows: ActivityWindows,
        scoring: ScoringPassSpec?,
        typeMasks: UnsafePointer<UInt64>,
        scoringTypeMasks: UnsafeBufferPointer<UInt64>
    ) -> clientele_activity_plan {
        var plan = clientele_activity_plan()
        plan.client = rows.client
        plan.day = rows.day
        plan.amount = rows.amount
        plan.type = rows.type
        plan.direction = rows.direction
        plan.rows = Int64(count)
        plan.clients = rows.clients
        plan.as_of = rows.asOf
        plan.rfm_days = UInt32(windows.rfmDays)
        plan.six_days = rows.sixDays
        plan.recent_days = UInt32(windows.recentDays)
        // Without the CVM's measures its windows are empty.
        plan.window_days = UInt32(scoring?.windowDays ?? 0)
        plan.trend_days = UInt32(scoring?.trendDays ?? 0)
        plan.fee_days = UInt32(scoring?.feeDays ?? 0)
        plan.large_days = UInt32(scoring?.largeOutflowDays ?? 0)
        plan.large_amount = scoring?.largeAmount ?? .max
        withUnsafeMutableBytes(of: &plan.classes) { classes in
            for direction in 0..<2 {
                for type in 0..<16 {
                    let kind = type | direction << 8
                    let mask = typeMasks[kind]
                    let cvm = scoring == nil ? 0 : scoringTypeMasks[kind]
                    var bits = 0
                    if mask & RowMask.frequency != 0 { bits |= Int(CLIENTELE_CLASS_RFM) }
                    if mask & RowMask.sixMonths != 0 { bits |= Int(CLIENTELE_CLASS_ACTIVITY) }
                    if mask & RowMask.leaving != 0 { bits |= Int(CLIENTELE_CLASS_LEAVING) }
                    if mask & RowMask.arriving != 0 { bits |= Int(CLIENTELE_CLASS_ARRIVING) }
                    if cvm & ScoringMask.feeCharged != 0 { bits |= Int(CLIENTELE_CLASS_FEE_CHARGED) }
                    if cvm & ScoringMask.feeRefunded != 0 { bits |= Int(CLIENTELE_CLASS_FEE_REFUNDED) }
                    if cvm & ScoringMask.outflow != 0 { bits |= Int(CLIENTELE_CLASS_OUTFLOW) }
                    classes[direction * 16 + type] = UInt8(bits)
                }
            }
        }
        // Each kind's longest window for the rarer money, as an index into a short list of lengths.
        var lengths: [Int32] = [0]
        withUnsafeBytes(of: plan.classes) { classes in
            withUnsafeMutableBytes(of: &plan.rare_codes) { codes in
                for kind in 0..<32 {
                    let bits = Int(classes[kind])
                    var days: UInt32 = 0
                    if bits & Int(CLIENTELE_CLASS_LEAVING | CLIENTELE_CLASS_ARRIVING) != 0 {
                        days = max(days, plan.recent_days)
                    }
                    if bits & Int(CLIENTELE_CLASS_FEE_CHARGED | CLIENTELE_CLASS_FEE_REFUNDED) != 0 {
                        days = max(days, plan.fee_days)
                    }
                    if bits & Int(CLIENTELE_CLASS_OUTFLOW) != 0 { days = max(days, plan.large_days) }
                    let length = Int32(clamping: days)
                    if let code = lengths.firstIndex(of: length) {
                        codes[kind] = UInt8(code)
                    } else {
                        codes[kind] = UInt8(lengths.count)  // at most 4 lengths: 0 and three windows
                        lengths.append(length)
                    }
                }
            }
        }
        withUnsafeMutableBytes(of: &plan.rare_days) { days in
            for (index, length) in lengths.enumerated() {
                days.storeBytes(of: length, toByteOffset: 4 * index, as: Int32.self)
            }
        }
        return plan
    }

    /// What a worker reports: the first bad client index row (or `Int.max`) and the OR of its
    /// amounts and running sums (negative if an amount is negative or a sum overflowed).
    struct Outcome {
        var badRow = Int.max
        var sums: Int64 = 0
        /// Whether the vector loop did the worker's rows (for tests and diagnostics).
        var vector = false
    }

    /// The pass's per-worker output buffers.
    ///
    /// A worker's cell `c` holds something only when bit `c`
    /// of its `touched` bitmap is set (the vector loop clears a cell when it first writes it, so
    /// the buffers need no initialising pass); the Swift loop starts from empty cells and sets
    /// every bit.
    struct Workers {
        let cells: [UnsafeMutablePointer<Cell>]
        /// Empty when the CVM's measures are not asked for.
        let scoring: [UnsafeMutablePointer<ScoringCell>]
        let touched: [UnsafeMutablePointer<UInt64>]
        let size: Int

        /// Buffers for `count` workers of `size` clients (uninitialised).
        init(count: Int, size: Int, scoring: Bool) {
            self.size = size
            cells = (0..<count).map { _ in .allocate(capacity: size) }
            self.scoring = scoring ? (0..<count).map { _ in .allocate(capacity: size) } : []
            touched = (0..<count).map { _ in .allocate(capacity: Self.words(size)) }
        }

        static func words(_ size: Int) -> Int { (size + 63) / 64 }

        /// Worker `k`'s buffers as the Swift loop wants them: empty cells, all marked written.
        func prepareForSwiftLoop(_ k: Int) {
            cells[k].initialize(repeating: Cell(), count: size)
            if !scoring.isEmpty { scoring[k].initialize(repeating: ScoringCell(), count: size) }
            touched[k].initialize(repeating: ~0, count: Self.words(size))
        }

        /// Whether worker `k` wrote client `c`.
        @inline(__always)
        func wrote(_ k: Int, _ c: Int) -> Bool { touched[k][c >> 6] >> UInt64(c & 63) & 1 != 0 }

        func deallocate() {
            for buffer in cells { buffer.deallocate() }
            for buffer in scoring { buffer.deallocate() }
            for buffer in touched { buffer.deallocate() }
        }
    }

    static func aggregate(
        _ columns: TransactionColumns,
        windows: ActivityWindows,
        scoring: ScoringPassSpec? = nil,
        vector: Bool = vectorPassAvailable
    ) throws(ActivityError) -> ActivityColumns {
        try aggregateReporting(columns, windows: windows, scoring: scoring, vector: vector).columns
    }

    /// ``aggregate(_:windows:scoring:vector:)``, also telling whether the vector loop did every row.
    static func aggregateReporting(
        _ columns: TransactionColumns,
        windows: ActivityWindows,
        scoring: ScoringPassSpec? = nil,
        vector: Bool = vectorPassAvailable
    ) throws(ActivityError) -> (columns: ActivityColumns, vectorized: Bool) {
        let n = columns.count
        let clients = columns.customers.count
        let readsCurrency = columns.uniformCurrency != windows.selection.currency
        guard columns.day.count == n, columns.amountMinorUnits.count == n,
            columns.currency.count == n || !readsCurrency, columns.type.count == n, columns.direction.count == n
        else {
            throw ActivityError(
                .invalidInput,
                field: "columns",
                "customerIndex, day, amountMinorUnits, currency, type and direction must have one value per row"
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
        let asOf = windows.asOf.number
        let sixDays = Int(windows.asOf.number) - Int(windows.sixMonthsStart.number)
        let ageLimit = max(windows.rfmDays, sixDays, 2 * windows.recentDays, scoring?.oldest ?? 0)
        // Row masks: what a row of each type and direction counts for, and what a row of each age
        // counts for; a row counts for what both allow (and, in another currency, for activity only).
        var typeMasks = [UInt64](repeating: 0, count: 1 << 16)
        for type in TransactionType.allCases {
            for direction in Direction.allCases {
                let bits = windows.classification(type: type, direction: direction)
                var mask: UInt64 = 0
                if bits & 1 != 0 { mask |= RowMask.frequency | RowMask.monetary | RowMask.lastDay }
                if bits & 8 != 0 { mask |= RowMask.sixMonths | RowMask.recent | RowMask.previous }
                if bits & 2 != 0 { mask |= RowMask.leaving }
                if bits & 4 != 0 { mask |= RowMask.arriving }
                typeMasks[Int(type.rawValue) | Int(direction.rawValue) << 8] = mask
            }
        }
        var ageMasks = [UInt64](repeating: RowMask.lastDay, count: ageLimit + 2)
        ageMasks[ageLimit + 1] = 0
        for age in 0..<ageLimit {
            var mask = RowMask.lastDay
            if age < windows.rfmDays { mask |= RowMask.frequency | RowMask.monetary }
            if age < sixDays { mask |= RowMask.sixMonths }
            if age < windows.recentDays {
                mask |= RowMask.recent | RowMask.leaving | RowMask.arriving
            } else if age < 2 * windows.recentDays {
                mask |= RowMask.previous
            }
            ageMasks[age] = mask
        }
        let scoringTypeMasks = scoring?.typeMasks() ?? [0]
        let scoringAgeMasks = scoring?.ageMasks(ageLimit: ageLimit) ?? [0]
        // With rows, the merge writes every value of every column: no need to fill them first.
        var out = n > 0 ? ActivityColumns(unfilledCount: clients) : ActivityColumns(count: clients)
        if scoring != nil {
            out.scoring =
                n > 0 ? ScoringActivityColumns(unfilledCount: clients) : ScoringActivityColumns(count: clients)
        }
        var outcome = Outcome()
        // Without the currency column, any readable pointer stands in (it is never read).
        let currencyColumn = readsCurrency ? columns.currency : [0]
        columns.customerIndex.withUnsafeBufferPointer { client in
            columns.day.withUnsafeBufferPointer { day in
                columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                    currencyColumn.withUnsafeBufferPointer { currency in
                        columns.type.withUnsafeBufferPointer { type in
                            columns.direction.withUnsafeBufferPointer { direction in
                                table.withUnsafeBufferPointer { table in
                                    typeMasks.withUnsafeBufferPointer { typeMasks in
                                        ageMasks.withUnsafeBufferPointer { ageMasks in
                                            scoringTypeMasks.withUnsafeBufferPointer { scoringTypes in
                                                scoringAgeMasks.withUnsafeBufferPointer { scoringAges in
                                                    guard n > 0, let client = client.baseAddress,
                                                        let day = day.baseAddress,
                                                        let amount = amount.baseAddress,
                                                        let currency = currency.baseAddress,
                                                        let type = type.baseAddress,
                                                        let direction = direction.baseAddress,
                                                        let table = table.baseAddress,
                                                        let typeMasks = typeMasks.baseAddress,
                                                        let ageMasks = ageMasks.baseAddress
                                                    else { return }
                                                    var rows = Rows(
                                                        client: client,
                                                        day: day,
                                                        amount: amount,
                                                        currency: currency,
                                                        type: type,
                                                        direction: direction,
                                                        table: table,
                                                        typeMasks: typeMasks,
                                                        ageMasks: ageMasks,
                                                        ageLimit: UInt32(ageLimit),
                                                        wantedCurrency: windows.selection.currency.packed,
                                                        clients: UInt32(clients),
                                                        asOf: asOf,
                                                        rfmDays: UInt32(windows.rfmDays),
                                                        sixDays: UInt32(clamping: sixDays),
                                                        recentDays: UInt32(windows.recentDays)
                                                    )
                                                    rows.readsCurrency = readsCurrency
                                                    if vector && !readsCurrency {
                                                        rows.vector = vectorPlan(
                                                            rows,
                                                            count: n,
                                                            windows: windows,
                                                            scoring: scoring,
                                                            typeMasks: typeMasks,
                                                            scoringTypeMasks: scoringTypes
                                                        )
                                                    }
                                                    if let scoring {
                                                        rows.scoringTypeMasks = scoringTypes.baseAddress
                                                        rows.scoringAgeMasks = scoringAges.baseAddress
                                                        rows.largeAmount = scoring.largeAmount
                                                    }
                                                    outcome = run(rows, count: n, scoring: scoring, into: &out)
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
        try report(outcome, columns, windows: windows, scoring: scoring)
        return (out, outcome.vector)
    }

    /// Turns a pass's outcome into the error it stands for, if any: a bad client index, then a
    /// negative amount, then (found by a checked recount) the first overflowing sum.
    static func report(
        _ outcome: Outcome,
        _ columns: TransactionColumns,
        windows: ActivityWindows,
        scoring: ScoringPassSpec? = nil
    ) throws(ActivityError) {
        if outcome.badRow != .max {
            throw ActivityError(
                .invalidInput,
                row: outcome.badRow,
                field: "customerIndex",
                "the client index is outside customers"
            )
        }
        if outcome.sums < 0, let row = columns.amountMinorUnits.firstIndex(where: { $0 < 0 }) {
            throw ActivityError(
                .negativeAmount,
                customer: columns.customers[Int(columns.customerIndex[row])],
                row: row,
                field: "amountMinorUnits",
                "amounts are positive; the direction column says in or out"
            )
        }
        if outcome.sums < 0 { try checkSums(columns, windows: windows, scoring: scoring) }
    }

    /// Pass over the rows on every core, then the merge of the workers' cells into the columns.
    static func run(
        _ rows: Rows,
        count n: Int,
        scoring: ScoringPassSpec? = nil,
        into out: inout ActivityColumns
    )
        -> Outcome
    {
        let ranges = ParallelWork.ranges(n, minimumChunk: 1 << 16)
        let clients = Int(rows.clients)
        let size = max(clients, 1)
        let workers = Workers(count: ranges.count, size: size, scoring: scoring != nil)
        defer { workers.deallocate() }
        let outcomes = UnsafeMutablePointer<Outcome>.allocate(capacity: ranges.count)
        outcomes.initialize(repeating: Outcome(), count: ranges.count)
        defer { outcomes.deallocate() }
        let shared = UncheckedSendable(value: (workers: workers, outcomes: outcomes))
        ParallelWork.run(ranges.count) { k in
            let workers = shared.value.workers
            let scoringCells = workers.scoring.isEmpty ? nil : workers.scoring[k]
            if var plan = rows.vector {
                workers.touched[k].initialize(repeating: 0, count: Workers.words(size))
                let outcome = clientele_activity_pass(
                    &plan,
                    Int64(ranges[k].lowerBound),
                    Int64(ranges[k].upperBound),
                    workers.cells[k],
                    scoringCells,
                    workers.touched[k]
                )
                if outcome.unsupported == 0 {
                    shared.value.outcomes[k] = Outcome(
                        badRow: outcome.bad_row == .max ? .max : Int(outcome.bad_row),
                        sums: outcome.sums,
                        vector: true
                    )
                    return
                }
                // A type or direction outside the vector pass's tables: the Swift pass, from fresh cells.
            }
            workers.prepareForSwiftLoop(k)
            shared.value.outcomes[k] = pass(rows, ranges[k], workers.cells[k], scoringCells)
        }
        var outcome = Outcome(vector: true)
        for k in 0..<ranges.count {
            outcome.vector = outcome.vector && outcomes[k].vector
            outcome.badRow = min(outcome.badRow, outcomes[k].badRow)
            outcome.sums |= outcomes[k].sums
        }
        guard outcome.badRow == .max else { return outcome }
        outcome.sums |= merge(workers, clients: clients, into: &out)
        if let scoring { outcome.sums |= mergeScoring(workers, clients: clients, spec: scoring, into: &out) }
        return outcome
    }

    /// The hot loop, specialised for the four combinations of "measures the CVM" and "reads the
    /// currency column".
    static func pass(
        _ r: Rows,
        _ range: Range<Int>,
        _ cells: UnsafeMutablePointer<Cell>,
        _ scoringCells: UnsafeMutablePointer<ScoringCell>? = nil
    ) -> Outcome {
        guard let scoringCells else {
            // Not written when `scoring` is false.
            var unused = ScoringCell()
            return withUnsafeMutablePointer(to: &unused) { unused in
                r.readsCurrency
                    ? body(r, range, cells, unused, scoring: false, readsCurrency: true)
                    : body(r, range, cells, unused, scoring: false, readsCurrency: false)
            }
        }
        return r.readsCurrency
            ? body(r, range, cells, scoringCells, scoring: true, readsCurrency: true)
            : body(r, range, cells, scoringCells, scoring: true, readsCurrency: false)
    }

    /// Runs of one client (at most 32,767 rows, the width of a count lane) accumulated in
    /// registers, flushed into its cells.
    ///
    /// Per row: five or six column loads, two independent mask loads (by type, by age) ANDed with
    /// the currency's mask into the row's ``RowMask``, one add of packed counts, three masked adds
    /// of the amount, two maxima and one OR; with the CVM's measures, two more mask loads, one add
    /// of packed counts, two masked adds and one compare. No branches but the run test.
    /// Overflow: a run's amounts are ORed; when the largest possible amount times the run length
    /// could reach 2^62, or an amount is negative, the run marks `sums` negative and the caller
    /// checks exactly. Cell sums are checked by sign after each flush.
    @inline(__always)
    static func body(
        _ r: Rows,
        _ range: Range<Int>,
        _ cells: UnsafeMutablePointer<Cell>,
        _ scoringCells: UnsafeMutablePointer<ScoringCell>,
        scoring: Bool,
        readsCurrency: Bool
    ) -> Outcome {
        guard let typeMasks = r.typeMasks, let ageMasks = r.ageMasks else { return Outcome() }
        let scoringTypes = r.scoringTypeMasks ?? typeMasks
        let scoringAges = r.scoringAgeMasks ?? ageMasks
        let largeAmount = r.largeAmount
        var i = range.lowerBound
        let end = range.upperBound
        var sums: Int64 = 0
        let asOf = r.asOf
        let ageLimit = r.ageLimit
        let wanted = r.wantedCurrency
        let lane: UInt64 = (1 << 15) - 1
        while i < end {
            let c = r.client[i]
            guard UInt32(bitPattern: c) < r.clients else { return Outcome(badRow: i, sums: sums) }
            let start = i
            let stop = min(end, i &+ 32_767)
            var last = Int32.min
            var counts: UInt64 = 0
            var monetary: Int64 = 0
            var leaving: Int64 = 0
            var arriving: Int64 = 0
            var largest: Int64 = 0
            var amounts: Int64 = 0
            var scoringCounts: UInt64 = 0
            var charged: Int64 = 0
            var refunded: Int64 = 0
            var large: UInt64 = 0
            var foreign: UInt64 = 0
            repeat {
                let d = r.day[i]
                let a = r.amount[i]
                let kind = Int(r.type[i]) | Int(r.direction[i]) &<< 8
                let typeMask = typeMasks[kind]
                let age = UInt32(bitPattern: asOf &- d)
                let slot = Int(age < ageLimit ? age : ageLimit &+ (age >> 31))
                let same = readsCurrency ? r.currency[i] == wanted : true
                let currencyMask = same ? ~0 : RowMask.activity
                let entry = typeMask & ageMasks[slot] & currencyMask
                counts &+= entry & RowMask.counts
                last = max(last, entry >> 63 != 0 ? d : .min)
                monetary &+= a & (0 &- Int64(bitPattern: (entry >> 60) & 1))
                let leaves = a & (0 &- Int64(bitPattern: (entry >> 61) & 1))
                leaving &+= leaves
                largest = max(largest, leaves)
                arriving &+= a & (0 &- Int64(bitPattern: (entry >> 62) & 1))
                amounts |= a
                if scoring {
                    let full = scoringTypes[kind] & scoringAges[slot]
                    let e = same ? full : 0
                    if readsCurrency { foreign |= same ? 0 : full }
                    scoringCounts &+= e & ScoringMask.counts
                    charged &+= a & (0 &- Int64(bitPattern: (e >> 60) & 1))
                    refunded &+= a & (0 &- Int64(bitPattern: (e >> 61) & 1))
                    large |= (e >> 62) & (a >= largeAmount ? 1 : 0)
                }
                i &+= 1
            } while i < stop && r.client[i] == c
            // Every amount is below 2^bits and the run has fewer than 2^lengthBits rows.
            let bits = Int64.bitWidth - amounts.leadingZeroBitCount
            let lengthBits = Int.bitWidth - (i - start).leadingZeroBitCount
            if bits + lengthBits > 62 { sums |= .min }
            let cell = cells + Int(c)
            cell.pointee.last = Int32(bitPattern: max(UInt32(bitPattern: cell.pointee.last), encodedDay(last)))
            cell.pointee.frequency &+= Int32(truncatingIfNeeded: counts & lane)
            cell.pointee.six_months &+= Int32(truncatingIfNeeded: (counts >> 15) & lane)
            cell.pointee.recent &+= Int32(truncatingIfNeeded: (counts >> 30) & lane)
            cell.pointee.previous &+= Int32(truncatingIfNeeded: (counts >> 45) & lane)
            cell.pointee.monetary &+= monetary
            cell.pointee.leaving &+= leaving
            cell.pointee.arriving &+= arriving
            cell.pointee.largest = max(cell.pointee.largest, largest)
            cell.pointee.large_outflow |= Int32(truncatingIfNeeded: large)  // a large outflow (CVM)
            sums |= cell.pointee.monetary | cell.pointee.leaving | cell.pointee.arriving
            if scoring {
                let cell = scoringCells + Int(c)
                cell.pointee.window &+= Int32(truncatingIfNeeded: scoringCounts & lane)
                cell.pointee.recent &+= Int32(truncatingIfNeeded: (scoringCounts >> 15) & lane)
                cell.pointee.previous &+= Int32(truncatingIfNeeded: (scoringCounts >> 30) & lane)
                cell.pointee.charged &+= charged
                cell.pointee.refunded &+= refunded
                sums |= cell.pointee.charged | cell.pointee.refunded
                if foreign & ScoringMask.inWindows != 0 {
                    let row = firstForeignRow(r, start..<i)
                    cell.pointee.first_foreign = max(
                        cell.pointee.first_foreign,
                        encodedRow(Int32(truncatingIfNeeded: row))
                    )
                }
            }
        }
        return Outcome(sums: sums)
    }

    /// The first row of `range` in another currency that falls inside the CVM's windows (the
    /// slow path, taken only for a run that has one).
    static func firstForeignRow(_ r: Rows, _ range: Range<Int>) -> Int {
        guard let scoringAges = r.scoringAgeMasks else { return .max }
        for i in range where r.currency[i] != r.wantedCurrency {
            let age = UInt32(bitPattern: r.asOf &- r.day[i])
            let slot = Int(age < r.ageLimit ? age : r.ageLimit &+ (age >> 31))
            if scoringAges[slot] & ScoringMask.inWindows != 0 { return i }
        }
        return .max
    }

    /// Sums the workers' cells per client into the output columns, clients split across the cores;
    /// returns the OR of the merged sums (negative if one overflowed).
    static func merge(_ workers: Workers, clients: Int, into out: inout ActivityColumns) -> Int64 {
        let parts = ParallelWork.ranges(clients, minimumChunk: 1 << 14)
        var signs = [Int64](repeating: 0, count: parts.count)
        out.lastDay.withUnsafeMutableBufferPointer { lastDay in
            out.frequency.withUnsafeMutableBufferPointer { frequency in
                out.monetary.withUnsafeMutableBufferPointer { monetary in
                    out.sixMonths.withUnsafeMutableBufferPointer { sixMonths in
                        out.recent.withUnsafeMutableBufferPointer { recent in
                            out.previous.withUnsafeMutableBufferPointer { previous in
                                out.leaving.withUnsafeMutableBufferPointer { leaving in
                                    out.arriving.withUnsafeMutableBufferPointer { arriving in
                                        out.largestLeaving.withUnsafeMutableBufferPointer { largest in
                                            signs.withUnsafeMutableBufferPointer { signs in
                                                let target = UncheckedSendable(
                                                    value: (
                                                        lastDay, frequency, monetary, sixMonths, recent, previous,
                                                        leaving,
                                                        arriving, largest, workers, signs
                                                    )
                                                )
                                                ParallelWork.run(parts.count) { k in
                                                    let o = target.value
                                                    var sign: Int64 = 0
                                                    for c in parts[k] {
                                                        var cell = Cell()
                                                        for w in o.9.cells.indices where o.9.wrote(w, c) {
                                                            let other = o.9.cells[w][c]
                                                            cell.last = Int32(
                                                                bitPattern: max(
                                                                    UInt32(bitPattern: cell.last),
                                                                    UInt32(bitPattern: other.last)
                                                                )
                                                            )
                                                            cell.frequency &+= other.frequency
                                                            cell.six_months &+= other.six_months
                                                            cell.recent &+= other.recent
                                                            cell.previous &+= other.previous
                                                            cell.monetary &+= other.monetary
                                                            cell.leaving &+= other.leaving
                                                            cell.arriving &+= other.arriving
                                                            cell.largest = max(cell.largest, other.largest)
                                                        }
                                                        o.0[c] = cell.last ^ .min
                                                        o.1[c] = cell.frequency
                                                        o.2[c] = cell.monetary
                                                        o.3[c] = cell.six_months
                                                        o.4[c] = cell.recent
                                                        o.5[c] = cell.previous
                                                        o.6[c] = cell.leaving
                                                        o.7[c] = cell.arriving
                                                        o.8[c] = cell.largest
                                                        sign |= cell.monetary | cell.leaving | cell.arriving
                                                    }
                                                    o.10[k] = sign
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
        return signs.reduce(0, |)
    }

    /// Sums the workers' CVM cells per client into the output's scoring columns (with the large
    /// outflow flag each worker kept in its cell's `large_outflow`), clients split across the cores;
    /// returns the OR of the merged fee sums (negative if one overflowed).
    static func mergeScoring(
        _ workers: Workers,
        clients: Int,
        spec: ScoringPassSpec,
        into out: inout ActivityColumns
    ) -> Int64 {
        guard var columns = out.scoring else { return 0 }
        out.scoring = nil  // unique while being filled
        let parts = ParallelWork.ranges(clients, minimumChunk: 1 << 14)
        var signs = [Int64](repeating: 0, count: parts.count)
        columns.window.withUnsafeMutableBufferPointer { window in
            columns.fees.withUnsafeMutableBufferPointer { fees in
                columns.largeOutflow.withUnsafeMutableBufferPointer { large in
                    columns.falling.withUnsafeMutableBufferPointer { falling in
                        columns.firstForeignRow.withUnsafeMutableBufferPointer { foreign in
                            signs.withUnsafeMutableBufferPointer { signs in
                                let target = UncheckedSendable(
                                    value: (window, fees, large, falling, foreign, signs, workers)
                                )
                                ParallelWork.run(parts.count) { k in
                                    let o = target.value
                                    var sign: Int64 = 0
                                    for c in parts[k] {
                                        var cell = ScoringCell()
                                        var isLarge: Int32 = 0
                                        for w in o.6.scoring.indices where o.6.wrote(w, c) {
                                            let other = o.6.scoring[w][c]
                                            cell.window &+= other.window
                                            cell.recent &+= other.recent
                                            cell.previous &+= other.previous
                                            cell.charged &+= other.charged
                                            cell.refunded &+= other.refunded
                                            cell.first_foreign = max(cell.first_foreign, other.first_foreign)
                                            isLarge |= o.6.cells[w][c].large_outflow
                                        }
                                        o.0[c] = cell.window
                                        o.1[c] = cell.charged &- cell.refunded  // both non-negative
                                        o.2[c] = isLarge != 0
                                        o.3[c] = spec.isFalling(recent: cell.recent, previous: cell.previous)
                                        o.4[c] = encodedRow(cell.first_foreign)
                                        sign |= cell.charged | cell.refunded
                                    }
                                    o.5[k] = sign
                                }
                            }
                        }
                    }
                }
            }
        }
        out.scoring = columns
        return signs.reduce(0, |)
    }

    /// Recounts the money sums with overflow checks (only when the pass saw one overflow),
    /// throwing for the first client whose sum overflows.
    static func checkSums(
        _ columns: TransactionColumns,
        windows: ActivityWindows,
        scoring: ScoringPassSpec? = nil
    )
        throws(ActivityError)
    {
        let clients = columns.customers.count
        var sums = [Int64](repeating: 0, count: 5 * clients)
        let asOf = windows.asOf.number
        let rfmStart = windows.rfmStart.number
        let recentStart = windows.recentStart.number
        let feeAfter = asOf - Int32(clamping: scoring?.feeDays ?? 0)
        let wanted = windows.selection.currency.packed
        let readsCurrency = columns.uniformCurrency != windows.selection.currency
        let fields = [
            "monetaryMinorUnits", "leavingMinorUnits", "arrivingMinorUnits", "feesChargedMinorUnits",
            "feesRefundedMinorUnits",
        ]
        let fee = TransactionType.fee.rawValue
        let outflow = Direction.outflow.rawValue
        for i in 0..<columns.count where columns.day[i] <= asOf && (!readsCurrency || columns.currency[i] == wanted) {
            let c = Int(columns.customerIndex[i])
            let day = columns.day[i]
            var counts = [false, false, false, false, false]
            if let type = TransactionType(rawValue: columns.type[i]),
                let direction = Direction(rawValue: columns.direction[i])
            {
                let bits = windows.classification(type: type, direction: direction)
                counts[0] = bits & 1 != 0 && day >= rfmStart
                counts[1] = bits & 2 != 0 && day >= recentStart
                counts[2] = bits & 4 != 0 && day >= recentStart
            }
            if scoring != nil, columns.type[i] == fee, day > feeAfter {
                counts[columns.direction[i] == outflow ? 3 : 4] = true
            }
            for slot in 0..<5 where counts[slot] {
                let (sum, overflow) = sums[5 * c + slot].addingReportingOverflow(columns.amountMinorUnits[i])
                guard !overflow else {
                    throw ActivityError(
                        .overflow,
                        customer: columns.customers[c],
                        row: i,
                        field: fields[slot],
                        "the client's sum overflows 64-bit minor units"
                    )
                }
                sums[5 * c + slot] = sum
            }
        }
    }
}
