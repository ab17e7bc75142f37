/// How likely a client is to leave, from the weighted signals (``ChurnPolicy`` sets the weights and bounds).
public enum ChurnRiskLevel: UInt8, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// No signal.
    case none
    /// A risk score below ``ChurnPolicy/mediumRiskScore``: watch.
    case low
    /// A risk score from ``ChurnPolicy/mediumRiskScore``: flagged, the RM should act.
    case medium
    /// A risk score from ``ChurnPolicy/highRiskScore``: flagged, act now.
    case high

    /// Orders levels from none to high.
    public static func < (lhs: ChurnRiskLevel, rhs: ChurnRiskLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level's name as rules write it (`churn.risk >= "high"`); the rule language's
    /// `churn.risk` values are exactly these, lowest first.
    public var ruleName: String { description }

    /// The level's name.
    public var description: String {
        switch self {
        case .none: "none"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        }
    }
}
