/// One movement of money on a client's account.
///
/// The ``id`` is the idempotency key: appending a transaction whose id is stored already is a
/// no-op (and a conflict if the content differs). Amounts are positive; ``direction`` says
/// whether money came in or went out.
public struct Transaction: Hashable, Sendable, Codable, Identifiable {
    /// Identifier and idempotency key.
    public var id: TransactionID
    /// The client.
    public var customer: CustomerID
    /// The account booked, if known.
    public var account: AccountID?
    /// The booking day in the bank's time zone.
    public var day: Day
    /// Seconds after local midnight (0 when unknown).
    public var secondOfDay: Int32
    /// What the transaction did.
    public var type: TransactionType
    /// In or out.
    public var direction: Direction
    /// The amount, positive.
    public var amount: Money
    /// Where it happened.
    public var channel: Channel
    /// Merchant category, for card payments.
    public var merchantCategory: MerchantCategory?
    /// The counterparty's name or account.
    ///
    /// Personal data.
    public var counterparty: String?
    /// Whether it happened abroad.
    public var isOverseas: Bool

    /// Creates a transaction.
    public init(
        id: TransactionID,
        customer: CustomerID,
        account: AccountID? = nil,
        day: Day,
        secondOfDay: Int32 = 0,
        type: TransactionType,
        direction: Direction,
        amount: Money,
        channel: Channel,
        merchantCategory: MerchantCategory? = nil,
        counterparty: String? = nil,
        isOverseas: Bool = false
    ) {
        self.id = id
        self.customer = customer
        self.account = account
        self.day = day
        self.secondOfDay = secondOfDay
        self.type = type
        self.direction = direction
        self.amount = amount
        self.channel = channel
        self.merchantCategory = merchantCategory
        self.counterparty = counterparty
        self.isOverseas = isOverseas
    }

    /// The amount with its sign: positive for inflows, negative for outflows.
    public var signedAmount: Money { direction == .inflow ? amount : amount.negated }
}
