import CustomerModel

/// The engine's part that decides which rules an event runs: rules indexed by event kind, the
/// event index (only rules whose demands on a transaction's type, direction, channel and
/// merchant admit it), and per signature the candidates' conditions fused into one
/// short-circuiting plan bound for a day.
struct EventDispatch: Sendable {
    /// The cached rule subset and fused plan of one event signature.
    struct Entry: Sendable {
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

    struct PlanKey: Hashable, Sendable {
        var kind: RuleEventKind
        var signature: EventSignature
    }

    let rules: RuleSet
    /// Per event kind, its rules in rule order.
    let eventRules: [RuleEventKind: [Int]]
    /// Per event kind and the event's indexed values, its entry in ``entries``.
    var entryIndex: [PlanKey: Int] = [:]
    /// The rules the event index lets through for one signature, and their fused plan.
    var entries: [Entry] = []
    /// Evaluate every rule of the trigger on its own program, without the event index or the
    /// fused plan: the reference the fast path is tested against.
    var evaluatesEveryRule = false
    /// Per event kind, which indexed slots any of its rules constrains.
    var eventSlots: [RuleEventKind: [Bool]] = [:]

    init(rules: RuleSet) {
        self.rules = rules
        var eventRules: [RuleEventKind: [Int]] = [:]
        for (index, rule) in rules.rules.enumerated() {
            if case .event(let kind) = rule.trigger { eventRules[kind, default: []].append(index) }
        }
        self.eventRules = eventRules
    }

    /// The entry an event of `kind` runs (for a transaction, keyed by its indexed values), `-1`
    /// when every rule is to be evaluated on its own, or `nil` when no rule can fire.
    mutating func entry(
        _ kind: RuleEventKind,
        transaction: Transaction?,
        columns: TransactionFactColumns
    ) -> (entry: Int, all: [Int])? {
        guard let all = eventRules[kind], !all.isEmpty else { return nil }
        if evaluatesEveryRule { return (-1, all) }
        let signature = transaction.map { EventSignature($0, used: slots(of: kind, rules: all)) } ?? .none
        let entry = entry(PlanKey(kind: kind, signature: signature), of: all, columns: columns)
        return entries[entry].candidates.isEmpty ? nil : (entry, all)
    }

    /// The rules of `entry` whose conditions held in the last run of its plan on `machine`,
    /// in rule order.
    func held(_ entry: Int, machine: ScalarMachine) -> [Int] {
        var held: [Int] = []
        machine.bools.withUnsafeBufferPointer { bools in
            for group in entries[entry].groups where group.guard < 0 || bools[Int(group.guard)] {
                for (k, r) in group.members where r < 0 || bools[Int(r)] { held.append(Int(k)) }
            }
        }
        guard !held.isEmpty else { return held }
        held.sort()
        let candidates = entries[entry].candidates
        for i in held.indices { held[i] = candidates[held[i]] }
        return held
    }

    /// The fused, short-circuiting plan of entry `entry`'s rules, bound for `day`.
    ///
    /// Cached; on a
    /// new day the rules are bound again and fused again only when a bound constant changed.
    mutating func plan(_ entry: Int, day: Day, frame: FactFrame, calendar: BankCalendar) -> ScalarPlan {
        if entries[entry].day == day.number, let plan = entries[entry].plan { return plan }
        let evaluation = EvaluationDay(day, calendar: calendar)
        let programs = entries[entry].candidates.map { index in
            rules.rules[index].condition.map { ($0, $0.bound(to: frame, on: evaluation)) }
        }
        let bound = programs.map { $0?.1 ?? [] }
        entries[entry].day = day.number
        if let plan = entries[entry].plan, bound == entries[entry].bound { return plan }
        let merged = MergedProgram(programs, shortCircuit: true, known: entries[entry].known)
        let plan = ScalarPlan(merged.program, code: merged.program.code)
        entries[entry].plan = plan
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
        entries[entry].groups = groups
        entries[entry].bound = bound
        return plan
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
    mutating func entry(_ key: PlanKey, of all: [Int], columns: TransactionFactColumns) -> Int {
        if let known = entryIndex[key] { return known }
        let admitted = key.signature == .none ? all : all.filter { rules.rules[$0].discriminator.admits(key.signature) }
        var known: [Int: Int64] = [:]
        if key.signature != .none {
            for (slot, used) in slots(of: key.kind, rules: all).enumerated() where used {
                let raw = UInt8((key.signature.packed >> (8 * UInt32(slot))) & 0xFF)
                let (column, value) = columns.stored(slot: slot, raw: raw)
                if column >= 0 { known[column] = value }
            }
        }
        entries.append(Entry(candidates: admitted, known: known))
        entryIndex[key] = entries.count - 1
        return entries.count - 1
    }
}
