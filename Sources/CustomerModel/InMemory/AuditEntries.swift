/// The entries of ``InMemoryAuditLog`` in a compact form: one fixed-size record per entry, with
/// the principal, operation and field list interned, and the clients as packed 64-bit keys.
///
/// The gate records one entry per call, so the trail grows with every read: a record of plain
/// integers (no string, array or reference of its own) costs no allocation and no reference
/// counting, and the clients of a bulk write (tens of thousands a batch) cost 8 bytes each in one
/// array instead of a `CustomerID` each. An entry naming one client keeps its key inline. Entries
/// come back as ``AuditRecord`` values exactly as recorded: every client, in the order given.
struct AuditEntries {
    /// One entry.
    private struct Entry {
        var at: Int64
        var principal: Int32
        var operation: Int32
        var fields: Int32
        var action: UInt8
        var isBankWide: Bool
        /// The number of clients named.
        var count: Int32
        /// The client's key when `count` is 1; the index into `lists` when it is more.
        var clients: UInt64
    }

    private static let chunkSize = 4096
    /// Entries in chunks, so recording never copies the whole trail as it grows.
    private var chunks: [[Entry]] = []
    private var principals = Interner<Principal>()
    private var operations = Interner<String>()
    private var fieldLists = Interner<[String]>()
    /// Client ids that do not pack into 64 bits.
    private var longIDs = Interner<CustomerID>()
    /// The clients of each entry naming more than one.
    private var lists: [[UInt64]] = []

    /// The number of entries.
    private(set) var count = 0

    /// The numbers of the last entry's principal, operation and fields: consecutive entries
    /// usually share them (the eight reads of one 360 view), and comparing is cheaper than hashing.
    private var last: (principal: Int32, operation: Int32, fields: Int32)?

    /// Appends `record`.
    mutating func append(_ record: AuditRecord) {
        let principal: Int32
        let operation: Int32
        let fields: Int32
        if let last, principals.values[Int(last.principal)] == record.principal {
            principal = last.principal
        } else {
            principal = principals.intern(record.principal)
        }
        if let last, operations.values[Int(last.operation)] == record.operation {
            operation = last.operation
        } else {
            operation = operations.intern(record.operation)
        }
        if let last, fieldLists.values[Int(last.fields)] == record.fields {
            fields = last.fields
        } else {
            fields = fieldLists.intern(record.fields)
        }
        last = (principal, operation, fields)
        var entry = Entry(
            at: record.at.millisecondsSinceEpoch,
            principal: principal,
            operation: operation,
            fields: fields,
            action: Self.code(of: record.action),
            isBankWide: record.isBankWide,
            count: Int32(clamping: record.customers.count),
            clients: 0
        )
        if record.customers.count == 1 {
            entry.clients = key(of: record.customers[0])
        } else if record.customers.count > 1 {
            entry.clients = UInt64(lists.count)
            lists.append(record.customers.map { key(of: $0) })
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(entry)
        count += 1
    }

    /// The entries, oldest first, that concern `customer` (all when `nil`; bank-wide entries
    /// concern every client), fall in `period`, and pass `include`.
    func records(
        concerning customer: CustomerID?,
        in period: ClosedRange<Instant>,
        where include: (AuditRecord) -> Bool
    ) -> [AuditRecord] {
        let wanted = customer.flatMap(lookUp)
        var found: [AuditRecord] = []
        for chunk in chunks {
            for entry in chunk where period.contains(Instant(millisecondsSinceEpoch: entry.at)) {
                if customer != nil, !entry.isBankWide {
                    guard let wanted, names(entry, wanted) else { continue }
                }
                let record = record(of: entry)
                if include(record) { found.append(record) }
            }
        }
        return found
    }

    /// The key of `id`, interning it when it does not pack.
    private mutating func key(of id: CustomerID) -> UInt64 {
        if let packed = CompactKey.pack(id.rawValue) { return packed }
        return CompactKey.overflowTag | UInt64(UInt32(bitPattern: longIDs.intern(id)))
    }

    /// The key of `id` if the trail can hold it (`nil` for a long id never recorded).
    private func lookUp(_ id: CustomerID) -> UInt64? {
        if let packed = CompactKey.pack(id.rawValue) { return packed }
        return longIDs.number(of: id).map { CompactKey.overflowTag | UInt64(UInt32(bitPattern: $0)) }
    }

    private func id(of key: UInt64) -> CustomerID {
        if key & CompactKey.overflowTag == CompactKey.overflowTag {
            return longIDs.values[Int(key & 0xFFFF_FFFF)]
        }
        return CustomerID(CompactKey.unpack(key))
    }

    /// Whether `entry` names the client whose key is `key`.
    private func names(_ entry: Entry, _ key: UInt64) -> Bool {
        switch entry.count {
        case 0: false
        case 1: entry.clients == key
        default: lists[Int(entry.clients)].contains(key)
        }
    }

    private func record(of entry: Entry) -> AuditRecord {
        let customers: [CustomerID] =
            switch entry.count {
            case 0: []
            case 1: [id(of: entry.clients)]
            default: lists[Int(entry.clients)].map(id(of:))
            }
        return AuditRecord(
            at: Instant(millisecondsSinceEpoch: entry.at),
            principal: principals.values[Int(entry.principal)],
            action: Self.actions[Int(entry.action)],
            customers: customers,
            isBankWide: entry.isBankWide,
            fields: fieldLists.values[Int(entry.fields)],
            operation: operations.values[Int(entry.operation)]
        )
    }

    private static let actions = AuditRecord.Action.allCases

    private static func code(of action: AuditRecord.Action) -> UInt8 {
        UInt8(actions.firstIndex(of: action) ?? 0)
    }
}
