public import CustomerModel

/// Keeps clients' value scores and AUM over time, so trends can be asked for: "AUM down 20% in
/// 30 days", "score fell two deciles this quarter".
///
/// The nightly scoring run records a whole book in one call; relationship-manager workbenches and
/// rules read one client's series, the score as of a day, and trends over a window.
///
/// A storage port only: hosts call it through ``GatedScoreHistoryStore``
/// (`gate.scoreHistory(store)`), which checks through the ``/CustomerModel/ClientDirectory`` that
/// every client a call names exists and is in scope before the store is called, writes the audit
/// trail and reads the clock. The store keeps no coverage and writes no policy or audit code.
///
/// ## Contract
/// `ScoreHistoryConformance` in `ValueModelTesting` checks each promise.
/// - **Key and idempotency.** A record's key is (client, day, model version). Recording a key
///   already stored with equal content is a no-op counted in ``ScoreRecordingReport/unchanged``.
///   The same key with other content is ``/CustomerModel/StoreError/Code/conflict`` unless
///   `replacing` is true, when it replaces the stored record (counted in
///   ``ScoreRecordingReport/replaced``). A key repeated within one batch with equal content counts
///   once; with other content it is a conflict either way.
/// - **Atomic batches.** A call stores every record or none: an invalid record
///   (``/CustomerModel/StoreError/Code/invalid``, naming the client, day and field) or a conflict
///   rejects the whole batch.
/// - **Order and ranges.** A series comes back by day, then model version; day ranges include
///   both ends.
/// - **As of.** The score of a client as of day `d` is its record for the model version with the
///   greatest day not after `d`; there is none before the first record.
/// - **Trends** follow ``ScoreTrend``: the end point is the score as of the window's last day,
///   the start point the score as of its first day (or the first record inside the window), and
///   deciles rank a client among every client the model version scored that day, whatever the
///   principal's scope.
/// - **Scope.** Clients named by id are already checked by the gate. A book-wide trend query (no
///   client list) returns only the clients of `scope`: every client when
///   ``/CustomerModel/ClientScope/isEveryClient``, otherwise those in
///   ``/CustomerModel/ClientScope/clients`` (the directory's sorted list, attached by the gate).
/// - Safe to call from many tasks at once; concurrent batches apply one after another.
public protocol ScoreHistoryStore: Sendable {
    /// Records a batch of scores, all or none.
    /// - Parameters:
    ///   - scores: the records, any order, typically a whole book's scores for one day.
    ///   - replacing: whether a record whose key is stored with other content replaces it
    ///     (a correction); when false that is a conflict.
    ///   - scope: the clients the caller may write (checked by the gate).
    /// - Returns: how many records were new, unchanged or replaced.
    /// - Throws: ``/CustomerModel/StoreError`` `invalid`, `conflict`, `unavailable`; nothing is stored on any error.
    func record(
        _ scores: [ScoreRecord],
        replacing: Bool,
        in scope: ClientScope
    ) async throws(StoreError)
        -> ScoreRecordingReport

    /// The client's records on a day in `days`, of `model` only or of every model when `nil`, by
    /// day then model version.
    func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]

    /// Each client's record for `model` as of `day` (the latest on or before it), in input order;
    /// clients with none are left out.
    func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]

    /// How the score and AUM of each client moved over `window` under `model` (see ``ScoreTrend``).
    /// - Parameters:
    ///   - customers: the clients, or `nil` for every client of `scope` (sorted by id).
    ///     Clients with no record on or before the window's end are left out.
    ///   - model: the model version.
    ///   - window: the first and last day compared.
    ///   - scope: the clients the caller may read.
    /// - Returns: one trend per client with a record, sorted by client id.
    /// - Throws: ``/CustomerModel/StoreError`` when the store cannot answer.
    func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreTrend]
}
