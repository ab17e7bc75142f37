import ClienteleSupport
import CustomerModel

/// What a prepared ``ValueScorer`` computes once from a table whose columns mostly stay the same
/// from one run to the next (the table without transactions that ``TransactionIndicatorFiller``
/// completes every night): the compiled indicators of the columns expected to stay (sorted
/// populations, medians, lookup tables), their normalised values, and, for each dimension, the
/// sums of its leading unchanging indicators, or its whole score when none of its indicators
/// changes.
///
/// A run reuses a prepared indicator only when the table's column is the prepared one (equal
/// values, presence and categories: a copy of the prepared table shares the storage, so the check
/// costs nothing), and a prepared sum only when all its indicators are reused; everything else is
/// computed as without preparation. The arithmetic is the batch pass's, in the same order, so a
/// prepared run gives the same scores to the last bit.
final class ScoringPreparation: Sendable {
    /// The table's clients when prepared.
    let customers: [CustomerID]
    /// By model position: the compiled indicator of a column expected to stay, else `nil`.
    let compiled: [CompiledIndicator?]
    /// By model position: the normalised values after direction of a compiled indicator the pass
    /// adds after its dimension's prepared sums (percentile ranks keep theirs in the indicator).
    let normalised: [[Double]?]
    /// By dimension: how many leading indicators (model order) the prepared sums cover.
    let prefixLength: [Int]
    /// By dimension: each row's weighted sum and weight sum over the prefix, when it covers part
    /// of the dimension (empty otherwise).
    let prefixSums: [[Double]]
    let prefixWeights: [[Double]]
    /// By dimension: each row's exact score and its hundredths, when the prefix is the whole
    /// dimension (empty otherwise).
    let exact: [[Double]]
    let hundredths: [[Int32]]
    /// Each row's total in hundredths, when every dimension is prepared whole.
    let totals: [Int32]?

    /// Prepares `model` for tables like `table`, where the columns of `changing` will differ.
    ///
    /// Indicators that cannot be prepared (a column missing from `table`, a category the model
    /// cannot value, a table of another kind or currency) are left to the run, which reports them.
    init(model: ScoringModel, table: IndicatorTable, changing: Set<IndicatorID>) {
        customers = table.customers
        let n = table.rowCount
        let count = model.indicators.count
        let fits = table.subject == model.subject && (model.currency.map { $0 == table.currency } ?? true)
        var groups = [[Int]](repeating: [], count: model.dimensions.count)
        var jobs: [(position: Int, dimension: Int, column: IndicatorColumn)] = []
        for (position, indicator) in model.indicators.enumerated() {
            guard let dimension = model.dimensions.firstIndex(where: { $0.dimension == indicator.dimension }) else {
                continue
            }
            groups[dimension].append(position)
            guard fits, !changing.contains(indicator.id), let column = table.column(indicator.id),
                CompiledIndicator.problem(with: indicator, column: column) == nil
            else { continue }
            jobs.append((position, dimension, column))
        }
        let slots = UnsafeMutablePointer<CompiledIndicator?>.allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
        defer {
            slots.deinitialize(count: max(count, 1))
            slots.deallocate()
        }
        let shared = UncheckedSendable(value: (slots, model.indicators, jobs))
        ParallelWork.run(jobs.count) { k in
            let (slots, indicators, jobs) = shared.value
            let job = jobs[k]
            slots[job.position] = CompiledIndicator(
                indicators[job.position],
                position: job.position,
                dimension: job.dimension,
                column: job.column
            )
        }
        let compiled = (0..<count).map { slots[$0] }
        self.compiled = compiled

        // Per dimension: the prefix of compiled indicators, and the compiled ones after it.
        let dimensionCount = groups.count
        var prefixLength = [Int](repeating: 0, count: dimensionCount)
        var normalised = [[Double]?](repeating: nil, count: count)
        var prefixSums = [[Double]](repeating: [], count: dimensionCount)
        var prefixWeights = [[Double]](repeating: [], count: dimensionCount)
        var exact = [[Double]](repeating: [], count: dimensionCount)
        var hundredths = [[Int32]](repeating: [], count: dimensionCount)
        for (d, members) in groups.enumerated() {
            let length = members.firstIndex { compiled[$0] == nil } ?? members.count
            prefixLength[d] = length
            for k in members[length...] {
                guard let indicator = compiled[k], indicator.kind != .percentile else { continue }
                var values = [Double](repeating: 0, count: n)
                values.withUnsafeMutableBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    ScoringPopulation.normalise(indicator, start: 0, count: n, into: base)
                }
                normalised[k] = values
            }
            guard length > 0, n > 0 else { continue }
            var ws = [Double](repeating: 0, count: n)
            var wp = [Double](repeating: 0, count: n)
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: n)
            defer { scratch.deallocate() }
            ws.withUnsafeMutableBufferPointer { ws in
                wp.withUnsafeMutableBufferPointer { wp in
                    guard let ws = ws.baseAddress, let wp = wp.baseAddress else { return }
                    for k in members[..<length] {
                        guard let indicator = compiled[k] else { continue }
                        ScoringPopulation.normalise(indicator, start: 0, count: n, into: scratch)
                        ScoringPopulation.add(indicator, start: 0, count: n, scratch: scratch, ws: ws, wp: wp)
                    }
                }
            }
            if length < members.count {
                prefixSums[d] = ws
                prefixWeights[d] = wp
            } else {
                let scores = (0..<n).map { r in wp[r] > 0 ? 100 * ws[r] / wp[r] : 0 }
                hundredths[d] = scores.map { Int32(truncatingIfNeeded: ScoringPopulation.hundredths($0)) }
                exact[d] = scores
            }
        }
        if fits, n > 0, dimensionCount > 0, exact.allSatisfy({ $0.count == n }) {
            var total = [Double](repeating: 0, count: n)
            for d in 0..<dimensionCount {
                let weight = model.dimensions[d].weight
                for r in 0..<n { total[r] += weight * exact[d][r] }
            }
            totals = total.map { Int32(truncatingIfNeeded: ScoringPopulation.hundredths($0)) }
        } else {
            totals = nil
        }
        self.prefixLength = prefixLength
        self.normalised = normalised
        self.prefixSums = prefixSums
        self.prefixWeights = prefixWeights
        self.exact = exact
        self.hundredths = hundredths
    }
}
