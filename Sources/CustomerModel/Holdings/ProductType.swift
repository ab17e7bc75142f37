/// The kind of product an account or holding is in.
public enum ProductType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Current / demand deposit.
    case demandDeposit
    /// Time (fixed-term) deposit; has a maturity.
    case timeDeposit
    /// Wealth-management product; usually has a maturity.
    case wealthManagement
    /// Mutual fund.
    case fund
    /// Insurance policy sold by the bank; may mature.
    case insurance
    /// Loan; matures when due.
    case loan
    /// Credit card.
    case creditCard

    /// Whether the product counts toward assets under management (loans and card debt do not).
    public var isAsset: Bool {
        switch self {
        case .loan, .creditCard: false
        default: true
        }
    }
}
