public import CustomerModel

/// A fact's value for one client, as explanations, process parameters and host code see it.
///
/// ``missing`` is a value in its own right: a null field, a client without transactions for
/// `max`, a division by zero. See the rule language's missing-value rule in ``RuleSet``.
public enum FactValue: Hashable, Sendable, CustomStringConvertible {
    /// No value.
    case missing
    /// A plain number.
    case number(Double)
    /// A whole count.
    case count(Int64)
    /// A percentage as a fraction (`-0.2` is -20%).
    case percent(Double)
    /// Money.
    case money(Money)
    /// A duration in days.
    case duration(days: Int64)
    /// A calendar day.
    case day(Day)
    /// An enumeration value as written in rules (`core`).
    case enumeration(String)
    /// Text.
    case text(String)
    /// True or false.
    case bool(Bool)
    /// A set of tag names, sorted.
    case tags([String])

    /// Whether the value is ``missing``.
    public var isMissing: Bool { self == .missing }

    /// The value for people: `CNY 1234.50`, `-23.5%`, `15 days`, `2026-01-31`, `n/a` when missing.
    public var description: String {
        switch self {
        case .missing: "n/a"
        case .number(let x): FactValue.format(x)
        case .count(let n): String(n)
        case .percent(let p): FactValue.format(p * 100) + "%"
        case .money(let m): m.description
        case .duration(let days): days == 1 ? "1 day" : "\(days) days"
        case .day(let d): d.description
        case .enumeration(let e): e
        case .text(let t): t
        case .bool(let b): b ? "true" : "false"
        case .tags(let names): "[" + names.joined(separator: ", ") + "]"
        }
    }

    /// At most two decimals, trailing zeros dropped: `12.5`, `-3`, `0.33`.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let cents = (x * 100).rounded()
        guard abs(cents) < 9e17 else { return String(x) }
        let whole = Int64(cents) / 100
        let fraction = abs(Int64(cents) % 100)
        let sign = cents < 0 && whole == 0 ? "-" : ""
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return "\(sign)\(whole).\(digits)"
    }
}
