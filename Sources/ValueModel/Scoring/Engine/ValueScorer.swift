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
public struct ValueScorer: Sendable {
    /// The model.
    public let model: ScoringModel

    /// Creates a scorer (the model was validated when it was created).
    public init(model: ScoringModel) { self.model = model }

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
    ///   indicator and per indicator scored at the median when missing.
    public func score(table: IndicatorTable) throws(ScoringInputError) -> ScoreBook {
        let population = try ScoringPopulation(model: model, table: table)
        let (totals, dimensions) = population.scoreAll()
        return ScoreBook(population: population, table: table, totals: totals, dimensions: dimensions)
    }
}
