/// Decides which source customer records are one client, with a union-find over the records.
///
/// Match rules, each joining two records (and so, transitively, their groups):
/// 1. the same host `customerID`;
/// 2. the same normalised national ID (individuals) or registration ID (organisations);
/// 3. for a record without such an ID: the same kind, normalised mobile, normalised name and birth
///    date as another record. When the records sharing those also carry two or more different
///    IDs, the ID-less records are joined only with each other, never to one of the ID holders:
///    guessing would merge two people.
///
/// Records are visited in input order (file, then line), so the links found are deterministic.
struct IdentityResolver {
    struct Group {
        /// Indices into the records, ascending.
        var members: [Int]
        var links: [MergeLog.Link]
    }

    static func resolve(_ records: [SourceCustomer]) -> [Group] {
        var sets = UnionFind(count: records.count)
        var links: [(Int, Int, MergeLog.MatchRule)] = []
        func join(_ a: Int, _ b: Int, _ rule: MergeLog.MatchRule) {
            if sets.union(a, b) { links.append((b, a, rule)) }
        }

        var firstWithHostID: [CustomerID: Int] = [:]
        var firstWithIdentity: [String: Int] = [:]
        var byContact: [String: [Int]] = [:]
        var contactOrder: [String] = []
        let identityKeys = records.map(MatchKeys.identity(of:))
        for (index, record) in records.enumerated() {
            if let host = record.hostID {
                if let first = firstWithHostID[host] {
                    join(first, index, .customerID)
                } else {
                    firstWithHostID[host] = index
                }
            }
            if let key = identityKeys[index] {
                let rule: MergeLog.MatchRule = record.effectiveKind == .individual ? .nationalID : .registrationID
                if let first = firstWithIdentity[key] {
                    join(first, index, rule)
                } else {
                    firstWithIdentity[key] = index
                }
            }
            if let key = MatchKeys.contact(of: record) {
                if byContact[key] == nil { contactOrder.append(key) }
                byContact[key, default: []].append(index)
            }
        }
        for key in contactOrder {
            let members = byContact[key] ?? []
            let withoutID = members.filter { identityKeys[$0] == nil }
            guard let firstWithout = withoutID.first else { continue }
            for other in withoutID.dropFirst() { join(firstWithout, other, .mobileNameAndBirthDate) }
            let holders = members.filter { identityKeys[$0] != nil }
            let distinctIDs = Set(holders.compactMap { identityKeys[$0] })
            if distinctIDs.count == 1, let holder = holders.first {
                join(holder, firstWithout, .mobileNameAndBirthDate)
            }
        }

        let groups = sets.groups()
        var groupOf = [Int](repeating: 0, count: records.count)
        for (number, members) in groups.enumerated() {
            for member in members { groupOf[member] = number }
        }
        var result = groups.map { Group(members: $0, links: []) }
        for (record, matched, rule) in links {
            result[groupOf[record]].links.append(
                MergeLog.Link(record: records[record].identity, matched: records[matched].identity, rule: rule)
            )
        }
        return result
    }
}
