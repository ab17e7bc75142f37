/// One client's golden profile: identity, natural attributes, contacts and consent, risk and
/// credit, coverage, corporate attributes and tags.
///
/// The profile is the slowly changing part of the 360 view. Accounts, holdings and relationships
/// are records of their own in the ``CustomerStore``; transactions, interactions and balances are
/// activity in the ``ActivityStore``. ``CustomerView`` puts them together.
///
/// A profile merged from several systems lists every ``SourceIdentity`` it came from.
public struct CustomerProfile: Hashable, Sendable, Codable, Identifiable {
    /// The bank-wide client identifier.
    public var id: CustomerID
    /// Person or organisation.
    public var kind: CustomerKind
    /// Full name (person) or registered name (organisation).
    ///
    /// Personal data.
    public var name: String
    /// The client's numbers in each source system.
    public var sourceIdentities: [SourceIdentity]
    /// National ID number (individuals).
    ///
    /// Personal data, never logged.
    public var nationalID: String?
    /// Birth date (individuals) or founding date (organisations).
    public var birthDate: Day?
    /// Marital status.
    public var maritalStatus: MaritalStatus?
    /// Wedding anniversary, when married.
    public var weddingDate: Day?
    /// Children and their education stage.
    public var children: [Child]
    /// Occupation ("physician", "software engineer").
    public var occupation: String?
    /// Position in their organisation.
    public var position: Position?
    /// Industry the client works in or operates in.
    public var industry: String?
    /// Ways to reach the client.
    public var contacts: [ContactPoint]
    /// Consent to each purpose of processing.
    public var consents: [Consent]
    /// Risk appetite from the suitability assessment.
    public var riskAppetite: RiskAppetite?
    /// Internal credit rating.
    public var creditRating: CreditRating?
    /// Know-your-customer status.
    public var kyc: KYCStatus?
    /// RM, branch and service team.
    public var coverage: Coverage
    /// The day the client signed with the bank (for signing anniversaries).
    public var onboardedOn: Day?
    /// Attributes of corporate clients; `nil` for individuals.
    public var corporate: CorporateAttributes?
    /// Labels, each with its source and expiry.
    public var tags: [Tag]

    /// Creates a profile.
    ///
    /// Only the identifier, kind, name and coverage are required.
    public init(
        id: CustomerID,
        kind: CustomerKind,
        name: String,
        coverage: Coverage,
        sourceIdentities: [SourceIdentity] = [],
        nationalID: String? = nil,
        birthDate: Day? = nil,
        maritalStatus: MaritalStatus? = nil,
        weddingDate: Day? = nil,
        children: [Child] = [],
        occupation: String? = nil,
        position: Position? = nil,
        industry: String? = nil,
        contacts: [ContactPoint] = [],
        consents: [Consent] = [],
        riskAppetite: RiskAppetite? = nil,
        creditRating: CreditRating? = nil,
        kyc: KYCStatus? = nil,
        onboardedOn: Day? = nil,
        corporate: CorporateAttributes? = nil,
        tags: [Tag] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.coverage = coverage
        self.sourceIdentities = sourceIdentities
        self.nationalID = nationalID
        self.birthDate = birthDate
        self.maritalStatus = maritalStatus
        self.weddingDate = weddingDate
        self.children = children
        self.occupation = occupation
        self.position = position
        self.industry = industry
        self.contacts = contacts
        self.consents = consents
        self.riskAppetite = riskAppetite
        self.creditRating = creditRating
        self.kyc = kyc
        self.onboardedOn = onboardedOn
        self.corporate = corporate
        self.tags = tags
    }

    /// The client's age in whole years on `day`, when the birth date is known.
    public func age(on day: Day) -> Int? { birthDate.map { day.years(since: $0) } }

    /// Whether the client has granted consent for `purpose` (no record means no consent).
    public func hasConsent(for purpose: Consent.Purpose) -> Bool {
        consents.last(where: { $0.purpose == purpose })?.isGranted ?? false
    }

    /// Whether the client carries an active tag named `name` on `day`.
    public func hasTag(_ name: String, on day: Day) -> Bool {
        tags.contains { $0.name == name && $0.isActive(on: day) }
    }

    /// The primary contact of `kind`, or the first one.
    public func contact(_ kind: ContactPoint.Kind) -> ContactPoint? {
        contacts.first { $0.kind == kind && $0.isPrimary } ?? contacts.first { $0.kind == kind }
    }
}

/// A stored profile with its version, the token for optimistic concurrency.
public struct VersionedProfile: Hashable, Sendable, Codable {
    /// The profile.
    public var profile: CustomerProfile
    /// The version stored; the first write stores version 1.
    public var version: Int64

    /// Creates a versioned profile.
    public init(profile: CustomerProfile, version: Int64) {
        self.profile = profile
        self.version = version
    }
}

/// One write of a profile: the new profile and the version the writer last read.
public struct ProfileChange: Hashable, Sendable, Codable {
    /// The profile to store.
    public var profile: CustomerProfile
    /// The version the writer read, or `nil` to create a client that must not exist yet.
    public var expectedVersion: Int64?

    /// Creates a change.
    public init(_ profile: CustomerProfile, expectedVersion: Int64?) {
        self.profile = profile
        self.expectedVersion = expectedVersion
    }
}
