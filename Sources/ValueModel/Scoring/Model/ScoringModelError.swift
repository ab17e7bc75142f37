public import CustomerModel

/// A scoring model was rejected: what is wrong, where (the JSON line and column and a path such as
/// `indicators[3].weight`), and a suggestion when a name looks like a typo.
///
/// Models built in code have no line or column; the path still names the field. Match on
/// ``code``; the wording of ``description`` may change.
///
/// ```swift
/// do { model = try ScoringModel(json: text) }
/// catch { print(error) }  // line 14, column 17: indicators[3].weight: the weight must not be negative, not -0.1
/// ```
public struct ScoringModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The text is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")
        /// A required field is absent (`version`, `weight` ...).
        public static let missingField = Code("missingField")
        /// A field holds the wrong kind of value (a string where a number belongs).
        public static let wrongType = Code("wrongType")
        /// An object has a field the format does not define (often a typo).
        public static let unknownField = Code("unknownField")
        /// A field is empty or malformed (an empty id, a currency that is not ISO 4217).
        public static let invalidValue = Code("invalidValue")
        /// The indicator is not in the ``IndicatorCatalogue``.
        public static let unknownIndicator = Code("unknownIndicator")
        /// The indicator exists but not for the model's kind of client.
        public static let indicatorNotForSubject = Code("indicatorNotForSubject")
        /// The model lists an indicator twice.
        public static let duplicateIndicator = Code("duplicateIndicator")
        /// The name is not a ``ScoringDimension``.
        public static let unknownDimension = Code("unknownDimension")
        /// The dimension exists but not for the model's kind of client.
        public static let dimensionNotForSubject = Code("dimensionNotForSubject")
        /// The model lists a dimension twice.
        public static let duplicateDimension = Code("duplicateDimension")
        /// An indicator names a dimension the model gives no weight.
        public static let dimensionNotWeighted = Code("dimensionNotWeighted")
        /// A weighted dimension has no indicator.
        public static let dimensionWithoutIndicators = Code("dimensionWithoutIndicators")
        /// A weight is negative (or not a finite number).
        public static let negativeWeight = Code("negativeWeight")
        /// The dimension weights, or the indicator weights of one dimension, do not add up to 1
        /// (within 1e-9).
        public static let weightsDoNotAddUp = Code("weightsDoNotAddUp")
        /// Normalisation parameters are invalid (cap not above floor, a lookup value outside 0...1, an unknown kind).
        public static let invalidNormalisation = Code("invalidNormalisation")
        /// The normalisation does not suit the indicator's input (a lookup on an amount).
        public static let normalisationNotApplicable = Code("normalisationNotApplicable")
        /// A lookup table gives no value for a category of a closed list and has no default, or an
        /// open category's table has no default.
        public static let lookupMissingCategory = Code("lookupMissingCategory")
        /// A lookup table names a category the indicator cannot take.
        public static let unknownCategory = Code("unknownCategory")

        /// The code's name.
        public var description: String { name }
    }

    /// What is wrong.
    public var code: Code
    /// The field, from the model's root: `indicators[3].weight`, `dimensions`, `version`.
    public var path: JSONPath
    /// The line in the JSON text, from 1; `nil` for a model built in code.
    public var line: Int?
    /// The column in the JSON text (Unicode scalars), from 1; `nil` for a model built in code.
    public var column: Int?
    /// What is wrong and what is expected.
    public var message: String
    /// The closest known name, when a name looks like a typo.
    public var suggestion: String?

    /// Creates an error.
    public init(
        _ code: Code,
        path: JSONPath,
        line: Int? = nil,
        column: Int? = nil,
        _ message: String,
        suggestion: String? = nil
    ) {
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
    }

    /// The error placed at `position` in a JSON text (unchanged when the position is unknown).
    func located(at position: SourcePosition) -> ScoringModelError {
        guard position.isKnown else { return self }
        var copy = self
        copy.line = position.line
        copy.column = position.column
        return copy
    }

    /// `line 14, column 17: indicators[3].weight: message (did you mean 'x'?)`.
    public var description: String {
        var text = ""
        if let line, let column { text = "line \(line), column \(column): " }
        text += "\(path): \(message)"
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text
    }
}
