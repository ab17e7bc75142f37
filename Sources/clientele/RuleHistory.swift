import CustomerModel
import Rules

/// What a backtest replays: every client as the engine knows it, and the stored activity as
/// rule events (transactions and interactions; balances and holdings travel in the records).
struct RuleHistory {
    var clients: [ClientRecord]
    var events: [RuleEvent]

    /// Reads every client of `bank` (or the first `limit`, in id order) through the ports, with activity in `days`.
    static func gather(
        from bank: InMemoryBank,
        days: ClosedRange<Day>,
        limit: Int? = nil,
        as principal: Principal
    ) async throws -> RuleHistory {
        let store = bank.customers
        let activity = bank.activity
        let all = try await store.customers(matching: .all, as: principal)
        let ids = limit.map { Array(all.sorted { $0.rawValue < $1.rawValue }.prefix($0)) } ?? all
        let profiles = try await store.profiles(ids, as: principal)
        var holdingsByClient: [CustomerID: [Holding]] = [:]
        for holding in try await store.holdings(of: ids, as: principal) {
            holdingsByClient[holding.customer, default: []].append(holding)
        }
        let workbench = bank.workbench
        var referralCounts: [CustomerID: Int] = [:]
        for referral in try await store.referrals(madeBy: ids, as: principal) {
            referralCounts[referral.referrer, default: 0] += 1
        }

        var clients: [ClientRecord] = []
        clients.reserveCapacity(profiles.count)
        var events: [RuleEvent] = []
        for versioned in profiles {
            let id = versioned.profile.id
            let balances = try await activity.balances(of: id, in: days, as: principal)
            clients.append(
                ClientRecord(
                    profile: versioned.profile,
                    holdings: holdingsByClient[id] ?? [],
                    household: try await workbench.household(of: id, as: principal),
                    referrals: referralCounts[id] ?? 0,
                    balances: balances
                )
            )
            for t in try await activity.transactions(of: id, in: days, as: principal) { events.append(.transaction(t)) }
            for i in try await activity.interactions(of: id, in: days, as: principal) { events.append(.interaction(i)) }
        }
        return RuleHistory(clients: clients, events: events)
    }

    /// Adds failed transaction attempts (which no store keeps) as events, for the clients in the history only.
    mutating func add(failedTransactions: [Transaction]) {
        let known = Set(clients.map(\.profile.id))
        for t in failedTransactions where known.contains(t.customer) { events.append(.failedTransaction(t)) }
    }

    /// The first and last day of the history's transactions and interactions; `nil` when it has none.
    var activityDays: ClosedRange<Day>? {
        var first: Day?
        var last: Day?
        for event in events {
            let day: Day
            switch event {
            case .transaction(let t), .failedTransaction(let t): day = t.day
            case .interaction(let i): day = i.day
            default: continue
            }
            if first.map({ day < $0 }) ?? true { first = day }
            if last.map({ day > $0 }) ?? true { last = day }
        }
        guard let first, let last else { return nil }
        return first...last
    }
}
