import ClienteleSupport
import CustomerModel

/// A model compiled against a table: the compiled indicators with their population state (sorted
/// columns for percentile ranks, medians), grouped by dimension.
///
/// Kept by ``ScoreBook`` so one
/// client can be re-scored against the batch's population without re-sorting anything.
struct ScoringPopulation: Sendable {
    let model: ScoringModel
    let currency: CurrencyCode
    let dimensionWeights: [Double]
    let indicators: [CompiledIndicator]
    /// For each dimension (model order), the positions of its indicators (model order).
    let byDimension: [[Int]]
    let rowCount: Int
    /// The prepared work the run may read, and by model position whether the indicator is the
    /// prepared one (its column unchanged).
    let preparation: ScoringPreparation?
    let reused: [Bool]

    /// Checks that `model` fits `table`, then compiles every indicator, the sorts and medians of
    /// independent indicators running on all cores; an indicator `preparation` compiled from the
    /// same column (and clients) is reused instead.
    init(
        model: ScoringModel,
        table: IndicatorTable,
        preparation: ScoringPreparation? = nil
    )
        throws(ScoringInputError)
    {
        guard table.subject == model.subject else {
            throw ScoringInputError(
                .modelMismatch,
                "model \(model.reference) scores \(model.subject) clients; the table holds \(table.subject) clients"
            )
        }
        if let currency = model.currency, currency != table.currency {
            throw ScoringInputError(
                .modelMismatch,
                "model \(model.reference) has amounts in \(currency); the table is in \(table.currency)"
            )
        }
        self.model = model
        currency = table.currency
        rowCount = table.rowCount
        dimensionWeights = model.dimensions.map(\.weight)
        var columns: [IndicatorColumn] = []
        var dimensions: [Int] = []
        var groups = [[Int]](repeating: [], count: model.dimensions.count)
        for (position, indicator) in model.indicators.enumerated() {
            guard let column = table.column(indicator.id) else {
                throw ScoringInputError(
                    .missingColumn,
                    indicator: indicator.id,
                    "model \(model.reference) uses indicator '\(indicator.id)' but the table has no column for it"
                )
            }
            guard let dimension = model.dimensions.firstIndex(where: { $0.dimension == indicator.dimension }) else {
                throw ScoringInputError(
                    .modelMismatch,
                    indicator: indicator.id,
                    "the indicator's dimension has no weight in the model"
                )
            }
            if let problem = CompiledIndicator.problem(with: indicator, column: column) { throw problem }
            columns.append(column)
            dimensions.append(dimension)
            groups[dimension].append(position)
        }
        let count = model.indicators.count
        // Arrays compare by storage first: a column copied from the prepared table costs nothing.
        let usable = preparation.flatMap { $0.customers == table.customers ? $0 : nil }
        let prepared = (0..<count).map { k -> CompiledIndicator? in
            guard let indicator = usable?.compiled[k], indicator.column == columns[k] else { return nil }
            return indicator
        }
        let slots = UnsafeMutablePointer<CompiledIndicator?>.allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
        for k in 0..<count { slots[k] = prepared[k] }
        defer {
            slots.deinitialize(count: max(count, 1))
            slots.deallocate()
        }
        // Heavy indicators (sorts, medians) first, so the cores finish together.
        let order = (0..<count).filter { prepared[$0] == nil }
            .sorted { Self.cost(model.indicators[$0]) > Self.cost(model.indicators[$1]) }
        let shared = UncheckedSendable(value: (slots, model.indicators, columns, dimensions, order))
        ParallelWork.run(order.count) { job in
            let (slots, indicators, columns, dimensions, order) = shared.value
            let k = order[job]
            slots[k] = CompiledIndicator(indicators[k], position: k, dimension: dimensions[k], column: columns[k])
        }
        indicators = (0..<count).compactMap { slots[$0] }
        byDimension = groups
        self.preparation = usable
        reused = prepared.map { $0 != nil }
    }

    /// A rough weight of an indicator's compilation, for ordering the parallel work.
    private static func cost(_ indicator: ScoringIndicator) -> Int {
        var cost = 0
        if case .percentileRank = indicator.normalisation { cost += 4 }
        if indicator.missing == .median { cost += 1 }
        return cost
    }
}
