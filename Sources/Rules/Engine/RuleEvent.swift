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
