import Synchronization

/// The in-memory ``AuditLog``: keeps every entry in order, for tests, the demo and small hosts.
///
/// Entries are kept compactly: an entry is a small record of integers (principal, operation and
/// fields interned), so recording an entry that names one client allocates nothing, and a
/// batch's clients cost 8 bytes each.
public final class InMemoryAuditLog: AuditLog {
    private let store = Mutex(AuditEntries())

    /// Creates an empty log.
    public init() {}

    /// Appends entries.
    public func record(_ entries: [AuditRecord]) async throws(StoreError) {
        store.withLock { store in
            for entry in entries { store.append(entry) }
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
        store.withLock { store in
            store.records(concerning: customer, in: period) { entry in
                scope.isEveryClient || entry.isBankWide || entry.customers.contains { scope.contains($0) ?? false }
            }
        }
    }

    /// Every entry, oldest first (for tests and the demo).
    public var allEntries: [AuditRecord] {
        let always = Instant(millisecondsSinceEpoch: .min)...Instant(millisecondsSinceEpoch: .max)
        return store.withLock { store in store.records(concerning: nil, in: always) { _ in true } }
    }

    /// The number of entries.
    public var count: Int { store.withLock { $0.count } }
}
