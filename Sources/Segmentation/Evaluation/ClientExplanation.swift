public import CustomerModel
public import Rules

/// Why a client is in its tier and segments on a day: each tier's criteria, each condition's
/// outcome with the values it saw, and the shortfall of each threshold it misses.
///
/// - Warning: explanations hold client values; show them only to staff allowed to see the client.
public struct ClientExplanation: Hashable, Sendable, CustomStringConvertible {
    /// The client.
    public var client: CustomerID
    /// The day evaluated.
    public var day: Day
    /// The policy.
    public var policy: PolicyVersion
    /// The highest tier whose entry criteria hold.
    public var qualifies: String?
    /// The highest tier whose keep criteria hold.
    public var keeps: String?
    /// Each tier of the client's ladder, lowest first.
    public var tiers: [TierExplanation]
    /// Each segment's condition outcome.
    public var segments: [NamedOutcome]
    /// Each exit trigger's condition outcome.
    public var exits: [NamedOutcome]

    /// Criterion by criterion, one condition a line.
    public var description: String {
        var lines = [
            "\(client) on \(day) under \(policy): qualifies for \(qualifies ?? "none"), keeps \(keeps ?? "none")"
        ]
        for tier in tiers {
            lines.append(
                "  tier \(tier.tier) (\(tier.match.rawValue)): entry \(tier.entryMet ? "met" : "not met"), keep \(tier.keepMet ? "met" : "not met")"
            )
            for criterion in tier.criteria {
                lines.append("    \(criterion.name): \(criterion.entry.line)")
                if criterion.keep.condition != criterion.entry.condition {
                    lines.append("    \(criterion.name) (keep): \(criterion.keep.line)")
                }
                if let shortfall = criterion.shortfall { lines.append("      short: \(shortfall)") }
            }
        }
        for segment in segments { lines.append("  segment \(segment.name): \(segment.outcome.line)") }
        for exit in exits { lines.append("  exit \(exit.name): \(exit.outcome.line)") }
        return lines.joined(separator: "\n")
    }
}

/// One tier's criteria for a client.
public struct TierExplanation: Hashable, Sendable {
    /// The tier.
    public var tier: String
    /// How its criteria combine.
    public var match: TierPolicy.Match
    /// Whether its entry criteria hold.
    public var entryMet: Bool
    /// Whether its keep criteria hold.
    public var keepMet: Bool
    /// Each criterion.
    public var criteria: [CriterionExplanation]
}

/// One criterion's entry and keep conditions for a client.
public struct CriterionExplanation: Hashable, Sendable {
    /// The criterion.
    public var name: String
    /// The entry condition's outcome.
    public var entry: ConditionOutcome
    /// The keep condition's outcome.
    public var keep: ConditionOutcome
    /// What the client lacks to stay, for a threshold it misses.
    public var shortfall: Shortfall?
}

/// A named condition's outcome (a segment, an exit trigger).
public struct NamedOutcome: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The outcome.
    public var outcome: ConditionOutcome
}

/// A condition as written, whether it held, and the values each of its tests saw.
public struct ConditionOutcome: Hashable, Sendable {
    /// The condition as written.
    public var condition: String
    /// Whether it held.
    public var holds: Bool
    /// The rules' trace of its parts.
    public var trace: ConditionTrace?

    init(explanation: RuleExplanation) {
        condition = explanation.condition?.text ?? ""
        holds = explanation.holds
        trace = explanation.condition
    }

    /// Every fact value a test of the condition saw.
    public var values: [TracedValue] {
        var found: [TracedValue] = []
        func walk(_ trace: ConditionTrace) {
            found += trace.values
            trace.parts.forEach(walk)
        }
        if let trace { walk(trace) }
        return found
    }

    /// `[true] aum >= 2000000 CNY (aum = CNY 2,500,000.00)`.
    var line: String {
        let shown = values.map { "\($0.expression) = \($0.value)" }.joined(separator: ", ")
        return "\(holds ? "[true] " : "[false]") \(condition)\(shown.isEmpty ? "" : "   (\(shown))")"
    }
}
