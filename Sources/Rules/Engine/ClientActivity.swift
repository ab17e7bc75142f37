import CustomerModel

/// One client's activity rows the windows need, and the last day of each kind of activity.
struct ClientActivity: Sendable {
    /// A transaction as the row predicates see it (enumeration fields by position).
    struct TransactionRow: Sendable {
        var day: Int32
        var amount: Int64
        var type: Int64
        var direction: Int64
        var channel: Int64
        var merchant: Int64
        var overseas: Int64
        /// In the reporting currency (only those count in aggregates).
        var counts: Bool

        func value(_ field: RowField) -> Int64 {
            switch field {
            case .amount: amount
            case .type: type
            case .direction: direction
            case .channel: channel
            case .merchant: merchant
            case .overseas: overseas
            default: Semantics.missing
            }
        }
    }

    /// An interaction as the row predicates see it.
    struct InteractionRow: Sendable {
        var day: Int32
        var fields: RowFields
        var isContact: Bool
    }

    var transactions: [TransactionRow] = []
    var interactions: [InteractionRow] = []
    /// Last day of a transaction, contact, complaint and interaction (`Int32.min`: never).
    var last: [Int32] = [Int32](repeating: Int32.min, count: ActivityKind.allCases.count)

    static func slot(_ kind: ActivityKind) -> Int {
        switch kind {
        case .transaction: 0
        case .contact: 1
        case .complaint: 2
        case .interaction: 3
        }
    }

    /// The row of `transaction` (enumeration positions equal the raw values, which are declared in order).
    static func row(_ t: Transaction, currency: CurrencyCode) -> TransactionRow {
        TransactionRow(
            day: t.day.number,
            amount: t.amount.minorUnits,
            type: Int64(t.type.rawValue),
            direction: Int64(t.direction.rawValue),
            channel: Int64(t.channel.rawValue),
            merchant: t.merchantCategory.map { Int64($0.rawValue) } ?? Semantics.missing,
            overseas: t.isOverseas ? 1 : 0,
            counts: t.amount.currency == currency
        )
    }
}

/// The incremental state of one windowed aggregate for one client: count and sum of the rows in
/// the window, the first row still in it, and the window's first day.
struct WindowState: Sendable {
    var count: Int64 = 0
    var sum: Int64 = 0
    var overflow = false
    /// Index of the first log row not yet expired.
    var head: Int32 = 0
    /// The window's first day when last brought up to date; `Int32.max` when never computed.
    var start: Int32 = Int32.max
}
