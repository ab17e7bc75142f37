public import CustomerModel
import Synchronization

/// An audit log that forwards to another one and can be told to fail, so a conformance kit can
/// check that the gate refuses to work unaudited.
///
/// Hand it to the gate in front of the store under test, and put the same instance
/// in the kit's fixture. While ``isFailing`` is set, ``record(_:)`` throws
/// ``/CustomerModel/StoreError/Code/unavailable`` and records nothing; reading the trail always
/// works, so the kit can look at what reached it.
///
/// ```swift
/// let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
/// let gate = AccessGate(directory: InMemoryCustomerStore(), audit: audit, clock: clock)
/// audit.isFailing = true   // every write to the trail now fails
/// ```
public final class SwitchableAuditLog: AuditLog {
    private let wrapped: any AuditLog
    private let failing = Mutex(false)

    /// Creates a log that forwards to `wrapped` (the host's own audit log adapter, or an
    /// `InMemoryAuditLog`).
    public init(wrapping wrapped: any AuditLog) { self.wrapped = wrapped }

    /// Whether ``record(_:)`` fails; starts `false`.
    public var isFailing: Bool {
        get { failing.withLock { $0 } }
        set { failing.withLock { $0 = newValue } }
    }

    /// Forwards the entries, or throws ``/CustomerModel/StoreError/Code/unavailable`` while
    /// ``isFailing`` is set.
    public func record(_ entries: [AuditRecord]) async throws(StoreError) {
        if isFailing { throw StoreError(.unavailable, "the audit log is down (switched off by the conformance kit)") }
        try await wrapped.record(entries)
    }

    /// Forwards the query to the wrapped log.
    public func entries(
        concerning customer: CustomerID?,
        in period: ClosedRange<Instant>,
        scope: ClientScope
    )
        async throws(StoreError) -> [AuditRecord]
    {
        try await wrapped.entries(concerning: customer, in: period, scope: scope)
    }
}
