public import CustomerModel

extension AccessGate {
    /// `store` behind this gate.
    public func segmentation(_ store: any SegmentationStore) -> GatedSegmentationStore {
        GatedSegmentationStore(store, gate: self)
    }
}

/// A ``SegmentationStore`` behind the ``/CustomerModel/AccessGate``: each call takes the
/// principal, is checked against the directory, audited, and passed to the store with the
/// resolved scope.
///
/// ```swift
/// let tiers = gate.segmentation(InMemorySegmentationStore())
/// let asOf = try await tiers.tier(of: "C-1", asOf: quarterEnd, as: rm)
/// ```
public struct GatedSegmentationStore: Sendable {
    /// The storage port behind the gate.
    public let store: any SegmentationStore
    /// The gate every call goes through.
    public let gate: AccessGate

    /// Puts `store` behind `gate`.
    public init(_ store: any SegmentationStore, gate: AccessGate) {
        self.store = store
        self.gate = gate
    }

    /// Commits a batch, all or nothing (see ``SegmentationStore``).
    /// - Throws: ``/CustomerModel/StoreError`` `notFound` (unknown client), `forbidden`, and the
    ///   store's `invalid` and `conflict`; `unavailable` when the audit log is down.
    @discardableResult
    public func commit(
        _ batch: SegmentationBatch,
        as principal: Principal
    ) async throws(StoreError)
        -> SegmentationCommitReport
    {
        let named =
            batch.states.lazy.map(\.client) + batch.events.lazy.map(\.client) + batch.evaluations.lazy.map(\.client)
        if let empty = named.first(where: { $0.rawValue.isEmpty }) {
            throw StoreError(.invalid, customer: empty, field: "client", "client id is empty")
        }
        let clients = AccessGate.distinct(named.sorted())
        let admission = try await gate.admit(principal, .recordTierChanges, naming: clients, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: clients)
        return try await store.commit(batch, in: admission.scope)
    }

    /// The states of `clients`, or of every client in the principal's scope when `nil`.
    public func states(
        of clients: [CustomerID]?,
        as principal: Principal
    ) async throws(StoreError)
        -> [ClientTierState]
    {
        if let clients {
            let named = AccessGate.distinct(clients.sorted())
            let admission = try await gate.admit(principal, .tierStates, naming: named)
            let found = try await store.states(of: named, scope: admission.scope)
            try await gate.recordAllowed(admission, customers: named)
            return found
        }
        let admission = try await gate.admit(principal, .tierStates, listing: true)
        let found = try await store.states(of: nil, scope: admission.scope)
        let bankWide = admission.scope.isEveryClient
        try await gate.recordAllowed(admission, customers: bankWide ? [] : found.map(\.client), isBankWide: bankWide)
        return found
    }

    /// The client's events in `days`.
    public func history(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> [TierEvent] {
        let admission = try await gate.admit(principal, .tierHistory, naming: [client])
        let found = try await store.history(of: client, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: [client])
        return found
    }

    /// The client's recorded evaluations in `days`.
    public func evaluations(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> [EvaluationRecord] {
        let admission = try await gate.admit(principal, .tierHistory, naming: [client])
        let found = try await store.evaluations(of: client, in: days, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: [client])
        return found
    }

    /// Each client's tier as of `day`, for `clients` or every client in scope when `nil`.
    public func tiers(
        asOf day: Day,
        of clients: [CustomerID]?,
        as principal: Principal
    ) async throws(StoreError)
        -> [TierAsOf]
    {
        if let clients {
            let named = AccessGate.distinct(clients.sorted())
            let admission = try await gate.admit(principal, .tiersAsOf, naming: named)
            let found = try await store.tiers(asOf: day, of: named, scope: admission.scope)
            try await gate.recordAllowed(admission, customers: named)
            return found
        }
        let admission = try await gate.admit(principal, .tiersAsOf, listing: true)
        let found = try await store.tiers(asOf: day, of: nil, scope: admission.scope)
        let bankWide = admission.scope.isEveryClient
        try await gate.recordAllowed(admission, customers: bankWide ? [] : found.map(\.client), isBankWide: bankWide)
        return found
    }

    /// The client's tier as of `day`, with since when and why; `nil` before its first event.
    public func tier(
        of client: CustomerID,
        asOf day: Day,
        as principal: Principal
    ) async throws(StoreError)
        -> TierAsOf?
    {
        try await tiers(asOf: day, of: [client], as: principal).first
    }
}
