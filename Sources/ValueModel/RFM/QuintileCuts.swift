/// Quintile scores 1-5 with ties scored alike: the rule RFM uses for each of R, F and M.
///
/// Among the `n` ranked values, a value `v` scores `1 + ⌊5·(C − 1) / n⌋`, where `C` is the
/// number of ranked values at or below `v`: its 1-based rank with ties given their highest rank
/// (pandas' and polars' `rank(method="max")`, SQL's `count(*) OVER (ORDER BY v)`, `n · cume_dist()`).
/// For distinct values this is the classic quintile (the lowest fifth scores 1, the highest 5).
/// Equal values always get the same score, the score of the best placed of them, and the order
/// the values come in never matters. So the best value always scores 5 however many clients share
/// it: when 70% of clients transacted on the analysis day, all of them are R 5 (with the lowest
/// rank instead they would all be R 2 and nobody R 3 to 5). The price is at the bottom: when 45%
/// of clients share the lowest frequency they all score 3, because 45% of the clients are at or
/// below them; when all values are equal, all score 5.
///
/// It is computed from cut values: with `m_k = ⌈k·n/5⌉`, cut `k` (k = 1...4) is the
/// `(m_k + 1)`-th smallest value, and a value scores one more than the number of cuts it is at or
/// above. A level no value can reach (`m_k ≥ n`, fewer than five values) has no cut. Finding the
/// cuts is selection, not sorting: O(n).
public struct QuintileCuts: Hashable, Sendable, Codable {
    /// The cut values, non-decreasing, at most four: a value at or above `cuts[k]` scores at least `k + 2`.
    public let cuts: [Int64]
    /// The number of values ranked.
    public let count: Int

    /// Creates cuts from values already computed (four non-decreasing values).
    public init(cuts: [Int64], count: Int) {
        self.cuts = cuts
        self.count = count
    }

    /// Computes the cuts of `values` (any order).
    /// - Complexity: O(n) expected; a histogram when the values span fewer than 65,536.
    public init(values: [Int64]) {
        var scratch = values
        let n = scratch.count
        self = scratch.withUnsafeMutableBufferPointer { Self.compute($0, count: n) }
    }

    /// The score of `value`: 1 plus the number of cuts it is at or above.
    @inline(__always)
    public func score(_ value: Int64) -> Int {
        var score = 1
        for cut in cuts where value >= cut { score += 1 }
        return score
    }

    /// Cuts of the `count` values in `buffer`, which it reorders.
    static func compute(_ buffer: UnsafeMutableBufferPointer<Int64>, count n: Int) -> QuintileCuts {
        guard n > 0, let base = buffer.baseAddress else { return QuintileCuts(cuts: [], count: 0) }
        // 0-based positions m_k of the reachable cuts.
        let positions = (1...4).map { k in (k * n + 4) / 5 }.filter { $0 < n }
        var low = Int64.max
        var high = Int64.min
        for i in 0..<n {
            low = min(low, base[i])
            high = max(high, base[i])
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow, span < 1 << 16 {
            // Counting: the k-th smallest from a histogram.
            var histogram = [Int32](repeating: 0, count: Int(span) + 1)
            for i in 0..<n { histogram[Int(base[i] &- low)] &+= 1 }
            return QuintileCuts(counted: histogram, lowest: low, positions: positions, count: n)
        }
        // Selection from the highest position down: after selecting position p, everything
        // before p is no greater, so the next (lower) position is searched in 0..<p only.
        var cuts = [Int64](repeating: 0, count: positions.count)
        var upper = n
        for k in stride(from: positions.count - 1, through: 0, by: -1) {
            cuts[k] = select(base, 0, upper, positions[k])
            upper = positions[k]
        }
        return QuintileCuts(cuts: cuts, count: n)
    }

    /// The value that would be at index `k` if `a[lo..<hi]` were sorted; partitions the range so
    /// that `a[lo..<k]` holds no greater value.
    ///
    /// Three-way partitioning keeps runs of equal values
    /// (frequencies, days) linear; a depth budget falls back to sorting the remaining range.
    static func select(_ a: UnsafeMutablePointer<Int64>, _ lowerBound: Int, _ upperBound: Int, _ k: Int) -> Int64 {
        var lo = lowerBound
        var hi = upperBound
        var budget = 2 * (Int.bitWidth - (hi - lo).leadingZeroBitCount) + 4
        while hi - lo > 24 {
            if budget == 0 {
                var rest = UnsafeMutableBufferPointer(start: a + lo, count: hi - lo)
                rest.sort()
                return a[k]
            }
            budget -= 1
            let pivot = median(a, lo, hi)
            // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot.
            var lt = lo
            var i = lo
            var gt = hi - 1
            while i <= gt {
                let v = a[i]
                if v < pivot {
                    a.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if v > pivot {
                    a.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            if k < lt {
                hi = lt
            } else if k > gt {
                lo = gt + 1
            } else {
                return pivot
            }
        }
        // Insertion sort of the small rest.
        if hi - lo > 1 {
            for i in (lo + 1)..<hi {
                let v = a[i]
                var j = i
                while j > lo, a[j - 1] > v {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = v
            }
        }
        return a[k]
    }

    /// The median of nine values spread over the range (Tukey's ninther).
    private static func median(_ a: UnsafeMutablePointer<Int64>, _ lo: Int, _ hi: Int) -> Int64 {
        func m3(_ x: Int64, _ y: Int64, _ z: Int64) -> Int64 { max(min(x, y), min(max(x, y), z)) }
        let step = (hi - lo) / 9
        func at(_ j: Int) -> Int64 { a[lo + j * step] }
        return m3(m3(at(0), at(1), at(2)), m3(at(3), at(4), at(5)), m3(at(6), at(7), at(8)))
    }
}

extension UnsafeMutablePointer where Pointee == Int64 {
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}

extension QuintileCuts {
    /// The cuts at `positions` (0-based ranks among `count` values) of values counted in
    /// `histogram`, slot `k` holding the number of values equal to `lowest + k`.
    init(counted histogram: [Int32], lowest: Int64, positions: [Int], count: Int) {
        let cuts = Self.slots(of: positions, in: histogram).map { lowest &+ Int64($0.slot) }
        self.init(cuts: cuts, count: count)
    }

    /// For each of the ascending `positions` (0-based ranks), the histogram slot holding it and
    /// its rank among that slot's values.
    static func slots(of positions: [Int], in histogram: [Int32]) -> [(slot: Int, rank: Int)] {
        var found: [(slot: Int, rank: Int)] = []
        var seen = 0
        var slot = 0
        for position in positions {
            while seen + Int(histogram[slot]) <= position {
                seen += Int(histogram[slot])
                slot += 1
            }
            found.append((slot, position - seen))
        }
        return found
    }
}
