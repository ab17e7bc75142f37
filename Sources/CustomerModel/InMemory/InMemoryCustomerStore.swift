import Synchronization

/// The in-memory ``CustomerStore`` (and ``ClientDirectory``): the embedded default, and the
/// reference the conformance kit is checked against.
///
/// All state sits behind one `Mutex`; each call holds it once, so batches are atomic and
/// concurrent writers serialise. It keeps storage promises only: hosts reach it through the
/// ``AccessGate`` (``InMemoryBank/customers``), which owns policy, audit and the clock.
public final class InMemoryCustomerStore: CustomerStore {
    struct State {
        var profiles: [CustomerID: VersionedProfile] = [:]
        /// The directory: each client's dense number, its coverage by number and the sorted ids
        /// (see ``ClientCoverage``).
        var directory = ClientCoverage()
        var byRM: [StaffID: Set<CustomerID>] = [:]
        var byBranch: [BranchID: Set<CustomerID>] = [:]
        var accounts: [AccountID: Account] = [:]
        /// Each client's accounts sorted by id: a read is one lookup, not one per account.
        var accountsOf: [CustomerID: [Account]] = [:]
        var holdings: [HoldingID: Holding] = [:]
        /// Each client's holdings sorted by id.
        var holdingsOf: [CustomerID: [Holding]] = [:]
        var maturing: [Day: Set<HoldingID>] = [:]
        var relationships: [String: Relationship] = [:]
        /// The edges touching each client (either side), sorted by id.
        var relationshipsOf: [CustomerID: [Relationship]] = [:]
        var referrals: [CustomerID: [Referral]] = [:]
        var organisation = Organisation.empty
    }

    let state = Mutex(State())

    /// Creates an empty store.
    /// - Parameter organisation: the branch hierarchy and staff.
    public init(organisation: Organisation = .empty) {
        state.withLock { $0.organisation = organisation }
    }

    // MARK: Profiles

    /// The stored profiles for `ids` in input order, skipping unknown ids (the gate has checked them).
    public func profiles(_ ids: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [VersionedProfile] {
        state.withLock { state in ids.compactMap { state.profiles[$0] } }
    }

    /// Writes every change or none, returning the new versions in input order.
    /// - Throws: ``StoreError/Code/conflict`` for a stale expected version or an id repeated in the
    ///   batch, ``StoreError/Code/invalid`` for a profile that fails validation,
    ///   ``StoreError/Code/forbidden`` for a stored client `scope` does not cover.
    public func upsert(_ changes: [ProfileChange], in scope: ClientScope) async throws(StoreError) -> [Int64] {
        try state.withLock { state -> Result<[Int64], StoreError> in
            if let error = Self.checkProfiles(changes, scope, state) { return .failure(error) }
            return .success(
                changes.map { change in
                    let profile = change.profile
                    let version = (state.profiles[profile.id]?.version ?? 0) + 1
                    if let old = state.profiles[profile.id]?.profile {
                        if let rm = old.coverage.relationshipManager { state.byRM[rm]?.remove(profile.id) }
                        state.byBranch[old.coverage.branch]?.remove(profile.id)
                    }
                    if let rm = profile.coverage.relationshipManager { state.byRM[rm, default: []].insert(profile.id) }
                    state.byBranch[profile.coverage.branch, default: []].insert(profile.id)
                    state.profiles[profile.id] = VersionedProfile(profile: profile, version: version)
                    state.directory.set(profile.coverage, of: profile.id)
                    return version
                }
            )
        }.get()
    }

    private static func checkProfiles(_ changes: [ProfileChange], _ scope: ClientScope, _ state: State) -> StoreError? {
        var seen = Set<CustomerID>()
        for change in changes {
            let id = change.profile.id
            guard seen.insert(id).inserted else {
                return StoreError(.conflict, customer: id, "client appears twice in one batch")
            }
            do throws(ValueError) {
                try change.profile.validate(in: state.organisation)
            } catch {
                return StoreError(.invalid, customer: id, field: error.field, error.message)
            }
            let stored = state.profiles[id]
            // The gate checked the coverage it saw; a concurrent move is caught here.
            if let stored, !scope.covers(stored.profile.coverage) {
                return StoreError(.forbidden, customer: id, "out of the given scope")
            }
            if stored?.version != change.expectedVersion {
                let expected = change.expectedVersion.map(String.init) ?? "none (new client)"
                let actual = stored.map { String($0.version) } ?? "none"
                return StoreError(.conflict, customer: id, "stale expected version \(expected), stored \(actual)")
            }
        }
        return nil
    }

    /// Clients matching `query` that `scope` covers, sorted by identifier.
    public func customers(
        matching query: CustomerQuery,
        in scope: ClientScope
    ) async throws(StoreError)
        -> [CustomerID]
    {
        state.withLock { state -> [CustomerID] in
            let candidates: [CustomerID]
            switch query {
            case .all:
                let sorted = state.directory.sortedClients()
                if scope.isEveryClient { return sorted }
                return sorted.filter { id in state.directory.coverage(of: id).map(scope.covers) ?? false }
            case .relationshipManager(let rm):
                candidates = Array(state.byRM[rm] ?? [])
            case .branch(let branch, let includingSubBranches):
                if includingSubBranches {
                    candidates = state.organisation.subtree(of: branch).union([branch]).flatMap {
                        state.byBranch[$0] ?? []
                    }
                } else {
                    candidates = Array(state.byBranch[branch] ?? [])
                }
            case .tag(let name, let day):
                candidates = state.profiles.values.lazy.filter { $0.profile.hasTag(name, on: day) }.map(\.profile.id)
            }
            return candidates.filter { id in state.directory.coverage(of: id).map(scope.covers) ?? false }.sorted()
        }
    }

    // MARK: Accounts, holdings, relationships, referrals

    /// Stores accounts, all or nothing.
    ///
    /// Replacing an account whose stored client `scope` does not
    /// cover is forbidden.
    public func upsert(accounts: [Account], in scope: ClientScope) async throws(StoreError) {
        try write(
            check: { state in
                Self.checkOwners(
                    accounts.map(\.customer) + accounts.compactMap { state.accounts[$0.id]?.customer },
                    scope,
                    state
                )
            },
            apply: { state in
                for account in accounts {
                    if let old = state.accounts[account.id] {
                        state.accountsOf[old.customer]?.removeAll { $0.id == account.id }
                    }
                    state.accounts[account.id] = account
                    state.accountsOf[account.customer, default: []].insertSorted(account) { $0.id < $1.id }
                }
            }
        )
    }

    /// Stores holdings, all or nothing.
    ///
    /// Replacing a holding whose stored client `scope` does not
    /// cover is forbidden.
    /// - Throws: ``StoreError/Code/invalid`` for a negative asset balance or a maturity before the open day.
    public func upsert(holdings: [Holding], in scope: ClientScope) async throws(StoreError) {
        try write(
            check: { state in
                for holding in holdings {
                    if holding.product.isAsset, holding.balance.minorUnits < 0 {
                        return StoreError(
                            .invalid,
                            customer: holding.customer,
                            record: holding.id.rawValue,
                            field: "balance",
                            "an asset holding cannot have a negative balance"
                        )
                    }
                    if let maturity = holding.maturesOn, maturity < holding.openedOn {
                        return StoreError(
                            .invalid,
                            customer: holding.customer,
                            record: holding.id.rawValue,
                            field: "maturesOn",
                            "matures before it opens"
                        )
                    }
                }
                return Self.checkOwners(
                    holdings.map(\.customer) + holdings.compactMap { state.holdings[$0.id]?.customer },
                    scope,
                    state
                )
            },
            apply: { state in
                for holding in holdings {
                    if let old = state.holdings[holding.id] {
                        state.holdingsOf[old.customer]?.removeAll { $0.id == holding.id }
                        if let day = old.maturesOn { state.maturing[day]?.remove(holding.id) }
                    }
                    state.holdings[holding.id] = holding
                    state.holdingsOf[holding.customer, default: []].insertSorted(holding) { $0.id < $1.id }
                    if let day = holding.maturesOn { state.maturing[day, default: []].insert(holding.id) }
                }
            }
        )
    }

    /// Stores relationship edges, all or nothing.
    ///
    /// A party that names a client must name a stored
    /// one; replacing an edge whose stored client `scope` does not cover is forbidden.
    public func upsert(relationships: [Relationship], in scope: ClientScope) async throws(StoreError) {
        try write(
            check: { state in
                for edge in relationships {
                    if edge.id.isEmpty {
                        return StoreError(.invalid, customer: edge.customer, field: "id", "relationship id is empty")
                    }
                    if let party = edge.party.customer {
                        if state.profiles[party] == nil {
                            return StoreError(
                                .notFound,
                                customer: party,
                                record: edge.id,
                                field: "party",
                                "unknown client"
                            )
                        }
                        if party == edge.customer {
                            return StoreError(
                                .invalid,
                                customer: party,
                                record: edge.id,
                                field: "party",
                                "a client cannot be related to itself"
                            )
                        }
                    }
                }
                return Self.checkOwners(
                    relationships.map(\.customer) + relationships.compactMap { state.relationships[$0.id]?.customer },
                    scope,
                    state
                )
            },
            apply: { state in
                for edge in relationships {
                    if let old = state.relationships[edge.id] {
                        state.relationshipsOf[old.customer]?.removeAll { $0.id == old.id }
                        if let party = old.party.customer {
                            state.relationshipsOf[party]?.removeAll { $0.id == old.id }
                        }
                    }
                    state.relationships[edge.id] = edge
                    state.relationshipsOf[edge.customer, default: []].insertSorted(edge) { $0.id < $1.id }
                    if let party = edge.party.customer {
                        state.relationshipsOf[party, default: []].insertSorted(edge) { $0.id < $1.id }
                    }
                }
            }
        )
    }

    /// Records referrals; repeats are no-ops.
    public func record(referrals: [Referral], in scope: ClientScope) async throws(StoreError) {
        try write(
            check: { state in
                for referral in referrals {
                    if referral.referrer == referral.referred {
                        return StoreError(
                            .invalid,
                            customer: referral.referrer,
                            field: "referred",
                            "a client cannot refer itself"
                        )
                    }
                    if state.profiles[referral.referred] == nil {
                        return StoreError(.notFound, customer: referral.referred, field: "referred", "unknown client")
                    }
                }
                return Self.checkOwners(referrals.map(\.referrer), scope, state)
            },
            apply: { state in
                for referral in referrals {
                    var list = state.referrals[referral.referrer, default: []]
                    if !list.contains(where: { $0.referred == referral.referred }) {
                        list.append(referral)
                        state.referrals[referral.referrer] = list
                    }
                }
            }
        )
    }

    /// Accounts of the clients, sorted by id.
    public func accounts(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Account] {
        state.withLock { state in
            if customers.count == 1 { return state.accountsOf[customers[0]] ?? [] }
            var found = [Account].gathering(customers.map { state.accountsOf[$0]?[...] ?? [] })
            found.sortUnlessSorted { $0.id < $1.id }
            return found
        }
    }

    /// Holdings of the clients, sorted by id.
    public func holdings(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Holding] {
        state.withLock { state in
            if customers.count == 1 { return state.holdingsOf[customers[0]] ?? [] }
            var found = [Holding].gathering(customers.map { state.holdingsOf[$0]?[...] ?? [] })
            found.sortUnlessSorted { $0.id < $1.id }
            return found
        }
    }

    /// Holdings of clients `scope` covers maturing in `days`, by maturity day then id.
    public func holdings(
        maturingIn days: ClosedRange<Day>,
        in scope: ClientScope
    ) async throws(StoreError)
        -> [Holding]
    {
        state.withLock { state -> [Holding] in
            var found: [Holding] = []
            if days.lowerBound.distance(to: days.upperBound) < state.maturing.count {
                for day in days { found += (state.maturing[day] ?? []).compactMap { state.holdings[$0] } }
            } else {
                for (day, ids) in state.maturing where days.contains(day) {
                    found += ids.compactMap { state.holdings[$0] }
                }
            }
            return found.filter { holding in state.directory.coverage(of: holding.customer).map(scope.covers) ?? false }
                .sorted { ($0.maturesOn ?? days.upperBound, $0.id) < ($1.maturesOn ?? days.upperBound, $1.id) }
        }
    }

    /// Relationship edges touching the clients, sorted by id.
    public func relationships(
        of customers: [CustomerID],
        in scope: ClientScope
    ) async throws(StoreError)
        -> [Relationship]
    {
        state.withLock { state in
            if customers.count == 1 { return state.relationshipsOf[customers[0]] ?? [] }
            // An edge between two of the clients is gathered twice: sorted by id, the copies are neighbours.
            var found = [Relationship].gathering(customers.map { state.relationshipsOf[$0]?[...] ?? [] })
            found.sortUnlessSorted { $0.id < $1.id }
            var kept = 0
            for index in found.indices where kept == 0 || found[index].id != found[kept - 1].id {
                if kept != index { found.swapAt(kept, index) }
                kept += 1
            }
            found.removeLast(found.count - kept)
            return found
        }
    }

    /// Referrals made by the clients.
    public func referrals(
        madeBy customers: [CustomerID],
        in scope: ClientScope
    ) async throws(StoreError)
        -> [Referral]
    {
        state.withLock { state in
            var found = [Referral].gathering(customers.map { state.referrals[$0]?[...] ?? [] })
            found.sortUnlessSorted { ($0.referrer, $0.on, $0.referred) < ($1.referrer, $1.on, $1.referred) }
            return found
        }
    }

    // MARK: Organisation and directory

    /// The branch hierarchy and staff.
    public func organisation() async throws(StoreError) -> Organisation { state.withLock { $0.organisation } }

    /// Replaces the organisation.
    /// - Throws: ``StoreError/Code/invalid`` when the hierarchy has unknown parents, cycles or duplicates.
    public func replace(organisation: Organisation) async throws(StoreError) {
        let checked: Organisation
        do throws(ValueError) { checked = try organisation.validated() } catch {
            throw StoreError(.invalid, field: error.field, error.message)
        }
        state.withLock { $0.organisation = checked }
    }

    /// The coverage of each client, `nil` for unknown clients (one lock for the list).
    public func coverage(of ids: [CustomerID]) async throws(StoreError) -> [Coverage?] {
        state.withLock { state in ids.map { state.directory.coverage(of: $0) } }
    }

    /// The first client of `ids` that `scope` does not cover or (when `unknownIsRefused`) that is
    /// not stored; one lock for the list and no coverage copied out.
    public func firstRefused(
        _ ids: [CustomerID],
        by scope: ClientScope,
        unknownIsRefused: Bool
    )
        async throws(StoreError) -> DirectoryRefusal?
    {
        state.withLock { state in
            state.directory.firstRefused(ids, by: scope, unknownIsRefused: unknownIsRefused)
        }
    }

    /// Every stored client `scope` covers, sorted by identifier.
    public func clients(in scope: ClientScope) async throws(StoreError) -> [CustomerID] {
        state.withLock { state in
            if scope.isEveryClient { return state.directory.sortedClients() }
            var found = Set<CustomerID>()
            for staff in scope.staff {
                for id in state.byRM[staff] ?? [] { found.insert(id) }
            }
            for branch in scope.branches {
                for id in state.byBranch[branch] ?? [] { found.insert(id) }
            }
            if !scope.staff.isEmpty {
                // Service-team members: no index, one pass over the coverages.
                for (id, coverage) in state.directory.all where !coverage.serviceTeam.isEmpty && scope.covers(coverage)
                {
                    found.insert(id)
                }
            }
            return found.sorted()
        }
    }

    /// The number of profiles stored.
    public var count: Int { state.withLock { $0.profiles.count } }

    // MARK: Helpers

    /// `forbidden` for the first stored client of `customers` that `scope` does not cover.
    private static func checkOwners(_ customers: [CustomerID], _ scope: ClientScope, _ state: State) -> StoreError? {
        if scope.isEveryClient { return nil }
        for id in customers {
            if let coverage = state.directory.coverage(of: id), !scope.covers(coverage) {
                return StoreError(.forbidden, customer: id, "out of the given scope")
            }
        }
        return nil
    }

    /// A write: checks and applies under one lock.
    private func write(check: (State) -> StoreError?, apply: (inout State) -> Void) throws(StoreError) {
        let error = state.withLock { state -> StoreError? in
            if let error = check(state) { return error }
            apply(&state)
            return nil
        }
        if let error { throw error }
    }
}
