import CustomerModel

/// A type-checked expression: every name resolved to a fact key or a constant, every operation
/// resolved to the representation it runs on.
///
/// The compiler lowers it to instructions.
struct Checked: Hashable, Sendable {
    var op: Op
    var type: FactType
    var range: SourceRange

    init(_ op: Op, _ type: FactType, _ range: SourceRange) {
        self.op = op
        self.type = type
        self.range = range
    }

    /// A constant value.
    enum Constant: Hashable, Sendable {
        case int(Int64)
        case double(Double)
        case bool(Bool)
        case text(String)
    }

    /// How an arithmetic operation computes.
    enum Arithmetic: Hashable, Sendable {
        /// Both operands and the result are `Int64` (money, counts, days); overflow gives missing.
        case int
        /// Both operands and the result are `Double`.
        case double
        /// Money (int) times or divided by a double, rounded to the minor unit.
        case scaleMoney
        /// Int divided by int giving a double (money / money is a percentage, count / count a number).
        case ratio
    }

    indirect enum Op: Hashable, Sendable {
        case constant(Constant)
        /// A duration literal, turned into days back from the evaluation day when evaluated.
        case durationDays(DurationLiteral)
        /// The evaluation day.
        case today
        /// A value read from the fact frame.
        case fact(FactKey)
        /// A field of an activity row (only inside `where`).
        case rowField(RowField)
        case negate(Checked)
        /// A day moved by a written duration: calendar months and years, business days of the calendar.
        case shiftDay(Checked, DurationLiteral, backwards: Bool)
        case arithmetic(BinaryOperator, Checked, Checked, Arithmetic)
        /// An int value read as a double.
        case toDouble(Checked)
        case compare(BinaryOperator, Checked, Checked)
        case member(Checked, [Constant], negated: Bool)
        case hasTag(Checked, String, negated: Bool)
        case isMissing(Checked, negated: Bool)
        case and(Checked, Checked)
        case or(Checked, Checked)
        case not(Checked)
    }

    var constant: Constant? {
        if case .constant(let c) = op { return c }
        return nil
    }

    /// Sub-expressions, for walks.
    var children: [Checked] {
        switch op {
        case .negate(let a), .toDouble(let a), .not(let a), .shiftDay(let a, _, _): [a]
        case .member(let a, _, _), .hasTag(let a, _, _), .isMissing(let a, _): [a]
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): [a, b]
        default: []
        }
    }
}

/// A checked message template: literal text and checked placeholder expressions.
struct CheckedTemplate: Hashable, Sendable {
    enum Part: Hashable, Sendable {
        case text(String)
        case value(Checked, source: String)
    }

    var parts: [Part]
}

/// A checked action, before compilation of its placeholders and parameters.
enum CheckedAction: Sendable {
    case notify(recipient: Recipient, channel: NotificationChannel, message: CheckedTemplate?)
    case task(recipient: Recipient, title: CheckedTemplate, due: DurationLiteral?)
    case openProcess(name: String, parameters: [(label: String, value: Checked, source: String)])
    case addTag(String, expiresAfter: DurationLiteral?)
    case removeTag(String)
    case flag(String)
}

/// A key that makes two firings "the same cause" for de-duplication.
enum CheckedDedupeKey: Hashable, Sendable {
    case client
    case value(Checked, source: String)
}

/// A rule after type checking.
struct CheckedRule: Sendable {
    var name: String
    var nameRange: SourceRange
    var range: SourceRange
    var version: Int
    var owner: String?
    var priority: Int
    var effectiveFrom: Day?
    var effectiveUntil: Day?
    var trigger: RuleTrigger
    var tierChange: TierChangeFilter?
    var condition: Checked?
    var conditionSource: String?
    var actions: [CheckedAction]
    var cooldown: DurationLiteral?
    var dedupe: [CheckedDedupeKey]
    var order: Int
}
