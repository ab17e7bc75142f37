/// A decimal number as written: an integer mantissa, its decimal places and a magnitude.
///
/// `1.5m` is mantissa 15, scale 1, multiplier 1 000 000. Keeping the digits exact lets a money
/// literal become integer minor units without a floating-point round trip.
struct NumberLiteral: Hashable, Sendable, CustomStringConvertible {
    /// The digits without the decimal point.
    var mantissa: Int64
    /// How many of the digits are after the decimal point.
    var scale: Int
    /// The magnitude suffix: 1, 1 000 (`k`), 1 000 000 (`m`) or 1 000 000 000 (`bn`).
    var multiplier: Int64

    /// Creates a literal.
    init(mantissa: Int64, scale: Int = 0, multiplier: Int64 = 1) {
        self.mantissa = mantissa
        self.scale = scale
        self.multiplier = multiplier
    }

    /// The value as a `Double`.
    var doubleValue: Double {
        var value = Double(mantissa) * Double(multiplier)
        for _ in 0..<scale { value /= 10 }
        return value
    }

    /// The value as an exact integer, or `nil` when it has a fraction or overflows.
    var integerValue: Int64? { scaled(by: 1) }

    /// The value times `factor` as an exact integer (`1.5m` scaled by 100 is 150 000 000 minor
    /// units), or `nil` when the result has a fraction or overflows.
    func scaled(by factor: Int64) -> Int64? {
        let (m1, o1) = mantissa.multipliedReportingOverflow(by: multiplier)
        let (m2, o2) = m1.multipliedReportingOverflow(by: factor)
        if o1 || o2 { return nil }
        var divisor: Int64 = 1
        for _ in 0..<scale {
            let (d, o) = divisor.multipliedReportingOverflow(by: 10)
            if o { return nil }
            divisor = d
        }
        guard m2 % divisor == 0 else { return nil }
        return m2 / divisor
    }

    /// The literal as written, normalised (`1.5m`).
    var description: String {
        var digits = String(mantissa)
        if scale > 0 {
            while digits.count <= scale { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        switch multiplier {
        case 1_000: return digits + "k"
        case 1_000_000: return digits + "m"
        case 1_000_000_000: return digits + "bn"
        default: return digits
        }
    }
}

/// A length of time as written: `15d`, `2w`, `3mo`, `1y`, `10bd`.
///
/// Months and years are calendar months and years, business days come from the bank calendar;
/// a duration is turned into days only when a rule is evaluated, counting back from the
/// evaluation day (so `1mo` on 31 March is the 28 or 29 days back to the last day of February).
public struct DurationLiteral: Hashable, Sendable, CustomStringConvertible {
    /// How many units.
    public var amount: Int
    /// The unit.
    public var unit: DurationUnit

    /// Creates a duration.
    public init(_ amount: Int, _ unit: DurationUnit) {
        self.amount = amount
        self.unit = unit
    }

    /// `15d`, `3mo`.
    public var description: String { "\(amount)\(unit.rawValue)" }
}

/// The unit of a ``DurationLiteral``.
public enum DurationUnit: String, Hashable, Sendable, CaseIterable {
    /// Calendar days (`d`).
    case days = "d"
    /// Weeks of seven days (`w`).
    case weeks = "w"
    /// Calendar months (`mo`).
    case months = "mo"
    /// Calendar years (`y`).
    case years = "y"
    /// Business days of the bank calendar (`bd`).
    case businessDays = "bd"
}
