/// What the bank knows of a corporate client beyond the common profile: financials, strategic
/// value, cooperation depth, risk and ESG.
///
/// Qualitative judgements (growth potential, innovation, stability, strategic fit, ESG) are
/// expert ratings from 1 (weak) to 5 (excellent), as strategic-client committees record them.
public struct CorporateAttributes: Hashable, Sendable, Codable {
    /// The unified social credit code or other registration number.
    public var registrationID: String?
    /// Annual revenue.
    public var annualRevenue: Money?
    /// Total assets.
    public var totalAssets: Money?
    /// Profit the client contributes to the bank per year.
    public var profitContribution: Money?
    /// Rank in its industry (1 = leader).
    public var industryRank: Int?
    /// Growth potential, expert rating 1-5.
    public var growthPotential: Int?
    /// Innovation capacity, expert rating 1-5.
    public var innovationCapacity: Int?
    /// Number of the bank's product lines the client uses.
    public var productBreadth: Int?
    /// Years the client has worked with the bank.
    public var yearsOfCooperation: Int?
    /// Operating stability, expert rating 1-5.
    public var operatingStability: Int?
    /// Strategic fit with the bank's priorities, expert rating 1-5.
    public var strategicFit: Int?
    /// ESG performance, expert rating 1-5.
    public var esgRating: Int?
    /// The region it operates in.
    public var region: String?
    /// Ownership type.
    public var ownership: OwnershipType?
    /// Lifecycle stage.
    public var lifecycleStage: LifecycleStage?

    /// Creates corporate attributes; every field is optional.
    public init(
        registrationID: String? = nil,
        annualRevenue: Money? = nil,
        totalAssets: Money? = nil,
        profitContribution: Money? = nil,
        industryRank: Int? = nil,
        growthPotential: Int? = nil,
        innovationCapacity: Int? = nil,
        productBreadth: Int? = nil,
        yearsOfCooperation: Int? = nil,
        operatingStability: Int? = nil,
        strategicFit: Int? = nil,
        esgRating: Int? = nil,
        region: String? = nil,
        ownership: OwnershipType? = nil,
        lifecycleStage: LifecycleStage? = nil
    ) {
        self.registrationID = registrationID
        self.annualRevenue = annualRevenue
        self.totalAssets = totalAssets
        self.profitContribution = profitContribution
        self.industryRank = industryRank
        self.growthPotential = growthPotential
        self.innovationCapacity = innovationCapacity
        self.productBreadth = productBreadth
        self.yearsOfCooperation = yearsOfCooperation
        self.operatingStability = operatingStability
        self.strategicFit = strategicFit
        self.esgRating = esgRating
        self.region = region
        self.ownership = ownership
        self.lifecycleStage = lifecycleStage
    }
}
