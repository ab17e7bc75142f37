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
                profile: profile,
                holdings: holdings[profile.id] ?? [],
                household: CustomerWorkbench.household(of: profile.id, from: edges[profile.id] ?? []),
                referrals: referrals[profile.id] ?? 0,
                balances: balances[profile.id] ?? []
            )
        }
    }
}
