public import CustomerModel

/// A rule after compilation: its metadata, trigger and the programs of its condition, actions
/// and de-duplication keys.
///
/// Evaluate it through its ``RuleSet``.
public struct CompiledRule: Sendable, Identifiable, CustomStringConvertible {
    /// The rule's name, unique in its rule set.
    public let name: String
    /// The version written in the rule (1 when not written).
    public let version: Int
    /// The owner written in the rule.
    public let owner: String?
    /// The priority (0 when not written); higher runs first.
    public let priority: Int
    /// The first day the rule applies, if limited.
    public let effectiveFrom: Day?
    /// The last day the rule applies, if limited.
    public let effectiveUntil: Day?
    /// When the rule is evaluated.
    public let trigger: RuleTrigger
    /// For `on tier change` rules, the moves written after the trigger (`from "diamond"`,
    /// `to "platinum"`, `down`); `nil` when none.
    ///
    /// They are part of the compiled condition.
    public let tierChange: TierChangeFilter?
    /// The least time between two firings for one client and cause; `nil` for none.
    public let cooldown: DurationLiteral?
    /// What makes two firings the same cause: `client` and the facts written after `dedupe by`.
    public let dedupeKeys: [String]
    /// The condition as written; `nil` when the rule has no `if`.
    public let conditionText: String?
    /// Where the rule is written.
    public let range: SourceRange
    /// The rule's position in its file, from 0.
    public let order: Int

    let condition: Program?
    let explainPlan: ExplainNode?
    let actionPrograms: [ActionProgram]
    let dedupePrograms: [(program: Program, type: FactType)?]
    /// What the condition demands of an event's enumeration facts (for the engine's event index).
    var discriminator = EventDiscriminator(nil)

    /// The rule's name.
    public var id: String { name }

    /// Every program of the rule (condition, placeholders, parameters, de-duplication keys).
    var programs: [Program] {
        var all = condition.map { [$0] } ?? []
        for action in actionPrograms {
            switch action {
            case .notify(_, _, let template?), .task(_, let template, _):
                for case .value(let program, _) in template.parts { all.append(program) }
            case .openProcess(_, let parameters): all += parameters.map(\.program)
            default: break
            }
        }
        return all + dedupePrograms.compactMap { $0?.program }
    }

    /// Whether the rule applies on `day` (within its effective dates).
    public func isEffective(on day: Day) -> Bool {
        if let from = effectiveFrom, day < from { return false }
        if let until = effectiveUntil, day > until { return false }
        return true
    }

    /// `"AUM drop alert" v3 (daily at 08:30)`.
    public var description: String { "\"\(name)\" v\(version) (\(trigger)\(tierChange.map { " \($0)" } ?? ""))" }
}

/// The moves an `on tier change` rule reacts to: `from "diamond"`, `to "platinum"`, `up`, `down`
/// (any combination; none means every change).
public struct TierChangeFilter: Hashable, Sendable, CustomStringConvertible {
    /// Which way a tier moved on its ladder.
    public enum Direction: String, Hashable, Sendable {
        /// To a higher tier of the same ladder.
        case up
        /// To a lower tier of the same ladder.
        case down
    }

    /// The tier left, if required.
    public var from: String?
    /// The tier reached, if required.
    public var to: String?
    /// The direction, if required.
    public var direction: Direction?

    /// Creates a filter.
    public init(from: String? = nil, to: String? = nil, direction: Direction? = nil) {
        self.from = from
        self.to = to
        self.direction = direction
    }

    /// `from "diamond" to "platinum" down`.
    public var description: String {
        var parts: [String] = []
        if let from { parts.append("from \"\(from)\"") }
        if let to { parts.append("to \"\(to)\"") }
        if let direction { parts.append(direction.rawValue) }
        return parts.joined(separator: " ")
    }
}

/// A compiled action: its fixed parts and the programs of its placeholders and parameters.
enum ActionProgram: Sendable {
    case notify(Recipient, NotificationChannel, TemplateProgram?)
    case task(Recipient, TemplateProgram, DurationLiteral?)
    case openProcess(String, [(label: String, program: Program, type: FactType)])
    case addTag(String, DurationLiteral?)
    case removeTag(String)
    case flag(String)
}

/// A message template with a program per placeholder.
struct TemplateProgram: Sendable {
    enum Part: Sendable {
        case text(String)
        case value(Program, FactType)
    }

    let parts: [Part]
    /// Per part, the value's program prepared once when it has nothing to bind (no dynamic
    /// constants), so firings render without preparing it again.
    let plans: [ScalarPlan?]

    init(parts: [Part]) {
        self.parts = parts
        plans = parts.map { part in
            guard case .value(let program, _) = part, program.dynamics.isEmpty else { return nil }
            return ScalarPlan(program, code: program.code)
        }
    }
}
