/// Reads of an ``AuditLog`` behind the ``AccessGate``: only principals with bank-wide read scope
/// (auditors, head office, system under the default policy) may read the trail, and each read is
/// itself audited.
///
/// ```swift
/// let entries = try await bank.auditTrail.entries(concerning: "C000042", in: period, as: .auditor("AU-1"))
/// ```
public struct GatedAuditLog: Sendable {
    /// The log whose entries are read.
    public let log: any AuditLog
    /// The gate every read goes through.
    public let gate: AccessGate

    /// Puts reads of `log` behind `gate`.
    public init(_ log: any AuditLog, gate: AccessGate) {
        self.log = log
        self.gate = gate
    }

    /// Entries concerning `customer` (all when `nil`) recorded in `period`, oldest first.
    /// - Throws: ``StoreError/Code/forbidden`` for a principal without bank-wide read scope.
    public func entries(
        concerning customer: CustomerID?,
        in period: ClosedRange<Instant>,
        as principal: Principal
    )
        async throws(StoreError) -> [AuditRecord]
    {
        let admission = try await gate.admit(principal, .auditTrail, naming: customer.map { [$0] } ?? [])
        let found = try await log.entries(concerning: customer, in: period, scope: admission.scope)
        try await gate.recordAllowed(admission, customers: customer.map { [$0] } ?? [], isBankWide: customer == nil)
        return found
    }
}
