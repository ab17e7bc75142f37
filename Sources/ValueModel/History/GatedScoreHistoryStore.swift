public import CustomerModel

extension AccessGate {
    /// `store` behind this gate.
    public func scoreHistory(_ store: any ScoreHistoryStore) -> GatedScoreHistoryStore {
        GatedScoreHistoryStore(store, gate: self)
    }
}

/// A ``ScoreHistoryStore`` behind the ``/CustomerModel/AccessGate``: the host-facing calls, each
/// taking the principal, checked against the directory, audited and passed to the store with the
/// resolved scope.
///
/// ```swift
/// let bank = InMemoryBank(clock: clock, calendar: .china)
/// let history = bank.gate.scoreHistory(InMemoryScoreHistoryStore())
/// try await history.record(tonightsScores, as: .system("nightly-scoring"))
/// let trend = try await history.trend(of: id, model: model, days: 30, endingOn: today, as: rm)
/// if let ratio = trend?.aumChangeRatio, ratio <= -0.2 { /* AUM down 20% in 30 days */ }
/// ```
public struct GatedScoreHistoryStore: Sendable {
    /// The storage port behind the gate.
    public let store: any ScoreHistoryStore
    /// The gate every call goes through.
    public let gate: AccessGate

    /// Puts `store` behind `gate`.
    public init(_ store: any ScoreHistoryStore, gate: AccessGate) {
        self.store = store
        self.gate = gate
    }

    /// Records a batch of scores, all or none (see ``ScoreHistoryStore``).
    /// - Throws: ``/CustomerModel/StoreError`` `notFound` (unknown client), `forbidden`, and the
    ///   store's `invalid` and `conflict`; `unavailable` when the audit log is down.
    @discardableResult
    public func record(
        _ scores: [ScoreRecord],
        replacing: Bool = false,
        as principal: Principal
    )
        async throws(StoreError) -> ScoreRecordingReport
    {
        // A record with no client id cannot be looked up: it is invalid, not unknown. Every other
        // field is the store's to validate.
        if let score = scores.first(where: { $0.customer.rawValue.isEmpty }) {
            throw StoreError(
                .invalid,
                customer: score.customer,
                record: ScoreHistoryState.name(score),
                field: "customer",
                "client id is empty"
            )
        }
        let clients = AccessGate.distinct(scores.lazy.map(\.customer))
        let admission = try await gate.admit(principal, .recordScores, naming: clients, unknown: .refuse)
        try await gate.recordAllowed(admission, customers: clients)
        return try await store.record(scores, replacing: replacing, in: admission.scope)
    }

    /// The client's records in `days`, by day then model version.
    public func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        as principal: Principal
    ) async throws(StoreError) -> [ScoreRecord] {
        let admission = try await gate.admit(principal, .scoreSeries, naming: [customer])
        let found = try await store.series(of: customer, in: days, model: model, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: [customer])
        return found
    }

    /// Each client's record for `model` as of `day`, in input order.
    public func scores(
        of customers: [CustomerID],
        asOf day: Day,
        model: ScoreModelVersion,
        as principal: Principal
    )
        async throws(StoreError) -> [ScoreRecord]
    {
        let clients = AccessGate.distinct(customers)
        let admission = try await gate.admit(principal, .scoresAsOf, naming: clients)
        let found = try await store.scores(of: customers, asOf: day, model: model, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: clients)
        return found
    }

    /// How each client's score and AUM moved over `window` (see ``ScoreTrend``); `nil` clients
    /// means every client in the principal's scope.
    public func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> [ScoreTrend] {
        if let customers {
            let clients = AccessGate.distinct(customers)
            let admission = try await gate.admit(principal, .scoreTrends, naming: clients)
            let found = try await store.trends(of: customers, model: model, over: window, scope: admission.scope)
            try await gate.recordAllowed(admission, customers: clients)
            return found
        }
        let admission = try await gate.admit(principal, .scoreTrends, listing: true)
        let found = try await store.trends(of: nil, model: model, over: window, scope: admission.scope)
        let bankWide = admission.scope.isEveryClient
        try await gate.recordAllowed(admission, customers: bankWide ? [] : found.map(\.customer), isBankWide: bankWide)
        return found
    }

    /// The client's record for `model` as of `day`: the latest on or before it, or `nil`.
    public func score(
        of customer: CustomerID,
        asOf day: Day,
        model: ScoreModelVersion,
        as principal: Principal
    )
        async throws(StoreError) -> ScoreRecord?
    {
        try await scores(of: [customer], asOf: day, model: model, as: principal).first
    }

    /// The client's most recent record for `model`, or `nil`.
    public func latest(
        of customer: CustomerID,
        model: ScoreModelVersion,
        as principal: Principal
    )
        async throws(StoreError) -> ScoreRecord?
    {
        try await score(of: customer, asOf: Day(number: .max), model: model, as: principal)
    }

    /// How the client's score and AUM moved over `window`, or `nil` when it has no record on or
    /// before the window's end.
    public func trend(
        of customer: CustomerID,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> ScoreTrend? {
        try await trends(of: [customer], model: model, over: window, as: principal).first
    }

    /// How the client's score and AUM moved in the `days` days up to and including `end`
    /// (the window `end − days ... end`): `trend(of: id, model: m, days: 30, endingOn: today, as: rm)`
    /// answers "AUM down 20% in 30 days".
    ///
    /// A negative `days` counts as zero; a window reaching
    /// before the first representable day starts there.
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
