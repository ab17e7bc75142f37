public import CustomerModel

/// Everything the nightly scoring job reads about a book: the records of the 360 view and the
/// columnar transaction snapshot.
///
/// `profiles` should hold the whole book (both kinds): household, enterprise and referral values
/// look across it. Every other record must belong to a client of `profiles`, except related
/// parties and referred clients, which add no value when they do not bank with us.
public struct BookInputs: Sendable {
    /// Every client of the book.
    public var profiles: [CustomerProfile]
    /// Holdings (deposits, wealth products, funds, insurance, loans, cards).
    public var holdings: [Holding]
    /// Household and enterprise relationships.
    public var relationships: [Relationship]
    /// Referrals made by clients.
    public var referrals: [Referral]
    /// Interactions (contacts, complaints, satisfaction surveys).
    public var interactions: [Interaction]
    /// Balance snapshots (AUM over time).
    public var balances: [BalanceSnapshot]
    /// The transaction snapshot, as exported by an ``/CustomerModel/ActivityStore``.
    public var transactions: TransactionColumns
    /// Estimates of assets held at other banks, for the wallet-share indicator.
    public var heldAwayAssets: [CustomerID: Money]

    /// Creates the inputs; only profiles and transactions are required.
    public init(
        profiles: [CustomerProfile],
        holdings: [Holding] = [],
        relationships: [Relationship] = [],
        referrals: [Referral] = [],
        interactions: [Interaction] = [],
        balances: [BalanceSnapshot] = [],
        transactions: TransactionColumns,
        heldAwayAssets: [CustomerID: Money] = [:]
    ) {
        self.profiles = profiles
        self.holdings = holdings
        self.relationships = relationships
        self.referrals = referrals
        self.interactions = interactions
        self.balances = balances
        self.transactions = transactions
        self.heldAwayAssets = heldAwayAssets
    }
}
