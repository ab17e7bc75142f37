/// How two parties are related.
public enum RelationshipKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Husband or wife.
    case spouse
    /// Son or daughter.
    case child
    /// Father or mother.
    case parent
    /// Brother or sister.
    case sibling
    /// Another relative in the household.
    case otherFamily
    /// The client controls the enterprise (owner, major shareholder).
    case controls
    /// The client is a director or executive of the enterprise.
    case directs
    /// The client is a minority shareholder.
    case shareholder
    /// Upstream partner (supplier) of a corporate client.
    case supplier
    /// Downstream partner (buyer, distributor) of a corporate client.
    case buyer
    /// Guarantor.
    case guarantor

    /// Whether the relationship makes the party part of the client's household.
    public var isHousehold: Bool {
        switch self {
        case .spouse, .child, .parent, .sibling, .otherFamily: true
        default: false
        }
    }

    /// Whether the relationship ties the client to an enterprise.
    public var isEnterprise: Bool {
        switch self {
        case .controls, .directs, .shareholder, .supplier, .buyer: true
        default: false
        }
    }
}

/// The other end of a relationship: a client of the bank, or a person or enterprise that is not one.
public struct RelatedParty: Hashable, Sendable, Codable {
    /// The party's client identifier when the party banks with us.
    public var customer: CustomerID?
    /// Name.
    ///
    /// Personal data.
    public var name: String
    /// Birth date of a person (for household birthday care).
    public var birthDate: Day?
    /// Registration number of an enterprise.
    public var registrationID: String?

    /// Creates a related party.
    public init(customer: CustomerID? = nil, name: String, birthDate: Day? = nil, registrationID: String? = nil) {
        self.customer = customer
        self.name = name
        self.birthDate = birthDate
        self.registrationID = registrationID
    }
}

/// An edge of the relationship graph: `customer` is `kind` of/to `party`
/// ("C1 spouse Li Na", "C1 controls Acme Ltd").
public struct Relationship: Hashable, Sendable, Codable, Identifiable {
    /// The edge's identifier, unique in the store.
    public var id: String
    /// The client the edge starts from.
    public var customer: CustomerID
    /// How the party relates to the client (the party is the client's `kind`).
    public var kind: RelationshipKind
    /// The other party.
    public var party: RelatedParty
    /// An anniversary the bank marks (wedding day for a spouse).
    public var anniversary: Day?
    /// Share held, in basis points, for shareholdings.
    public var shareBasisPoints: Int?

    /// Creates a relationship.
    public init(
        id: String,
        customer: CustomerID,
        kind: RelationshipKind,
        party: RelatedParty,
        anniversary: Day? = nil,
        shareBasisPoints: Int? = nil
    ) {
        self.id = id
        self.customer = customer
        self.kind = kind
        self.party = party
        self.anniversary = anniversary
        self.shareBasisPoints = shareBasisPoints
    }
}

/// A referral: one client brought another to the bank.
public struct Referral: Hashable, Sendable, Codable {
    /// The client who referred.
    public var referrer: CustomerID
    /// The client who was referred.
    public var referred: CustomerID
    /// The day the referred client was onboarded.
    public var on: Day

    /// Creates a referral.
    public init(referrer: CustomerID, referred: CustomerID, on: Day) {
        self.referrer = referrer
        self.referred = referred
        self.on = on
    }
}
