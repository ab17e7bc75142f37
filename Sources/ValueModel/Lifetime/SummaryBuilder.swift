public import CustomerModel

/// Per-client running totals from which a calibration/holdout summary is assembled.
///
/// Days are day numbers; `lastSeen == .min` means no row seen yet.
struct ClientTally {
    var first: Int32 = .max
    var lastSeen: Int32 = .min
    var lastCalibration: Int32 = .min
    var calibrationDays: Int32 = 0
    var holdoutDays: Int32 = 0
    var flags: Int32 = 0
    var calibrationSpend: Int64 = 0
    var firstDaySpend: Int64 = 0
    var holdoutSpend: Int64 = 0

    static let unsorted: Int32 = 1
    static let overflow: Int32 = 2
}

extension CalibrationHoldoutSplit {
    /// Builds calibration summaries and holdout counts from raw purchases.
    ///
    /// Purchases of a client on one day are merged (their amounts summed). A client's first
    /// purchase day `d₀` starts their clock; clients whose first purchase is after
    /// `calibrationEnd` are left out. With unit `u`: `x` = purchase days in
    /// `(d₀, calibrationEnd]`, `t_x = (last such day − d₀)/u`, `T = (calibrationEnd − d₀)/u`,
    /// repeat spend = their total; holdout counts are purchase days in
    /// `(calibrationEnd, holdoutEnd]`. Purchases after `holdoutEnd` are ignored. Clients appear
    /// in the order of their first appearance in `purchases`.
    /// - Throws: ``LifetimeValueError`` with `negativeAmount` (naming the client and row) for a
    ///   negative amount (zero-value purchases count as transactions), `mixedCurrency` when currencies differ, `insufficientData`
    ///   when there are no purchases, `invalidInput` when `holdoutEnd < calibrationEnd`,
    ///   `overflow` when a client's spend overflows.
    public init(
        purchases: some Collection<Purchase>,
        calibrationEnd: Day,
        holdoutEnd: Day,
        timeUnit: TimeUnit = .days
    ) throws(LifetimeValueError) {
        guard holdoutEnd >= calibrationEnd else {
            throw LifetimeValueError(
                .invalidInput,
                field: "holdoutEnd",
                "the holdout period must not end before calibration"
            )
        }
        guard let currency = purchases.first?.amount.currency else {
            throw LifetimeValueError(.insufficientData, field: "purchases", "there are no purchases")
        }
        var index: [CustomerID: Int32] = [:]
        var customers: [CustomerID] = []
        var keys: [(client: Int32, day: Int32, amount: Int64)] = []
        keys.reserveCapacity(purchases.count)
        for (row, purchase) in purchases.enumerated() {
            guard purchase.amount.currency == currency else {
                throw LifetimeValueError(
                    .mixedCurrency,
                    customer: purchase.customer,
                    row: row,
                    field: "amount",
                    "amount is in \(purchase.amount.currency), expected \(currency)"
                )
            }
            guard purchase.amount.minorUnits >= 0 else {
                throw LifetimeValueError(
                    .negativeAmount,
                    customer: purchase.customer,
                    row: row,
                    field: "amount",
                    "a purchase amount must not be negative (net refunds against purchases first)"
                )
            }
            let client: Int32
            if let known = index[purchase.customer] {
                client = known
            } else {
                client = Int32(truncatingIfNeeded: customers.count)
                index[purchase.customer] = client
                customers.append(purchase.customer)
            }
            guard purchase.day <= holdoutEnd else { continue }
            keys.append((client, purchase.day.number, purchase.amount.minorUnits))
        }
        keys.sort { $0.client != $1.client ? $0.client < $1.client : $0.day < $1.day }
        var tallies = [ClientTally](repeating: ClientTally(), count: customers.count)
        let calibrationLast = calibrationEnd.number
        for key in keys {
            var tally = tallies[Int(key.client)]
            if key.day != tally.lastSeen {
                if tally.lastSeen == .min { tally.first = key.day }
                if key.day <= calibrationLast {
                    tally.calibrationDays += 1
                    tally.lastCalibration = key.day
                } else {
                    tally.holdoutDays += 1
                }
                tally.lastSeen = key.day
            }
            tally.add(key.amount, on: key.day, calibrationEnd: calibrationLast)
            tallies[Int(key.client)] = tally
        }
        self = try Self.assemble(
            customers: customers,
            tallies: tallies,
            calibrationEnd: calibrationEnd,
            holdoutEnd: holdoutEnd,
            timeUnit: timeUnit,
            currency: currency
        )
    }

    /// Turns tallies into summaries: clients with `first ≤ calibrationEnd`, in index order.
    static func assemble(
        customers: [CustomerID],
        tallies: [ClientTally],
        calibrationEnd: Day,
        holdoutEnd: Day,
        timeUnit: TimeUnit,
        currency: CurrencyCode
    ) throws(LifetimeValueError) -> CalibrationHoldoutSplit {
        let end = calibrationEnd.number
        let unit = timeUnit.lengthInDays
        var ids: [CustomerID] = []
        var frequency: [Int32] = []
        var recency: [Double] = []
        var age: [Double] = []
        var spend: [Int64] = []
        var holdout: [Int32] = []
        var holdoutSpend: [Int64] = []
        var included = 0
        for tally in tallies where tally.first <= end { included += 1 }
        ids.reserveCapacity(included)
        frequency.reserveCapacity(included)
        recency.reserveCapacity(included)
        age.reserveCapacity(included)
        spend.reserveCapacity(included)
        holdout.reserveCapacity(included)
        holdoutSpend.reserveCapacity(included)
        for (client, tally) in tallies.enumerated() where tally.first <= end {
            let (repeatSpend, borrow) = tally.calibrationSpend.subtractingReportingOverflow(tally.firstDaySpend)
            guard tally.flags & ClientTally.overflow == 0, !borrow else {
                throw LifetimeValueError(
                    .overflow,
                    customer: customers[client],
                    field: "amount",
                    "the client's spend overflows 64-bit minor units"
                )
            }
            let x = tally.calibrationDays - 1
            ids.append(customers[client])
            frequency.append(x)
            recency.append(x > 0 ? Double(tally.lastCalibration - tally.first) / unit : 0)
            age.append(Double(end - tally.first) / unit)
            spend.append(repeatSpend)
            holdout.append(tally.holdoutDays)
            holdoutSpend.append(tally.holdoutSpend)
        }
        let summaries = CustomerSummaries(
            unchecked: ids,
            frequency: frequency,
            recency: recency,
            age: age,
            repeatSpend: spend,
            currency: currency,
            timeUnit: timeUnit
        )
        return try CalibrationHoldoutSplit(
            calibration: summaries,
            holdoutTransactions: holdout,
            holdoutSpendMinorUnits: holdoutSpend,
            calibrationEnd: calibrationEnd,
            holdoutEnd: holdoutEnd
        )
    }
}

extension ClientTally {
    /// Adds a row's amount to the calibration or holdout spend (and to the first day's spend).
    @inline(__always)
    mutating func add(_ amount: Int64, on day: Int32, calibrationEnd: Int32) {
        if day <= calibrationEnd {
            let (sum, o1) = calibrationSpend.addingReportingOverflow(amount)
            calibrationSpend = sum
            if day == first {
                let (firstSum, o2) = firstDaySpend.addingReportingOverflow(amount)
                firstDaySpend = firstSum
                if o2 { flags |= ClientTally.overflow }
            }
            if o1 { flags |= ClientTally.overflow }
        } else {
            let (sum, o) = holdoutSpend.addingReportingOverflow(amount)
            holdoutSpend = sum
            if o { flags |= ClientTally.overflow }
        }
    }
}

extension CustomerSummaries {
    /// Builds calibration summaries from raw purchases up to `calibrationEnd` (see
    /// ``CalibrationHoldoutSplit/init(purchases:calibrationEnd:holdoutEnd:timeUnit:)``; purchases
    /// after `calibrationEnd` are ignored).
    /// - Throws: ``LifetimeValueError`` as the split builder does.
    public init(
        purchases: some Collection<Purchase>,
        calibrationEnd: Day,
        timeUnit: TimeUnit = .days
    )
        throws(LifetimeValueError)
    {
        self =
            try CalibrationHoldoutSplit(
                purchases: purchases,
                calibrationEnd: calibrationEnd,
                holdoutEnd: calibrationEnd,
                timeUnit: timeUnit
            ).calibration
    }
}
