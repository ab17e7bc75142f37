/// How an indicator's raw input becomes a value from 0 to 1 before weighting.
///
/// - ``percentileRank``: the share of the scored population below the client, ties at their mean
///   rank: `(rank − 1) / (n − 1)` where rank is the mean 1-based rank of the client's value among
///   the `n` present values (so the lowest distinct value scores 0, the highest 1, and a value
///   shared by everyone 0.5). Deterministic: equal inputs always get equal ranks.
/// - ``cappedMinMax(floor:cap:)``: `(x − floor) / (cap − floor)`, clamped to 0...1.
/// - ``logScale(floor:cap:)``: for amounts spread over orders of magnitude:
///   `(ln(1 + x) − ln(1 + floor)) / (ln(1 + cap) − ln(1 + floor))`, clamped to 0...1 (negative
///   inputs count as 0).
/// - ``lookup(_:)``: a value per category (life stage, position, industry outlook, credit rating,
///   lifecycle stage) or per whole rating (ESG grade 1-5).
/// - ``expertRating(_:)``: a qualitative judgement on a 1-5 scale (`(x − 1) / 4`) or 0-100 (`x / 100`).
public enum Normalisation: Hashable, Sendable {
    /// Percentile rank in the scored population, ties at their mean rank.
    case percentileRank
    /// Linear between an explicit floor and cap, clamped.
    case cappedMinMax(floor: Double, cap: Double)
    /// Logarithmic (`ln(1 + x)`) between a floor (often 0) and a cap, clamped.
    case logScale(floor: Double, cap: Double)
    /// A table of values per category.
    case lookup(LookupTable)
    /// An expert rating on a fixed scale.
    case expertRating(ExpertScale)

    /// The name used in model files: `percentileRank`, `cappedMinMax`, `logScale`, `lookup`, `expertRating`.
    public var kindName: String {
        switch self {
        case .percentileRank: "percentileRank"
        case .cappedMinMax: "cappedMinMax"
        case .logScale: "logScale"
        case .lookup: "lookup"
        case .expertRating: "expertRating"
        }
    }

    /// The kind names, for messages and suggestions.
    public static let kindNames = ["percentileRank", "cappedMinMax", "logScale", "lookup", "expertRating"]
}

/// The scale of an expert rating.
public enum ExpertScale: String, Hashable, Sendable, CaseIterable {
    /// Whole or fractional ratings from 1 (weak) to 5 (excellent).
    case oneToFive
    /// Ratings from 0 to 100.
    case zeroToHundred

    /// The lowest rating.
    public var lowest: Double { self == .oneToFive ? 1 : 0 }
    /// The highest rating.
    public var highest: Double { self == .oneToFive ? 5 : 100 }
}

/// A lookup normalisation's table: a value from 0 to 1 for each category, and the value for
/// categories the table does not list.
///
/// Categories match without regard to case (`Founder` and `founder` are one category). For an
/// indicator whose categories are a closed list (``/CustomerModel/Position``, ``LifeStage``,
/// ``/CustomerModel/CreditRating``), the table must give every category a value or have a
/// ``defaultValue``; for an open category (occupation, industry) the default is required. For a
/// rating indicator the categories are the whole ratings (`"1"` to `"5"`), and a fractional
/// rating is rounded to the nearest whole one.
public struct LookupTable: Hashable, Sendable {
    /// One category and its value.
    public struct Entry: Hashable, Sendable {
        /// The category as written in the model.
        public var category: String
        /// Its value, 0...1.
        public var value: Double

        /// Creates an entry.
        public init(_ category: String, _ value: Double) {
            self.category = category
            self.value = value
        }
    }

    /// The categories and their values, in the order the model lists them.
    public var entries: [Entry]
    /// The value of any category not listed, if any.
    public var defaultValue: Double?

    /// Creates a table.
    public init(_ entries: [Entry], default defaultValue: Double? = nil) {
        self.entries = entries
        self.defaultValue = defaultValue
    }

    /// Creates a table from pairs in order.
    public init(_ pairs: KeyValuePairs<String, Double>, default defaultValue: Double? = nil) {
        self.init(pairs.map { Entry($0.key, $0.value) }, default: defaultValue)
    }

    /// The value for `category` (case-insensitive), else the default.
    public func value(for category: String) -> Double? {
        let key = category.lowercased()
        return entries.first { $0.category.lowercased() == key }?.value ?? defaultValue
    }
}

/// Whether a higher raw input is better or worse for the client's score.
public enum IndicatorDirection: String, Hashable, Sendable, CaseIterable {
    /// More is better (assets, income, satisfaction).
    case higherIsBetter
    /// More is worse (churn signals, industry rank): the normalised value is `1 − v`.
    case higherIsWorse
}

/// What a score does when a client has no value for an indicator.
///
/// Every indicator states its rule;
/// explanations say which rule applied.
public enum MissingDataRule: String, Hashable, Sendable, CaseIterable {
    /// The indicator scores 0 (no points), whatever its direction.
    case zero
    /// The indicator scores the population median of its normalised value among clients who
    /// have it (0 when nobody has it).
    case median
    /// The indicator drops out and its weight is shared among the present indicators of its
    /// dimension in proportion to their weights. A dimension whose every indicator drops out
    /// scores 0 and says so.
    case redistribute
}
