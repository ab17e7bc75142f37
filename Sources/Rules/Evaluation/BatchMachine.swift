import CustomerModel

/// Evaluates many rules over every row of a frame, a chunk of rows at a time: each instruction
/// runs as one tight loop over the chunk (vectorised interpretation), reading fact columns in
/// place and writing scratch columns. Rows are split over the cores.
enum BatchMachine {
    /// Rows per chunk: small enough that a rule's scratch columns stay in cache.
    static let chunk = 1024

    /// One rule's program, bound for the frame and day, with its register plan.
    struct Plan: @unchecked Sendable {
        var code: [Instruction]
        /// Per int register: the column's offset in the frame's int storage, or -1 - temporary slot.
        var intPlaces: [Int]
        var doublePlaces: [Int]
        var boolCount: Int
        var sets: [[Int64]]
        var durations: [DurationLiteral]
        /// The result's bool register, or -1 when the rule has no condition (every row matches).
        var result: Int32

        init(program: Program?, code: [Instruction], rows: Int) {
            guard let program, case .bool(let r) = program.result else {
                self.code = []
                intPlaces = []
                doublePlaces = []
                boolCount = 0
                sets = []
                durations = []
                result = -1
                return
            }
            self.code = code
            var temporary = 0
            intPlaces = program.intSources.map { source in
                switch source {
                case .column(let c): return c * rows
                case .temporary:
                    temporary += 1
                    return -temporary
                }
            }
            temporary = 0
            doublePlaces = program.doubleSources.map { source in
                switch source {
                case .column(let c): return c * rows
                case .temporary:
                    temporary += 1
                    return -temporary
                }
            }
            boolCount = program.boolCount
            sets = program.sets
            durations = program.durations
            result = r
        }

        var intTemporaries: Int { intPlaces.filter { $0 < 0 }.count }
        var doubleTemporaries: Int { doublePlaces.filter { $0 < 0 }.count }
    }

    /// The matching rows of each plan, in row order.
    static func run(_ plans: [Plan], frame: FactFrame, calendar: BankCalendar) -> [[Int32]] {
        let rows = frame.rowCount
        guard rows > 0 else { return plans.map { _ in [] } }
        let ranges = Workers.ranges(rows, minimumChunk: 4 * chunk)
        var results = [[[Int32]]](repeating: [], count: ranges.count)
        frame.ints.withUnsafeBufferPointer { ints in
            frame.doubles.withUnsafeBufferPointer { doubles in
                let shared = UncheckedSendable((ints, doubles))
                results.withUnsafeMutableBufferPointer { output in
                    let out = UncheckedSendable(output)
                    Workers.run(ranges.count) { k in
                        out.value[k] = evaluate(
                            plans, rows: ranges[k], ints: shared.value.0, doubles: shared.value.1, frame: frame,
                            calendar: calendar)
                    }
                }
            }
        }
        return (0..<plans.count).map { p in results.flatMap { $0[p] } }
    }

    private static func evaluate(
        _ plans: [Plan], rows: Range<Int>, ints: UnsafeBufferPointer<Int64>, doubles: UnsafeBufferPointer<Double>,
        frame: FactFrame, calendar: BankCalendar
    ) -> [[Int32]] {
        let maxInts = plans.map(\.intPlaces.count).max() ?? 0
        let maxDoubles = plans.map(\.doublePlaces.count).max() ?? 0
        let maxBools = plans.map(\.boolCount).max() ?? 0
        let intScratch = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, (plans.map(\.intTemporaries).max() ?? 0) * chunk))
        let doubleScratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, (plans.map(\.doubleTemporaries).max() ?? 0) * chunk))
        let boolScratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, maxBools * chunk))
        let I = UnsafeMutablePointer<UnsafeMutablePointer<Int64>>.allocate(capacity: max(1, maxInts))
        let D = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: max(1, maxDoubles))
        let B = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>.allocate(capacity: max(1, maxBools))
        defer {
            intScratch.deallocate()
            doubleScratch.deallocate()
            boolScratch.deallocate()
            I.deallocate()
            D.deallocate()
            B.deallocate()
        }
        let intBase = UnsafeMutablePointer(mutating: ints.baseAddress ?? UnsafePointer(intScratch))
        let doubleBase = UnsafeMutablePointer(mutating: doubles.baseAddress ?? UnsafePointer(doubleScratch))
        for b in 0..<maxBools { B[b] = boolScratch + b * chunk }
        var matches = [[Int32]](repeating: [], count: plans.count)
        var start = rows.lowerBound
        while start < rows.upperBound {
            let n = min(chunk, rows.upperBound - start)
            for (p, plan) in plans.enumerated() {
                if plan.result < 0 {
                    matches[p].append(contentsOf: (start..<(start + n)).lazy.map { Int32($0) })
                    continue
                }
                for (r, place) in plan.intPlaces.enumerated() {
                    I[r] = place >= 0 ? intBase + place + start : intScratch + (-place - 1) * chunk
                }
                for (r, place) in plan.doublePlaces.enumerated() {
                    D[r] = place >= 0 ? doubleBase + place + start : doubleScratch + (-place - 1) * chunk
                }
                for instruction in plan.code {
                    execute(
                        instruction, n: n, start: start, I: I, D: D, B: B, plan: plan, frame: frame, calendar: calendar)
                }
                let result = B[Int(plan.result)]
                for i in 0..<n where result[i] != 0 { matches[p].append(Int32(start + i)) }
            }
            start += n
        }
        return matches
    }

    @inline(__always)
    private static func fill(_ out: UnsafeMutablePointer<UInt8>, _ n: Int, _ test: (Int) -> Bool) {
        for i in 0..<n { out[i] = test(i) ? 1 : 0 }
    }

    // swift-format-ignore: FunctionLength
    @inline(__always)
    private static func execute(
        _ ins: Instruction, n: Int, start: Int, I: UnsafeMutablePointer<UnsafeMutablePointer<Int64>>,
        D: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, B: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>,
        plan: Plan, frame: FactFrame, calendar: BankCalendar
    ) {
        let M = Semantics.missing
        let k = ins.k
        let kd = Double(bitPattern: UInt64(bitPattern: k))
        switch ins.op {
        case .addI, .subI, .mulI:
            let a = I[Int(ins.a)]
            let d = I[Int(ins.dst)]
            let b = ins.immediate ? nil : I[Int(ins.b)]
            switch (ins.op, b) {
            case (.addI, nil): for i in 0..<n { d[i] = Semantics.add(a[i], k) }
            case (.addI, let b?): for i in 0..<n { d[i] = Semantics.add(a[i], b[i]) }
            case (.subI, nil): for i in 0..<n { d[i] = Semantics.subtract(a[i], k) }
            case (.subI, let b?): for i in 0..<n { d[i] = Semantics.subtract(a[i], b[i]) }
            case (_, nil): for i in 0..<n { d[i] = Semantics.multiply(a[i], k) }
            case (_, let b?): for i in 0..<n { d[i] = Semantics.multiply(a[i], b[i]) }
            }
        case .negI:
            let a = I[Int(ins.a)]
            let d = I[Int(ins.dst)]
            for i in 0..<n { d[i] = Semantics.negate(a[i]) }
        case .addD, .subD, .mulD, .divD:
            let a = D[Int(ins.a)]
            let d = D[Int(ins.dst)]
            let b = ins.immediate ? nil : D[Int(ins.b)]
            switch (ins.op, b) {
            case (.addD, nil): for i in 0..<n { d[i] = Semantics.finite(a[i] + kd) }
            case (.addD, let b?): for i in 0..<n { d[i] = Semantics.finite(a[i] + b[i]) }
            case (.subD, nil): for i in 0..<n { d[i] = Semantics.finite(a[i] - kd) }
            case (.subD, let b?): for i in 0..<n { d[i] = Semantics.finite(a[i] - b[i]) }
            case (.mulD, nil): for i in 0..<n { d[i] = Semantics.finite(a[i] * kd) }
            case (.mulD, let b?): for i in 0..<n { d[i] = Semantics.finite(a[i] * b[i]) }
            case (_, nil): for i in 0..<n { d[i] = kd == 0 ? .nan : Semantics.finite(a[i] / kd) }
            case (_, let b?): for i in 0..<n { d[i] = b[i] == 0 ? .nan : Semantics.finite(a[i] / b[i]) }
            }
        case .negD:
            let a = D[Int(ins.a)]
            let d = D[Int(ins.dst)]
            for i in 0..<n { d[i] = -a[i] }
        case .toDouble:
            let a = I[Int(ins.a)]
            let d = D[Int(ins.dst)]
            for i in 0..<n { d[i] = Semantics.toDouble(a[i]) }
        case .scaleMulI, .scaleDivI:
            let a = I[Int(ins.a)]
            let d = I[Int(ins.dst)]
            let divide = ins.op == .scaleDivI
            if ins.immediate {
                for i in 0..<n { d[i] = divide ? Semantics.scale(a[i], dividedBy: kd) : Semantics.scale(a[i], by: kd) }
            } else {
                let b = D[Int(ins.b)]
                for i in 0..<n { d[i] = divide ? Semantics.scale(a[i], dividedBy: b[i]) : Semantics.scale(a[i], by: b[i]) }
            }
        case .ratio:
            let a = I[Int(ins.a)]
            let d = D[Int(ins.dst)]
            if ins.immediate {
                for i in 0..<n { d[i] = Semantics.ratio(a[i], k) }
            } else {
                let b = I[Int(ins.b)]
                for i in 0..<n { d[i] = Semantics.ratio(a[i], b[i]) }
            }
        case .cmpI:
            let a = I[Int(ins.a)]
            let out = B[Int(ins.dst)]
            if ins.immediate {
                switch ins.cmp {
                case 0: fill(out, n) { a[$0] == k && a[$0] != M }
                case 1: fill(out, n) { a[$0] != k && a[$0] != M }
                case 2: fill(out, n) { a[$0] < k && a[$0] != M }
                case 3: fill(out, n) { a[$0] <= k && a[$0] != M }
                case 4: fill(out, n) { a[$0] > k }
                default: fill(out, n) { a[$0] >= k && a[$0] != M }
                }
            } else {
                let b = I[Int(ins.b)]
                switch ins.cmp {
                case 0: fill(out, n) { a[$0] == b[$0] && a[$0] != M }
                case 1: fill(out, n) { a[$0] != b[$0] && a[$0] != M && b[$0] != M }
                case 2: fill(out, n) { a[$0] < b[$0] && a[$0] != M }
                case 3: fill(out, n) { a[$0] <= b[$0] && a[$0] != M && b[$0] != M }
                case 4: fill(out, n) { a[$0] > b[$0] && b[$0] != M }
                default: fill(out, n) { a[$0] >= b[$0] && a[$0] != M && b[$0] != M }
                }
            }
        case .cmpD:
            // Every IEEE comparison with NaN is false except !=, which is handled explicitly.
            let a = D[Int(ins.a)]
            let out = B[Int(ins.dst)]
            if ins.immediate {
                switch ins.cmp {
                case 0: fill(out, n) { a[$0] == kd }
                case 1: fill(out, n) { a[$0] != kd && !a[$0].isNaN && !kd.isNaN }
                case 2: fill(out, n) { a[$0] < kd }
                case 3: fill(out, n) { a[$0] <= kd }
                case 4: fill(out, n) { a[$0] > kd }
                default: fill(out, n) { a[$0] >= kd }
                }
            } else {
                let b = D[Int(ins.b)]
                switch ins.cmp {
                case 0: fill(out, n) { a[$0] == b[$0] }
                case 1: fill(out, n) { a[$0] != b[$0] && !a[$0].isNaN && !b[$0].isNaN }
                case 2: fill(out, n) { a[$0] < b[$0] }
                case 3: fill(out, n) { a[$0] <= b[$0] }
                case 4: fill(out, n) { a[$0] > b[$0] }
                default: fill(out, n) { a[$0] >= b[$0] }
                }
            }
        case .memberI:
            let a = I[Int(ins.a)]
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            plan.sets[Int(ins.b)].withUnsafeBufferPointer { set in
                fill(out, n) { a[$0] != M && Semantics.contains(set, a[$0]) != negated }
            }
        case .memberD:
            let a = D[Int(ins.a)]
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            let values = plan.sets[Int(ins.b)].map { Double(bitPattern: UInt64(bitPattern: $0)) }
            fill(out, n) { !a[$0].isNaN && values.contains(a[$0]) != negated }
        case .hasTag:
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            if k < 0 {
                fill(out, n) { _ in negated }
            } else {
                frame.tagBitmaps[Int(k)].withUnsafeBufferPointer { bits in
                    fill(out, n) { i in
                        let row = start + i
                        return ((bits[row >> 6] >> UInt64(row & 63)) & 1 == 1) != negated
                    }
                }
            }
        case .missingI:
            let a = I[Int(ins.a)]
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            fill(out, n) { (a[$0] == M) != negated }
        case .missingD:
            let a = D[Int(ins.a)]
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            fill(out, n) { a[$0].isNaN != negated }
        case .truth:
            let a = I[Int(ins.a)]
            let out = B[Int(ins.dst)]
            fill(out, n) { a[$0] == 1 }
        case .and:
            let a = B[Int(ins.a)]
            let b = B[Int(ins.b)]
            let out = B[Int(ins.dst)]
            for i in 0..<n { out[i] = a[i] & b[i] }
        case .or:
            let a = B[Int(ins.a)]
            let b = B[Int(ins.b)]
            let out = B[Int(ins.dst)]
            for i in 0..<n { out[i] = a[i] | b[i] }
        case .not:
            let a = B[Int(ins.a)]
            let out = B[Int(ins.dst)]
            for i in 0..<n { out[i] = a[i] ^ 1 }
        case .boolEqual, .boolNotEqual:
            let a = B[Int(ins.a)]
            let b = B[Int(ins.b)]
            let out = B[Int(ins.dst)]
            let flip: UInt8 = ins.op == .boolEqual ? 1 : 0
            for i in 0..<n { out[i] = (a[i] ^ b[i]) ^ flip }
        case .shiftDay:
            let a = I[Int(ins.a)]
            let d = I[Int(ins.dst)]
            let literal = plan.durations[Int(ins.b)]
            for i in 0..<n { d[i] = Semantics.shift(a[i], by: literal, backwards: ins.cmp == 1, on: calendar) }
        case .constI:
            let d = I[Int(ins.dst)]
            for i in 0..<n { d[i] = k }
        case .constD:
            let d = D[Int(ins.dst)]
            for i in 0..<n { d[i] = kd }
        case .constB:
            let out = B[Int(ins.dst)]
            let value: UInt8 = k != 0 ? 1 : 0
            for i in 0..<n { out[i] = value }
        }
    }
}
