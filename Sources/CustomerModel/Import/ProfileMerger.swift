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

    /// The group's members, most trusted first by `order`: by rank, then system, then local id,
    /// then location.
    private func ranked(_ members: [Int], by order: [SourceSystem]) -> [Int] {
        if members.count < 2 { return members }
        let keys = members.map { index in
            let identity = records[index].identity
            return (index, order.firstIndex(of: identity.system) ?? order.count, identity, records[index].location)
        }
        return keys.sorted { left, right in
            if left.1 != right.1 { return left.1 < right.1 }
            if left.2.system != right.2.system { return left.2.system < right.2.system }
            if left.2.localID != right.2.localID { return left.2.localID < right.2.localID }
            return left.3 < right.3
        }.map(\.0)
    }

    private func ranked(_ members: [Int], for field: ProfileField) -> [Int] {
        ranked(members, by: precedence[field])
    }

    private struct Picker {
        let merger: ProfileMerger
        let members: [Int]
        /// The members by the general order, shared by every field without an order of its own.
        let generally: [Int]
        var choices: [MergeLog.FieldChoice] = []
        var suppliers: [ProfileField: Int] = [:]

        init(merger: ProfileMerger, members: [Int]) {
            self.merger = merger
            self.members = members
            generally = merger.ranked(members, by: merger.precedence.order)
        }

        func ranked(for field: ProfileField) -> [Int] {
            if members.count < 2 || merger.precedence.fieldOrders[field] == nil { return generally }
            return merger.ranked(members, for: field)
        }

        mutating func pick<Value>(
            _ field: ProfileField,
            _ read: (SourceCustomer) -> Value?,
            same: (Value, Value) -> Bool
        ) -> Value? {
            var chosen: (index: Int, value: Value)?
            var overridden: [SourceIdentity] = []
            for index in ranked(for: field) {
                let record = merger.records[index]
                guard let value = read(record) else { continue }
                if let chosen {
                    if !same(chosen.value, value) { overridden.append(record.identity) }
                } else {
                    chosen = (index, value)
                }
            }
            guard let chosen else { return nil }
            choices.append(
                MergeLog.FieldChoice(
                    field: field,
                    source: merger.records[chosen.index].identity,
                    overridden: overridden
                )
            )
            suppliers[field] = chosen.index
            return chosen.value
        }

        mutating func pick<Value: Equatable>(_ field: ProfileField, _ read: (SourceCustomer) -> Value?) -> Value? {
            pick(field, read, same: ==)
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
                        .conflictingCustomerID,
                        file: records[other].location.file,
                        line: records[other].location.line,
                        field: "customerID",
                        "this record matches \(records[index].identity), which carries customerID \(host), but carries \(otherHost)"
                    )
                )
            }
        } else {
            idSource = picker.ranked(for: .customerID).first ?? first
            id = CustomerID(records[idSource].identity.description)
        }
        picker.choices.append(MergeLog.FieldChoice(field: .customerID, source: records[idSource].identity))
        picker.suppliers[.customerID] = idSource

        let kind = picker.pick(.kind, { $0.kind }) ?? .individual
        let name = picker.pick(.name, { $0.name }, same: { MatchKeys.name($0) == MatchKeys.name($1) }) ?? ""
        let nationalID = picker.pick(
            .nationalID,
            { $0.nationalID },
            same: { MatchKeys.identityNumber($0) == MatchKeys.identityNumber($1) }
        )
        let birthDate = picker.pick(.birthDate, { $0.birthDate })
        let maritalStatus = picker.pick(.maritalStatus, { $0.maritalStatus })
        let weddingDate = picker.pick(.weddingDate, { $0.weddingDate })
        let children = picker.pick(.children, { $0.children })
        let occupation = picker.pick(.occupation, { $0.occupation })
        let position = picker.pick(.position, { $0.position })
        let industry = picker.pick(.industry, { $0.industry })
        var contacts: [ContactPoint] = []
        if let mobile = picker.pick(.mobile, { $0.mobile }, same: { MatchKeys.mobile($0) == MatchKeys.mobile($1) }) {
            contacts.append(ContactPoint(kind: .mobile, value: mobile, isPrimary: true))
        }
        let contactFields: [(ProfileField, (SourceCustomer) -> String?, ContactPoint.Kind)] = [
            (.phone, { $0.phone }, .phone), (.email, { $0.email }, .email), (.wechat, { $0.wechat }, .wechat),
            (.address, { $0.address }, .address),
        ]
        for (field, read, contactKind) in contactFields {
            if let value = picker.pick(field, read) {
                contacts.append(ContactPoint(kind: contactKind, value: value, isPrimary: true))
            }
        }
        let riskAppetite = picker.pick(.riskAppetite, { $0.riskAppetite })
        let creditRating = picker.pick(.creditRating, { $0.creditRating })
        let kyc = picker.pick(.kyc, { $0.kyc })
        let relationshipManager = picker.pick(.relationshipManager, { $0.relationshipManager })
        let branch = picker.pick(.branch, { $0.branch })
        let serviceTeam = picker.pick(.serviceTeam, { $0.serviceTeam }) ?? []
        let onboardedOn = picker.pick(.onboardedOn, { $0.onboardedOn })
        let consents =
            picker.pick(
                .consents,
                { $0.consents },
                same: { a, b in
                    a.map { [$0.purpose.rawValue, "\($0.isGranted)"] }
                        == b.map { [$0.purpose.rawValue, "\($0.isGranted)"] }
                }
            ) ?? []

        var corporate = CorporateAttributes()
        corporate.registrationID = picker.pick(
            .registrationID,
            { $0.registrationID },
            same: { MatchKeys.identityNumber($0) == MatchKeys.identityNumber($1) }
        )
        corporate.annualRevenue = picker.pick(.annualRevenue, { $0.annualRevenue })
        corporate.totalAssets = picker.pick(.totalAssets, { $0.totalAssets })
        corporate.profitContribution = picker.pick(.profitContribution, { $0.profitContribution })
        corporate.industryRank = picker.pick(.industryRank, { $0.industryRank })
        corporate.growthPotential = picker.pick(.growthPotential, { $0.growthPotential })
        corporate.innovationCapacity = picker.pick(.innovationCapacity, { $0.innovationCapacity })
        corporate.productBreadth = picker.pick(.productBreadth, { $0.productBreadth })
        corporate.yearsOfCooperation = picker.pick(.yearsOfCooperation, { $0.yearsOfCooperation })
        corporate.operatingStability = picker.pick(.operatingStability, { $0.operatingStability })
        corporate.strategicFit = picker.pick(.strategicFit, { $0.strategicFit })
        corporate.esgRating = picker.pick(.esgRating, { $0.esgRating })
        corporate.region = picker.pick(.region, { $0.region })
        corporate.ownership = picker.pick(.ownership, { $0.ownership })
        corporate.lifecycleStage = picker.pick(.lifecycleStage, { $0.lifecycleStage })

        // Tags: the union, a name given twice keeping the more trusted system's tag.
        var tags: [Tag] = []
        var tagNames = Set<String>()
        for index in picker.generally {
            for tag in records[index].tags where tagNames.insert(tag.name).inserted { tags.append(tag) }
        }

        let ordered = picker.ranked(for: .customerID)
        let entry = MergeLog.Entry(
            customer: id,
            records: ordered.map {
                MergeLog.SourceRecord(
                    identity: records[$0].identity,
                    file: records[$0].location.file,
                    line: records[$0].location.line
                )
            },
            links: links,
            fields: picker.choices
        )  // picked in ProfileField.allCases order

        guard let branch else {
            let record = records[first]
            errors.append(
                ImportError(
                    .invalidProfile,
                    file: record.location.file,
                    line: record.location.line,
                    field: "branch",
                    "no source record of this client (\(members.count) merged) names a branch"
                )
            )
            return Outcome(profile: nil, entry: entry, errors: errors, suppliers: picker.suppliers)
        }
        let profile = CustomerProfile(
            id: id,
            kind: kind,
            name: name,
            coverage: Coverage(relationshipManager: relationshipManager, branch: branch, serviceTeam: serviceTeam),
            sourceIdentities: ordered.map { records[$0].identity },
            nationalID: nationalID,
            birthDate: birthDate,
            maritalStatus: maritalStatus,
            weddingDate: weddingDate,
            children: children ?? [],
            occupation: occupation,
            position: position,
            industry: industry,
            contacts: contacts,
            consents: consents,
            riskAppetite: riskAppetite,
            creditRating: creditRating,
            kyc: kyc,
            onboardedOn: onboardedOn,
            corporate: corporate == CorporateAttributes() ? nil : corporate,
            tags: tags
        )
        do throws(ValueError) {
            try profile.validate(in: organisation)
        } catch {
            let field = Self.profileField(forValidationField: error.field)
            let record = records[picker.suppliers[field] ?? first]
            errors.append(
                ImportError(
                    .invalidProfile,
                    file: record.location.file,
                    line: record.location.line,
                    field: field.rawValue,
                    "the merged profile is invalid: \(error.message)"
                )
            )
        }
        return Outcome(
            profile: errors.isEmpty ? profile : nil,
            entry: entry,
            errors: errors,
            suppliers: picker.suppliers
        )
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
