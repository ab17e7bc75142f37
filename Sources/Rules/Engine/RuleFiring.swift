public import CustomerModel

/// A rule that fired for a client: its deterministic ``id``, the rule and version, when, why (the
/// trigger and the values that made the condition true) and the actions it asks for.
public struct RuleFiring: Hashable, Sendable, CustomStringConvertible {
    /// What the firing answered: a day's schedule, a dated thing, an event.
    public var occasion: FiringOccasion
    /// The rule's name.
    public var rule: String
    /// The rule's version.
    public var version: Int
    /// The client.
    public var client: CustomerID
    /// When it fired (the event's time or the schedule's).
    public var at: Instant
    /// The bank day it fired on.
    public var day: Day
    /// What triggered it: `on transaction T-1`, `7 business days before maturity of WM-3 (2026-07-01)`.
    public var cause: String
    /// The actions.
    public var actions: [RuleAction]
    /// The condition's trace with the values that made it true.
    public var reason: RuleExplanation

    /// Creates a firing on `occasion`; its ``id`` is computed from the rule, version, client and occasion.
    public init(
        rule: String,
        version: Int,
        client: CustomerID,
        occasion: FiringOccasion,
        at: Instant,
        day: Day,
        cause: String,
        actions: [RuleAction],
        reason: RuleExplanation
    ) {
        self.occasion = occasion
        self.rule = rule
        self.version = version
        self.client = client
        self.at = at
        self.day = day
        self.cause = cause
        self.actions = actions
        self.reason = reason
    }

    /// Creates a firing whose occasion is its ``day`` (a schedule's run).
    public init(
        rule: String,
        version: Int,
        client: CustomerID,
        at: Instant,
        day: Day,
        cause: String,
        actions: [RuleAction],
        reason: RuleExplanation
    ) {
        self.init(
            rule: rule,
            version: version,
            client: client,
            occasion: .day(day),
            at: at,
            day: day,
            cause: cause,
            actions: actions,
            reason: reason
        )
    }

    /// The firing's identity: the same rule, version, client and occasion give the same id in
    /// every run (see ``FiringID``).
    ///
    /// Downstream effects key on it to stay idempotent. Computed
    /// when read, so the engine's hot path pays nothing for it.
    public var id: FiringID { FiringID(rule: rule, version: version, client: client, occasion: occasion) }

    /// `2026-05-29 "AUM drop alert" v3 for C-1 (daily at 08:30): notify rm by sms, ...`.
    public var description: String {
        "\(day) \"\(rule)\" v\(version) for \(client) (\(cause)): \(actions.map(\.description).joined(separator: ", "))"
    }
}
