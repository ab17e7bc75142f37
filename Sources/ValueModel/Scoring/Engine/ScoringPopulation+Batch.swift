/// The batch pass: every row's dimension scores and total in hundredths, column by column over
/// blocks of rows, the row ranges split over the cores.
///
/// The arithmetic per row is exactly that of ``ScoringPopulation/evaluate(row:inputs:customer:)``
/// (same operations in the same order), so an explanation computed later matches the batch to
/// the hundredth.
extension ScoringPopulation {
    /// Rows per block: the block's accumulators stay in the first-level cache.
    static let blockSize = 512

    func scoreAll() -> (totals: [Int32], dimensions: [[Int32]]) {
        let n = rowCount
        let dimensionCount = dimensionWeights.count
        var totals = [Int32](repeating: 0, count: n)
        var dimensions = [[Int32]](repeating: [Int32](repeating: 0, count: n), count: dimensionCount)
        guard n > 0 else { return (totals, dimensions) }
        let ranges = Parallel.ranges(n, minimumChunk: 16_384)
        var outputs: [SharedPointer<Int32>] = []
        for d in 0..<dimensionCount {
            dimensions[d].withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { outputs.append(SharedPointer(base: base)) }
            }
        }
        // The buffers stay valid: the arrays are not touched again until the workers are done.
        totals.withUnsafeMutableBufferPointer { totalBuffer in
            guard let totalBase = totalBuffer.baseAddress, outputs.count == dimensionCount else { return }
            let shared = UncheckedBox(value: (self, SharedPointer(base: totalBase), outputs))
            Parallel.run(ranges.count) { k in
                let (population, totals, dimensions) = shared.value
                population.score(ranges[k], totals: totals.base, dimensions: dimensions.map(\.base))
            }
        }
        return (totals, dimensions)
    }

    /// Scores `range`, writing `totals[row]` and `dimensions[d][row]`.
    private func score(
        _ range: Range<Int>, totals: UnsafeMutablePointer<Int32>, dimensions: [UnsafeMutablePointer<Int32>]
    ) {
        let block = Self.blockSize
        let ws = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let wp = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let total = UnsafeMutablePointer<Double>.allocate(capacity: block)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: block)
        defer {
            ws.deallocate()
            wp.deallocate()
            total.deallocate()
            scratch.deallocate()
        }
        var start = range.lowerBound
        while start < range.upperBound {
            let count = min(block, range.upperBound - start)
            total.update(repeating: 0, count: count)
            for (d, members) in byDimension.enumerated() {
                ws.update(repeating: 0, count: count)
                wp.update(repeating: 0, count: count)
                for k in members {
                    Self.accumulate(indicators[k], start: start, count: count, scratch: scratch, ws: ws, wp: wp)
                }
                let weight = dimensionWeights[d]
                let out = dimensions[d] + start
                for r in 0..<count {
                    let exact = wp[r] > 0 ? 100 * ws[r] / wp[r] : 0
                    out[r] = Int32(truncatingIfNeeded: Self.hundredths(exact))
                    total[r] += weight * exact
                }
            }
            for r in 0..<count { totals[start + r] = Int32(truncatingIfNeeded: Self.hundredths(total[r])) }
            start += count
        }
    }

    /// Adds one indicator's `weight × value` and `weight` for rows `start..<start + count`.
    private static func accumulate(
        _ indicator: CompiledIndicator, start: Int, count: Int, scratch: UnsafeMutablePointer<Double>,
        ws: UnsafeMutablePointer<Double>, wp: UnsafeMutablePointer<Double>
    ) {
        let normaliser = indicator.normaliser
        // 1. Every row's normalised value, present or not (branch-free, so the loops vectorise
        //    where the arithmetic allows; the direction is hoisted out of the loops).
        indicator.column.values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let values = base + start
            switch normaliser.kind {
            case .percentile:
                indicator.rankValues.withUnsafeBufferPointer { ranks in
                    guard let ranks = ranks.baseAddress else { return }
                    scratch.update(from: ranks + start, count: count)
                }
            case .linear:
                for r in 0..<count { scratch[r] = normaliser.linear(values[r]) }
            case .logarithmic:
                for r in 0..<count { scratch[r] = normaliser.logarithmic(values[r]) }
            case .categoryLookup:
                for r in 0..<count { scratch[r] = normaliser.category(values[r]) }
            case .ratingLookup:
                for r in 0..<count { scratch[r] = normaliser.rating(values[r]) }
            }
            if normaliser.invert, normaliser.kind != .percentile {  // ranks are stored after direction
                for r in 0..<count { scratch[r] = 1 - scratch[r] }
            }
        }
        // 2. Present rows add their value; missing rows their rule's value, or nothing when the
        //    weight is redistributed. `(w × v) × m` with `m` 0 or 1 adds exactly `w × v` or nothing,
        //    as the per-client path does.
        let w = indicator.weight
        indicator.column.presence.words.withUnsafeBufferPointer { words in
            switch indicator.missing {
            case .redistribute:
                for r in 0..<count {
                    let row = start &+ r
                    let m = Double(words[row &>> 6] &>> UInt64(row & 63) & 1)
                    ws[r] += (w * scratch[r]) * m
                    wp[r] += w * m
                }
            case .zero, .median:
                let missing = indicator.missing == .zero ? 0 : indicator.median
                for r in 0..<count {
                    let row = start &+ r
                    let v = words[row &>> 6] &>> UInt64(row & 63) & 1 != 0 ? scratch[r] : missing
                    ws[r] += w * v
                    wp[r] += w
                }
            }
        }
    }

    /// A score in hundredths: `x × 100` rounded half up (`x` is never negative). The batch pass
    /// and the per-client path both round with this.
    @inline(__always)
    static func hundredths(_ x: Double) -> Int { Int(max(x, 0) * 100 + 0.5) }
}
