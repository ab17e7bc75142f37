/// A named, ordered list of tiers the bank defines, lowest first: an individual VIP ladder
/// (mass < gold < platinum < diamond < private banking) or the strategic corporate tiers
/// (ecosystem < potential < key < core).
///
/// A ladder is data: load it from JSON (``init(json:)``) or build it in code; it is validated
/// when made (non-empty, unique ids, thresholds ascending, one currency), so a ladder in hand is
/// always usable. Rules compiled with a ladder can compare tiers by rank (`tier >= "platinum"`)
/// and react to moves (`on tier change from "diamond"`).
///
/// ```swift
/// let ladder = TierLadder.individualVIP
/// ladder.tier(aum: Money(major: 3_000_000, currency: .cny), score: 55)?.id   // "diamond"
/// ```
///
/// The thresholds are deliberately simple (minimum AUM and minimum value score), so a daily cycle
/// can assign tiers before segmentation rules with hysteresis replace them.
public struct TierLadder: Hashable, Sendable, CustomStringConvertible {
    /// The ladder's name (`individual-vip`).
    public let name: String
    /// The tiers, lowest first.
    public let tiers: [Tier]

    /// Creates a ladder, validating it.
    /// - Throws: ``TierLadderError``: `empty` without tiers, `invalidName` for an empty ladder
    ///   name or an id that is not a rule word, `duplicateTier` for an id given twice,
    ///   `mixedCurrency` when the AUM thresholds differ in currency, `invalidThreshold` for a
    ///   negative amount or a score outside 0...100, `thresholdsNotAscending` when a tier's
    ///   thresholds are below the tier beneath it or equal to them in both.
    public init(name: String, tiers: [Tier]) throws(TierLadderError) {
        try Self.validate(name: name, tiers: tiers)
        self.name = name
        self.tiers = tiers
    }

    /// The ids, lowest first.
    public var ids: [String] { tiers.map(\.id) }

    /// The rank of tier `id` (0 for the lowest), or `nil` when the ladder has no such tier.
    public func rank(of id: String) -> Int? { tiers.firstIndex { $0.id == id } }

    /// The tier `id`, or `nil`.
    public subscript(id: String) -> Tier? { tiers.first { $0.id == id } }

    /// The highest tier whose thresholds `aum` and `score` meet, or `nil` when none (AUM in another
    /// currency than the ladder's, or below the lowest tier's threshold).
    /// - Complexity: O(tiers).
    public func tier(aum: Money, score: Double?) -> Tier? {
        tiers.last { $0.admits(aum: aum, score: score) }
    }

    /// `individual-vip: mass < gold < platinum`.
    public var description: String { "\(name): \(ids.joined(separator: " < "))" }

    static func validate(name: String, tiers: [Tier]) throws(TierLadderError) {
        guard !name.isEmpty else { throw TierLadderError(.invalidName, path: "name", "a ladder needs a name") }
        guard let first = tiers.first else {
            throw TierLadderError(.empty, path: "tiers", "a ladder needs at least one tier")
        }
        var seen: Set<String> = []
        for (i, tier) in tiers.enumerated() {
            let path = "tiers[\(i)]"
            guard isRuleWord(tier.id) else {
                throw TierLadderError(
                    .invalidName,
                    path: path + ".id",
                    "a tier id is lower-case letters, digits and '_', starting with a letter, as in private_banking"
                )
            }
            guard !tier.displayName.isEmpty else {
                throw TierLadderError(.invalidName, path: path + ".displayName", "a tier needs a display name")
            }
            guard seen.insert(tier.id).inserted else {
                throw TierLadderError(.duplicateTier, path: path + ".id", "the tier '\(tier.id)' is listed twice")
            }
            guard tier.minimumAUM.currency == first.minimumAUM.currency else {
                throw TierLadderError(
                    .mixedCurrency,
                    path: path + ".minimumAUM",
                    "every threshold must be in \(first.minimumAUM.currency), not \(tier.minimumAUM.currency)"
                )
            }
            guard tier.minimumAUM.minorUnits >= 0 else {
                throw TierLadderError(.invalidThreshold, path: path + ".minimumAUM", "a minimum AUM is not negative")
            }
            guard tier.minimumScore.isFinite, (0...100).contains(tier.minimumScore) else {
                throw TierLadderError(.invalidThreshold, path: path + ".minimumScore", "a minimum score is 0 to 100")
            }
            if i > 0 {
                let below = tiers[i - 1]
                let aumUp = tier.minimumAUM.minorUnits >= below.minimumAUM.minorUnits
                let scoreUp = tier.minimumScore >= below.minimumScore
                let same = tier.minimumAUM == below.minimumAUM && tier.minimumScore == below.minimumScore
                guard aumUp, scoreUp, !same else {
                    throw TierLadderError(
                        .thresholdsNotAscending,
                        path: path,
                        "'\(tier.id)' must ask more than '\(below.id)' beneath it: thresholds ascend up the ladder"
                    )
                }
            }
        }
    }

    /// Whether `word` is an identifier rules can write: `[a-z][a-z0-9_]*`.
    static func isRuleWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
