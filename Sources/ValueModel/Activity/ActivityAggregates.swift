public import CustomerModel

/// Per-client activity measures of a whole book as of a day, as columns: the input of RFM, of
/// churn signals and of the CVM's activity indicator.
///
/// Built in one pass over a ``/CustomerModel/TransactionColumns`` snapshot, split across the
/// cores (each core aggregates half of the rows into its own per-client arrays, which are then
/// merged). What each column counts is defined by ``ActivityWindows``. Column `i` belongs to
/// client `customers[i]`, the snapshot's dense index.
///
/// ```swift
/// let windows = ActivityWindows(asOf: asOf, selection: .init(currency: .cny))
/// let aggregates = try ActivityAggregates(columns: bank.transactionColumns(), windows: windows)
/// print(aggregates.sixMonthCount[0], aggregates.client(0).lastDay ?? "never")
/// ```
public struct ActivityAggregates: Sendable {
    /// The windows measured.
    public let windows: ActivityWindows
    /// The client of each index.
    public let customers: [CustomerID]
    /// Day number of each client's last selected transaction on or before the analysis day;
    /// `Int32.min` when there is none.
    public let lastDay: [Int32]
    /// Selected transactions in the RFM window.
    public let frequency: [Int32]
    /// Sum of the selected transactions in the RFM window, in minor units of the selection's currency.
    public let monetaryMinorUnits: [Int64]
    /// The client's own transactions (activity types, any currency) in the last 6 months.
    public let sixMonthCount: [Int32]
    /// Activity transactions in the recent window.
    public let recentCount: [Int32]
    /// Activity transactions in the previous window (same length, just before the recent one).
    public let previousCount: [Int32]
    /// Money leaving the bank in the recent window, in minor units.
    public let leavingMinorUnits: [Int64]
    /// Money arriving in the recent window, in minor units.
    public let arrivingMinorUnits: [Int64]
    /// The largest single leaving amount in the recent window, in minor units.
    public let largestLeavingMinorUnits: [Int64]
    /// Whether the six-month, recent, previous and flow columns were measured.
    ///
    /// They are not (and
    /// hold zeros) in the aggregates ``RFMBook/init(columns:windows:)`` builds for itself, which
    /// read only what RFM needs.
    public let includesChurnMeasures: Bool
    /// The derivation of the CVM's transaction measures, when the pass measured them
    /// (``init(columns:windows:scoring:)``); read them with ``transactionActivity(customers:)``.
    public let scoringDerivation: IndicatorDerivation?
    /// The CVM's measures per client, when measured.
    let scoringColumns: ScoringActivityColumns?

    /// The number of clients.
    public var count: Int { customers.count }

    /// Whether this machine runs the vector form of the pass (x86-64 with AVX2, checked once at
    /// run time).
    ///
    /// It serves snapshots whose ``/CustomerModel/TransactionColumns/uniformCurrency``
    /// is the selection's currency; the results are the same either way, only faster.
    public static var vectorLoopAvailable: Bool { ActivityPass.vectorPassAvailable }

    /// Aggregates a columnar snapshot.
    ///
    /// Rows may come in any order; a book whose rows are grouped by client (as stores and the
    /// synthetic bank export them) is fastest, because a client's measures then stay in registers
    /// for the whole run of its rows.
    /// - Throws: ``ActivityError``: `invalidInput` for bad windows, columns of different lengths
    ///   or a client index out of range (naming the row); `negativeAmount` naming the row and
    ///   client; `overflow` when a client's sum overflows 64 bits.
    ///
    /// CPU-bound and synchronous, split over up to `Parallelism.current` threads (CustomerModel):
    /// call it from a thread of the host's own, not from a task on the cooperative pool
    /// (`Task.detached` runs on the same pool), or through ``BookScoring``, which says the same.
    /// - Complexity: O(rows + clients); about 20 ms for 10M rows and 100k clients on two cores.
    public init(columns: TransactionColumns, windows: ActivityWindows) throws(ActivityError) {
        try windows.validate()
        let result = try ActivityPass.aggregate(columns, windows: windows)
        self.init(windows: windows, customers: columns.customers, columns: result)
    }

    /// Aggregates a columnar snapshot and, in the same pass, the CVM's transaction measures: the
    /// count of the transaction window, fees charged, large outflows and the activity trend, as
    /// ``TransactionActivity`` defines them with `scoring` (every row type counts; rows in the
    /// selection's currency only).
    ///
    /// ``transactionActivity(customers:)`` reads them.
    ///
    /// One pass serves RFM, churn signals and the CVM, so a nightly run reads the columns once.
    /// When ``/CustomerModel/TransactionColumns/uniformCurrency`` is the selection's currency,
    /// the currency column is not read, and on an x86-64 CPU with AVX2 a vector loop takes eight
    /// rows a step (the same columns as the portable loop).
    /// - Throws: ``ActivityError`` as ``init(columns:windows:)`` does; `overflow` also when a
    ///   client's fees charged or refunded overflow 64 bits. A row in another currency inside the
    ///   CVM's windows is not an error here (the activity measures count it); it is reported by
    ///   ``transactionActivity(customers:)``.
    ///
    /// CPU-bound and synchronous, like ``init(columns:windows:)``: run it off the cooperative pool.
    /// - Complexity: O(rows + clients), one pass split over up to `Parallelism.current` threads.
    public init(
        columns: TransactionColumns,
        windows: ActivityWindows,
        scoring: IndicatorDerivation
    )
        throws(ActivityError)
    {
        try windows.validate()
        let spec = ScoringPassSpec(asOf: windows.asOf, derivation: scoring)
        let result = try ActivityPass.aggregate(columns, windows: windows, scoring: spec)
        self.init(windows: windows, customers: columns.customers, columns: result, scoringDerivation: scoring)
    }

    /// The last day, frequency and monetary columns only (the other columns are zero).
    init(rfmColumns columns: TransactionColumns, windows: ActivityWindows) throws(ActivityError) {
        try windows.validate()
        let result = try ActivityPass.aggregateRFM(columns, windows: windows)
        self.init(windows: windows, customers: columns.customers, columns: result, includesChurnMeasures: false)
    }

    /// Aggregates the transactions of the clients in `customers` (the single-client or small-book
    /// path): transactions of clients not listed are rejected.
    /// - Throws: ``ActivityError``: `unknownCustomer` naming the transaction, and the errors of
    ///   ``ClientActivity/init(transactions:windows:)``.
    public init(transactions: [Transaction], customers: [CustomerID], windows: ActivityWindows) throws(ActivityError) {
        try windows.validate()
        var index: [CustomerID: Int] = [:]
        for (i, id) in customers.enumerated() where index[id] == nil { index[id] = i }
        var groups = [[Transaction]](repeating: [], count: customers.count)
        for transaction in transactions {
            guard let i = index[transaction.customer] else {
                throw ActivityError(
                    .unknownCustomer,
                    customer: transaction.customer,
                    record: "transaction \(transaction.id)",
                    field: "customer",
                    "the client is not in the book"
                )
            }
            groups[i].append(transaction)
        }
        var built = ActivityColumns(count: customers.count)
        for (i, group) in groups.enumerated() {
            built.set(i, try ClientActivity(transactions: group, windows: windows))
        }
        self.init(windows: windows, customers: customers, columns: built)
    }

    init(
        windows: ActivityWindows,
        customers: [CustomerID],
        columns: ActivityColumns,
        includesChurnMeasures: Bool = true,
        scoringDerivation: IndicatorDerivation? = nil
    ) {
        self.includesChurnMeasures = includesChurnMeasures
        self.scoringDerivation = scoringDerivation
        scoringColumns = columns.scoring
        self.windows = windows
        self.customers = customers
        lastDay = columns.lastDay
        frequency = columns.frequency
        monetaryMinorUnits = columns.monetary
        sixMonthCount = columns.sixMonths
        recentCount = columns.recent
        previousCount = columns.previous
        leavingMinorUnits = columns.leaving
        arrivingMinorUnits = columns.arriving
        largestLeavingMinorUnits = columns.largestLeaving
    }

    /// ``sixMonthCount`` as numbers: the CVM's "transactions in the last 6 months" indicator column.
    public var sixMonthCountColumn: [Double] { sixMonthCount.map { Double($0) } }

    /// Client `index`'s measures as a value.
    /// - Precondition: `index` is in `0..<count` (a programming error otherwise, not an input error).
    public func client(_ index: Int) -> ClientActivity {
        ClientActivity(
            lastDay: lastDay[index] == .min ? nil : Day(number: lastDay[index]),
            frequency: Int(frequency[index]),
            monetaryMinorUnits: monetaryMinorUnits[index],
            sixMonthCount: Int(sixMonthCount[index]),
            recentCount: Int(recentCount[index]),
            previousCount: Int(previousCount[index]),
            leavingMinorUnits: leavingMinorUnits[index],
            arrivingMinorUnits: arrivingMinorUnits[index],
            largestLeavingMinorUnits: largestLeavingMinorUnits[index]
        )
    }
}

/// The mutable columns an aggregation fills before they become an ``ActivityAggregates``.
struct ActivityColumns: Equatable {
    var lastDay: [Int32]
    var frequency: [Int32]
    var monetary: [Int64]
    var sixMonths: [Int32]
    var recent: [Int32]
    var previous: [Int32]
    var leaving: [Int64]
    var arriving: [Int64]
    var largestLeaving: [Int64]
    /// The CVM's measures, when the pass measures them.
    var scoring: ScoringActivityColumns?

    init(count: Int) {
        lastDay = [Int32](repeating: .min, count: count)
        frequency = [Int32](repeating: 0, count: count)
        monetary = [Int64](repeating: 0, count: count)
        sixMonths = [Int32](repeating: 0, count: count)
        recent = [Int32](repeating: 0, count: count)
        previous = [Int32](repeating: 0, count: count)
        leaving = [Int64](repeating: 0, count: count)
        arriving = [Int64](repeating: 0, count: count)
        largestLeaving = [Int64](repeating: 0, count: count)
    }

    /// Columns of `count` values that the caller writes in full before reading any (the merge of
    /// the activity pass does).
    init(unfilledCount count: Int) {
        lastDay = .unfilled(count)
        frequency = .unfilled(count)
        monetary = .unfilled(count)
        sixMonths = .unfilled(count)
        recent = .unfilled(count)
        previous = .unfilled(count)
        leaving = .unfilled(count)
        arriving = .unfilled(count)
        largestLeaving = .unfilled(count)
    }

    mutating func set(_ i: Int, _ client: ClientActivity) {
        lastDay[i] = client.lastDay?.number ?? .min
        frequency[i] = Int32(clamping: client.frequency)
        monetary[i] = client.monetaryMinorUnits
        sixMonths[i] = Int32(clamping: client.sixMonthCount)
        recent[i] = Int32(clamping: client.recentCount)
        previous[i] = Int32(clamping: client.previousCount)
        leaving[i] = client.leavingMinorUnits
        arriving[i] = client.arrivingMinorUnits
        largestLeaving[i] = client.largestLeavingMinorUnits
    }
}

extension Array where Element: BitwiseCopyable {
    /// `count` elements the caller overwrites before reading (plain values: nothing to release).
    static func unfilled(_ count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
