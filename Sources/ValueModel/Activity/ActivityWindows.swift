public import CustomerModel

/// The day and the windows an ``ActivityAggregates`` pass measures, and which rows count for what.
///
/// Every window ends on ``asOf`` and includes it: a window of `n` days covers
/// `asOf - n + 1 ... asOf`. Rows after ``asOf`` are ignored (a snapshot may run ahead of the
/// analysis day), so the same columns give the same answer for any past day.
///
/// | measure | rows | window |
/// |---|---|---|
/// | last transaction day (recency) | ``selection`` | every row on or before ``asOf`` |
/// | frequency and monetary sum | ``selection`` | ``rfmDays`` |
/// | transactions in the last 6 months | ``activityTypes``, any currency | from ``sixMonthsStart`` (exclusive) |
/// | recent and previous activity counts | ``activityTypes``, any currency | ``recentDays``, and the ``recentDays`` before them |
/// | money leaving and arriving, largest leaving amount | ``leavingTypes`` with direction outflow, ``arrivingTypes`` with direction inflow, in the selection's currency | ``recentDays`` |
///
/// ```swift
/// let selection = TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
/// let windows = ActivityWindows(asOf: try Day(parsing: "2025-12-31"), selection: selection)
/// let aggregates = try ActivityAggregates(columns: columns, windows: windows)
/// ```
public struct ActivityWindows: Hashable, Sendable {
    /// The analysis day: windows end on it, later rows are ignored.
    public var asOf: Day
    /// Length of the RFM window in days (default 365).
    public var rfmDays: Int
    /// Length of the recent churn window in days (default 90); the previous window has the same length.
    public var recentDays: Int
    /// Which rows are transactions for RFM (currency, types, direction).
    public var selection: TransactionSelection
    /// Transaction types that are the client's own activity (default: every type but fees and
    /// interest, which the bank books without the client doing anything).
    public var activityTypes: Set<TransactionType>
    /// Outflow types that take money out of the bank (default: transfers out and withdrawals).
    public var leavingTypes: Set<TransactionType>
    /// Inflow types that bring money into the bank (default: transfers in and deposits).
    public var arrivingTypes: Set<TransactionType>

    /// Creates windows; every length has a default.
    public init(
        asOf: Day,
        rfmDays: Int = 365,
        recentDays: Int = 90,
        selection: TransactionSelection,
        activityTypes: Set<TransactionType> = ActivityWindows.clientTransactionTypes,
        leavingTypes: Set<TransactionType> = [.transferOut, .withdrawal],
        arrivingTypes: Set<TransactionType> = [.transferIn, .deposit]
    ) {
        self.asOf = asOf
        self.rfmDays = rfmDays
        self.recentDays = recentDays
        self.selection = selection
        self.activityTypes = activityTypes
        self.leavingTypes = leavingTypes
        self.arrivingTypes = arrivingTypes
    }

    /// The day before the 6-month window: the window is `sixMonthsStart + 1 ... asOf`
    /// (the same calendar date six months earlier, clamped to the month's end, is excluded).
    public var sixMonthsStart: Day { asOf.adding(months: -6) }

    /// Every transaction type the client makes itself: all but fees and interest, which the bank
    /// books on its own.
    ///
    /// The usual RFM selection: a quarterly interest posting on the last day
    /// would otherwise make most clients "recent" on the same day (and tie them at a low score).
    public static let clientTransactionTypes: Set<TransactionType> = Set(TransactionType.allCases).subtracting([
        .fee, .interest,
    ])

    /// The first day of the RFM window.
    public var rfmStart: Day { asOf.adding(days: -(rfmDays - 1)) }

    /// The first day of the recent window.
    public var recentStart: Day { asOf.adding(days: -(recentDays - 1)) }

    /// The first day of the previous window (the `recentDays` before ``recentStart``).
    public var previousStart: Day { asOf.adding(days: -(2 * recentDays - 1)) }

    /// Checks the window lengths (1 to 36,500 days).
    /// - Throws: ``ActivityError`` `invalidInput` naming the field.
    public func validate() throws(ActivityError) {
        guard (1...36_500).contains(rfmDays) else {
            throw ActivityError(.invalidInput, field: "rfmDays", "the RFM window must be 1 to 36500 days long")
        }
        guard (1...18_250).contains(recentDays) else {
            throw ActivityError(.invalidInput, field: "recentDays", "the recent window must be 1 to 18250 days long")
        }
    }

    /// Whether a row of `type` and `direction` in the selection's currency counts for each measure,
    /// as bits: 1 RFM, 2 leaving, 4 arriving, 8 activity (activity ignores currency).
    func classification(type: TransactionType, direction: Direction) -> UInt8 {
        var bits: UInt8 = 0
        if selection.types?.contains(type) ?? true, selection.direction.map({ $0 == direction }) ?? true { bits |= 1 }
        if direction == .outflow, leavingTypes.contains(type) { bits |= 2 }
        if direction == .inflow, arrivingTypes.contains(type) { bits |= 4 }
        if activityTypes.contains(type) { bits |= 8 }
        return bits
    }
}
