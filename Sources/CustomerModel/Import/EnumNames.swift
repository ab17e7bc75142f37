/// The file names of one enum's cases, looked up without regard to letter case.
///
/// Built once per enum (``EnumTables``), so reading a million rows never asks the runtime for a
/// case's name.
struct EnumNames<Value: Sendable>: Sendable {
    /// What the enum is called in messages ("product type").
    let what: String
    /// The case names, comma-separated, for messages.
    let list: String
    private let byName: [String: Value]

    /// A table of `Value`'s cases by their Swift case names, plus `aliases` for each.
    init(_ type: Value.Type, what: String, aliases: (Value) -> [String] = { _ in [] }) where Value: CaseIterable {
        self.what = what
        var byName: [String: Value] = [:]
        var names: [String] = []
        for value in Value.allCases {
            let name = String(describing: value)
            names.append(name)
            byName[name.lowercased()] = value
            for alias in aliases(value) { byName[alias.lowercased()] = value }
        }
        self.byName = byName
        list = names.joined(separator: ", ")
    }

    /// The case named `text` (any letter case), or `nil`.
    func value(named text: some StringProtocol) -> Value? {
        if let exact = byName[String(text)] { return exact }
        return byName[text.lowercased()]
    }
}

/// The name tables of every enum the import files use.
enum EnumTables {
    static let customerKind = EnumNames(CustomerKind.self, what: "customer kind")
    static let maritalStatus = EnumNames(MaritalStatus.self, what: "marital status")
    static let position = EnumNames(Position.self, what: "position")
    static let riskAppetite = EnumNames(RiskAppetite.self, what: "risk appetite")
    static let creditRating = EnumNames(CreditRating.self, what: "credit rating", aliases: { [$0.rawValue] })
    static let kycState = EnumNames(KYCState.self, what: "KYC state")
    static let ownership = EnumNames(OwnershipType.self, what: "ownership type")
    static let lifecycleStage = EnumNames(LifecycleStage.self, what: "lifecycle stage")
    static let educationStage = EnumNames(EducationStage.self, what: "education stage")
    static let consentPurpose = EnumNames(Consent.Purpose.self, what: "consent purpose")
    static let tagCategory = EnumNames(Tag.Category.self, what: "tag category")
    static let productType = EnumNames(ProductType.self, what: "product type")
    static let accountStatus = EnumNames(Account.Status.self, what: "account status")
    static let renewal = EnumNames(SourceActivity.RenewalName.self, what: "renewal outcome")
    static let transactionType = EnumNames(TransactionType.self, what: "transaction type")
    static let direction = EnumNames(Direction.self, what: "direction")
    static let channel = EnumNames(Channel.self, what: "channel")
    static let merchantCategory = EnumNames(MerchantCategory.self, what: "merchant category")
    static let interactionChannel = EnumNames(InteractionChannel.self, what: "interaction channel")
    static let interactionKind = EnumNames(InteractionKind.self, what: "interaction kind")
}
