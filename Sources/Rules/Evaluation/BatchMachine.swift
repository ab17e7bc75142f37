import ClienteleSupport
import CustomerModel

/// Evaluates many rules over every row of a frame, a chunk of rows at a time: each instruction
/// runs as one tight loop over the chunk (vectorised interpretation), reading fact columns in
/// place and writing scratch columns.
///
/// Rows are split over the cores.
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
        /// For sets whose values all lie in 0..<64 (enumeration positions): the set as a bit mask.
        var masks: [UInt64?]
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
                masks = []
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
            masks = program.sets.map { set in
                guard set.allSatisfy({ $0 >= 0 && $0 < 64 }) else { return nil }
                return set.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            }
            durations = program.durations
            result = r
        }

        var intTemporaries: Int { intPlaces.filter { $0 < 0 }.count }
        var doubleTemporaries: Int { doublePlaces.filter { $0 < 0 }.count }
    }

    /// The matching rows of each plan, in row order.
    static func run(_ plans: [Plan], frame: FactFrame, calendar: BankCalendar) -> MatchBitmaps {
        let rows = frame.rowCount
        guard rows > 0 else { return MatchBitmaps(words: 0, bits: []) }
        // Workers take whole chunks, so each writes whole 64-bit words of the match bitmaps.
        let chunks = (rows + chunk - 1) / chunk
        let ranges = Workers.ranges(chunks, minimumChunk: 4).map {
            ($0.lowerBound * chunk)..<min(rows, $0.upperBound * chunk)
        }
        let words = (rows + 63) / 64
        var bitmaps = [UInt64](repeating: 0, count: words * plans.count)
        frame.ints.withUnsafeBufferPointer { ints in
            frame.doubles.withUnsafeBufferPointer { doubles in
                bitmaps.withUnsafeMutableBufferPointer { bits in
                    let shared = UncheckedSendable((ints, doubles, bits))
                    Workers.run(ranges.count) { k in
                        evaluate(
                            plans,
                            rows: ranges[k],
                            ints: shared.value.0,
                            doubles: shared.value.1,
                            matches: shared.value.2,
                            words: words,
                            frame: frame,
                            calendar: calendar
                        )
                    }
                }
            }
        }
        return MatchBitmaps(words: words, bits: bitmaps)
    }

    private static func evaluate(
        _ plans: [Plan],
        rows: Range<Int>,
        ints: UnsafeBufferPointer<Int64>,
        doubles: UnsafeBufferPointer<Double>,
        matches: UnsafeMutableBufferPointer<UInt64>,
        words: Int,
        frame: FactFrame,
        calendar: BankCalendar
    ) {
        let maxInts = plans.map(\.intPlaces.count).max() ?? 0
        let maxDoubles = plans.map(\.doublePlaces.count).max() ?? 0
        let maxBools = plans.map(\.boolCount).max() ?? 0
        let intScratch = UnsafeMutablePointer<Int64>.allocate(
            capacity: max(1, (plans.map(\.intTemporaries).max() ?? 0) * chunk)
        )
        let doubleScratch = UnsafeMutablePointer<Double>.allocate(
            capacity: max(1, (plans.map(\.doubleTemporaries).max() ?? 0) * chunk)
        )
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
        guard let bits = matches.baseAddress else { return }
        var start = rows.lowerBound
        while start < rows.upperBound {
            let n = min(chunk, rows.upperBound - start)
            for (p, plan) in plans.enumerated() {
                let out = bits + p * words + start / 64
                if plan.result < 0 {
                    for i in 0..<n { out[i >> 6] |= 1 << UInt64(i & 63) }
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
                        instruction,
                        n: n,
                        start: start,
                        I: I,
                        D: D,
                        B: B,
                        plan: plan,
                        frame: frame,
                        calendar: calendar
                    )
                }
                let result = B[Int(plan.result)]
                // Pack 64 results into each word of the plan's match bitmap.
                var w = 0
                while w * 64 < n {
                    var word: UInt64 = 0
                    let count = min(64, n - w * 64)
                    let base = result + w * 64
                    var j = 0
                    while j + 8 <= count {
                        // Gather the low bit of 8 bytes into 8 bits with one multiply.
                        let x = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self) & 0x0101_0101_0101_0101
                        word |= ((x &* 0x0102_0408_1020_4080) >> 56) << UInt64(j)
                        j += 8
                    }
                    while j < count {
                        word |= UInt64(base[j] & 1) << UInt64(j)
                        j += 1
                    }
                    out[w] = word
                    w += 1
                }
            }
            start += n
        }
    }

    @inline(__always)
    private static func fill(_ out: UnsafeMutablePointer<UInt8>, _ n: Int, _ test: (Int) -> Bool) {
        for i in 0..<n { out[i] = test(i) ? 1 : 0 }
    }

    // swift-format-ignore: FunctionLength
    @inline(__always)
    private static func execute(
        _ ins: Instruction,
        n: Int,
        start: Int,
        I: UnsafeMutablePointer<UnsafeMutablePointer<Int64>>,
        D: UnsafeMutablePointer<UnsafeMutablePointer<Double>>,
        B: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>,
        plan: Plan,
        frame: FactFrame,
        calendar: BankCalendar
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
                for i in 0..<n {
                    d[i] = divide ? Semantics.scale(a[i], dividedBy: b[i]) : Semantics.scale(a[i], by: b[i])
                }
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
                // Constants are never missing; `a != M` keeps missing values out of <, <=, != and >=.
                switch ins.cmp {
                case 0: for i in 0..<n { out[i] = a[i] == k ? 1 : 0 }
                case 1: for i in 0..<n { out[i] = (a[i] != k ? 1 : 0) & (a[i] != M ? 1 : 0) }
                case 2: for i in 0..<n { out[i] = (a[i] < k ? 1 : 0) & (a[i] != M ? 1 : 0) }
                case 3: for i in 0..<n { out[i] = (a[i] <= k ? 1 : 0) & (a[i] != M ? 1 : 0) }
                case 4: for i in 0..<n { out[i] = a[i] > k ? 1 : 0 }
                default: for i in 0..<n { out[i] = (a[i] >= k ? 1 : 0) & (a[i] != M ? 1 : 0) }
                }
            } else {
                let b = I[Int(ins.b)]
                switch ins.cmp {
                case 0: for i in 0..<n { out[i] = (a[i] == b[i] ? 1 : 0) & (a[i] != M ? 1 : 0) }
                case 1: for i in 0..<n { out[i] = (a[i] != b[i] ? 1 : 0) & (a[i] != M ? 1 : 0) & (b[i] != M ? 1 : 0) }
                case 2: for i in 0..<n { out[i] = (a[i] < b[i] ? 1 : 0) & (a[i] != M ? 1 : 0) }
                case 3: for i in 0..<n { out[i] = (a[i] <= b[i] ? 1 : 0) & (a[i] != M ? 1 : 0) & (b[i] != M ? 1 : 0) }
                case 4: for i in 0..<n { out[i] = (a[i] > b[i] ? 1 : 0) & (b[i] != M ? 1 : 0) }
                default: for i in 0..<n { out[i] = (a[i] >= b[i] ? 1 : 0) & (a[i] != M ? 1 : 0) & (b[i] != M ? 1 : 0) }
                }
            }
        case .cmpD:
            // Every IEEE comparison with NaN is false except !=, which is handled explicitly.
            let a = D[Int(ins.a)]
            let out = B[Int(ins.dst)]
            if ins.immediate {
                switch ins.cmp {
                case 0: for i in 0..<n { out[i] = a[i] == kd ? 1 : 0 }
                case 1: for i in 0..<n { out[i] = (a[i] != kd ? 1 : 0) & (a[i] == a[i] ? 1 : 0) & (kd == kd ? 1 : 0) }
                case 2: for i in 0..<n { out[i] = a[i] < kd ? 1 : 0 }
                case 3: for i in 0..<n { out[i] = a[i] <= kd ? 1 : 0 }
                case 4: for i in 0..<n { out[i] = a[i] > kd ? 1 : 0 }
                default: for i in 0..<n { out[i] = a[i] >= kd ? 1 : 0 }
                }
            } else {
                let b = D[Int(ins.b)]
                switch ins.cmp {
                case 0: for i in 0..<n { out[i] = a[i] == b[i] ? 1 : 0 }
                case 1:
                    for i in 0..<n { out[i] = (a[i] != b[i] ? 1 : 0) & (a[i] == a[i] ? 1 : 0) & (b[i] == b[i] ? 1 : 0) }
                case 2: for i in 0..<n { out[i] = a[i] < b[i] ? 1 : 0 }
                case 3: for i in 0..<n { out[i] = a[i] <= b[i] ? 1 : 0 }
                case 4: for i in 0..<n { out[i] = a[i] > b[i] ? 1 : 0 }
                default: for i in 0..<n { out[i] = a[i] >= b[i] ? 1 : 0 }
                }
            }
        case .memberI:
            let a = I[Int(ins.a)]
            let out = B[Int(ins.dst)]
            let negated = ins.cmp == 1
            if let mask = plan.masks[Int(ins.b)] {
                // Small values (enumeration positions): one shift and mask per row; missing and
                // out-of-range values are not members (and `not in` is still false for missing).
                let flip: UInt8 = negated ? 1 : 0
                for i in 0..<n {
                    let v = a[i]
                    let inRange = UInt64(bitPattern: v) < 64
                    let bit = UInt8(truncatingIfNeeded: (mask >> (UInt64(bitPattern: v) & 63)) & 1) & (inRange ? 1 : 0)
                    out[i] = (bit ^ flip) & (v != M ? 1 : 0)
                }
            } else {
                plan.sets[Int(ins.b)].withUnsafeBufferPointer { set in
                    fill(out, n) { a[$0] != M && Semantics.contains(set, a[$0]) != negated }
                }
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
        case .jumpUnless:
            // Only the engine's fused one-row plans branch; batch code never holds a jump.
            break
        }
    }
}

/// One bitmap of matching rows per evaluated rule, `words` 64-bit words each.
struct MatchBitmaps: Sendable {
    let words: Int
    let bits: [UInt64]

    /// The rows of plan `p`, ascending.
    func rows(_ p: Int) -> [Int32] {
        let base = p * words
        var count = 0
        for w in 0..<words { count += bits[base + w].nonzeroBitCount }
        var result = [Int32]()
        result.reserveCapacity(count)
        for w in 0..<words {
            var word = bits[base + w]
            while word != 0 {
                result.append(Int32(w * 64 + word.trailingZeroBitCount))
                word &= word &- 1
            }
        }
        return result
    }

    /// How many rows plan `p` matched.
    func count(_ p: Int) -> Int {
        let base = p * words
        var count = 0
        for w in 0..<words { count += bits[base + w].nonzeroBitCount }
        return count
    }

    /// Whether plan `p` matched `row`.
    func contains(_ p: Int, row: Int) -> Bool { bits[p * words + row >> 6] & (1 << UInt64(row & 63)) != 0 }
}
