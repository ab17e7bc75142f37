import CustomerModel

/// One token of rule text with its place.
struct Token: Hashable, Sendable {
    /// What the token is.
    var kind: Kind
    /// Where it is.
    var range: SourceRange

    /// Creates a token.
    init(_ kind: Kind, at range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The kinds of token.
    enum Kind: Hashable, Sendable {
        /// A word or dotted fact path: `rule`, `tier`, `aum.change`, `transaction.amount`.
        ///
        /// Keywords are words too; the parser reads them by context, so only a handful are reserved
        /// (see ``Lexer/reservedWords``).
        case word(String)
        /// A number, possibly with a magnitude: `42`, `1.5`, `200k`, `1.5m`, `2bn`.
        case number(NumberLiteral)
        /// A percentage: `20%`, `2.5%` (the sign is a separate `-`).
        case percent(NumberLiteral)
        /// A duration: `15d`, `2w`, `3mo`, `1y`, `10bd`.
        case duration(DurationLiteral)
        /// A date: `2026-01-31`.
        case date(Day)
        /// A time of day: `08:30`, in minutes after midnight.
        case time(minutes: Int)
        /// A string, split into literal text and `{placeholder}` parts.
        case string([StringPart])
        /// Punctuation or an operator.
        case symbol(Symbol)
        /// A token the lexer could not read; a diagnostic was reported for it.
        case invalid
        /// The end of the text.
        case endOfText
    }
}

/// Punctuation and operators.
enum Symbol: String, Hashable, Sendable, CaseIterable {
    /// `(`
    case leftParen = "("
    /// `)`
    case rightParen = ")"
    /// `[`
    case leftBracket = "["
    /// `]`
    case rightBracket = "]"
    /// `,`
    case comma = ","
    /// `:`
    case colon = ":"
    /// `+`
    case plus = "+"
    /// `-`
    case minus = "-"
    /// `*`
    case star = "*"
    /// `/`
    case slash = "/"
    /// `=` (also written `==`)
    case equal = "="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
}

/// One part of a string literal: literal text, or a `{placeholder}` expression with its place.
enum StringPart: Hashable, Sendable {
    /// Literal text (escapes already resolved).
    case text(String)
    /// The source of a placeholder expression (between the braces) and the position of its first character.
    case placeholder(String, at: SourcePosition)
}
