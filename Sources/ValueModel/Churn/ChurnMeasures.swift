public import CustomerModel

/// What the churn signals of one client are computed from: flows, maturities, complaints,
/// activity and AUM, measured as of a day.
///
/// Amounts are minor units of the policy's currency.
///
/// ``ChurnBook`` and ``ChurnPolicy/assess(customer:transactions:holdings:interactions:balances:windows:)``
/// fill it the same way; ``ChurnPolicy/assess(_:customer:asOf:)`` turns it into signals, so a
/// host with its own aggregates can fill it directly.
public struct ChurnMeasures: Hashable, Sendable {
    /// Days in the activity's recent window (flows and activity).
    public var recentDays: Int
    /// Money leaving the bank in the recent window.
    public var leavingMinorUnits: Int64
    /// Money arriving in the recent window.
    public var arrivingMinorUnits: Int64
    /// The largest single leaving amount in the recent window.
    public var largestLeavingMinorUnits: Int64
    /// AUM at the start of the recent window (the last snapshot before it), if known.
    public var aumAtWindowStart: Int64?
    /// Products that matured in the maturity lookback.
    public var maturedCount: Int
    /// Of those, products moved out or renewed below the kept share.
    public var notRenewedCount: Int
    /// The money that did not stay in those products.
    public var notRenewedMinorUnits: Int64
    /// AUM before the maturity lookback (the last snapshot on or before `asOf - maturityLookbackDays`), if known.
    public var aumBeforeMaturities: Int64?
    /// Complaints in the recent complaint window.
    public var recentComplaints: Int
    /// Complaints in the complaint window before it.
    public var previousComplaints: Int
    /// The client's own transactions in the recent window.
    public var recentActivity: Int
    /// The client's own transactions in the window before it.
    public var previousActivity: Int
    /// The last AUM snapshot on or before `asOf - aumWindowDays`, if any.
    public var aumBefore: (day: Day, minorUnits: Int64)? {
        get { aumBeforeDay.map { ($0, aumBeforeMinorUnits) } }
        set {
            aumBeforeDay = newValue?.day
            aumBeforeMinorUnits = newValue?.minorUnits ?? 0
        }
    }
    /// The last AUM snapshot on or before the analysis day, if any.
    public var aumNow: (day: Day, minorUnits: Int64)? {
        get { aumNowDay.map { ($0, aumNowMinorUnits) } }
        set {
            aumNowDay = newValue?.day
            aumNowMinorUnits = newValue?.minorUnits ?? 0
        }
    }
    private var aumBeforeDay: Day?
    private var aumBeforeMinorUnits: Int64 = 0
    private var aumNowDay: Day?
    private var aumNowMinorUnits: Int64 = 0
    /// Day of the snapshot behind ``aumAtWindowStart`` (kept while scanning balances).
    var windowStartDay: Day?
    /// Day of the snapshot behind ``aumBeforeMaturities``.
    var maturitiesStartDay: Day?

    /// Creates measures, all zero or unknown unless given.
    public init(
        recentDays: Int = 90,
        leavingMinorUnits: Int64 = 0,
        arrivingMinorUnits: Int64 = 0,
        largestLeavingMinorUnits: Int64 = 0,
        aumAtWindowStart: Int64? = nil,
        maturedCount: Int = 0,
        notRenewedCount: Int = 0,
        notRenewedMinorUnits: Int64 = 0,
        recentComplaints: Int = 0,
        previousComplaints: Int = 0,
        recentActivity: Int = 0,
        previousActivity: Int = 0,
        aumBefore: (day: Day, minorUnits: Int64)? = nil,
        aumNow: (day: Day, minorUnits: Int64)? = nil,
        aumBeforeMaturities: Int64? = nil
    ) {
        self.recentDays = recentDays
        self.leavingMinorUnits = leavingMinorUnits
        self.arrivingMinorUnits = arrivingMinorUnits
        self.largestLeavingMinorUnits = largestLeavingMinorUnits
        self.aumAtWindowStart = aumAtWindowStart
        self.maturedCount = maturedCount
        self.notRenewedCount = notRenewedCount
        self.notRenewedMinorUnits = notRenewedMinorUnits
        self.recentComplaints = recentComplaints
        self.previousComplaints = previousComplaints
        self.recentActivity = recentActivity
        self.previousActivity = previousActivity
        self.aumBefore = aumBefore
        self.aumNow = aumNow
        self.aumBeforeMaturities = aumBeforeMaturities
    }

    /// Takes the flow and activity measures of a client's ``ClientActivity``.
    public mutating func take(_ activity: ClientActivity, recentDays: Int) {
        self.recentDays = recentDays
        leavingMinorUnits = activity.leavingMinorUnits
        arrivingMinorUnits = activity.arrivingMinorUnits
        largestLeavingMinorUnits = activity.largestLeavingMinorUnits
        recentActivity = activity.recentCount
        previousActivity = activity.previousCount
    }
}

/// The days a churn scan compares records with, computed once per analysis.
struct ChurnDays {
    let asOf: Day
    /// Maturities on or after this day and on or before `asOf` count.
    let maturityFrom: Day
    /// Complaints on or after this (and on or before `asOf`) are recent.
    let complaintRecentFrom: Day
    /// Complaints on or after this and before `complaintRecentFrom` are previous.
    let complaintPreviousFrom: Day
    /// The AUM before is the last snapshot on or before this day.
    let aumBeforeOn: Day
    /// The AUM at the window start is the last snapshot on or before this day.
    let windowStartOn: Day
    /// The AUM before the maturity lookback is the last snapshot on or before this day.
    let maturitiesStartOn: Day
    let currency: CurrencyCode
    let minimumKeptShare: Double

    init(policy: ChurnPolicy, asOf: Day, recentDays: Int) {
        self.asOf = asOf
        maturityFrom = asOf.adding(days: -(policy.maturityLookbackDays - 1))
        complaintRecentFrom = asOf.adding(days: -(policy.complaintWindowDays - 1))
        complaintPreviousFrom = asOf.adding(days: -(2 * policy.complaintWindowDays - 1))
        aumBeforeOn = asOf.adding(days: -policy.aumWindowDays)
        windowStartOn = asOf.adding(days: -recentDays)
        maturitiesStartOn = asOf.adding(days: -policy.maturityLookbackDays)
        currency = policy.currency
        minimumKeptShare = policy.minimumKeptShare
    }

    /// Adds a holding that matured in the lookback.
    /// - Throws: `mixedCurrency` or `invalidInput` naming the holding.
    func add(_ holding: Holding, to m: inout ChurnMeasures) throws(ActivityError) {
        guard let maturity = holding.maturesOn, maturity >= maturityFrom, maturity <= asOf else { return }
        guard holding.balance.currency == currency else {
            throw ActivityError(
                .mixedCurrency,
                customer: holding.customer,
                record: "holding \(holding.id)",
                field: "balance",
                "the balance is not in the policy's currency"
            )
        }
        let balance = holding.balance.minorUnits
        guard balance >= 0 else {
            throw ActivityError(
                .invalidInput,
                customer: holding.customer,
                record: "holding \(holding.id)",
                field: "balance",
                "a matured product's balance must not be negative"
            )
        }
        m.maturedCount += 1
        var lost: Int64?
        switch holding.renewal {
        case .movedOut: lost = balance
        case .partlyRenewed(let kept):
            guard kept.currency == currency else {
                throw ActivityError(
                    .mixedCurrency,
                    customer: holding.customer,
                    record: "holding \(holding.id)",
                    field: "renewal",
                    "the renewed amount is not in the policy's currency"
                )
            }
            guard kept.minorUnits >= 0, kept.minorUnits <= balance else {
                throw ActivityError(
                    .invalidInput,
                    customer: holding.customer,
                    record: "holding \(holding.id)",
                    field: "renewal",
                    "the renewed amount must be between zero and the balance"
                )
            }
            let share = balance > 0 ? Double(kept.minorUnits) / Double(balance) : 1
            if share < minimumKeptShare { lost = balance - kept.minorUnits }
        case .renewed, nil: break
        }
        if let lost {
            m.notRenewedCount += 1
            let (sum, overflow) = m.notRenewedMinorUnits.addingReportingOverflow(lost)
            m.notRenewedMinorUnits = overflow ? .max : sum
        }
    }

    /// Adds an interaction (only complaints count).
    func add(_ interaction: Interaction, to m: inout ChurnMeasures) {
        guard case .complaint = interaction.detail, interaction.day <= asOf else { return }
        if interaction.day >= complaintRecentFrom {
            m.recentComplaints += 1
        } else if interaction.day >= complaintPreviousFrom {
            m.previousComplaints += 1
        }
    }

    /// Adds a balance snapshot to the AUM series points.
    /// - Throws: `mixedCurrency` naming the snapshot.
    func add(_ balance: BalanceSnapshot, to m: inout ChurnMeasures) throws(ActivityError) {
        let day = balance.day
        guard day <= asOf else { return }
        guard balance.aum.currency == currency else {
            throw ActivityError(
                .mixedCurrency,
                customer: balance.customer,
                record: "balance of \(day)",
                field: "aum",
                "the AUM is not in the policy's currency"
            )
        }
        let aum = balance.aum.minorUnits
        if m.aumNow.map({ day > $0.day }) ?? true { m.aumNow = (day, aum) }
        if day <= aumBeforeOn, m.aumBefore.map({ day > $0.day }) ?? true { m.aumBefore = (day, aum) }
        if day <= windowStartOn, m.windowStartDay.map({ day > $0 }) ?? true {
            m.windowStartDay = day
            m.aumAtWindowStart = aum
        }
        if day <= maturitiesStartOn, m.maturitiesStartDay.map({ day > $0 }) ?? true {
            m.maturitiesStartDay = day
            m.aumBeforeMaturities = aum
        }
    }
}
