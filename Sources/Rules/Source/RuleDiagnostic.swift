import CustomerModel

/// One problem found in rule text, with its place and a message a business user can act on.
///
/// Match on ``code``; the message wording may change between releases. Messages name facts,
/// rules and values written in the rule text, never a client's data.
///
/// ```swift
/// do { _ = try RuleCompiler().compile(text, file: "alerts.rules") }
/// catch { for d in error.diagnostics { print(d) } }   // alerts.rules:3:9: error: unknown fact ...
/// ```
public struct RuleDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of a problem.
    ///
    /// New codes may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, as printed.
        public let name: String
        private init(_ name: String) { self.name = name }

        /// A character or literal the lexer cannot read (bad number, unterminated string, bad date).
        public static let invalidToken = Code("invalid-token")
        /// The text does not follow the grammar (a missing `end`, an unexpected word).
        public static let syntax = Code("syntax")
        /// A rule clause written twice, or a required clause (`when`, `then`) missing.
        public static let clause = Code("clause")
        /// The same rule name used twice in one rule set.
        public static let duplicateRule = Code("duplicate-rule")
        /// A rule larger or deeper than the compiler accepts.
        public static let tooComplex = Code("too-complex")
        /// A fact name the catalogue does not know.
        public static let unknownFact = Code("unknown-fact")
        /// A fact that only exists for another trigger (`transaction.amount` in a daily rule).
        public static let factNotAvailable = Code("fact-not-available")
        /// Values of types that do not go together (money compared with a date, a percentage where a count is wanted).
        public static let typeMismatch = Code("type-mismatch")
        /// Money of different currencies in one comparison or sum.
        public static let currencyMismatch = Code("currency-mismatch")
        /// An enumeration value the fact does not have.
        public static let unknownValue = Code("unknown-value")
        /// A function or aggregate called with the wrong arguments.
        public static let arguments = Code("arguments")
        /// A function, aggregate or action name that does not exist.
        public static let unknownFunction = Code("unknown-function")
        /// A trigger that is not well formed (an unknown event, a bad schedule or offset).
        public static let trigger = Code("trigger")
        /// A recipient role the rule language does not know.
        public static let unknownRole = Code("unknown-role")
        /// A notification channel the rule language does not know.
        public static let unknownChannel = Code("unknown-channel")
        /// A message template with a bad placeholder.
        public static let template = Code("template")
        /// A text, rule count or word longer than the compiler's ``RuleTextLimits`` allow, too many
        /// problems to report, or bytes that are not UTF-8.
        public static let limit = Code("limit")

        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// Where it is.
    public var range: SourceRange
    /// What is wrong and how to fix it.
    public var message: String
    /// The file the text came from, if the caller named one.
    public var file: String?

    /// Creates a diagnostic.
    public init(_ code: Code, at range: SourceRange, _ message: String, file: String? = nil) {
        self.code = code
        self.range = range
        self.message = message
        self.file = file
    }

    /// The line of the start, from 1.
    public var line: Int { range.start.line }
    /// The column of the start, from 1.
    public var column: Int { range.start.column }

    /// `file:line:column: error: message` (the file part only when known).
    public var description: String {
        "\(file.map { "\($0):" } ?? "")\(range.start.line):\(range.start.column): error: \(message)"
    }
}

/// Every problem found in a rule text.
///
/// Compiling reports all of them at once, in text order,
/// not just the first.
public struct RuleCompileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, sorted by position.
    public var diagnostics: [RuleDiagnostic]

    /// Creates an error from diagnostics (sorted by position).
    public init(_ diagnostics: [RuleDiagnostic]) {
        self.diagnostics = diagnostics.sorted {
            ($0.range.start.offset, $0.message) < ($1.range.start.offset, $1.message)
        }
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
