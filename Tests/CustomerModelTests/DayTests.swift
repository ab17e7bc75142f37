import CustomerModel
import Testing

struct DayTests {
    @Test(arguments: [
        ("1970-01-01", Int32(0)), ("2000-02-29", Int32(11_016)), ("2026-11-23", Int32(20_780)),
        ("1969-12-31", Int32(-1)),
    ])
    func parsesAndPrintsCivilDates(text: String, number: Int32) throws {
        let day = try Day(parsing: text)
        #expect(day.number == number)
        #expect(day.description == text)
    }

    @Test func compactFormParses() throws {
        #expect(try Day(parsing: "19970101") == Day(year: 1997, month: 1, day: 1))
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "yesterday", ""])
    func impossibleDatesAreTypedErrors(text: String) {
        #expect(throws: ValueError.self) { try Day(parsing: text, field: "birthDate") }
    }

    @Test func weekdayOfKnownDates() throws {
        #expect(try Day(parsing: "1970-01-01").weekday == .thursday)
        #expect(try Day(parsing: "2026-11-23").weekday == .monday)
    }

    @Test func monthArithmeticClampsToMonthEnd() throws {
        #expect(try Day(parsing: "2026-01-31").adding(months: 1) == Day(parsing: "2026-02-28"))
        #expect(try Day(parsing: "2024-01-31").adding(months: 1) == Day(parsing: "2024-02-29"))
        #expect(try Day(parsing: "2026-11-15").adding(months: -12) == Day(parsing: "2025-11-15"))
    }

    @Test func nextAnniversaryHandlesLeapDays() throws {
        let birth = try Day(parsing: "2000-02-29")
        #expect(try Day(parsing: "2026-01-10").nextAnniversary(of: birth) == Day(parsing: "2026-02-28"))
        #expect(try Day(parsing: "2026-03-01").nextAnniversary(of: birth) == Day(parsing: "2027-02-28"))
        #expect(try Day(parsing: "2027-06-01").nextAnniversary(of: birth) == Day(parsing: "2028-02-29"))
    }

    @Test func agesCountWholeYears() throws {
        let birth = try Day(parsing: "1980-06-15")
        #expect(try Day(parsing: "2026-06-14").years(since: birth) == 45)
        #expect(try Day(parsing: "2026-06-15").years(since: birth) == 46)
    }

    @Test func instantsPrintInUTC() {
        #expect(Instant(millisecondsSinceEpoch: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(Instant(millisecondsSinceEpoch: 1_795_420_800_123).description == "2026-11-23T08:00:00.123Z")
    }
}

struct BankCalendarTests {
    @Test func dayOfInstantUsesTheBankTimeZone() throws {
        // 2026-11-23 20:00 UTC is already 2026-11-24 in Beijing.
        let instant = Instant(millisecondsSinceEpoch: 1_795_464_000_000)
        #expect(BankCalendar.utc.day(of: instant) == (try Day(parsing: "2026-11-23")))
        #expect(BankCalendar.china.day(of: instant) == (try Day(parsing: "2026-11-24")))
        #expect(
            BankCalendar.china.start(of: try Day(parsing: "2026-11-24")).millisecondsSinceEpoch == 1_795_449_600_000
        )
    }

    @Test func businessDaysSkipWeekendsAndHolidaysAndHonourMakeUpDays() throws {
        var calendar = BankCalendar.china
        calendar.holidays = Set(try (1...7).map { try Day(parsing: "2026-10-0\($0)") })
        calendar.workingWeekendDays = [try Day(parsing: "2026-10-10")]  // a Saturday worked
        #expect(!calendar.isBusinessDay(try Day(parsing: "2026-10-05")))
        #expect(calendar.isBusinessDay(try Day(parsing: "2026-10-10")))
        #expect(
            calendar.adding(businessDays: 1, to: try Day(parsing: "2026-09-30")) == (try Day(parsing: "2026-10-08"))
        )
        #expect(
            calendar.adding(businessDays: 3, to: try Day(parsing: "2026-10-08")) == (try Day(parsing: "2026-10-12"))
        )
        #expect(
            calendar.adding(businessDays: -1, to: try Day(parsing: "2026-10-08")) == (try Day(parsing: "2026-09-30"))
        )
        #expect(
            calendar.adding(businessDays: 0, to: try Day(parsing: "2026-10-03")) == (try Day(parsing: "2026-10-08"))
        )
        #expect(calendar.businessDays(from: try Day(parsing: "2026-09-30"), to: try Day(parsing: "2026-10-12")) == 4)
    }
}
