import Synchronization

/// The in-memory ``CustomerStore``: the embedded default, and the reference the conformance kit
/// is checked against.
///
/// All state sits behind one `Mutex`; each call holds it once, so batches are atomic and
/// concurrent writers serialise. Audit entries are written after the lock is released; a
/// failing audit log fails the call (the in-memory log never fails).
public final class InMemoryCustomerStore: CustomerStore {
    struct State {
        var profiles: [CustomerID: VersionedProfile] = [:]
        /// Each client's coverage, kept beside the profile so an access check copies a few fields,
        /// not a whole profile.
        var coverages: [CustomerID: Coverage] = [:]
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
    private let audit: any AuditLog
    private let clock: any WallClock
    private let policy: AccessPolicy

    /// Creates an empty store.
    /// - Parameters:
    ///   - audit: where every read and write is recorded.
    ///   - clock: stamps audit entries.
    ///   - policy: who may see and change which clients.
    ///   - organisation: the branch hierarchy and staff.
    public init(
        audit: any AuditLog, clock: any WallClock, policy: AccessPolicy = .default,
        organisation: Organisation = .empty
    ) {
        self.audit = audit
        self.clock = clock
        self.policy = policy
        state.withLock { $0.organisation = organisation }
    }

    // MARK: Profiles

    /// The stored profiles for `ids` in input order, skipping unknown ids.
    /// - Throws: ``StoreError/Code/forbidden`` if any known client is out of the principal's scope.
    public func profiles(_ ids: [CustomerID], as principal: Principal) async throws(StoreError) -> [VersionedProfile] {
        let result = state.withLock { state -> Result<[VersionedProfile], StoreError> in
            var found: [VersionedProfile] = []
            found.reserveCapacity(ids.count)
            for id in ids {
                guard let stored = state.profiles[id] else { continue }
                guard policy.permits(principal, .read, coverage: stored.profile.coverage, in: state.organisation) else {
                    return .failure(StoreError(.forbidden, customer: id, "out of the principal's scope"))
                }
                found.append(stored)
            }
            return .success(found)
        }
        let found = try await audited(result, principal, .read, ids, ["profile"], "profiles")
        return found
    }

    /// Writes every change or none, returning the new versions in input order.
    /// - Throws: ``StoreError/Code/conflict`` for a stale expected version or an id repeated in the
    ///   batch, ``StoreError/Code/invalid`` for a profile that fails validation,
    ///   ``StoreError/Code/forbidden`` for a client (old or new coverage) out of scope.
    public func upsert(_ changes: [ProfileChange], as principal: Principal) async throws(StoreError) -> [Int64] {
        let policy = policy
        return try await write(
            principal, changes.map(\.profile.id), "profile", "upsert",
            check: { state in Self.checkProfiles(changes, principal, policy, state) },
            apply: { state in
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
                    state.coverages[profile.id] = profile.coverage
                    return version
                }
            })
    }

    private static func checkProfiles(
        _ changes: [ProfileChange], _ principal: Principal, _ policy: AccessPolicy, _ state: State
    ) -> StoreError? {
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
            if let stored, !policy.permits(principal, .write, coverage: stored.profile.coverage, in: state.organisation) {
                return StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
            guard policy.permits(principal, .write, coverage: change.profile.coverage, in: state.organisation) else {
                return StoreError(.forbidden, customer: id, "new coverage is out of the principal's scope")
            }
            if stored?.version != change.expectedVersion {
                let expected = change.expectedVersion.map(String.init) ?? "none (new client)"
                let actual = stored.map { String($0.version) } ?? "none"
                return StoreError(.conflict, customer: id, "stale expected version \(expected), stored \(actual)")
            }
        }
        return nil
    }

    /// Clients matching `query` within the principal's scope, sorted by identifier.
    public func customers(matching query: CustomerQuery, as principal: Principal) async throws(StoreError)
        -> [CustomerID]
    {
        let ids = state.withLock { state -> [CustomerID] in
            let candidates: [CustomerID]
            switch query {
            case .all:
                candidates = Array(state.profiles.keys)
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
            return candidates.filter { id in
                guard let coverage = state.coverages[id] else { return false }
                return principal.hasBankWideScope
                    || policy.permits(principal, .read, coverage: coverage, in: state.organisation)
            }.sorted()
        }
        return try await audited(.success(ids), principal, .read, ids, ["coverage"], "customers")
    }

    // MARK: Accounts, holdings, relationships, referrals

    /// Stores accounts, all or nothing. Replacing an account also needs write access to its
    /// current client.
    public func upsert(accounts: [Account], as principal: Principal) async throws(StoreError) {
        let policy = policy
        try await write(
            principal, accounts.map(\.customer), "accounts", "upsertAccounts",
            check: { state in
                let owners = accounts.map(\.customer) + accounts.compactMap { state.accounts[$0.id]?.customer }
                return Self.checkWritable(owners, principal, policy, state)
            },
            apply: { state in
                for account in accounts {
                    if let old = state.accounts[account.id] {
                        state.accountsOf[old.customer]?.removeAll { $0.id == account.id }
                    }
                    state.accounts[account.id] = account
                    state.accountsOf[account.customer, default: []].insertSorted(account) { $0.id < $1.id }
                }
            })
    }

    /// Stores holdings, all or nothing. Replacing a holding also needs write access to its
    /// current client.
    /// - Throws: ``StoreError/Code/invalid`` for a negative asset balance or a maturity before the open day.
    public func upsert(holdings: [Holding], as principal: Principal) async throws(StoreError) {
        let policy = policy
        try await write(
            principal, holdings.map(\.customer), "holdings", "upsertHoldings",
            check: { state in
                for holding in holdings {
                    if holding.product.isAsset, holding.balance.minorUnits < 0 {
                        return StoreError(
                            .invalid, customer: holding.customer, record: holding.id.rawValue, field: "balance",
                            "an asset holding cannot have a negative balance")
                    }
                    if let maturity = holding.maturesOn, maturity < holding.openedOn {
                        return StoreError(
                            .invalid, customer: holding.customer, record: holding.id.rawValue, field: "maturesOn",
                            "matures before it opens")
                    }
                }
                let owners = holdings.map(\.customer) + holdings.compactMap { state.holdings[$0.id]?.customer }
                return Self.checkWritable(owners, principal, policy, state)
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
            })
    }

    /// Stores relationship edges, all or nothing. A party that names a client must name a stored
    /// one; replacing an edge also needs write access to its current client.
    public func upsert(relationships: [Relationship], as principal: Principal) async throws(StoreError) {
        let policy = policy
        try await write(
            principal, relationships.map(\.customer), "relationships", "upsertRelationships",
            check: { state in
                for edge in relationships {
                    if edge.id.isEmpty {
                        return StoreError(.invalid, customer: edge.customer, field: "id", "relationship id is empty")
                    }
                    if let party = edge.party.customer {
                        if state.profiles[party] == nil {
                            return StoreError(.notFound, customer: party, record: edge.id, field: "party", "unknown client")
                        }
                        if party == edge.customer {
                            return StoreError(
                                .invalid, customer: party, record: edge.id, field: "party",
                                "a client cannot be related to itself")
                        }
                    }
                }
                let owners =
                    relationships.map(\.customer) + relationships.compactMap { state.relationships[$0.id]?.customer }
                return Self.checkWritable(owners, principal, policy, state)
            },
            apply: { state in
                for edge in relationships {
                    if let old = state.relationships[edge.id] {
                        state.relationshipsOf[old.customer]?.removeAll { $0.id == old.id }
                        if let party = old.party.customer { state.relationshipsOf[party]?.removeAll { $0.id == old.id } }
                    }
                    state.relationships[edge.id] = edge
                    state.relationshipsOf[edge.customer, default: []].insertSorted(edge) { $0.id < $1.id }
                    if let party = edge.party.customer {
                        state.relationshipsOf[party, default: []].insertSorted(edge) { $0.id < $1.id }
                    }
                }
            })
    }

    /// Records referrals; repeats are no-ops.
    public func record(referrals: [Referral], as principal: Principal) async throws(StoreError) {
        let policy = policy
        try await write(
            principal, referrals.map(\.referrer), "referrals", "recordReferrals",
            check: { state in
                for referral in referrals {
                    if referral.referrer == referral.referred {
                        return StoreError(
                            .invalid, customer: referral.referrer, field: "referred", "a client cannot refer itself")
                    }
                    if state.profiles[referral.referred] == nil {
                        return StoreError(.notFound, customer: referral.referred, field: "referred", "unknown client")
                    }
                }
                return Self.checkWritable(referrals.map(\.referrer), principal, policy, state)
            },
            apply: { state in
                for referral in referrals {
                    var list = state.referrals[referral.referrer, default: []]
                    if !list.contains(where: { $0.referred == referral.referred }) {
                        list.append(referral)
                        state.referrals[referral.referrer] = list
                    }
                }
            })
    }

    /// Accounts of the clients, sorted by id.
    public func accounts(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Account] {
        let result = state.withLock { state -> Result<[Account], StoreError> in
            if let failure = Self.checkReadable(customers, principal, policy, state) { return .failure(failure) }
            if customers.count == 1 { return .success(state.accountsOf[customers[0]] ?? []) }
            return .success(customers.flatMap { state.accountsOf[$0] ?? [] }.sorted { $0.id < $1.id })
        }
        return try await audited(result, principal, .read, customers, ["accounts"], "accounts")
    }

    /// Holdings of the clients, sorted by id.
    public func holdings(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Holding] {
        let result = state.withLock { state -> Result<[Holding], StoreError> in
            if let failure = Self.checkReadable(customers, principal, policy, state) { return .failure(failure) }
            if customers.count == 1 { return .success(state.holdingsOf[customers[0]] ?? []) }
            return .success(customers.flatMap { state.holdingsOf[$0] ?? [] }.sorted { $0.id < $1.id })
        }
        return try await audited(result, principal, .read, customers, ["holdings"], "holdings")
    }

    /// Holdings in scope maturing in `days`, by maturity day then id.
    public func holdings(maturingIn days: ClosedRange<Day>, as principal: Principal) async throws(StoreError)
        -> [Holding]
    {
        let found = state.withLock { state -> [Holding] in
            var found: [Holding] = []
            if days.lowerBound.distance(to: days.upperBound) < state.maturing.count {
                for day in days { found += (state.maturing[day] ?? []).compactMap { state.holdings[$0] } }
            } else {
                for (day, ids) in state.maturing where days.contains(day) {
                    found += ids.compactMap { state.holdings[$0] }
                }
            }
            return found.filter { holding in
                guard let coverage = state.coverages[holding.customer] else { return false }
                return principal.hasBankWideScope
                    || policy.permits(principal, .read, coverage: coverage, in: state.organisation)
            }.sorted { ($0.maturesOn ?? days.upperBound, $0.id) < ($1.maturesOn ?? days.upperBound, $1.id) }
        }
        let customers = Array(Set(found.map(\.customer))).sorted()
        return try await audited(.success(found), principal, .read, customers, ["holdings"], "holdingsMaturing")
    }

    /// Relationship edges touching the clients, sorted by id.
    public func relationships(of customers: [CustomerID], as principal: Principal) async throws(StoreError)
        -> [Relationship]
    {
        let result = state.withLock { state -> Result<[Relationship], StoreError> in
            if let failure = Self.checkReadable(customers, principal, policy, state) { return .failure(failure) }
            if customers.count == 1 { return .success(state.relationshipsOf[customers[0]] ?? []) }
            var seen = Set<String>()
            return .success(
                customers.flatMap { state.relationshipsOf[$0] ?? [] }.filter { seen.insert($0.id).inserted }
                    .sorted { $0.id < $1.id })
        }
        return try await audited(result, principal, .read, customers, ["relationships"], "relationships")
    }

    /// Referrals made by the clients.
    public func referrals(madeBy customers: [CustomerID], as principal: Principal) async throws(StoreError)
        -> [Referral]
    {
        let result = state.withLock { state -> Result<[Referral], StoreError> in
            if let failure = Self.checkReadable(customers, principal, policy, state) { return .failure(failure) }
            return .success(
                customers.flatMap { state.referrals[$0] ?? [] }.sorted {
                    ($0.referrer, $0.on, $0.referred) < ($1.referrer, $1.on, $1.referred)
                })
        }
        return try await audited(result, principal, .read, customers, ["referrals"], "referrals")
    }

    // MARK: Organisation

    /// The branch hierarchy and staff.
    public func organisation() async throws(StoreError) -> Organisation { state.withLock { $0.organisation } }

    /// Replaces the organisation; head office and system principals only.
    /// - Throws: ``StoreError/Code/invalid`` when the hierarchy has unknown parents, cycles or duplicates.
    public func replace(organisation: Organisation, as principal: Principal) async throws(StoreError) {
        guard principal.role == .headOffice || principal.role == .system else {
            try await audit(principal, .denied, [], ["organisation"], "replaceOrganisation")
            throw StoreError(.forbidden, "only head office may change the organisation")
        }
        let checked: Organisation
        do throws(ValueError) { checked = try organisation.validated() } catch {
            throw StoreError(.invalid, field: error.field, error.message)
        }
        try await audit(principal, .write, [], ["organisation"], "replaceOrganisation")
        state.withLock { $0.organisation = checked }
    }

    // MARK: Package-internal access for the activity store

    /// The coverage of each client, `nil` for unknown clients, and the organisation.
    package func coverages(of ids: [CustomerID]) -> ([Coverage?], Organisation) {
        state.withLock { state in (ids.map { state.coverages[$0] }, state.organisation) }
    }

    /// Whether `principal` may read `id` under `policy`: `nil` for an unknown client, without
    /// copying the organisation (the activity store's per-call check).
    package func permits(_ principal: Principal, toRead id: CustomerID, under policy: AccessPolicy) -> Bool? {
        state.withLock { state in
            guard let coverage = state.coverages[id] else { return nil }
            return policy.permits(principal, .read, coverage: coverage, in: state.organisation)
        }
    }

    /// The position in `ids` of the first client with no profile, or `nil` when all exist (one lock for the list).
    package func firstMissing(_ ids: [CustomerID]) -> Int? {
        guard !ids.isEmpty else { return nil }
        return state.withLock { state in ids.firstIndex { state.profiles[$0] == nil } }
    }

    /// The number of profiles stored.
    public var count: Int { state.withLock { $0.profiles.count } }

    // MARK: Helpers

    private static func checkReadable(
        _ customers: [CustomerID], _ principal: Principal, _ policy: AccessPolicy, _ state: State
    ) -> StoreError? {
        if principal.hasBankWideScope { return nil }
        for id in customers {
            if let coverage = state.coverages[id],
                !policy.permits(principal, .read, coverage: coverage, in: state.organisation)
            {
                return StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
        }
        return nil
    }

    private static func checkWritable(
        _ customers: [CustomerID], _ principal: Principal, _ policy: AccessPolicy, _ state: State
    ) -> StoreError? {
        for id in customers {
            guard let coverage = state.coverages[id] else {
                return StoreError(.notFound, customer: id, "unknown client")
            }
            if !principal.hasBankWideScope || principal.role == .auditor,
                !policy.permits(principal, .write, coverage: coverage, in: state.organisation)
            {
                return StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
        }
        return nil
    }

    /// A write: checks under the lock, records the audit entry, then checks again and applies
    /// under the lock. Auditing before applying means no write happens that the audit log could
    /// not record; checking twice means a concurrent writer in between cannot be overwritten.
    @discardableResult
    private func write<T>(
        _ principal: Principal, _ customers: [CustomerID], _ field: String, _ operation: String,
        check: (State) -> StoreError?, apply: (inout State) -> T
    ) async throws(StoreError) -> T {
        if let error = state.withLock({ check($0) }) {
            if error.code == .forbidden {
                try await audit(principal, .denied, error.customer.map { [$0] } ?? customers, [field], operation)
            }
            throw error
        }
        try await audit(principal, .write, customers, [field], operation)
        let result = state.withLock { state -> Result<T, StoreError> in
            if let error = check(state) { return .failure(error) }
            return .success(apply(&state))
        }
        return try result.get()
    }

    private func audited<T>(
        _ result: Result<T, StoreError>, _ principal: Principal, _ action: AuditRecord.Action, _ customers: [CustomerID],
        _ fields: [String], _ operation: String
    ) async throws(StoreError) -> T {
        switch result {
        case .success(let value):
            try await audit(principal, action, customers, fields, operation)
            return value
        case .failure(let error):
            if error.code == .forbidden {
                try await audit(principal, .denied, error.customer.map { [$0] } ?? customers, fields, operation)
            }
            throw error
        }
    }

    private func audit(
        _ principal: Principal, _ action: AuditRecord.Action, _ customers: [CustomerID], _ fields: [String],
        _ operation: String
    ) async throws(StoreError) {
        try await audit.record([
            AuditRecord(
                at: clock.now, principal: principal, action: action, customers: customers, fields: fields,
                operation: operation)
        ])
    }
}
