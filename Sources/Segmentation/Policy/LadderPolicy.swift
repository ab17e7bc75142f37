public import CustomerModel

/// The policy of one tier ladder: which clients it applies to and each tier's criteria and
/// service model, lowest tier first.
///
/// The ladder itself (ids, names, order) is a ``/CustomerModel/TierLadder``: the same data the
/// rules compare tiers with (`tier >= "diamond"`).
public struct LadderPolicy: Hashable, Sendable {
    /// The ladder.
    public var ladder: TierLadder
    /// The kind of client the ladder applies to.
    public var kind: CustomerKind
    /// One policy per tier of the ladder, in the ladder's order.
    public var tiers: [TierPolicy]

    /// Creates a ladder policy.
    /// - Parameters:
    ///   - ladder: the ladder.
    ///   - kind: the kind of client it applies to.
    ///   - tiers: one policy per tier, in the ladder's order.
    public init(ladder: TierLadder, kind: CustomerKind, tiers: [TierPolicy]) {
        self.ladder = ladder
        self.kind = kind
        self.tiers = tiers
    }

    /// The policy of tier `id`.
    public subscript(id: String) -> TierPolicy? { tiers.first { $0.id == id } }

    /// The rank of tier `id` (0 for the lowest).
    public func rank(of id: String) -> Int? { ladder.rank(of: id) }
}
