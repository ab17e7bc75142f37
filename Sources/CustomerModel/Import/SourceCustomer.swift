/// Where a record came from: the file (by its position in the import and its name) and the line.
struct RecordLocation: Hashable, Sendable, Comparable {
    var fileIndex: Int
    var file: String
    var line: Int

    static func < (lhs: RecordLocation, rhs: RecordLocation) -> Bool {
        (lhs.fileIndex, lhs.line) < (rhs.fileIndex, rhs.line)
    }
}

/// One source system's record of a client, decoded from a customers file: every profile field the
/// system supplied, each optional, before identity resolution and merging.
///
/// A class, so the merger's many field reads share one record instead of copying forty fields;
/// it never leaves the planning call that creates it.
final class SourceCustomer {
    var identity: SourceIdentity
    var location: RecordLocation
    var hostID: CustomerID?
    var kind: CustomerKind?
    var name: String?
    var nationalID: String?
    var birthDate: Day?
    var maritalStatus: MaritalStatus?
    var weddingDate: Day?
    var children: [Child]?
    var occupation: String?
    var position: Position?
    var industry: String?
    var mobile: String?
    var phone: String?
    var email: String?
    var wechat: String?
    var address: String?
    var riskAppetite: RiskAppetite?
    var creditRating: CreditRating?
    var kyc: KYCStatus?
    var relationshipManager: StaffID?
    var branch: BranchID?
    var serviceTeam: [StaffID]?
    var onboardedOn: Day?
    var consents: [Consent]?
    var registrationID: String?
    var annualRevenue: Money?
    var totalAssets: Money?
    var profitContribution: Money?
    var industryRank: Int?
    var growthPotential: Int?
    var innovationCapacity: Int?
    var productBreadth: Int?
    var yearsOfCooperation: Int?
    var operatingStability: Int?
    var strategicFit: Int?
    var esgRating: Int?
    var region: String?
    var ownership: OwnershipType?
    var lifecycleStage: LifecycleStage?
    var tags: [Tag] = []

    init(identity: SourceIdentity, location: RecordLocation) {
        self.identity = identity
        self.location = location
    }

    /// The effective kind: individual unless the record says corporate.
    var effectiveKind: CustomerKind { kind ?? .individual }

    static let corporateColumns = [
        "registrationID", "annualRevenue", "totalAssets", "profitContribution", "currency", "industryRank",
        "growthPotential", "innovationCapacity", "productBreadth", "yearsOfCooperation", "operatingStability",
        "strategicFit", "esgRating", "region", "ownership", "lifecycleStage",
    ]

    /// Decodes a customers row; `nil` when any field is bad (the errors are in `reader`).
    /// - Parameters:
    ///   - reader: the row's fields; collects the errors.
    ///   - fileIndex: the index of the row's file in the import.
    ///   - now: stamps imported tags, and consents without a `consentedOn` day.
    ///   - calendar: turns `consentedOn` into an instant.
    /// - Returns: the decoded customer, or `nil` when any field is bad.
    static func decode(
        _ reader: inout FieldReader,
        fileIndex: Int,
        now: Instant,
        calendar: BankCalendar
    ) -> SourceCustomer? {
        let system = reader.file.sourceSystem
        let localID = reader.text("id", required: true)
        let record = SourceCustomer(
            identity: SourceIdentity(system: system, localID: localID ?? ""),
            location: RecordLocation(fileIndex: fileIndex, file: reader.file.name, line: reader.line)
        )
        record.hostID = reader.text("customerID").map(CustomerID.init)
        record.kind = reader.choice("kind", EnumTables.customerKind)
        record.name = reader.text("name", required: true)
        record.nationalID = reader.text("nationalID")
        record.birthDate = reader.day("birthDate")
        record.maritalStatus = reader.choice("maritalStatus", EnumTables.maritalStatus)
        record.weddingDate = reader.day("weddingDate")
        record.children = children(&reader)
        record.occupation = reader.text("occupation")
        record.position = reader.choice("position", EnumTables.position)
        record.industry = reader.text("industry")
        record.mobile = reader.text("mobile")
        record.phone = reader.text("phone")
        record.email = reader.text("email")
        record.wechat = reader.text("wechat")
        record.address = reader.text("address")
        record.riskAppetite = reader.choice("riskAppetite", EnumTables.riskAppetite)
        record.creditRating = reader.choice("creditRating", EnumTables.creditRating)
        let kycState = reader.choice("kycState", EnumTables.kycState)
        let reviewed = reader.day("kycReviewedOn")
        let nextReview = reader.day("kycNextReviewOn")
        if let kycState {
            record.kyc = KYCStatus(state: kycState, reviewedOn: reviewed, nextReviewOn: nextReview)
        } else if reviewed != nil || nextReview != nil {
            reader.fail(.missingValue, "kycState", "KYC review dates need a KYC state")
        }
        record.relationshipManager = reader.text("relationshipManager").map(StaffID.init)
        record.branch = reader.text("branch").map(BranchID.init)
        record.serviceTeam = reader.list("serviceTeam")?.map(StaffID.init)
        record.onboardedOn = reader.day("onboardedOn")
        record.consents = consents(&reader, now: now, calendar: calendar)

        if record.effectiveKind == .individual,
            let column = corporateColumns.first(where: { reader.has($0) })
        {
            reader.fail(.invalidValue, column, "corporate columns are for corporate records; this record is individual")
        } else {
            record.registrationID = reader.text("registrationID")
            let amounts = ["annualRevenue", "totalAssets", "profitContribution"]
            let currency = reader.currency()
            if !reader.has("currency"), let first = amounts.first(where: { reader.has($0) }) {
                reader.fail(.missingValue, "currency", "a currency is required with \(first)")
            }
            record.annualRevenue = reader.amount("annualRevenue", currency: currency)
            record.totalAssets = reader.amount("totalAssets", currency: currency)
            record.profitContribution = reader.amount("profitContribution", currency: currency)
            record.industryRank = reader.integer("industryRank", in: 0...Int.max)
            record.productBreadth = reader.integer("productBreadth", in: 0...Int.max)
            record.yearsOfCooperation = reader.integer("yearsOfCooperation", in: 0...Int.max)
            record.growthPotential = reader.integer("growthPotential", in: 1...5)
            record.innovationCapacity = reader.integer("innovationCapacity", in: 1...5)
            record.operatingStability = reader.integer("operatingStability", in: 1...5)
            record.strategicFit = reader.integer("strategicFit", in: 1...5)
            record.esgRating = reader.integer("esgRating", in: 1...5)
            record.region = reader.text("region")
            record.ownership = reader.choice("ownership", EnumTables.ownership)
            record.lifecycleStage = reader.choice("lifecycleStage", EnumTables.lifecycleStage)
        }
        record.tags = tags(&reader, system: system, now: now)
        guard reader.errors.isEmpty, localID != nil, record.name != nil else { return nil }
        return record
    }

    private static func children(_ reader: inout FieldReader) -> [Child]? {
        if let elements = reader.jsonArray("children") {
            var children: [Child] = []
            for (offset, element) in elements.enumerated() {
                guard case .object(let members) = element else {
                    reader.fail(.invalidValue, "children", "entry \(offset + 1) is not an object")
                    return nil
                }
                var child = Child()
                for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                    let text: String?
                    switch value {
                    case .string(let string): text = String(string.trimmingWhitespace)
                    case .null: text = nil
                    default:
                        reader.fail(
                            .invalidValue,
                            "children",
                            "entry \(offset + 1): \(RecordReader.quoted(key)) must be a string"
                        )
                        return nil
                    }
                    guard let text, !text.isEmpty else { continue }
                    switch key {
                    case "name": child.name = text
                    case "birthDate":
                        guard let day = FieldReader.parseDay(text) else {
                            reader.fail(
                                .invalidDate,
                                "children",
                                "entry \(offset + 1): \(RecordReader.quoted(text)) is not a date that exists"
                            )
                            return nil
                        }
                        child.birthDate = day
                    case "educationStage":
                        guard let stage = EnumTables.educationStage.value(named: text) else {
                            reader.fail(
                                .invalidEnumValue,
                                "children",
                                "entry \(offset + 1): \(RecordReader.quoted(text)) is not an education stage"
                            )
                            return nil
                        }
                        child.educationStage = stage
                    default:
                        reader.fail(
                            .invalidValue,
                            "children",
                            "entry \(offset + 1): unknown key \(RecordReader.quoted(key))"
                        )
                        return nil
                    }
                }
                children.append(child)
            }
            return children.isEmpty ? nil : children
        }
        guard let text = reader.text("children") else { return nil }
        var children: [Child] = []
        for (offset, entry) in text.split(separator: ";").enumerated() {
            let parts = entry.split(separator: "|", omittingEmptySubsequences: false).map {
                String($0.trimmingWhitespace)
            }
            guard parts.count <= 3, parts.contains(where: { !$0.isEmpty }) else {
                reader.fail(.invalidValue, "children", "entry \(offset + 1) is not name|birthDate|educationStage")
                return nil
            }
            var child = Child()
            if !parts[0].isEmpty { child.name = parts[0] }
            if parts.count > 1, !parts[1].isEmpty {
                guard let day = FieldReader.parseDay(parts[1]) else {
                    reader.fail(
                        .invalidDate,
                        "children",
                        "entry \(offset + 1): \(RecordReader.quoted(parts[1])) is not a date that exists"
                    )
                    return nil
                }
                child.birthDate = day
            }
            if parts.count > 2, !parts[2].isEmpty {
                guard let stage = EnumTables.educationStage.value(named: parts[2]) else {
                    reader.fail(
                        .invalidEnumValue,
                        "children",
                        "entry \(offset + 1): \(RecordReader.quoted(parts[2])) is not an education stage"
                    )
                    return nil
                }
                child.educationStage = stage
            }
            children.append(child)
        }
        return children.isEmpty ? nil : children
    }

    private static func consents(_ reader: inout FieldReader, now: Instant, calendar: BankCalendar) -> [Consent]? {
        let granted = reader.list("consentsGranted") ?? []
        let refused = reader.list("consentsRefused") ?? []
        let day = reader.day("consentedOn")
        guard !granted.isEmpty || !refused.isEmpty else { return nil }
        let at = day.map { calendar.start(of: $0) } ?? now
        var consents: [Consent] = []
        var seen = Set<Consent.Purpose>()
        for (column, entries, isGranted) in [("consentsGranted", granted, true), ("consentsRefused", refused, false)] {
            for entry in entries {
                guard let purpose = EnumTables.consentPurpose.value(named: entry) else {
                    reader.fail(
                        .invalidEnumValue,
                        column,
                        "\(RecordReader.quoted(entry)) is not a consent purpose (expected one of \(EnumTables.consentPurpose.list))"
                    )
                    continue
                }
                guard seen.insert(purpose).inserted else {
                    reader.fail(.invalidValue, column, "purpose \(purpose.rawValue) is listed twice")
                    continue
                }
                consents.append(Consent(purpose: purpose, isGranted: isGranted, recordedAt: at))
            }
        }
        return consents
    }

    private static func tags(_ reader: inout FieldReader, system: SourceSystem, now: Instant) -> [Tag] {
        guard let entries = reader.list("tags") else { return [] }
        var tags: [Tag] = []
        var seen = Set<String>()
        for entry in entries {
            var category = Tag.Category.other
            var name = entry
            if let colon = entry.firstIndex(of: ":"),
                let match = EnumTables.tagCategory.value(named: entry[..<colon])
            {
                category = match
                name = String(entry[entry.index(after: colon)...].trimmingWhitespace)
            }
            guard !name.isEmpty else {
                reader.fail(.invalidValue, "tags", "a tag has an empty name")
                continue
            }
            if seen.insert(name).inserted {
                tags.append(Tag(name: name, category: category, source: .system(system), setAt: now))
            }
        }
        return tags
    }
}
