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
        rules: RuleSet, clients: [ClientRecord], facts: [any FactSource], calendar: BankCalendar, start: Instant
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
                    .invalidValue, client: nil,
                    "the source declares '\(fact.name)' as \(fact.type.shortName); the rules read it as \(known.type.shortName)")
            }
            guard rules.catalogue[fact.name]?.scope == nil else { continue }
            switch fact.name {
            case "tier": tierPosition = position
            case "score": scorePosition = position
            default: break
            }
            if fact.name != "tier", let column = attributeColumns[fact.name] { targets.append((position, column)) }
        }
        let tierType = rules.catalogue.tierType
        // Check every value first, so nothing is half-stored.
        var values = FactValues(count: declared.count)
        for (index, client) in source.clients.enumerated() where rowOf[client] != nil {
            values.clear()
            source.values(ofClientAt: index, into: &values)
            for (position, fact) in declared.enumerated() where position == tierPosition || position == scorePosition
                || targets.contains(where: { $0.position == position })
            {
                let type = position == tierPosition ? tierType.map(FactType.enumeration) ?? fact.type : fact.type
                guard FactValue.fits(values[position], type) else {
                    throw RuleEngineError(.invalidValue, client: client, "the value given for '\(fact.name)' is not \(type.shortName)")
                }
            }
        }
        var firings: [RuleFiring] = []
        let day = calendar.day(of: at)
        for (index, client) in source.clients.enumerated() {
            guard let row = rowOf[client] else { continue }
            values.clear()
            source.values(ofClientAt: index, into: &values)
            for (position, column) in targets { _ = frame.store(values[position], in: column, row: row) }
            if let position = scorePosition, case .number(let score) = values[position] {
                if let last = records[row].scores.last, last.day == day {
                    records[row].scores[records[row].scores.count - 1].score = score
                } else {
                    records[row].scores.append(ScorePoint(day: day, score: score))
                }
                stale(row, dates: false)
            }
            if let position = tierPosition { firings += try updateTier(client, row: row, to: values[position], at: at) }
        }
        return firings
    }

    /// Stores a tier handed over in a fact update, and runs the `on tier change` rules when it
    /// differs from a tier held before.
    private mutating func updateTier(_ client: CustomerID, row: Int, to value: FactValue, at: Instant) throws(RuleEngineError)
        -> [RuleFiring]
    {
        guard let column = attributeColumns["tier"] else { return [] }
        let previous = frame.value(of: column, row: row)
        guard previous != value else { return [] }
        guard case .enumeration(let tier) = value, previous != .missing else {
            _ = frame.store(value, in: column, row: row)
            return []
        }
        return try record(.tierChanged(client, to: tier, at: at))
    }

    /// The state change of a ``RuleEvent/tierChanged(_:to:at:)`` event: the new tier stored, and
    /// the tier-change trigger with `tier.previous`; `nil` (nothing to run) when the tier is the one held.
    mutating func applyTierChange(row: Int, to tier: String, at: Instant) throws(RuleEngineError)
        -> (Int, Day, Instant, [(RuleEventKind, [(String, FactValue)], String)])?
    {
        let client = records[row].profile.id
        guard let type = rules.catalogue.tierType, type.ordinal(of: tier) != nil else {
            let known = rules.catalogue.tierType?.values.joined(separator: ", ") ?? "none"
            throw RuleEngineError(.invalidValue, client: client, "'\(tier)' is not a tier; tiers are \(known)")
        }
        let column = attributeColumns["tier"]
        let previous = column.map { frame.value(of: $0, row: row) } ?? .missing
        guard previous != .enumeration(tier) else { return nil }
        if let column { _ = frame.store(.enumeration(tier), in: column, row: row) }
        let facts: [(String, FactValue)] = [("tier.previous", previous)].filter { attributeColumns[$0.0] != nil }
        return (row, calendar.day(of: at), at, [(.tierChange, facts, "on tier change to \(tier)")])
    }

    /// The state change of a ``RuleEvent/scoreChanged(_:to:at:)`` event: the score stored and
    /// added to the history, and the score-change trigger with `score.previous`.
    mutating func applyScoreChange(row: Int, to score: Double, at: Instant) throws(RuleEngineError)
        -> (Int, Day, Instant, [(RuleEventKind, [(String, FactValue)], String)])
    {
        guard score.isFinite else {
            throw RuleEngineError(.invalidValue, client: records[row].profile.id, "a score must be a finite number")
        }
        let column = attributeColumns["score"]
        let previous = column.map { frame.value(of: $0, row: row) } ?? .missing
        if let column { _ = frame.store(.number(score), in: column, row: row) }
        records[row].scores.append(ScorePoint(day: calendar.day(of: at), score: score))
        stale(row, dates: false)
        let facts: [(String, FactValue)] = [("score.previous", previous)].filter { attributeColumns[$0.0] != nil }
        return (row, calendar.day(of: at), at, [(.scoreChange, facts, "on score change")])
    }
}
