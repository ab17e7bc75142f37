import CustomerModel

/// A model compiled against a table: the compiled indicators with their population state (sorted
/// columns for percentile ranks, medians), grouped by dimension. Kept by ``ScoreBook`` so one
/// client can be re-scored against the batch's population without re-sorting anything.
struct ScoringPopulation: Sendable {
    let model: ScoringModel
    let currency: CurrencyCode
    let dimensionWeights: [Double]
    var indicators: [CompiledIndicator]
    /// For each dimension (model order), the positions of its indicators (model order).
    let byDimension: [[Int]]
    let rowCount: Int

    init(model: ScoringModel, table: IndicatorTable) throws(ScoringInputError) {
        guard table.subject == model.subject else {
            throw ScoringInputError(
                .modelMismatch,
                "model \(model.reference) scores \(model.subject) clients; the table holds \(table.subject) clients")
        }
        if let currency = model.currency, currency != table.currency {
            throw ScoringInputError(
                .modelMismatch, "model \(model.reference) has amounts in \(currency); the table is in \(table.currency)"
            )
        }
        self.model = model
        currency = table.currency
        rowCount = table.rowCount
        dimensionWeights = model.dimensions.map(\.weight)
        var compiled: [CompiledIndicator] = []
        var groups = [[Int]](repeating: [], count: model.dimensions.count)
        for (position, indicator) in model.indicators.enumerated() {
            guard let column = table.column(indicator.id) else {
                throw ScoringInputError(
                    .missingColumn, indicator: indicator.id,
                    "model \(model.reference) uses indicator '\(indicator.id)' but the table has no column for it")
            }
            guard let dimension = model.dimensions.firstIndex(where: { $0.dimension == indicator.dimension }) else {
                throw ScoringInputError(
                    .modelMismatch, indicator: indicator.id, "the indicator's dimension has no weight in the model")
            }
            compiled.append(try CompiledIndicator(indicator, position: position, dimension: dimension, column: column))
            groups[dimension].append(position)
        }
        indicators = compiled
        byDimension = groups
    }

    /// Sorts the percentile columns, ranks every row, and takes the medians the missing-data rules
    /// need; independent indicators run on all cores.
    mutating func prepare() {
        let n = rowCount
        let ranked = indicators.indices.filter { indicators[$0].kind == .percentile }
        indicators.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedBox(value: buffer)
            Parallel.run(ranked.count) { job in
                Self.rank(&shared.value[ranked[job]], rows: n)
            }
        }
        let medians = indicators.indices.filter { indicators[$0].missing == .median }
        indicators.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedBox(value: buffer)
            Parallel.run(medians.count) { job in
                Self.takeMedian(&shared.value[medians[job]], rows: n)
            }
        }
    }

    /// Sorts the present values and gives every present row its tie-averaged rank.
    private static func rank(_ indicator: inout CompiledIndicator, rows n: Int) {
        let column = indicator.column
        var keys: [UInt64] = []
        var rows: [Int32] = []
        keys.reserveCapacity(n)
        rows.reserveCapacity(n)
        for row in 0..<n where column.presence[row] {
            keys.append(RadixSort.key(column.values[row]))
            rows.append(Int32(row))
        }
        RadixSort.sort(&keys, carrying: &rows)
        var values = [Double](repeating: 0, count: n)
        let count = keys.count
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, keys[end] == keys[start] { end += 1 }
            let value = indicator.directed(CompiledIndicator.rank(lower: start, upper: end, count: count))
            for i in start..<end { values[Int(rows[i])] = value }
            start = end
        }
        indicator.sortedKeys = keys
        indicator.rankValues = values
    }

    /// The median of the present rows' normalised values (mean of the two middle ones for an even count).
    private static func takeMedian(_ indicator: inout CompiledIndicator, rows n: Int) {
        var keys: [UInt64] = []
        keys.reserveCapacity(n)
        for row in 0..<n where indicator.column.presence[row] {
            let value =
                indicator.kind == .percentile
                ? indicator.rankValues[row] : indicator.directed(indicator.core(indicator.column.values[row]))
            keys.append(RadixSort.key(value))
        }
        guard !keys.isEmpty else {
            indicator.median = 0
            return
        }
        RadixSort.sort(&keys)
        let middle = keys.count / 2
        indicator.median =
            keys.count % 2 == 1
            ? RadixSort.value(keys[middle]) : (RadixSort.value(keys[middle - 1]) + RadixSort.value(keys[middle])) / 2
    }
}
