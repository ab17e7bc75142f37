import Synchronization

/// The in-memory ``AuditLog``: keeps every entry in order, for tests, the demo and small hosts.
public final class InMemoryAuditLog: AuditLog {
    private let store = Mutex<[AuditRecord]>([])

    /// Creates an empty log.
    public init() {}

    /// Appends entries.
    public func record(_ entries: [AuditRecord]) async throws(StoreError) {
        store.withLock { $0.append(contentsOf: entries) }
    }

    /// Entries concerning `customer` (all when `nil`) in `period`. Only auditors, head office and
    /// system principals may read the trail.
    public func entries(concerning customer: CustomerID?, in period: ClosedRange<Instant>, as principal: Principal)
        async throws(StoreError) -> [AuditRecord]
    {
        guard principal.hasBankWideScope else {
            throw StoreError(.forbidden, "\(principal.role.rawValue) may not read the audit trail")
        }
        return store.withLock { entries in
            entries.filter { entry in
                period.contains(entry.at) && (customer.map { entry.customers.contains($0) || entry.isBankWide } ?? true)
            }
        }
    }

    /// Every entry, oldest first (for tests and the demo).
    public var allEntries: [AuditRecord] { store.withLock { $0 } }

    /// The number of entries.
    public var count: Int { store.withLock { $0.count } }
}
