public import CustomerModel

/// One purchase of a client: the raw input of the lifetime-value summaries.
///
/// Purchases of one client on one day are merged into one transaction whose amount is their sum.
public struct Purchase: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// The day of the purchase.
    public var day: Day
    /// The amount spent, not negative (a zero-value purchase still counts as a transaction).
    public var amount: Money

    /// Creates a purchase.
    public init(customer: CustomerID, day: Day, amount: Money) {
        self.customer = customer
        self.day = day
        self.amount = amount
    }
}

/// The recency-frequency-monetary summary of one client that the BG/NBD and Gamma-Gamma models read.
///
/// With first purchase on day `d₀`, repeat purchase days `d₁ < … < d_x` up to the end of
/// calibration `E`, and time unit `u` (Fader, Hardie & Lee 2005, section 2):
/// - frequency `x` = number of repeat purchase days,
/// - recency `t_x = (d_x − d₀)/u` (0 when `x = 0`),
/// - age `T = (E − d₀)/u`,
/// - repeat spend = the total spent on the `x` repeat days; the mean `z̄ = repeatSpend / x` is the
///   Gamma-Gamma input (the first purchase is excluded, as in Fader, Hardie & Lee 2005b).
public struct CustomerSummary: Hashable, Sendable {
    /// The client.
    public var customer: CustomerID
    /// `x`: the number of repeat purchase days in calibration.
    public var frequency: Int
    /// `t_x`: time from the first to the last repeat purchase, in the summary's time unit.
    public var recency: Double
    /// `T`: time from the first purchase to the end of calibration, in the summary's time unit.
    public var age: Double
    /// Total spent on the repeat purchases (the first purchase excluded).
    public var repeatSpend: Money

    /// Creates a summary; ``CustomerSummaries/init(_:currency:timeUnit:)`` validates it.
    public init(customer: CustomerID, frequency: Int, recency: Double, age: Double, repeatSpend: Money) {
        self.customer = customer
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.repeatSpend = repeatSpend
    }

    /// `z̄ = repeatSpend / x` rounded half away from zero to a minor unit, or zero when `x = 0`.
    ///
    /// For display; the models use the unrounded mean in major units.
    public var meanRepeatSpend: Money {
        guard frequency > 0 else { return .zero(repeatSpend.currency) }
        let mean = (Double(repeatSpend.minorUnits) / Double(frequency)).rounded()
        return Money(minorUnits: Int64(exactly: mean) ?? 0, currency: repeatSpend.currency)
    }
}

/// The summaries of a book of clients as a struct of arrays (one element per client), the input of
/// ``BGNBDModel/fit(_:options:)`` and ``GammaGammaModel/fit(_:options:)``.
///
/// Element `i` describes client `customers[i]`; see ``CustomerSummary`` for the definitions.
/// Validated on creation: `x ≥ 0`, `0 ≤ t_x ≤ T`, finite times, `t_x = 0` when `x = 0`.
/// Spend is kept in integer minor units; the models convert to major-unit `Double`s
/// (``/CustomerModel/Money/majorUnits``) internally.
public struct CustomerSummaries: Sendable {
    /// The client of each element.
    public private(set) var customers: [CustomerID]
    /// `x` of each client.
    public private(set) var frequency: [Int32]
    /// `t_x` of each client, in ``timeUnit``.
    public private(set) var recency: [Double]
    /// `T` of each client, in ``timeUnit``.
    public private(set) var age: [Double]
    /// Total repeat spend of each client in minor units of ``currency``.
    public private(set) var repeatSpendMinorUnits: [Int64]
    /// The currency of every spend.
    public let currency: CurrencyCode
    /// The unit of recency and age.
    public let timeUnit: TimeUnit

    /// The number of clients.
    public var count: Int { customers.count }

    /// Validates and stores columns of equal length.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` naming the first bad client and field.
    public init(
        customers: [CustomerID],
        frequency: [Int32],
        recency: [Double],
        age: [Double],
        repeatSpendMinorUnits: [Int64],
        currency: CurrencyCode,
        timeUnit: TimeUnit
    ) throws(LifetimeValueError) {
        let n = customers.count
        guard frequency.count == n, recency.count == n, age.count == n, repeatSpendMinorUnits.count == n else {
            throw LifetimeValueError(
                .invalidInput,
                field: "columns",
                "customers, frequency, recency, age and repeatSpendMinorUnits must have the same length"
            )
        }
        for i in 0..<n {
            let x = frequency[i]
            let tx = recency[i]
            let t = age[i]
            func reject(_ field: String, _ message: String) -> LifetimeValueError {
                LifetimeValueError(.invalidInput, customer: customers[i], row: i, field: field, message)
            }
            guard x >= 0 else { throw reject("frequency", "frequency must not be negative") }
            guard t.isFinite, t >= 0 else { throw reject("age", "age must be finite and not negative") }
            guard tx.isFinite, tx >= 0, tx <= t else { throw reject("recency", "recency must lie between 0 and age") }
            guard x > 0 || tx == 0 else { throw reject("recency", "recency must be 0 when frequency is 0") }
        }
        self.init(
            unchecked: customers,
            frequency: frequency,
            recency: recency,
            age: age,
            repeatSpend: repeatSpendMinorUnits,
            currency: currency,
            timeUnit: timeUnit
        )
    }

    /// Validates and stores row summaries; every ``CustomerSummary/repeatSpend`` must be in `currency`.
    /// - Throws: ``LifetimeValueError`` (`invalidInput` or `mixedCurrency`) naming the client.
    public init(_ summaries: [CustomerSummary], currency: CurrencyCode, timeUnit: TimeUnit) throws(LifetimeValueError) {
        var spend: [Int64] = []
        spend.reserveCapacity(summaries.count)
        var frequency: [Int32] = []
        frequency.reserveCapacity(summaries.count)
        for (row, summary) in summaries.enumerated() {
            guard summary.repeatSpend.currency == currency else {
                throw LifetimeValueError(
                    .mixedCurrency,
                    customer: summary.customer,
                    row: row,
                    field: "repeatSpend",
                    "repeat spend is in \(summary.repeatSpend.currency), expected \(currency)"
                )
            }
            guard let x = Int32(exactly: summary.frequency) else {
                throw LifetimeValueError(
                    .invalidInput,
                    customer: summary.customer,
                    row: row,
                    field: "frequency",
                    "frequency out of range"
                )
            }
            frequency.append(x)
            spend.append(summary.repeatSpend.minorUnits)
        }
        try self.init(
            customers: summaries.map(\.customer),
            frequency: frequency,
            recency: summaries.map(\.recency),
            age: summaries.map(\.age),
            repeatSpendMinorUnits: spend,
            currency: currency,
            timeUnit: timeUnit
        )
    }

    init(
        unchecked customers: [CustomerID],
        frequency: [Int32],
        recency: [Double],
        age: [Double],
        repeatSpend: [Int64],
        currency: CurrencyCode,
        timeUnit: TimeUnit
    ) {
        self.customers = customers
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.repeatSpendMinorUnits = repeatSpend
        self.currency = currency
        self.timeUnit = timeUnit
    }

    /// The summary of client `index`.
    public subscript(index: Int) -> CustomerSummary {
        CustomerSummary(
            customer: customers[index],
            frequency: Int(frequency[index]),
            recency: recency[index],
            age: age[index],
            repeatSpend: Money(minorUnits: repeatSpendMinorUnits[index], currency: currency)
        )
    }

    /// The summaries as rows.
    public var rows: [CustomerSummary] { (0..<count).map { self[$0] } }
}

/// Calibration summaries plus what each client actually did in the holdout period that follows,
/// for checking a model's forecasts (Fader, Hardie & Lee 2005, section 4).
///
/// Element `i` of the holdout columns belongs to client `calibration.customers[i]`. Holdout
/// transactions are counted like frequency: distinct purchase days in
/// `(calibrationEnd, holdoutEnd]`.
public struct CalibrationHoldoutSplit: Sendable {
    /// Summaries over purchases up to and including ``calibrationEnd``, clients whose first
    /// purchase is on or before that day.
    public var calibration: CustomerSummaries
    /// Purchase days of each client in the holdout period.
    public var holdoutTransactions: [Int32]
    /// Spend of each client in the holdout period, minor units.
    public var holdoutSpendMinorUnits: [Int64]
    /// The last day of calibration.
    public var calibrationEnd: Day
    /// The last day of the holdout period.
    public var holdoutEnd: Day

    /// The holdout length `t* = (holdoutEnd − calibrationEnd) / unit`.
    public var holdoutLength: Double {
        Double(calibrationEnd.days(until: holdoutEnd)) / calibration.timeUnit.lengthInDays
    }

    /// Creates a split from its parts (the builders ``init(purchases:calibrationEnd:holdoutEnd:timeUnit:)``
    /// and ``init(columns:calibrationEnd:holdoutEnd:timeUnit:selection:)`` are the usual way).
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` when lengths differ or the holdout ends before calibration.
    public init(
        calibration: CustomerSummaries,
        holdoutTransactions: [Int32],
        holdoutSpendMinorUnits: [Int64],
        calibrationEnd: Day,
        holdoutEnd: Day
    ) throws(LifetimeValueError) {
        guard holdoutTransactions.count == calibration.count, holdoutSpendMinorUnits.count == calibration.count else {
            throw LifetimeValueError(
                .invalidInput,
                field: "holdoutTransactions",
                "one holdout element per client is needed"
            )
        }
        guard holdoutEnd >= calibrationEnd else {
            throw LifetimeValueError(
                .invalidInput,
                field: "holdoutEnd",
                "the holdout period must not end before calibration"
            )
        }
        self.calibration = calibration
        self.holdoutTransactions = holdoutTransactions
        self.holdoutSpendMinorUnits = holdoutSpendMinorUnits
        self.calibrationEnd = calibrationEnd
        self.holdoutEnd = holdoutEnd
    }
}
