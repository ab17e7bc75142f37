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
    ///
    /// Any change to it forgets ``uniformCurrency``.
    public var currency: [UInt32] {
        get { currencyStorage }
        // A modify accessor (not `didSet`, which made every in-place append copy the column).
        _modify {
            uniformCurrency = nil
            yield &currencyStorage
        }
        set {
            uniformCurrency = nil
            currencyStorage = newValue
        }
    }
    private var currencyStorage: [UInt32]
    /// The currency of every row, when ``recordUniformCurrency()`` found a single one and
    /// ``currency`` has not changed since; `nil` when unknown or mixed.
    ///
    /// Passes that need rows of one
    /// currency skip reading the ``currency`` column when this is their currency.
    public private(set) var uniformCurrency: CurrencyCode?
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
        currencyStorage = []
        type = []
        direction = []
        channel = []
        merchantCategory = []
        isOverseas = []
    }

    /// The number of rows.
    public var count: Int { customerIndex.count }

    /// Scans ``currency`` once and records in ``uniformCurrency`` the currency every row has, if
    /// there is one (an empty snapshot has none).
    ///
    /// Call it once per snapshot; it costs one read of
    /// the column (4 bytes a row).
    @discardableResult
    public mutating func recordUniformCurrency() -> CurrencyCode? {
        var found: CurrencyCode?
        currency.withUnsafeBufferPointer { codes in
            guard let first = codes.first else { return }
            var differs: UInt32 = 0
            for code in codes { differs |= code ^ first }
            if differs == 0 { found = CurrencyCode(packed: first) }
        }
        uniformCurrency = found
        return found
    }

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
