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
/// atomic and concurrent writers serialise. The store asks `directory` whether a client exists
/// and who covers them, and checks that against `policy`.
///
/// ```swift
/// let bank = InMemoryBank(clock: clock, calendar: .china)
/// let history = InMemoryScoreHistoryStore(directory: bank.customers, audit: bank.audit, clock: clock)
/// try await history.record(tonightsScores, as: .system("nightly-scoring"))
/// let trend = try await history.trend(of: id, model: model, days: 30, endingOn: today, as: rm)
/// if let ratio = trend?.aumChangeRatio, ratio <= -0.2 { /* AUM down 20% in 30 days */ }
/// ```
public final class InMemoryScoreHistoryStore: ScoreHistoryStore {
    private let state = Mutex(ScoreHistoryState())
    private let directory: InMemoryCustomerStore
    private let audit: any AuditLog
    private let clock: any WallClock
    private let policy: AccessPolicy

    /// Creates an empty store over the clients of `directory`.
    /// - Parameters:
    ///   - directory: the customer store that says which clients exist and who covers them.
    ///   - audit: where every read and write is recorded.
    ///   - clock: stamps audit entries.
    ///   - policy: who may read and record which clients' scores.
    public init(
        directory: InMemoryCustomerStore,
        audit: any AuditLog,
        clock: any WallClock,
        policy: AccessPolicy = .default
    ) {
        self.directory = directory
        self.audit = audit
        self.clock = clock
        self.policy = policy
    }

    /// The number of records stored.
    public var recordCount: Int { state.withLock { $0.rows.reduce(0) { $0 + $1.count } } }

    // MARK: Writes

    /// Records a batch of scores, all or none (see ``ScoreHistoryStore``).
    /// - Throws: ``/CustomerModel/StoreError`` `invalid` (naming client, day and model, and the
    ///   field), `notFound` (unknown client), `forbidden`, `conflict`, `unavailable` (audit log down).
    public func record(_ scores: [ScoreRecord], replacing: Bool, as principal: Principal) async throws(StoreError)
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
        let located = state.withLock { $0.locate(scores) }
        let customers = try await resolveWrite(located, principal)
        // Audit first: a write the audit log cannot record must not happen. A batch that then
        // fails on a conflict leaves the attempt in the trail.
        try await record(principal, .write, customers, "recordScores")
        return try state.withLock { $0.record(scores, indices: located.indices, replacing: replacing) }.get()
    }

    // MARK: Reads

    /// The client's records in `days`, by day then model version.
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` or `unavailable`.
    public func series(
        of customer: CustomerID,
        in days: ClosedRange<Day>,
        model: ScoreModelVersion?,
        as principal: Principal
    ) async throws(StoreError) -> [ScoreRecord] {
        try await checkRead([customer], principal, "scoreSeries")
        let found = state.withLock { $0.series(of: customer, in: days, model: model) }
        try await record(principal, .read, [customer], "scoreSeries")
        return found
    }

    /// Each client's record for `model` as of `day`, in input order.
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` or `unavailable`.
    public func scores(of customers: [CustomerID], asOf day: Day, model: ScoreModelVersion, as principal: Principal)
        async throws(StoreError) -> [ScoreRecord]
    {
        try await checkRead(customers, principal, "scoresAsOf")
        let found = state.withLock { $0.scores(of: customers, asOf: day, model: model) }
        try await record(principal, .read, Self.distinct(customers), "scoresAsOf")
        return found
    }

    /// How each client's score and AUM moved over `window` (see ``ScoreTrend``).
    /// - Throws: ``/CustomerModel/StoreError`` `forbidden` or `unavailable`.
    public func trends(
        of customers: [CustomerID]?,
        model: ScoreModelVersion,
        over window: ClosedRange<Day>,
        as principal: Principal
    ) async throws(StoreError) -> [ScoreTrend] {
        if let customers {
            try await checkRead(customers, principal, "scoreTrends")
            let found = state.withLock { state in
                state.trends(
                    of: customers.compactMap { state.clientIndex[$0].map(Int.init) },
                    model: model,
                    over: window
                )
            }
            try await record(principal, .read, Self.distinct(customers), "scoreTrends")
            return found
        }
        // The whole book in scope, by client id.
        let (ids, order) = state.withLock { state in (state.clientIDs, state.clientsByID()) }
        let permitted: [Int]
        if principal.hasBankWideScope {
            permitted = order
        } else {
            let (coverages, organisation) = directory.coverages(of: ids)
            permitted = order.filter { index in
                coverages[index].map { policy.permits(principal, .read, coverage: $0, in: organisation) } ?? false
            }
        }
        let found = state.withLock { $0.trends(of: permitted, model: model, over: window) }
        try await audit.record([
            AuditRecord(
                at: clock.now,
                principal: principal,
                action: .read,
                customers: principal.hasBankWideScope ? [] : found.map(\.customer),
                isBankWide: principal.hasBankWideScope,
                fields: ["scores"],
                operation: "scoreTrends"
            )
        ])
        return found
    }

    // MARK: Access and audit

    /// The distinct clients of a batch, after checking that each exists and that the principal
    /// may write it; a refusal is audited as denied. A bank-wide writer (the nightly job) is not
    /// checked client by client, and clients the store has scored before are known to exist
    /// (the directory never removes a client), so the nightly batch of a known book asks the
    /// directory nothing.
    private func resolveWrite(_ located: ScoreHistoryState.Located, _ principal: Principal) async throws(StoreError)
        -> [CustomerID]
    {
        let list = located.known + located.new
        let checked = principal.hasBankWideScope && principal.role != .auditor ? located.new : list
        guard !checked.isEmpty else { return list }
        let (coverages, organisation) = directory.coverages(of: checked)
        for (id, coverage) in zip(checked, coverages) {
            guard let coverage else { throw StoreError(.notFound, customer: id, field: "customer", "unknown client") }
            let allowed =
                principal.role == .auditor
                ? false
                : principal.hasBankWideScope || policy.permits(principal, .write, coverage: coverage, in: organisation)
            if !allowed {
                try await record(principal, .denied, [id], "recordScores")
                throw StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
        }
        return list
    }

    /// Checks that the principal may read every known client of `customers`; a refusal is audited.
    private func checkRead(_ customers: [CustomerID], _ principal: Principal, _ operation: String)
        async throws(StoreError)
    {
        if principal.hasBankWideScope { return }
        let list = Self.distinct(customers)
        let (coverages, organisation) = directory.coverages(of: list)
        for (id, coverage) in zip(list, coverages) {
            guard let coverage else { continue }
            if !policy.permits(principal, .read, coverage: coverage, in: organisation) {
                try await record(principal, .denied, [id], operation)
                throw StoreError(.forbidden, customer: id, "out of the principal's scope")
            }
        }
    }

    private static func distinct(_ customers: [CustomerID]) -> [CustomerID] {
        var seen = Set<CustomerID>()
        return customers.filter { seen.insert($0).inserted }
    }

    private func record(
        _ principal: Principal,
        _ action: AuditRecord.Action,
        _ customers: [CustomerID],
        _ operation: String
    ) async throws(StoreError) {
        try await audit.record([
            AuditRecord(
                at: clock.now,
                principal: principal,
                action: action,
                customers: customers,
                fields: ["scores"],
                operation: operation
            )
        ])
    }
}
