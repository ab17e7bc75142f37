public import CustomerModel

/// Runs a ``RuleSet`` against a book of clients: rules indexed by trigger, windowed aggregates
/// kept up to date as events arrive (no rescan of history per event), schedules and date
/// triggers run from the bank calendar when the host calls ``tick(until:)``, and firings handed
/// back as values with their actions and reasons. The engine performs no I/O, reads no clock
/// and starts no task.
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
/// ```swift
/// var engine = try RuleEngine(rules: try ExampleRules.compiled(), clients: records, calendar: .china,
///                             start: clock.now)
/// let now = try engine.record(.transaction(incoming))     // large-inflow task, with its reason
/// let due = engine.tick(until: clock.now)                  // daily, maturity, birthday, dormancy rules
/// ```
public struct RuleEngine: Sendable {
    /// The rules.
    public let rules: RuleSet
    /// The bank calendar (time zone, business days).
    public let calendar: BankCalendar
    /// Everything due up to this instant has run.
    public internal(set) var cursor: Instant
    /// The day the engine started: streaks of clients with no activity and no onboarding day count from it.
    let origin: Day

    var records: [ClientRecord]
    var rowOf: [CustomerID: Int]
    var frame: FactFrame
    var activity: [ClientActivity]
    /// Aggregate `a` of client `c` at `c * aggregates.count + a`: one client's windows side by side,
    /// so an event touches one or two cache lines of them.
    var windows: [WindowState]
    let aggregates: [AggregateFact]
    let aggregateKeys: [FactKey]
    /// The day each row's client facts were last computed (`Int32.min`: stale).
    var rowDay: [Int32]
    /// Whether each row's facts that depend on the record alone (see ``clientFacts``)
    /// are current; a change to the record clears it.
    var rowRecordCurrent: [Bool]
    /// Per row, the days on which its facts from the holdings keep the values last computed
    /// (see ``holdingsStable(_:on:)``); empty until computed.
    var holdingsStable: [(from: Int32, until: Int32)]
    var machine = ScalarMachine()
    /// Per rule, its condition bound for the day it was last evaluated on.
    var boundConditions: [(day: Int32, plan: ScalarPlan)?]
    /// Per event kind and the event's indexed values, its entry in ``eventEntries``.
    var eventEntryIndex: [EventPlanKey: Int] = [:]
    /// The rules the event index lets through for one signature, and their conditions fused into
    /// one short-circuiting plan bound for a day.
    var eventEntries: [EventEntry] = []
    /// Evaluate every rule of the trigger on its own program, without the event index or the
    /// fused plan: the reference the fast path is tested against.
    var evaluatesEveryRule = false
    /// Per event kind, which indexed slots any of its rules constrains.
    var eventSlots: [RuleEventKind: [Bool]] = [:]
    /// Per rule, its effective days, kept apart so the hot path copies no rule.
    let effective: [(from: Int32, until: Int32)]
    /// The day each rule last fired for each client, keyed by `rule * clients + row`.
    var lastFired = IntegerTable()
    /// Per rule, its explanation's texts cut from the source (see ``explainTexts(_:)``).
    var explainTextCache: [[String]?]
    var dedupeSeen: [DedupeKey: Int32] = [:]
    var streakFired: [RuleClient: Int32] = [:]
    var dates: DateIndex
    var datesAreStale = false
    /// The layout's facts with their columns, looked up once.
    let columns: [(key: FactKey, column: FactLayout.Column)]
    /// Columns of attribute facts by name (trigger facts are written through it).
    let attributeColumns: [String: FactLayout.Column]
    /// The transaction trigger facts' columns, resolved once.
    let transactionColumns: TransactionFactColumns
    /// The client facts a refresh computes, classified once, and whether each depends on the day.
    let clientFacts: [(fact: ClientFact, column: FactLayout.Column, dependsOnDay: Bool)]
    /// Days-since facts: activity slot and column.
    let daysSinceColumns: [(slot: Int, column: FactLayout.Column)]
    /// Per aggregate, its type.
    let aggregateTypes: [FactType]
    /// The aggregates over transactions.
    let transactionAggregates: [Int]
    /// Per aggregate, its column.
    let aggregateColumns: [FactLayout.Column]
    let eventRules: [RuleEventKind: [Int]]
    let scheduleRules: [Int]
    let relativeRules: [Int]
    let streakRules: [Int]

    /// How a refresh computes one client fact.
    enum ClientFact: Sendable {
        /// A standard attribute computed from the record.
        case standard(String)
        /// A standard attribute computed from the holdings alone (`aum`, `liabilities` ...): it
        /// changes with the day only when a holding opens or matures.
        case holdings(String)
        /// A value a ``FactSource`` supplies, kept in the frame by ``update(facts:at:)``.
        case host(String)
        /// A windowed attribute, and its host-supplied key.
        case windowed(String, DurationLiteral, String)
        /// Days until the next date of an anchor.
        case daysUntil(DateAnchor, household: Bool)
    }

    /// The cached rule subset and fused plan of one event signature.
    struct EventEntry: Sendable {
        var candidates: [Int]
        /// Int columns whose value every event of the signature shares, and that value.
        var known: [Int: Int64]
        var day = Int32.min
        var plan: ScalarPlan?
        /// The candidates by short-circuit group: the group's guard register (`-1`: none) and
        /// its members' candidate positions and result registers (`-1`: no condition).
        var groups: [(guard: Int32, members: [(k: Int32, result: Int32)])] = []
        /// The candidates' bound code the plan was fused from (a new day with the same code keeps the plan).
        var bound: [[Instruction]] = []
    }

    struct EventPlanKey: Hashable, Sendable {
        var kind: RuleEventKind
        var signature: EventSignature
    }

    struct RuleClient: Hashable, Sendable {
        var rule: Int
        var row: Int
    }

    struct DedupeKey: Hashable, Sendable {
        var rule: Int
        var values: [FactValue]
    }

    /// Creates an engine for `clients`; nothing before `start` is due.
    /// - Throws: ``RuleEngineError`` for two records of one client.
    public init(rules: RuleSet, clients: [ClientRecord], calendar: BankCalendar, start: Instant) throws(RuleEngineError) {
        self.rules = rules
        self.calendar = calendar
        cursor = start
        origin = calendar.day(of: start)
        records = clients
        var rowOf: [CustomerID: Int] = [:]
        for (row, record) in clients.enumerated() {
            guard rowOf.updateValue(row, forKey: record.profile.id) == nil else {
                throw RuleEngineError(.duplicateClient, client: record.profile.id, "the client is listed twice")
            }
        }
        self.rowOf = rowOf
        var frame = rules.makeFrame(rows: clients.count)
        frame.prepare(for: rules.rules.flatMap(\.programs))
        for (row, record) in clients.enumerated() { frame.clients[row] = record.profile.id }
        self.frame = frame
        activity = [ClientActivity](repeating: ClientActivity(), count: clients.count)
        var aggregates: [AggregateFact] = []
        var aggregateKeys: [FactKey] = []
        for key in rules.layout.keys {
            if case .aggregate(let fact) = key {
                aggregates.append(fact)
                aggregateKeys.append(key)
            }
        }
        self.aggregates = aggregates
        self.aggregateKeys = aggregateKeys
        columns = rules.layout.keys.compactMap { key in rules.layout.column(of: key).map { (key, $0) } }
        var attributeColumns: [String: FactLayout.Column] = [:]
        for (key, column) in columns { if case .attribute(let name) = key { attributeColumns[name] = column } }
        self.attributeColumns = attributeColumns
        transactionColumns = TransactionFactColumns(columns: attributeColumns, reportingCurrency: rules.catalogue.reportingCurrency)
        let probe = ClientRecord(profile: CustomerProfile(id: "", kind: .individual, name: "", coverage: Coverage(relationshipManager: nil, branch: "")))
        var clientFacts: [(fact: ClientFact, column: FactLayout.Column, dependsOnDay: Bool)] = []
        var daysSinceColumns: [(slot: Int, column: FactLayout.Column)] = []
        for (key, column) in columns {
            switch key {
            case .attribute(let name):
                guard rules.catalogue[name]?.scope == nil else { continue }
                // A standard attribute has a value (perhaps missing) for every record; others are the host's.
                let standard = StandardFacts.attribute(name, of: probe, on: origin, currency: rules.catalogue.reportingCurrency) != nil
                // Host values and the profile's enumerations and texts (kind, risk appetite, name,
                // branch ...) depend on the record alone; amounts, ages, tags and counts of
                // holdings also on the day.
                let recordOnly: Bool
                switch column.type {
                case .enumeration, .text: recordOnly = true
                default: recordOnly = !standard
                }
                let fact: ClientFact = !standard ? .host(name) : StandardFacts.holdingsOnly.contains(name) ? .holdings(name) : .standard(name)
                clientFacts.append((fact, column, !recordOnly))
            case .windowed(let name, let window):
                clientFacts.append((.windowed(name, window, key.description), column, true))
            case .daysUntil(let anchor, let household):
                clientFacts.append((.daysUntil(anchor, household: household), column, true))
            case .daysSince(let kind):
                if column.type == .duration { daysSinceColumns.append((ClientActivity.slot(kind), column)) }
            case .aggregate:
                continue
            }
        }
        self.clientFacts = clientFacts
        self.daysSinceColumns = daysSinceColumns
        aggregateColumns = aggregateKeys.compactMap { rules.layout.column(of: $0) }
        aggregateTypes = aggregateKeys.map { rules.layout.type(of: $0) ?? .count }
        transactionAggregates = aggregates.indices.filter { aggregates[$0].source == .transactions }
        windows = [WindowState](repeating: WindowState(), count: aggregates.count * clients.count)
        rowDay = [Int32](repeating: Int32.min, count: clients.count)
        rowRecordCurrent = [Bool](repeating: false, count: clients.count)
        holdingsStable = [(from: Int32, until: Int32)](repeating: (Int32.max, Int32.min), count: clients.count)
        boundConditions = [(day: Int32, plan: ScalarPlan)?](repeating: nil, count: rules.rules.count)
        explainTextCache = [[String]?](repeating: nil, count: rules.rules.count)
        effective = rules.rules.map { ($0.effectiveFrom?.number ?? Int32.min, $0.effectiveUntil?.number ?? Int32.max) }
        var eventRules: [RuleEventKind: [Int]] = [:]
        var scheduleRules: [Int] = []
        var relativeRules: [Int] = []
        var streakRules: [Int] = []
        for (index, rule) in rules.rules.enumerated() {
            switch rule.trigger {
            case .event(let kind): eventRules[kind, default: []].append(index)
            case .schedule: scheduleRules.append(index)
            case .dateRelative: relativeRules.append(index)
            case .streak: streakRules.append(index)
            }
        }
        self.eventRules = eventRules
        self.scheduleRules = scheduleRules
        self.relativeRules = relativeRules
        self.streakRules = streakRules
        dates = DateIndex(records: clients)
    }

    /// The number of clients.
    public var clientCount: Int { records.count }

    /// The client's record as the engine holds it.
    public func record(of client: CustomerID) -> ClientRecord? { rowOf[client].map { records[$0] } }

    // MARK: Events

    /// Takes in past events without running rules (history before the engine starts), keeping the
    /// windows and last-activity days up to date. Events should come in time order.
    /// - Throws: ``RuleEngineError`` for an unknown client or a value that does not fit.
    public mutating func absorb(_ events: [RuleEvent]) throws(RuleEngineError) {
        for event in events { _ = try apply(event) }
    }

    /// Takes in an event and evaluates the rules it triggers, returning the firings.
    /// - Throws: ``RuleEngineError`` for an unknown client or a value that does not fit.
    public mutating func record(_ event: RuleEvent) throws(RuleEngineError) -> [RuleFiring] {
        switch event {
        case .transaction(let t): return try record(t, booked: true)
        case .failedTransaction(let t): return try record(t, booked: false)
        default: break
        }
        guard let (row, day, at, triggers) = try apply(event) else { return [] }
        var firings: [RuleFiring] = []
        for (kind, facts, cause) in triggers {
            guard let all = eventRules[kind], !all.isEmpty else { continue }
            let entry = evaluatesEveryRule ? -1 : eventEntry(EventPlanKey(kind: kind, signature: .none), of: all)
            guard entry < 0 || !eventEntries[entry].candidates.isEmpty else { continue }
            refresh(row, day: day)
            for (name, value) in facts {
                if let column = attributeColumns[name] { _ = frame.store(value, in: column, row: row) }
            }
            evaluate(entry, all: all, row: row, day: day, at: { at }, cause: { cause }, into: &firings)
        }
        return firings
    }

    /// The transaction path: the window update, the event index, the trigger facts written as
    /// integers, one run of the signature's fused plan; the firing's time and cause are only
    /// built when a rule fires.
    private mutating func record(_ t: Transaction, booked: Bool) throws(RuleEngineError) -> [RuleFiring] {
        guard let row = rowOf[t.customer] else {
            throw RuleEngineError(.unknownClient, client: t.customer, "no record for this client was given to the engine")
        }
        if booked { addTransaction(t, row: row) }
        let kind: RuleEventKind = booked ? .transaction : .failedTransaction
        guard let all = eventRules[kind], !all.isEmpty else { return [] }
        // The event index: only rules whose demands on the event's type, direction, channel
        // and merchant admit this event run (the others' conditions would be false).
        let entry = evaluatesEveryRule ? -1 : eventEntry(EventPlanKey(kind: kind, signature: signature(of: t, kind: kind, rules: all)), of: all)
        guard entry < 0 || !eventEntries[entry].candidates.isEmpty else { return [] }
        refresh(row, day: t.day)
        transactionColumns.write(t, row: row, into: &frame)
        var firings: [RuleFiring] = []
        let calendar = calendar
        evaluate(
            entry, all: all, row: row, day: t.day, at: { calendar.start(of: t.day, plusMinutes: Int(t.secondOfDay / 60)) },
            cause: { booked ? "on transaction \(t.id)" : "on failed transaction \(t.id)" }, into: &firings)
        return firings
    }

    /// Evaluates the rules of event entry `entry` (or, with ``evaluatesEveryRule``, each rule of
    /// `all` on its own) for `row`, whose facts are set, and fires those that hold, in rule order.
    private mutating func evaluate(
        _ entry: Int, all: [Int], row: Int, day: Day, at: () -> Instant, cause: () -> String, into firings: inout [RuleFiring]
    ) {
        var when: (Instant, String)?
        if entry < 0 {
            for index in all where holds(index, row: row, day: day) {
                if when == nil { when = (at(), cause()) }
                if let (at, cause) = when, let firing = fire(index, row: row, at: at, day: day, cause: cause) { firings.append(firing) }
            }
            return
        }
        // One run of the fused program answers every rule of the trigger.
        let plan = eventPlan(entry, day: day)
        machine.run(plan, frame: frame, row: row, calendar: calendar)
        let candidates = eventEntries[entry].candidates
        var held: [Int] = []
        machine.bools.withUnsafeBufferPointer { bools in
            for group in eventEntries[entry].groups where group.guard < 0 || bools[Int(group.guard)] {
                for (k, r) in group.members where r < 0 || bools[Int(r)] { held.append(Int(k)) }
            }
        }
        guard !held.isEmpty else { return }
        held.sort()
        for k in held {
            let index = candidates[k]
            let (from, until) = effective[index]
            guard day.number >= from, day.number <= until else { continue }
            if when == nil { when = (at(), cause()) }
            if let (at, cause) = when, let firing = fire(index, row: row, at: at, day: day, cause: cause) { firings.append(firing) }
        }
    }

    /// Applies an event to the state; returns the row, day, time and the triggers to evaluate.
    private mutating func apply(_ event: RuleEvent) throws(RuleEngineError)
        -> (Int, Day, Instant, [(RuleEventKind, [(String, FactValue)], String)])?
    {
        let client = event.customer
        guard let row = rowOf[client] else {
            throw RuleEngineError(.unknownClient, client: client, "no record for this client was given to the engine")
        }
        let currency = rules.catalogue.reportingCurrency
        switch event {
        case .transaction(let t), .failedTransaction(let t):
            let at = calendar.start(of: t.day, plusMinutes: Int(t.secondOfDay / 60))
            let facts: [(String, FactValue)] = [
                ("transaction.amount", t.amount.currency == currency ? .money(t.amount) : .missing),
                ("transaction.type", .value(EnumerationType.transactionType, at: t.type.rawValue)),
                ("transaction.direction", .value(EnumerationType.direction, at: t.direction.rawValue)),
                ("transaction.channel", .value(EnumerationType.channel, at: t.channel.rawValue)),
                ("transaction.merchant", t.merchantCategory.map { .value(EnumerationType.merchantCategory, at: $0.rawValue) } ?? .missing),
                ("transaction.overseas", .bool(t.isOverseas)),
                ("transaction.date", .day(t.day)),
            ].filter { attributeColumns[$0.0] != nil }
            if case .transaction = event {
                addTransaction(t, row: row)
                return (row, t.day, at, [(.transaction, facts, "on transaction \(t.id)")])
            }
            return (row, t.day, at, [(.failedTransaction, facts, "on failed transaction \(t.id)")])
        case .interaction(let i):
            addInteraction(i, row: row)
            var triggers: [(RuleEventKind, [(String, FactValue)], String)] = [
                (
                    .interaction,
                    [
                        ("interaction.kind", .enumeration(EnumerationType.snake(i.kind.rawValue))),
                        ("interaction.channel", .enumeration(EnumerationType.snake(i.channel.rawValue))),
                        ("interaction.date", .day(i.day)),
                    ].filter { attributeColumns[$0.0] != nil }, "on interaction \(i.id)")
            ]
            if case .complaint(let category, let severity, _) = i.detail {
                triggers.append(
                    (
                        .complaint,
                        [
                            ("complaint.severity", .count(Int64(severity))), ("complaint.category", .text(category)),
                            ("complaint.channel", .enumeration(EnumerationType.snake(i.channel.rawValue))),
                            ("complaint.date", .day(i.day)),
                        ].filter { attributeColumns[$0.0] != nil }, "on complaint \(i.id)"))
            }
            return (row, i.day, i.at, triggers)
        case .profileChanged(let profile, let fields, let at):
            records[row].profile = profile
            stale(row, dates: true)
            let facts: [(String, FactValue)] = [("profile.changed", .tags(fields.sorted()))].filter { attributeColumns[$0.0] != nil }
            return (row, calendar.day(of: at), at, [(.profileChange, facts, "on profile change")])
        case .tierChanged(_, let tier, let at):
            return try applyTierChange(row: row, to: tier, at: at)
        case .scoreChanged(_, let score, let at):
            return try applyScoreChange(row: row, to: score, at: at)
        case .balance(let snapshot):
            records[row].balances.append(snapshot)
            stale(row, dates: false)
            return nil
        case .holding(let holding):
            if let index = records[row].holdings.firstIndex(where: { $0.id == holding.id }) {
                records[row].holdings[index] = holding
            } else {
                records[row].holdings.append(holding)
            }
            stale(row, dates: true)
            return nil
        }
    }

    mutating func stale(_ row: Int, dates: Bool) {
        rowDay[row] = Int32.min
        rowRecordCurrent[row] = false
        if dates { datesAreStale = true }
    }

    /// The fused, short-circuiting plan of entry `entry`'s rules, bound for `day`. Cached; on a
    /// new day the rules are bound again and fused again only when a bound constant changed.
    mutating func eventPlan(_ entry: Int, day: Day) -> ScalarPlan {
        if eventEntries[entry].day == day.number, let plan = eventEntries[entry].plan { return plan }
        let evaluation = EvaluationDay(day, calendar: calendar)
        let programs = eventEntries[entry].candidates.map { index in
            rules.rules[index].condition.map { ($0, $0.bound(to: frame, on: evaluation)) }
        }
        let bound = programs.map { $0?.1 ?? [] }
        eventEntries[entry].day = day.number
        if let plan = eventEntries[entry].plan, bound == eventEntries[entry].bound { return plan }
        let merged = MergedProgram(programs, shortCircuit: true, known: eventEntries[entry].known)
        let plan = ScalarPlan(merged.program, code: merged.program.code)
        eventEntries[entry].plan = plan
        var groups: [(guard: Int32, members: [(k: Int32, result: Int32)])] = []
        var groupOf: [Int32: Int] = [:]
        for k in merged.results.indices {
            let g = merged.guards[k] ?? -1
            let position: Int
            if let known = groupOf[g] {
                position = known
            } else {
                position = groups.count
                groupOf[g] = position
                groups.append((g, []))
            }
            groups[position].members.append((Int32(k), merged.results[k] ?? -1))
        }
        eventEntries[entry].groups = groups
        eventEntries[entry].bound = bound
        return plan
    }

    /// The transaction's indexed values, keeping only the slots some rule of `kind` constrains.
    mutating func signature(of t: Transaction, kind: RuleEventKind, rules indices: [Int]) -> EventSignature {
        EventSignature(t, used: slots(of: kind, rules: indices))
    }

    /// Which indexed slots any rule of `kind` constrains.
    mutating func slots(of kind: RuleEventKind, rules indices: [Int]) -> [Bool] {
        if let known = eventSlots[kind] { return known }
        let used = EventDiscriminator.fields.indices.map { slot in
            indices.contains { rules.rules[$0].discriminator.constrains(slot) }
        }
        eventSlots[kind] = used
        return used
    }

    /// The entry of `key`: the rules of `all` that admit its events, in rule order, and the
    /// values its events' indexed facts all have.
    mutating func eventEntry(_ key: EventPlanKey, of all: [Int]) -> Int {
        if let known = eventEntryIndex[key] { return known }
        let admitted = key.signature == .none ? all : all.filter { rules.rules[$0].discriminator.admits(key.signature) }
        var known: [Int: Int64] = [:]
        if key.signature != .none {
            for (slot, used) in slots(of: key.kind, rules: all).enumerated() where used {
                let raw = UInt8((key.signature.packed >> (8 * UInt32(slot))) & 0xFF)
                let (column, value) = transactionColumns.stored(slot: slot, raw: raw)
                if column >= 0 { known[column] = value }
            }
        }
        eventEntries.append(EventEntry(candidates: admitted, known: known))
        eventEntryIndex[key] = eventEntries.count - 1
        return eventEntries.count - 1
    }

    /// Rule `index`'s condition bound for `day` (cached per rule for the last day), or `nil` when
    /// the rule has no condition.
    mutating func conditionPlan(_ index: Int, day: Day) -> ScalarPlan? {
        if let cached = boundConditions[index], cached.day == day.number { return cached.plan }
        guard let program = rules.rules[index].condition else { return nil }
        let plan = ScalarPlan(program, code: program.bound(to: frame, on: EvaluationDay(day, calendar: calendar)))
        boundConditions[index] = (day.number, plan)
        return plan
    }

    /// Whether rule `index` holds for `row` on `day` (client facts and trigger facts already set).
    mutating func holds(_ index: Int, row: Int, day: Day) -> Bool {
        let (from, until) = effective[index]
        guard day.number >= from, day.number <= until else { return false }
        guard let plan = conditionPlan(index, day: day) else { return true }
        guard case .bool(let result) = plan.result else { return true }
        machine.run(plan, frame: frame, row: row, calendar: calendar)
        return machine.bools[Int(result)]
    }
}

extension FactValue {
    /// The value of `type` at `position` (enumeration positions equal the raw values of the
    /// CustomerModel enumerations they mirror, which are declared in the same order).
    static func value(_ type: EnumerationType, at position: UInt8) -> FactValue {
        Int(position) < type.values.count ? .enumeration(type.values[Int(position)]) : .missing
    }

    /// Whether `value` can be stored as a fact of `type`.
    static func fits(_ value: FactValue, _ type: FactType) -> Bool {
        switch (type, value) {
        case (_, .missing), (.number, .number), (.number, .count), (.percent, .percent), (.count, .count), (.duration, .duration),
            (.day, .day), (.text, .text), (.bool, .bool), (.tagset, .tags):
            return true
        case (.money(let c), .money(let m)): return m.currency == c
        case (.enumeration(let e), .enumeration(let name)): return e.ordinal(of: name) != nil
        default: return false
        }
    }
}
