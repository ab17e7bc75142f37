public import CustomerModel

/// One client's activity measures as of a day: what ``ActivityAggregates`` holds per client, as a value.
///
/// Amounts are in the currency of the windows' selection. A client with no selected transaction
/// on or before the analysis day has ``lastDay`` `nil`.
public struct ClientActivity: Hashable, Sendable {
    /// The day of the last selected transaction on or before the analysis day.
    public var lastDay: Day?
    /// Selected transactions in the RFM window.
    public var frequency: Int
    /// Sum of the selected transactions in the RFM window, in minor units.
    public var monetaryMinorUnits: Int64
    /// The client's own transactions (activity types, any currency) in the last 6 months.
    public var sixMonthCount: Int
    /// Activity transactions in the recent window.
    public var recentCount: Int
    /// Activity transactions in the window of the same length before it.
    public var previousCount: Int
    /// Money that left the bank in the recent window (leaving types), in minor units.
    public var leavingMinorUnits: Int64
    /// Money that arrived in the recent window (arriving types), in minor units.
    public var arrivingMinorUnits: Int64
    /// The largest single leaving amount in the recent window, in minor units (0 when none).
    public var largestLeavingMinorUnits: Int64

    /// Creates a value from its measures.
    public init(
        lastDay: Day?,
        frequency: Int,
        monetaryMinorUnits: Int64,
        sixMonthCount: Int,
        recentCount: Int,
        previousCount: Int,
        leavingMinorUnits: Int64,
        arrivingMinorUnits: Int64,
        largestLeavingMinorUnits: Int64
    ) {
        self.lastDay = lastDay
        self.frequency = frequency
        self.monetaryMinorUnits = monetaryMinorUnits
        self.sixMonthCount = sixMonthCount
        self.recentCount = recentCount
        self.previousCount = previousCount
        self.leavingMinorUnits = leavingMinorUnits
        self.arrivingMinorUnits = arrivingMinorUnits
        self.largestLeavingMinorUnits = largestLeavingMinorUnits
    }

    /// Measures one client's transactions (the single-client path, for re-scoring after an event).
    ///
    /// The definitions are those of ``ActivityAggregates``: rows after `windows.asOf` are ignored;
    /// the transactions may be in any order and may belong to one client only (the caller's
    /// choice; they are not checked against each other).
    /// - Throws: ``ActivityError``: `invalidInput` for bad windows, `negativeAmount` naming the
    ///   transaction, `overflow` when a sum overflows.
    public init(transactions: some Sequence<Transaction>, windows: ActivityWindows) throws(ActivityError) {
        try windows.validate()
        self.init(
            lastDay: nil,
            frequency: 0,
            monetaryMinorUnits: 0,
            sixMonthCount: 0,
            recentCount: 0,
            previousCount: 0,
            leavingMinorUnits: 0,
            arrivingMinorUnits: 0,
            largestLeavingMinorUnits: 0
        )
        let asOf = windows.asOf
        let rfmStart = windows.rfmStart
        let recentStart = windows.recentStart
        let previousStart = windows.previousStart
        let sixStart = windows.sixMonthsStart
        let currency = windows.selection.currency
        for transaction in transactions {
            let amount = transaction.amount.minorUnits
            guard amount >= 0 else {
                throw ActivityError(
                    .negativeAmount,
                    customer: transaction.customer,
                    record: "transaction \(transaction.id)",
                    field: "amount",
                    "amounts are positive; the direction says in or out"
                )
            }
            let day = transaction.day
            guard day <= asOf else { continue }
            let bits = windows.classification(type: transaction.type, direction: transaction.direction)
            let counted = transaction.amount.currency == currency
            func add(_ total: inout Int64, _ field: String) throws(ActivityError) {
                let (sum, overflow) = total.addingReportingOverflow(amount)
                guard !overflow else {
                    throw ActivityError(
                        .overflow,
                        customer: transaction.customer,
                        record: "transaction \(transaction.id)",
                        field: field,
                        "the sum overflows 64-bit minor units"
                    )
                }
                total = sum
            }
            if counted, bits & 1 != 0 {
                if lastDay.map({ day > $0 }) ?? true { lastDay = day }
                if day >= rfmStart {
                    frequency += 1
                    try add(&monetaryMinorUnits, "monetaryMinorUnits")
                }
            }
            if bits & 8 != 0 {
                if day > sixStart { sixMonthCount += 1 }
                if day >= recentStart {
                    recentCount += 1
                } else if day >= previousStart {
                    previousCount += 1
                }
            }
            if counted, day >= recentStart {
                if bits & 2 != 0 {
                    try add(&leavingMinorUnits, "leavingMinorUnits")
                    largestLeavingMinorUnits = max(largestLeavingMinorUnits, amount)
                }
                if bits & 4 != 0 { try add(&arrivingMinorUnits, "arrivingMinorUnits") }
            }
        }
    }
}
