/// A client's 360-degree view: everything the workbench shows on one screen, read in one call
/// with ``CustomerWorkbench/view(of:as:options:)``.
public struct CustomerView: Sendable {
    /// The golden profile and its version (pass the version back when editing).
    public var profile: VersionedProfile
    /// Accounts, by id.
    public var accounts: [Account]
    /// Holdings, by id.
    public var holdings: [Holding]
    /// Household members (spouse, children, parents...) seen from this client.
    public var household: [HouseholdMember]
    /// Enterprises and business partners linked to the client.
    public var enterprises: [Relationship]
    /// Referrals the client made.
    public var referralsMade: [Referral]
    /// Transactions in the look-back window, oldest first.
    public var recentTransactions: [Transaction]
    /// Interactions in the look-back window, oldest first.
    public var recentInteractions: [Interaction]
    /// Balance snapshots in the look-back window, by day.
    public var balances: [BalanceSnapshot]
    /// The day the view was taken, in the bank's calendar.
    public var asOf: Day

    /// Creates a view.
    public init(
        profile: VersionedProfile,
        accounts: [Account],
        holdings: [Holding],
        household: [HouseholdMember],
        enterprises: [Relationship],
        referralsMade: [Referral],
        recentTransactions: [Transaction],
        recentInteractions: [Interaction],
        balances: [BalanceSnapshot],
        asOf: Day
    ) {
        self.profile = profile
        self.accounts = accounts
        self.holdings = holdings
        self.household = household
        self.enterprises = enterprises
        self.referralsMade = referralsMade
        self.recentTransactions = recentTransactions
        self.recentInteractions = recentInteractions
        self.balances = balances
        self.asOf = asOf
    }

    /// Assets under management from current holdings, per currency, largest first.
    public var aum: [Money] {
        var totals: [CurrencyCode: Int64] = [:]
        for holding in holdings where holding.product.isAsset && !holding.hasMatured(by: asOf) {
            totals[holding.balance.currency, default: 0] &+= holding.balance.minorUnits
        }
        return totals.map { Money(minorUnits: $1, currency: $0) }.sorted { $0.minorUnits > $1.minorUnits }
    }

    /// Holdings maturing from today through `days` days ahead, soonest first.
    public func maturities(withinDays days: Int) -> [Holding] {
        let end = asOf.adding(days: days)
        return holdings.filter { holding in holding.maturesOn.map { $0 >= asOf && $0 <= end } ?? false }
            .sorted { ($0.maturesOn ?? end) < ($1.maturesOn ?? end) }
    }

    /// Birthdays and anniversaries of the client and their household in the next `days` days, soonest first.
    public func upcomingDates(withinDays days: Int) -> [CareDate] {
        let end = asOf.adding(days: days)
        var dates: [CareDate] = []
        func add(_ kind: CareDate.Kind, _ who: String, _ date: Day?) {
            guard let date else { return }
            let next = asOf.nextAnniversary(of: date)
            if next <= end { dates.append(CareDate(kind: kind, person: who, on: next)) }
        }
        let client = profile.profile
        add(.birthday, client.name, client.kind == .individual ? client.birthDate : nil)
        add(.weddingAnniversary, client.name, client.weddingDate)
        add(.signingAnniversary, client.name, client.onboardedOn)
        for member in household {
            add(.birthday, member.party.name, member.party.birthDate)
        }
        return dates.sorted { ($0.on, $0.person) < ($1.on, $1.person) }
    }
}

/// A household member seen from the client: how they relate to the client, and who they are.
public struct HouseholdMember: Hashable, Sendable {
    /// What the member is to the client (`.spouse`, `.child` means the member is the client's child).
    public var relation: RelationshipKind
    /// The member.
    public var party: RelatedParty
    /// The wedding anniversary for a spouse, if recorded.
    public var anniversary: Day?

    /// Creates a household member.
    public init(relation: RelationshipKind, party: RelatedParty, anniversary: Day?) {
        self.relation = relation
        self.party = party
        self.anniversary = anniversary
    }
}

/// A date worth a care action: a birthday or anniversary.
public struct CareDate: Hashable, Sendable {
    /// Which occasion.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A birthday.
        case birthday
        /// A wedding anniversary.
        case weddingAnniversary
        /// The anniversary of the client signing with the bank.
        case signingAnniversary
    }

    /// Which occasion.
    public var kind: Kind
    /// Whose occasion (a name: personal data).
    public var person: String
    /// The day it falls on next.
    public var on: Day

    /// Creates a care date.
    public init(kind: Kind, person: String, on: Day) {
        self.kind = kind
        self.person = person
        self.on = on
    }
}
