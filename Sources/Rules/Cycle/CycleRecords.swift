import CustomerModel
import ValueModel

/// The rules engine's client records built from the book the cycle read: each profile with its
/// holdings, household, referral count and balance snapshots, in profile order.
enum CycleRecords {
    static func records(of book: BookInputs) -> [ClientRecord] {
        var rows = RowLookup(book.profiles)
        let n = book.profiles.count
        var holdings = [[Holding]](repeating: [], count: n)
        for holding in book.holdings {
            if let row = rows.row(of: holding.customer) { holdings[row].append(holding) }
        }
        var balances = [[BalanceSnapshot]](repeating: [], count: n)
        for snapshot in book.balances {
            if let row = rows.row(of: snapshot.customer) { balances[row].append(snapshot) }
        }
        var referrals = [Int](repeating: 0, count: n)
        for referral in book.referrals {
            if let row = rows.row(of: referral.referrer) { referrals[row] += 1 }
        }
        var edges = [[Relationship]](repeating: [], count: n)
        for edge in book.relationships where edge.kind.isHousehold {
            if let row = rows.row(of: edge.customer) { edges[row].append(edge) }
            if let other = edge.party.customer, other != edge.customer, let row = rows.row(of: other) {
                edges[row].append(edge)
            }
        }
        var records: [ClientRecord] = []
        records.reserveCapacity(n)
        for (row, profile) in book.profiles.enumerated() {
            records.append(
                ClientRecord(
                    profile: profile,
                    holdings: holdings[row],
                    household: CustomerWorkbench.household(of: profile.id, from: edges[row]),
                    referrals: referrals[row],
                    balances: balances[row]
                )
            )
        }
        return records
    }
}

/// Each profile's row by client id, answering runs of records of one client (as stores list
/// them) without hashing the id again.
struct RowLookup {
    private let rows: [CustomerID: Int]
    private let ids: [CustomerID]
    private var last = -1

    /// The rows of `profiles` (the first row of a client listed twice).
    init(_ profiles: [CustomerProfile]) {
        var rows = [CustomerID: Int](minimumCapacity: profiles.count)
        for (row, profile) in profiles.enumerated() where rows[profile.id] == nil { rows[profile.id] = row }
        self.rows = rows
        ids = profiles.map(\.id)
    }

    /// The row of `client`, or `nil` for a client without a profile.
    mutating func row(of client: CustomerID) -> Int? {
        if last >= 0, ids[last] == client { return last }
        guard let row = rows[client] else { return nil }
        last = row
        return row
    }
}
