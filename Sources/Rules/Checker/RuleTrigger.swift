public import CustomerModel

/// When a rule is evaluated: on an event, on a schedule, relative to dates, or when a streak of
/// inactivity is reached.
///
/// Times of day are in the bank's time zone (``/CustomerModel/BankCalendar``); a trigger without
/// `at` runs at the start of the day (00:00).
///
/// **A set that grows.** New cases will be added as the library learns new triggers. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum RuleTrigger: Hashable, Sendable, CustomStringConvertible {
    /// On each event of a kind.
    case event(RuleEventKind)
    /// On a calendar schedule.
    case schedule(Schedule)
    /// At offsets before or after each date of a kind.
    case dateRelative(DateRelativeTrigger)
    /// When a client has gone a number of whole periods without an activity.
    case streak(StreakTrigger)

    /// The trigger as written.
    public var description: String {
        switch self {
        case .event(let kind): "on \(kind.phrase)"
        case .schedule(let schedule): schedule.description
        case .dateRelative(let trigger): trigger.description
        case .streak(let streak): streak.description
        }
    }

    /// Which trigger-specific facts (`transaction.*`, `maturity.*` ...) a rule with this trigger may use.
    var scope: TriggerScope {
        switch self {
        case .event(.transaction), .event(.failedTransaction): .transaction
        case .event(.interaction): .interaction
        case .event(.complaint): .complaint
        case .event(.profileChange): .profileChange
        case .event(.tierChange): .tierChange
        case .event(.scoreChange): .scoreChange
        case .schedule: .schedule
        case .dateRelative(let trigger): trigger.anchor == .maturity ? .maturity : .occasion
        case .streak: .streak
        }
    }
}

/// The families of trigger-specific facts.
///
/// **A set that grows.** New cases will be added as the library learns new trigger families. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum TriggerScope: String, Hashable, Sendable, CaseIterable {
    /// `on transaction`, `on failed transaction`: `transaction.*`.
    case transaction
    /// `on interaction`: `interaction.*`.
    case interaction
    /// `on complaint`: `complaint.*`.
    case complaint
    /// `on profile change`: `profile.changed`.
    case profileChange
    /// `on tier change`: `tier.previous`.
    case tierChange
    /// `on score change`: `score.previous`.
    case scoreChange
    /// Schedules: no trigger facts.
    case schedule
    /// `... before each maturity`: `maturity.*`.
    case maturity
    /// `... before each birthday / anniversary`: `occasion.*`.
    case occasion
    /// `... consecutive months with no ...`: `streak.*`.
    case streak

    /// How a rule with this scope's trigger is written, for messages.
    var example: String {
        switch self {
        case .transaction: "on transaction"
        case .interaction: "on interaction"
        case .complaint: "on complaint"
        case .profileChange: "on profile change"
        case .tierChange: "on tier change"
        case .scoreChange: "on score change"
        case .schedule: "daily at 08:30"
        case .maturity: "15 days before each maturity"
        case .occasion: "30 days before each birthday"
        case .streak: "3 consecutive months with no transaction"
        }
    }
}

/// The events a rule can react to.
///
/// **A set that grows.** New cases will be added as the library learns new events. Swift treats a
/// public enum of a library built without library evolution as exhaustive, so switch over it with a
/// `default:` (or `@unknown default:`) branch; then adding a case never breaks host code.
public enum RuleEventKind: String, Hashable, Sendable, CaseIterable {
    /// A booked transaction.
    case transaction
    /// A transaction that failed.
    case failedTransaction
    /// Any interaction (contact, complaint, survey ...).
    case interaction
    /// A complaint.
    case complaint
    /// A change to the client's profile.
    case profileChange
    /// A change of strategic tier.
    case tierChange
    /// A change of value score.
    case scoreChange

    /// The words after `on`.
    public var phrase: String {
        switch self {
        case .transaction: "transaction"
        case .failedTransaction: "failed transaction"
        case .interaction: "interaction"
        case .complaint: "complaint"
        case .profileChange: "profile change"
        case .tierChange: "tier change"
        case .scoreChange: "score change"
        }
    }
}

/// A calendar schedule: daily, weekly on a weekday, or monthly on a day of the month.
public struct Schedule: Hashable, Sendable, CustomStringConvertible {
    /// How often.
    public enum Frequency: Hashable, Sendable {
        /// Every day.
        case daily
        /// Every week on a weekday.
        case weekly(Weekday)
        /// Every month on a day (1-31; clamped to the month's last day, so 31 means "month end").
        case monthly(day: Int)
    }

    /// How often.
    public var frequency: Frequency
    /// Minutes after midnight in the bank's time zone.
    public var minuteOfDay: Int

    /// Creates a schedule.
    public init(_ frequency: Frequency, minuteOfDay: Int) {
        self.frequency = frequency
        self.minuteOfDay = minuteOfDay
    }

    /// Whether the schedule runs on `day`.
    public func runs(on day: Day) -> Bool {
        switch frequency {
        case .daily: return true
        case .weekly(let weekday): return day.weekday == weekday
        case .monthly(let wanted):
            let (year, month, d) = day.components
            return d == min(wanted, Day.daysIn(month: month, year: year))
        }
    }

    /// `daily at 08:30`.
    public var description: String {
        let time = "at \(Schedule.clock(minuteOfDay))"
        switch frequency {
        case .daily: return "daily \(time)"
        case .weekly(let weekday): return "weekly on \(weekday) \(time)"
        case .monthly(let day): return "monthly on \(day) \(time)"
        }
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

/// "15, 7 and 3 business days before each maturity of wealth_management": offsets before or
/// after each date of a kind, for the client or the whole household.
public struct DateRelativeTrigger: Hashable, Sendable, CustomStringConvertible {
    /// The offsets, largest first (`15, 7, 3`).
    public var offsets: [Int]
    /// The unit of the offsets: days, weeks (as 7 days), months or business days.
    public var unit: DurationUnit
    /// Whether the offsets are before the date (else after).
    public var isBefore: Bool
    /// The kind of date.
    public var anchor: DateAnchor
    /// For maturities: the product types that count; empty for all.
    public var products: Set<ProductType>
    /// For birthdays and anniversaries: include household members.
    public var includesHousehold: Bool
    /// Minutes after midnight.
    public var minuteOfDay: Int

    /// Creates a date-relative trigger.
    public init(
        offsets: [Int],
        unit: DurationUnit,
        isBefore: Bool,
        anchor: DateAnchor,
        products: Set<ProductType> = [],
        includesHousehold: Bool = false,
        minuteOfDay: Int = 0
    ) {
        self.offsets = offsets
        self.unit = unit
        self.isBefore = isBefore
        self.anchor = anchor
        self.products = products
        self.includesHousehold = includesHousehold
        self.minuteOfDay = minuteOfDay
    }

    /// The day the trigger fires for a date at `offset`: `date` minus (or plus) the offset in the
    /// trigger's unit; business days are counted on `calendar`.
    public func fireDay(for date: Day, offset: Int, calendar: BankCalendar) -> Day {
        let signed = isBefore ? -offset : offset
        switch unit {
        case .days: return date.adding(days: signed)
        case .weeks: return date.adding(days: signed * 7)
        case .months: return date.adding(months: signed)
        case .years: return date.adding(months: signed * 12)
        case .businessDays: return calendar.adding(businessDays: signed, to: date)
        }
    }

    /// `15, 7 and 3 business days before each maturity of wealth_management`.
    public var description: String {
        let numbers = offsets.map(String.init)
        let list =
            numbers.count > 1
            ? numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "") : numbers.joined()
        let products =
            self.products.isEmpty
            ? "" : " of " + self.products.map { EnumerationType.snake($0.rawValue) }.sorted().joined(separator: ", ")
        return
            "\(list) \(unit.name) \(isBefore ? "before" : "after") each \(anchor.phrase)\(products)\(includesHousehold ? " in household" : "") at \(Schedule.clock(minuteOfDay))"
    }
}

/// "3 consecutive months with no transaction".
public struct StreakTrigger: Hashable, Sendable, CustomStringConvertible {
    /// How many whole periods.
    public var count: Int
    /// The period: days, weeks or calendar months.
    public var unit: DurationUnit
    /// The activity that is absent.
    public var activity: ActivityKind

    /// Creates a streak trigger.
    public init(count: Int, unit: DurationUnit, activity: ActivityKind) {
        self.count = count
        self.unit = unit
        self.activity = activity
    }

    /// `3 consecutive months with no transaction`.
    public var description: String { "\(count) consecutive \(unit.name) with no \(activity.rawValue)" }
}
