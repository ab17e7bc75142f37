/// Everything ``InMemoryActivityStore`` holds, guarded by its mutex.
struct ActivityState {
    var transactions = TransactionTable()
    var index = RowIndex()
    var clients = Interner<CustomerID>()
    var head: [Int32] = []
    var tail: [Int32] = []
    var accounts = Interner<AccountID>()
    var counterparties = Interner<String>()
    var overflowIDs = Interner<String>()
    var interactions: [CustomerID: [Interaction]] = [:]
    var interactionKeys: [InteractionID: Interaction] = [:]
    var balances: [CustomerID: [Day: BalanceSnapshot]] = [:]

    var customerIDs: [CustomerID] { clients.values }

    // MARK: Transactions

    /// The 64-bit key of a transaction id, interning long ids in the overflow table.
    private mutating func key(of id: TransactionID) -> UInt64 {
        if let packed = CompactKey.pack(id.rawValue) { return packed }
        return CompactKey.overflowTag | UInt64(UInt32(bitPattern: overflowIDs.intern(id.rawValue)))
    }

    private func id(of key: UInt64) -> TransactionID {
        if key & CompactKey.overflowTag == CompactKey.overflowTag {
            return TransactionID(overflowIDs.values[Int(key & 0xFFFF_FFFF)])
        }
        return TransactionID(CompactKey.unpack(key))
    }

    /// Appends a batch, rolling everything back on a conflict.
    mutating func appendTransactions(_ batch: [Transaction]) -> Result<AppendReport, StoreError> {
        let startRows = transactions.count
        let startClients = clients.values.count
        let startAccounts = accounts.values.count
        let startCounterparties = counterparties.values.count
        let startOverflow = overflowIDs.values.count
        index.reserve(batch.count, keys: transactions.key)
        transactions.reserveCapacity(startRows + batch.count)
        var filled: [Int] = []
        filled.reserveCapacity(batch.count)
        var duplicates = 0
        var lastCustomer: CustomerID?
        var lastIndex: Int32 = 0
        for transaction in batch {
            let key = key(of: transaction.id)
            if let row = index.row(for: key, keys: transactions.key) {
                if transaction == self.transaction(at: Int(row)) {
                    duplicates += 1
                    continue
                }
                // Roll back this batch: the index, the columns, the chains and the interned values.
                index.clear(slots: filled)
                var touched = Set<Int32>()
                for row in startRows..<transactions.count where Int(transactions.customer[row]) < startClients {
                    touched.insert(transactions.customer[row])
                }
                for client in touched { unlinkRows(of: Int(client), from: Int32(startRows)) }
                transactions.truncate(to: startRows)
                clients.truncate(to: startClients)
                head.removeLast(head.count - startClients)
                tail.removeLast(tail.count - startClients)
                accounts.truncate(to: startAccounts)
                counterparties.truncate(to: startCounterparties)
                overflowIDs.truncate(to: startOverflow)
                return .failure(
                    StoreError(
                        .conflict, customer: transaction.customer, record: transaction.id.rawValue, field: "id",
                        "transaction id already stored with different content"))
            }
            let client: Int32
            if transaction.customer == lastCustomer {
                client = lastIndex
            } else {
                client = clients.intern(transaction.customer)
                if Int(client) == head.count {
                    head.append(-1)
                    tail.append(-1)
                }
                lastCustomer = transaction.customer
                lastIndex = client
            }
            let row = Int32(transactions.count)
            transactions.customer.append(client)
            transactions.day.append(transaction.day.number)
            transactions.second.append(transaction.secondOfDay)
            transactions.amount.append(transaction.amount.minorUnits)
            transactions.currency.append(transaction.amount.currency.packed)
            transactions.type.append(transaction.type.rawValue)
            transactions.channel.append(transaction.channel.rawValue)
            transactions.category.append(transaction.merchantCategory?.rawValue ?? 255)
            transactions.flags.append(
                (transaction.direction == .outflow ? 1 : 0) | (transaction.isOverseas ? 2 : 0))
            transactions.account.append(transaction.account.map { accounts.intern($0) } ?? -1)
            transactions.counterparty.append(transaction.counterparty.map { counterparties.intern($0) } ?? -1)
            transactions.key.append(key)
            transactions.next.append(-1)
            let previous = tail[Int(client)]
            if previous < 0 { head[Int(client)] = row } else { transactions.next[Int(previous)] = row }
            tail[Int(client)] = row
            filled.append(index.insert(key, row: row))
        }
        return .success(AppendReport(appended: transactions.count - startRows, duplicates: duplicates))
    }

    /// Cuts `client`'s chain before the first row numbered `first` or later.
    private mutating func unlinkRows(of client: Int, from first: Int32) {
        var current = head[client]
        var last: Int32 = -1
        while current >= 0, current < first {
            last = current
            current = transactions.next[Int(current)]
        }
        tail[client] = last
        if last < 0 { head[client] = -1 } else { transactions.next[Int(last)] = -1 }
    }

    /// The transaction stored at `row`.
    func transaction(at row: Int) -> Transaction {
        let t = transactions
        let accountNumber = t.account[row]
        let counterpartyNumber = t.counterparty[row]
        return Transaction(
            id: id(of: t.key[row]), customer: clients.values[Int(t.customer[row])],
            account: accountNumber < 0 ? nil : accounts.values[Int(accountNumber)], day: Day(number: t.day[row]),
            secondOfDay: t.second[row], type: TransactionType(rawValue: t.type[row]) ?? .deposit,
            direction: t.flags[row] & 1 == 1 ? .outflow : .inflow,
            amount: Money(minorUnits: t.amount[row], currency: CurrencyCode(packed: t.currency[row]) ?? .cny),
            channel: Channel(rawValue: t.channel[row]) ?? .other,
            merchantCategory: MerchantCategory(rawValue: t.category[row]),
            counterparty: counterpartyNumber < 0 ? nil : counterparties.values[Int(counterpartyNumber)],
            isOverseas: t.flags[row] & 2 == 2)
    }

    func transactions(of customer: CustomerID, in days: ClosedRange<Day>) -> [Transaction] {
        guard let client = clients.number(of: customer) else { return [] }
        var rows: [Int32] = []
        var row = head[Int(client)]
        let low = days.lowerBound.number
        let high = days.upperBound.number
        while row >= 0 {
            let day = transactions.day[Int(row)]
            if day >= low, day <= high { rows.append(row) }
            row = transactions.next[Int(row)]
        }
        rows.sort { a, b in
            let (da, db) = (transactions.day[Int(a)], transactions.day[Int(b)])
            if da != db { return da < db }
            let (sa, sb) = (transactions.second[Int(a)], transactions.second[Int(b)])
            return sa != sb ? sa < sb : a < b
        }
        return rows.map { transaction(at: Int($0)) }
    }

    func scan(_ days: ClosedRange<Day>, from start: Int, limit: Int, allowed: Set<Int32>?) -> TransactionPage {
        var found: [Transaction] = []
        var row = min(start, transactions.count)
        let low = days.lowerBound.number
        let high = days.upperBound.number
        while row < transactions.count, found.count < limit {
            let day = transactions.day[row]
            if day >= low, day <= high, allowed?.contains(transactions.customer[row]) ?? true {
                found.append(transaction(at: row))
            }
            row += 1
        }
        return TransactionPage(transactions: found, next: row < transactions.count ? ScanCursor(token: String(row)) : nil)
    }

    func export(_ days: ClosedRange<Day>?, allowed: Set<Int32>?) -> TransactionColumns {
        let t = transactions
        var columns = TransactionColumns(customers: clients.values)
        if days == nil, allowed == nil {
            columns.customerIndex = t.customer
            columns.day = t.day
            columns.amountMinorUnits = t.amount
            columns.currency = t.currency
            columns.type = t.type
            columns.channel = t.channel
            columns.merchantCategory = t.category
            columns.direction = t.flags.map { $0 & 1 }
            columns.isOverseas = t.flags.map { $0 & 2 == 2 }
            // Force private copies so later appends to the store do not copy the whole table.
            columns.customerIndex.withUnsafeMutableBufferPointer { _ in }
            columns.day.withUnsafeMutableBufferPointer { _ in }
            columns.amountMinorUnits.withUnsafeMutableBufferPointer { _ in }
            columns.currency.withUnsafeMutableBufferPointer { _ in }
            columns.type.withUnsafeMutableBufferPointer { _ in }
            columns.channel.withUnsafeMutableBufferPointer { _ in }
            columns.merchantCategory.withUnsafeMutableBufferPointer { _ in }
            return columns
        }
        let low = days?.lowerBound.number ?? .min
        let high = days?.upperBound.number ?? .max
        for row in 0..<t.count {
            let day = t.day[row]
            guard day >= low, day <= high, allowed?.contains(t.customer[row]) ?? true else { continue }
            columns.customerIndex.append(t.customer[row])
            columns.day.append(day)
            columns.amountMinorUnits.append(t.amount[row])
            columns.currency.append(t.currency[row])
            columns.type.append(t.type[row])
            columns.direction.append(t.flags[row] & 1)
            columns.channel.append(t.channel[row])
            columns.merchantCategory.append(t.category[row])
            columns.isOverseas.append(t.flags[row] & 2 == 2)
        }
        return columns
    }

    // MARK: Interactions and balances

    mutating func appendInteractions(_ batch: [Interaction]) -> Result<AppendReport, StoreError> {
        var fresh: [InteractionID: Interaction] = [:]
        var order: [Interaction] = []
        var duplicates = 0
        for interaction in batch {
            if let stored = interactionKeys[interaction.id] ?? fresh[interaction.id] {
                guard stored == interaction else {
                    return .failure(
                        StoreError(
                            .conflict, customer: interaction.customer, record: interaction.id.rawValue, field: "id",
                            "interaction id already stored with different content"))
                }
                duplicates += 1
                continue
            }
            fresh[interaction.id] = interaction
            order.append(interaction)
        }
        for interaction in order {
            interactionKeys[interaction.id] = interaction
            interactions[interaction.customer, default: []].append(interaction)
        }
        return .success(AppendReport(appended: order.count, duplicates: duplicates))
    }

    mutating func appendBalances(_ batch: [BalanceSnapshot]) -> Result<AppendReport, StoreError> {
        var fresh: [CustomerID: [Day: BalanceSnapshot]] = [:]
        var appended = 0
        var duplicates = 0
        for snapshot in batch {
            if let stored = balances[snapshot.customer]?[snapshot.day] ?? fresh[snapshot.customer]?[snapshot.day] {
                guard stored == snapshot else {
                    return .failure(
                        StoreError(
                            .conflict, customer: snapshot.customer, record: snapshot.day.description, field: "day",
                            "a different snapshot is stored for this client and day"))
                }
                duplicates += 1
                continue
            }
            fresh[snapshot.customer, default: [:]][snapshot.day] = snapshot
            appended += 1
        }
        for (customer, days) in fresh { balances[customer, default: [:]].merge(days) { _, new in new } }
        return .success(AppendReport(appended: appended, duplicates: duplicates))
    }
}
