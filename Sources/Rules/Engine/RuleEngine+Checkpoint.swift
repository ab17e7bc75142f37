public import CustomerModel

extension RuleEngine {
    /// Creates an engine over `clients` (their current records), with the facts of `facts` in
    /// place (the latest the host has, firing nothing), in the state `checkpoint` holds.
    /// - Throws: ``RuleEngineError`` as ``init(rules:clients:facts:calendar:start:)`` and ``restore(_:)`` do.
    public init(
        rules: RuleSet,
        clients: [ClientRecord],
        facts: [any FactSource] = [],
        calendar: BankCalendar,
        restoring checkpoint: RuleEngineCheckpoint
    ) throws(RuleEngineError) {
        try self.init(rules: rules, clients: clients, facts: facts, calendar: calendar, start: checkpoint.cursor)
        try restore(checkpoint)
    }

    /// The engine's own state now: activity and windows, cooldown, de-duplication and streak
    /// bookkeeping, and the cursor.
    ///
    /// See ``RuleEngineCheckpoint`` for what it holds and what not.
    public func checkpoint() -> RuleEngineCheckpoint {
        var activity = ActivityColumns()
        activity.reserve(
            clients: facts.records.count,
            transactions: facts.activity.reduce(0) { $0 + $1.transactions.count },
            interactions: facts.activity.reduce(0) { $0 + $1.interactions.count }
        )
        var windows = WindowColumns()
        windows.reserve(facts.windows.count)
        for row in facts.records.indices {
            activity.append(facts.activity[row])
            for a in facts.aggregates.indices { windows.append(facts.windows[row * facts.aggregates.count + a]) }
        }
        let clients = gate.clients
        func perClient(_ table: IntegerTable) -> [[Int64]] {
            guard clients > 0 else { return [] }
            return table.entries.map { [$0.key / Int64(clients), $0.key % Int64(clients), Int64($0.value)] }
        }
        var dedupe: [[Int64]] = []
        for (rule, table) in gate.dedupeSeen.enumerated() {
            guard let table else { continue }
            dedupe += table.entries.map { [Int64(rule), $0.key, Int64($0.value)] }
        }
        return RuleEngineCheckpoint(
            cursor: scheduler.cursor,
            origin: scheduler.origin,
            clients: facts.records.map(\.profile.id),
            activity: activity,
            aggregates: facts.aggregateKeys.map(\.description),
            windows: windows,
            rules: rules.rules.map(\.name),
            fired: perClient(gate.lastFired),
            streaks: perClient(gate.streakFired),
            dedupe: dedupe
        )
    }

    /// Puts the state of `checkpoint` into the engine, replacing its own: the cursor, each known
    /// client's activity and windows, and the gate's bookkeeping of each known rule.
    ///
    /// The records
    /// and the facts from ``FactSource``s stay the engine's (the host's current ones). Windows of aggregates the checkpoint did not
    /// have are recounted from the restored activity on first use.
    /// - Returns: the clients and rules of the checkpoint the engine does not have.
    /// - Throws: ``RuleEngineError`` with code `invalidCheckpoint` for another format or columns
    ///   of inconsistent lengths; the engine is then unchanged.
    @discardableResult
    public mutating func restore(
        _ checkpoint: RuleEngineCheckpoint
    ) throws(RuleEngineError) -> RuleEngineCheckpoint.Restored {
        guard checkpoint.format == RuleEngineCheckpoint.currentFormat else {
            throw RuleEngineError(
                .invalidCheckpoint,
                client: nil,
                "the checkpoint's format is \(checkpoint.format); this library reads format \(RuleEngineCheckpoint.currentFormat)"
            )
        }
        let count = checkpoint.clients.count
        let entries = checkpoint.fired + checkpoint.streaks
        guard checkpoint.activity.isConsistent(clients: count),
            checkpoint.windows.isConsistent(states: count * checkpoint.aggregates.count),
            entries.allSatisfy({
                $0.count == 3 && checkpoint.rules.indices.contains(Int($0[0])) && (0..<Int64(count)).contains($0[1])
            }),
            checkpoint.dedupe.allSatisfy({
                $0.count == 3 && checkpoint.rules.indices.contains(Int($0[0])) && $0[1] >= 0
            }),
            ([checkpoint.fired, checkpoint.streaks, checkpoint.dedupe].joined()).allSatisfy({
                Int32(exactly: $0[2]) != nil
            })
        else {
            throw RuleEngineError(
                .invalidCheckpoint,
                client: nil,
                "the checkpoint's columns do not agree in length or refer to nothing"
            )
        }
        // Rows and rule indices of this engine for the checkpoint's clients and rules.
        let rows = checkpoint.clients.map { facts.rowOf[$0] }
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.rules.enumerated() { ruleIndex[rule.name] = index }
        let ruleOf = checkpoint.rules.map { ruleIndex[$0] }
        var aggregateOf: [String: Int] = [:]
        for (a, key) in facts.aggregateKeys.enumerated() { aggregateOf[key.description] = a }
        let aggregateMap = checkpoint.aggregates.map { aggregateOf[$0] }

        // Activity and windows.
        let aggregates = facts.aggregates.count
        facts.activity = [ClientActivity](repeating: ClientActivity(), count: facts.records.count)
        facts.windows = [WindowState](repeating: WindowState(), count: aggregates * facts.records.count)
        for (c, activity) in checkpoint.activity.activities().enumerated() {
            guard let row = rows[c] else { continue }
            facts.activity[row] = activity
            for (k, a) in aggregateMap.enumerated() {
                guard let a else { continue }
                facts.windows[row * aggregates + a] = checkpoint.windows[c * checkpoint.aggregates.count + k]
            }
        }
        for row in facts.records.indices { facts.stale(row, dates: false) }

        // The gate.
        gate = FiringGate(rules: rules, clients: facts.records.count, calendar: calendar)
        for entry in checkpoint.fired {
            guard let rule = ruleOf[Int(entry[0])], let row = rows[Int(entry[1])] else { continue }
            gate.lastFired.set(Int32(entry[2]), for: gate.key(rule, row: row))
        }
        for entry in checkpoint.streaks {
            guard let rule = ruleOf[Int(entry[0])], let row = rows[Int(entry[1])] else { continue }
            gate.streakFired.set(Int32(entry[2]), for: gate.key(rule, row: row))
        }
        for entry in checkpoint.dedupe {
            guard let rule = ruleOf[Int(entry[0])], gate.dedupes[rule] else { continue }
            var table = gate.dedupeSeen[rule] ?? IntegerTable()
            gate.dedupeSeen[rule] = nil
            table.set(Int32(entry[2]), for: entry[1])
            gate.dedupeSeen[rule] = table
        }

        scheduler.cursor = checkpoint.cursor
        scheduler.origin = checkpoint.origin
        return RuleEngineCheckpoint.Restored(
            unknownClients: zip(checkpoint.clients, rows).compactMap { $1 == nil ? $0 : nil },
            unknownRules: zip(checkpoint.rules, ruleOf).compactMap { $1 == nil ? $0 : nil }
        )
    }
}
