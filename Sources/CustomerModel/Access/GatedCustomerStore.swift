/// A ``CustomerStore`` behind the ``AccessGate``: the host-facing calls, each taking the
/// principal, checked, audited and passed to the store with the resolved scope.
///
/// Get one from ``AccessGate/customers(_:)`` or ``InMemoryBank/customers``.
///
/// ```swift
/// let profiles = try await bank.customers.profiles(["C000042"], as: .relationshipManager("RM-0007"))
/// ```
public struct GatedCustomerStore: Sendable {
    /// The storage port behind the gate.
    public let store: any CustomerStore
    /// The gate every call goes through.
    public let gate: AccessGate

    /// Puts `store` behind `gate`.
    public init(_ store: any CustomerStore, gate: AccessGate) {
        self.store = store
        self.gate = gate
    }

    // MARK: Profiles

    /// The stored profiles for `ids` in input order, skipping unknown ids.
    /// - Throws: ``StoreError/Code/forbidden`` if any known client is out of the principal's scope.
    public func profiles(_ ids: [CustomerID], as principal: Principal) async throws(StoreError) -> [VersionedProfile] {
        let admission = try await gate.admit(principal, .profiles, naming: AccessGate.distinct(ids))
        let found = try await store.profiles(ids, in: admission.scope)
        try await gate.recordAllowed(admission, customers: ids)
        return found
    }

    /// The profile of one client, or `nil` when unknown.
    public func profile(_ id: CustomerID, as principal: Principal) async throws(StoreError) -> VersionedProfile? {
        try await profiles([id], as: principal).first
    }

    /// Writes every change or none, returning the new versions in input order.
    /// - Throws: ``StoreError/Code/forbidden`` for a client whose stored or new coverage is out of
    ///   scope; the store's `conflict` and `invalid`.
    public func upsert(_ changes: [ProfileChange], as principal: Principal) async throws(StoreError) -> [Int64] {
        let ids = changes.map(\.profile.id)
        let admission = try await gate.admit(
            principal,
            .upsert,
            naming: AccessGate.distinct(ids),
            newCoverage: changes.map { ($0.profile.id, $0.profile.coverage) }
        )
        try await gate.recordAllowed(admission, customers: ids)
        return try await store.upsert(changes, in: admission.scope)
    }

    /// Writes one change and returns the new version.
    public func upsert(_ change: ProfileChange, as principal: Principal) async throws(StoreError) -> Int64 {
        let versions = try await upsert([change], as: principal)
        guard let version = versions.first else {
            throw StoreError(.unavailable, customer: change.profile.id, "store returned no version")
        }
        return version
    }

    /// The clients matching `query` within the principal's scope, sorted by identifier.
    public func customers(
        matching query: CustomerQuery,
        as principal: Principal
    ) async throws(StoreError)
        -> [CustomerID]
    {
        let admission = try await gate.admit(principal, .customers)
        let ids = try await store.customers(matching: query, in: admission.scope)
        try await gate.recordAllowed(admission, customers: ids)
        return ids
    }

    // MARK: Accounts, holdings, relationships, referrals

    /// Stores accounts, all or nothing.
    ///
    /// Each account's client must exist; replacing an account
    /// of a client out of scope is forbidden.
    public func upsert(accounts: [Account], as principal: Principal) async throws(StoreError) {
        let owners = AccessGate.distinct(accounts.lazy.map(\.customer))
        let admission = try await gate.admit(principal, .upsertAccounts, naming: owners, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: owners)
        try await store.upsert(accounts: accounts, in: admission.scope)
    }

    /// Stores holdings, all or nothing.
    ///
    /// Each holding's client must exist.
    public func upsert(holdings: [Holding], as principal: Principal) async throws(StoreError) {
        let owners = AccessGate.distinct(holdings.lazy.map(\.customer))
        let admission = try await gate.admit(principal, .upsertHoldings, naming: owners, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: owners)
        try await store.upsert(holdings: holdings, in: admission.scope)
    }

    /// Stores relationship edges, all or nothing.
    ///
    /// Each edge's client must exist.
    public func upsert(relationships: [Relationship], as principal: Principal) async throws(StoreError) {
        let owners = AccessGate.distinct(relationships.lazy.map(\.customer))
        let admission = try await gate.admit(principal, .upsertRelationships, naming: owners, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: owners)
        try await store.upsert(relationships: relationships, in: admission.scope)
    }

    /// Records referrals; repeats are no-ops.
    ///
    /// The referrer must exist and be in scope.
    public func record(referrals: [Referral], as principal: Principal) async throws(StoreError) {
        let owners = AccessGate.distinct(referrals.lazy.map(\.referrer))
        let admission = try await gate.admit(principal, .recordReferrals, naming: owners, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: owners)
        try await store.record(referrals: referrals, in: admission.scope)
    }

    /// Accounts of the clients, sorted by id.
    public func accounts(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Account] {
        let admission = try await gate.admit(principal, .accounts, naming: AccessGate.distinct(customers))
        let found = try await store.accounts(of: customers, in: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    /// Holdings of the clients, sorted by id.
    public func holdings(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Holding] {
        let admission = try await gate.admit(principal, .holdings, naming: AccessGate.distinct(customers))
        let found = try await store.holdings(of: customers, in: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    /// Holdings in scope maturing in `days`, by maturity day then id.
    public func holdings(
        maturingIn days: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError)
        -> [Holding]
    {
        let admission = try await gate.admit(principal, .holdingsMaturing)
        let found = try await store.holdings(maturingIn: days, in: admission.scope)
        try await gate.recordAllowed(admission, customers: Array(Set(found.map(\.customer))).sorted())
        return found
    }

    /// Relationship edges touching the clients, sorted by id.
    public func relationships(
        of customers: [CustomerID],
        as principal: Principal
    ) async throws(StoreError)
        -> [Relationship]
    {
        let admission = try await gate.admit(principal, .relationships, naming: AccessGate.distinct(customers))
        let found = try await store.relationships(of: customers, in: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    /// Referrals made by the clients.
    public func referrals(
        madeBy customers: [CustomerID],
        as principal: Principal
    ) async throws(StoreError)
        -> [Referral]
    {
        let admission = try await gate.admit(principal, .referrals, naming: AccessGate.distinct(customers))
        let found = try await store.referrals(madeBy: customers, in: admission.scope)
        try await gate.recordAllowed(admission, customers: customers)
        return found
    }

    // MARK: Organisation

    /// The bank's branch hierarchy and staff (not personal data; not audited).
    public func organisation() async throws(StoreError) -> Organisation { try await store.organisation() }

    /// Replaces the organisation; head office and system principals only.
    /// - Throws: ``StoreError/Code/forbidden`` for any other principal, ``StoreError/Code/invalid``
    ///   for a hierarchy with unknown parents, cycles or duplicates.
    public func replace(organisation: Organisation, as principal: Principal) async throws(StoreError) {
        let admission = try await gate.admit(principal, .replaceOrganisation)
        try await gate.recordAllowed(admission, customers: [])
        try await store.replace(organisation: organisation)
    }
}
