import CustomerModel

/// Resolves names against the fact catalogue and checks types, collecting every error.
///
/// Each check returns `nil` after reporting a diagnostic, and callers stay silent about a `nil`
/// operand, so one mistake gives one message rather than a cascade.
struct TypeChecker {
    let catalogue: FactCatalogue
    let source: String.UTF8View
    let sourceText: String
    var diagnostics: [RuleDiagnostic] = []
    /// The trigger family of the rule being checked (`nil` while its trigger is unknown: then
    /// trigger facts are not reported as unavailable).
    var scope: TriggerScope?
    /// The trigger as written, for messages.
    var triggerText = ""
    /// Set while checking an aggregate's `where` condition.
    var rowSource: ActivitySource?

    init(catalogue: FactCatalogue, source: String) {
        self.catalogue = catalogue
        self.sourceText = source
        self.source = source.utf8
    }

    /// The most problems reported; past it the checker stops (``stopped``).
    var maximumDiagnostics = Int.max
    /// Whether the checker has reported ``maximumDiagnostics`` problems and checks no further.
    var stopped: Bool { diagnostics.count >= maximumDiagnostics }
    /// Whether the stop has been reported.
    private var reportedStop = false

    mutating func error(_ code: RuleDiagnostic.Code, _ range: SourceRange, _ message: String) {
        guard !stopped else {
            stop(at: range)
            return
        }
        diagnostics.append(RuleDiagnostic(code, at: range, message))
    }

    /// Reports, once, that checking stopped at `range` because ``maximumDiagnostics`` problems were found.
    mutating func stop(at range: SourceRange) {
        guard !reportedStop else { return }
        reportedStop = true
        diagnostics.append(
            RuleDiagnostic(.limit, at: range, "more than \(maximumDiagnostics) problems; checking stopped here")
        )
    }

    /// The text of `range` as written, for messages.
    func text(_ range: SourceRange) -> String {
        let utf8 = source
        guard range.start.offset >= 0, range.end.offset <= utf8.count, range.start.offset <= range.end.offset else {
            return ""
        }
        let start = utf8.index(utf8.startIndex, offsetBy: range.start.offset)
        let end = utf8.index(utf8.startIndex, offsetBy: range.end.offset)
        return String(sourceText[start..<end])
    }

    // MARK: Expressions

    /// Checks `expression`; `hint` is the type expected by the context (the other side of a
    /// comparison, the left of `in`), used for enumeration values and bare numbers.
    mutating func check(_ expression: Expression, hint: FactType? = nil) -> Checked? {
        let range = expression.range
        switch expression.kind {
        case .invalid:
            return nil
        case .number(let n):
            return coerce(n, negative: false, to: hint ?? .number, range: range)
        case .money(let n, let code):
            guard let currency = CurrencyCode(code) else {
                error(.typeMismatch, range, "'\(code)' is not a currency code")
                return nil
            }
            guard let minor = n.scaled(by: 100) else {
                error(.typeMismatch, range, "the amount \(n) \(code) has more than two decimal places or is too large")
                return nil
            }
            return Checked(.constant(.int(minor)), .money(currency), range)
        case .percent(let p):
            return Checked(.constant(.double(p.doubleValue / 100)), .percent, range)
        case .duration(let d):
            return Checked(.durationDays(d), .duration, range)
        case .date(let d):
            return Checked(.constant(.int(Int64(d.number))), .day, range)
        case .time:
            error(.typeMismatch, range, "a time of day is only used after 'at' in a trigger")
            return nil
        case .string(let template):
            guard let text = template.plainText else {
                error(.template, range, "{placeholders} are filled only in action messages, not in conditions")
                return nil
            }
            // An enumeration value may be quoted: tier >= "platinum", churn.risk = "high".
            if case .enumeration(let e)? = hint { return enumerationValue(text, of: e, range: range) }
            return Checked(.constant(.text(text)), .text, range)
        case .boolean(let b):
            return Checked(.constant(.bool(b)), .bool, range)
        case .name(let name):
            return resolve(name, hint: hint, range: range)
        case .phrase:
            error(.syntax, range, "words such as these are only understood inside days_since(...) and days_until(...)")
            return nil
        case .call(let name, let calleeRange, let arguments):
            return call(name, calleeRange: calleeRange, arguments: arguments, range: range)
        case .list:
            error(.typeMismatch, range, "a list in brackets is only used after 'in', as in tier in [core, key]")
            return nil
        case .unary(.negate, let operand):
            if case .number(let n) = operand.kind {
                return coerce(n, negative: true, to: hint ?? .number, range: range)
            }
            guard let value = check(operand, hint: hint) else { return nil }
            return negate(value, range: range)
        case .unary(.not, let operand):
            guard let value = condition(operand) else { return nil }
            if case .constant(.bool(let b)) = value.op { return Checked(.constant(.bool(!b)), .bool, range) }
            return Checked(.not(value), .bool, range)
        case .binary(let op, let left, let right):
            if op == .and || op == .or {
                let l = condition(left)
                let r = condition(right)
                guard let l, let r else { return nil }
                return Checked(op == .and ? .and(l, r) : .or(l, r), .bool, range)
            }
            // A bare number next to money is money in + and - and comparisons, but a factor in * and /.
            let scaling = op == .multiply || op == .divide
            guard let (l, r) = scaling ? unhinted(left, right) : pair(left, right) else { return nil }
            return op.isComparison ? compare(op, l, r, range: range) : arithmetic(op, l, r, range: range)
        case .membership(let element, let collection, let negated):
            return membership(element, collection, negated: negated, range: range)
        case .isMissing(let operand, let negated):
            guard let value = check(operand) else { return nil }
            if case .constant = value.op {
                error(
                    .typeMismatch,
                    operand.range,
                    "'is missing' tests a fact; '\(text(operand.range))' is a fixed value"
                )
                return nil
            }
            return Checked(.isMissing(value, negated: negated), .bool, range)
        }
    }

    /// Checks an expression that must be true or false.
    mutating func condition(_ expression: Expression) -> Checked? {
        guard let value = check(expression) else { return nil }
        guard value.type == .bool else {
            error(
                .typeMismatch,
                expression.range,
                "'\(text(expression.range))' is \(value.type), but a condition (true or false) is wanted here; compare it, as in \(text(expression.range)) > ..."
            )
            return nil
        }
        return value
    }

    /// Checks both sides of a binary operator, the side that needs a hint (a bare number, an
    /// enumeration value, a string) after the other.
    mutating func pair(_ left: Expression, _ right: Expression) -> (Checked, Checked)? {
        if needsHint(left), !needsHint(right) {
            let r = check(right)
            let l = check(left, hint: r?.type)
            guard let l, let r else { return nil }
            return (l, r)
        }
        let l = check(left)
        let r = check(right, hint: l?.type)
        guard let l, let r else { return nil }
        return (l, r)
    }

    /// Checks both operands on their own (bare numbers are plain numbers).
    mutating func unhinted(_ left: Expression, _ right: Expression) -> (Checked, Checked)? {
        let l = check(left)
        let r = check(right)
        guard let l, let r else { return nil }
        return (l, r)
    }

    /// Whether the expression's meaning depends on the other side: a bare number, or a name that
    /// is not a fact (an enumeration value).
    func needsHint(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .number: return true
        case .string(let template): return template.plainText != nil
        case .unary(.negate, let inner): if case .number = inner.kind { return true } else { return false }
        case .name(let name):
            if let rowSource,
                rowSource.fields(reportingCurrency: catalogue.reportingCurrency).contains(where: {
                    $0.0.rawValue == name
                })
            {
                return false
            }
            return catalogue[name] == nil && name != "today"
        default: return false
        }
    }

    /// A bare number read as the type the context wants.
    mutating func coerce(_ n: NumberLiteral, negative: Bool, to type: FactType, range: SourceRange) -> Checked? {
        let written = "\(negative ? "-" : "")\(n)"
        switch type {
        case .money(let currency):
            // Zero is zero in every currency; any other amount says which currency it is in, so
            // `aum > 5` is not read as 5.00 of the reporting currency by mistake.
            guard n.doubleValue == 0 else {
                error(
                    .typeMismatch,
                    range,
                    "\(written) has no currency but an amount of money is wanted here; write it with its currency, as in \(written) \(currency)"
                )
                return nil
            }
            guard let minor = n.scaled(by: 100) else {
                error(.typeMismatch, range, "the amount \(written) has more than two decimal places or is too large")
                return nil
            }
            return Checked(.constant(.int(negative ? -minor : minor)), .money(currency), range)
        case .count:
            guard let value = n.integerValue else {
                error(.typeMismatch, range, "a count is a whole number, not \(written)")
                return nil
            }
            return Checked(.constant(.int(negative ? -value : value)), .count, range)
        case .percent:
            error(
                .typeMismatch,
                range,
                "\(written) is a plain number but a percentage is wanted here; write it with %, as in \(written)%"
            )
            return nil
        case .duration:
            error(
                .typeMismatch,
                range,
                "\(written) has no unit but a duration is wanted here; write \(written)d, \(written)w, \(written)mo, \(written)y or \(written)bd"
            )
            return nil
        case .day:
            error(.typeMismatch, range, "a date is wanted here; write it as YYYY-MM-DD")
            return nil
        default:
            let value = n.doubleValue
            return Checked(.constant(.double(negative ? -value : value)), .number, range)
        }
    }

    // MARK: Names

    mutating func resolve(_ name: String, hint: FactType?, range: SourceRange) -> Checked? {
        if let rowSource {
            let fields = rowSource.fields(reportingCurrency: catalogue.reportingCurrency)
            if let (field, type) = fields.first(where: { $0.0.rawValue == name }) {
                return Checked(.rowField(field), type, range)
            }
            if case .enumeration(let e)? = hint { return enumerationValue(name, of: e, range: range) }
            let names = fields.map(\.0.rawValue)
            let suggestion = EditDistance.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            error(
                catalogue[name] == nil ? .unknownFact : .factNotAvailable,
                range,
                "'\(name)' is not a field of \(rowSource.rawValue)\(suggestion); a 'where' condition can use: \(names.joined(separator: ", "))"
            )
            return nil
        }
        if case .enumeration(let e)? = hint, catalogue[name] == nil {
            return enumerationValue(name, of: e, range: range)
        }
        if name == "today" { return Checked(.today, .day, range) }
        guard let definition = catalogue[name] else {
            let suggestion = EditDistance.closest(to: name, in: catalogue.names + ["today"])
            error(.unknownFact, range, "unknown fact '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")")
            return nil
        }
        guard available(definition, range: range) else { return nil }
        if definition.takesWindow {
            error(.arguments, range, "'\(name)' needs a window, as in \(name)(30d)")
            return nil
        }
        return Checked(.fact(.attribute(name)), definition.type, range)
    }

    mutating func available(_ definition: FactDefinition, range: SourceRange) -> Bool {
        guard let wanted = definition.scope, let scope, wanted != scope else { return true }
        error(
            .factNotAvailable,
            range,
            "'\(definition.name)' is only known in rules triggered '\(wanted.example)'; this rule runs '\(triggerText)'"
        )
        return false
    }

    mutating func enumerationValue(_ name: String, of e: EnumerationType, range: SourceRange) -> Checked? {
        guard let ordinal = e.ordinal(of: name) else {
            let suggestion = EditDistance.closest(to: name, in: e.values).map { " (did you mean '\($0)'?)" } ?? ""
            error(
                .unknownValue,
                range,
                "unknown \(e.name) '\(name)'\(suggestion); allowed values: \(e.values.joined(separator: ", "))"
            )
            return nil
        }
        return Checked(.constant(.int(Int64(ordinal))), .enumeration(e), range)
    }
}
