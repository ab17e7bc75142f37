import CustomerModel

/// An event applied to the client facts: the rules it triggers and what their firings carry.
struct AppliedEvent {
    /// One trigger of the event: its kind, the trigger facts to write, the firing's cause and occasion.
    struct Trigger {
        var kind: RuleEventKind
        var facts: [(String, FactValue)]
        var cause: String
        var occasion: FiringOccasion
    }

    var row: Int
    var day: Day
    var at: Instant
    var triggers: [Trigger]
}

extension ClientFacts {
    /// Applies an event other than a transaction to the state (records, activity, windows);
    /// returns the triggers to evaluate, or `nil` for an event that runs no rule.
    /// - Throws: ``RuleEngineError`` for an unknown client or a value that does not fit.
    mutating func apply(_ event: RuleEvent) throws(RuleEngineError) -> AppliedEvent? {
        let client = event.customer
        let row = try row(of: client)
        let currency = catalogue.reportingCurrency
        switch event {
        case .transaction(let t), .failedTransaction(let t):
            let at = calendar.start(of: t.day, plusMinutes: Int(t.secondOfDay / 60))
            let facts: [(String, FactValue)] = [
                ("transaction.amount", t.amount.currency == currency ? .money(t.amount) : .missing),
                ("transaction.type", .value(EnumerationType.transactionType, at: t.type.rawValue)),
                ("transaction.direction", .value(EnumerationType.direction, at: t.direction.rawValue)),
                ("transaction.channel", .value(EnumerationType.channel, at: t.channel.rawValue)),
                (
                    "transaction.merchant",
                    t.merchantCategory.map { .value(EnumerationType.merchantCategory, at: $0.rawValue) } ?? .missing
                ),
                ("transaction.overseas", .bool(t.isOverseas)),
                ("transaction.date", .day(t.day)),
            ].filter { attributeColumns[$0.0] != nil }
            if case .transaction = event {
                addTransaction(t, row: row)
                return AppliedEvent(
                    row: row,
                    day: t.day,
                    at: at,
                    triggers: [
                        .init(
                            kind: .transaction,
                            facts: facts,
                            cause: "on transaction \(t.id)",
                            occasion: Self.occasion(t, booked: true)
                        )
                    ]
                )
            }
            return AppliedEvent(
                row: row,
                day: t.day,
                at: at,
                triggers: [
                    .init(
                        kind: .failedTransaction,
                        facts: facts,
                        cause: "on failed transaction \(t.id)",
                        occasion: Self.occasion(t, booked: false)
                    )
                ]
            )
        case .interaction(let i):
            addInteraction(i, row: row)
            var triggers: [AppliedEvent.Trigger] = [
                .init(
                    kind: .interaction,
                    facts: [
                        ("interaction.kind", .enumeration(EnumerationType.snake(i.kind.rawValue))),
                        ("interaction.channel", .enumeration(EnumerationType.snake(i.channel.rawValue))),
                        ("interaction.date", .day(i.day)),
                    ].filter { attributeColumns[$0.0] != nil },
                    cause: "on interaction \(i.id)",
                    occasion: .event("interaction", id: i.id.rawValue)
                )
            ]
            if case .complaint(let category, let severity, _) = i.detail {
                triggers.append(
                    .init(
                        kind: .complaint,
                        facts: [
                            ("complaint.severity", .count(Int64(severity))), ("complaint.category", .text(category)),
                            ("complaint.channel", .enumeration(EnumerationType.snake(i.channel.rawValue))),
                            ("complaint.date", .day(i.day)),
                        ].filter { attributeColumns[$0.0] != nil },
                        cause: "on complaint \(i.id)",
                        occasion: .event("complaint", id: i.id.rawValue)
                    )
                )
            }
            return AppliedEvent(row: row, day: i.day, at: i.at, triggers: triggers)
        case .profileChanged(let profile, let fields, let at):
            records[row].profile = profile
            stale(row, dates: true)
            let facts: [(String, FactValue)] = [("profile.changed", .tags(fields.sorted()))].filter {
                attributeColumns[$0.0] != nil
            }
            return AppliedEvent(
                row: row,
                day: calendar.day(of: at),
                at: at,
                triggers: [
                    .init(
                        kind: .profileChange,
                        facts: facts,
                        cause: "on profile change",
                        occasion: Self.occasion("profile-change", at: at)
                    )
                ]
            )
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

    /// The state change of a ``RuleEvent/tierChanged(_:to:at:)`` event: the new tier stored, and
    /// the tier-change trigger with `tier.previous`; `nil` (nothing to run) when the tier is the one held.
    mutating func applyTierChange(row: Int, to tier: String, at: Instant) throws(RuleEngineError) -> AppliedEvent? {
        let client = records[row].profile.id
        guard let type = catalogue.tierType, type.ordinal(of: tier) != nil else {
            let known = catalogue.tierType?.values.joined(separator: ", ") ?? "none"
            throw RuleEngineError(.invalidValue, client: client, "'\(tier)' is not a tier; tiers are \(known)")
        }
        let column = attributeColumns["tier"]
        let previous = column.map { frame.value(of: $0, row: row) } ?? .missing
        guard previous != .enumeration(tier) else { return nil }
        if let column { _ = frame.store(.enumeration(tier), in: column, row: row) }
        let facts: [(String, FactValue)] = [("tier.previous", previous)].filter { attributeColumns[$0.0] != nil }
        return AppliedEvent(
            row: row,
            day: calendar.day(of: at),
            at: at,
            triggers: [
                .init(
                    kind: .tierChange,
                    facts: facts,
                    cause: "on tier change to \(tier)",
                    occasion: Self.occasion("tier-change", at: at)
                )
            ]
        )
    }

    /// The state change of a ``RuleEvent/scoreChanged(_:to:at:)`` event: the score stored and
    /// added to the history, and the score-change trigger with `score.previous`.
    mutating func applyScoreChange(row: Int, to score: Double, at: Instant) throws(RuleEngineError) -> AppliedEvent {
        guard score.isFinite else {
            throw RuleEngineError(.invalidValue, client: records[row].profile.id, "a score must be a finite number")
        }
        let column = attributeColumns["score"]
        let previous = column.map { frame.value(of: $0, row: row) } ?? .missing
        if let column { _ = frame.store(.number(score), in: column, row: row) }
        records[row].scores.append(ScorePoint(day: calendar.day(of: at), score: score))
        stale(row, dates: false)
        let facts: [(String, FactValue)] = [("score.previous", previous)].filter { attributeColumns[$0.0] != nil }
        return AppliedEvent(
            row: row,
            day: calendar.day(of: at),
            at: at,
            triggers: [
                .init(
                    kind: .scoreChange,
                    facts: facts,
                    cause: "on score change",
                    occasion: Self.occasion("score-change", at: at)
                )
            ]
        )
    }

    /// The occasion of a transaction's firings: its kind and id.
    static func occasion(_ t: Transaction, booked: Bool) -> FiringOccasion {
        .event(booked ? "transaction" : "failed-transaction", id: t.id.rawValue)
    }

    /// The occasion of a change that carries no id: its kind and instant in milliseconds.
    static func occasion(_ kind: String, at: Instant) -> FiringOccasion {
        .event(kind, id: String(at.millisecondsSinceEpoch))
    }
}
