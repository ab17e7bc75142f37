public import CustomerModel
public import Rules

/// What a policy is evaluated over: the clients' records and the typed fact sources beside them
/// (``/Rules/BookFactSource`` for the value model's results, ``/Rules/TierFacts`` for tiers), and
/// the activity that windowed conditions read.
///
/// ```swift
/// let book = SegmentationBook(records: records, facts: [BookFactSource(scores)])
/// let evaluation = try evaluator.evaluate(book, on: EvaluationDay(today, calendar: .china))
/// ```
public struct SegmentationBook: Sendable {
    /// One record per client, in the order evaluations list clients.
    public var records: [ClientRecord]
    /// Fact sources whose facts conditions may read.
    public var facts: [any FactSource]
    /// The transactions, for windowed conditions (`sum(transactions, 90d)`).
    public var transactions: TransactionColumns
    /// The interactions, for windowed conditions and `days_since(last contact)`.
    public var interactions: [Interaction]

    /// Creates a book.
    /// - Parameters:
    ///   - records: one record per client.
    ///   - facts: fact sources (value model results, tiers).
    ///   - transactions: the transactions windowed conditions read (none unless given).
    ///   - interactions: the interactions windowed conditions read (none unless given).
    public init(
        records: [ClientRecord],
        facts: [any FactSource] = [],
        transactions: TransactionColumns = TransactionColumns(),
        interactions: [Interaction] = []
    ) {
        self.records = records
        self.facts = facts
        self.transactions = transactions
        self.interactions = interactions
    }

    /// The book narrowed to the clients in `clients` (their records only; sources stay whole).
    public func narrowed(to clients: Set<CustomerID>) -> SegmentationBook {
        var book = self
        book.records = records.filter { clients.contains($0.profile.id) }
        return book
    }
}
