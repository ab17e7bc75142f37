/// One entry of the audit trail: who did what to which clients' which fields, when and why.
///
/// Every read of personal data and every write through a port produces one entry (PIPL and
/// GDPR accountability). Entries never contain the personal values themselves.
public struct AuditRecord: Hashable, Sendable, Codable {
    /// What happened.
    public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
        /// Personal data was read.
        case read
        /// Data was created or changed.
        case write
        /// A bulk export (for scoring or reporting).
        case export
        /// An access was refused by the policy.
        case denied
    }

    /// When it happened, from the injected clock.
    public var at: Instant
    /// Who did it.
    public var principal: Principal
    /// What happened.
    public var action: Action
    /// The clients concerned; empty with ``isBankWide`` for bulk operations.
    public var customers: [CustomerID]
    /// Whether the operation covered every client in the principal's scope.
    public var isBankWide: Bool
    /// The fields or record kinds touched (`profile`, `holdings`, `transactions`).
    public var fields: [String]
    /// The port operation (`profiles`, `upsert`, `appendTransactions`).
    public var operation: String

    /// Creates an entry.
    public init(
        at: Instant,
        principal: Principal,
        action: Action,
        customers: [CustomerID],
        isBankWide: Bool = false,
        fields: [String],
        operation: String
    ) {
        self.at = at
        self.principal = principal
        self.action = action
        self.customers = customers
        self.isBankWide = isBankWide
        self.fields = fields
        self.operation = operation
    }

    /// The purpose the principal gave.
    public var purpose: String { principal.purpose }
}

/// Keeps the audit trail.
///
/// The ``AccessGate`` writes every entry; hosts read the trail through ``GatedAuditLog``, which
/// lets only principals with bank-wide read scope (auditors, head office, system) through.
///
/// Contract: ``record(_:)`` is durable before it returns; when it throws, the gate fails the
/// call it was auditing (no unaudited access). Entries come back in the order recorded, filtered
/// by client (bank-wide entries concern every client) and period (both ends included). When
/// `scope` is not every client, only entries naming a client in ``ClientScope/clients`` (or
/// bank-wide ones) come back. Safe to call from many tasks at once.
public protocol AuditLog: Sendable {
    /// Appends entries, in order.
    func record(_ entries: [AuditRecord]) async throws(StoreError)
    /// Entries that concern `customer` (or every entry when `nil`) recorded in `period`, oldest first.
    func entries(
        concerning customer: CustomerID?,
        in period: ClosedRange<Instant>,
        scope: ClientScope
    )
        async throws(StoreError) -> [AuditRecord]
}
