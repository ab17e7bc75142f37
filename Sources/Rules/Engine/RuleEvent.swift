public import CustomerModel

/// Something that happened to a client, handed to ``RuleEngine/record(_:)``.
///
/// **A set that grows.** New cases will be added as the library learns new events. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum RuleEvent: Sendable {
    /// A booked transaction: updates the client's windows and runs `on transaction` rules.
    case transaction(Transaction)
    /// A transaction that failed: runs `on failed transaction` rules (it is not booked).
    case failedTransaction(Transaction)
    /// An interaction: updates windows and runs `on interaction` rules, and `on complaint` rules
    /// for a complaint.
    case interaction(Interaction)
    /// A new version of a client's profile, and the names of the fields that changed.
    case profileChanged(CustomerProfile, changedFields: [String], at: Instant)
    /// A new strategic tier (a `tier` value such as `core`).
    case tierChanged(CustomerID, to: String, at: Instant)
    /// A new value score.
    case scoreChanged(CustomerID, to: Double, at: Instant)
    /// A day-end balance snapshot (for `aum.change` and friends); runs no rule.
    case balance(BalanceSnapshot)
    /// A holding opened or updated (maturities move with it); runs no rule.
    case holding(Holding)

    /// The client the event is about.
    public var customer: CustomerID {
        switch self {
        case .transaction(let t), .failedTransaction(let t): t.customer
        case .interaction(let i): i.customer
        case .profileChanged(let p, _, _): p.id
        case .tierChanged(let id, _, _), .scoreChanged(let id, _, _): id
        case .balance(let b): b.customer
        case .holding(let h): h.customer
        }
    }
}

/// A rule that fired for a client: the rule and version, when, why (the trigger and the values
/// that made the condition true) and the actions it asks for.
public struct RuleFiring: Hashable, Sendable, CustomStringConvertible {
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

    /// Creates a firing.
    public init(
        rule: String, version: Int, client: CustomerID, at: Instant, day: Day, cause: String, actions: [RuleAction],
        reason: RuleExplanation
    ) {
        self.rule = rule
        self.version = version
        self.client = client
        self.at = at
        self.day = day
        self.cause = cause
        self.actions = actions
        self.reason = reason
    }

    /// `2026-05-29 "AUM drop alert" v3 for C-1 (daily at 08:30): notify rm by sms, ...`.
    public var description: String {
        "\(day) \"\(rule)\" v\(version) for \(client) (\(cause)): \(actions.map(\.description).joined(separator: ", "))"
    }
}

/// A problem with what a host handed the engine.
public struct RuleEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// An event for a client the engine does not know.
        public static let unknownClient = Code("unknown-client")
        /// Two records for one client.
        public static let duplicateClient = Code("duplicate-client")
        /// A value that does not fit its fact (a tier that does not exist, money in another currency).
        public static let invalidValue = Code("invalid-value")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// The client concerned.
    public var client: CustomerID?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, client: CustomerID?, _ message: String) {
        self.code = code
        self.client = client
        self.message = message
    }

    /// `unknown-client: client C-9: ...`.
    public var description: String { "\(code): \(client.map { "client \($0): " } ?? "")\(message)" }
}
