/// The columns one record kind defines: names (required first), which are required, and a
/// case-insensitive lookup from a header name or JSON key to a column index.
struct ColumnSet: Sendable {
    let names: [String]
    private let required: Set<Int>
    private let index: [String: Int]  // lower-cased names
    private let exact: [String: Int]  // names as the code spells them

    init(required: [String], optional: [String]) {
        names = required + optional
        self.required = Set(0..<required.count)
        index = Dictionary(names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        exact = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The index of the column named `name` (any case), or `nil` when the kind does not define it.
    func position(of name: String) -> Int? { exact[name] ?? index[name.lowercased()] }

    /// The index of the column named `name` (any case), or `nil` when the kind does not define it.
    func position(of name: Substring) -> Int? { position(of: String(name)) }

    func isRequired(_ name: String) -> Bool { position(of: name).map { required.contains($0) } ?? false }

    var requiredPositions: [Int] { required.sorted() }

    static let customers = ColumnSet(
        required: ["id", "name"],
        optional: [
            "customerID", "kind", "nationalID", "birthDate", "maritalStatus", "weddingDate", "children", "occupation",
            "position", "industry", "mobile", "phone", "email", "wechat", "address", "riskAppetite", "creditRating",
            "kycState", "kycReviewedOn", "kycNextReviewOn", "relationshipManager", "branch", "serviceTeam",
            "onboardedOn", "consentsGranted", "consentsRefused", "consentedOn", "registrationID", "annualRevenue",
            "totalAssets", "profitContribution", "currency", "industryRank", "growthPotential", "innovationCapacity",
            "productBreadth", "yearsOfCooperation", "operatingStability", "strategicFit", "esgRating", "region",
            "ownership", "lifecycleStage", "tags",
        ]
    )

    static let accounts = ColumnSet(
        required: ["id", "customer", "product", "currency", "openedOn"],
        optional: ["customerSystem", "closedOn", "status"]
    )

    static let holdings = ColumnSet(
        required: ["id", "customer", "product", "productCode", "balance", "currency", "openedOn"],
        optional: ["customerSystem", "account", "maturesOn", "renewal", "renewedAmount", "rateBasisPoints"]
    )

    static let transactions = ColumnSet(
        required: ["id", "customer", "day", "type", "direction", "amount", "currency"],
        optional: ["customerSystem", "account", "time", "channel", "merchantCategory", "counterparty", "isOverseas"]
    )

    static let interactions = ColumnSet(
        required: ["id", "customer", "day", "channel", "kind"],
        optional: [
            "customerSystem", "time", "staff", "notes", "category", "severity", "resolvedOn", "topic", "score",
            "pagesViewed", "dwellSeconds", "productInterest", "event", "promise", "dueOn", "fulfilledOn",
        ]
    )
}
