/// A calendar day in the bank's time zone, counted from 1970-01-01 (day 0).
///
/// Scoring, maturities and birthdays work on whole days; `Day` is a 4-byte integer so columns of
/// days are compact and comparisons are single instructions. Convert to and from an ``Instant``
/// with ``BankCalendar/day(of:)`` and ``BankCalendar/start(of:plusMinutes:)``; that is the only place the
/// time zone matters.
///
/// ```swift
/// let maturity = try Day(parsing: "2026-12-31")
/// let reminder = maturity.adding(days: -15)
/// print(maturity.components)   // (year: 2026, month: 12, day: 31)
/// ```
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, Strideable {
    /// Days since 1970-01-01.
    public var number: Int32

    /// Creates a day from its number (days since 1970-01-01).
    @inlinable
    public init(number: Int32) { self.number = number }

    /// Creates a day from a proleptic Gregorian date, or `nil` when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day),
            (1...9999).contains(year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD`.
    /// - Throws: ``ValueError`` naming `field` when the text is not a date that exists.
    public init(parsing text: some StringProtocol, field: String = "date") throws(ValueError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let parts: (Int?, Int?, Int?)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            parts = (number(0..<4), number(5..<7), number(8..<10))
        } else if bytes.count == 8 {
            parts = (number(0..<4), number(4..<6), number(6..<8))
        } else {
            throw ValueError(field: field, "'\(text)' is not a date (expected YYYY-MM-DD)")
        }
        guard let y = parts.0, let m = parts.1, let d = parts.2, let day = Day(year: y, month: m, day: d) else {
            throw ValueError(field: field, "'\(text)' is not a date that exists")
        }
        self = day
    }

    /// The year, month (1-12) and day of month (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(number) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((Int(number) % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1) ?? .monday
    }

    /// The day `days` later (earlier when negative).
    @inlinable
    public func adding(days: Int) -> Day { Day(number: number &+ Int32(truncatingIfNeeded: days)) }

    /// The same calendar date `months` later, clamped to the month's last day (Jan 31 + 1 month is Feb 28/29).
    ///
    /// When the result would fall outside the years 1 to 9999 the day itself is returned; any
    /// `months`, however large, is safe to pass.
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let (total, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(months)
        guard !overflow, total >= 12 else { return self }
        let year = total / 12
        let month = total % 12 + 1
        let day = min(d, Day.daysIn(month: month, year: year))
        return Day(year: year, month: month, day: day) ?? self
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    @inlinable
    public func days(until other: Day) -> Int { Int(other.number) - Int(number) }

    /// The next occurrence on or after `self` of an annual date such as a birthday.
    ///
    /// A 29 February anniversary falls on 28 February in years that have no 29th.
    public func nextAnniversary(of date: Day) -> Day {
        let (_, month, day) = date.components
        let year = components.year
        for candidateYear in year...(year + 1) {
            let clamped = min(day, Day.daysIn(month: month, year: candidateYear))
            if let candidate = Day(year: candidateYear, month: month, day: clamped), candidate >= self {
                return candidate
            }
        }
        return self
    }

    /// Full years from `birth` to `self` (an age).
    public func years(since birth: Day) -> Int {
        let (y1, m1, d1) = birth.components
        let (y2, m2, d2) = components
        return y2 - y1 - ((m2, d2) < (m1, d1) ? 1 : 0)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Orders days in time.
    @inlinable
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    /// Days between two days.
    @inlinable
    public func distance(to other: Day) -> Int { Int(other.number) - Int(number) }

    /// The day `n` days later.
    @inlinable
    public func advanced(by n: Int) -> Day { adding(days: n) }

    /// Decodes `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Day(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A day of the week, ISO numbering (Monday is 1).
public enum Weekday: Int, Hashable, Sendable, Codable, CaseIterable {
    /// Monday.
    case monday = 1
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday
}
