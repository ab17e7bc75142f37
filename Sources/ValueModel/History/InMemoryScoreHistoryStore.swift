public import CustomerModel
import Synchronization

/// The in-memory ``ScoreHistoryStore``: the embedded default, and the reference the conformance
/// kit is checked against.
///
/// Each client's records are kept in one array of 40-byte rows sorted by day, so a series or an
/// as-of read is a binary search, and the nightly batch (one new day for every client) appends at
/// the end of each client's array. For deciles, the totals of every (model version, day) are kept
/// together and sorted once, on the first trend query after they change.
///
/// All state sits behind one `Mutex`; a batch is planned and committed under one lock, so it is
/// atomic and concurrent writers serialise. It keeps no coverage and no policy: hosts reach it
/// through the ``/CustomerModel/AccessGate`` (``GatedScoreHistoryStore``), which checks that
/// clients exist and are in scope first.
///
/// ```swift
/// let history = bank.gate.scoreHistory(InMemoryScoreHistoryStore())
/// try await history.record(tonightsScores, as: .system("nightly-scoring"))
/// ```
public final class InMemoryScoreHistoryStore: ScoreHistoryStore {
    private let state = Mutex(ScoreHistoryState())

    /// Creates an empty store.
    public init() {}

    /// The number of records stored.
    public var recordCount: Int { state.withLock { $0.rows.reduce(0) { $0 + $1.count } } }

    // MARK: Writes

    /// Records a batch of scores, all or none (see ``ScoreHistoryStore``).
    /// - Throws: ``/CustomerModel/StoreError`` `invalid` (naming client, day and model, and the
    ///   field) or `conflict`.
    public func record(
        _ scores: [ScoreRecord],
        replacing: Bool,
        in scope: ClientScope
    ) async throws(StoreError)
        -> ScoreRecordingReport
    {
        for score in scores {
            do throws(ValueError) { try score.validate() } catch {
                throw StoreError(
                    .invalid,
                    customer: score.customer,
                    record: ScoreHistoryState.name(score),
                    field: error.field,
                    error.message
                )
            }
        }
        return try state.withLock { state in
            let located = state.locate(scores)
            return state.record(scores, indices: located.indices, replacing: replacing)
        }.get()
    }

    // MARK: Reads

    /// The client's records in `days`, by day then model version.
    public func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreRecord] {
        state.withLock { $0.series(of: customer, in: days, model: model) }
    }

    /// Each client's record for `model` as of `day`, in input order.
    public func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        scope: ClientScope
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        state.withLock { $0.scores(of: customers, asOf: day, model: model) }
    }

    /// How each client's score and AUM moved over `window` (see ``ScoreTrend``); for `nil`
    /// clients, every client of `scope` the store has scored, by id.
    public func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        scope: ClientScope
    ) async throws(StoreError) -> [ScoreTrend] {
        state.withLock { state in
            if let customers {
                return state.trends(
                    of: customers.compactMap { state.clientIndex[$0].map(Int.init) },
                    model: model,
                    over: window
                )
            }
            let order = state.clientsByID()
            let permitted =
                scope.isEveryClient ? order : order.filter { scope.contains(state.clientIDs[$0]) ?? false }
            return state.trends(of: permitted, model: model, over: window)
        }
    }
}
