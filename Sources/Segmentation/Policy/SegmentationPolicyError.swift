/// A segmentation policy was rejected: every problem found, each with its path in the policy
/// (`ladders[0].tiers[2].criteria[1].entry`), its line and column in the policy's JSON text when
/// it came from one, and the closest known name when one looks like a typo.
///
/// Messages name fields and facts, never a client's value. Match on ``PolicyProblem/code``; the
/// wording may change.
public struct SegmentationPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in the order of the policy.
    public var problems: [PolicyProblem]

    /// Creates an error of `problems`.
    public init(_ problems: [PolicyProblem]) { self.problems = problems }

    /// Creates an error of one problem.
    public init(_ problem: PolicyProblem) { problems = [problem] }

    /// The first problem's code.
    public var code: PolicyProblem.Code? { problems.first?.code }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// One problem in a segmentation policy.
public struct PolicyProblem: Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    ///
    /// New codes may be added; do not switch exhaustively over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// The text is not JSON.
        public static let invalidJSON = Code("invalid-json")
        /// A required field is missing.
        public static let missingField = Code("missing-field")
        /// A field has the wrong type.
        public static let wrongType = Code("wrong-type")
        /// A field the policy format does not know (a typo).
        public static let unknownField = Code("unknown-field")
        /// A ladder or tier the policy names is not known.
        public static let unknownTier = Code("unknown-tier")
        /// The tiers are not the ladder's, lowest first, or the lowest has criteria.
        public static let tierOrder = Code("tier-order")
        /// A name is empty or not a rule word.
        public static let invalidName = Code("invalid-name")
        /// A name is given twice.
        public static let duplicateName = Code("duplicate-name")
        /// A threshold is not a decimal, or the keep threshold is above the entry threshold.
        public static let invalidThreshold = Code("invalid-threshold")
        /// A condition does not compile in the rule condition language.
        public static let condition = Code("condition")
        /// The code's name.
        public var description: String { name }
    }

    /// The kind of problem.
    public var code: Code
    /// Where in the policy (`segments[3].condition`).
    public var path: String
    /// The line in the policy's JSON text, when known.
    public var line: Int?
    /// The column in the policy's JSON text, when known.
    public var column: Int?
    /// For a condition, the column inside the condition's text (from 1).
    public var conditionColumn: Int?
    /// What is wrong.
    public var message: String
    /// The closest known name, when the problem looks like a typo.
    public var suggestion: String?

    /// Creates a problem.
    public init(
        _ code: Code,
        path: String,
        line: Int? = nil,
        column: Int? = nil,
        conditionColumn: Int? = nil,
        _ message: String,
        suggestion: String? = nil
    ) {
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.conditionColumn = conditionColumn
        self.message = message
        self.suggestion = suggestion
    }

    /// `3:17: condition: ladders[0].tiers[1].criteria[0].entry: unknown fact 'aum.chnage' (did you mean 'aum.change'?)`.
    public var description: String {
        var text = ""
        if let line, let column { text += "\(line):\(column): " }
        text += "\(code): \(path.isEmpty ? "policy" : path): \(message)"
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text
    }
}
