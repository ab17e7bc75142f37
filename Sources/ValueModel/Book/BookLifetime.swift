public import CustomerModel

/// What the BG/NBD transaction model says about a book: the fitted parameters and, for each client
/// with at least one purchase, the probability of still being active and the expected number of
/// transactions over the coming horizon.
///
/// Purchases are the rows of the scoring job's activity selection (its currency and transaction
/// types) on or before the scoring day, counted per day, in weeks.
public struct BookLifetime: Sendable {
    /// The fit: parameters and the maximum-likelihood report (check ``BGNBDFit/report``'s `converged`).
    public let fit: BGNBDFit
    /// The horizon of ``expectedTransactions``, in days.
    public let horizonDays: Int
    /// The summaries the model was fitted on (clients with at least one purchase, in dense order).
    public let summaries: CustomerSummaries
    /// Each summarised client's probability of still being active, in ``summaries`` order.
    public let probabilityAlive: [Double]
    /// Each summarised client's expected transactions over the horizon, in ``summaries`` order.
    public let expectedTransactions: [Double]
    private let index: [CustomerID: Int32]

    init(fit: BGNBDFit, horizonDays: Int, summaries: CustomerSummaries, alive: [Double], expected: [Double]) {
        self.fit = fit
        self.horizonDays = horizonDays
        self.summaries = summaries
        probabilityAlive = alive
        expectedTransactions = expected
        var index: [CustomerID: Int32] = [:]
        index.reserveCapacity(summaries.count)
        for (i, id) in summaries.customers.enumerated() { index[id] = Int32(i) }
        self.index = index
    }

    /// Fits the model on the selected rows of `columns` up to `asOf` and predicts every client.
    /// - Throws: ``LifetimeValueError`` from the summary builder, the fit or the predictions.
    static func run(
        columns: TransactionColumns,
        asOf: Day,
        selection: TransactionSelection,
        horizonDays: Int
    ) throws(LifetimeValueError) -> BookLifetime {
        let summaries = try CustomerSummaries(
            columns: columns,
            calibrationEnd: asOf,
            timeUnit: .weeks,
            selection: selection
        )
        let fit = try BGNBDModel.fit(summaries)
        let horizon = Double(horizonDays) / 7
        let expected = try fit.parameters.expectedTransactions(in: horizon, summaries)
        let alive = fit.parameters.probabilityAlive(summaries)
        return BookLifetime(
            fit: fit,
            horizonDays: horizonDays,
            summaries: summaries,
            alive: alive,
            expected: expected
        )
    }

    /// The probability that `customer` is still active and their expected transactions over the
    /// horizon, or `nil` for a client without purchases.
    public func prediction(for customer: CustomerID) -> (probabilityAlive: Double, expectedTransactions: Double)? {
        guard let i = index[customer] else { return nil }
        return (probabilityAlive[Int(i)], expectedTransactions[Int(i)])
    }

    /// The expected transactions of the whole book over the horizon.
    public var expectedBookTransactions: Double { expectedTransactions.reduce(0, +) }
}
