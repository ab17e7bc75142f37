public import CustomerModel

/// Runs a ``RuleSet`` against a book of clients: rules indexed by trigger, windowed aggregates
/// kept up to date as events arrive (no rescan of history per event), schedules and date
/// triggers run from the bank calendar when the host calls ``tick(until:)``, and firings handed
/// back as values with their deterministic ids, actions and reasons.
///
/// The engine performs no
/// I/O, reads no clock and starts no task.
///
/// **Order.** ``tick(until:)`` runs everything due after the previous tick up to and including
/// `until`, in time order; items due at the same minute run in rule order (priority, then file
/// order). ``record(_:)`` evaluates the event's rules at once; call ``tick(until:)`` up to the
/// event's time first if schedules must run before it. Daily and monthly rules evaluate every
/// client on the batch path; streak rules check each client at 00:00.
///
/// **Cooldown and de-duplication** are per rule and client: a rule does not fire again for a
/// client until its cooldown has passed since the last firing; with `dedupe by`, a firing whose
/// key values equal an earlier firing's is dropped while the cooldown lasts (for ever when the rule
/// has no cooldown). A streak fires once per streak.
///
/// **Firing ids.** Every ``RuleFiring`` carries a ``FiringID`` computed from the rule's name and
/// version, the client and the occasion (the trigger day, or the event's id), the same in every
/// run: a host keys what a firing causes on it, so replaying a day sends nothing twice.
///
/// **Restarts.** ``checkpoint()`` captures the engine's own state (activity, windows, cooldowns,
/// de-duplication, streaks, the cursor) as a `Codable` ``RuleEngineCheckpoint``;
/// ``restore(_:)`` puts it into a fresh engine made over the clients' current records. The
/// restored engine fires what the uninterrupted one would have fired, and a schedule that fell
/// due while the host was down runs on the next ``tick(until:)``, once.
///
/// **Parts.** The engine composes four parts with one job each: the client facts (records,
/// activity, windows, the fact frame), the event dispatch (which rules an event runs, fused into
/// one plan), the scheduler (what is due when, the cursor) and the firing gate (effective days,
/// cooldown, de-duplication, streaks); a runner evaluates single rules and builds firings.
///
/// ```swift
/// var engine = try RuleEngine(rules: try ExampleRules.compiled(), clients: records, calendar: .china,
///                             start: clock.now)
/// let now = try engine.record(.transaction(incoming))     // large-inflow task, with its reason
/// let due = engine.tick(until: clock.now)                  // daily, maturity, birthday, dormancy rules
/// let saved = try JSONEncoder().encode(engine.checkpoint())
/// ```
public struct RuleEngine: Sendable {
    /// The rules.
    public let rules: RuleSet
    /// The bank calendar (time zone, business days).
    public let calendar: BankCalendar

    var facts: ClientFacts
    var dispatch: EventDispatch
    var scheduler: Scheduler
    var gate: FiringGate
    var runner: RuleRunner

    /// Creates an engine for `clients`; nothing before `start` is due.
    /// - Throws: ``RuleEngineError`` for two records of one client or a value fact that does not
    ///   fit the catalogue.
    public init(rules: RuleSet, clients: [ClientRecord], calendar: BankCalendar, start: Instant) throws(RuleEngineError)
    {
        self.rules = rules
        self.calendar = calendar
        scheduler = Scheduler(rules: rules, calendar: calendar, start: start)
        facts = try ClientFacts(rules: rules, clients: clients, calendar: calendar, origin: scheduler.origin)
        dispatch = EventDispatch(rules: rules)
        gate = FiringGate(rules: rules, clients: clients.count, calendar: calendar)
        runner = RuleRunner(rules: rules, calendar: calendar)
    }

    /// Everything due up to this instant has run.
    public var cursor: Instant { scheduler.cursor }

    /// The number of clients.
    public var clientCount: Int { facts.records.count }

    /// The client's record as the engine holds it (with the events recorded since it was given).
    public func record(of client: CustomerID) -> ClientRecord? { facts.rowOf[client].map { facts.records[$0] } }

    /// Who covers the client (RM, branch, service team), from its record; `nil` for a client the
    /// engine does not know.
    ///
    /// A ``RecipientResolver`` turns the roles of actions into staff with it.
    public func coverage(of client: CustomerID) -> Coverage? {
        facts.rowOf[client].map { facts.records[$0].profile.coverage }
    }

    /// Evaluate every rule of an event on its own program: the reference the fast path is tested against.
    var evaluatesEveryRule: Bool {
        get { dispatch.evaluatesEveryRule }
        set { dispatch.evaluatesEveryRule = newValue }
    }

    // MARK: Events

    /// Takes in past events without running rules (history before the engine starts), keeping the
    /// windows and last-activity days up to date.
    ///
    /// Events should come in time order.
    /// - Throws: ``RuleEngineError`` for an unknown client or a value that does not fit.
    public mutating func absorb(_ events: [RuleEvent]) throws(RuleEngineError) {
        for event in events { _ = try facts.apply(event) }
    }

    /// Takes in an event and evaluates the rules it triggers, returning the firings.
    /// - Throws: ``RuleEngineError`` for an unknown client or a value that does not fit.
    public mutating func record(_ event: RuleEvent) throws(RuleEngineError) -> [RuleFiring] {
        switch event {
        case .transaction(let t): return try record(t, booked: true)
        case .failedTransaction(let t): return try record(t, booked: false)
        default: break
        }
        guard let applied = try facts.apply(event) else { return [] }
        var firings: [RuleFiring] = []
        let (row, day) = (applied.row, applied.day)
        for trigger in applied.triggers {
            guard let (entry, all) = dispatch.entry(trigger.kind, transaction: nil, columns: facts.transactionColumns)
            else { continue }
            facts.refresh(row, day: day)
            facts.store(trigger.facts, row: row)
            evaluate(entry, all: all, row: row, day: day, into: &firings) {
                (applied.at, trigger.cause, trigger.occasion)
            }
        }
        return firings
    }

    /// The transaction path: the window update, the event index, the trigger facts written as
    /// integers, one run of the signature's fused plan; the firing's time, cause and occasion are
    /// only built when a rule fires.
    private mutating func record(_ t: Transaction, booked: Bool) throws(RuleEngineError) -> [RuleFiring] {
        let row = try facts.row(of: t.customer)
        if booked { facts.addTransaction(t, row: row) }
        let kind: RuleEventKind = booked ? .transaction : .failedTransaction
        // The event index: only rules whose demands on the event's type, direction, channel
        // and merchant admit this event run (the others' conditions would be false).
        guard let (entry, all) = dispatch.entry(kind, transaction: t, columns: facts.transactionColumns) else {
            return []
        }
        facts.refresh(row, day: t.day)
        facts.transactionColumns.write(t, row: row, into: &facts.frame)
        var firings: [RuleFiring] = []
        let calendar = calendar
        evaluate(entry, all: all, row: row, day: t.day, into: &firings) {
            (
                calendar.start(of: t.day, plusMinutes: Int(t.secondOfDay / 60)),
                booked ? "on transaction \(t.id)" : "on failed transaction \(t.id)",
                ClientFacts.occasion(t, booked: booked)
            )
        }
        return firings
    }

    /// Evaluates the rules of event entry `entry` (or, when it is `-1`, each rule of `all` on its
    /// own) for `row`, whose facts are set, and fires those that hold, in rule order.
    ///
    /// `when`
    /// gives the firings' time, cause and occasion; it runs at most once, when a rule fires.
    private mutating func evaluate(
        _ entry: Int,
        all: [Int],
        row: Int,
        day: Day,
        into firings: inout [RuleFiring],
        when: () -> (Instant, String, FiringOccasion)
    ) {
        var made: (Instant, String, FiringOccasion)?
        func fireHeld(_ index: Int) {
            if made == nil { made = when() }
            if let (at, cause, occasion) = made,
                let firing = fire(index, row: row, at: at, day: day, cause: cause, occasion: occasion)
            {
                firings.append(firing)
            }
        }
        if entry < 0 {
            for index in all
            where gate.isEffective(index, on: day) && runner.holds(index, row: row, day: day, frame: facts.frame) {
                fireHeld(index)
            }
            return
        }
        // One run of the fused program answers every rule of the trigger.
        let plan = dispatch.plan(entry, day: day, frame: facts.frame, calendar: calendar)
        runner.machine.run(plan, frame: facts.frame, row: row, calendar: calendar)
        for index in dispatch.held(entry, machine: runner.machine) where gate.isEffective(index, on: day) {
            fireHeld(index)
        }
    }

    /// A firing of rule `index` for `row`, unless the gate (cooldown, de-duplication) holds it back.
    mutating func fire(
        _ index: Int,
        row: Int,
        at: Instant,
        day: Day,
        cause: String,
        occasion: FiringOccasion
    ) -> RuleFiring? {
        if gate.isCoolingDown(index, row: row, on: day) { return nil }
        if gate.dedupes[index] {
            let digest = runner.dedupeDigest(index, row: row, day: day, frame: facts.frame)
            guard gate.admit(index, digest: digest, on: day) else { return nil }
        }
        gate.fired(index, row: row, on: day)
        return runner.firing(
            index,
            row: row,
            client: facts.records[row].profile.id,
            at: at,
            day: day,
            cause: cause,
            occasion: occasion,
            frame: facts.frame
        )
    }
}
