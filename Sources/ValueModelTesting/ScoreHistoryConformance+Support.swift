package import CustomerModel
import CustomerModelTesting
import ValueModel

/// Sample scores the ``ScoreHistoryConformance`` checks record.
enum ScoreSamples {
    typealias World = ConformanceWorld

    /// The model version most checks score with.
    static let model = ScoreModelVersion(id: "cvm-individual", version: "3")
    /// The next version of the same model, scored in parallel in some checks.
    static let nextModel = ScoreModelVersion(id: "cvm-individual", version: "4")
    /// A model with non-ASCII text in its id and version.
    static let corporateModel = ScoreModelVersion(id: "战略客户-strategic", version: "2026.1-β")

    /// A score of `client` on day `day` (days after ``/CustomerModelTesting/ConformanceWorld/today``), with four dimension
    /// scores derived from the total, AUM in CNY major units, and no RFM cell or churn level.
    static func score(
        _ client: CustomerID,
        day: Int,
        total: Double,
        aum: Int64 = 1_000_000,
        model: ScoreModelVersion = model
    ) -> ScoreRecord {
        ScoreRecord(
            customer: client,
            day: World.day(day),
            model: model,
            total: total,
            dimensions: [total, total / 2, min(100, total + 0.25), 100 - total],
            aum: Money(major: aum, currency: .cny)
        )
    }

    /// The ids of the extra clients the book-wide checks create: `C-BK-00000` and on.
    static func bookClient(_ index: Int) -> CustomerID {
        let digits = String(index)
        return CustomerID("C-BK-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits)
    }
}

extension ScoreHistoryFixture: GatedFixture {
    /// The gated store the kit seeds ``/CustomerModelTesting/ConformanceWorld`` through: ``customers``.
    package var directory: GatedCustomerStore { customers }

    typealias World = ConformanceWorld

    /// Creates `count` more clients (``ScoreSamples/bookClient(_:)``, covered by RM-A in Pudong)
    /// after ``seed()``, in batches of 5,000, and returns their ids.
    func seedBook(_ count: Int) async throws(ConformanceFailure) -> [CustomerID] {
        let ids = (0..<count).map(ScoreSamples.bookClient)
        var start = 0
        while start < ids.count {
            let slice = ids[start..<min(ids.count, start + 5_000)]
            try await call("creating book clients \(start) to \(start + slice.count - 1) as system") {
                try await customers.upsert(
                    slice.map { ProfileChange(ConformanceWorld.profile($0), expectedVersion: nil) },
                    as: World.system
                )
            }
            start += slice.count
        }
        tick()
        return ids
    }

    /// Records as system, failing the check on an error.
    @discardableResult
    func record(
        _ scores: [ScoreRecord],
        replacing: Bool = false,
        _ subject: @autoclosure () -> String
    )
        async throws(ConformanceFailure) -> ScoreRecordingReport
    {
        try await call(subject()) { try await history.record(scores, replacing: replacing, as: World.system) }
    }

    /// Every record of `client` (of `model` when given), read as system.
    func series(
        of client: CustomerID,
        in days: ClosedRange<Day> = ConformanceWorld.everyDay,
        model: ScoreModelVersion? = nil
    )
        async throws(ConformanceFailure) -> [ScoreRecord]
    {
        try await call("reading the series of \(client) as system") {
            try await history.series(of: client, in: days, model: model, as: World.system)
        }
    }

    /// Every record of every client in `clients`, client by client, read as system.
    func everything(
        of clients: [CustomerID] = ConformanceWorld.clients
    ) async throws(ConformanceFailure)
        -> [ScoreRecord]
    {
        var all: [ScoreRecord] = []
        for client in clients { all += try await series(of: client) }
        return all
    }

    /// The trend of `client` over `window` under `model`, read as system.
    func trend(
        of client: CustomerID,
        over window: ClosedRange<Day>,
        model: ScoreModelVersion = ScoreSamples.model
    )
        async throws(ConformanceFailure) -> ScoreTrend?
    {
        try await call("the trend of \(client) over \(window)") {
            try await history.trend(of: client, model: model, over: window, as: World.system)
        }
    }
}

/// Records in the order the contract returns a series: by day, then model version.
func seriesOrder(_ records: [ScoreRecord]) -> [ScoreRecord] {
    records.sorted { ($0.day, $0.model) < ($1.day, $1.model) }
}

/// Records sorted by client, day and model version, for comparing sets of records.
func keyOrder(_ records: [ScoreRecord]) -> [ScoreRecord] {
    records.sorted { ($0.customer, $0.day, $0.model) < ($1.customer, $1.day, $1.model) }
}
