/// A number of points as printed: an exact count of hundredths of a point (`73.45` is 7345).
///
/// Scores, dimension scores and contributions are ``ScorePoints`` so that sums an RM adds up by
/// hand come out exactly as printed (see ``CustomerScore``).
public struct ScorePoints: Hashable, Sendable, Comparable, CustomStringConvertible, AdditiveArithmetic {
    /// The points in hundredths.
    public var hundredths: Int

    /// Creates points from hundredths.
    public init(hundredths: Int) { self.hundredths = hundredths }

    /// No points.
    public static let zero = ScorePoints(hundredths: 0)

    /// The points as a number (`73.45`).
    public var value: Double { Double(hundredths) / 100 }

    /// `73.45`, `-0.05`, `100.00`.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Orders by value.
    public static func < (lhs: ScorePoints, rhs: ScorePoints) -> Bool { lhs.hundredths < rhs.hundredths }

    /// The sum.
    public static func + (lhs: ScorePoints, rhs: ScorePoints) -> ScorePoints {
        ScorePoints(hundredths: lhs.hundredths + rhs.hundredths)
    }

    /// The difference.
    public static func - (lhs: ScorePoints, rhs: ScorePoints) -> ScorePoints {
        ScorePoints(hundredths: lhs.hundredths - rhs.hundredths)
    }
}
