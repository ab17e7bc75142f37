/// A credit rating on the bank's internal scale, best first: `AAA`, `AA`, `A`, `BBB`, `BB`, `B`,
/// `CCC`, `CC`, `C`, `D`.
public enum CreditRating: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Highest quality.
    case aaa = "AAA"
    /// Very high quality.
    case aa = "AA"
    /// High quality.
    case a = "A"
    /// Good, lowest investment grade.
    case bbb = "BBB"
    /// Speculative.
    case bb = "BB"
    /// Highly speculative.
    case b = "B"
    /// Substantial risk.
    case ccc = "CCC"
    /// Very high risk.
    case cc = "CC"
    /// Near default.
    case c = "C"
    /// In default.
    case d = "D"

    /// 1 for `AAA` up to 10 for `D`.
    public var notch: Int { Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 10 }

    /// A rating is "less" when it is better (`AAA < BBB`).
    public static func < (lhs: CreditRating, rhs: CreditRating) -> Bool { lhs.notch < rhs.notch }
}
