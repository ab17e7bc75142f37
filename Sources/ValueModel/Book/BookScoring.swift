public import CustomerModel

/// The nightly scoring job of a whole book in one call: activity aggregates → RFM → churn signals
/// → indicator tables (with the six-month activity count and the churn-signal count wired in) →
/// CVM score books for individuals and strategic corporates → optionally BG/NBD lifetime figures.
///
/// The columnar steps (activity pass, scoring) use up to ``parallelism`` threads. Each step's
/// errors name the client, record and field; the job returns everything or throws.
///
/// **CPU-bound.** ``run(_:finished:)`` is synchronous and keeps its threads busy for the whole
/// book (seconds for 100,000 clients). Call it from a thread of the host's own (a dedicated
/// `Thread`, or a serial `DispatchQueue` wrapped in a continuation), not from a task on Swift
/// concurrency's cooperative pool: the pool has one thread per core, so a batch there stalls
/// every other task. `Task.detached` is not enough; it runs on the same pool.
///
/// ```swift
/// let job = BookScoring(asOf: today, currency: .cny)
/// let scores = try job.run(BookInputs(profiles: profiles, holdings: holdings, interactions: interactions,
///                                     balances: balances, transactions: columns))
/// if let client = scores.client(id) { print(client.score?.explanation ?? "", client.churn.explanation) }
/// ```
///
/// **Wiring.** The CVM's `transactionsLast6Months` column is ``ActivityAggregates/sixMonthCount``
/// and its `churnSignals` column is ``ChurnBook/signalCount``, so the score, the RFM cell and the
/// churn flag a client sees come from one pass and one policy. The other indicators come from
/// ``IndicatorTableBuilder``.
public struct BookScoring: Sendable {
    /// The scoring day.
    public var asOf: Day { windows.asOf }
    /// The book's currency (amounts in any other currency are errors, not dropped).
    public var currency: CurrencyCode { windows.selection.currency }
    /// The activity windows: RFM window, recent churn window, which rows count.
    public var windows: ActivityWindows
    /// The churn thresholds; its currency must be the book's.
    public var churnPolicy: ChurnPolicy
    /// The model for individuals.
    public var individualModel: ScoringModel
    /// The model for strategic corporate clients.
    public var corporateModel: ScoringModel
    /// Pricing, windows and thresholds of the indicator table.
    public var derivation: IndicatorDerivation
    /// The lifetime horizon in days, or `nil` to skip lifetime figures (default 90).
    public var lifetimeHorizonDays: Int?
    /// The most threads the job uses at once (default ``/CustomerModel/Parallelism/automatic``,
    /// `min(cores, 8)`).
    public var parallelism: Parallelism

    /// A job with the default models, policy and windows (365-day RFM window over the client's own
    /// transactions in `currency`, 90-day churn window).
    public init(asOf: Day, currency: CurrencyCode) {
        windows = ActivityWindows(
            asOf: asOf,
            selection: TransactionSelection(currency: currency, types: ActivityWindows.clientTransactionTypes)
        )
        churnPolicy = ChurnPolicy(currency: currency)
        individualModel = .defaultIndividual
        corporateModel = .defaultStrategicCorporate
        derivation = IndicatorDerivation()
        lifetimeHorizonDays = 90
        parallelism = .automatic
    }

    /// The steps of a run, in order, as reported to the `finished` callback of ``run(_:finished:)``.
    public enum Step: String, Hashable, Sendable, CaseIterable {
        /// The activity aggregates and the RFM book.
        case activityAndRFM
        /// The churn book.
        case churn
        /// The indicator table and score book of the individuals.
        case individuals
        /// The indicator table and score book of the corporate clients.
        case corporates
        /// The BG/NBD fit and predictions.
        case lifetime
    }

    /// Runs the job.
    ///
    /// `finished` is called after each ``Step`` (steps that have nothing to do, such as scoring
    /// corporates in a book without any, are still reported), so a caller can show progress.
    /// - Throws: ``BookScoringError``: `model` when a model is for the wrong kind of client or the
    ///   lifetime horizon is not 1 to 3,650 days; `activity` for the aggregates, RFM or churn
    ///   (a negative amount, a record of an unknown client, a holding in another currency...);
    ///   `scoring` for the indicator table and scorer. A lifetime failure does not stop the job: it
    ///   is kept in ``BookScores/lifetime``.
    public func run(_ inputs: BookInputs, finished: (Step) -> Void = { _ in }) throws(BookScoringError) -> BookScores {
        try parallelism.run { () throws(BookScoringError) -> BookScores in try runSteps(inputs, finished: finished) }
    }

    /// ``run(_:finished:)`` with ``parallelism`` in effect.
    private func runSteps(_ inputs: BookInputs, finished: (Step) -> Void) throws(BookScoringError) -> BookScores {
        guard individualModel.subject == .individual else {
            throw .model("the individual model '\(individualModel.id)' scores \(individualModel.subject) clients")
        }
        guard corporateModel.subject == .corporate else {
            throw .model("the corporate model '\(corporateModel.id)' scores \(corporateModel.subject) clients")
        }
        if let days = lifetimeHorizonDays, !(1...3_650).contains(days) {
            throw .model("the lifetime horizon must be 1 to 3650 days, not \(days)")
        }
        // Dense indices for every client: the snapshot's clients first (its rows refer to them),
        // then the profiles without a transaction, so every record has a slot.
        var columns = inputs.transactions
        var index: [CustomerID: Int32] = [:]
        index.reserveCapacity(max(columns.customers.count, inputs.profiles.count))
        for (i, id) in columns.customers.enumerated() where index[id] == nil { index[id] = Int32(i) }
        for profile in inputs.profiles where index[profile.id] == nil {
            index[profile.id] = Int32(columns.customers.count)
            columns.customers.append(profile.id)
        }

        let activity: ActivityAggregates
        let rfm: RFMBook
        let churn: ChurnBook
        // One pass over the columns for RFM, churn and the CVM's transaction measures. When it
        // fails, the plain pass tells whether the failure is the CVM's own (a fee sum that
        // overflows), which the indicator step reports, as it would have met it there.
        var cvmFailure: ScoringInputError?
        do throws(ActivityError) {
            do throws(ActivityError) {
                activity = try ActivityAggregates(columns: columns, windows: windows, scoring: derivation)
            } catch {
                activity = try ActivityAggregates(columns: columns, windows: windows)
                cvmFailure = TransactionActivity.scoringError(error)
            }
            rfm = RFMBook(activity: activity)
            finished(.activityAndRFM)
            churn = try ChurnBook(
                activity: activity,
                holdings: inputs.holdings,
                interactions: inputs.interactions,
                balances: inputs.balances,
                policy: churnPolicy
            )
        } catch {
            throw .activity(error)
        }
        finished(.churn)

        let builder = IndicatorTableBuilder(asOf: asOf, currency: currency, derivation: derivation)
        var books: [CustomerKind: ScoreBook] = [:]
        do throws(ScoringInputError) {
            // What both kinds' tables share is gathered once: the book's sums and counts, then the
            // CVM's transaction measures of every profile.
            var shared: (facts: (book: BookFacts, heldAway: [Int: Int64]), activity: TransactionActivity)?
            for (kind, model) in [(CustomerKind.individual, individualModel), (.corporate, corporateModel)] {
                if inputs.profiles.contains(where: { $0.kind == kind }) {
                    if shared == nil {
                        let facts = try builder.bookFacts(
                            profiles: inputs.profiles,
                            holdings: inputs.holdings,
                            relationships: inputs.relationships,
                            referrals: inputs.referrals,
                            interactions: inputs.interactions,
                            balances: inputs.balances,
                            heldAwayAssets: inputs.heldAwayAssets
                        )
                        if let cvmFailure { throw cvmFailure }
                        shared = (facts, try activity.transactionActivity(customers: inputs.profiles.map(\.id)))
                    }
                    guard let shared else { continue }
                    var table = try builder.table(
                        subject: kind,
                        facts: shared.facts,
                        profiles: inputs.profiles,
                        activity: shared.activity
                    )
                    let dense = table.customers.map { Int(index[$0] ?? 0) }
                    let everyRow = [Bool](repeating: true, count: table.rowCount)
                    try table.setColumn(
                        .transactionsLast6Months,
                        values: dense.map { Double(activity.sixMonthCount[$0]) },
                        present: everyRow
                    )
                    try table.setColumn(
                        .churnSignals,
                        values: dense.map { Double(churn.signalCount[$0]) },
                        present: everyRow
                    )
                    books[kind] = try ValueScorer(model: model).score(table: table)
                }
                finished(kind == .individual ? .individuals : .corporates)
            }
        } catch {
            throw .scoring(error)
        }

        var lifetime: Result<BookLifetime, LifetimeValueError>?
        if let days = lifetimeHorizonDays {
            do throws(LifetimeValueError) {
                lifetime = .success(
                    try BookLifetime.run(columns: columns, asOf: asOf, selection: windows.selection, horizonDays: days)
                )
            } catch {
                lifetime = .failure(error)
            }
        }
        finished(.lifetime)
        return BookScores(
            activity: activity,
            rfm: rfm,
            churn: churn,
            individuals: books[.individual],
            corporates: books[.corporate],
            lifetime: lifetime,
            index: index
        )
    }
}
