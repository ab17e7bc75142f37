public import CustomerModel

/// Why a rule did or did not fire for one evaluation row: the condition's parts, whether each
/// held, and the fact values each test saw.
///
/// - Warning: explanations hold client values (amounts, names in texts); show them only to
///   staff allowed to see the client.
public struct RuleExplanation: Hashable, Sendable, CustomStringConvertible {
    /// The rule's name.
    public var rule: String
    /// The rule's version.
    public var version: Int
    /// The evaluation day.
    public var day: Day
    /// Whether the rule is effective on the day.
    public var isEffective: Bool
    /// Whether the condition held (and the rule is effective).
    public var holds: Bool
    /// The condition's trace; `nil` for a rule without `if`.
    public var condition: ConditionTrace?

    /// The tests that made the condition false (empty when it held): for `and`, each false part;
    /// for `or`, every part; for `not`, the negation itself.
    public var failures: [ConditionTrace] {
        guard let condition, !condition.holds else { return [] }
        return condition.failures
    }

    /// A readable account, one test per line.
    public var description: String {
        var lines = [
            "rule \"\(rule)\" v\(version) on \(day): \(holds ? "fires" : "does not fire")\(isEffective ? "" : " (not effective on this day)")"
        ]
        func walk(_ trace: ConditionTrace, _ depth: Int) {
            let indent = String(repeating: "  ", count: depth + 1)
            let values = trace.values.map { "\($0.expression) = \($0.value)" }.joined(separator: ", ")
            lines.append(
                "\(indent)\(trace.holds ? "[true] " : "[false]") \(trace.text)\(values.isEmpty ? "" : "   (\(values))")"
            )
            for part in trace.parts { walk(part, depth + 1) }
        }
        if let condition { walk(condition, 0) }
        return lines.joined(separator: "\n")
    }
}

/// One part of a condition and how it evaluated.
public struct ConditionTrace: Hashable, Sendable {
    /// How the part combines its sub-parts.
    public enum Kind: String, Hashable, Sendable {
        /// `a and b and ...`: holds when every part holds.
        case all
        /// `a or b or ...`: holds when any part holds.
        case any
        /// `not a`.
        case not
        /// A comparison, membership or missing test.
        case test
    }

    /// How the part combines.
    public var kind: Kind
    /// The part as written.
    public var text: String
    /// Where it is written.
    public var range: SourceRange
    /// Whether it held.
    public var holds: Bool
    /// The values a test saw (facts and computed operands; constants are in ``text``).
    public var values: [TracedValue]
    /// The sub-parts of `all`, `any` and `not`.
    public var parts: [ConditionTrace]

    /// The tests that made this part false.
    var failures: [ConditionTrace] {
        if holds { return [] }
        switch kind {
        case .test, .not: return [self]
        case .all, .any: return parts.flatMap(\.failures)
        }
    }
}

/// A value an explanation shows: the expression as written and its value.
public struct TracedValue: Hashable, Sendable {
    /// The expression (`aum.change(30d)`).
    public var expression: String
    /// Its value for the client.
    public var value: FactValue

    /// Creates a traced value.
    public init(expression: String, value: FactValue) {
        self.expression = expression
        self.value = value
    }
}
