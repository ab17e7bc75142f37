public import CustomerModel

/// Keeps clients' value scores and AUM over time, so trends can be asked for: "AUM down 20% in
/// 30 days", "score fell two deciles this quarter".
///
/// The nightly scoring run records a whole book in one call; relationship-manager workbenches and
/// rules read one client's series, the score as of a day, and trends over a window.
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
///   (``/CustomerModel/StoreError/Code/invalid``, naming the client, day and field), an unknown
///   client (`notFound`), a conflict or a client out of the principal's scope (`forbidden`)
///   rejects the whole batch.
/// - **Order and ranges.** A series comes back by day, then model version; day ranges include
///   both ends.
/// - **As of.** The score of a client as of day `d` is its record for the model version with the
///   greatest day not after `d`; there is none before the first record.
/// - **Trends** follow ``ScoreTrend``: the end point is the score as of the window's last day,
///   the start point the score as of its first day (or the first record inside the window), and
///   deciles rank a client among every client the model version scored that day, whatever the
///   principal's scope.
/// - **Access.** Every call checks the principal against the store's
///   ``/CustomerModel/AccessPolicy`` with the client's coverage: reading or recording a client out
///   of scope is `forbidden` and writes nothing; an auditor reads but never records. A book-wide
///   trend query (no client list) is narrowed to the clients in scope.
/// - **Audit.** Every call that returns or changes scores writes one entry to the audit log
///   (`read` or `write`, the principal, the clients, the clock's now) before it returns; a refusal
///   is audited as `denied`. When the audit log fails, the call fails and nothing is written.
/// - Safe to call from many tasks at once; concurrent batches apply one after another.
public protocol ScoreHistoryStore: Sendable {
    /// Records a batch of scores, all or none.
    /// - Parameters:
    ///   - scores: the records, any order, typically a whole book's scores for one day.
    ///   - replacing: whether a record whose key is stored with other content replaces it
    ///     (a correction); when false that is a conflict.
    ///   - principal: who is recording.
    /// - Returns: how many records were new, unchanged or replaced.
    /// - Throws: ``/CustomerModel/StoreError`` `invalid`, `notFound`, `conflict`, `forbidden`,
    ///   `unavailable` (audit log down); nothing is stored on any error.
    func record(_ scores: [ScoreRecord], replacing: Bool, as principal: Principal) async throws(StoreError)
        -> ScoreRecordingReport

    /// The client's records on a day in `days`, of `model` only or of every model when `nil`, by
    /// day then model version.
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` or `unavailable`.
    func series(of customer: CustomerID, in days: ClosedRange<Day>, model: ScoreModelVersion?, as principal: Principal)
        async throws(StoreError) -> [ScoreRecord]

    /// Each client's record for `model` as of `day` (the latest on or before it), in input order;
    /// clients with none are left out.
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` (any client out of scope) or `unavailable`.
    func scores(of customers: [CustomerID], asOf day: Day, model: ScoreModelVersion, as principal: Principal)
        async throws(StoreError) -> [ScoreRecord]

    /// How the score and AUM of each client moved over `window` under `model` (see ``ScoreTrend``).
    /// - Parameters:
    ///   - customers: the clients, or `nil` for every client in the principal's scope (sorted by id).
    ///     Clients with no record on or before the window's end are left out.
    ///   - model: the model version.
    ///   - window: the first and last day compared.
    ///   - principal: who is asking.
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` (a listed client out of scope) or `unavailable`.
    func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> [ScoreTrend]
}

extension ScoreHistoryStore {
    /// Records a batch of scores, all or none; a stored key with other content is a conflict.
    /// - Throws: as ``record(_:replacing:as:)``.
    @discardableResult
    public func record(_ scores: [ScoreRecord], as principal: Principal) async throws(StoreError)
        -> ScoreRecordingReport
    {
        try await record(scores, replacing: false, as: principal)
    }

    /// The client's record for `model` as of `day`: the latest on or before it, or `nil`.
    /// - Throws: as ``scores(of:asOf:model:as:)``.
    public func score(of customer: CustomerID, asOf day: Day, model: ScoreModelVersion, as principal: Principal)
        async throws(StoreError) -> ScoreRecord?
    {
        try await scores(of: [customer], asOf: day, model: model, as: principal).first
    }

    /// The client's most recent record for `model`, or `nil`.
    /// - Throws: as ``scores(of:asOf:model:as:)``.
    public func latest(of customer: CustomerID, model: ScoreModelVersion, as principal: Principal)
        async throws(StoreError) -> ScoreRecord?
    {
        try await score(of: customer, asOf: Day(number: .max), model: model, as: principal)
    }

    /// How the client's score and AUM moved over `window`, or `nil` when it has no record on or
    /// before the window's end.
    /// - Throws: as ``trends(of:model:over:as:)``.
    public func trend(
        of customer: CustomerID,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(StoreError) -> ScoreTrend?
    {
        try await trends(of: [customer], model: model, over: window, as: principal).first
    }

    /// How the client's score and AUM moved in the `days` days up to and including `end`
    /// (the window `end − days ... end`): `trend(of: id, model: m, days: 30, endingOn: today, as: rm)`
    /// answers "AUM down 20% in 30 days". A negative `days` counts as zero; a window reaching
    /// before the first representable day starts there.
    /// - Throws: as ``trends(of:model:over:as:)``.
    public func trend(
        of customer: CustomerID,
        model: ScoreModelVersion,
        days: Int,
        endingOn end: Day,
        as principal: Principal
    ) async throws(StoreError) -> ScoreTrend? {
        let span = min(max(0, days), 1 << 33)
        let start = Day(number: Int32(clamping: Int(end.number) - span))
        return try await trend(of: customer, model: model, over: start...end, as: principal)
    }
}
