/// One rung of a ``TierLadder``: its id as rules write it, its name for people, and the simple
/// entry thresholds a client must meet to hold it.
///
/// ```swift
/// let gold = Tier(id: "gold", displayName: "Gold", minimumAUM: Money(major: 100_000, currency: .cny), minimumScore: 20)
/// ```
public struct Tier: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as written in rules (`tier >= "platinum"`): lower-case letters, digits and `_`, starting with a letter.
    public var id: String
    /// The name shown to people ("Private Banking").
    public var displayName: String
    /// The least assets under management a client must hold to enter the tier.
    public var minimumAUM: Money
    /// The least value score (0-100) a client must have to enter the tier.
    public var minimumScore: Double

    /// Creates a tier.
    public init(id: String, displayName: String, minimumAUM: Money, minimumScore: Double = 0) {
        self.id = id
        self.displayName = displayName
        self.minimumAUM = minimumAUM
        self.minimumScore = minimumScore
    }

    /// Whether a client with `aum` and `score` meets the tier's thresholds (AUM in another
    /// currency never does; a missing score counts as 0).
    public func admits(aum: Money, score: Double?) -> Bool {
        aum.currency == minimumAUM.currency && aum.minorUnits >= minimumAUM.minorUnits
            && (score ?? 0) >= minimumScore
    }

    /// The id.
    public var description: String { id }
}
