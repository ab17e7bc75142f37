/// Builds one golden ``CustomerProfile`` from a group of source records, field by field, by
/// ``SourcePrecedence``, and records each choice in a ``MergeLog/Entry``.
struct ProfileMerger {
    let precedence: SourcePrecedence
    let records: [SourceCustomer]

    struct Outcome {
        var profile: CustomerProfile?
        var entry: MergeLog.Entry
        var errors: [ImportError]
        /// The record that supplied each field, to place errors found on the merged profile.
        var suppliers: [ProfileField: Int]
    }

    /// The group's members, most trusted first for `field`: by rank, then local id, then location.
    private func ranked(_ members: [Int], for field: ProfileField) -> [Int] {
        if members.count < 2 { return members }
        return members.sorted { a, b in
            let left = records[a]
            let right = records[b]
            let rankLeft = precedence.rank(of: left.identity.system, for: field)
            let rankRight = precedence.rank(of: right.identity.system, for: field)
            if rankLeft != rankRight { return rankLeft < rankRight }
            if left.identity.system != right.identity.system { return left.identity.system < right.identity.system }
            if left.identity.localID != right.identity.localID { return left.identity.localID < right.identity.localID }
            return left.location < right.location
        }
    }

    private struct Picker {
        let merger: ProfileMerger
        let members: [Int]
        var choices: [MergeLog.FieldChoice] = []
        var suppliers: [ProfileField: Int] = [:]

        mutating func pick<Value>(
            _ field: ProfileField, _ path: KeyPath<SourceCustomer, Value?>,
            same: (Value, Value) -> Bool
        ) -> Value? {
            var chosen: (index: Int, value: Value)?
            var overridden: [SourceIdentity] = []
            for index in merger.ranked(members, for: field) {
                guard let value = merger.records[index][keyPath: path] else { continue }
                if let chosen {
                    if !same(chosen.value, value) { overridden.append(merger.records[index].identity) }
                } else {
                    chosen = (index, value)
                }
            }
            guard let chosen else { return nil }
            choices.append(
                MergeLog.FieldChoice(
                    field: field, source: merger.records[chosen.index].identity, overridden: overridden))
            suppliers[field] = chosen.index
            return chosen.value
        }

        mutating func pick<Value: Equatable>(_ field: ProfileField, _ path: KeyPath<SourceCustomer, Value?>) -> Value? {
            pick(field, path, same: ==)
        }
    }

    /// Merges the records at `members` (ascending indices) that `links` joined.
    func merge(_ members: [Int], links: [MergeLog.Link], organisation: Organisation) -> Outcome {
        var picker = Picker(merger: self, members: members)
        var errors: [ImportError] = []
        let first = members.first ?? 0

        // The golden id: a host customerID when one is given, else the most trusted identity.
        let hostIDs = members.compactMap { index in records[index].hostID.map { (index, $0) } }
        let id: CustomerID
        let idSource: Int
        if let firstHost = hostIDs.first {
            let (index, host) = firstHost
            id = host
            idSource = index
            for (other, otherHost) in hostIDs where otherHost != host {
                errors.append(
                    ImportError(
                        .conflictingCustomerID, file: records[other].location.file, line: records[other].location.line,
                        field: "customerID",
                        "this record matches \(records[index].identity), which carries customerID \(host), but carries \(otherHost)"
                    ))
            }
        } else {
            idSource = ranked(members, for: .customerID).first ?? first
            id = CustomerID(records[idSource].identity.description)
        }
        picker.choices.append(MergeLog.FieldChoice(field: .customerID, source: records[idSource].identity))
        picker.suppliers[.customerID] = idSource

        let kind = picker.pick(.kind, \.kind) ?? .individual
        let name = picker.pick(.name, \.name, same: { MatchKeys.name($0) == MatchKeys.name($1) }) ?? ""
        let nationalID = picker.pick(
            .nationalID, \.nationalID, same: { MatchKeys.identityNumber($0) == MatchKeys.identityNumber($1) })
        let birthDate = picker.pick(.birthDate, \.birthDate)
        let maritalStatus = picker.pick(.maritalStatus, \.maritalStatus)
        let weddingDate = picker.pick(.weddingDate, \.weddingDate)
        let children = picker.pick(.children, \.children)
        let occupation = picker.pick(.occupation, \.occupation)
        let position = picker.pick(.position, \.position)
        let industry = picker.pick(.industry, \.industry)
        var contacts: [ContactPoint] = []
        if let mobile = picker.pick(.mobile, \.mobile, same: { MatchKeys.mobile($0) == MatchKeys.mobile($1) }) {
            contacts.append(ContactPoint(kind: .mobile, value: mobile, isPrimary: true))
        }
        let contactFields: [(ProfileField, KeyPath<SourceCustomer, String?>, ContactPoint.Kind)] = [
            (.phone, \.phone, .phone), (.email, \.email, .email), (.wechat, \.wechat, .wechat),
            (.address, \.address, .address),
        ]
        for (field, path, contactKind) in contactFields {
            if let value = picker.pick(field, path) {
                contacts.append(ContactPoint(kind: contactKind, value: value, isPrimary: true))
            }
        }
        let riskAppetite = picker.pick(.riskAppetite, \.riskAppetite)
        let creditRating = picker.pick(.creditRating, \.creditRating)
        let kyc = picker.pick(.kyc, \.kyc)
        let relationshipManager = picker.pick(.relationshipManager, \.relationshipManager)
        let branch = picker.pick(.branch, \.branch)
        let serviceTeam = picker.pick(.serviceTeam, \.serviceTeam) ?? []
        let onboardedOn = picker.pick(.onboardedOn, \.onboardedOn)
        let consents =
            picker.pick(
                .consents, \.consents,
                same: { a, b in
                    a.map { [$0.purpose.rawValue, "\($0.isGranted)"] }
                        == b.map { [$0.purpose.rawValue, "\($0.isGranted)"] }
                }) ?? []

        var corporate = CorporateAttributes()
        corporate.registrationID = picker.pick(
            .registrationID, \.registrationID, same: { MatchKeys.identityNumber($0) == MatchKeys.identityNumber($1) })
        corporate.annualRevenue = picker.pick(.annualRevenue, \.annualRevenue)
        corporate.totalAssets = picker.pick(.totalAssets, \.totalAssets)
        corporate.profitContribution = picker.pick(.profitContribution, \.profitContribution)
        corporate.industryRank = picker.pick(.industryRank, \.industryRank)
        corporate.growthPotential = picker.pick(.growthPotential, \.growthPotential)
        corporate.innovationCapacity = picker.pick(.innovationCapacity, \.innovationCapacity)
        corporate.productBreadth = picker.pick(.productBreadth, \.productBreadth)
        corporate.yearsOfCooperation = picker.pick(.yearsOfCooperation, \.yearsOfCooperation)
        corporate.operatingStability = picker.pick(.operatingStability, \.operatingStability)
        corporate.strategicFit = picker.pick(.strategicFit, \.strategicFit)
        corporate.esgRating = picker.pick(.esgRating, \.esgRating)
        corporate.region = picker.pick(.region, \.region)
        corporate.ownership = picker.pick(.ownership, \.ownership)
        corporate.lifecycleStage = picker.pick(.lifecycleStage, \.lifecycleStage)

        // Tags: the union, a name given twice keeping the more trusted system's tag.
        var tags: [Tag] = []
        var tagNames = Set<String>()
        for index in ranked(members, for: ProfileField("tags")) {
            for tag in records[index].tags where tagNames.insert(tag.name).inserted { tags.append(tag) }
        }

        let ordered = ranked(members, for: .customerID)
        let entry = MergeLog.Entry(
            customer: id,
            records: ordered.map {
                MergeLog.SourceRecord(
                    identity: records[$0].identity, file: records[$0].location.file, line: records[$0].location.line)
            },
            links: links,
            fields: picker.choices)  // picked in ProfileField.allCases order

        guard let branch else {
            let record = records[first]
            errors.append(
                ImportError(
                    .invalidProfile, file: record.location.file, line: record.location.line, field: "branch",
                    "no source record of this client (\(members.count) merged) names a branch"))
            return Outcome(profile: nil, entry: entry, errors: errors, suppliers: picker.suppliers)
        }
        let profile = CustomerProfile(
            id: id, kind: kind, name: name,
            coverage: Coverage(relationshipManager: relationshipManager, branch: branch, serviceTeam: serviceTeam),
            sourceIdentities: ordered.map { records[$0].identity }, nationalID: nationalID, birthDate: birthDate,
            maritalStatus: maritalStatus, weddingDate: weddingDate, children: children ?? [], occupation: occupation,
            position: position, industry: industry, contacts: contacts, consents: consents, riskAppetite: riskAppetite,
            creditRating: creditRating, kyc: kyc, onboardedOn: onboardedOn,
            corporate: corporate == CorporateAttributes() ? nil : corporate, tags: tags)
        do throws(ValueError) {
            try profile.validate(in: organisation)
        } catch {
            let field = Self.profileField(forValidationField: error.field)
            let record = records[picker.suppliers[field] ?? first]
            errors.append(
                ImportError(
                    .invalidProfile, file: record.location.file, line: record.location.line, field: field.rawValue,
                    "the merged profile is invalid: \(error.message)"))
        }
        return Outcome(
            profile: errors.isEmpty ? profile : nil, entry: entry, errors: errors, suppliers: picker.suppliers)
    }

    /// The profile field a ``CustomerProfile/validate(in:)`` error names.
    private static func profileField(forValidationField field: String) -> ProfileField {
        switch field {
        case "coverage.branch": .branch
        case "coverage.relationshipManager": .relationshipManager
        case "corporate": .kind
        case "contacts": .mobile
        case "id": .customerID
        default: ProfileField(field)
        }
    }
}
