public import CustomerModel

/// The scores of a whole book: totals and dimension scores as columns (hundredths of a point, one
/// per row of the scored ``IndicatorTable``), explanations on demand, and the population state to
/// re-score one client after an event.
///
/// Re-scoring uses the batch's population: percentile ranks are found by binary search in the
/// columns sorted by the batch (the client's own batch value replaced by the new one), and the
/// medians of the missing-data rules are the batch's. Other clients' scores are not touched; they
/// move to the new population at the next batch run. A re-score of unchanged inputs equals the
/// batch score exactly.
public struct ScoreBook: Sendable {
    let population: ScoringPopulation
    /// The inputs the scores were computed from (updated by ``update(row:with:)``).
    public private(set) var table: IndicatorTable
    /// Each row's total in hundredths of a point.
    public private(set) var totalHundredths: [Int32]
    /// Each dimension's scores in hundredths of a point, by model dimension, one per row.
    public private(set) var dimensionHundredths: [[Int32]]

    init(population: ScoringPopulation, table: IndicatorTable, totals: [Int32], dimensions: [[Int32]]) {
        self.population = population
        self.table = table
        totalHundredths = totals
        dimensionHundredths = dimensions
    }

    /// The model the book was scored with.
    public var model: ScoringModel { population.model }

    /// The client of each row.
    public var customers: [CustomerID] { table.customers }

    /// The number of scored clients.
    public var count: Int { totalHundredths.count }

    /// The total of `row`, 0-100 (zero for a row out of range).
    public func total(ofRow row: Int) -> ScorePoints {
        totalHundredths.indices.contains(row) ? ScorePoints(hundredths: Int(totalHundredths[row])) : .zero
    }

    /// The score of `dimension` for `row`, or `nil` when the model has no such dimension or the
    /// row is out of range.
    public func score(of dimension: ScoringDimension, ofRow row: Int) -> ScorePoints? {
        guard let d = model.dimensions.firstIndex(where: { $0.dimension == dimension }),
            dimensionHundredths[d].indices.contains(row)
        else { return nil }
        return ScorePoints(hundredths: Int(dimensionHundredths[d][row]))
    }

    /// The row of `customer`, or `nil`.
    /// - Complexity: O(rows); keep the rows of clients you re-score often.
    public func row(of customer: CustomerID) -> Int? { table.customers.firstIndex(of: customer) }

    /// The rows with the highest totals, best first, ties in row order.
    /// - Complexity: O(rows × log count).
    public func topRows(_ count: Int) -> [Int] {
        let limit = min(max(0, count), totalHundredths.count)
        guard limit > 0 else { return [] }
        // Keep the best `limit` rows in a small sorted buffer.
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        func better(_ a: Int, _ b: Int) -> Bool {
            totalHundredths[a] > totalHundredths[b] || (totalHundredths[a] == totalHundredths[b] && a < b)
        }
        for row in totalHundredths.indices {
            if best.count == limit, let last = best.last, !better(row, last) { continue }
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if better(best[middle], row) { low = middle + 1 } else { high = middle }
            }
            best.insert(row, at: low)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// The explained score of `row` from the book's inputs; equal to the batch columns to the
    /// hundredth.
    ///
    /// `nil` for a row out of range.
    public func score(ofRow row: Int) -> CustomerScore? {
        guard table.customers.indices.contains(row) else { return nil }
        let inputs = population.indicators.map { indicator -> ResolvedInput in
            guard let value = table.column(indicator.id)?.value(ofRow: row) else { return .absent }
            switch value {
            case .number(let number): return .number(number)
            case .category(let name): return .category(name, indicator.lookupValue(ofCategory: name))
            }
        }
        return population.evaluate(row: row, inputs: inputs, customer: table.customers[row])
    }

    /// Re-scores `row` with new inputs (after an event), against the batch population, without
    /// changing the book.
    ///
    /// Indicators the model does not use are ignored; an indicator of the model without an entry
    /// in `inputs` is missing.
    /// - Throws: ``ScoringInputError``: `lengthMismatch` for a row out of range, `invalidValue` for
    ///   an input of the wrong kind or out of range, `unknownCategory` for a category the model
    ///   cannot value.
    /// - Complexity: O(indicators × log rows).
    public func rescore(row: Int, with inputs: IndicatorRow) throws(ScoringInputError) -> CustomerScore {
        guard table.customers.indices.contains(row) else {
            throw ScoringInputError(
                .lengthMismatch,
                record: "row \(row)",
                "the row is outside the book's \(count) rows"
            )
        }
        var resolved: [ResolvedInput] = []
        resolved.reserveCapacity(population.indicators.count)
        for indicator in population.indicators {
            guard let value = inputs[slot: indicator.column.slot] else {
                resolved.append(.absent)
                continue
            }
            if let problem = indicator.problem(with: value) {
                throw ScoringInputError(
                    .invalidValue,
                    customer: table.customers[row],
                    record: "row \(row)",
                    indicator: indicator.id,
                    problem
                )
            }
            switch value {
            case .number(let number): resolved.append(.number(number))
            case .category(let name):
                guard let normalised = indicator.lookupValue(ofCategory: name) else {
                    throw ScoringInputError(
                        .unknownCategory,
                        customer: table.customers[row],
                        record: "row \(row)",
                        indicator: indicator.id,
                        "the model gives no value for category '\(name)'"
                    )
                }
                resolved.append(.category(name, normalised))
            }
        }
        return population.evaluate(row: row, inputs: resolved, customer: table.customers[row])
    }

    /// Re-scores `row` with new inputs and records them: the row's inputs, total and dimension
    /// scores in the book change; the population state (sorted columns, medians) stays the batch's.
    /// - Throws: ``ScoringInputError`` as ``rescore(row:with:)``; nothing changes on error.
    @discardableResult
    public mutating func update(row: Int, with inputs: IndicatorRow) throws(ScoringInputError) -> CustomerScore {
        let score = try rescore(row: row, with: inputs)
        var recorded = inputs
        recorded.customer = table.customers[row]
        try table.setInputs(recorded, ofRow: row)
        totalHundredths[row] = Int32(score.total.hundredths)
        for (d, dimension) in score.dimensions.enumerated() {
            dimensionHundredths[d][row] = Int32(dimension.score.hundredths)
        }
        return score
    }
}
