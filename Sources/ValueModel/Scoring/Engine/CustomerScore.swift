public import CustomerModel

/// One client's value score with its explanation: the model version, the 0-100 total, each
/// dimension's 0-100 score and its contribution to the total, and each indicator's raw input,
/// normalised value, weight and points.
///
/// **The numbers add up exactly as printed.** Everything is computed in `Double` and then rounded
/// to hundredths of a point by largest-remainder apportionment: a dimension's score is its exact
/// value rounded half up to hundredths, and its indicators' points (each the indicator's share
/// `100 × effective weight × normalised value`) are rounded so that they add up to exactly that
/// score; the total is the exact weighted sum of the exact dimension scores rounded half up to hundredths,
/// and the dimensions' contributions (`weight × dimension score`) are rounded so that they add up
/// to exactly the total. Floors first, then one hundredth each to the largest remainders, ties to
/// the earlier item. So an RM who adds the printed points of a dimension gets its printed score,
/// and who adds the printed contributions gets the printed total.
///
/// The ``explanation`` text holds the client's figures (amounts, ratings): it is personal data,
/// for the client's RM, not for logs.
public struct CustomerScore: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// The model and version that produced the score.
    public var model: ScoringModelReference
    /// The currency of the amounts among the raw inputs.
    public var currency: CurrencyCode
    /// The total, 0-100.
    public var total: ScorePoints
    /// Each dimension of the model, in model order.
    public var dimensions: [DimensionScore]

    /// The score of `dimension`, if the model has it.
    public func dimension(_ dimension: ScoringDimension) -> DimensionScore? {
        dimensions.first { $0.dimension == dimension }
    }

    /// The contribution of `indicator`, if the model has it.
    public func contribution(of indicator: IndicatorID) -> IndicatorContribution? {
        for dimension in dimensions {
            if let found = dimension.indicators.first(where: { $0.indicator == indicator }) { return found }
        }
        return nil
    }
}

/// One dimension of a ``CustomerScore``.
public struct DimensionScore: Hashable, Sendable {
    /// The dimension.
    public var dimension: ScoringDimension
    /// Its weight in the total.
    public var weight: Double
    /// Its score, 0-100: the sum of its indicators' ``IndicatorContribution/points``.
    public var score: ScorePoints
    /// What it adds to the total (about `weight × score`); the dimensions' contributions add up to
    /// the total.
    public var contribution: ScorePoints
    /// Its indicators, in model order.
    public var indicators: [IndicatorContribution]
    /// Whether any indicator counted (`false` when every one was missing and redistributed, and
    /// the dimension scored 0 for lack of data).
    public var hasData: Bool
}

/// One indicator's part in a ``DimensionScore``.
public struct IndicatorContribution: Hashable, Sendable {
    /// How the indicator entered the score.
    public enum Treatment: Hashable, Sendable {
        /// The client has a value.
        case present
        /// The client has no value; the model's rule for missing data applied.
        case missing(MissingDataRule)
    }

    /// The indicator.
    public var indicator: IndicatorID
    /// The raw input (an amount in major units, a count, a category ...), `nil` when missing.
    public var raw: IndicatorValue?
    /// What the raw input is.
    public var input: IndicatorInputKind
    /// The normalised value 0...1 after direction (for a missing value: 0 or the population
    /// median per the rule); `nil` when the indicator dropped out (redistributed).
    public var normalised: Double?
    /// The weight the model gives the indicator within its dimension.
    public var weight: Double
    /// The weight it actually had after redistribution (0 when it dropped out).
    public var effectiveWeight: Double
    /// Its points within the dimension's 0-100 score.
    public var points: ScorePoints
    /// Present, or which missing-data rule applied.
    public var treatment: Treatment
}
