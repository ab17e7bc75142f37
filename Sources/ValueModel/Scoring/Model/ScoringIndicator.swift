/// One indicator of a scoring model: which input, in which dimension, with what weight, how it is
/// normalised, which way is better, and what happens when a client has no value.
public struct ScoringIndicator: Hashable, Sendable {
    /// The indicator (a name in the ``IndicatorCatalogue``).
    public var id: IndicatorID
    /// The dimension it counts toward.
    public var dimension: ScoringDimension
    /// Its weight within the dimension; the weights of a dimension's indicators add up to 1.
    public var weight: Double
    /// How the raw input becomes 0...1.
    public var normalisation: Normalisation
    /// Whether more is better or worse.
    public var direction: IndicatorDirection
    /// What a missing value scores.
    public var missing: MissingDataRule

    /// Creates an indicator; ``ScoringModel``'s initialiser validates it.
    public init(
        _ id: IndicatorID,
        dimension: ScoringDimension,
        weight: Double,
        normalisation: Normalisation,
        direction: IndicatorDirection = .higherIsBetter,
        missing: MissingDataRule
    ) {
        self.id = id
        self.dimension = dimension
        self.weight = weight
        self.normalisation = normalisation
        self.direction = direction
        self.missing = missing
    }
}

/// A dimension of a scoring model and its weight in the total; the weights add up to 1.
public struct DimensionWeight: Hashable, Sendable {
    /// The dimension.
    public var dimension: ScoringDimension
    /// Its weight in the total score.
    public var weight: Double

    /// Creates a weighted dimension.
    public init(_ dimension: ScoringDimension, _ weight: Double) {
        self.dimension = dimension
        self.weight = weight
    }
}
