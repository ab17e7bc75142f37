/// The bank's calendar: its time zone, weekends, public holidays and the adjusted working days
/// that replace them (China moves weekend days to make "golden weeks").
///
/// A `BankCalendar` is a value passed next to the ``WallClock``. It turns instants into ``Day``s
/// and answers business-day questions, so time-based rules and service deadlines do not depend
/// on the machine's locale.
///
/// The time zone is a fixed offset from UTC (`+08:00` for China Standard Time, which has no
/// daylight saving). A bank in a zone with daylight saving gives the offset of its booking day.
///
/// ```swift
/// var calendar = BankCalendar.china
/// calendar.holidays.insert(try Day(parsing: "2026-10-01"))
/// let due = calendar.adding(businessDays: 3, to: try Day(parsing: "2026-09-30"))
/// ```
public struct BankCalendar: Hashable, Sendable, Codable {
    /// Minutes east of UTC of the bank's booking time zone (480 for UTC+8).
    public var utcOffsetMinutes: Int
    /// Days of the week that are not business days unless listed in ``workingWeekendDays``.
    public var weekend: Set<Weekday>
    /// Public holidays: never business days.
    public var holidays: Set<Day>
    /// Weekend days on which the bank works (make-up working days).
    public var workingWeekendDays: Set<Day>

    /// Creates a calendar.
    public init(
        utcOffsetMinutes: Int,
        weekend: Set<Weekday> = [.saturday, .sunday],
        holidays: Set<Day> = [],
        workingWeekendDays: Set<Day> = []
    ) {
        self.utcOffsetMinutes = utcOffsetMinutes
        self.weekend = weekend
        self.holidays = holidays
        self.workingWeekendDays = workingWeekendDays
    }

    /// UTC+8, Saturday and Sunday off, no holidays listed yet: add the year's holidays.
    public static let china = BankCalendar(utcOffsetMinutes: 480)
    /// UTC, Saturday and Sunday off, no holidays.
    public static let utc = BankCalendar(utcOffsetMinutes: 0)

    /// The bank's calendar day at `instant`.
    public func day(of instant: Instant) -> Day {
        let local = instant.millisecondsSinceEpoch + Int64(utcOffsetMinutes) * 60_000
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        return Day(number: Int32(truncatingIfNeeded: days))
    }

    /// The instant at which `day` starts in the bank's time zone, plus `minutes` into the day.
    public func start(of day: Day, plusMinutes minutes: Int = 0) -> Instant {
        Instant(
            millisecondsSinceEpoch: (Int64(day.number) * 1440 + Int64(minutes) - Int64(utcOffsetMinutes)) * 60_000
        )
    }

    /// Whether the bank is open on `day`.
    public func isBusinessDay(_ day: Day) -> Bool {
        if holidays.contains(day) { return false }
        if workingWeekendDays.contains(day) { return true }
        return !weekend.contains(day.weekday)
    }

    /// The business day `count` business days after `day` (before it when negative).
    ///
    /// `adding(businessDays: 0, to:)` is `day` itself when it is a business day, else the next one.
    /// - Complexity: O(n) in the calendar days crossed; stops after 3660 days (no business day in ten years).
    public func adding(businessDays count: Int, to day: Day) -> Day {
        var current = day
        let step = count < 0 ? -1 : 1
        var remaining = abs(count)
        var guardDays = 3660
        if remaining == 0 {
            while !isBusinessDay(current), guardDays > 0 {
                current = current.adding(days: 1)
                guardDays -= 1
            }
            return current
        }
        while remaining > 0, guardDays > 0 {
            current = current.adding(days: step)
            guardDays -= 1
            if isBusinessDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Business days strictly after `start` up to and including `end` (negative when `end` is earlier).
    public func businessDays(from start: Day, to end: Day) -> Int {
        if end < start { return -businessDays(from: end, to: start) }
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if isBusinessDay(current) { count += 1 }
        }
        return count
    }
}
