/// Scores a whole book with a ``ScoringModel``: percentile columns sorted once, then every client's
/// dimensions and total in one pass over the indicator columns, split over the cores.
///
/// ```swift
/// let table = try IndicatorTableBuilder(asOf: today, currency: .cny)
///     .build(subject: .individual, profiles: profiles, holdings: holdings, relationships: relationships,
///            referrals: referrals, interactions: interactions, balances: balances, transactions: columns)
/// let book = try ValueScorer(model: .defaultIndividual).score(table: table)
/// for row in book.topRows(10) { print(book.score(ofRow: row)?.explanation ?? "") }
/// ```
///
/// **Scoring night after night.** Most inputs change little from one night to the next: only the
/// transaction indicators that ``TransactionIndicatorFiller`` writes do. A scorer prepared once
/// for the table without transactions (``prepared(for:)``) keeps what depends only on the
/// unchanged columns (compiled normalisations, sorted percentile populations, medians, the
/// dimensions' partial sums) and reuses it whenever a scored table still holds those columns; the
/// scores are the same, to the last bit, as an unprepared scorer's.
///
/// ```swift
/// let filler = try TransactionIndicatorFiller(base: base, snapshotCustomers: columns.customers)
/// let scorer = ValueScorer(model: .defaultIndividual).prepared(for: filler)  // once
/// let book = try scorer.score(table: try filler.fill(from: aggregates))     // every night
/// ```
public struct ValueScorer: Sendable {
    /// The model.
    public let model: ScoringModel
    /// What was prepared for tables like the one given to ``prepared(for:changing:)``.
    let preparation: ScoringPreparation?

    /// Creates a scorer (the model was validated when it was created).
    public init(model: ScoringModel) {
        self.model = model
        preparation = nil
    }

    private init(model: ScoringModel, preparation: ScoringPreparation) {
        self.model = model
        self.preparation = preparation
    }

    /// Whether the scorer was prepared for a table (``prepared(for:changing:)``).
    public var isPrepared: Bool { preparation != nil }

    /// A scorer that reuses, for every table holding the same clients and the same columns as
    /// `table` except those of `changing`, the work that depends only on those columns.
    ///
    /// Nothing is assumed: each run checks that a column is still the prepared one (a copy of
    /// `table` shares its storage, so the check is free; a column set anew is compared value by
    /// value) and computes anything else afresh. Indicators `table` cannot give (a missing column,
    /// a category the model cannot value) are left to ``score(table:)``, which reports them.
    /// - Complexity: O(rows × indicators), about one unprepared run.
    public func prepared(for table: IndicatorTable, changing: Set<IndicatorID>) -> ValueScorer {
        ValueScorer(model: model, preparation: ScoringPreparation(model: model, table: table, changing: changing))
    }

    /// A scorer prepared for the tables `filler` makes: its base table, with the indicators it
    /// fills each night (``TransactionIndicatorFiller/filledIndicators``) changing.
    public func prepared(for filler: TransactionIndicatorFiller) -> ValueScorer {
        prepared(for: filler.base, changing: TransactionIndicatorFiller.filledIndicators)
    }

    /// Scores every row of `table`.
    ///
    /// The result keeps totals and dimension scores as columns; a client's explanation is built on
    /// demand with ``ScoreBook/score(ofRow:)``, and one client is re-scored after an event with
    /// ``ScoreBook/rescore(row:with:)``.
    /// - Throws: ``ScoringInputError``: `modelMismatch` when the table holds another kind of client
    ///   or another currency than the model, `missingColumn` when the table lacks an indicator the
    ///   model uses, `unknownCategory` when a category of the table has no value in the model's
    ///   lookup table.
    /// - Complexity: O(rows × indicators) plus one O(rows) radix sort per percentile-ranked
    ///   indicator and per indicator scored at the median when missing; for a prepared scorer,
    ///   only over the indicators whose columns changed and the dimensions holding them.
    public func score(table: IndicatorTable) throws(ScoringInputError) -> ScoreBook {
        let population = try ScoringPopulation(model: model, table: table, preparation: preparation)
        let (totals, dimensions) = population.scoreAll()
        return ScoreBook(population: population, table: table, totals: totals, dimensions: dimensions)
    }
}
