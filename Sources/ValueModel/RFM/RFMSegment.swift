/// The classic RFM segments, from the recency score and the combined frequency-monetary score.
///
/// See ``RFMSegmentMap`` for the grid that assigns them.
public enum RFMSegment: UInt8, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Bought recently, often, and spend the most (R 5, FM 4-5).
    case champions
    /// Spend well and often, not the very latest (R 3-4, FM 4-5).
    case loyal
    /// Recent clients with average frequency and spend (R 4-5, FM 2-3).
    case potentialLoyalist
    /// Transacted very recently, but little so far (R 5, FM 1).
    case newCustomers
    /// Recent, little so far (R 4, FM 1).
    case promising
    /// Average recency, frequency and spend (R 3, FM 3).
    case needAttention
    /// Below average recency, low frequency and spend (R 3, FM 1-2).
    case aboutToSleep
    /// Spent a fair amount, but long ago (R 1-2, FM 3-4).
    case atRisk
    /// Were among the best, have not come back for a long time (R 1-2, FM 5).
    case cannotLoseThem
    /// Last transaction long ago, little activity (R 2 with FM 1-2, R 1 with FM 2).
    case hibernating
    /// Lowest recency, frequency and spend, and clients with no transaction in the window (R 1, FM 1).
    case lost

    /// The segment's name as bankers write it ("cannot lose them").
    public var name: String {
        switch self {
        case .champions: "champions"
        case .loyal: "loyal"
        case .potentialLoyalist: "potential loyalist"
        case .newCustomers: "new customers"
        case .promising: "promising"
        case .needAttention: "need attention"
        case .aboutToSleep: "about to sleep"
        case .atRisk: "at risk"
        case .cannotLoseThem: "cannot lose them"
        case .hibernating: "hibernating"
        case .lost: "lost"
        }
    }

    /// The segment's name as rules write it: one word in snake case (`cannot_lose`,
    /// `potential_loyalist`).
    ///
    /// The rule language's `rfm.segment` values are exactly these, in case order.
    public var ruleName: String {
        switch self {
        case .champions: "champions"
        case .loyal: "loyal"
        case .potentialLoyalist: "potential_loyalist"
        case .newCustomers: "new_customers"
        case .promising: "promising"
        case .needAttention: "need_attention"
        case .aboutToSleep: "about_to_sleep"
        case .atRisk: "at_risk"
        case .cannotLoseThem: "cannot_lose"
        case .hibernating: "hibernating"
        case .lost: "lost"
        }
    }

    /// The segment's name.
    public var description: String { name }
}

/// The bank's value layers over the RFM grid (DOMAIN.md: high value, growing, potential, dormant).
public enum ValueLayer: UInt8, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// High frequency and spend (FM 4-5), recent or not: champions, loyal, and the valuable
    /// clients slipping away (at risk with FM 4, cannot lose them), who are highlighted.
    case highValue
    /// Recent, not yet valuable (R 4-5, FM 1-3): new customers, promising, potential loyalists.
    case growing
    /// Middling (R 3 with FM 1-3, or R 1-2 with FM 3): need attention, about to sleep, at risk with FM 3.
    case potential
    /// Long quiet and low value (R 1-2, FM 1-2), and clients with no transaction in the window.
    case dormant

    /// The layer's name ("high value").
    public var name: String {
        switch self {
        case .highValue: "high value"
        case .growing: "growing"
        case .potential: "potential"
        case .dormant: "dormant"
        }
    }

    /// The layer's name as rules write it (`high_value`); the rule language's `value_layer`
    /// values are exactly these, in case order.
    public var ruleName: String {
        switch self {
        case .highValue: "high_value"
        case .growing: "growing"
        case .potential: "potential"
        case .dormant: "dormant"
        }
    }

    /// The layer's name.
    public var description: String { name }
}
