import CustomerModel

extension TypeChecker {
    static let functionNames = AggregateFunction.allCases.map(\.rawValue) + ["days_since", "days_until"]

    mutating func call(
        _ name: String,
        calleeRange: SourceRange,
        arguments: [Expression.Argument],
        range: SourceRange
    ) -> Checked? {
        if rowSource != nil {
            error(
                .typeMismatch,
                range,
                "a 'where' condition tests the fields of each row; '\(name)(...)' cannot be used there"
            )
            return nil
        }
        if let function = AggregateFunction(rawValue: name) {
            return aggregate(function, calleeRange: calleeRange, arguments: arguments, range: range)
        }
        if name == "days_since" { return daysSince(arguments, range: range) }
        if name == "days_until" { return daysUntil(arguments, range: range) }
        guard let definition = catalogue[name] else {
            let windowed = catalogue.definitions.values.filter(\.takesWindow).map(\.name).sorted()
            let suggestion = EditDistance.closest(to: name, in: Self.functionNames + windowed)
            if name.contains(".") || suggestion.map(windowed.contains) == true {
                error(
                    .unknownFact,
                    calleeRange,
                    "unknown fact '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "")"
                )
                return nil
            }
            error(
                .unknownFunction,
                calleeRange,
                "unknown function '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? ""); functions are sum, count, min, max, avg, days_since, days_until and facts over a window such as aum.change(30d)"
            )
            return nil
        }
        guard available(definition, range: calleeRange) else { return nil }
        guard definition.takesWindow else {
            error(.arguments, range, "'\(name)' takes no arguments; write it without parentheses")
            return nil
        }
        guard arguments.count == 1, let window = windowLiteral(arguments[0], of: name) else {
            if arguments.count != 1 {
                error(.arguments, range, "'\(name)' takes one window, as in \(name)(30d)")
            }
            return nil
        }
        return Checked(.fact(.windowed(name, window)), definition.type, range)
    }

    /// The window argument: a duration literal with no label or filter.
    mutating func windowLiteral(_ argument: Expression.Argument, of function: String) -> DurationLiteral? {
        guard argument.label == nil, argument.filter == nil, case .duration(let window) = argument.value.kind else {
            error(
                .arguments,
                argument.range,
                "the window of \(function) is a duration such as 30d, 3mo or 1y, not '\(text(argument.range))'"
            )
            return nil
        }
        guard window.amount > 0 else {
            error(.arguments, argument.range, "a window must be at least one day long")
            return nil
        }
        return window
    }

    mutating func aggregate(
        _ function: AggregateFunction,
        calleeRange: SourceRange,
        arguments: [Expression.Argument],
        range: SourceRange
    ) -> Checked? {
        let example = "\(function.rawValue)(transactions where direction = outflow, 30d)"
        guard arguments.count == 2 else {
            error(
                .arguments,
                range,
                "\(function.rawValue) takes what to \(function == .count ? "count" : "aggregate") and a window, as in \(example)"
            )
            return nil
        }
        let sourceArgument = arguments[0]
        let windowArgument = arguments[1]
        let window = windowLiteral(windowArgument, of: function.rawValue)
        guard case .name(let sourceName) = sourceArgument.value.kind, sourceArgument.label == nil else {
            error(
                .arguments,
                sourceArgument.value.range,
                "\(function.rawValue) runs over transactions, interactions, complaints, contacts, satisfaction or maturities, not '\(text(sourceArgument.value.range))'"
            )
            return nil
        }
        guard let source = ActivitySource(rawValue: sourceName) else {
            let names = ActivitySource.allCases.map(\.rawValue)
            let suggestion = EditDistance.closest(to: sourceName, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            error(
                .arguments,
                sourceArgument.value.range,
                "unknown activity '\(sourceName)'\(suggestion); \(function.rawValue) runs over \(names.joined(separator: ", "))"
            )
            return nil
        }
        var filter: RowPredicate?
        if let condition = sourceArgument.filter {
            let saved = rowSource
            rowSource = source
            defer { rowSource = saved }
            guard let checked = self.condition(condition) else { return nil }
            guard let predicate = rowPredicate(checked) else { return nil }
            filter = predicate
        }
        guard let window else { return nil }
        let fields = source.fields(reportingCurrency: catalogue.reportingCurrency)
        let type: FactType
        if function == .count {
            type = .count
        } else {
            guard let measure = source.measure, let measureType = fields.first(where: { $0.0 == measure })?.1 else {
                error(
                    .arguments,
                    range,
                    "\(function.rawValue) needs amounts or scores; \(source.rawValue) can only be counted, as in count(\(source.rawValue), \(window))"
                )
                return nil
            }
            type = function == .avg && measureType == .count ? .number : measureType
        }
        let fact = AggregateFact(function: function, source: source, filter: filter, window: window)
        return Checked(.fact(.aggregate(fact)), type, range)
    }

    /// Converts a checked `where` condition into a row predicate over fields and constants.
    mutating func rowPredicate(_ value: Checked) -> RowPredicate? {
        switch value.op {
        case .and(let l, let r):
            guard let a = rowPredicate(l), let b = rowPredicate(r) else { return nil }
            return .and(a, b)
        case .or(let l, let r):
            guard let a = rowPredicate(l), let b = rowPredicate(r) else { return nil }
            return .or(a, b)
        case .not(let inner):
            return rowPredicate(inner).map { .not($0) }
        case .rowField(let field) where value.type == .bool:
            return .compare(field, .equal, 1)
        case .compare(let op, let l, let r):
            if case .rowField(let field) = l.op, let constant = rowConstant(r) { return .compare(field, op, constant) }
            if case .rowField(let field) = r.op, let constant = rowConstant(l) {
                return .compare(field, op.mirrored, constant)
            }
        case .member(let element, let constants, let negated):
            if case .rowField(let field) = element.op {
                let values = constants.compactMap { c -> Int64? in
                    if case .int(let v) = c { return v }
                    if case .bool(let b) = c { return b ? 1 : 0 }
                    return nil
                }
                if values.count == constants.count { return .member(field, values.sorted(), negated: negated) }
            }
        case .constant(.bool):
            error(
                .typeMismatch,
                value.range,
                "this 'where' condition does not depend on the row; leave it out or test a field"
            )
            return nil
        default:
            break
        }
        error(
            .typeMismatch,
            value.range,
            "a 'where' condition compares each row's fields with fixed values, as in amount >= 100k CNY or type in [deposit, transfer_in]; '\(text(value.range))' is not of that form"
        )
        return nil
    }

    private func rowConstant(_ value: Checked) -> Int64? {
        switch value.op {
        case .constant(.int(let v)): v
        case .constant(.bool(let b)): b ? 1 : 0
        default: nil
        }
    }

    mutating func daysSince(_ arguments: [Expression.Argument], range: SourceRange) -> Checked? {
        let usage = "days_since takes 'last transaction', 'last contact', 'last complaint' or 'last interaction'"
        guard arguments.count == 1, case .phrase(var words) = arguments[0].value.kind, arguments[0].filter == nil else {
            error(.arguments, range, usage)
            return nil
        }
        if words.first == "last" { words.removeFirst() }
        let word = words.count == 1 ? (words[0].hasSuffix("s") ? String(words[0].dropLast()) : words[0]) : ""
        guard let activity = ActivityKind(rawValue: word) else {
            let suggestion =
                words.count == 1 ? EditDistance.closest(to: words[0], in: ActivityKind.allCases.map(\.rawValue)) : nil
            error(
                .arguments,
                arguments[0].value.range,
                "\(suggestion.map { "did you mean 'last \($0)'? " } ?? "")\(usage)"
            )
            return nil
        }
        return Checked(.fact(.daysSince(activity)), .duration, range)
    }

    mutating func daysUntil(_ arguments: [Expression.Argument], range: SourceRange) -> Checked? {
        let usage =
            "days_until takes 'maturity', 'birthday', 'wedding anniversary' or 'signing anniversary', optionally followed by 'in household'"
        guard arguments.count == 1, case .phrase(var words) = arguments[0].value.kind, arguments[0].filter == nil else {
            error(.arguments, range, usage)
            return nil
        }
        if words.first == "next" { words.removeFirst() }
        var household = false
        if words.count >= 2, words.suffix(2) == ["in", "household"] {
            household = true
            words.removeLast(2)
        }
        let phrase = words.joined(separator: " ")
        let anchor = phrase == "anniversary" ? .weddingAnniversary : DateAnchor.allCases.first { $0.phrase == phrase }
        guard let anchor else {
            let suggestion = EditDistance.closest(to: phrase, in: DateAnchor.allCases.map(\.phrase))
            error(.arguments, arguments[0].value.range, "\(suggestion.map { "did you mean '\($0)'? " } ?? "")\(usage)")
            return nil
        }
        if household, anchor == .maturity || anchor == .signingAnniversary {
            error(
                .arguments,
                arguments[0].value.range,
                "'in household' applies to birthdays and wedding anniversaries only"
            )
            return nil
        }
        return Checked(.fact(.daysUntil(anchor, household: household)), .duration, range)
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped (`<` becomes `>`).
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
