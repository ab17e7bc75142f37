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

    /// Writes the accepted rows into the rows from `start`, from the fields ``BatchLookup`` staged
    /// before the lock: one serial pass over compact records, short enough to run under the lock.
    func fill(
        from start: Int,
        rows staged: [BatchLookup.StagedRow],
        accepted: [Int],
        numbers: [Int32],
        accounts: [Int32],
        counterparties: [Int32],
        currencies: [UInt8],
        previous chain: [Int32]
    ) {
        let (customer, day, second, amount, currency) = (customer, day, second, amount, currency)
        let (type, channel, category, flags, account, counterparty, previous) =
            (type, channel, category, flags, account, counterparty, previous)
        for (slot, position) in accepted.enumerated() {
            let row = start + slot
            let staged = staged[position]
            customer[row] = numbers[position]
            day[row] = staged.day
            second[row] = staged.second
            amount[row] = staged.amount
            currency[row] = currencies[slot]
            previous[row] = chain[slot]
            type[row] = staged.type
            channel[row] = staged.channel
            category[row] = staged.category
            flags[row] = staged.flags
            account[row] = accounts[slot]
            counterparty[row] = counterparties[slot]
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
