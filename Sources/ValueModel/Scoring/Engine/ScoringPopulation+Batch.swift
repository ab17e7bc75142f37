/// The batch pass: every row's dimension scores and total in hundredths, column by column over
/// blocks of rows, the row ranges split over the cores.
///
/// The arithmetic per row is exactly that of ``ScoringPopulation/evaluate(row:inputs:customer:)``
/// (same operations in the same order), so an explanation computed later matches the batch to
/// the hundredth.
extension ScoringPopulation {
    /// Rows per block: the block's accumulators stay in the first-level cache.
    static let blockSize = 256

    func scoreAll() -> (totals: [Int32], dimensions: [[Int32]]) {
        let n = rowCount
        let dimensionCount = dimensionWeights.count
        var totals = [Int32](repeating: 0, count: n)
        var dimensions = [Int32](repeating: 0, count: n * dimensionCount)
        guard n > 0 else { return (totals, [[Int32]](repeating: [], count: dimensionCount)) }
        let ranges = Parallel.ranges(n, minimumChunk: 8_192)
        totals.withUnsafeMutableBufferPointer { totalBuffer in
            dimensions.withUnsafeMutableBufferPointer { dimensionBuffer in
                guard let totalBase = totalBuffer.baseAddress, let dimensionBase = dimensionBuffer.baseAddress else {
                    return
                }
                let out = UncheckedBox(value: (SharedPointer(base: totalBase), SharedPointer(base: dimensionBase)))
                let population = UncheckedBox(value: self)
                Parallel.run(ranges.count) { k in
                    population.value.score(ranges[k], totals: out.value.0.base, dimensions: out.value.1.base)
                }
            }
        }
        var split: [[Int32]] = []
        for d in 0..<dimensionCount { split.append(Array(dimensions[(d * n)..<((d + 1) * n)])) }
        return (totals, split)
    }

    /// Scores `range`, writing `totals[row]` and `dimensions[d * rowCount + row]`.
    private func score(
        _ range: Range<Int>, totals: UnsafeMutablePointer<Int32>, dimensions: UnsafeMutablePointer<Int32>
    ) {
        let block = Self.blockSize
        var ws = [Double](repeating: 0, count: block)
        var wp = [Double](repeating: 0, count: block)
        var total = [Double](repeating: 0, count: block)
        var start = range.lowerBound
        while start < range.upperBound {
            let count = min(block, range.upperBound - start)
            for r in 0..<count { total[r] = 0 }
            for (d, members) in byDimension.enumerated() {
                for r in 0..<count {
                    ws[r] = 0
                    wp[r] = 0
                }
                for k in members { accumulate(indicators[k], start: start, count: count, ws: &ws, wp: &wp) }
                let weight = dimensionWeights[d]
                let out = dimensions + d * rowCount + start
                for r in 0..<count {
                    let exact = wp[r] > 0 ? 100 * ws[r] / wp[r] : 0
                    out[r] = Int32((exact * 100).rounded())
                    total[r] += weight * exact
                }
            }
            for r in 0..<count { totals[start + r] = Int32((total[r] * 100).rounded()) }
            start += count
        }
    }

    /// Adds one indicator's `weight × value` and `weight` for rows `start..<start + count`.
    @inline(__always)
    private func accumulate(
        _ indicator: CompiledIndicator, start: Int, count: Int, ws: inout [Double], wp: inout [Double]
    ) {
        let w = indicator.weight
        let presence = indicator.column.presence
        let missingValue: Double? =
            switch indicator.missing {
            case .zero: 0
            case .median: indicator.median
            case .redistribute: nil
            }
        indicator.column.values.withUnsafeBufferPointer { values in
            indicator.rankValues.withUnsafeBufferPointer { ranks in
                for r in 0..<count {
                    let row = start + r
                    let v: Double
                    if presence[row] {
                        v = indicator.kind == .percentile ? ranks[row] : indicator.directed(indicator.core(values[row]))
                    } else if let missingValue {
                        v = missingValue
                    } else {
                        continue
                    }
                    ws[r] += w * v
                    wp[r] += w
                }
            }
        }
    }
}
