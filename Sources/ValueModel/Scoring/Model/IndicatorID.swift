/// The name of an indicator in the ``IndicatorCatalogue``, such as `aumDeposits` or `lifeStage`.
///
/// Scoring models refer to indicators by these names; an ``IndicatorTable`` holds one column per
/// name. The static members list every indicator the catalogue knows.
public struct IndicatorID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written in model files.
    public let rawValue: String

    /// Creates an identifier from its name (known to the catalogue or not).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates an identifier from a literal name.
    public init(stringLiteral value: String) { rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// Orders identifiers by name.
    public static func < (lhs: IndicatorID, rhs: IndicatorID) -> Bool { lhs.rawValue < rhs.rawValue }

    // MARK: Individuals: current value

    /// Deposits (demand and time) held at the bank, an amount.
    public static let aumDeposits: IndicatorID = "aumDeposits"
    /// Wealth-management products held, an amount.
    public static let aumWealthProducts: IndicatorID = "aumWealthProducts"
    /// Mutual funds held, an amount.
    public static let aumFunds: IndicatorID = "aumFunds"
    /// Insurance policies bought through the bank, an amount.
    public static let aumInsurance: IndicatorID = "aumInsurance"
    /// Fee income of a year: distribution fees on investment holdings plus fees charged, an amount.
    public static let feeIncome: IndicatorID = "feeIncome"
    /// Interest a year on the client's loans, an amount.
    public static let loanInterest: IndicatorID = "loanInterest"
    /// Funds-transfer-pricing contribution of the client's deposits a year, an amount (may be negative).
    public static let ftpContribution: IndicatorID = "ftpContribution"
    /// Transactions in the last six months, a count.
    public static let transactionsLast6Months: IndicatorID = "transactionsLast6Months"
    /// Product lines held, a count.
    public static let productsHeld: IndicatorID = "productsHeld"

    // MARK: Individuals: potential value

    /// Life stage from age, marriage and children's education, a category (``LifeStage``).
    public static let lifeStage: IndicatorID = "lifeStage"
    /// Occupation, an open category (the profile's occupation in lower case).
    public static let occupation: IndicatorID = "occupation"
    /// Position in their organisation, a category (``/CustomerModel/Position``).
    public static let position: IndicatorID = "position"
    /// Outlook of the client's industry, an open category (the profile's industry in lower case).
    public static let industryOutlook: IndicatorID = "industryOutlook"
    /// Internal credit rating, a category (``/CustomerModel/CreditRating``).
    public static let creditRating: IndicatorID = "creditRating"
    /// Borrowing capacity: assets the bank could lend against, less what is already lent, an amount.
    public static let borrowingCapacity: IndicatorID = "borrowingCapacity"
    /// Risk appetite from the suitability assessment, a category (``/CustomerModel/RiskAppetite``).
    public static let riskAppetite: IndicatorID = "riskAppetite"

    // MARK: Individuals: relationship value

    /// Clients the client referred, a count.
    public static let referralsMade: IndicatorID = "referralsMade"
    /// Assets under management of the clients the client referred, an amount.
    public static let referredClientsValue: IndicatorID = "referredClientsValue"
    /// Social influence: active social tags (influencer, referrer), a count.
    public static let socialInfluence: IndicatorID = "socialInfluence"
    /// Assets under management of household members who bank with us, an amount.
    public static let householdValue: IndicatorID = "householdValue"
    /// Assets under management of enterprises the client controls or directs that bank with us, an amount.
    public static let enterpriseValue: IndicatorID = "enterpriseValue"

    // MARK: Individuals: loyalty

    /// Our share of the client's financial assets, a ratio from 0 to 1.
    public static let walletShare: IndicatorID = "walletShare"
    /// Contacts by the relationship manager in the last year, a count.
    public static let rmInteractions: IndicatorID = "rmInteractions"
    /// Mean satisfaction score of the last year, a rating from 1 to 5.
    public static let satisfaction: IndicatorID = "satisfaction"
    /// Churn signals present (large outflows, maturities not renewed, rising complaints, falling
    /// activity, falling AUM), a count.
    public static let churnSignals: IndicatorID = "churnSignals"
    /// Whole years since the client joined the bank, a count.
    public static let tenureYears: IndicatorID = "tenureYears"

    // MARK: Corporates

    /// Annual revenue, an amount.
    public static let annualRevenue: IndicatorID = "annualRevenue"
    /// Total assets, an amount.
    public static let totalAssets: IndicatorID = "totalAssets"
    /// Profit the client contributes to the bank a year, an amount.
    public static let profitContribution: IndicatorID = "profitContribution"
    /// Rank in its industry (1 is the leader), a count where lower is better.
    public static let industryRank: IndicatorID = "industryRank"
    /// Growth potential, an expert rating from 1 to 5.
    public static let growthPotential: IndicatorID = "growthPotential"
    /// Innovation capacity, an expert rating from 1 to 5.
    public static let innovationCapacity: IndicatorID = "innovationCapacity"
    /// Product lines of the bank the client uses, a count.
    public static let productBreadth: IndicatorID = "productBreadth"
    /// Years of cooperation with the bank, a count.
    public static let yearsOfCooperation: IndicatorID = "yearsOfCooperation"
    /// Assets the corporate client keeps with the bank (deposits and investments), an amount.
    public static let aumTotal: IndicatorID = "aumTotal"
    /// Operating stability, an expert rating from 1 to 5.
    public static let operatingStability: IndicatorID = "operatingStability"
    /// Strategic fit with the bank's priorities, an expert rating from 1 to 5.
    public static let strategicFit: IndicatorID = "strategicFit"
    /// Lifecycle stage, a category (``/CustomerModel/LifecycleStage``).
    public static let lifecycleStage: IndicatorID = "lifecycleStage"
    /// ESG performance, an expert rating from 1 to 5.
    public static let esgRating: IndicatorID = "esgRating"
}
