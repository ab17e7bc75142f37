public import CustomerModel

extension RuleEngine {
    /// One thing due: rules at a minute of a day.
    private struct Due {
        enum Kind {
            case schedule
            case relative
            case streak
        }

        var day: Day
        var minute: Int
        var rule: Int
        var kind: Kind
    }

    /// Runs everything due after the previous tick up to and including `until`, in time order
    /// (items at the same minute in rule order), and returns the firings.
    public mutating func tick(until: Instant) -> [RuleFiring] {
        guard until > cursor else { return [] }
        if datesAreStale {
            dates = DateIndex(records: records)
            datesAreStale = false
        }
        var firings: [RuleFiring] = []
        let first = calendar.day(of: cursor)
        let last = calendar.day(of: until)
        var day = first
        while day <= last {
            var due: [Due] = []
            for index in scheduleRules {
                guard case .schedule(let schedule) = rules.rules[index].trigger, schedule.runs(on: day) else { continue }
                due.append(Due(day: day, minute: schedule.minuteOfDay, rule: index, kind: .schedule))
            }
            for index in relativeRules {
                guard case .dateRelative(let trigger) = rules.rules[index].trigger else { continue }
                due.append(Due(day: day, minute: trigger.minuteOfDay, rule: index, kind: .relative))
            }
            for index in streakRules { due.append(Due(day: day, minute: 0, rule: index, kind: .streak)) }
            due = due.filter { item in
                let at = calendar.start(of: item.day, plusMinutes: item.minute)
                return at > cursor && at <= until
            }.sorted { ($0.minute, $0.rule) < ($1.minute, $1.rule) }
            var index = 0
            while index < due.count {
                let item = due[index]
                let at = calendar.start(of: item.day, plusMinutes: item.minute)
                switch item.kind {
                case .schedule:
                    // Every schedule rule due at this minute runs in one batch over the whole book.
                    var batch = [item.rule]
                    while index + 1 < due.count, due[index + 1].kind == .schedule, due[index + 1].minute == item.minute {
                        index += 1
                        batch.append(due[index].rule)
                    }
                    firings += runSchedule(batch, day: day, at: at)
                case .relative:
                    firings += runRelative(item.rule, day: day, at: at)
                case .streak:
                    firings += runStreak(item.rule, day: day, at: at)
                }
                index += 1
            }
            day = day.adding(days: 1)
        }
        cursor = until
        return firings
    }

    private mutating func runSchedule(_ indices: [Int], day: Day, at: Instant) -> [RuleFiring] {
        for row in 0..<records.count { refresh(row, day: day) }
        let evaluation = EvaluationDay(day, calendar: calendar)
        let chosen = indices.filter { rules.rules[$0].isEffective(on: day) }
        let plans = chosen.map { index in
            let rule = rules.rules[index]
            return BatchMachine.Plan(
                program: rule.condition, code: rule.condition?.bound(to: frame, on: evaluation) ?? [], rows: frame.rowCount)
        }
        let matches = BatchMachine.run(plans, frame: frame, calendar: calendar)
        var firings: [RuleFiring] = []
        for (k, index) in chosen.enumerated() {
            let cause = rules.rules[index].trigger.description
            for row in matches.rows(k) {
                if let firing = fire(index, row: Int(row), at: at, day: day, cause: cause) { firings.append(firing) }
            }
        }
        return firings
    }

    private mutating func runRelative(_ index: Int, day: Day, at: Instant) -> [RuleFiring] {
        guard case .dateRelative(let trigger) = rules.rules[index].trigger, rules.rules[index].isEffective(on: day) else { return [] }
        var firings: [RuleFiring] = []
        for offset in trigger.offsets {
            for date in candidateDates(trigger, offset: offset, firingOn: day) {
                for entry in dates.entries(trigger.anchor, on: date) {
                    guard trigger.anchor == .maturity || trigger.includesHousehold || !entry.isHousehold else { continue }
                    let row = entry.row
                    var facts: [(String, FactValue)] = []
                    var cause: String
                    let distance = FactValue.duration(days: Int64(abs(day.days(until: date))))
                    let phrase = "\(offset) \(trigger.unit.name) \(trigger.isBefore ? "before" : "after")"
                    if trigger.anchor == .maturity {
                        let holding = records[row].holdings[entry.holding]
                        guard trigger.products.isEmpty || trigger.products.contains(holding.product), holding.openedOn <= day,
                            holding.maturesOn == date
                        else { continue }
                        let currency = rules.catalogue.reportingCurrency
                        facts = [
                            ("maturity.product", .enumeration(EnumerationType.snake(holding.product.rawValue))),
                            ("maturity.amount", holding.balance.currency == currency ? .money(holding.balance) : .missing),
                            ("maturity.date", .day(date)), ("maturity.holding", .text(holding.productCode)),
                            ("maturity.offset", distance),
                        ]
                        cause = "\(phrase) maturity of \(holding.productCode) on \(date)"
                    } else {
                        let kind: String
                        switch trigger.anchor {
                        case .birthday: kind = "birthday"
                        case .weddingAnniversary: kind = "wedding_anniversary"
                        default: kind = "signing_anniversary"
                        }
                        facts = [
                            ("occasion.kind", .enumeration(kind)), ("occasion.person", .text(entry.person)),
                            ("occasion.relation", .enumeration(entry.relation)), ("occasion.date", .day(date)),
                            ("occasion.years", .count(Int64(date.years(since: entry.date)))), ("occasion.offset", distance),
                        ]
                        cause = "\(phrase) \(trigger.anchor.phrase) (\(entry.relation)) on \(date)"
                    }
                    refresh(row, day: day)
                    for (name, value) in facts {
                        if let column = attributeColumns[name] { _ = frame.store(value, in: column, row: row) }
                    }
                    if holds(index, row: row, day: day), let firing = fire(index, row: row, at: at, day: day, cause: cause) {
                        firings.append(firing)
                    }
                }
            }
        }
        return firings
    }

    /// The anchor dates whose firing day for `offset` is `day`.
    private func candidateDates(_ trigger: DateRelativeTrigger, offset: Int, firingOn day: Day) -> [Day] {
        let sign = trigger.isBefore ? 1 : -1
        let range: ClosedRange<Int>
        switch trigger.unit {
        case .days: range = (offset * sign)...(offset * sign)
        case .weeks: range = (7 * offset * sign)...(7 * offset * sign)
        case .months, .years:
            let months = trigger.unit == .years ? 12 * offset : offset
            let center = day.days(until: day.adding(months: months * sign))
            range = (center - 4)...(center + 4)
        case .businessDays:
            // n business days span n to about 2n + 20 calendar days (weekends, holiday weeks).
            let far = offset * 2 + 21
            range = trigger.isBefore ? offset...far : (-far)...(-offset)
        }
        return range.map { day.adding(days: $0) }.filter { trigger.fireDay(for: $0, offset: offset, calendar: calendar) == day }
    }

    private mutating func runStreak(_ index: Int, day: Day, at: Instant) -> [RuleFiring] {
        guard case .streak(let streak) = rules.rules[index].trigger, rules.rules[index].isEffective(on: day) else { return [] }
        var firings: [RuleFiring] = []
        let slot = ClientActivity.slot(streak.activity)
        let literal = DurationLiteral(streak.count, streak.unit)
        for row in 0..<records.count {
            let last = activity[row].last[slot]
            // With no activity on record, the streak counts from onboarding (or the engine's start). A streak
            // completed before the engine's first tick fires on that tick, once.
            let since = last != Int32.min ? last : (records[row].profile.onboardedOn ?? origin).number
            let completes = Semantics.shift(Int64(since), by: literal, backwards: false, on: calendar)
            guard completes <= Int64(day.number) else { continue }
            let key = RuleClient(rule: index, row: row)
            guard streakFired[key] != since else { continue }
            streakFired[key] = since
            refresh(row, day: day)
            if let column = attributeColumns["streak.length"] { _ = frame.store(.count(Int64(streak.count)), in: column, row: row) }
            if let column = attributeColumns["streak.since"] {
                _ = frame.store(last == Int32.min ? .missing : .day(Day(number: last)), in: column, row: row)
            }
            let cause = "\(streak) since \(Day(number: since))"
            if holds(index, row: row, day: day), let firing = fire(index, row: row, at: at, day: day, cause: cause) {
                firings.append(firing)
            }
        }
        return firings
    }

    /// A firing of rule `index` for `row`, unless its cooldown or de-duplication holds it back.
    mutating func fire(_ index: Int, row: Int, at: Instant, day: Day, cause: String) -> RuleFiring? {
        // Read the rule's fields in place: copying the compiled rule retains every one of them.
        let cooldown = rules.rules[index].cooldown
        let calendar = calendar
        func cooled(since last: Int32) -> Bool {
            guard let cooldown else { return false }
            return Int64(day.number) < Semantics.shift(Int64(last), by: cooldown, backwards: false, on: calendar)
        }
        let key = Int64(index) * Int64(records.count) + Int64(row)
        if let last = lastFired[key], cooled(since: last) { return nil }
        let evaluation = EvaluationDay(day, calendar: calendar)
        if !rules.rules[index].dedupeKeys.isEmpty {
            let values = (try? rules.dedupeValues(of: rules.rules[index], in: frame, row: row, on: evaluation)) ?? []
            let dedupe = DedupeKey(rule: index, values: values)
            if let seen = dedupeSeen[dedupe], cooldown == nil || cooled(since: seen) { return nil }
            dedupeSeen[dedupe] = day.number
        }
        lastFired.set(day.number, for: key)
        // The frame is this rule set's and the row is in range: the unchecked forms, on the
        // engine's machine (the caller has read its results), with the condition bound once a day.
        let bound = conditionPlan(index, day: day)
        let texts = explainTexts(index)
        // The rule is passed from the array's storage, not copied out of it.
        let ruleSet = rules
        let frame = frame
        let (actions, reason) = ruleSet.rules.withUnsafeBufferPointer { compiled in
            (
                ruleSet.actions(of: compiled[index], in: frame, row: row, on: evaluation, machine: &machine),
                ruleSet.explain(compiled[index], in: frame, row: row, on: evaluation, bound: bound, texts: texts, machine: &machine)
            )
        }
        return RuleFiring(
            rule: rules.rules[index].name, version: rules.rules[index].version, client: records[row].profile.id, at: at, day: day,
            cause: cause, actions: actions, reason: reason)
    }

    /// The texts of rule `index`'s explanation (each part's text and each traced value's
    /// expression, in the order ``RuleSet/explain(_:in:row:on:bound:texts:machine:)`` reads them),
    /// cut from the source once.
    mutating func explainTexts(_ index: Int) -> [String] {
        if let known = explainTextCache[index] { return known }
        let texts = rules.explainTexts(of: rules.rules[index])
        explainTextCache[index] = texts
        return texts
    }
}
