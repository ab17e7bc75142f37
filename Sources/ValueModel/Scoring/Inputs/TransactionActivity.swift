public import CustomerModel

/// What the transaction pass says about each client of a book for the CVM: the transaction count
/// of the activity window, fees charged, whether a large outflow happened recently and whether
/// activity is falling.
///
/// ``IndicatorTableBuilder`` turns these into `transactionsLast6Months`, the fees part of
/// `feeIncome` and two of the churn signals. Only rows dated on or before the scoring day count;
/// every row type counts toward the window and the trend.
///
/// The measures come from the one pass over the columns that also gives RFM and churn their
/// aggregates: ``ActivityAggregates/init(columns:windows:scoring:)``, read with
/// ``ActivityAggregates/transactionActivity(customers:)`` or ``init(aggregates:customers:)``.
/// ``init(columns:customers:asOf:currency:derivation:)`` runs that pass for the CVM alone.
///
/// One currency per book: a row of a listed client in another currency inside the windows is an
/// error, not skipped, since a count that silently drops some rows would understate activity
/// (convert such rows first). Rows of clients outside `customers` are skipped (the snapshot may
/// cover the whole bank while a table holds only individuals).
public struct TransactionActivity: Hashable, Sendable {
    /// The clients, one per row.
    public let customers: [CustomerID]
    /// Transactions in the ``IndicatorDerivation/transactionWindowMonths`` months up to the scoring day.
    public internal(set) var transactionsInWindow: [Int32]
    /// Fees charged (outflow fee rows less refunded fees) in ``IndicatorDerivation/feeWindowDays``, in minor units.
    public internal(set) var feesChargedMinorUnits: [Int64]
    /// Whether an outflow of at least ``IndicatorDerivation/largeOutflowMinorUnits`` happened in
    /// the last ``IndicatorDerivation/largeOutflowWindowDays`` days.
    public internal(set) var hasLargeOutflow: [Bool]
    /// Whether transactions of the last ``IndicatorDerivation/activityWindowDays`` days fell below
    /// ``IndicatorDerivation/activityDropShare`` of the window before (which had at least
    /// ``IndicatorDerivation/activityMinimum``).
    public internal(set) var isActivityFalling: [Bool]

    /// Counts `columns` for `customers` as of `asOf` (one pass, which also measures the RFM and
    /// churn aggregates; use ``ActivityAggregates/init(columns:windows:scoring:)`` to keep those).
    /// - Throws: ``ScoringInputError``: `lengthMismatch` for columns of different lengths or a
    ///   client index outside `columns.customers` (naming the row), `currencyMismatch` naming the
    ///   first counted row in another currency, `overflow` naming the client whose fees overflow,
    ///   `invalidValue` naming the row of a negative amount.
    /// - Complexity: O(rows + clients), one pass split over the cores.
    public init(
        columns: TransactionColumns,
        customers: [CustomerID],
        asOf: Day,
        currency: CurrencyCode,
        derivation: IndicatorDerivation = IndicatorDerivation()
    ) throws(ScoringInputError) {
        let aggregates: ActivityAggregates
        do {
            aggregates = try ActivityAggregates(
                columns: columns,
                windows: ActivityWindows(asOf: asOf, selection: TransactionSelection(currency: currency)),
                scoring: derivation
            )
        } catch {
            throw Self.scoringError(error)
        }
        try self.init(aggregates: aggregates, customers: customers)
    }

    /// Reads the CVM's measures of `customers` from aggregates measured with
    /// ``ActivityAggregates/init(columns:windows:scoring:)``.
    /// - Throws: ``ScoringInputError``: `currencyMismatch` naming the first row of a listed client
    ///   in another currency inside the windows; `invalidValue` when the aggregates were made
    ///   without the CVM's measures.
    /// - Complexity: O(clients); clients listed in the snapshot's order need no hashing.
    public init(aggregates: ActivityAggregates, customers: [CustomerID]) throws(ScoringInputError) {
        guard let measured = aggregates.scoringColumns else {
            throw ScoringInputError(
                .invalidValue,
                field: "aggregates",
                "the aggregates hold no CVM measures; make them with init(columns:windows:scoring:)"
            )
        }
        let map = Self.rowMap(aggregates.customers, customers)
        var index = [Int32](repeating: -1, count: customers.count)
        var firstForeign = Int32.max
        for (column, row) in map.enumerated() where row >= 0 && index[Int(row)] < 0 {
            index[Int(row)] = Int32(column)
            firstForeign = min(firstForeign, measured.firstForeignRow[column])
        }
        if firstForeign != .max {
            let row = Int(firstForeign)
            let owner = map.indices.first { measured.firstForeignRow[$0] == firstForeign }
            throw ScoringInputError(
                .currencyMismatch,
                customer: owner.map { aggregates.customers[$0] },
                record: "row \(row)",
                field: "currency",
                "the row is not in the book's currency \(aggregates.windows.selection.currency); convert it first"
            )
        }
        self.customers = customers
        transactionsInWindow = index.map { $0 >= 0 ? measured.window[Int($0)] : 0 }
        feesChargedMinorUnits = index.map { $0 >= 0 ? measured.fees[Int($0)] : 0 }
        hasLargeOutflow = index.map { $0 >= 0 ? measured.largeOutflow[Int($0)] : false }
        isActivityFalling = index.map { $0 >= 0 ? measured.falling[Int($0)] : false }
    }

    /// The CVM's error for an error of the pass: a bad client index or columns of different
    /// lengths are a length mismatch, an overflowing fee sum an overflow naming the client.
    static func scoringError(_ error: ActivityError) -> ScoringInputError {
        let record = error.row.map { "row \($0)" }
        switch error.code {
        case .invalidInput:
            return ScoringInputError(
                .lengthMismatch,
                customer: error.customer,
                record: record,
                field: error.field,
                error.message
            )
        case .overflow:
            return ScoringInputError(
                .overflow,
                customer: error.customer,
                record: record,
                field: "amountMinorUnits",
                "the client's fees overflow"
            )
        default:
            return ScoringInputError(
                .invalidValue,
                customer: error.customer,
                record: record,
                field: error.field,
                error.message
            )
        }
    }

    /// For each dense client index of the columns, the row of that client in `customers`, or -1.
    ///
    /// When `customers` is a prefix of the columns' clients (the usual case: a table of the first
    /// clients of a bank, or of all of them) no hashing is needed.
    static func rowMap(_ columnClients: [CustomerID], _ customers: [CustomerID]) -> [Int32] {
        var map = [Int32](repeating: -1, count: columnClients.count)
        var prefix = 0
        while prefix < min(columnClients.count, customers.count), columnClients[prefix] == customers[prefix] {
            map[prefix] = Int32(prefix)
            prefix += 1
        }
        guard prefix < customers.count else { return map }
        var rowByID = [CustomerID: Int32](minimumCapacity: customers.count - prefix)
        for row in prefix..<customers.count { rowByID[customers[row]] = rowByID[customers[row]] ?? Int32(row) }
        for index in prefix..<columnClients.count { map[index] = rowByID[columnClients[index]] ?? -1 }
        return map
    }
}

extension ActivityAggregates {
    /// The CVM's transaction measures of `customers` (every client of the snapshot when `nil`),
    /// from aggregates made with ``init(columns:windows:scoring:)``.
    /// - Throws: ``ScoringInputError`` as ``TransactionActivity/init(aggregates:customers:)``.
    public func transactionActivity(customers: [CustomerID]? = nil) throws(ScoringInputError) -> TransactionActivity {
        try TransactionActivity(aggregates: self, customers: customers ?? self.customers)
    }
}
