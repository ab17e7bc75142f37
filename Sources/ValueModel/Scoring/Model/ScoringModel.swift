public import CustomerModel

/// A versioned Customer Value Model: the dimensions and their weights, and each indicator with its
/// weight, normalisation, direction and missing-data rule.
///
/// A bank changes weights as its strategy changes, so a model is data: load it from JSON
/// (``init(json:)``), keep its text under version control, and every ``CustomerScore`` names the
/// ``id`` and ``version`` that produced it. The initialiser validates everything (known indicators
/// and dimensions for the ``subject``, no duplicates, non-negative weights that add up to 1 within
/// 1e-9, normalisation parameters, complete lookup tables), so a `ScoringModel` value is always
/// usable. ``defaultIndividual`` and ``defaultStrategicCorporate`` ship with the library.
///
/// ```swift
/// let model = try ScoringModel(json: String(decoding: fileBytes, as: UTF8.self))
/// let scorer = try ValueScorer(model: model)
/// ```
public struct ScoringModel: Hashable, Sendable {
    /// The model's name (`cvm-individual`).
    public let id: String
    /// The model's version (`2026.1`); required, so every score is traceable.
    public let version: String
    /// The kind of client scored.
    public let subject: CustomerKind
    /// The currency the amount parameters (floors and caps) are in; when set, a table in another
    /// currency is rejected.
    public let currency: CurrencyCode?
    /// A sentence on what the model is for.
    public let summary: String?
    /// The dimensions and their weights in the total, in the order explanations list them.
    public let dimensions: [DimensionWeight]
    /// The indicators, in the order explanations list them within their dimensions.
    public let indicators: [ScoringIndicator]

    /// The tolerance on weights adding up to 1.
    public static let weightTolerance = 1e-9

    /// Creates and validates a model.
    /// - Throws: ``ScoringModelError`` naming the field by its path (`indicators[3].weight`);
    ///   codes as listed on ``ScoringModelError/Code``.
    public init(
        id: String,
        version: String,
        subject: CustomerKind,
        currency: CurrencyCode? = nil,
        summary: String? = nil,
        dimensions: [DimensionWeight],
        indicators: [ScoringIndicator]
    ) throws(ScoringModelError) {
        self.id = id
        self.version = version
        self.subject = subject
        self.currency = currency
        self.summary = summary
        self.dimensions = dimensions
        self.indicators = indicators
        try validate()
    }

    /// The model's id and version, as scores carry them.
    public var reference: ScoringModelReference { ScoringModelReference(id: id, version: version) }

    /// The indicators of `dimension`, in model order.
    public func indicators(in dimension: ScoringDimension) -> [ScoringIndicator] {
        indicators.filter { $0.dimension == dimension }
    }

    /// The weight of `dimension` in the total, or `nil` when the model does not use it.
    public func weight(of dimension: ScoringDimension) -> Double? {
        dimensions.first { $0.dimension == dimension }?.weight
    }
}

/// The model a score came from: id and version.
public struct ScoringModelReference: Hashable, Sendable, CustomStringConvertible {
    /// The model's id.
    public var id: String
    /// The model's version.
    public var version: String

    /// Creates a reference.
    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }

    /// `cvm-individual@2026.1`.
    public var description: String { "\(id)@\(version)" }
}
