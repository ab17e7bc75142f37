public import CustomerModel

/// The moves a draft policy would make if adopted now, with counts by tier pair, branch and relationship manager.
///
/// Nothing is recorded.
public struct DryRunReport: Hashable, Sendable {
    /// One move the draft would make.
    public struct Move: Hashable, Sendable {
        /// The client.
        public var client: CustomerID
        /// The tier now.
        public var from: String?
        /// The tier the draft would give.
        public var to: String?
        /// What kind of event it would be (upgraded, downgraded, approved is never in a dry run).
        public var kind: TierEvent.Kind
        /// The booking branch.
        public var branch: BranchID
        /// The relationship manager.
        public var relationshipManager: StaffID?
        /// Why.
        public var reason: String
    }

    /// The draft's identifier.
    public var policy: PolicyVersion
    /// The day.
    public var day: Day
    /// Every move, in the book's order.
    public var moves: [Move]
    /// Proposals the draft would put to the approvers (as events).
    public var proposals: [TierEvent]
    /// Warnings the draft would send.
    public var warnings: [TierEvent]

    /// Moves by `from -> to`.
    public var byTierPair: [String: Int] { count { "\($0.from ?? "none") -> \($0.to ?? "none")" } }
    /// Moves by branch.
    public var byBranch: [String: Int] { count { $0.branch.rawValue } }
    /// Moves by relationship manager (`none` for clients without one).
    public var byRelationshipManager: [String: Int] { count { $0.relationshipManager?.rawValue ?? "none" } }

    private func count(_ key: (Move) -> String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for move in moves { counts[key(move), default: 0] += 1 }
        return counts
    }
}
