/// A field of the golden profile whose value the importer picks from one source record.
///
/// ``SourcePrecedence`` says which record wins. The field's name is the customers-file column it
/// comes from (``kyc`` covers the three `kyc...` columns, ``consents`` the three `consent...`
/// columns).
///
/// ``customerID`` is special: it picks which record's ``SourceIdentity`` names the golden profile
/// when no record carries a host `customerID` (see ``CustomerImporter``). Tags are not a field: the
/// golden profile carries the union of every record's tags.
public struct ProfileField: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The field's name (`mobile`, `riskAppetite`).
    public let rawValue: String

    /// Creates a field from its name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The field's name.
    public var description: String { rawValue }

    /// Orders fields by name.
    public static func < (lhs: ProfileField, rhs: ProfileField) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Which record's source identity names the golden profile.
    public static let customerID = ProfileField("customerID")
    /// ``CustomerProfile/kind``.
    public static let kind = ProfileField("kind")
    /// ``CustomerProfile/name``.
    public static let name = ProfileField("name")
    /// ``CustomerProfile/nationalID``.
    public static let nationalID = ProfileField("nationalID")
    /// ``CustomerProfile/birthDate``.
    public static let birthDate = ProfileField("birthDate")
    /// ``CustomerProfile/maritalStatus``.
    public static let maritalStatus = ProfileField("maritalStatus")
    /// ``CustomerProfile/weddingDate``.
    public static let weddingDate = ProfileField("weddingDate")
    /// ``CustomerProfile/children``, as one list.
    public static let children = ProfileField("children")
    /// ``CustomerProfile/occupation``.
    public static let occupation = ProfileField("occupation")
    /// ``CustomerProfile/position``.
    public static let position = ProfileField("position")
    /// ``CustomerProfile/industry``.
    public static let industry = ProfileField("industry")
    /// The mobile ``ContactPoint``.
    public static let mobile = ProfileField("mobile")
    /// The fixed-line phone ``ContactPoint``.
    public static let phone = ProfileField("phone")
    /// The e-mail ``ContactPoint``.
    public static let email = ProfileField("email")
    /// The WeChat ``ContactPoint``.
    public static let wechat = ProfileField("wechat")
    /// The postal address ``ContactPoint``.
    public static let address = ProfileField("address")
    /// ``CustomerProfile/riskAppetite``.
    public static let riskAppetite = ProfileField("riskAppetite")
    /// ``CustomerProfile/creditRating``.
    public static let creditRating = ProfileField("creditRating")
    /// ``CustomerProfile/kyc``: state and review dates together.
    public static let kyc = ProfileField("kyc")
    /// ``Coverage/relationshipManager``.
    public static let relationshipManager = ProfileField("relationshipManager")
    /// ``Coverage/branch``.
    public static let branch = ProfileField("branch")
    /// ``Coverage/serviceTeam``, as one list.
    public static let serviceTeam = ProfileField("serviceTeam")
    /// ``CustomerProfile/onboardedOn``.
    public static let onboardedOn = ProfileField("onboardedOn")
    /// ``CustomerProfile/consents``, as one list.
    public static let consents = ProfileField("consents")
    /// ``CorporateAttributes/registrationID``.
    public static let registrationID = ProfileField("registrationID")
    /// ``CorporateAttributes/annualRevenue``.
    public static let annualRevenue = ProfileField("annualRevenue")
    /// ``CorporateAttributes/totalAssets``.
    public static let totalAssets = ProfileField("totalAssets")
    /// ``CorporateAttributes/profitContribution``.
    public static let profitContribution = ProfileField("profitContribution")
    /// ``CorporateAttributes/industryRank``.
    public static let industryRank = ProfileField("industryRank")
    /// ``CorporateAttributes/growthPotential``.
    public static let growthPotential = ProfileField("growthPotential")
    /// ``CorporateAttributes/innovationCapacity``.
    public static let innovationCapacity = ProfileField("innovationCapacity")
    /// ``CorporateAttributes/productBreadth``.
    public static let productBreadth = ProfileField("productBreadth")
    /// ``CorporateAttributes/yearsOfCooperation``.
    public static let yearsOfCooperation = ProfileField("yearsOfCooperation")
    /// ``CorporateAttributes/operatingStability``.
    public static let operatingStability = ProfileField("operatingStability")
    /// ``CorporateAttributes/strategicFit``.
    public static let strategicFit = ProfileField("strategicFit")
    /// ``CorporateAttributes/esgRating``.
    public static let esgRating = ProfileField("esgRating")
    /// ``CorporateAttributes/region``.
    public static let region = ProfileField("region")
    /// ``CorporateAttributes/ownership``.
    public static let ownership = ProfileField("ownership")
    /// ``CorporateAttributes/lifecycleStage``.
    public static let lifecycleStage = ProfileField("lifecycleStage")

    /// Every field the importer merges, in the order the merge log lists them.
    public static let allCases: [ProfileField] = [
        .customerID, .kind, .name, .nationalID, .birthDate, .maritalStatus, .weddingDate, .children, .occupation,
        .position, .industry, .mobile, .phone, .email, .wechat, .address, .riskAppetite, .creditRating, .kyc,
        .relationshipManager, .branch, .serviceTeam, .onboardedOn, .consents, .registrationID, .annualRevenue,
        .totalAssets, .profitContribution, .industryRank, .growthPotential, .innovationCapacity, .productBreadth,
        .yearsOfCooperation, .operatingStability, .strategicFit, .esgRating, .region, .ownership, .lifecycleStage,
    ]
}
