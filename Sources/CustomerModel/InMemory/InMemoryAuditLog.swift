import Synchronization

/// The in-memory ``AuditLog``: keeps every entry in order, for tests, the demo and small hosts.
///
/// Entries are kept in chunks of 4096, so recording never copies the whole trail as it grows.
public final class InMemoryAuditLog: AuditLog {
    private static let chunkSize = 4096
    private let store = Mutex<[[AuditRecord]]>([])

    /// Creates an empty log.
    public init() {}

    /// Appends entries.
    public func record(_ entries: [AuditRecord]) async throws(StoreError) {
        store.withLock { chunks in
            for entry in entries {
                if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
                    chunks.append([])
                    chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
                }
                chunks[chunks.count - 1].append(entry)
            }
        }
    }

    /// Entries concerning `customer` (all when `nil`) in `period`; when `scope` is not every
    /// client, only bank-wide entries and entries naming a client of ``ClientScope/clients``.
    public func entries(
        concerning customer: CustomerID?,
        in period: ClosedRange<Instant>,
        scope: ClientScope
    )
        async throws(StoreError) -> [AuditRecord]
    {
        store.withLock { chunks in
            chunks.joined().filter { entry in
                period.contains(entry.at) && (customer.map { entry.customers.contains($0) || entry.isBankWide } ?? true)
                    && (scope.isEveryClient || entry.isBankWide
                        || entry.customers.contains { scope.contains($0) ?? false })
            }
        }
    }

    /// Every entry, oldest first (for tests and the demo).
    public var allEntries: [AuditRecord] { store.withLock { Array($0.joined()) } }

    /// The number of entries.
    public var count: Int { store.withLock { chunks in chunks.reduce(0) { $0 + $1.count } } }
}
