public import CustomerModel

/// Keeps tier state, proposals and the history of every move, warning, override and exit, and
/// the recorded evaluations, so any client's tier can be asked for as of any day.
///
/// A storage port only: hosts call it through ``GatedSegmentationStore``
/// (`gate.segmentation(store)`), which checks every client a call names against the
/// ``/CustomerModel/ClientDirectory``, writes the audit trail and reads the clock. The store
/// keeps no coverage and writes no policy or audit code.
///
/// ## Contract
/// `SegmentationStoreConformance` in `SegmentationTesting` checks each promise.
/// - **Atomic batches.** ``commit(_:in:)`` stores the whole batch or nothing.
/// - **Idempotency.** An evaluation's key is (client, day, policy version), an event's its id.
///   The same key with equal content again is a no-op counted as unchanged; with other content
///   it is ``/CustomerModel/StoreError/Code/conflict``.
/// - **Versions.** A state in a batch names the version it read (0 for a client without one);
///   when the stored version differs the batch is a conflict. A stored state's version goes up
///   by one with each write.
/// - **Validation.** An empty client id, an event whose client has no state and no state in the
///   batch, or two states of one client in a batch are ``/CustomerModel/StoreError/Code/invalid``.
/// - **Order.** History and evaluations come back by day, then in the order committed.
/// - **As of.** A client's tier as of day `d` is the `to` of its last event on or before `d`;
///   its `since` and reason are those of the last event on or before `d` that moved it. A client
///   without events by `d` has no answer.
/// - **Scope.** Book-wide reads (no client list) return only the clients of `scope`.
/// - Safe to call from many tasks at once; batches apply one after another.
public protocol SegmentationStore: Sendable {
    /// Stores `batch`, all or nothing.
    /// - Throws: ``/CustomerModel/StoreError`` `invalid`, `conflict`, `unavailable`; nothing is stored on any error.
    func commit(_ batch: SegmentationBatch, in scope: ClientScope) async throws(StoreError) -> SegmentationCommitReport

    /// The states of `clients` (those with one), or of every client of `scope` when `nil`, sorted by client.
    func states(of clients: [CustomerID]?, scope: ClientScope) async throws(StoreError) -> [ClientTierState]

    /// The client's events on a day in `days`, by day then commit order.
    func history(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [TierEvent]

    /// The client's recorded evaluations on a day in `days`, by day then commit order.
    func evaluations(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError)
        -> [EvaluationRecord]

    /// Each client's tier as of `day` (see "As of"), for `clients` or every client of `scope`
    /// when `nil`, sorted by client; clients without an event by `day` are left out.
    func tiers(asOf day: Day, of clients: [CustomerID]?, scope: ClientScope) async throws(StoreError) -> [TierAsOf]
}
