import CustomerModel

/// Where a transaction's trigger facts (`transaction.amount`, `.type`, `.direction`, `.channel`,
/// `.merchant`, `.overseas`, `.date`) go in the frame, resolved once when the engine starts: the
/// per-event path writes them as integers, with no fact names hashed and no values boxed.
///
/// Enumeration fields go through a table from the CustomerModel raw value to the stored position,
/// built with the same conversion as ``FactValue/value(_:at:)`` and the frame's store, so the
/// values are exactly those the general path would store.
struct TransactionFactColumns: Sendable {
    /// Int column index of each fact, `-1` when no rule reads it.
    var amount = -1
    var type = -1
    var direction = -1
    var channel = -1
    var merchant = -1
    var overseas = -1
    var date = -1
    /// The currency `transaction.amount` is kept in (amounts in others are missing).
    var amountCurrency: CurrencyCode?
    /// Raw value to stored position (``Semantics/missing`` for a value the fact does not know).
    var types: [Int64] = []
    var directions: [Int64] = []
    var channels: [Int64] = []
    var merchants: [Int64] = []

    init(columns: [String: FactLayout.Column], reportingCurrency: CurrencyCode) {
        func index(_ name: String, _ fits: (FactType) -> Bool) -> Int {
            guard let column = columns[name], fits(column.type) else { return -1 }
            return column.index
        }
        if let column = columns["transaction.amount"], case .money(let currency) = column.type,
            currency == reportingCurrency
        {
            amount = column.index
            amountCurrency = currency
        }
        func isEnumeration(_ type: FactType) -> Bool { if case .enumeration = type { true } else { false } }
        type = index("transaction.type", isEnumeration)
        direction = index("transaction.direction", isEnumeration)
        channel = index("transaction.channel", isEnumeration)
        merchant = index("transaction.merchant", isEnumeration)
        overseas = index("transaction.overseas") { $0 == .bool }
        date = index("transaction.date") { $0 == .day }
        func table(_ name: String, _ source: EnumerationType, _ raws: [UInt8]) -> [Int64] {
            var table = [Int64](repeating: Semantics.missing, count: 256)
            guard let column = columns[name], case .enumeration(let stored) = column.type else { return table }
            for raw in raws {
                guard case .enumeration(let value) = FactValue.value(source, at: raw),
                    let ordinal = stored.ordinal(of: value)
                else { continue }
                table[Int(raw)] = Int64(ordinal)
            }
            return table
        }
        types = table("transaction.type", .transactionType, TransactionType.allCases.map(\.rawValue))
        directions = table("transaction.direction", .direction, Direction.allCases.map(\.rawValue))
        channels = table("transaction.channel", .channel, Channel.allCases.map(\.rawValue))
        merchants = table("transaction.merchant", .merchantCategory, MerchantCategory.allCases.map(\.rawValue))
    }

    /// The stored value of indexed slot `slot` (``EventDiscriminator/fields`` order) for a raw
    /// value (255: missing), and the slot's int column (`-1`: not read).
    func stored(slot: Int, raw: UInt8) -> (column: Int, value: Int64) {
        switch slot {
        case 0: (type, types[Int(raw)])
        case 1: (direction, directions[Int(raw)])
        case 2: (channel, channels[Int(raw)])
        default: (merchant, merchants[Int(raw)])
        }
    }

    /// Writes `t`'s trigger facts into `row` of `frame`.
    func write(_ t: Transaction, row: Int, into frame: inout FactFrame) {
        let rows = frame.rowCount
        frame.ints.withUnsafeMutableBufferPointer { ints in
            if amount >= 0 {
                ints[amount * rows + row] =
                    t.amount.currency == amountCurrency ? t.amount.minorUnits : Semantics.missing
            }
            if type >= 0 { ints[type * rows + row] = types[Int(t.type.rawValue)] }
            if direction >= 0 { ints[direction * rows + row] = directions[Int(t.direction.rawValue)] }
            if channel >= 0 { ints[channel * rows + row] = channels[Int(t.channel.rawValue)] }
            if merchant >= 0 {
                ints[merchant * rows + row] =
                    t.merchantCategory.map { merchants[Int($0.rawValue)] } ?? Semantics.missing
            }
            if overseas >= 0 { ints[overseas * rows + row] = t.isOverseas ? 1 : 0 }
            if date >= 0 { ints[date * rows + row] = Int64(t.day.number) }
        }
    }
}
