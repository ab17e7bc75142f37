/// The unit in which recency, age and horizons are measured: a whole number of days or a fraction.
///
/// Purchases are always merged per calendar day (a client's purchases on one day count as one
/// transaction, as in Fader, Hardie & Lee 2005); the unit only scales the times, so
/// `t_x = (last repeat day − first day) / lengthInDays`. CDNOW uses weeks: 213 days is 30.43 weeks.
public struct TimeUnit: Hashable, Sendable, CustomStringConvertible {
    /// The length of one unit in days.
    public let lengthInDays: Double

    private init(unchecked lengthInDays: Double) { self.lengthInDays = lengthInDays }

    /// One day.
    public static let days = TimeUnit(unchecked: 1)
    /// Seven days (the unit of the CDNOW benchmark).
    public static let weeks = TimeUnit(unchecked: 7)

    /// A unit `lengthInDays` long, such as `30.4375` for an average month.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` unless the length is positive and finite.
    public init(lengthInDays: Double) throws(LifetimeValueError) {
        guard lengthInDays.isFinite, lengthInDays > 0 else {
            throw LifetimeValueError(
                .invalidInput,
                field: "lengthInDays",
                "a time unit must be a positive number of days"
            )
        }
        self.lengthInDays = lengthInDays
    }

    /// `7 days`.
    public var description: String { "\(lengthInDays) days" }
}
