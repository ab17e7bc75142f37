/// A tier ladder was rejected: what is wrong, where (a path such as `tiers[2].minimumAUM` and,
/// for JSON, the line and column) and the closest known name when one looks like a typo.
///
/// Match on ``code``; the wording of ``description`` may change.
public struct TierLadderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    ///
    /// New codes may be added; do not switch exhaustively over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The text is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")
        /// A required field is absent.
        public static let missingField = Code("missingField")
        /// A field holds the wrong kind of value.
        public static let wrongType = Code("wrongType")
        /// An object has a field the format does not define (often a typo).
        public static let unknownField = Code("unknownField")
        /// The ladder has no tier.
        public static let empty = Code("empty")
        /// Two tiers share an id (in one ladder, or across the ladders of one rule set).
        public static let duplicateTier = Code("duplicateTier")
        /// An id is not lower-case letters, digits and `_` starting with a letter, or a name is empty.
        public static let invalidName = Code("invalidName")
        /// A tier's thresholds are below the tier beneath it, or equal to them in both.
        public static let thresholdsNotAscending = Code("thresholdsNotAscending")
        /// The tiers' AUM thresholds are in different currencies.
        public static let mixedCurrency = Code("mixedCurrency")
        /// A threshold is out of range (a negative amount, a score outside 0...100).
        public static let invalidThreshold = Code("invalidThreshold")

        /// The code's name.
        public var description: String { name }
    }

    /// What is wrong.
    public var code: Code
    /// The field, from the ladder's root: `tiers[2].id`, `name`.
    public var path: String
    /// The line in the JSON text, from 1; `nil` for a ladder built in code.
    public var line: Int?
    /// The column in the JSON text, from 1; `nil` for a ladder built in code.
    public var column: Int?
    /// What is wrong and what is expected.
    public var message: String
    /// The closest known name, when a name looks like a typo.
    public var suggestion: String?

    /// Creates an error.
    public init(
        _ code: Code,
        path: String,
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

    /// `line 4, column 12: tiers[1].id: ... (did you mean 'minimumAUM'?)`.
    public var description: String {
        let place = line.map { "line \($0), column \(column ?? 0): " } ?? ""
        return "\(place)\(path): \(message)\(suggestion.map { " (did you mean '\($0)'?)" } ?? "")"
    }
}
