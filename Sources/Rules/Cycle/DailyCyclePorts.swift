public import CustomerModel
public import ValueModel

/// The ports a ``DailyCycle`` reads from and writes to (the stores behind the access gate, so the
/// cycle's reads and writes are checked and audited like any other), the clock and calendar it
/// runs by, and the principal it acts as.
///
/// The rules' actions go to an ``ActionHandler`` (a ``NotifyingActionHandler`` over a sink by
/// default; a ``ChainedActionHandler`` when Workflow adds its task handler), their recipients
/// resolved through the organisation and the host's staff groups.
///
/// ```swift
/// let ports = DailyCyclePorts(
///     customers: bank.customers, activity: bank.activity, scoreHistory: bank.gate.scoreHistory(history),
///     actions: NotifyingActionHandler(sink: bank.notifications), clock: bank.clock, calendar: bank.calendar)
/// ```
public struct DailyCyclePorts: Sendable {
    /// Profiles, holdings, relationships, referrals and the organisation, behind the gate.
    public var customers: GatedCustomerStore
    /// Transactions, interactions and balances, behind the gate.
    public var activity: GatedActivityStore
    /// Where the night's scores are recorded, behind the gate.
    public var scoreHistory: GatedScoreHistoryStore
    /// Who carries out the rules' actions (keyed on their firing ids, so a rerun does nothing twice).
    public var actions: any ActionHandler
    /// The members of the staff groups rules name (`group "wealth desk"`).
    public var staffGroups: any StaffGroupDirectory
    /// Which stages of which day finished.
    public var journal: any CycleJournal
    /// The only source of the time (journal entries, stage durations).
    public var clock: any WallClock
    /// The bank's calendar (days, business days, the time zone of schedules).
    public var calendar: BankCalendar
    /// Who the cycle acts as on every port (a system principal by default).
    public var principal: Principal

    /// Creates the ports.
    /// - Parameters:
    ///   - customers: the customer store.
    ///   - activity: the activity store.
    ///   - scoreHistory: the score history store.
    ///   - actions: the handler of the rules' actions.
    ///   - staffGroups: the staff groups rules may name (none unless given).
    ///   - journal: the cycle journal (an ``InMemoryCycleJournal`` unless given).
    ///   - clock: the clock.
    ///   - calendar: the bank calendar.
    ///   - principal: who the cycle acts as.
    public init(
        customers: GatedCustomerStore,
        activity: GatedActivityStore,
        scoreHistory: GatedScoreHistoryStore,
        actions: any ActionHandler,
        staffGroups: any StaffGroupDirectory = StaffGroups(),
        journal: any CycleJournal = InMemoryCycleJournal(),
        clock: any WallClock,
        calendar: BankCalendar,
        principal: Principal = DailyCyclePorts.defaultPrincipal
    ) {
        self.customers = customers
        self.activity = activity
        self.scoreHistory = scoreHistory
        self.actions = actions
        self.staffGroups = staffGroups
        self.journal = journal
        self.clock = clock
        self.calendar = calendar
        self.principal = principal
    }

    /// Creates the ports with the default handler: a ``NotifyingActionHandler`` that sends the
    /// rules' notifications through `notifications` and leaves other actions unhandled.
    /// - Parameters:
    ///   - customers: the customer store.
    ///   - activity: the activity store.
    ///   - scoreHistory: the score history store.
    ///   - notifications: where notifications are delivered.
    ///   - staffGroups: the staff groups rules may name (none unless given).
    ///   - journal: the cycle journal (an ``InMemoryCycleJournal`` unless given).
    ///   - clock: the clock.
    ///   - calendar: the bank calendar.
    ///   - principal: who the cycle acts as.
    public init(
        customers: GatedCustomerStore,
        activity: GatedActivityStore,
        scoreHistory: GatedScoreHistoryStore,
        notifications: any NotificationSink,
        staffGroups: any StaffGroupDirectory = StaffGroups(),
        journal: any CycleJournal = InMemoryCycleJournal(),
        clock: any WallClock,
        calendar: BankCalendar,
        principal: Principal = DailyCyclePorts.defaultPrincipal
    ) {
        self.init(
            customers: customers,
            activity: activity,
            scoreHistory: scoreHistory,
            actions: NotifyingActionHandler(sink: notifications),
            staffGroups: staffGroups,
            journal: journal,
            clock: clock,
            calendar: calendar,
            principal: principal
        )
    }

    /// The ports of an ``/CustomerModel/InMemoryBank`` (its gated stores, clock and calendar, and a
    /// ``NotifyingActionHandler`` over its notification sink) with `scoreHistory` behind the
    /// bank's gate, and `journal`.
    public init(
        bank: InMemoryBank,
        scoreHistory: any ScoreHistoryStore,
        journal: any CycleJournal = InMemoryCycleJournal(),
        principal: Principal = DailyCyclePorts.defaultPrincipal
    ) {
        self.init(
            customers: bank.customers,
            activity: bank.activity,
            scoreHistory: bank.gate.scoreHistory(scoreHistory),
            notifications: bank.notifications,
            journal: journal,
            clock: bank.clock,
            calendar: bank.calendar,
            principal: principal
        )
    }

    /// `system` principal `daily-cycle`.
    public static let defaultPrincipal = Principal.system("daily-cycle", purpose: "the bank's daily cycle")
}
