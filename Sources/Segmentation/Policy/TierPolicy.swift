/// The policy of one tier of a ladder: its entry criteria, how they combine, whether entering
/// it needs approval, and its service model.
///
/// The lowest tier of a ladder has no criteria: every client of the ladder's kind is in it at least.
public struct TierPolicy: Hashable, Sendable {
    /// How a tier's criteria combine.
    public enum Match: String, Hashable, Sendable, Codable, CaseIterable {
        /// Every criterion must hold.
        case all
        /// One criterion is enough.
        case any
    }

    /// The tier id, a tier of the ladder.
    public var id: String
    /// The entry criteria.
    public var criteria: [TierCriterion]
    /// How the criteria combine.
    public var match: Match
    /// Whether entering the tier is proposed for approval instead of applied (committee approval
    /// of strategic clients).
    public var needsApproval: Bool
    /// What the tier's clients get.
    public var service: ServiceModel

    /// Creates a tier policy.
    /// - Parameters:
    ///   - id: a tier of the ladder.
    ///   - criteria: the entry criteria (none for the lowest tier).
    ///   - match: how they combine (all unless told).
    ///   - needsApproval: whether entering is proposed for approval.
    ///   - service: the service model.
    public init(
        id: String,
        criteria: [TierCriterion] = [],
        match: Match = .all,
        needsApproval: Bool = false,
        service: ServiceModel
    ) {
        self.id = id
        self.criteria = criteria
        self.match = match
        self.needsApproval = needsApproval
        self.service = service
    }
}
