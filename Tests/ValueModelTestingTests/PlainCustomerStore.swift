import CustomerModel
import Synchronization

/// A deliberately plain ``CustomerStore``: dictionaries behind one `Mutex`, no index beyond what
/// the contract needs, and no policy, audit or clock code. It passes the whole customer store kit
/// behind the gate, and serves as the gate's directory for the activity and score history stores
/// (in-memory and plain), which then pass their kits: any store pairs with any other.
final class PlainCustomerStore: CustomerStore {
    private struct State {
        var profiles: [CustomerID: VersionedProfile] = [:]
        var accounts: [AccountID: Account] = [:]
        var holdings: [HoldingID: Holding] = [:]
        var relationships: [String: Relationship] = [:]
        var referrals: [Referral] = []
        var organisation = Organisation.empty
    }

    private let state = Mutex(State())

    private func covered(_ id: CustomerID, by scope: ClientScope, in state: State) -> Bool {
        state.profiles[id].map { scope.covers($0.profile.coverage) } ?? false
    }

    /// `forbidden` when a stored record's client is outside the scope the gate passed.
    private func takenOver(_ owners: [CustomerID], _ scope: ClientScope, _ state: State) -> StoreError? {
        for owner in owners where state.profiles[owner] != nil && !covered(owner, by: scope, in: state) {
            return StoreError(.forbidden, customer: owner, "the stored record belongs to a client out of scope")
        }
        return nil
    }

    func profiles(_ ids: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [VersionedProfile] {
        state.withLock { state in ids.compactMap { state.profiles[$0] } }
    }

    func upsert(_ changes: [ProfileChange], in scope: ClientScope) async throws(StoreError) -> [Int64] {
        try state.withLock { state throws(StoreError) -> [Int64] in
            var seen = Set<CustomerID>()
            for change in changes {
                let id = change.profile.id
                guard seen.insert(id).inserted else {
                    throw StoreError(.conflict, customer: id, "repeated in the batch")
                }
                do throws(ValueError) { try change.profile.validate(in: state.organisation) } catch {
                    throw StoreError(.invalid, customer: id, field: error.field, error.message)
                }
                if let stored = state.profiles[id], !scope.covers(stored.profile.coverage) {
                    throw StoreError(.forbidden, customer: id, "out of scope")
                }
                if state.profiles[id]?.version != change.expectedVersion {
                    throw StoreError(.conflict, customer: id, "stale expected version")
                }
            }
            return changes.map { change in
                let version = (state.profiles[change.profile.id]?.version ?? 0) + 1
                state.profiles[change.profile.id] = VersionedProfile(profile: change.profile, version: version)
                return version
            }
        }
    }

    func customers(matching query: CustomerQuery, in scope: ClientScope) async throws(StoreError) -> [CustomerID] {
        state.withLock { state in
            state.profiles.values.filter { stored in
                let profile = stored.profile
                guard scope.covers(profile.coverage) else { return false }
                switch query {
                case .all: return true
                case .relationshipManager(let rm): return profile.coverage.relationshipManager == rm
                case .branch(let branch, let below):
                    return profile.coverage.branch == branch
                        || (below && state.organisation.isBranch(profile.coverage.branch, within: branch))
                case .tag(let name, let day): return profile.hasTag(name, on: day)
                }
            }.map(\.profile.id).sorted()
        }
    }

    func upsert(accounts: [Account], in scope: ClientScope) async throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            let owners = accounts.compactMap { state.accounts[$0.id]?.customer } + accounts.map(\.customer)
            if let error = takenOver(owners, scope, state) { throw error }
            for account in accounts { state.accounts[account.id] = account }
        }
    }

    func upsert(holdings: [Holding], in scope: ClientScope) async throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            for holding in holdings {
                if holding.product.isAsset, holding.balance.minorUnits < 0 {
                    throw StoreError(
                        .invalid,
                        customer: holding.customer,
                        record: holding.id.rawValue,
                        field: "balance",
                        "negative"
                    )
                }
                if let maturity = holding.maturesOn, maturity < holding.openedOn {
                    throw StoreError(
                        .invalid,
                        customer: holding.customer,
                        record: holding.id.rawValue,
                        field: "maturesOn",
                        "before opening"
                    )
                }
            }
            let owners = holdings.compactMap { state.holdings[$0.id]?.customer } + holdings.map(\.customer)
            if let error = takenOver(owners, scope, state) { throw error }
            for holding in holdings { state.holdings[holding.id] = holding }
        }
    }

    func upsert(relationships: [Relationship], in scope: ClientScope) async throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            for edge in relationships {
                if edge.id.isEmpty { throw StoreError(.invalid, customer: edge.customer, field: "id", "empty id") }
                if let party = edge.party.customer {
                    if state.profiles[party] == nil {
                        throw StoreError(.notFound, customer: party, field: "party", "unknown client")
                    }
                    if party == edge.customer {
                        throw StoreError(.invalid, customer: party, field: "party", "related to itself")
                    }
                }
            }
            let owners =
                relationships.compactMap { state.relationships[$0.id]?.customer } + relationships.map(\.customer)
            if let error = takenOver(owners, scope, state) { throw error }
            for edge in relationships { state.relationships[edge.id] = edge }
        }
    }

    func record(referrals: [Referral], in scope: ClientScope) async throws(StoreError) {
        try state.withLock { state throws(StoreError) in
            for referral in referrals {
                if referral.referrer == referral.referred {
                    throw StoreError(.invalid, customer: referral.referrer, field: "referred", "refers itself")
                }
                if state.profiles[referral.referred] == nil {
                    throw StoreError(.notFound, customer: referral.referred, field: "referred", "unknown client")
                }
            }
            for referral in referrals
            where !state.referrals.contains(where: {
                $0.referrer == referral.referrer && $0.referred == referral.referred
            }) {
                state.referrals.append(referral)
            }
        }
    }

    func accounts(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Account] {
        let wanted = Set(customers)
        return state.withLock { state in
            state.accounts.values.filter { wanted.contains($0.customer) }.sorted { $0.id < $1.id }
        }
    }

    func holdings(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Holding] {
        let wanted = Set(customers)
        return state.withLock { state in
            state.holdings.values.filter { wanted.contains($0.customer) }.sorted { $0.id < $1.id }
        }
    }

    func holdings(maturingIn days: ClosedRange<Day>, in scope: ClientScope) async throws(StoreError) -> [Holding] {
        state.withLock { state in
            state.holdings.values.filter { holding in
                guard let day = holding.maturesOn, days.contains(day) else { return false }
                return covered(holding.customer, by: scope, in: state)
            }.sorted { ($0.maturesOn ?? days.upperBound, $0.id) < ($1.maturesOn ?? days.upperBound, $1.id) }
        }
    }

    func relationships(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Relationship] {
        let wanted = Set(customers)
        return state.withLock { state in
            state.relationships.values.filter { edge in
                wanted.contains(edge.customer) || edge.party.customer.map(wanted.contains) == true
            }.sorted { $0.id < $1.id }
        }
    }

    func referrals(madeBy customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Referral] {
        let wanted = Set(customers)
        return state.withLock { state in
            state.referrals.filter { wanted.contains($0.referrer) }.sorted {
                ($0.referrer, $0.on, $0.referred) < ($1.referrer, $1.on, $1.referred)
            }
        }
    }

    func organisation() async throws(StoreError) -> Organisation { state.withLock { $0.organisation } }

    func replace(organisation: Organisation) async throws(StoreError) {
        let checked: Organisation
        do throws(ValueError) { checked = try organisation.validated() } catch {
            throw StoreError(.invalid, field: error.field, error.message)
        }
        state.withLock { $0.organisation = checked }
    }

    func coverage(of ids: [CustomerID]) async throws(StoreError) -> [Coverage?] {
        state.withLock { state in ids.map { state.profiles[$0]?.profile.coverage } }
    }

    func clients(in scope: ClientScope) async throws(StoreError) -> [CustomerID] {
        state.withLock { state in
            state.profiles.values.filter { scope.covers($0.profile.coverage) }.map(\.profile.id).sorted()
        }
    }
}
