public import CustomerModel

/// The bank's figures and thresholds ``IndicatorTableBuilder`` derives indicators with: pricing
/// (distribution fees, funds-transfer-pricing rates, the default loan rate), advance rates for
/// borrowing capacity, and the windows and thresholds of activity and churn signals.
///
/// The defaults are typical of a Chinese retail bank in 2025; a host sets its own.
public struct IndicatorDerivation: Hashable, Sendable {
    /// Annual distribution fee (trailer, commission) earned on investment balances, in basis points
    /// by product line.
    ///
    /// Products not listed earn none.
    public var distributionFeeBasisPoints: [ProductType: Int]
    /// Funds-transfer-pricing rate credited to deposit balances, in basis points by product line.
    ///
    /// The FTP contribution of a deposit is `balance × (FTP rate − client rate)` a year.
    public var ftpBasisPoints: [ProductType: Int]
    /// The annual rate of a loan whose holding has no rate, in basis points.
    public var defaultLoanRateBasisPoints: Int
    /// The share of assets under management the bank would lend against, by credit rating
    /// (borrowing capacity is assets times this share, less loans and card balances, at least 0).
    public var advanceRates: [CreditRating: Double]
    /// The activity window: transactions in this many months up to the scoring day count.
    public var transactionWindowMonths: Int
    /// Days back that fee transactions count toward fee income.
    public var feeWindowDays: Int
    /// Days back that relationship-manager contacts and satisfaction scores count.
    public var interactionWindowDays: Int
    /// Complaints in the last this-many days are compared with the same number of days before;
    /// complaints are rising when there are more now and at least ``risingComplaintsMinimum``.
    public var complaintWindowDays: Int
    /// The fewest recent complaints that can make a rising-complaints signal.
    public var risingComplaintsMinimum: Int
    /// A product that matured in the last this-many days and was moved out is a churn signal.
    public var maturityWindowDays: Int
    /// AUM is compared with its value this many days before the scoring day.
    public var aumDropWindowDays: Int
    /// The share of AUM lost over ``aumDropWindowDays`` that makes a churn signal.
    public var aumDropShare: Double
    /// An outflow of at least this many minor units is large.
    public var largeOutflowMinorUnits: Int64
    /// A large outflow in the last this-many days is a churn signal.
    public var largeOutflowWindowDays: Int
    /// Transactions of the last this-many days are compared with the same number of days before.
    public var activityWindowDays: Int
    /// Activity is falling when the recent count is below this share of the earlier count ...
    public var activityDropShare: Double
    /// ...
    ///
    /// and the earlier count was at least this.
    public var activityMinimum: Int

    /// Creates a derivation; every parameter has a default.
    public init(
        distributionFeeBasisPoints: [ProductType: Int] = [.wealthManagement: 50, .fund: 120, .insurance: 150],
        ftpBasisPoints: [ProductType: Int] = [.demandDeposit: 180, .timeDeposit: 240],
        defaultLoanRateBasisPoints: Int = 435,
        advanceRates: [CreditRating: Double] = [
            .aaa: 0.8, .aa: 0.75, .a: 0.7, .bbb: 0.6, .bb: 0.4, .b: 0.25, .ccc: 0.1, .cc: 0, .c: 0, .d: 0,
        ],
        transactionWindowMonths: Int = 6,
        feeWindowDays: Int = 365,
        interactionWindowDays: Int = 365,
        complaintWindowDays: Int = 90,
        risingComplaintsMinimum: Int = 2,
        maturityWindowDays: Int = 180,
        aumDropWindowDays: Int = 90,
        aumDropShare: Double = 0.2,
        largeOutflowMinorUnits: Int64 = 500_000_00,
        largeOutflowWindowDays: Int = 30,
        activityWindowDays: Int = 90,
        activityDropShare: Double = 0.5,
        activityMinimum: Int = 6
    ) {
        self.distributionFeeBasisPoints = distributionFeeBasisPoints
        self.ftpBasisPoints = ftpBasisPoints
        self.defaultLoanRateBasisPoints = defaultLoanRateBasisPoints
        self.advanceRates = advanceRates
        self.transactionWindowMonths = transactionWindowMonths
        self.feeWindowDays = feeWindowDays
        self.interactionWindowDays = interactionWindowDays
        self.complaintWindowDays = complaintWindowDays
        self.risingComplaintsMinimum = risingComplaintsMinimum
        self.maturityWindowDays = maturityWindowDays
        self.aumDropWindowDays = aumDropWindowDays
        self.aumDropShare = aumDropShare
        self.largeOutflowMinorUnits = largeOutflowMinorUnits
        self.largeOutflowWindowDays = largeOutflowWindowDays
        self.activityWindowDays = activityWindowDays
        self.activityDropShare = activityDropShare
        self.activityMinimum = activityMinimum
    }
}
