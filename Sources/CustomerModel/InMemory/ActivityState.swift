import CPrefetch
import Dispatch

/// Everything ``InMemoryActivityStore`` holds, guarded by its mutex.
struct ActivityState {
    var transactions = TransactionTable()
    var index = RowIndex()
    var clients = ClientNumbers()
    /// Per client: its newest row, -1 when none.
    var tails: [Int32] = []
    /// Per client: the day of its newest row, to notice rows that arrive out of day order.
    var lastDays: [Int32] = []
    /// Clients with a row appended after a later-dated one: their chain is not in day order,
    /// so reads cannot stop early.
    var unordered: Set<Int32> = []
    var accounts = Interner<AccountID>()
    var counterparties = Interner<String>()
    var overflowIDs = Interner<String>()
    /// The packed currency codes that the one-byte currency column indexes.
    var currencies: [UInt32] = []
    var interactions: [CustomerID: [Interaction]] = [:]
    var interactionKeys: [InteractionID: Interaction] = [:]
    /// Each client's snapshots sorted by day, one a day.
    var balances: [CustomerID: [BalanceSnapshot]] = [:]

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

    /// Where the tables stood before a batch, for rolling it back.
    private struct Mark {
        var rows: Int
        var clients: Int
        var accounts: Int
        var counterparties: Int
        var overflow: Int
        var currencies: Int
    }

    /// Appends a batch; on a conflict or an unknown client rolls everything back.
    ///
    /// The caller has checked that the clients new to this store (``BatchLookup/newClients``) exist.
    ///
    /// The work runs in phases so that the cache misses of one row do not wait for the previous
    /// row's: (1) pack ids and look clients up, on both cores for large batches, over state that
    /// is only read; (2) probe and fill the id index; (3) append the columns and chain each
    /// client's rows.
    mutating func appendTransactions(
        _ batch: [Transaction],
        lookup: inout BatchLookup
    )
        -> Result<AppendReport, StoreError>
    {
        let mark = Mark(
            rows: transactions.count,
            clients: clients.values.count,
            accounts: accounts.values.count,
            counterparties: counterparties.values.count,
            overflow: overflowIDs.values.count,
            currencies: currencies.count
        )
        let count = batch.count
        // Phase 1 ran before the lock (``BatchLookup``): its numbers stay valid, since the tables
        // only grow outside a failing batch, and a failing batch removes only what it added.
        var (keys, numbers, accountNumbers, counterpartyNumbers, staged) = lookup.take()
        // Long ids and clients new to this store: serially, since both add to shared tables.
        for position in 0..<count where keys[position] == BatchLookup.unpacked || numbers[position] < 0 {
            if keys[position] == BatchLookup.unpacked {
                keys[position] =
                    CompactKey.overflowTag
                    | UInt64(UInt32(bitPattern: overflowIDs.intern(batch[position].id.rawValue)))
            }
            if numbers[position] < 0 {
                let customer = batch[position].customer
                if let known = clients.number(of: customer) {
                    numbers[position] = known
                } else {
                    numbers[position] = clients.intern(customer)
                    tails.append(-1)
                    lastDays.append(.min)
                }
            }
        }
        // Phase 2: the id index. In-batch repeats are found because rows are indexed as they go.
        guard index.reserve(count), transactions.key.reserve(mark.rows + count) else {
            rollback(to: mark, filled: [])
            return .failure(StoreError(.unavailable, "out of memory for \(count) more transactions"))
        }
        var filled: [Int] = []
        filled.reserveCapacity(count)
        var skipped: [Int] = []
        let firstRow = Int32(mark.rows)
        var nextRow = firstRow
        let distance = 16
        for position in 0..<count {
            if position + distance < count { index.prefetch(keys[position + distance]) }
            let key = keys[position]
            let found = index.find(key, keys: transactions.key)
            if let row = found.row {
                let stored: Transaction? =
                    row >= firstRow
                    ? batch[accepted(row - firstRow, skipping: skipped)] : transaction(at: Int(row))
                if batch[position] == stored {
                    skipped.append(position)
                    continue
                }
                rollback(to: mark, filled: filled)
                return .failure(
                    StoreError(
                        .conflict,
                        customer: batch[position].customer,
                        record: batch[position].id.rawValue,
                        field: "id",
                        "transaction id already stored with different content"
                    )
                )
            }
            transactions.key.append(key)
            index.fill(found.emptySlot, key: key, row: nextRow)
            filled.append(found.emptySlot)
            nextRow += 1
        }
        // Phase 3: columns and chains.
        let accepted: [Int]
        if skipped.isEmpty {
            accepted = Array(0..<count)
        } else {
            var list: [Int] = []
            list.reserveCapacity(count - skipped.count)
            var skip = skipped.makeIterator()
            var nextSkip = skip.next()
            for position in 0..<count {
                if position == nextSkip {
                    nextSkip = skip.next()
                } else {
                    list.append(position)
                }
            }
            accepted = list
        }
        let added = accepted.count
        // Interned references: serial, since interning adds to shared tables; the parallel phase
        // already numbered every account and counterparty the store knew (`newReference` marks the rest).
        if added != count {
            accountNumbers = accepted.map { accountNumbers[$0] }
            counterpartyNumbers = accepted.map { counterpartyNumbers[$0] }
        }
        var currencyNumbers = [UInt8](repeating: 0, count: added)
        var lastCurrency: (packed: UInt32, number: UInt8)?
        for (slot, position) in accepted.enumerated() {
            let packed = staged[position].currency
            if packed == lastCurrency?.packed, let lastCurrency {
                currencyNumbers[slot] = lastCurrency.number
            } else if let number = currencies.firstIndex(of: packed) ?? appendCurrency(packed) {
                currencyNumbers[slot] = UInt8(number)
                lastCurrency = (packed, UInt8(number))
            } else {
                rollback(to: mark, filled: filled)
                return .failure(
                    StoreError(
                        .invalid,
                        customer: batch[position].customer,
                        record: batch[position].id.rawValue,
                        field: "amount.currency",
                        "the store holds at most 256 currencies"
                    )
                )
            }
            if accountNumbers[slot] == BatchLookup.newReference, let account = batch[position].account {
                accountNumbers[slot] = accounts.intern(account)
            }
            if counterpartyNumbers[slot] == BatchLookup.newReference, let counterparty = batch[position].counterparty {
                counterpartyNumbers[slot] = counterparties.intern(counterparty)
            }
        }
        guard transactions.extend(by: added) else {
            rollback(to: mark, filled: filled)
            return .failure(StoreError(.unavailable, "out of memory for \(count) more transactions"))
        }
        // Chains: each client's previous row, serial over a small table.
        var previous = [Int32](repeating: -1, count: added)
        var outOfOrder: [Int32] = []
        tails.withUnsafeMutableBufferPointer { tails in
            lastDays.withUnsafeMutableBufferPointer { lastDays in
                guard let base = tails.baseAddress, let dayBase = lastDays.baseAddress else { return }
                for (slot, position) in accepted.enumerated() {
                    if slot + distance < added {
                        let ahead = Int(numbers[accepted[slot + distance]])
                        clientele_prefetch_for_write(base + ahead)
                        clientele_prefetch_for_write(dayBase + ahead)
                    }
                    let client = Int(numbers[position])
                    let day = staged[position].day
                    previous[slot] = tails[client]
                    tails[client] = firstRow + Int32(slot)
                    if day < lastDays[client] { outOfOrder.append(Int32(client)) }
                    lastDays[client] = max(lastDays[client], day)
                }
            }
        }
        unordered.formUnion(outOfOrder)
        transactions.fill(
            from: mark.rows,
            rows: staged,
            accepted: accepted,
            numbers: numbers,
            accounts: accountNumbers,
            counterparties: counterpartyNumbers,
            currencies: currencyNumbers,
            previous: previous
        )
        return .success(AppendReport(appended: transactions.count - mark.rows, duplicates: skipped.count))
    }

    /// Adds a currency to the table, or returns `nil` when it is full.
    private mutating func appendCurrency(_ packed: UInt32) -> Int? {
        guard currencies.count < 256 else { return nil }
        currencies.append(packed)
        return currencies.count - 1
    }

    /// Grows the columns and the id index to hold `rows` transactions.
    mutating func reserve(_ rows: Int) {
        let extra = max(0, rows - transactions.count)
        _ = index.reserve(extra)
        for column in [
            transactions.customer, transactions.day, transactions.second, transactions.account,
            transactions.counterparty, transactions.previous,
        ] as [Column<Int32>] {
            column.reserve(rows, populate: true)
        }
        for column in [
            transactions.type, transactions.channel, transactions.category, transactions.flags, transactions.currency,
        ]
            as [Column<UInt8>]
        {
            column.reserve(rows, populate: true)
        }
        transactions.amount.reserve(rows, populate: true)
        transactions.key.reserve(rows, populate: true)
    }

    /// The batch position of the `accepted`-th row kept from a batch, given the skipped positions.
    private func accepted(_ accepted: Int32, skipping skipped: [Int]) -> Int {
        var position = Int(accepted)
        for skip in skipped where skip <= position { position += 1 }
        return position
    }

    /// Undoes a partly applied batch: the index, the columns, the chains and the interned values.
    private mutating func rollback(to mark: Mark, filled: [Int]) {
        index.clear(slots: filled)
        for row in stride(from: transactions.count - 1, through: mark.rows, by: -1) {
            let client = Int(transactions.customer[row])
            tails[client] = transactions.previous[row]
            lastDays[client] = tails[client] < 0 ? .min : transactions.day[Int(tails[client])]
        }
        transactions.truncate(to: mark.rows)
        clients.truncate(to: mark.clients)
        tails.removeLast(tails.count - mark.clients)
        lastDays.removeLast(lastDays.count - mark.clients)
        accounts.truncate(to: mark.accounts)
        counterparties.truncate(to: mark.counterparties)
        overflowIDs.truncate(to: mark.overflow)
        currencies.removeLast(currencies.count - mark.currencies)
    }

    /// Hints the cache to load every column of `row`.
    private func prefetchRow(_ row: Int) {
        let t = transactions  // once per row, against 11 prefetches
        if let p = t.customer.base { clientele_prefetch(p + row) }
        if let p = t.second.base { clientele_prefetch(p + row) }
        if let p = t.amount.base { clientele_prefetch(p + row) }
        if let p = t.currency.base { clientele_prefetch(p + row) }
        if let p = t.type.base { clientele_prefetch(p + row) }
        if let p = t.channel.base { clientele_prefetch(p + row) }
        if let p = t.category.base { clientele_prefetch(p + row) }
        if let p = t.flags.base { clientele_prefetch(p + row) }
        if let p = t.account.base { clientele_prefetch(p + row) }
        if let p = t.counterparty.base { clientele_prefetch(p + row) }
        if let p = t.key.base { clientele_prefetch(p + row) }
    }

    /// The transaction stored at `row`.
    func transaction(at row: Int) -> Transaction {
        // Read through `transactions.<column>` each time: binding the table to a local would copy
        // (and retain) all of its column references once per row.
        let accountNumber = transactions.account[row]
        let counterpartyNumber = transactions.counterparty[row]
        let flags = transactions.flags[row]
        return Transaction(
            id: id(of: transactions.key[row]),
            customer: clients.values[Int(transactions.customer[row])],
            account: accountNumber < 0 ? nil : accounts.values[Int(accountNumber)],
            day: Day(number: transactions.day[row]),
            secondOfDay: transactions.second[row],
            type: TransactionType(rawValue: transactions.type[row]) ?? .deposit,
            direction: flags & 1 == 1 ? .outflow : .inflow,
            amount: Money(
                minorUnits: transactions.amount[row],
                currency: CurrencyCode(packed: currencies[Int(transactions.currency[row])]) ?? .cny
            ),
            channel: Channel(rawValue: transactions.channel[row]) ?? .other,
            merchantCategory: MerchantCategory(rawValue: transactions.category[row]),
            counterparty: counterpartyNumber < 0 ? nil : counterparties.values[Int(counterpartyNumber)],
            isOverseas: flags & 2 == 2
        )
    }

    func transactions(of customer: CustomerID, in days: ClosedRange<Day>) -> [Transaction] {
        guard let client = clients.number(of: customer) else { return [] }
        // (day, second, row) packed so rows sort by plain integer comparison, no closure over self.
        var keys: [(UInt64, Int32)] = []
        var row = tails[Int(client)]
        let low = days.lowerBound.number
        let high = days.upperBound.number
        // A client whose rows arrived in day order is read newest first until the range is passed.
        let ordered = !unordered.contains(client)
        while row >= 0 {
            let day = transactions.day[Int(row)]
            if day >= low, day <= high {
                let dayBits = UInt64(UInt32(bitPattern: day) ^ 0x8000_0000) << 32
                keys.append((dayBits | UInt64(UInt32(bitPattern: transactions.second[Int(row)])), row))
            }
            if ordered, day < low { break }
            row = transactions.previous[Int(row)]
        }
        // Start every column's cache line of every row loading before building the values.
        for (_, row) in keys { prefetchRow(Int(row)) }
        keys.reverse()  // oldest first: usually already in order
        var sorted = true
        for index in keys.indices.dropFirst() where keys[index - 1] > keys[index] {
            sorted = false
            break
        }
        if !sorted { keys.sort { $0 < $1 } }
        var found: [Transaction] = []
        found.reserveCapacity(keys.count)
        for (_, row) in keys { found.append(transaction(at: Int(row))) }
        return found
    }

    /// A page of rows in `days` of the clients `allowed` marks (every client when `nil`), from row `start`.
    func scan(_ days: ClosedRange<Day>, from start: Int, limit: Int, allowed: [Bool]?) -> TransactionPage {
        var found: [Transaction] = []
        var row = min(start, transactions.count)
        let low = days.lowerBound.number
        let high = days.upperBound.number
        while row < transactions.count, found.count < limit {
            let day = transactions.day[row]
            if day >= low, day <= high, allowed?[Int(transactions.customer[row])] ?? true {
                found.append(transaction(at: row))
            }
            row += 1
        }
        return TransactionPage(
            transactions: found,
            next: row < transactions.count ? ScanCursor(token: String(row)) : nil
        )
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
                            .conflict,
                            customer: interaction.customer,
                            record: interaction.id.rawValue,
                            field: "id",
                            "interaction id already stored with different content"
                        )
                    )
                }
                duplicates += 1
                continue
            }
            fresh[interaction.id] = interaction
            order.append(interaction)
        }
        for interaction in order {
            interactionKeys[interaction.id] = interaction
            interactions[interaction.customer, default: []].insertSorted(interaction) {
                ($0.day, $0.at) < ($1.day, $1.at)
            }
        }
        return .success(AppendReport(appended: order.count, duplicates: duplicates))
    }

    mutating func appendBalances(_ batch: [BalanceSnapshot]) -> Result<AppendReport, StoreError> {
        var fresh: [CustomerID: [Day: BalanceSnapshot]] = [:]
        var appended = 0
        var duplicates = 0
        for snapshot in batch {
            if let stored = storedBalance(of: snapshot.customer, on: snapshot.day)
                ?? fresh[snapshot.customer]?[snapshot.day]
            {
                guard stored == snapshot else {
                    return .failure(
                        StoreError(
                            .conflict,
                            customer: snapshot.customer,
                            record: snapshot.day.description,
                            field: "day",
                            "a different snapshot is stored for this client and day"
                        )
                    )
                }
                duplicates += 1
                continue
            }
            fresh[snapshot.customer, default: [:]][snapshot.day] = snapshot
            appended += 1
        }
        for (customer, days) in fresh {
            for snapshot in days.values { balances[customer, default: []].insertSorted(snapshot) { $0.day < $1.day } }
        }
        return .success(AppendReport(appended: appended, duplicates: duplicates))
    }

    /// The stored snapshot of `customer` on `day`, if any.
    func storedBalance(of customer: CustomerID, on day: Day) -> BalanceSnapshot? {
        guard let snapshots = balances[customer] else { return nil }
        let index = snapshots.partitionIndex { $0.day < day }
        return index < snapshots.count && snapshots[index].day == day ? snapshots[index] : nil
    }

    /// The client's interactions in `days`, by day, time, then append order (kept in that order).
    func interactions(of customer: CustomerID, in days: ClosedRange<Day>) -> [Interaction] {
        Array(interactionSlice(of: customer, in: days))
    }

    /// The client's balance snapshots in `days`, by day.
    func balances(of customer: CustomerID, in days: ClosedRange<Day>) -> [BalanceSnapshot] {
        Array(balanceSlice(of: customer, in: days))
    }

    /// The interactions in `days` of each client of `customers`, in the order given, in one array
    /// of exactly its final size.
    func interactions(of customers: [CustomerID], in days: ClosedRange<Day>) -> [Interaction] {
        .gathering(customers.map { interactionSlice(of: $0, in: days) })
    }

    /// The balance snapshots in `days` of each client of `customers`, in the order given, in one
    /// array of exactly its final size.
    func balances(of customers: [CustomerID], in days: ClosedRange<Day>) -> [BalanceSnapshot] {
        .gathering(customers.map { balanceSlice(of: $0, in: days) })
    }

    private func interactionSlice(of customer: CustomerID, in days: ClosedRange<Day>) -> ArraySlice<Interaction> {
        guard let stored = interactions[customer] else { return [] }
        let start = stored.partitionIndex { $0.day < days.lowerBound }
        let end = stored.partitionIndex { $0.day <= days.upperBound }
        return start < end ? stored[start..<end] : []
    }

    private func balanceSlice(of customer: CustomerID, in days: ClosedRange<Day>) -> ArraySlice<BalanceSnapshot> {
        guard let stored = balances[customer] else { return [] }
        let start = stored.partitionIndex { $0.day < days.lowerBound }
        let end = stored.partitionIndex { $0.day <= days.upperBound }
        return start < end ? stored[start..<end] : []
    }
}
