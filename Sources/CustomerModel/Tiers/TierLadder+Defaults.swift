extension TierLadder {
    /// The individual VIP ladder in CNY, lowest first: `mass` (everyone), `gold` (AUM from
    /// CNY 100,000), `platinum` (from CNY 500,000), `diamond` (from CNY 2 million) and
    /// `private_banking` (from CNY 6 million, the usual private-banking entry in China).
    ///
    /// The score
    /// thresholds (0, 0, 20, 30, 40) keep a tier from being held on assets alone by a client the
    /// value model rates very low.
    public static let individualVIP = TierLadder(
        validated: "individual-vip",
        [
            Tier(id: "mass", displayName: "Mass", minimumAUM: .zero(.cny), minimumScore: 0),
            Tier(id: "gold", displayName: "Gold", minimumAUM: Money(major: 100_000, currency: .cny), minimumScore: 0),
            Tier(
                id: "platinum",
                displayName: "Platinum",
                minimumAUM: Money(major: 500_000, currency: .cny),
                minimumScore: 20
            ),
            Tier(
                id: "diamond",
                displayName: "Diamond",
                minimumAUM: Money(major: 2_000_000, currency: .cny),
                minimumScore: 30
            ),
            Tier(
                id: "private_banking",
                displayName: "Private Banking",
                minimumAUM: Money(major: 6_000_000, currency: .cny),
                minimumScore: 40
            ),
        ]
    )

    /// The strategic corporate ladder in CNY, lowest first: `ecosystem` (everyone), `potential`
    /// (score from 40), `key` (AUM from CNY 10 million and score from 60) and `core` (AUM from
    /// CNY 50 million and score from 75).
    public static let strategicCorporate = TierLadder(
        validated: "strategic-corporate",
        [
            Tier(id: "ecosystem", displayName: "Ecosystem", minimumAUM: .zero(.cny), minimumScore: 0),
            Tier(id: "potential", displayName: "Potential", minimumAUM: .zero(.cny), minimumScore: 40),
            Tier(id: "key", displayName: "Key", minimumAUM: Money(major: 10_000_000, currency: .cny), minimumScore: 60),
            Tier(
                id: "core",
                displayName: "Core",
                minimumAUM: Money(major: 50_000_000, currency: .cny),
                minimumScore: 75
            ),
        ]
    )

    /// The library's own ladders, checked by the tests; no validation at run time.
    private init(validated name: String, _ tiers: [Tier]) {
        self.name = name
        self.tiers = tiers
    }
}

extension TierLadder {
    /// The library's default ladders: ``individualVIP`` and ``strategicCorporate``.
    public static let defaults: [TierLadder] = [.individualVIP, .strategicCorporate]
}
