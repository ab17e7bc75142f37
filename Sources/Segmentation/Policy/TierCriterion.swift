/// One entry criterion of a tier, in the rule condition language: the condition a client must
/// meet to enter the tier, and the weaker one it must keep meeting to stay (the hysteresis band).
///
/// Write a criterion either as a threshold on one fact, which lets an early warning say how far
/// the client is from it ("CNY 1.2m more AUM"), or as any condition:
///
/// ```swift
/// let assets = TierCriterion(name: "assets", fact: "aum", atLeast: "2000000", keepAtLeast: "1600000")
/// let rating = TierCriterion(name: "rating", condition: "credit_rating >= bbb", keep: "credit_rating >= bb")
/// ```
public struct TierCriterion: Hashable, Sendable {
    /// The criterion's name, unique within its tier (`assets`, `value`).
    public var name: String
    /// The condition to enter the tier, in the rule condition language.
    public var entry: String
    /// The condition to stay in the tier once in it; the entry condition when `nil` (no band).
    public var keep: String?
    /// The threshold form, when the criterion was written as one.
    public var threshold: Threshold?

    /// A threshold on one fact: at least ``atLeast`` to enter, at least ``keepAtLeast`` to stay.
    public struct Threshold: Hashable, Sendable {
        /// The fact (`aum`, `score`, `corporate.profit_contribution`).
        public var fact: String
        /// The entry threshold as a decimal in the fact's unit (major units of money; percent
        /// points for percentages).
        public var atLeast: String
        /// The threshold to stay, lower than or equal to ``atLeast``; ``atLeast`` when `nil`.
        public var keepAtLeast: String?

        /// Creates a threshold.
        public init(fact: String, atLeast: String, keepAtLeast: String? = nil) {
            self.fact = fact
            self.atLeast = atLeast
            self.keepAtLeast = keepAtLeast
        }
    }

    /// A criterion written as conditions.
    /// - Parameters:
    ///   - name: unique within the tier.
    ///   - condition: the entry condition.
    ///   - keep: the condition to stay; the entry condition when `nil`.
    public init(name: String, condition: String, keep: String? = nil) {
        self.name = name
        self.entry = condition
        self.keep = keep
        self.threshold = nil
    }

    /// A criterion written as a threshold on one fact; its conditions are `fact >= atLeast` and
    /// `fact >= keepAtLeast`, with the fact's currency or percent sign added when it has one.
    /// - Parameters:
    ///   - name: unique within the tier.
    ///   - fact: the fact compared.
    ///   - atLeast: the entry threshold, a decimal such as `2000000` or `1.5`.
    ///   - keepAtLeast: the threshold to stay; `atLeast` when `nil`.
    public init(name: String, fact: String, atLeast: String, keepAtLeast: String? = nil) {
        self.name = name
        self.threshold = Threshold(fact: fact, atLeast: atLeast, keepAtLeast: keepAtLeast)
        self.entry = ""
        self.keep = nil
    }

    /// Whether the criterion has a band (a keep condition or threshold weaker than its entry).
    public var hasBand: Bool {
        if let threshold { return threshold.keepAtLeast.map { $0 != threshold.atLeast } ?? false }
        return keep.map { $0 != entry } ?? false
    }
}
