import ClienteleSupport
import Dispatch

/// Transactions as columns: the storage of ``InMemoryActivityStore``.
///
/// Per row: client 4, day 4, second 4, amount 8, currency 1 (an index into the store's currency
/// table), type/channel/category/flags 4, account 4, counterparty 4, id key 8,
/// previous-row-of-client 4: 45 bytes, plus the id index.
struct TransactionTable {
    let customer = Column<Int32>()
    let day = Column<Int32>()
    let second = Column<Int32>()
    let amount = Column<Int64>()
    /// Index into ``ActivityState/currencies``.
    let currency = Column<UInt8>()
    let type = Column<UInt8>()
    let channel = Column<UInt8>()
    let category = Column<UInt8>()
    /// Bit 0: outflow; bit 1: overseas.
    let flags = Column<UInt8>()
    let account = Column<Int32>()
    let counterparty = Column<Int32>()
    /// The packed id of each row; filled by the id-index phase, ahead of the other columns.
    let key = Column<UInt64>()
    /// The client's previous row, or -1: each client's rows form a chain back from its tail.
    let previous = Column<Int32>()

    /// Rows fully stored (the key column may run ahead during an append).
    var count: Int { customer.count }

    /// Adds `rows` rows to every column but ``key``; `false`, with nothing added, when memory ran out.
    func extend(by rows: Int) -> Bool {
        let start = count
        let columns: [(Int) -> Bool] = [
            customer.extend, day.extend, second.extend, amount.extend, currency.extend, type.extend,
            channel.extend, category.extend, flags.extend, account.extend, counterparty.extend, previous.extend,
        ]
        for grow in columns where !grow(rows) {
            truncate(to: start)
            return false
        }
        return true
    }

    /// Writes the accepted rows of `batch` into the rows from `start`, two column groups in parallel.
    func fill(
        from start: Int,
        batch: [Transaction],
        accepted: [Int],
        numbers: [Int32],
        accounts: [Int32],
        counterparties: [Int32],
        currencies: [UInt8],
        previous chain: [Int32]
    ) {
        let groups = accepted.count >= 32_768 ? min(2, ParallelWork.width) : 1
        let (customer, day, second, amount, currency) = (customer, day, second, amount, currency)
        let (type, channel, category, flags, account, counterparty, previous) =
            (type, channel, category, flags, account, counterparty, previous)
        DispatchQueue.concurrentPerform(iterations: groups) { group in
            if group == 0 || groups == 1 {
                for (slot, position) in accepted.enumerated() {
                    let row = start + slot
                    customer[row] = numbers[position]
                    day[row] = batch[position].day.number
                    second[row] = batch[position].secondOfDay
                    amount[row] = batch[position].amount.minorUnits
                    currency[row] = currencies[slot]
                    previous[row] = chain[slot]
                }
            }
            if group == 1 || groups == 1 {
                for (slot, position) in accepted.enumerated() {
                    let row = start + slot
                    let transaction = batch[position]
                    type[row] = transaction.type.rawValue
                    channel[row] = transaction.channel.rawValue
                    category[row] = transaction.merchantCategory?.rawValue ?? 255
                    flags[row] = (transaction.direction == .outflow ? 1 : 0) | (transaction.isOverseas ? 2 : 0)
                    account[row] = accounts[slot]
                    counterparty[row] = counterparties[slot]
                }
            }
        }
    }

    /// Forgets rows from `rows` on, in every column.
    func truncate(to rows: Int) {
        for column in [customer, day, second, account, counterparty, previous] as [Column<Int32>] {
            column.truncate(to: rows)
        }
        for column in [type, channel, category, flags, currency] as [Column<UInt8>] { column.truncate(to: rows) }
        amount.truncate(to: rows)
        key.truncate(to: rows)
    }
}

/// Interns strings to dense 32-bit numbers and back.
struct Interner<Value: Hashable & Sendable>: Sendable {
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
