/// What a transaction did.
public enum TransactionType: UInt8, Hashable, Sendable, Codable, CaseIterable {
    /// Cash or cheque deposit.
    case deposit
    /// Cash withdrawal.
    case withdrawal
    /// Transfer received.
    case transferIn
    /// Transfer sent.
    case transferOut
    /// Card purchase.
    case cardSpend
    /// Foreign exchange.
    case fx
    /// Online or mobile payment.
    case onlinePayment
    /// Fee charged.
    case fee
    /// Interest paid or charged.
    case interest
    /// Purchase of an investment product.
    case investmentPurchase
    /// Redemption of an investment product.
    case investmentRedemption
    /// Loan drawdown.
    case loanDrawdown
    /// Loan repayment.
    case loanRepayment

    /// The name used in files (`transferOut`).
    public var name: String { String(describing: self) }
    /// Looks a type up by its file name.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// Whether money came into or went out of the client's accounts at the bank.
public enum Direction: UInt8, Hashable, Sendable, Codable, CaseIterable {
    /// Money in.
    case inflow
    /// Money out.
    case outflow

    /// The name used in files.
    public var name: String { String(describing: self) }
    /// Looks a direction up by its file name.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// Where a transaction or contact happened.
public enum Channel: UInt8, Hashable, Sendable, Codable, CaseIterable {
    /// Branch counter.
    case branch
    /// ATM.
    case atm
    /// Mobile app.
    case mobile
    /// Internet banking.
    case online
    /// Card terminal.
    case pos
    /// Contact centre.
    case contactCentre
    /// Arranged by the RM.
    case relationshipManager
    /// Anything else.
    case other

    /// The name used in files.
    public var name: String { String(describing: self) }
    /// Looks a channel up by its file name.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}

/// The merchant category of a card payment, grouped as the bank's rules use them.
public enum MerchantCategory: UInt8, Hashable, Sendable, Codable, CaseIterable {
    /// Airlines and air travel.
    case airTravel
    /// Hotels and lodging.
    case hotel
    /// Luxury retail (jewellery, fashion houses).
    case luxuryRetail
    /// Education and tuition.
    case education
    /// Healthcare and hospitals.
    case healthcare
    /// Restaurants.
    case dining
    /// Supermarkets and daily needs.
    case groceries
    /// Travel agencies and other travel.
    case travel
    /// Entertainment.
    case entertainment
    /// Cars and fuel.
    case automotive
    /// Anything else.
    case other

    /// The name used in files.
    public var name: String { String(describing: self) }
    /// Looks a category up by its file name.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
