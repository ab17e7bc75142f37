/// An amount of money in integer minor units of one currency (fen for CNY, cents for USD).
///
/// Money is never a floating-point number in Clientele. Arithmetic between two amounts of
/// different currencies is not defined; use ``adding(_:)`` which reports the mismatch, or convert
/// at the edge with the host's FX rates.
///
/// ```swift
/// let deposit = Money(minorUnits: 5_000_000_00, currency: .cny)   // CNY 5,000,000.00
/// print(deposit)                                                  // "CNY 5000000.00"
/// ```
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in minor units (two decimal places for every currency Clientele ships).
    public var minorUnits: Int64
    /// The currency of the amount.
    public var currency: CurrencyCode

    /// Creates an amount from minor units.
    @inlinable
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Creates an amount from whole major units (`Money(major: 100, currency: .cny)` is CNY 100.00).
    @inlinable
    public init(major: Int64, currency: CurrencyCode) {
        self.init(minorUnits: major &* 100, currency: currency)
    }

    /// Zero in `currency`.
    @inlinable
    public static func zero(_ currency: CurrencyCode) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Parses a decimal amount such as `1234.5`, `-20`, or `1,000,000.00` in `currency`.
    ///
    /// At most two decimal places are accepted; more would silently lose money.
    /// - Throws: ``ValueError`` naming `field` when the text is not a decimal amount or overflows.
    public init(parsing text: some StringProtocol, currency: CurrencyCode, field: String = "amount") throws(ValueError)
    {
        var negative = false
        var units: Int64 = 0
        var decimals = -1
        var digits = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: continue
            case UInt8(ascii: ",") where decimals < 0: continue
            case UInt8(ascii: ".") where decimals < 0: decimals = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if decimals >= 0 {
                    decimals += 1
                    if decimals > 2 { throw ValueError(field: field, "more than two decimal places") }
                }
                let (m, o1) = units.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(byte - 48))
                if o1 || o2 { throw ValueError(field: field, "amount is too large") }
                units = s
                digits += 1
            case UInt8(ascii: " ") where true: continue
            default:
                throw ValueError(field: field, "'\(text)' is not a decimal amount")
            }
        }
        guard digits > 0 else { throw ValueError(field: field, "'\(text)' is not a decimal amount") }
        let scale: Int64 = decimals <= 0 ? 100 : (decimals == 1 ? 10 : 1)
        let (scaled, overflow) = units.multipliedReportingOverflow(by: scale)
        if overflow { throw ValueError(field: field, "amount is too large") }
        self.init(minorUnits: negative ? -scaled : scaled, currency: currency)
    }

    /// The sum of two amounts of the same currency, or `nil` when the currencies differ or it overflows.
    @inlinable
    public func adding(_ other: Money) -> Money? {
        guard currency == other.currency else { return nil }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        return overflow ? nil : Money(minorUnits: sum, currency: currency)
    }

    /// The amount with its sign reversed.
    @inlinable
    public var negated: Money { Money(minorUnits: 0 &- minorUnits, currency: currency) }

    /// The amount in major units as a `Double`, for display and scoring only (never for booking).
    @inlinable
    public var majorUnits: Double { Double(minorUnits) / 100 }

    /// `CNY 1234.50`.
    public var description: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(currency) \(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
