public import CustomerModel

/// What the rules engine and the frame builder know of one client: the 360 view's slowly
/// changing parts and its balance and score history.
///
/// Facts computed by other modules (value scores, RFM, tier, churn, lifetime) are not kept here:
/// they arrive through a ``FactSource`` (``BookFactSource``, ``TierFacts``) handed to
/// ``FactFrameBuilder/frame(for:facts:transactions:interactions:on:)`` or
/// ``RuleEngine/update(facts:at:)``. Activity (transactions, interactions) flows through the
/// builder's columns or the engine's events.
public struct ClientRecord: Sendable {
    /// The golden profile.
    public var profile: CustomerProfile
    /// Holdings (open, matured and closed; the facts look at the day).
    public var holdings: [Holding]
    /// Household members seen from the client.
    public var household: [HouseholdMember]
    /// Clients this client referred.
    public var referrals: Int
    /// Balance snapshots, any order (the facts sort them).
    public var balances: [BalanceSnapshot]
    /// Value scores over time, for `score.change(...)`.
    public var scores: [ScorePoint]

    /// Creates a record.
    public init(
        profile: CustomerProfile,
        holdings: [Holding] = [],
        household: [HouseholdMember] = [],
        referrals: Int = 0,
        balances: [BalanceSnapshot] = [],
        scores: [ScorePoint] = []
    ) {
        self.profile = profile
        self.holdings = holdings
        self.household = household
        self.referrals = referrals
        self.balances = balances
        self.scores = scores
    }

    /// A record from a 360 view (its holdings, household, referrals and balances).
    public init(view: CustomerView, scores: [ScorePoint] = []) {
        self.init(
            profile: view.profile.profile,
            holdings: view.holdings,
            household: view.household,
            referrals: view.referralsMade.count,
            balances: view.balances,
            scores: scores
        )
    }
}

/// A value score on a day.
public struct ScorePoint: Hashable, Sendable {
    /// The day scored.
    public var day: Day
    /// The 0-100 score.
    public var score: Double

    /// Creates a point.
    public init(day: Day, score: Double) {
        self.day = day
        self.score = score
    }
}
