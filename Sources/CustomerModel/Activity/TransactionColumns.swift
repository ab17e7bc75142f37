/// A columnar copy of transactions for scoring: a struct of arrays with dense client indices.
///
/// Row `i` is the transaction of client `customers[customerIndex[i]]` on day `day[i]` of
/// `amountMinorUnits[i]` (positive; see `direction`) in `currency[i]`. Rows are in the order the
/// store holds them (append order for the in-memory store); consumers must not assume sorting.
/// Scoring loops read three or four of these columns and nothing else, so they stream through
/// memory at full speed.
public struct TransactionColumns: Sendable {
    /// The client of each dense index.
    public var customers: [CustomerID]
    /// Dense client index of each row, into ``customers``.
    public var customerIndex: [Int32]
    /// Booking day number of each row.
    public var day: [Int32]
    /// Amount of each row in minor units, positive.
    public var amountMinorUnits: [Int64]
    /// Packed ``CurrencyCode`` of each row.
    public var currency: [UInt32]
    /// ``TransactionType`` raw value of each row.
    public var type: [UInt8]
    /// ``Direction`` raw value of each row.
    public var direction: [UInt8]
    /// ``Channel`` raw value of each row.
    public var channel: [UInt8]
    /// ``MerchantCategory`` raw value of each row, or 255 when none.
    public var merchantCategory: [UInt8]
    /// Whether each row happened abroad.
    public var isOverseas: [Bool]

    /// Creates empty columns for `customers`.
    public init(customers: [CustomerID] = []) {
        self.customers = customers
        customerIndex = []
        day = []
        amountMinorUnits = []
        currency = []
        type = []
        direction = []
        channel = []
        merchantCategory = []
        isOverseas = []
    }

    /// The number of rows.
    public var count: Int { customerIndex.count }

    /// Reserves room for `rows` rows in every column.
    public mutating func reserveCapacity(_ rows: Int) {
        customerIndex.reserveCapacity(rows)
        day.reserveCapacity(rows)
        amountMinorUnits.reserveCapacity(rows)
        currency.reserveCapacity(rows)
        type.reserveCapacity(rows)
        direction.reserveCapacity(rows)
        channel.reserveCapacity(rows)
        merchantCategory.reserveCapacity(rows)
        isOverseas.reserveCapacity(rows)
    }
}
