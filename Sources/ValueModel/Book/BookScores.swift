public import CustomerModel

/// The result of a ``BookScoring`` run: the activity aggregates, RFM, churn signals and CVM score
/// books of a book, indexed by the same dense client index, with one client's figures on demand.
public struct BookScores: Sendable {
    /// Per-client activity measures (dense index `i` is client `activity.customers[i]`).
    public let activity: ActivityAggregates
    /// RFM cells, segments and value layers, by dense index.
    public let rfm: RFMBook
    /// Churn signals and levels, by dense index.
    public let churn: ChurnBook
    /// The CVM scores of the individuals, or `nil` when the book has none.
    public let individuals: ScoreBook?
    /// The CVM scores of the corporate clients, or `nil` when the book has none.
    public let corporates: ScoreBook?
    /// The BG/NBD figures, the error that stopped them, or `nil` when not asked for.
    public let lifetime: Result<BookLifetime, LifetimeValueError>?
    private let index: [CustomerID: Int32]
    private let scoreRow: [Int32]

    init(
        activity: ActivityAggregates,
        rfm: RFMBook,
        churn: ChurnBook,
        individuals: ScoreBook?,
        corporates: ScoreBook?,
        lifetime: Result<BookLifetime, LifetimeValueError>?,
        index: [CustomerID: Int32]
    ) {
        self.activity = activity
        self.rfm = rfm
        self.churn = churn
        self.individuals = individuals
        self.corporates = corporates
        self.lifetime = lifetime
        self.index = index
        var rows = [Int32](repeating: -1, count: activity.count)
        for book in [individuals, corporates].compactMap({ $0 }) {
            for (row, id) in book.customers.enumerated() {
                if let i = index[id] { rows[Int(i)] = Int32(row) }
            }
        }
        scoreRow = rows
    }

    /// The number of clients (the dense index range).
    public var count: Int { activity.count }

    /// The clients, by dense index.
    public var customers: [CustomerID] { activity.customers }

    /// The dense index of `customer`, or `nil`.
    public func index(of customer: CustomerID) -> Int? { index[customer].map(Int.init) }

    /// The score book of `kind`.
    public func book(_ kind: CustomerKind) -> ScoreBook? { kind == .individual ? individuals : corporates }

    /// Everything about the client at dense index `i`, or `nil` for an index out of range.
    public func client(at i: Int) -> BookClient? {
        guard activity.customers.indices.contains(i) else { return nil }
        let id = activity.customers[i]
        var score: CustomerScore?
        var kind: CustomerKind?
        let row = Int(scoreRow[i])
        if row >= 0 {
            for (book, bookKind) in [(individuals, CustomerKind.individual), (corporates, .corporate)]
            where book.map({ $0.customers.indices.contains(row) && $0.customers[row] == id }) == true {
                score = book?.score(ofRow: row)
                kind = bookKind
            }
        }
        var prediction: BookClient.Prediction?
        if case .success(let lifetime) = lifetime, let p = lifetime.prediction(for: id) {
            prediction = BookClient.Prediction(
                probabilityAlive: p.probabilityAlive,
                expectedTransactions: p.expectedTransactions,
                horizonDays: lifetime.horizonDays
            )
        }
        return BookClient(
            customer: id,
            kind: kind,
            score: score,
            rfm: rfm.score(i),
            churn: churn.assessment(i),
            lifetime: prediction
        )
    }

    /// Everything about `customer`, or `nil` for a client not in the book.
    public func client(_ customer: CustomerID) -> BookClient? {
        index(of: customer).flatMap { client(at: $0) }
    }
}

/// One client's figures from a ``BookScores``: the explained CVM score, the RFM score and the churn
/// assessment with its reasons, and the lifetime prediction.
public struct BookClient: Hashable, Sendable {
    /// A BG/NBD prediction.
    public struct Prediction: Hashable, Sendable {
        /// The probability that the client is still active.
        public var probabilityAlive: Double
        /// Expected transactions over the horizon.
        public var expectedTransactions: Double
        /// The horizon in days.
        public var horizonDays: Int
    }

    /// The client.
    public var customer: CustomerID
    /// The kind of client, as scored; `nil` for a client without a profile.
    public var kind: CustomerKind?
    /// The CVM score with its explanation; `nil` for a client without a profile.
    public var score: CustomerScore?
    /// RFM cell, segment and value layer.
    public var rfm: RFMScore
    /// Churn level, score and reasons.
    public var churn: ChurnAssessment
    /// The lifetime prediction; `nil` without purchases or when lifetime figures were not computed.
    public var lifetime: Prediction?
}
