/// One way to reach a client.
public struct ContactPoint: Hashable, Sendable, Codable {
    /// The kind of contact.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Mobile phone.
        case mobile
        /// Fixed-line phone.
        case phone
        /// E-mail.
        case email
        /// WeChat ID.
        case wechat
        /// Postal address.
        case address
    }

    /// The kind of contact.
    public var kind: Kind
    /// The number, address or handle.
    ///
    /// Personal data: never logged.
    public var value: String
    /// Whether this is the preferred contact of its kind.
    public var isPrimary: Bool

    /// Creates a contact point.
    public init(kind: Kind, value: String, isPrimary: Bool = false) {
        self.kind = kind
        self.value = value
        self.isPrimary = isPrimary
    }
}

/// A client's consent to one purpose of processing (PIPL / GDPR).
public struct Consent: Hashable, Sendable, Codable {
    /// Why the bank processes the data.
    public enum Purpose: String, Hashable, Sendable, Codable, CaseIterable {
        /// Providing the contracted service.
        case service
        /// Marketing the bank's products.
        case marketing
        /// Profiling and scoring.
        case profiling
        /// Sharing with group companies or partners.
        case sharing
    }

    /// The purpose consented to or refused.
    public var purpose: Purpose
    /// Whether consent is given.
    public var isGranted: Bool
    /// When the client gave or withdrew it.
    public var recordedAt: Instant

    /// Creates a consent record.
    public init(purpose: Purpose, isGranted: Bool, recordedAt: Instant) {
        self.purpose = purpose
        self.isGranted = isGranted
        self.recordedAt = recordedAt
    }
}

/// The client's know-your-customer status.
public struct KYCStatus: Hashable, Sendable, Codable {
    /// The due-diligence state.
    public var state: KYCState
    /// When KYC was last reviewed.
    public var reviewedOn: Day?
    /// When the next review is due.
    public var nextReviewOn: Day?

    /// Creates a KYC status.
    public init(state: KYCState, reviewedOn: Day? = nil, nextReviewOn: Day? = nil) {
        self.state = state
        self.reviewedOn = reviewedOn
        self.nextReviewOn = nextReviewOn
    }
}

/// Who serves a client: the assigned RM, the branch that books them, and the service team.
public struct Coverage: Hashable, Sendable, Codable {
    /// The assigned relationship manager.
    public var relationshipManager: StaffID?
    /// The booking branch or sub-branch (a node of the ``Organisation`` hierarchy).
    public var branch: BranchID
    /// The service team (product experts, assistants), if any.
    public var serviceTeam: [StaffID]

    /// Creates a coverage.
    public init(relationshipManager: StaffID?, branch: BranchID, serviceTeam: [StaffID] = []) {
        self.relationshipManager = relationshipManager
        self.branch = branch
        self.serviceTeam = serviceTeam
    }
}
