/// One position of a client in one product: a time deposit, a wealth product, a fund, a policy,
/// a loan, with its balance, open date, maturity and what happened at maturity.
///
/// Holdings drive AUM, maturity reminders and the "maturing products not renewed" churn signal.
public struct Holding: Hashable, Sendable, Codable, Identifiable {
    /// The holding's identifier.
    public var id: HoldingID
    /// The client who holds it.
    public var customer: CustomerID
    /// The account it sits in, if the source system says.
    public var account: AccountID?
    /// The product line.
    public var product: ProductType
    /// The product's code or name in the catalogue ("WM-2026-118").
    public var productCode: String
    /// Current balance or market value (outstanding principal for loans).
    public var balance: Money
    /// The day the position was opened.
    public var openedOn: Day
    /// The day it matures, for products that do.
    public var maturesOn: Day?
    /// What the client did at maturity, once known.
    public var renewal: RenewalOutcome?
    /// Annual rate in basis points (interest, yield or loan rate), if known.
    public var rateBasisPoints: Int?
    /// The system that reported it.
    public var sourceSystem: SourceSystem

    /// Creates a holding.
    public init(
        id: HoldingID,
        customer: CustomerID,
        account: AccountID? = nil,
        product: ProductType,
        productCode: String,
        balance: Money,
        openedOn: Day,
        maturesOn: Day? = nil,
        renewal: RenewalOutcome? = nil,
        rateBasisPoints: Int? = nil,
        sourceSystem: SourceSystem = .coreBanking
    ) {
        self.id = id
        self.customer = customer
        self.account = account
        self.product = product
        self.productCode = productCode
        self.balance = balance
        self.openedOn = openedOn
        self.maturesOn = maturesOn
        self.renewal = renewal
        self.rateBasisPoints = rateBasisPoints
        self.sourceSystem = sourceSystem
    }

    /// Whether the holding has matured by `day` (a product without maturity never matures).
    public func hasMatured(by day: Day) -> Bool { maturesOn.map { $0 <= day } ?? false }
}

/// What a client did with a product when it matured.
public enum RenewalOutcome: Hashable, Sendable, Codable {
    /// Rolled over in full.
    case renewed
    /// Part rolled over; `amount` is what stayed.
    case partlyRenewed(amount: Money)
    /// Taken out of the bank (or into another product line, still a lost renewal).
    case movedOut

    /// Whether the money (or part of it) stayed.
    public var keptFunds: Bool {
        if case .movedOut = self { return false }
        return true
    }
}
