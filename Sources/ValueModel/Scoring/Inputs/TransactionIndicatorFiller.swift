public import CustomerModel

/// Adds the CVM's transaction-derived indicators to a table built without transactions, night
/// after night, from the activity aggregates of the one pass over the columnar snapshot.
///
/// The slow inputs (profiles, holdings, relationships, interactions, balances) change little from
/// one night to the next: build their table once with ``IndicatorTableBuilder`` and no
/// `transactions`, then each night run ``ActivityAggregates/init(columns:windows:scoring:)`` (which
/// also feeds RFM and churn) and ``fill(from:)``. The result equals the table
/// ``IndicatorTableBuilder`` builds with the same transactions: `transactionsLast6Months`, the
/// fees-charged part of `feeIncome`, and the large-outflow and falling-activity churn signals.
///
/// ```swift
/// let base = try builder.build(subject: .individual, profiles: profiles, holdings: holdings)
/// let filler = try TransactionIndicatorFiller(base: base, snapshotCustomers: columns.customers)
/// let aggregates = try ActivityAggregates(columns: columns, windows: windows, scoring: builder.derivation)
/// let book = try ValueScorer(model: .defaultIndividual).score(table: try filler.fill(from: aggregates))
/// ```
public struct TransactionIndicatorFiller: Sendable {
    /// The table without transactions.
    public let base: IndicatorTable
    /// The snapshot's clients (``/CustomerModel/TransactionColumns/customers``) the aggregates
    /// will be indexed by.
    public let snapshotCustomers: [CustomerID]
    /// For each table row, the client's dense index in the snapshot, or -1 when it has no rows.
    let snapshotIndex: [Int32]
    /// Each row's fee income without transactions, in minor units.
    let baseFees: [Int64]
    /// Each row's churn signals without transactions.
    let baseSignals: [Double]

    /// The indicators ``fill(from:)`` writes: the columns that change from one snapshot to the next.
    public static let filledIndicators: Set<IndicatorID> = [.transactionsLast6Months, .feeIncome, .churnSignals]

    /// Prepares `base` (built by ``IndicatorTableBuilder`` without transactions) for snapshots
    /// indexed by `snapshotCustomers`.
    ///
    /// Hashes the client ids once.
    /// - Throws: ``ScoringInputError`` `invalidValue` when `base` already holds transaction
    ///   counts (it was built with transactions) or lacks the fee income or churn signals column.
    public init(base: IndicatorTable, snapshotCustomers: [CustomerID]) throws(ScoringInputError) {
        guard let fees = base.column(.feeIncome), let signals = base.column(.churnSignals) else {
            throw ScoringInputError(
                .invalidValue,
                field: "base",
                "the base table lacks feeIncome or churnSignals: build it with IndicatorTableBuilder"
            )
        }
        if let counts = base.column(.transactionsLast6Months), counts.presence.presentCount > 0 {
            throw ScoringInputError(
                .invalidValue,
                indicator: .transactionsLast6Months,
                field: "base",
                "the base table already holds transaction indicators: build it without transactions"
            )
        }
        self.base = base
        self.snapshotCustomers = snapshotCustomers
        let rowOfColumn = TransactionActivity.rowMap(snapshotCustomers, base.customers)
        var index = [Int32](repeating: -1, count: base.rowCount)
        for (column, row) in rowOfColumn.enumerated() where row >= 0 && index[Int(row)] < 0 {
            index[Int(row)] = Int32(column)
        }
        snapshotIndex = index
        // Amounts are written as `Double(minorUnits) / 100`: the product by 100, rounded, gives
        // the minor units back exactly (amounts are far below 2^50).
        baseFees = (0..<base.rowCount).map { fees.presence[$0] ? Int64((fees.values[$0] * 100).rounded()) : 0 }
        baseSignals = (0..<base.rowCount).map { signals.presence[$0] ? signals.values[$0] : 0 }
    }

    /// The base table with the transaction-derived indicators of `aggregates`.
    /// - Throws: ``ScoringInputError``: `invalidValue` when the aggregates hold no CVM measures or
    ///   were measured on another snapshot's clients; `currencyMismatch` naming the first row of a
    ///   table client in another currency inside the windows; `overflow` naming the client whose
    ///   fee income overflows.
    /// - Complexity: O(table rows), no hashing.
    public func fill(from aggregates: ActivityAggregates) throws(ScoringInputError) -> IndicatorTable {
        guard let measured = aggregates.scoringColumns else {
            throw ScoringInputError(
                .invalidValue,
                field: "aggregates",
                "the aggregates hold no CVM measures; make them with init(columns:windows:scoring:)"
            )
        }
        // Arrays compare by identity first, so the usual case (the same client list) costs nothing.
        guard aggregates.customers == snapshotCustomers else {
            throw ScoringInputError(
                .invalidValue,
                field: "aggregates",
                "the aggregates were measured on another snapshot's clients"
            )
        }
        let n = base.rowCount
        var counts = [Double](repeating: 0, count: n)
        var fees = [Double](repeating: 0, count: n)
        var signals = [Double](repeating: 0, count: n)
        var firstForeign = Int32.max
        var foreignRow = -1
        var overflowRow = -1
        let snapshotCount = min(
            measured.window.count,
            measured.fees.count,
            measured.largeOutflow.count,
            measured.falling.count,
            measured.firstForeignRow.count
        )
        // One read of the snapshot's measures through the row map; the first overflow stops it.
        counts.withUnsafeMutableBufferPointer { counts in
            fees.withUnsafeMutableBufferPointer { fees in
                signals.withUnsafeMutableBufferPointer { signals in
                    measured.window.withUnsafeBufferPointer { window in
                        measured.fees.withUnsafeBufferPointer { measuredFees in
                            measured.largeOutflow.withUnsafeBufferPointer { large in
                                measured.falling.withUnsafeBufferPointer { falling in
                                    measured.firstForeignRow.withUnsafeBufferPointer { foreign in
                                        for row in 0..<n {
                                            let c = Int(snapshotIndex[row])
                                            var total = baseFees[row]
                                            var signal = baseSignals[row]
                                            if c >= 0, c < snapshotCount {
                                                counts[row] = Double(window[c])
                                                let (sum, overflow) = total.addingReportingOverflow(measuredFees[c])
                                                if overflow {
                                                    overflowRow = row
                                                    break
                                                }
                                                total = sum
                                                if large[c] { signal += 1 }
                                                if falling[c] { signal += 1 }
                                                if foreign[c] < firstForeign {
                                                    firstForeign = foreign[c]
                                                    foreignRow = row
                                                }
                                            }
                                            fees[row] = Double(total) / 100
                                            signals[row] = signal
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if overflowRow >= 0 {
            throw ScoringInputError(
                .overflow,
                customer: base.customers[overflowRow],
                record: "fees",
                "a sum overflows 64-bit minor units"
            )
        }
        if firstForeign != .max {
            throw ScoringInputError(
                .currencyMismatch,
                customer: base.customers[foreignRow],
                record: "row \(firstForeign)",
                field: "currency",
                "the row is not in the book's currency \(aggregates.windows.selection.currency); convert it first"
            )
        }
        var table = base
        let everyone = PresenceBitmap(count: n, allPresent: true)
        for (id, values) in [
            (IndicatorID.transactionsLast6Months, counts), (.feeIncome, fees), (.churnSignals, signals),
        ] {
            try table.install(try table.makeColumn(id, values: values, presence: everyone))
        }
        return table
    }
}
