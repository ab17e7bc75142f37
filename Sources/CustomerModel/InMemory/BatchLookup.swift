import ClienteleSupport
import Dispatch

/// Phase 1 of a transaction append, run before the store's lock on both cores: packs every id
/// into its 64-bit key, finds the dense numbers of the clients, accounts and counterparties the
/// store already knows and which distinct clients the batch touches, and copies each row's
/// scalar fields into a compact ``StagedRow``, so the work under the lock never reads the
/// ~120-byte `Transaction` values again.
///
/// It reads a snapshot of the store's interning tables. The numbers it finds stay valid when the
/// append runs under the lock later: the tables only grow, and a batch that fails removes only
/// what it added itself.
struct BatchLookup {
    /// Marks an id that does not pack into 64 bits: the append interns it serially.
    static let unpacked = UInt64.max
    /// Marks an account or counterparty the snapshot did not hold: the append interns it serially.
    static let newReference: Int32 = -2

    /// The store's interning tables at the time of the lookup.
    struct Tables {
        var clients: ClientNumbers
        var accounts: Interner<AccountID>
        var counterparties: Interner<String>
    }

    /// The scalar fields of one row, as the columns store them.
    struct StagedRow {
        var day: Int32 = 0
        var second: Int32 = 0
        var amount: Int64 = 0
        /// The packed ``CurrencyCode``.
        var currency: UInt32 = 0
        var type: UInt8 = 0
        var channel: UInt8 = 0
        /// The merchant category, 255 for none.
        var category: UInt8 = 0
        /// Bit 0: outflow; bit 1: overseas.
        var flags: UInt8 = 0
    }

    private(set) var keys: [UInt64]
    /// Each row's scalar fields.
    private(set) var rows: [StagedRow]
    /// Client numbers; -1 for a client the snapshot did not hold.
    private(set) var numbers: [Int32]
    /// Account numbers; -1 for none, ``newReference`` for one to intern.
    private(set) var accounts: [Int32]
    /// Counterparty numbers; -1 for none, ``newReference`` for one to intern.
    private(set) var counterparties: [Int32]
    /// The distinct clients of the batch, known ones in number order, then unknown ones.
    private(set) var distinctCustomers: [CustomerID]
    /// The distinct clients the snapshot did not hold, in the order of their first row.
    private(set) var newClients: [CustomerID]
    /// The batch position of each new client's first row.
    private(set) var newClientRows: [Int]

    /// Looks `batch` up in `tables`, in two halves in parallel for large batches.
    init(_ batch: [Transaction], in tables: Tables) {
        let count = batch.count
        var keys = [UInt64](repeating: 0, count: count)
        var numbers = [Int32](repeating: -1, count: count)
        var accounts = [Int32](repeating: -1, count: count)
        var counterparties = [Int32](repeating: -1, count: count)
        var rows = [StagedRow](repeating: StagedRow(), count: count)
        let known = tables.clients.values.count
        let words = (known + 63) / 64
        let chunks = count >= 32_768 ? min(2, ParallelWork.width) : 1
        // One bitmap of touched clients per chunk, OR-ed afterwards.
        var seen = [UInt64](repeating: 0, count: words * chunks)
        var unknown: [[(CustomerID, Int)]] = Array(repeating: [], count: chunks)
        keys.withUnsafeMutableBufferPointer { keys in
            numbers.withUnsafeMutableBufferPointer { numbers in
                accounts.withUnsafeMutableBufferPointer { accounts in
                    counterparties.withUnsafeMutableBufferPointer { counterparties in
                        seen.withUnsafeMutableBufferPointer { seen in
                            unknown.withUnsafeMutableBufferPointer { unknown in
                                rows.withUnsafeMutableBufferPointer { rows in
                                    let keysOut = DisjointWrites(keys)
                                    let numbersOut = DisjointWrites(numbers)
                                    let accountsOut = DisjointWrites(accounts)
                                    let counterpartiesOut = DisjointWrites(counterparties)
                                    let seenOut = DisjointWrites(seen)
                                    let unknownOut = DisjointWrites(unknown)
                                    let rowsOut = DisjointWrites(rows)
                                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                        let range = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
                                        let bitmap = chunk * words
                                        var strangers: [(CustomerID, Int)] = []
                                        // Batches usually come grouped by client and account: remember the last of each.
                                        var lastCustomer: CustomerID?
                                        var lastNumber: Int32 = -1
                                        var lastAccount: AccountID?
                                        var lastAccountNumber: Int32 = -1
                                        for position in range {
                                            // Fields read one by one: binding the whole row would retain all its strings.
                                            keysOut[position] =
                                                CompactKey.pack(batch[position].id.rawValue) ?? Self.unpacked
                                            let customer = batch[position].customer
                                            if customer != lastCustomer {
                                                lastCustomer = customer
                                                lastNumber = tables.clients.number(of: customer) ?? -1
                                                if lastNumber >= 0 {
                                                    let word = bitmap + Int(lastNumber) >> 6
                                                    seenOut[word] = seenOut[word] | (1 << (UInt64(lastNumber) & 63))
                                                } else {
                                                    strangers.append((customer, position))
                                                }
                                            }
                                            numbersOut[position] = lastNumber
                                            if let account = batch[position].account {
                                                if account != lastAccount {
                                                    lastAccount = account
                                                    lastAccountNumber =
                                                        tables.accounts.number(of: account) ?? Self.newReference
                                                }
                                                accountsOut[position] = lastAccountNumber
                                            }
                                            if let counterparty = batch[position].counterparty {
                                                counterpartiesOut[position] =
                                                    tables.counterparties.number(of: counterparty) ?? Self.newReference
                                            }
                                            rowsOut[position] = StagedRow(
                                                day: batch[position].day.number,
                                                second: batch[position].secondOfDay,
                                                amount: batch[position].amount.minorUnits,
                                                currency: batch[position].amount.currency.packed,
                                                type: batch[position].type.rawValue,
                                                channel: batch[position].channel.rawValue,
                                                category: batch[position].merchantCategory?.rawValue ?? 255,
                                                flags: (batch[position].direction == .outflow ? 1 : 0)
                                                    | (batch[position].isOverseas ? 2 : 0)
                                            )
                                        }
                                        unknownOut[chunk] = strangers
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var distinct: [CustomerID] = []
        for word in 0..<words {
            var bits: UInt64 = 0
            for chunk in 0..<chunks { bits |= seen[chunk * words + word] }
            while bits != 0 {
                distinct.append(tables.clients.values[word * 64 + bits.trailingZeroBitCount])
                bits &= bits - 1
            }
        }
        var strangers = Set<CustomerID>()
        var newClients: [CustomerID] = []
        var newClientRows: [Int] = []
        for (id, row) in unknown.joined() where strangers.insert(id).inserted {
            newClients.append(id)
            newClientRows.append(row)
        }
        distinct += newClients
        self.newClients = newClients
        self.newClientRows = newClientRows
        self.keys = keys
        self.numbers = numbers
        self.accounts = accounts
        self.counterparties = counterparties
        self.rows = rows
        distinctCustomers = distinct
    }

    /// Hands the per-row arrays over to the append, leaving this value empty (no copy on write).
    mutating func take() -> ([UInt64], [Int32], [Int32], [Int32], [StagedRow]) {
        defer { (keys, numbers, accounts, counterparties, rows) = ([], [], [], [], []) }
        return (keys, numbers, accounts, counterparties, rows)
    }
}
