public import CustomerModel

/// The story a synthetic client's year tells, so tests and demos know what to expect.
public enum ClientScenario: Hashable, Sendable {
    /// An ordinary client: activity follows the seasons; products mostly renew.
    case steady
    /// A client drifting toward churn since `since`: outflows grow, maturing products are moved
    /// out, complaints rise, satisfaction and activity fall, and AUM drops.
    case churnDrifting(since: Day)
    /// A dormant client: no transaction after `lastActiveDay` (at least three months before the end).
    case dormant(lastActiveDay: Day)

    /// Whether the client is drifting toward churn.
    public var isChurnDrifting: Bool {
        if case .churnDrifting = self { return true }
        return false
    }

    /// Whether the client is dormant.
    public var isDormant: Bool {
        if case .dormant = self { return true }
        return false
    }
}
