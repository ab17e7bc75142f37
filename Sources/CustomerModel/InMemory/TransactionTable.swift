/// Transactions as columns: the storage of ``InMemoryActivityStore``.
///
/// Per row: client 4, day 4, second 4, amount 8, currency 4, type/channel/category/flags 4,
/// account 4, counterparty 4, id key 8, next-row-of-client 4: 48 bytes, plus the id index.
struct TransactionTable {
    var customer: [Int32] = []
    var day: [Int32] = []
    var second: [Int32] = []
    var amount: [Int64] = []
    var currency: [UInt32] = []
    var type: [UInt8] = []
    var channel: [UInt8] = []
    var category: [UInt8] = []
    /// Bit 0: outflow; bit 1: overseas.
    var flags: [UInt8] = []
    var account: [Int32] = []
    var counterparty: [Int32] = []
    var key: [UInt64] = []
    var next: [Int32] = []

    var count: Int { customer.count }

    mutating func reserveCapacity(_ rows: Int) {
        customer.reserveCapacity(rows)
        day.reserveCapacity(rows)
        second.reserveCapacity(rows)
        amount.reserveCapacity(rows)
        currency.reserveCapacity(rows)
        type.reserveCapacity(rows)
        channel.reserveCapacity(rows)
        category.reserveCapacity(rows)
        flags.reserveCapacity(rows)
        account.reserveCapacity(rows)
        counterparty.reserveCapacity(rows)
        key.reserveCapacity(rows)
        next.reserveCapacity(rows)
    }

    mutating func truncate(to rows: Int) {
        let extra = count - rows
        guard extra > 0 else { return }
        customer.removeLast(extra)
        day.removeLast(extra)
        second.removeLast(extra)
        amount.removeLast(extra)
        currency.removeLast(extra)
        type.removeLast(extra)
        channel.removeLast(extra)
        category.removeLast(extra)
        flags.removeLast(extra)
        account.removeLast(extra)
        counterparty.removeLast(extra)
        key.removeLast(extra)
        next.removeLast(extra)
    }
}

/// Interns strings to dense 32-bit numbers and back.
struct Interner<Value: Hashable> {
    private(set) var values: [Value] = []
    private var index: [Value: Int32] = [:]

    /// The number for `value`, adding it when new.
    @inline(__always)
    mutating func intern(_ value: Value) -> Int32 {
        if let found = index[value] { return found }
        let number = Int32(values.count)
        values.append(value)
        index[value] = number
        return number
    }

    /// The number of `value`, if interned.
    func number(of value: Value) -> Int32? { index[value] }

    /// Forgets values added after the first `count`.
    mutating func truncate(to count: Int) {
        while values.count > count { index[values.removeLast()] = nil }
    }
}
