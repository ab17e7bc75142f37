/// Every in-memory port wired together behind one ``AccessGate``: the embedded default a host
/// (or the demo) starts with.
///
/// The stores keep storage promises only; ``customers``, ``activity`` and ``auditTrail`` are the
/// gated facades hosts call, so every call is checked against the policy and audited.
///
/// ```swift
/// let bank = InMemoryBank(clock: .system, calendar: .china)
/// try await bank.customers.replace(organisation: organisation, as: .system("setup"))
/// let workbench = bank.workbench
/// ```
public struct InMemoryBank: Sendable {
    /// The audit trail the gate writes to.
    public let audit: any AuditLog
    /// The gate: policy, audit and clock around every store.
    public let gate: AccessGate
    /// Profiles, accounts, holdings, relationships, referrals, organisation, behind the gate.
    public let customers: GatedCustomerStore
    /// Transactions, interactions, balances, behind the gate.
    public let activity: GatedActivityStore
    /// Reads of the audit trail, behind the gate.
    public let auditTrail: GatedAuditLog
    /// The customer storage port itself (and the gate's directory).
    public let customerStore: InMemoryCustomerStore
    /// The activity storage port itself.
    public let activityStore: InMemoryActivityStore
    /// Notifications recorded instead of sent.
    public let notifications: InMemoryNotificationSink
    /// The clock the gate reads.
    public let clock: any WallClock
    /// The bank's calendar.
    public let calendar: BankCalendar

    /// Creates an empty bank.
    /// - Parameters:
    ///   - clock: the clock the gate and the notification sink read.
    ///   - calendar: the bank's calendar.
    ///   - policy: who may see and change which clients.
    ///   - audit: where the gate records every access; `nil` for a new ``InMemoryAuditLog``.
    public init(
        clock: any WallClock,
        calendar: BankCalendar,
        policy: AccessPolicy = .default,
        audit: (any AuditLog)? = nil
    ) {
        self.clock = clock
        self.calendar = calendar
        let audit = audit ?? InMemoryAuditLog()
        self.audit = audit
        customerStore = InMemoryCustomerStore()
        activityStore = InMemoryActivityStore()
        gate = AccessGate(directory: customerStore, audit: audit, clock: clock, policy: policy)
        customers = gate.customers(customerStore)
        activity = gate.activity(activityStore)
        auditTrail = gate.auditTrail(audit)
        notifications = InMemoryNotificationSink(clock: clock)
    }

    /// A workbench over this bank's gated ports.
    public var workbench: CustomerWorkbench {
        CustomerWorkbench(store: customers, activity: activity, clock: clock, calendar: calendar)
    }
}
