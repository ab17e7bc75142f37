/// How often a tier's clients are reviewed: monthly, quarterly, half-yearly or yearly.
///
/// Every client is reviewed at least yearly, whatever its tier says; reviews can also be asked
/// for on demand.
public enum ReviewCadence: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every month.
    case monthly
    /// Every three months (core and key strategic clients).
    case quarterly
    /// Every six months (potential and ecosystem strategic clients).
    case halfYearly = "half-yearly"
    /// Every twelve months (every client at least).
    case yearly

    /// The months between two reviews.
    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .yearly: 12
        }
    }
}
