import CustomerModel

/// The engine's part that knows what is due when: schedule, date and streak rules, the
/// cursor (everything due up to it has run) and the agenda of a day after the cursor.
///
/// **Order.** Items due at the same minute run in rule order (priority, then file order); every
/// schedule rule due at one minute runs in one batch over the whole book. Streak rules check
/// each client at 00:00.
struct Scheduler: Sendable {
    /// One thing due at an instant.
    enum Item: Sendable {
        /// Schedule rules, run in one batch.
        case schedule([Int])
        /// A date rule.
        case relative(Int)
        /// A streak rule.
        case streak(Int)
    }

    let rules: RuleSet
    let calendar: BankCalendar
    let scheduleRules: [Int]
    let relativeRules: [Int]
    let streakRules: [Int]
    /// Everything due up to this instant has run.
    var cursor: Instant
    /// The day the engine started: streaks of clients with no activity and no onboarding day count from it.
    var origin: Day

    init(rules: RuleSet, calendar: BankCalendar, start: Instant) {
        self.rules = rules
        self.calendar = calendar
        cursor = start
        origin = calendar.day(of: start)
        var scheduleRules: [Int] = []
        var relativeRules: [Int] = []
        var streakRules: [Int] = []
        for (index, rule) in rules.rules.enumerated() {
            switch rule.trigger {
            case .event: continue
            case .schedule: scheduleRules.append(index)
            case .dateRelative: relativeRules.append(index)
            case .streak: streakRules.append(index)
            }
        }
        self.scheduleRules = scheduleRules
        self.relativeRules = relativeRules
        self.streakRules = streakRules
    }

    /// What is due on `day` after the cursor and up to `until`, in time order.
    func agenda(on day: Day, until: Instant) -> [(at: Instant, item: Item)] {
        var due: [(minute: Int, rule: Int, kind: Int)] = []
        for index in scheduleRules {
            guard case .schedule(let schedule) = rules.rules[index].trigger, schedule.runs(on: day) else { continue }
            due.append((schedule.minuteOfDay, index, 0))
        }
        for index in relativeRules {
            guard case .dateRelative(let trigger) = rules.rules[index].trigger else { continue }
            due.append((trigger.minuteOfDay, index, 1))
        }
        for index in streakRules { due.append((0, index, 2)) }
        due = due.filter { item in
            let at = calendar.start(of: day, plusMinutes: item.minute)
            return at > cursor && at <= until
        }.sorted { ($0.minute, $0.rule) < ($1.minute, $1.rule) }
        var agenda: [(at: Instant, item: Item)] = []
        var index = 0
        while index < due.count {
            let first = due[index]
            let at = calendar.start(of: day, plusMinutes: first.minute)
            switch first.kind {
            case 0:
                var batch = [first.rule]
                while index + 1 < due.count, due[index + 1].kind == 0, due[index + 1].minute == first.minute {
                    index += 1
                    batch.append(due[index].rule)
                }
                agenda.append((at, .schedule(batch)))
            case 1: agenda.append((at, .relative(first.rule)))
            default: agenda.append((at, .streak(first.rule)))
            }
            index += 1
        }
        return agenda
    }

    /// The anchor dates whose firing day for `offset` is `day`.
    func candidateDates(_ trigger: DateRelativeTrigger, offset: Int, firingOn day: Day) -> [Day] {
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
        return range.map { day.adding(days: $0) }.filter {
            trigger.fireDay(for: $0, offset: offset, calendar: calendar) == day
        }
    }
}
