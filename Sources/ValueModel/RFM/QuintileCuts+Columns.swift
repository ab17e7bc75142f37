/// Cuts found by counting, straight from a book's columns: no copy of the ranked values, no sort.
///
/// The cuts of ``QuintileCuts`` are order statistics, so any exact method gives the same ones. For
/// the active clients' values in a column (those whose `frequency` is positive) this finds them in
/// two or three reads of the column:
/// 1. a histogram: one slot a value when the values span fewer than 65,536 (days, counts), else one
///    slot per value bracket `[2^e·(1 + j/256), 2^e·(1 + (j+1)/256))` of `value − lowest` (amounts:
///    brackets follow the scale of the values, so each holds few of them whatever their spread);
/// 2. for a bracket holding a cut, its values are gathered and the cut is selected among them.
extension QuintileCuts {
    /// Brackets of the histogram for wide spans: exact below 256, then 256 per binary order.
    static let bracketCount = 57 * 256

    /// The bracket of `x` (monotone: `x ≤ y` gives `bracket(x) ≤ bracket(y)`).
    @inline(__always)
    static func bracket(_ x: UInt64) -> Int {
        if x < 256 { return Int(x) }
        let shift = UInt64(55 - x.leadingZeroBitCount)  // top nine bits of x
        return Int(shift) &* 256 &+ Int(truncatingIfNeeded: x >> shift)
    }

    /// The cuts of `values[i]` over the rows `i` where `mask[i] > 0`: `count` such rows, whose
    /// values lie in `lowest...highest`.
    static func compute<Value: FixedWidthInteger & SignedInteger>(
        _ values: UnsafeBufferPointer<Value>,
        where mask: UnsafeBufferPointer<Int32>,
        count n: Int,
        lowest: Int64,
        highest: Int64
    ) -> QuintileCuts {
        let rows = min(values.count, mask.count)
        guard n > 0, highest >= lowest else { return QuintileCuts(cuts: [], count: 0) }
        let positions = (1...4).map { k in (k * n + 4) / 5 }.filter { $0 < n }
        let span = UInt64(bitPattern: highest &- lowest)
        if span < 1 << 16 {
            var histogram = [Int32](repeating: 0, count: Int(span) + 1)
            histogram.withUnsafeMutableBufferPointer { slots in
                for i in 0..<rows where mask[i] > 0 { slots[Int(Int64(values[i]) &- lowest)] &+= 1 }
            }
            return QuintileCuts(counted: histogram, lowest: lowest, positions: positions, count: n)
        }
        // Brackets: count, find each cut's bracket and rank inside it, gather those brackets.
        var histogram = [Int32](repeating: 0, count: bracketCount)
        histogram.withUnsafeMutableBufferPointer { slots in
            for i in 0..<rows where mask[i] > 0 {
                slots[bracket(UInt64(bitPattern: Int64(values[i]) &- lowest))] &+= 1
            }
        }
        let targets = slots(of: positions, in: histogram).map { (bracket: $0.slot, rank: $0.rank) }
        var distinct: [Int] = []
        for target in targets where distinct.last != target.bracket { distinct.append(target.bracket) }
        var gathered = distinct.map { _ in [Int64]() }
        for (k, b) in distinct.enumerated() { gathered[k].reserveCapacity(Int(histogram[b])) }
        // Brackets are few (at most four), so a short scan beats a lookup table.
        for i in 0..<rows where mask[i] > 0 {
            let v = Int64(values[i])
            let b = bracket(UInt64(bitPattern: v &- lowest))
            for k in distinct.indices where distinct[k] == b { gathered[k].append(v) }
        }
        var cuts: [Int64] = []
        cuts.reserveCapacity(targets.count)
        for target in targets {
            guard let k = distinct.firstIndex(of: target.bracket) else { continue }
            let count = gathered[k].count
            cuts.append(
                gathered[k].withUnsafeMutableBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return lowest }
                    return select(base, 0, count, target.rank)
                }
            )
        }
        return QuintileCuts(cuts: cuts, count: n)
    }
}
