import CustomerModel

extension TypeChecker {
    mutating func negate(_ value: Checked, range: SourceRange) -> Checked? {
        switch value.type {
        case .number, .percent, .count, .money, .duration:
            switch value.op {
            case .constant(.int(let v)): return Checked(.constant(.int(0 &- v)), value.type, range)
            case .constant(.double(let v)): return Checked(.constant(.double(-v)), value.type, range)
            default: return Checked(.negate(value), value.type, range)
            }
        default:
            error(.typeMismatch, range, "cannot put a minus sign before \(value.type) ('\(text(value.range))')")
            return nil
        }
    }

    /// `l` as a double (an int-represented value gets a conversion).
    func double(_ value: Checked) -> Checked {
        guard value.type.representation == .int else { return value }
        if case .constant(.int(let v)) = value.op {
            return Checked(.constant(.double(Double(v))), .number, value.range)
        }
        return Checked(.toDouble(value), .number, value.range)
    }

    private func describe(_ value: Checked) -> String { "'\(text(value.range))' (\(value.type))" }

    mutating func arithmetic(_ op: BinaryOperator, _ l: Checked, _ r: Checked, range: SourceRange) -> Checked? {
        func make(_ type: FactType, _ kind: Checked.Arithmetic, _ a: Checked, _ b: Checked) -> Checked {
            Checked(.arithmetic(op, a, b, kind), type, range)
        }
        let verb: String
        switch op {
        case .add: verb = "add"
        case .subtract: verb = "subtract"
        case .multiply: verb = "multiply"
        default: verb = "divide"
        }
        switch (op, l.type, r.type) {
        case (.add, .money(let a), .money(let b)), (.subtract, .money(let a), .money(let b)),
            (.divide, .money(let a), .money(let b)):
            guard a == b else {
                error(
                    .currencyMismatch,
                    range,
                    "cannot \(verb) money in \(a) ('\(text(l.range))') and money in \(b) ('\(text(r.range))'); use one currency"
                )
                return nil
            }
            return op == .divide ? make(.percent, .ratio, l, r) : make(l.type, .int, l, r)
        case (.multiply, .money, .number), (.multiply, .money, .percent), (.divide, .money, .number),
            (.divide, .money, .percent):
            return make(l.type, .scaleMoney, l, r)
        case (.multiply, .number, .money), (.multiply, .percent, .money):
            return make(r.type, .scaleMoney, r, l)
        case (.multiply, .money, .count), (.divide, .money, .count):
            return make(l.type, .scaleMoney, l, double(r))
        case (.multiply, .count, .money):
            return make(r.type, .scaleMoney, r, double(l))
        case (.add, .count, .count), (.subtract, .count, .count), (.multiply, .count, .count):
            return make(.count, .int, l, r)
        case (.divide, .count, .count):
            return make(.number, .ratio, l, r)
        case (_, .number, .number), (_, .number, .count), (_, .count, .number):
            return make(.number, .double, double(l), double(r))
        case (.add, .percent, .percent), (.subtract, .percent, .percent):
            return make(.percent, .double, l, r)
        case (.multiply, .percent, .number), (.multiply, .number, .percent), (.divide, .percent, .number),
            (.multiply, .percent, .count), (.multiply, .count, .percent), (.divide, .percent, .count):
            return make(.percent, .double, double(l), double(r))
        case (.add, .duration, .duration), (.subtract, .duration, .duration):
            return make(.duration, .int, l, r)
        case (.add, .day, .duration), (.subtract, .day, .duration), (.add, .duration, .day):
            let (day, duration) = l.type == .day ? (l, r) : (r, l)
            // A written duration moves a date by calendar months or business days; a computed one by days.
            if case .durationDays(let literal) = duration.op {
                return Checked(.shiftDay(day, literal, backwards: op == .subtract), .day, range)
            }
            return make(.day, .int, day, duration)
        case (.subtract, .day, .day):
            return make(.duration, .int, l, r)
        default:
            error(.typeMismatch, range, "cannot \(verb) \(describe(l)) and \(describe(r))")
            return nil
        }
    }

    mutating func compare(_ op: BinaryOperator, _ l: Checked, _ r: Checked, range: SourceRange) -> Checked? {
        let ordering = op != .equal && op != .notEqual
        func make(_ a: Checked, _ b: Checked) -> Checked {
            if case .constant(let x) = a.op, case .constant(let y) = b.op, let folded = Self.fold(op, x, y) {
                return Checked(.constant(.bool(folded)), .bool, range)
            }
            return Checked(.compare(op, a, b), .bool, range)
        }
        switch (l.type, r.type) {
        case (.money(let a), .money(let b)):
            guard a == b else {
                error(
                    .currencyMismatch,
                    range,
                    "cannot compare money in \(a) ('\(text(l.range))') with money in \(b) ('\(text(r.range))'); compare amounts in one currency"
                )
                return nil
            }
            return make(l, r)
        case (.count, .count), (.duration, .duration), (.day, .day):
            return make(l, r)
        case (.number, .number), (.percent, .percent), (.number, .count), (.count, .number):
            return make(double(l), double(r))
        case (.percent, .count), (.percent, .number), (.count, .percent), (.number, .percent):
            let (percent, other) = l.type == .percent ? (l, r) : (r, l)
            error(
                .typeMismatch,
                percent.range,
                "a percentage where \(other.type) is wanted: '\(text(other.range))' is \(other.type), so compare it with \(other.type == .count ? "a whole number" : "a number"), not '\(text(percent.range))'"
            )
            return nil
        case (.enumeration(let a), .enumeration(let b)):
            guard a == b else {
                error(.typeMismatch, range, "cannot compare \(describe(l)) with \(describe(r))")
                return nil
            }
            if ordering, !a.isOrdered {
                error(.typeMismatch, range, "\(a.name) values have no order; use = or 'in [...]'")
                return nil
            }
            if ordering, a.ladders.count > 1 { return ladderCompare(op, l, r, type: a, range: range) }
            return make(l, r)
        case (.text, .text), (.bool, .bool):
            if ordering {
                error(.typeMismatch, range, "\(l.type) can only be tested with = or !=")
                return nil
            }
            return make(l, r)
        case (.tagset, _), (_, .tagset):
            error(.typeMismatch, range, "tags are tested with 'in', as in \"vip\" in tags")
            return nil
        default:
            error(.typeMismatch, range, "cannot compare \(describe(l)) with \(describe(r))")
            return nil
        }
    }

    /// An ordering of values of an enumeration made of several ladders (tiers): it holds only
    /// when both values are on one ladder and ordered so there.
    ///
    /// Against a named value
    /// (`tier >= "platinum"`) that is a range test on the value's ladder; between two facts
    /// (`tier < tier.previous`) one test per ladder.
    mutating func ladderCompare(
        _ op: BinaryOperator,
        _ l: Checked,
        _ r: Checked,
        type: EnumerationType,
        range: SourceRange
    ) -> Checked {
        func on(_ ladder: Range<Int>, _ value: Checked) -> Checked {
            let low = Checked(.constant(.int(Int64(ladder.lowerBound))), value.type, value.range)
            let high = Checked(.constant(.int(Int64(ladder.upperBound))), value.type, value.range)
            return Checked(
                .and(
                    Checked(.compare(.greaterOrEqual, value, low), .bool, value.range),
                    Checked(.compare(.less, value, high), .bool, value.range)
                ),
                .bool,
                value.range
            )
        }
        let ordered = Checked(.compare(op, l, r), .bool, range)
        for (fixed, other) in [(r, l), (l, r)] {
            guard case .constant(.int(let ordinal)) = fixed.op else { continue }
            guard let ladder = type.ladder(of: Int(ordinal)) else {
                return Checked(.constant(.bool(false)), .bool, range)
            }
            return Checked(.and(on(ladder, other), ordered), .bool, range)
        }
        var tests: [Checked] = []
        for ladder in type.ladders {
            tests.append(
                Checked(.and(Checked(.and(on(ladder, l), on(ladder, r)), .bool, range), ordered), .bool, range)
            )
        }
        return tests.dropFirst().reduce(tests[0]) { Checked(.or($0, $1), .bool, range) }
    }

    static func fold(_ op: BinaryOperator, _ x: Checked.Constant, _ y: Checked.Constant) -> Bool? {
        func test<T: Comparable>(_ a: T, _ b: T) -> Bool? {
            switch op {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            default: nil
            }
        }
        switch (x, y) {
        case (.int(let a), .int(let b)): return test(a, b)
        case (.double(let a), .double(let b)): return test(a, b)
        case (.text(let a), .text(let b)): return test(a, b)
        case (.bool(let a), .bool(let b)): return op == .equal ? a == b : op == .notEqual ? a != b : nil
        default: return nil
        }
    }

    mutating func membership(
        _ element: Expression,
        _ collection: Expression,
        negated: Bool,
        range: SourceRange
    ) -> Checked? {
        if case .list(let items) = collection.kind {
            guard let value = check(element) else {
                for item in items where !needsHint(item) { _ = check(item) }
                return nil
            }
            switch value.type {
            case .tagset, .bool:
                error(.typeMismatch, element.range, "'in [...]' tests one value; \(describe(value)) is not one")
                return nil
            default: break
            }
            var constants: [Checked.Constant] = []
            var failed = false
            for item in items {
                guard let checked = check(item, hint: value.type) else {
                    failed = true
                    continue
                }
                guard let c = listConstant(checked, for: value) else {
                    failed = true
                    continue
                }
                constants.append(c)
            }
            if failed { return nil }
            if items.isEmpty {
                error(.typeMismatch, collection.range, "an empty list; put the allowed values between the brackets")
                return nil
            }
            let target = value.type.representation == .double ? value : value
            return Checked(.member(target, constants, negated: negated), .bool, range)
        }
        // A tag set on the right: "vip" in tags.
        let set = check(collection)
        let item = check(element, hint: .text)
        guard let set, let item else { return nil }
        guard set.type == .tagset else {
            error(
                .typeMismatch,
                collection.range,
                "'in' needs a list in brackets (in [a, b]) or a set of tags; '\(text(collection.range))' is \(set.type)"
            )
            return nil
        }
        guard case .constant(.text(let name)) = item.op else {
            error(.typeMismatch, element.range, "write the tag name in double quotes, as in \"frequent flyer\" in tags")
            return nil
        }
        return Checked(.hasTag(set, name, negated: negated), .bool, range)
    }

    /// An element of `in [...]` as a constant of the element's representation.
    mutating func listConstant(_ item: Checked, for value: Checked) -> Checked.Constant? {
        guard let constant = item.constant else {
            error(.typeMismatch, item.range, "a list after 'in' holds fixed values; '\(text(item.range))' is not one")
            return nil
        }
        switch (value.type, item.type) {
        case (.money(let a), .money(let b)) where a != b:
            error(
                .currencyMismatch,
                item.range,
                "'\(text(item.range))' is money in \(b) but '\(text(value.range))' is in \(a)"
            )
            return nil
        case (.number, .count), (.number, .number), (.count, .count), (.percent, .percent), (.money, .money),
            (.day, .day), (.text, .text):
            if value.type.representation == .double, case .int(let v) = constant { return .double(Double(v)) }
            return constant
        case (.count, .number):
            if case .double(let d) = constant, d.rounded() == d, abs(d) < 9e18 { return .int(Int64(d)) }
            error(.typeMismatch, item.range, "a count is a whole number, not \(text(item.range))")
            return nil
        case (.enumeration(let a), .enumeration(let b)) where a == b:
            return constant
        case (.duration, .duration):
            error(.typeMismatch, item.range, "durations are compared with < and >, not listed")
            return nil
        default:
            error(
                .typeMismatch,
                item.range,
                "'\(text(item.range))' is \(item.type) but '\(text(value.range))' is \(value.type)"
            )
            return nil
        }
    }
}
