public import CustomerModel

/// A dimension of the Customer Value Model: four for individuals, six for strategic corporates.
///
/// Individuals are scored on current value (direct contribution today), potential value (room to
/// grow), relationship value (value through their network) and loyalty (trust, dependence, churn
/// risk). Strategic corporate clients are scored on financial indicators, strategic value,
/// cooperation depth, risk, strategic fit and ESG.
public enum ScoringDimension: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Direct contribution today: assets, income, activity.
    case current
    /// Room to grow: life stage, occupation and industry, credit.
    case potential
    /// Indirect value through the client's network: referrals, influence, related parties.
    case relationship
    /// Trust, dependence and churn risk: wallet share, contact, satisfaction, churn signals.
    case loyalty
    /// Financial indicators of a corporate: revenue, assets, profit contribution.
    case financial
    /// Strategic value of a corporate: industry rank, growth potential, innovation.
    case strategicValue
    /// Cooperation depth: product breadth, years of cooperation.
    case cooperationDepth
    /// Risk: credit rating, operating stability.
    case risk
    /// Strategic fit with the bank's priorities.
    case strategicFit
    /// Environmental, social and governance performance.
    case esg

    /// The kind of client the dimension scores.
    public var subject: CustomerKind {
        switch self {
        case .current, .potential, .relationship, .loyalty: .individual
        default: .corporate
        }
    }

    /// The dimensions of one kind of client, in the order explanations list them.
    public static func dimensions(of subject: CustomerKind) -> [ScoringDimension] {
        allCases.filter { $0.subject == subject }
    }

    /// A title for reports: `current value`, `cooperation depth`.
    public var title: String {
        switch self {
        case .current: "current value"
        case .potential: "potential value"
        case .relationship: "relationship value"
        case .loyalty: "loyalty"
        case .financial: "financial indicators"
        case .strategicValue: "strategic value"
        case .cooperationDepth: "cooperation depth"
        case .risk: "risk"
        case .strategicFit: "strategic fit"
        case .esg: "ESG"
        }
    }

    /// The name used in model files (`strategicValue`).
    public var description: String { rawValue }
}
