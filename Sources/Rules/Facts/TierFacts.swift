public import CustomerModel

/// Each client's tier on the bank's ladders as a ``FactSource`` of one fact, `tier`.
///
/// The daily cycle assigns tiers from AUM and value score with each ladder's simple thresholds
/// (``/CustomerModel/TierLadder/tier(aum:score:)``) and hands the result to the engine; a client
/// whose tier differs from the one the engine holds fires the `on tier change` rules.
///
/// ```swift
/// var tiers = try TierFacts(ladders: catalogue.ladders)
/// tiers.assign("C-1", on: .individualVIP, aum: aum, score: 72)   // diamond
/// let firings = try engine.update(facts: tiers, at: clock.now)
/// ```
public struct TierFacts: FactSource {
    /// The ladders, whose tiers the `tier` fact ranges over.
    public let ladders: [TierLadder]
    /// The `tier` fact's declaration (its type lists every ladder's tiers).
    public let definition: FactDefinition
    /// The clients assigned so far, in assignment order.
    public private(set) var clients: [CustomerID] = []
    /// Each client's tier id (`nil`: no tier), in ``clients`` order.
    public private(set) var tiers: [String?] = []

    /// A source with no assignment yet, over `ladders` (the catalogue's, so the types agree).
    /// - Throws: ``/CustomerModel/TierLadderError`` with code `duplicateTier` when two ladders share a tier id.
    public init(ladders: [TierLadder] = TierLadder.defaults) throws(TierLadderError) {
        self.ladders = ladders
        definition = FactDefinition(
            "tier",
            .enumeration(try EnumerationType.tiers(of: ladders)),
            "Tier on the bank's ladders"
        )
    }

    /// The source's one fact, `tier`.
    public var facts: [FactDefinition] { [definition] }

    /// Gives `client` the tier `id` (or none with `nil`).
    /// - Throws: ``/CustomerModel/TierLadderError`` with code `invalidName` when no ladder has the tier.
    public mutating func assign(_ client: CustomerID, tier id: String?) throws(TierLadderError) {
        if let id, !ladders.contains(where: { $0.rank(of: id) != nil }) {
            throw TierLadderError(
                .invalidName,
                path: "tier",
                "'\(id)' is not a tier of \(ladders.map(\.name).joined(separator: " or "))"
            )
        }
        clients.append(client)
        tiers.append(id)
    }

    /// Gives `client` the highest tier of `ladder` whose thresholds `aum` and `score` meet
    /// (none when no tier admits them), and returns it.
    @discardableResult
    public mutating func assign(_ client: CustomerID, on ladder: TierLadder, aum: Money, score: Double?) -> Tier? {
        let tier = ladder.tier(aum: aum, score: score)
        clients.append(client)
        tiers.append(tier.flatMap { t in ladders.contains { $0.rank(of: t.id) != nil } ? t.id : nil })
        return tier
    }

    /// Writes the tier of the client at `index`.
    public func values(ofClientAt index: Int, into values: inout FactValues) {
        guard tiers.indices.contains(index), let id = tiers[index] else { return }
        values[0] = .enumeration(id)
    }
}
