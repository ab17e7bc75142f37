import CustomerModel

/// An expression of the rule language as written, with its place: a literal, a fact, a call, an
/// operator.
///
/// The type checker turns it into a typed, checked form.
struct Expression: Hashable, Sendable {
    /// What the expression is.
    var kind: Kind
    /// Where it is written.
    var range: SourceRange

    /// Creates an expression.
    init(_ kind: Kind, at range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The forms of expression.
    indirect enum Kind: Hashable, Sendable {
        /// A plain number: `3`, `1.5`, `200k` (an amount without currency).
        case number(NumberLiteral)
        /// Money with its currency: `5m CNY`.
        case money(NumberLiteral, currency: String)
        /// A percentage: `20%` (the minus of `-20%` is a ``UnaryOperator/negate``).
        case percent(NumberLiteral)
        /// A duration: `30d`, `3mo`, `10bd`.
        case duration(DurationLiteral)
        /// A date: `2026-01-31`.
        case date(Day)
        /// A time of day, minutes after midnight.
        case time(minutes: Int)
        /// A string, possibly with `{placeholder}` expressions.
        case string(StringTemplate)
        /// `true` or `false`.
        case boolean(Bool)
        /// A fact path (`aum`, `transaction.amount`) or an enumeration value (`core`, `outflow`).
        case name(String)
        /// Words inside `days_since(...)` and `days_until(...)`: `last transaction`, `birthday in household`.
        case phrase([String])
        /// A call: `aum.change(30d)`, `sum(transactions where direction = outflow, 30d)`.
        case call(String, calleeRange: SourceRange, arguments: [Argument])
        /// A list: `[core, key]`.
        case list([Expression])
        /// A prefix operator: `-x`, `not x`.
        case unary(UnaryOperator, Expression)
        /// An infix operator.
        case binary(BinaryOperator, Expression, Expression)
        /// `x in list` or `x not in list` (the list may be a tag set: `"vip" in tags`).
        case membership(Expression, Expression, negated: Bool)
        /// `x is missing` or `x is not missing`.
        case isMissing(Expression, negated: Bool)
        /// Text that did not parse; a diagnostic was reported for it already.
        case invalid
    }

    /// One argument of a call: an optional label (`product: maturity.product`), the value and
    /// an optional row filter (`transactions where type = deposit`).
    struct Argument: Hashable, Sendable {
        /// The label, if written.
        var label: String?
        /// The value.
        var value: Expression
        /// The `where` condition, if written.
        var filter: Expression?
        /// The whole argument.
        var range: SourceRange

        /// Creates an argument.
        init(label: String? = nil, value: Expression, filter: Expression? = nil, range: SourceRange) {
            self.label = label
            self.value = value
            self.filter = filter
            self.range = range
        }
    }
}

/// A string with `{placeholder}` expressions, as in `"AUM of {name} fell {aum.change(30d)}"`.
struct StringTemplate: Hashable, Sendable {
    /// A piece of the template.
    enum Part: Hashable, Sendable {
        /// Literal text.
        case text(String)
        /// A placeholder expression.
        case expression(Expression)
    }

    /// The pieces in order.
    var parts: [Part]

    /// Creates a template.
    init(parts: [Part]) { self.parts = parts }

    /// The text when the template has no placeholders.
    var plainText: String? {
        var text = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            text += t
        }
        return text
    }
}

/// Prefix operators.
enum UnaryOperator: String, Hashable, Sendable {
    /// Arithmetic negation `-`.
    case negate = "-"
    /// Boolean `not`.
    case not
}

/// Infix operators.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"
    /// `=`
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
    /// `and`
    case and
    /// `or`
    case or

    /// Whether the operator compares two values.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    /// Whether the operator is arithmetic.
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: true
        default: false
        }
    }
}
