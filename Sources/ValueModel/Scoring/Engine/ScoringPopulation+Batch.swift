import ClienteleSupport

/// The batch pass: every row's dimension scores and total in hundredths, column by column over
/// blocks of rows, the row ranges split over the cores.
///
/// The arithmetic per row is exactly that of ``ScoringPopulation/evaluate(row:inputs:customer:)``
/// (same operations in the same order), so an explanation computed later matches the batch to
/// the hundredth. With a ``ScoringPreparation``, sums and scores prepared from the same columns
/// are read instead of recomputed: the same operations were done once, in the same order.
extension ScoringPopulation {
    /// Rows per block: the block's accumulators stay in the first-level cache.
    static let blockSize = 512

    func scoreAll() -> (totals: [Int32], dimensions: [[Int32]]) {
        let n = rowCount
        let dimensionCount = dimensionWeights.count
        let plan = BatchPlan(self)
        if let totals = plan.totals, plan.whole.allSatisfy({ $0 != nil }) {
            return (totals, plan.whole.map { $0?.hundredths ?? [] })
        }
        var totals = [Int32](repeating: 0, count: n)
        var dimensions = (0..<dimensionCount).map { d in plan.whole[d]?.hundredths ?? [Int32](repeating: 0, count: n) }
        guard n > 0 else { return (totals, dimensions) }
        let ranges = ParallelWork.ranges(n, minimumChunk: 16_384)
        // Prepared dimensions are read, not written: their (shared) arrays are left alone.
        var outputs: [UnsafeMutablePointer<Int32>?] = []
        for d in 0..<dimensionCount {
            if plan.whole[d] != nil {
                outputs.append(nil)
            } else {
                dimensions[d].withUnsafeMutableBufferPointer { outputs.append($0.baseAddress) }
            }
        }
        // The buffers stay valid: the arrays are not touched again until the workers are done.
        totals.withUnsafeMutableBufferPointer { totalBuffer in
            guard let totalBase = totalBuffer.baseAddress, outputs.count == dimensionCount else { return }
            let shared = UncheckedSendable(value: (self, plan, totalBase, outputs))
            ParallelWork.run(ranges.count) { k in
                let (population, plan, totals, dimensions) = shared.value
                population.score(ranges[k], plan: plan, totals: totals, dimensions: dimensions)
            }
        }
        return (totals, dimensions)
    }

    /// Scores `range`, writing `totals[row]` and `dimensions[d][row]` (except prepared dimensions).
    private func score(
        _ range: Range<Int>,
        plan: BatchPlan,
        totals: UnsafeMutablePointer<Int32>,
        dimensions: [UnsafeMutablePointer<Int32>?]
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
                let weight = dimensionWeights[d]
                if let whole = plan.whole[d] {
                    whole.exact.withUnsafeBufferPointer { exact in
                        for r in 0..<count { total[r] += weight * exact[start + r] }
                    }
                    continue
                }
                guard let output = dimensions[d] else { continue }
                let first: Int
                if let prefix = plan.prefix[d] {
                    prefix.sums.withUnsafeBufferPointer { sums in
                        if let sums = sums.baseAddress { ws.update(from: sums + start, count: count) }
                    }
                    prefix.weights.withUnsafeBufferPointer { weights in
                        if let weights = weights.baseAddress { wp.update(from: weights + start, count: count) }
                    }
                    first = prefix.length
                } else {
                    ws.update(repeating: 0, count: count)
                    wp.update(repeating: 0, count: count)
                    first = 0
                }
                for k in members[first...] {
                    let indicator = indicators[k]
                    if let values = plan.normalised[k] {
                        values.withUnsafeBufferPointer { values in
                            guard let values = values.baseAddress else { return }
                            Self.add(indicator, start: start, count: count, scratch: values + start, ws: ws, wp: wp)
                        }
                    } else {
                        Self.normalise(indicator, start: start, count: count, into: scratch)
                        Self.add(indicator, start: start, count: count, scratch: scratch, ws: ws, wp: wp)
                    }
                }
                let out = output + start
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

    /// Writes every row's normalised value after direction, present or not, for rows
    /// `start..<start + count` of `indicator` (branch-free, so the loops vectorise where the
    /// arithmetic allows; the direction is hoisted out of the loops).
    static func normalise(
        _ indicator: CompiledIndicator,
        start: Int,
        count: Int,
        into scratch: UnsafeMutablePointer<Double>
    ) {
        let normaliser = indicator.normaliser
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
    }

    /// Adds one indicator's `weight × value` and `weight` for rows `start..<start + count`, the
    /// normalised values in `scratch[0..<count]`: present rows add their value; missing rows their
    /// rule's value, or nothing when the weight is redistributed.
    ///
    /// `(w × v) × m` with `m` 0 or 1
    /// adds exactly `w × v` or nothing, as the per-client path does.
    static func add(
        _ indicator: CompiledIndicator,
        start: Int,
        count: Int,
        scratch: UnsafePointer<Double>,
        ws: UnsafeMutablePointer<Double>,
        wp: UnsafeMutablePointer<Double>
    ) {
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

    /// A score in hundredths: `x × 100` rounded half up (`x` is never negative).
    ///
    /// The batch pass
    /// and the per-client path both round with this.
    @inline(__always)
    static func hundredths(_ x: Double) -> Int { Int(max(x, 0) * 100 + 0.5) }
}

/// Which prepared results a batch run reads: those of a ``ScoringPreparation`` whose indicators
/// the run reused, all of them for a prefix or a whole dimension.
struct BatchPlan: @unchecked Sendable {
    /// By dimension: the prepared exact scores and hundredths of a dimension reused whole.
    var whole: [(exact: [Double], hundredths: [Int32])?]
    /// By dimension: the prepared sums of a reused prefix of `length` indicators.
    var prefix: [(length: Int, sums: [Double], weights: [Double])?]
    /// By model position: prepared normalised values of a reused indicator.
    var normalised: [[Double]?]
    /// Prepared totals, when every dimension is reused whole.
    var totals: [Int32]?

    init(_ population: ScoringPopulation) {
        let dimensionCount = population.byDimension.count
        whole = Array(repeating: nil, count: dimensionCount)
        prefix = Array(repeating: nil, count: dimensionCount)
        normalised = Array(repeating: nil, count: population.indicators.count)
        totals = nil
        guard let prepared = population.preparation else { return }
        let reused = population.reused
        for (d, members) in population.byDimension.enumerated() {
            let length = prepared.prefixLength[d]
            guard length > 0, members[..<length].allSatisfy({ reused[$0] }) else { continue }
            if length == members.count {
                whole[d] = (prepared.exact[d], prepared.hundredths[d])
            } else {
                prefix[d] = (length, prepared.prefixSums[d], prepared.prefixWeights[d])
            }
        }
        for k in population.indicators.indices where reused[k] { normalised[k] = prepared.normalised[k] }
        if whole.allSatisfy({ $0 != nil }) { totals = prepared.totals }
    }
}
