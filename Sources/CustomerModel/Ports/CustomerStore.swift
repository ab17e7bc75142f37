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
/// A storage port only: hosts call it through ``GatedCustomerStore`` (``AccessGate/customers(_:)``),
/// which applies the ``AccessPolicy``, writes the audit trail and reads the clock, and hands the
/// store the ``ClientScope`` it resolved. An adapter writes no policy and no audit code.
///
/// ## Contract
/// Every adapter must keep these promises; `CustomerStoreConformance` in `CustomerModelTesting`
/// checks each one, with the store behind the gate.
/// - **Batches are atomic.** Each write call stores every record or none. A record that fails
///   validation or a stale version fails the whole call.
/// - **Optimistic concurrency.** ``upsert(_:in:)`` compares each change's expected version with
///   the stored one and throws ``StoreError/Code/conflict`` on a mismatch; `nil` expects the
///   client not to exist. The first write stores version 1; each write adds 1. Concurrent
///   writers never lose an update: exactly one writer wins each version.
/// - **Scope.** The gate has already checked every client a call names by id against `scope`
///   (and that the clients written exist). Listings and range queries (``customers(matching:in:)``,
///   ``holdings(maturingIn:in:)``) return only clients `scope` covers. A write that replaces a
///   record (an account, holding or relationship id) whose stored client `scope` does not cover
///   throws ``StoreError/Code/forbidden`` and stores nothing.
/// - **Order.** Results come back sorted by identifier unless a method says otherwise.
/// - As a ``ClientDirectory``: the coverage of stored profiles, the clients a scope covers, the organisation.
/// - Safe to call from many tasks at once.
public protocol CustomerStore: ClientDirectory {
    /// The stored profiles for `ids`, in the order of `ids`, skipping unknown ids.
    func profiles(_ ids: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [VersionedProfile]

    /// Writes every change or none, returning the new versions in input order.
    func upsert(_ changes: [ProfileChange], in scope: ClientScope) async throws(StoreError) -> [Int64]

    /// The clients matching `query` that `scope` covers, sorted by identifier.
    func customers(matching query: CustomerQuery, in scope: ClientScope) async throws(StoreError) -> [CustomerID]

    /// Stores accounts (replacing any with the same id); all or nothing.
    func upsert(accounts: [Account], in scope: ClientScope) async throws(StoreError)

    /// Stores holdings (replacing any with the same id); all or nothing.
    func upsert(holdings: [Holding], in scope: ClientScope) async throws(StoreError)

    /// Stores relationship edges (replacing any with the same id); all or nothing. A party that
    /// names a client must name a stored one (``StoreError/Code/notFound``).
    func upsert(relationships: [Relationship], in scope: ClientScope) async throws(StoreError)

    /// Records referrals; a referral already recorded (same referrer and referred) is a no-op.
    /// The referred client must be stored (``StoreError/Code/notFound``).
    func record(referrals: [Referral], in scope: ClientScope) async throws(StoreError)

    /// Accounts of the clients, sorted by id.
    func accounts(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Account]

    /// Holdings of the clients, sorted by id.
    func holdings(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Holding]

    /// Holdings of clients `scope` covers maturing on a day in `days` (both ends included),
    /// sorted by maturity day then id.
    func holdings(maturingIn days: ClosedRange<Day>, in scope: ClientScope) async throws(StoreError) -> [Holding]

    /// Relationship edges that start at one of the clients or name one of them as the party, sorted by id.
    func relationships(
        of customers: [CustomerID],
        in scope: ClientScope
    ) async throws(StoreError)
        -> [Relationship]

    /// Referrals made by the clients (as referrer), sorted by referrer, then day, then referred client.
    func referrals(madeBy customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Referral]

    /// Replaces the organisation (the gate lets only head office and system principals call it).
    /// - Throws: ``StoreError/Code/invalid`` when the hierarchy has unknown parents, cycles or duplicates.
    func replace(organisation: Organisation) async throws(StoreError)
}
