/// A contract between the client and the bank: a deposit account, a loan, a card, an
/// investment account that holdings sit in.
public struct Account: Hashable, Sendable, Codable, Identifiable {
    /// Whether the account is in use.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Open and usable.
        case open
        /// Frozen or blocked.
        case frozen
        /// Closed.
        case closed
    }

    /// The account's identifier.
    public var id: AccountID
    /// The client who owns it.
    public var customer: CustomerID
    /// The product line.
    public var product: ProductType
    /// The account currency.
    public var currency: CurrencyCode
    /// The day it was opened.
    public var openedOn: Day
    /// The day it was closed, if closed.
    public var closedOn: Day?
    /// Status.
    public var status: Status
    /// The system that holds the account.
    public var sourceSystem: SourceSystem

    /// Creates an account.
    public init(
        id: AccountID,
        customer: CustomerID,
        product: ProductType,
        currency: CurrencyCode,
        openedOn: Day,
        closedOn: Day? = nil,
        status: Status = .open,
        sourceSystem: SourceSystem = .coreBanking
    ) {
        self.id = id
        self.customer = customer
        self.product = product
        self.currency = currency
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.status = status
        self.sourceSystem = sourceSystem
    }
}
