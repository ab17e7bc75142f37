/// Every in-memory port wired together: the embedded default a host (or the demo) starts with.
///
/// ```swift
/// let bank = InMemoryBank(clock: .system, calendar: .china)
/// try await bank.customers.replace(organisation: organisation, as: .system("setup"))
/// let workbench = bank.workbench
/// ```
public struct InMemoryBank: Sendable {
    /// The audit trail.
    public let audit: any AuditLog
    /// Profiles, accounts, holdings, relationships, referrals, organisation.
    public let customers: InMemoryCustomerStore
    /// Transactions, interactions, balances.
    public let activity: InMemoryActivityStore
    /// Notifications recorded instead of sent.
    public let notifications: InMemoryNotificationSink
    /// The clock every port reads.
    public let clock: any WallClock
    /// The bank's calendar.
    public let calendar: BankCalendar

    /// Creates an empty bank.
    /// - Parameters:
    ///   - clock: the clock every port reads.
    ///   - calendar: the bank's calendar.
    ///   - policy: who may see and change which clients.
    ///   - audit: where the stores record every access; `nil` for a new ``InMemoryAuditLog``.
    public init(clock: any WallClock, calendar: BankCalendar, policy: AccessPolicy = .default, audit: (any AuditLog)? = nil) {
        self.clock = clock
        self.calendar = calendar
        let audit = audit ?? InMemoryAuditLog()
        self.audit = audit
        customers = InMemoryCustomerStore(audit: audit, clock: clock, policy: policy)
        activity = InMemoryActivityStore(directory: customers, audit: audit, clock: clock, policy: policy)
        notifications = InMemoryNotificationSink(clock: clock)
    }

    /// A workbench over this bank's ports.
    public var workbench: CustomerWorkbench {
        CustomerWorkbench(store: customers, activity: activity, clock: clock, calendar: calendar)
    }
}
