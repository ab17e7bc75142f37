public import CustomerModel

/// Where a client stands on its ladder between reviews: its tier, the streaks and grace that
/// keep tiers from flapping, any warning, proposal, override or exit under way, and its review dates.
///
/// The store keeps one state per client with a version: a write names the version it read, so
/// two reviewers never overwrite each other.
public struct ClientTierState: Hashable, Sendable, Codable {
    /// The client.
    public var client: CustomerID
    /// The ladder.
    public var ladder: String
    /// The tier the policy manages (an override may show another; see ``effectiveTier``).
    public var tier: String
    /// The day the client entered ``tier``.
    public var since: Day
    /// The version of the state as stored (0 before the first write).
    public var version: Int64
    /// Consecutive evaluations meeting the entry criteria of a higher tier.
    public var upStreak: Int
    /// The tier those evaluations met (the lowest of them).
    public var upTarget: String?
    /// Consecutive evaluations failing the tier's keep criteria.
    public var downStreak: Int
    /// The first day of the current run of failed evaluations.
    public var belowSince: Day?
    /// Whether an early warning is outstanding.
    public var warned: Bool
    /// The override in force, if any.
    public var override: TierOverride?
    /// The move awaiting approval, if any.
    public var proposal: TierProposal?
    /// The exit under way, if any.
    public var exit: ExitProcess?
    /// The last review.
    public var lastReview: Day?
    /// The next review due.
    public var nextReview: Day?
    /// The policy version of the last review.
    public var policy: PolicyVersion?

    /// A new client's state on `ladder` in `tier` from `day`.
    public init(client: CustomerID, ladder: String, tier: String, since day: Day) {
        self.client = client
        self.ladder = ladder
        self.tier = tier
        self.since = day
        version = 0
        upStreak = 0
        upTarget = nil
        downStreak = 0
        belowSince = nil
        warned = false
        override = nil
        proposal = nil
        exit = nil
        lastReview = nil
        nextReview = nil
        policy = nil
    }

    /// The tier the client is served in: the override's while one is in force, else ``tier``.
    public var effectiveTier: String { override?.tier ?? tier }
}

/// A manual tier override: the tier, why, who approved it, and when it ends by itself.
public struct TierOverride: Hashable, Sendable, Codable {
    /// The tier shown and served while the override is in force.
    public var tier: String
    /// Why.
    public var reason: String
    /// Who approved it.
    public var approver: StaffID
    /// The day it was set.
    public var setOn: Day
    /// The first day it no longer applies.
    public var expires: Day

    /// Creates an override.
    public init(tier: String, reason: String, approver: StaffID, setOn: Day, expires: Day) {
        self.tier = tier
        self.reason = reason
        self.approver = approver
        self.setOn = setOn
        self.expires = expires
    }
}

/// A move awaiting approval.
public struct TierProposal: Hashable, Sendable, Codable {
    /// The tier the client is in.
    public var from: String
    /// The tier proposed.
    public var to: String
    /// Why.
    public var reason: String
    /// The day it was proposed.
    public var proposedOn: Day

    /// Creates a proposal.
    public init(from: String, to: String, reason: String, proposedOn: Day) {
        self.from = from
        self.to = to
        self.reason = reason
        self.proposedOn = proposedOn
    }
}

/// An orderly exit under way: the trigger, why, and the review at which it completes.
public struct ExitProcess: Hashable, Sendable, Codable {
    /// The exit trigger's name.
    public var trigger: String
    /// Its reason.
    public var reason: String
    /// The day it started.
    public var startedOn: Day
    /// The day from which the next review completes it (if the trigger still holds).
    public var completesOn: Day

    /// Creates an exit.
    public init(trigger: String, reason: String, startedOn: Day, completesOn: Day) {
        self.trigger = trigger
        self.reason = reason
        self.startedOn = startedOn
        self.completesOn = completesOn
    }
}
