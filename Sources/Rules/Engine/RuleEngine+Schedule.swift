public import CustomerModel

extension RuleEngine {
    /// Runs everything due after the previous tick (or the restored checkpoint's cursor) up to and
    /// including `until`, in time order (items at the same minute in rule order), and returns the
    /// firings.
    public mutating func tick(until: Instant) -> [RuleFiring] {
        guard until > scheduler.cursor else { return [] }
        facts.refreshDates()
        var firings: [RuleFiring] = []
        var day = calendar.day(of: scheduler.cursor)
        let last = calendar.day(of: until)
        while day <= last {
            for (at, item) in scheduler.agenda(on: day, until: until) {
                switch item {
                case .schedule(let batch): firings += runSchedule(batch, day: day, at: at)
                case .relative(let rule): firings += runRelative(rule, day: day, at: at)
                case .streak(let rule): firings += runStreak(rule, day: day, at: at)
                }
            }
            day = day.adding(days: 1)
        }
        scheduler.cursor = until
        return firings
    }

    /// Every schedule rule of `indices` over the whole book in one batch.
    private mutating func runSchedule(_ indices: [Int], day: Day, at: Instant) -> [RuleFiring] {
        for row in 0..<facts.records.count { facts.refresh(row, day: day) }
        let evaluation = EvaluationDay(day, calendar: calendar)
        let chosen = indices.filter { gate.isEffective($0, on: day) }
        let plans = chosen.map { index in
            let rule = rules.rules[index]
            return BatchMachine.Plan(
                program: rule.condition,
                code: rule.condition?.bound(to: facts.frame, on: evaluation) ?? [],
                rows: facts.frame.rowCount
            )
        }
        let matches = BatchMachine.run(plans, frame: facts.frame, calendar: calendar)
        var firings: [RuleFiring] = []
        let occasion = FiringOccasion.day(day)
        for (k, index) in chosen.enumerated() {
            let cause = rules.rules[index].trigger.description
            for row in matches.rows(k) {
                if let firing = fire(index, row: Int(row), at: at, day: day, cause: cause, occasion: occasion) {
                    firings.append(firing)
                }
            }
        }
        return firings
    }

    /// Date rule `index` for every client with a dated thing whose firing day is `day`.
    private mutating func runRelative(_ index: Int, day: Day, at: Instant) -> [RuleFiring] {
        guard case .dateRelative(let trigger) = rules.rules[index].trigger, gate.isEffective(index, on: day) else {
            return []
        }
        var firings: [RuleFiring] = []
        for offset in trigger.offsets {
            for date in scheduler.candidateDates(trigger, offset: offset, firingOn: day) {
                for entry in facts.dates.entries(trigger.anchor, on: date) {
                    guard trigger.anchor == .maturity || trigger.includesHousehold || !entry.isHousehold else {
                        continue
                    }
                    let row = entry.row
                    var triggerFacts: [(String, FactValue)] = []
                    let distance = FactValue.duration(days: Int64(abs(day.days(until: date))))
                    if trigger.anchor == .maturity {
                        let holding = facts.records[row].holdings[entry.holding]
                        guard trigger.products.isEmpty || trigger.products.contains(holding.product),
                            holding.openedOn <= day,
                            holding.maturesOn == date
                        else { continue }
                        let currency = rules.catalogue.reportingCurrency
                        triggerFacts = [
                            ("maturity.product", .enumeration(EnumerationType.snake(holding.product.rawValue))),
                            (
                                "maturity.amount",
                                holding.balance.currency == currency ? .money(holding.balance) : .missing
                            ),
                            ("maturity.date", .day(date)), ("maturity.holding", .text(holding.productCode)),
                            ("maturity.offset", distance),
                        ]
                    } else {
                        triggerFacts = [
                            ("occasion.kind", .enumeration(Self.occasionKind(trigger.anchor))),
                            ("occasion.person", .text(entry.person)),
                            ("occasion.relation", .enumeration(entry.relation)), ("occasion.date", .day(date)),
                            ("occasion.years", .count(Int64(date.years(since: entry.date)))),
                            ("occasion.offset", distance),
                        ]
                    }
                    facts.refresh(row, day: day)
                    facts.store(triggerFacts, row: row)
                    guard runner.holds(index, row: row, day: day, frame: facts.frame) else { continue }
                    // The cause and the occasion are built only for a rule that holds.
                    let phrase = "\(offset) \(trigger.unit.name) \(trigger.isBefore ? "before" : "after")"
                    let cause: String
                    let subject: String
                    if trigger.anchor == .maturity {
                        let holding = facts.records[row].holdings[entry.holding]
                        cause = "\(phrase) maturity of \(holding.productCode) on \(date)"
                        subject = "maturity \(holding.id.rawValue) \(date)"
                    } else {
                        cause = "\(phrase) \(trigger.anchor.phrase) (\(entry.relation)) on \(date)"
                        // The person is hashed into the firing id, never shown: twins are two occasions.
                        subject =
                            "\(Self.occasionKind(trigger.anchor)) \(entry.relation) \(entry.date) \(entry.person) \(date)"
                    }
                    if let firing = fire(
                        index,
                        row: row,
                        at: at,
                        day: day,
                        cause: cause,
                        occasion: .date(day, subject: subject)
                    ) {
                        firings.append(firing)
                    }
                }
            }
        }
        return firings
    }

    /// The `occasion.kind` of an annual anchor.
    static func occasionKind(_ anchor: DateAnchor) -> String {
        switch anchor {
        case .birthday: "birthday"
        case .weddingAnniversary: "wedding_anniversary"
        default: "signing_anniversary"
        }
    }

    /// Streak rule `index` for every client whose streak completes by `day` and has not fired.
    private mutating func runStreak(_ index: Int, day: Day, at: Instant) -> [RuleFiring] {
        guard case .streak(let streak) = rules.rules[index].trigger, gate.isEffective(index, on: day) else { return [] }
        var firings: [RuleFiring] = []
        let slot = ClientActivity.slot(streak.activity)
        let literal = DurationLiteral(streak.count, streak.unit)
        let occasion = FiringOccasion.day(day)
        for row in 0..<facts.records.count {
            let last = facts.activity[row].last[slot]
            // With no activity on record, the streak counts from onboarding (or the engine's start). A streak
            // completed before the engine's first tick fires on that tick, once.
            let since = last != Int32.min ? last : (facts.records[row].profile.onboardedOn ?? scheduler.origin).number
            let completes = Semantics.shift(Int64(since), by: literal, backwards: false, on: calendar)
            guard completes <= Int64(day.number), gate.openStreak(index, row: row, since: since) else { continue }
            facts.refresh(row, day: day)
            facts.store(
                [
                    ("streak.length", .count(Int64(streak.count))),
                    ("streak.since", last == Int32.min ? .missing : .day(Day(number: last))),
                ],
                row: row
            )
            let cause = "\(streak) since \(Day(number: since))"
            if runner.holds(index, row: row, day: day, frame: facts.frame),
                let firing = fire(index, row: row, at: at, day: day, cause: cause, occasion: occasion)
            {
                firings.append(firing)
            }
        }
        return firings
    }
}
