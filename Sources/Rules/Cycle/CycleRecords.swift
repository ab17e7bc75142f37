import CustomerModel
import ValueModel

/// The rules engine's client records built from the book the cycle read: each profile with its
/// holdings, household, referral count and balance snapshots, in profile order.
enum CycleRecords {
    static func records(of book: BookInputs) -> [ClientRecord] {
        var holdings: [CustomerID: [Holding]] = [:]
        for holding in book.holdings { holdings[holding.customer, default: []].append(holding) }
        var balances: [CustomerID: [BalanceSnapshot]] = [:]
        for snapshot in book.balances { balances[snapshot.customer, default: []].append(snapshot) }
        var referrals: [CustomerID: Int] = [:]
        for referral in book.referrals { referrals[referral.referrer, default: 0] += 1 }
        var edges: [CustomerID: [Relationship]] = [:]
        for edge in book.relationships where edge.kind.isHousehold {
            edges[edge.customer, default: []].append(edge)
            if let other = edge.party.customer, other != edge.customer { edges[other, default: []].append(edge) }
        }
        return book.profiles.map { profile in
            ClientRecord(
                profile: profile, holdings: holdings[profile.id] ?? [],
                household: household(of: profile.id, from: edges[profile.id] ?? []),
                referrals: referrals[profile.id] ?? 0, balances: balances[profile.id] ?? [])
        }
    }

    /// The client's household as the 360 view shows it: the members the client recorded, then the
    /// clients who recorded the client as theirs (seen from the other side: a parent's child is
    /// the child's parent).
    static func household(of customer: CustomerID, from edges: [Relationship]) -> [HouseholdMember] {
        var members: [HouseholdMember] = []
        var seen = Set<CustomerID>()
        for edge in edges where edge.customer == customer {
            if let id = edge.party.customer { seen.insert(id) }
            members.append(HouseholdMember(relation: edge.kind, party: edge.party, anniversary: edge.anniversary))
        }
        for edge in edges where edge.customer != customer && edge.party.customer == customer {
            guard seen.insert(edge.customer).inserted else { continue }
            let inverse: RelationshipKind =
                switch edge.kind {
                case .child: .parent
                case .parent: .child
                default: edge.kind
                }
            members.append(
                HouseholdMember(
                    relation: inverse, party: RelatedParty(customer: edge.customer, name: edge.customer.rawValue),
                    anniversary: edge.anniversary))
        }
        return members
    }
}
