public import CustomerModel

/// One client's value score on one day, as the nightly scoring run recorded it: the input and
/// output of a ``ScoreHistoryStore``.
///
/// The key is (``customer``, ``day``, ``model``): recording the same key again with the same
/// content changes nothing, and with other content is a conflict unless the caller asks to
/// replace (see ``ScoreHistoryStore/record(_:replacing:in:)``). ``validate()`` states what a
/// record must satisfy; stores reject a batch holding an invalid record.
///
/// ```swift
/// let record = ScoreRecord(
///     customer: "C-1", day: today, model: ScoreModelVersion(id: "cvm-individual", version: "3"),
///     total: 72.5, dimensions: [80, 64.25, 55, 90.75], aum: Money(major: 5_200_000, currency: .cny),
///     rfm: ScoreRecord.RFMCell(recency: 5, frequency: 4, monetary: 5), churn: .low)
/// ```
public struct ScoreRecord: Hashable, Sendable, Codable {
    /// The most dimension scores a record may carry.
    public static let maximumDimensions = 16

    /// The client.
    public var customer: CustomerID
    /// The day the score is for (the as-of day of the scoring run).
    public var day: Day
    /// The model version that made the score.
    public var model: ScoreModelVersion
    /// The total score, 0 to 100.
    public var total: Double
    /// The dimension scores, 0 to 100 each, in the order the model lists its dimensions
    /// (current, potential, relationship, loyalty for the individual model).
    ///
    /// At most
    /// ``maximumDimensions``; may be empty.
    public var dimensions: [Double]
    /// Assets under management on ``day``; not negative.
    public var aum: Money
    /// The client's RFM cell on ``day``, if RFM was scored.
    public var rfm: RFMCell?
    /// The client's churn-risk level on ``day``, if churn was assessed.
    public var churn: ChurnLevel?

    /// Creates a record; stores call ``validate()`` on it.
    public init(
        customer: CustomerID,
        day: Day,
        model: ScoreModelVersion,
        total: Double,
        dimensions: [Double] = [],
        aum: Money,
        rfm: RFMCell? = nil,
        churn: ChurnLevel? = nil
    ) {
        self.customer = customer
        self.day = day
        self.model = model
        self.total = total
        self.dimensions = dimensions
        self.aum = aum
        self.rfm = rfm
        self.churn = churn
    }

    /// Checks the record: a customer id and a model id and version that are not empty, a finite
    /// total and dimension scores within 0 to 100, at most ``maximumDimensions`` dimensions, an AUM
    /// that is not negative, and RFM scores within 1 to 5.
    /// - Throws: ``/CustomerModel/ValueError`` naming the field (`customer`, `model.id`,
    ///   `model.version`, `total`, `dimensions[2]`, `aum`, `rfm.recency`...).
    public func validate() throws(ValueError) {
        if customer.rawValue.isEmpty { throw ValueError(field: "customer", "customer id is empty") }
        if model.id.isEmpty { throw ValueError(field: "model.id", "model id is empty") }
        if model.version.isEmpty { throw ValueError(field: "model.version", "model version is empty") }
        if !Self.isScore(total) { throw ValueError(field: "total", "total must be a finite score from 0 to 100") }
        if dimensions.count > Self.maximumDimensions {
            throw ValueError(
                field: "dimensions",
                "\(dimensions.count) dimensions; at most \(Self.maximumDimensions) are kept"
            )
        }
        for index in dimensions.indices where !Self.isScore(dimensions[index]) {
            throw ValueError(field: "dimensions[\(index)]", "a dimension score must be finite and from 0 to 100")
        }
        if aum.minorUnits < 0 { throw ValueError(field: "aum", "AUM must not be negative") }
        if let rfm {
            if !(1...5).contains(rfm.recency) {
                throw ValueError(field: "rfm.recency", "an RFM score must be from 1 to 5")
            }
            if !(1...5).contains(rfm.frequency) {
                throw ValueError(field: "rfm.frequency", "an RFM score must be from 1 to 5")
            }
            if !(1...5).contains(rfm.monetary) {
                throw ValueError(field: "rfm.monetary", "an RFM score must be from 1 to 5")
            }
        }
    }

    private static func isScore(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= 100 }
}

extension ScoreRecord {
    /// A client's RFM cell: recency, frequency and monetary quintile scores, 1 (lowest) to 5 (best).
    public struct RFMCell: Hashable, Sendable, Codable, CustomStringConvertible {
        /// Recency score, 1 to 5 (5: bought most recently).
        public var recency: Int
        /// Frequency score, 1 to 5.
        public var frequency: Int
        /// Monetary score, 1 to 5.
        public var monetary: Int

        /// Creates a cell; ``ScoreRecord/validate()`` checks the range.
        public init(recency: Int, frequency: Int, monetary: Int) {
            self.recency = recency
            self.frequency = frequency
            self.monetary = monetary
        }

        /// `R5F4M5`.
        public var description: String { "R\(recency)F\(frequency)M\(monetary)" }
    }

    /// How likely a client is to leave, as the churn assessment graded it.
    public enum ChurnLevel: Int, Hashable, Comparable, Sendable, Codable, CaseIterable, CustomStringConvertible {
        /// No churn signal.
        case none = 0
        /// Weak signals: watch.
        case low = 1
        /// Several or stronger signals: the RM should act.
        case medium = 2
        /// Strong signals: act now.
        case high = 3

        /// Orders from ``none`` to ``high``.
        public static func < (lhs: ChurnLevel, rhs: ChurnLevel) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The level's name.
        public var description: String {
            switch self {
            case .none: "none"
            case .low: "low"
            case .medium: "medium"
            case .high: "high"
            }
        }
    }
}
