/// Which clients to list.
public enum CustomerQuery: Hashable, Sendable, Codable {
    /// Every client in the principal's scope.
    case all
    /// Clients whose assigned RM is the given member of staff.
    case relationshipManager(StaffID)
    /// Clients booked in the branch, and in every branch below it when `includingSubBranches`.
    case branch(BranchID, includingSubBranches: Bool)
    /// Clients carrying an active tag with the name on the day.
    case tag(String, activeOn: Day)
}

/// Keeps the slowly changing part of the 360 view: profiles, accounts, holdings, relationships,
/// referrals and the bank's organisation.
///
/// ## Contract
/// Every adapter must keep these promises; `CustomerStoreConformance` in `CustomerModelTesting`
/// checks each one.
/// - **Batches are atomic.** Each write call stores every record or none. A record that fails
///   validation, a stale version or a forbidden client fails the whole call.
/// - **Optimistic concurrency.** ``upsert(_:as:)`` compares each change's expected version with
///   the stored one and throws ``StoreError/Code/conflict`` on a mismatch; `nil` expects the
///   client not to exist. The first write stores version 1; each write adds 1. Concurrent
///   writers never lose an update: exactly one writer wins each version.
/// - **Access control.** Each call is checked against the ``AccessPolicy`` for the principal.
///   Asking for a client out of scope by id throws ``StoreError/Code/forbidden``; listings and
///   range queries silently leave out-of-scope clients.
/// - **Audit.** Every successful read of personal data and every write appends one
///   ``AuditRecord`` to the audit log, and every refusal a `denied` record. If the audit log
///   fails, the call fails.
/// - **Order.** Results come back sorted by identifier unless a method says otherwise.
/// - Safe to call from many tasks at once.
public protocol CustomerStore: Sendable {
    /// The stored profiles for `ids`, in the order of `ids`, skipping unknown ids.
    func profiles(_ ids: [CustomerID], as principal: Principal) async throws(StoreError) -> [VersionedProfile]

    /// Writes every change or none, returning the new versions in input order.
    func upsert(_ changes: [ProfileChange], as principal: Principal) async throws(StoreError) -> [Int64]

    /// The clients matching `query` within the principal's scope, sorted by identifier.
    func customers(matching query: CustomerQuery, as principal: Principal) async throws(StoreError) -> [CustomerID]

    /// Stores accounts (replacing any with the same id); all or nothing. Each account's client must exist.
    func upsert(accounts: [Account], as principal: Principal) async throws(StoreError)

    /// Stores holdings (replacing any with the same id); all or nothing. Each holding's client must exist.
    func upsert(holdings: [Holding], as principal: Principal) async throws(StoreError)

    /// Stores relationship edges (replacing any with the same id); all or nothing.
    func upsert(relationships: [Relationship], as principal: Principal) async throws(StoreError)

    /// Records referrals; a referral already recorded (same referrer and referred) is a no-op.
    func record(referrals: [Referral], as principal: Principal) async throws(StoreError)

    /// Accounts of the clients, sorted by id.
    func accounts(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Account]

    /// Holdings of the clients, sorted by id.
    func holdings(of customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Holding]

    /// Holdings in scope maturing on a day in `days` (both ends included), sorted by maturity day then id.
    func holdings(maturingIn days: ClosedRange<Day>, as principal: Principal) async throws(StoreError) -> [Holding]

    /// Relationship edges that start at one of the clients or name one of them as the party, sorted by id.
    func relationships(of customers: [CustomerID], as principal: Principal) async throws(StoreError)
        -> [Relationship]

    /// Referrals made by the clients (as referrer), sorted by referrer, then day, then referred client.
    func referrals(madeBy customers: [CustomerID], as principal: Principal) async throws(StoreError) -> [Referral]

    /// The bank's branch hierarchy and staff.
    func organisation() async throws(StoreError) -> Organisation

    /// Replaces the organisation. Only head office and system principals may.
    func replace(organisation: Organisation, as principal: Principal) async throws(StoreError)
}

extension CustomerStore {
    /// The profile of one client, or `nil` when unknown.
    public func profile(_ id: CustomerID, as principal: Principal) async throws(StoreError) -> VersionedProfile? {
        try await profiles([id], as: principal).first
    }

    /// Writes one change and returns the new version.
    public func upsert(_ change: ProfileChange, as principal: Principal) async throws(StoreError) -> Int64 {
        let versions = try await upsert([change], as: principal)
        guard let version = versions.first else {
            throw StoreError(.unavailable, customer: change.profile.id, "store returned no version")
        }
        return version
    }
}
