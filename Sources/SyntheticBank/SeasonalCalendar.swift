import CustomerModel

/// The shape of a year of banking activity: weekday and weekend, month ends, the Chinese New Year spending spike and
/// quiet holiday week, the October golden week, "Double 11" online shopping, summer travel and the year end.
///
/// One value per simulated day, shared by every client.
struct SeasonalCalendar: Sendable {
    /// What kind of day it is for spending.
    enum Season: UInt8, Sendable {
        case normal = 0
        /// Before Chinese New Year and at the year end: gifts, luxury, groceries.
        case festive = 1
        /// Holiday weeks and summer: air travel, hotels, travel agencies.
        case travel = 2
        /// 10 to 12 November: online shopping.
        case doubleEleven = 3
    }

    let start: Day
    let days: Int
    /// Relative activity of individuals on each day (mean about 1).
    let individualWeight: [Double]
    /// Relative activity of corporates on each day (mean about 1).
    let corporateWeight: [Double]
    let season: [Season]
    /// Chinese New Year days falling in the period or within 30 days after it.
    let newYears: [Day]
    /// Running sums of the weights: `individualSums[i]` is the sum of the first `i` days.
    let individualSums: [Double]
    let corporateSums: [Double]

    init(start: Day, days: Int) {
        self.start = start
        self.days = days
        var individual = [Double](repeating: 1, count: days)
        var corporate = [Double](repeating: 1, count: days)
        var season = [Season](repeating: .normal, count: days)
        let end = start.adding(days: days - 1)
        let (firstYear, _, _) = start.components
        let (lastYear, _, _) = end.adding(days: 30).components
        newYears = (firstYear...lastYear).compactMap { Self.chineseNewYear(of: $0) }
            .filter { $0 >= start && $0 <= end.adding(days: 30) }
        for offset in 0..<days {
            let day = start.adding(days: offset)
            let (_, month, dayOfMonth) = day.components
            let monthLength = Day.daysIn(month: month, year: day.components.year)
            var i = 1.0
            var c = 1.0
            switch day.weekday {
            case .saturday:
                i *= 1.3
                c *= 0.15
            case .sunday:
                i *= 1.2
                c *= 0.08
            default: break
            }
            if dayOfMonth > monthLength - 3 {
                i *= 1.15
                c *= month % 3 == 0 ? 2.2 : 1.8
            } else if dayOfMonth <= 3 {
                i *= 1.1
                c *= 1.2
            }
            var kind = Season.normal
            if (month == 7 && dayOfMonth >= 15) || (month == 8 && dayOfMonth <= 25) {
                i *= 1.1
                kind = .travel
            }
            if month == 10, dayOfMonth <= 7 {
                i *= 1.2
                c *= 0.2
                kind = .travel
            }
            if month == 11, (10...12).contains(dayOfMonth) {
                i *= dayOfMonth == 11 ? 2.5 : 1.5
                kind = .doubleEleven
            }
            if month == 12, dayOfMonth >= 20 {
                i *= 1.3
                c *= 1.5
                kind = .festive
            }
            for newYear in newYears {
                let distance = day.days(until: newYear)  // positive before New Year
                if (1...21).contains(distance) {
                    i *= 1.6
                    c *= 1.3
                    kind = .festive
                } else if (-6...0).contains(distance) {
                    i *= 0.9
                    c *= 0.2
                    kind = .travel
                }
            }
            individual[offset] = i
            corporate[offset] = c
            season[offset] = kind
        }
        individualWeight = individual
        corporateWeight = corporate
        self.season = season
        var sums = [0.0]
        for weight in individual { sums.append(sums[sums.count - 1] + weight) }
        individualSums = sums
        sums = [0.0]
        for weight in corporate { sums.append(sums[sums.count - 1] + weight) }
        corporateSums = sums
    }

    /// The sum of the weights of the days from `from` through `through` (clamped to the period).
    func weight(corporate: Bool, from: Day, through: Day) -> Double {
        let sums = corporate ? corporateSums : individualSums
        let low = min(max(0, start.days(until: from)), days)
        let high = min(max(0, start.days(until: through) + 1), days)
        return high > low ? sums[high] - sums[low] : 0
    }

    /// Chinese New Year (Spring Festival) of `year`, for 2010 to 2040; 1 February otherwise.
    static func chineseNewYear(of year: Int) -> Day? {
        let table: [Int: (Int, Int)] = [
            2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19),
            2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12),
            2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6),
            2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31),
            2034: (2, 19), 2035: (2, 8), 2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24),
            2040: (2, 12),
        ]
        let (month, day) = table[year] ?? (2, 1)
        return Day(year: year, month: month, day: day)
    }

    /// The last Monday-to-Friday day of the month that contains `day`.
    static func lastWeekday(ofMonthOf day: Day) -> Day {
        let (year, month, _) = day.components
        var last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? day
        while last.weekday == .saturday || last.weekday == .sunday { last = last.adding(days: -1) }
        return last
    }

    /// The first day of each month that overlaps `from...through`.
    static func months(from: Day, through: Day) -> [Day] {
        guard from <= through else { return [] }
        let (year, month, _) = from.components
        var current = Day(year: year, month: month, day: 1) ?? from
        var result: [Day] = []
        while current <= through {
            result.append(current)
            current = current.adding(months: 1)
        }
        return result
    }
}
