public import CustomerModel

/// How facts from other modules (``FactSource``s) reach the engine, and how a changed tier fires
/// the `on tier change` rules. Kept apart from the engine's event and schedule paths: the engine
/// keeps source facts in its frame's columns (a refresh never recomputes them), so evaluation reads
/// them like any other fact, with no lookup per evaluation.
extension RuleEngine {
    /// Creates an engine for `clients` with the facts of `facts` already in place (as
    /// ``update(facts:at:)`` would put them, firing nothing); nothing before `start` is due.
    /// - Throws: ``RuleEngineError`` for two records of one client or a value that does not fit.
    public init(
        rules: RuleSet,
        clients: [ClientRecord],
        facts: [any FactSource],
        calendar: BankCalendar,
        start: Instant
    ) throws(RuleEngineError) {
        try self.init(rules: rules, clients: clients, calendar: calendar, start: start)
        for source in facts { _ = try update(facts: source, at: start) }
    }

    /// Engine, here are tonight's facts for these clients: stores the values `source` supplies
    /// for every client the engine knows (clients it does not know are skipped) and returns the
    /// firings of the `on tier change` rules for clients whose `tier` changed.
    ///
    /// Values replace the ones held before; a value the source leaves missing makes the fact
    /// missing. A client's first tier (none held before) is not a change. A supplied `score` is also
    /// added to the client's score history (for `score.change(...)`) on the day of `at`. Facts no
    /// rule reads are not stored. Nothing is stored when any value does not fit.
    ///
    /// The daily cycle calls this once per source after scoring the book
    /// (`BookFactSource(scores)`) and assigning tiers (``TierFacts``), then ticks the engine:
    ///
    /// ```swift
    /// var firings = try engine.update(facts: BookFactSource(scores), at: now)
    /// firings += try engine.update(facts: tiers, at: now)
    /// firings += engine.tick(until: now)
    /// ```
    /// - Throws: ``RuleEngineError`` with code `invalidValue` when the source declares a fact with
    ///   another type than the rules' catalogue, or a value does not fit its fact (naming the client
    ///   and the fact, not the value).
    public mutating func update(facts source: some FactSource, at: Instant) throws(RuleEngineError) -> [RuleFiring] {
        let declared = source.facts
        var targets: [(position: Int, column: FactLayout.Column)] = []
        var tierPosition: Int?
        var scorePosition: Int?
        for (position, fact) in declared.enumerated() {
            if let known = rules.catalogue[fact.name], known.type != fact.type {
                throw RuleEngineError(
                    .invalidValue,
                    client: nil,
                    "the source declares '\(fact.name)' as \(fact.type.shortName); the rules read it as \(known.type.shortName)"
                )
            }
            guard rules.catalogue[fact.name]?.scope == nil else { continue }
            switch fact.name {
            case "tier": tierPosition = position
            case "score": scorePosition = position
            default: break
            }
            if fact.name != "tier", let column = facts.attributeColumns[fact.name] {
                targets.append((position, column))
            }
        }
        let tierType = rules.catalogue.tierType
        // Check every value first, so nothing is half-stored.
        var values = FactValues(count: declared.count)
        for (index, client) in source.clients.enumerated() where facts.rowOf[client] != nil {
            values.clear()
            source.values(ofClientAt: index, into: &values)
            for (position, fact) in declared.enumerated()
            where position == tierPosition || position == scorePosition
                || targets.contains(where: { $0.position == position })
            {
                let type = position == tierPosition ? tierType.map(FactType.enumeration) ?? fact.type : fact.type
                guard FactValue.fits(values[position], type) else {
                    throw RuleEngineError(
                        .invalidValue,
                        client: client,
                        "the value given for '\(fact.name)' is not \(type.shortName)"
                    )
                }
            }
        }
        var firings: [RuleFiring] = []
        let day = calendar.day(of: at)
        for (index, client) in source.clients.enumerated() {
            guard let row = facts.rowOf[client] else { continue }
            values.clear()
            source.values(ofClientAt: index, into: &values)
            for (position, column) in targets { _ = facts.frame.store(values[position], in: column, row: row) }
            if let position = scorePosition, case .number(let score) = values[position] {
                if let last = facts.records[row].scores.last, last.day == day {
                    facts.records[row].scores[facts.records[row].scores.count - 1].score = score
                } else {
                    facts.records[row].scores.append(ScorePoint(day: day, score: score))
                }
                facts.stale(row, dates: false)
            }
            if let position = tierPosition { firings += try updateTier(client, row: row, to: values[position], at: at) }
        }
        return firings
    }

    /// Stores a tier handed over in a fact update, and runs the `on tier change` rules when it
    /// differs from a tier held before.
    private mutating func updateTier(
        _ client: CustomerID,
        row: Int,
        to value: FactValue,
        at: Instant
    ) throws(RuleEngineError)
        -> [RuleFiring]
    {
        guard let column = facts.attributeColumns["tier"] else { return [] }
        let previous = facts.frame.value(of: column, row: row)
        guard previous != value else { return [] }
        guard case .enumeration(let tier) = value, previous != .missing else {
            _ = facts.frame.store(value, in: column, row: row)
            return []
        }
        return try record(.tierChanged(client, to: tier, at: at))
    }
}
