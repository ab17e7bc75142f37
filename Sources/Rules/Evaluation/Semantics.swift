import CustomerModel

/// The value semantics every evaluator shares, so the scalar, batch and explain paths agree.
///
/// **Missing values.** An int-stored value is missing when it is `Int64.min`, a double when it is
/// NaN. Arithmetic with a missing operand is missing; overflow, division by zero and a
/// non-finite result are missing. Every comparison (`=`, `!=`, `<` ... and `in`, `not in`) with
/// a missing operand is **false**; `not` flips a condition as computed, so `not (aum > 5m CNY)` holds
/// for a client whose AUM is missing. `is missing` and `is not missing` test explicitly.
enum Semantics {
    static let missing = Int64.min

    @inline(__always) static func add(_ a: Int64, _ b: Int64) -> Int64 {
        if a == missing || b == missing { return missing }
        let (s, o) = a.addingReportingOverflow(b)
        return o ? missing : s
    }

    @inline(__always) static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        if a == missing || b == missing { return missing }
        let (s, o) = a.subtractingReportingOverflow(b)
        return o ? missing : s
    }

    @inline(__always) static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        if a == missing || b == missing { return missing }
        let (s, o) = a.multipliedReportingOverflow(by: b)
        return o ? missing : s
    }

    @inline(__always) static func negate(_ a: Int64) -> Int64 { a == missing ? missing : 0 &- a }

    @inline(__always) static func finite(_ x: Double) -> Double { x.isFinite ? x : .nan }

    @inline(__always) static func toDouble(_ a: Int64) -> Double { a == missing ? .nan : Double(a) }

    /// Money times a factor, rounded half away from zero to the minor unit.
    @inline(__always) static func scale(_ a: Int64, by d: Double) -> Int64 {
        if a == missing { return missing }
        let r = (Double(a) * d).rounded()
        guard r.isFinite, abs(r) < 9.2e18 else { return missing }
        return Int64(r)
    }

    @inline(__always) static func scale(_ a: Int64, dividedBy d: Double) -> Int64 {
        if d == 0 || d.isNaN { return missing }
        return scale(a, by: 1 / d)
    }

    @inline(__always) static func ratio(_ a: Int64, _ b: Int64) -> Double {
        if a == missing || b == missing || b == 0 { return .nan }
        return Double(a) / Double(b)
    }

    @inline(__always) static func compare(_ cmp: UInt8, _ a: Int64, _ b: Int64) -> Bool {
        if a == missing || b == missing { return false }
        switch cmp {
        case 0: return a == b
        case 1: return a != b
        case 2: return a < b
        case 3: return a <= b
        case 4: return a > b
        default: return a >= b
        }
    }

    @inline(__always) static func compare(_ cmp: UInt8, _ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return false }
        switch cmp {
        case 0: return a == b
        case 1: return a != b
        case 2: return a < b
        case 3: return a <= b
        case 4: return a > b
        default: return a >= b
        }
    }

    /// Day number `a` moved by `literal` (backwards when told) on `calendar`; missing stays missing.
    static func shift(_ a: Int64, by literal: DurationLiteral, backwards: Bool, on calendar: BankCalendar) -> Int64 {
        guard a != missing, let number = Int32(exactly: a) else { return missing }
        let day = Day(number: number)
        let n = backwards ? -literal.amount : literal.amount
        let moved: Day
        switch literal.unit {
        case .days: moved = day.adding(days: n)
        case .weeks: moved = day.adding(days: 7 * n)
        case .months: moved = day.adding(months: n)
        case .years: moved = day.adding(months: 12 * n)
        case .businessDays: moved = calendar.adding(businessDays: n, to: day)
        }
        return Int64(moved.number)
    }

    /// Whether sorted `set` contains `value` (binary search; the sets are short).
    @inline(__always) static func contains(_ set: UnsafeBufferPointer<Int64>, _ value: Int64) -> Bool {
        var low = 0
        var high = set.count
        while low < high {
            let mid = (low + high) >> 1
            if set[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < set.count && set[low] == value
    }
}
