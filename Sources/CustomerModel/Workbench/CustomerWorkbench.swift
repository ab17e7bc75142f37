/// The queries an RM workbench needs, over the host's ports: the 360 view, household and related
/// parties, referrals, maturities, and client lists by RM, branch or tag.
///
/// Each call goes through the gated ports with the caller's principal, so the ``AccessGate``
/// checks and audits every read.
///
/// ```swift
/// let workbench = CustomerWorkbench(store: bank.customers, activity: bank.activity, clock: clock, calendar: .china)
/// let view = try await workbench.view(of: "C000042", as: .relationshipManager("RM-0007"))
/// print(view.profile.profile.name, view.aum)
/// ```
public struct CustomerWorkbench: Sendable {
    /// How much history and look-ahead a 360 view carries.
    public struct ViewOptions: Hashable, Sendable {
        /// Days of transactions, interactions and balances to include, counting back from today.
        public var lookbackDays: Int
        /// Creates options.
        public init(lookbackDays: Int = 90) { self.lookbackDays = lookbackDays }
    }

    /// The profile store, behind the gate.
    public let store: GatedCustomerStore
    /// The activity store, behind the gate.
    public let activity: GatedActivityStore
    /// The clock that says what "today" is.
    public let clock: any WallClock
    /// The bank's calendar.
    public let calendar: BankCalendar

    /// Creates a workbench over the host's gated ports.
    public init(store: GatedCustomerStore, activity: GatedActivityStore, clock: any WallClock, calendar: BankCalendar) {
        self.store = store
        self.activity = activity
        self.clock = clock
        self.calendar = calendar
    }

    /// Today in the bank's calendar.
    public var today: Day { calendar.day(of: clock.now) }

    /// A client's whole 360 view.
    /// - Throws: ``StoreError/Code/notFound`` for an unknown client, ``StoreError/Code/forbidden``
    ///   when out of scope, and whatever the ports throw.
    public func view(
        of customer: CustomerID,
        as principal: Principal,
        options: ViewOptions = ViewOptions()
    )
        async throws(StoreError) -> CustomerView
    {
        guard let profile = try await store.profiles([customer], as: principal).first else {
            throw StoreError(.notFound, customer: customer, "unknown client")
        }
        let today = today
        let window = today.adding(days: -options.lookbackDays)...today
        let ids = [customer]
        let accounts = try await store.accounts(of: ids, as: principal)
        let holdings = try await store.holdings(of: ids, as: principal)
        let edges = try await store.relationships(of: ids, as: principal)
        let referrals = try await store.referrals(madeBy: ids, as: principal)
        let transactions = try await activity.transactions(of: customer, in: window, as: principal)
        let interactions = try await activity.interactions(of: customer, in: window, as: principal)
        let balances = try await activity.balances(of: customer, in: window, as: principal)
        return CustomerView(
            profile: profile,
            accounts: accounts,
            holdings: holdings,
            household: Self.household(of: customer, from: edges),
            enterprises: edges.filter { $0.kind.isEnterprise },
            referralsMade: referrals,
            recentTransactions: transactions,
            recentInteractions: interactions,
            balances: balances,
            asOf: today
        )
    }

    /// The client's household, seen from the client, whichever side recorded each edge.
    public func household(
        of customer: CustomerID,
        as principal: Principal
    ) async throws(StoreError)
        -> [HouseholdMember]
    {
        guard try await store.profiles([customer], as: principal).first != nil else {
            throw StoreError(.notFound, customer: customer, "unknown client")
        }
        let edges = try await store.relationships(of: [customer], as: principal)
        return Self.household(of: customer, from: edges)
    }

    /// Every relationship edge touching the client: household, enterprises, partners, guarantors.
    public func relatedParties(
        of customer: CustomerID,
        as principal: Principal
    ) async throws(StoreError)
        -> [Relationship]
    {
        try await store.relationships(of: [customer], as: principal)
    }

    /// The referrals a client made, each with the referred client's current AUM (how good they turned out).
    public func referrals(
        madeBy customer: CustomerID,
        as principal: Principal
    ) async throws(StoreError)
        -> [ReferralOutcome]
    {
        let referrals = try await store.referrals(madeBy: [customer], as: principal)
        let referred = referrals.map(\.referred)
        let holdings = try await store.holdings(of: referred, as: principal)
        let today = today
        return referrals.map { referral in
            var totals: [CurrencyCode: Int64] = [:]
            for holding in holdings
            where holding.customer == referral.referred && holding.product.isAsset && !holding.hasMatured(by: today) {
                totals[holding.balance.currency, default: 0] &+= holding.balance.minorUnits
            }
            return ReferralOutcome(
                referral: referral,
                referredAUM: totals.map { Money(minorUnits: $1, currency: $0) }.sorted { $0.currency < $1.currency }
            )
        }
    }

    /// Holdings in scope maturing in `days`, soonest first.
    public func maturities(in days: ClosedRange<Day>, as principal: Principal) async throws(StoreError) -> [Holding] {
        try await store.holdings(maturingIn: days, as: principal)
    }

    /// Clients whose assigned RM is `rm`.
    public func clients(
        ofRelationshipManager rm: StaffID,
        as principal: Principal
    ) async throws(StoreError)
        -> [CustomerID]
    {
        try await store.customers(matching: .relationshipManager(rm), as: principal)
    }

    /// Clients booked in `branch` and every branch below it.
    public func clients(
        inBranchSubtree branch: BranchID,
        as principal: Principal
    ) async throws(StoreError)
        -> [CustomerID]
    {
        try await store.customers(matching: .branch(branch, includingSubBranches: true), as: principal)
    }

    /// Clients carrying the tag `name` today.
    public func clients(taggedWith name: String, as principal: Principal) async throws(StoreError) -> [CustomerID] {
        try await store.customers(matching: .tag(name, activeOn: today), as: principal)
    }

    /// The client's household from the relationship edges touching it: the members the client
    /// recorded, then the clients who recorded the client as theirs, seen from the other side (a
    /// parent's child is the child's parent).
    ///
    /// Edges that are not household edges are skipped.
    package static func household(
        of customer: CustomerID,
        from edges: [Relationship]
    )
        -> [HouseholdMember]
    {
        var members: [HouseholdMember] = []
        var seen = Set<CustomerID>()
        for edge in edges where edge.kind.isHousehold && edge.customer == customer {
            if let id = edge.party.customer { seen.insert(id) }
            members.append(HouseholdMember(relation: edge.kind, party: edge.party, anniversary: edge.anniversary))
        }
        for edge in edges where edge.kind.isHousehold && edge.customer != customer && edge.party.customer == customer {
            guard seen.insert(edge.customer).inserted else { continue }
            // The other client recorded us as their `kind`; we see them as the inverse.
            let inverse: RelationshipKind =
                switch edge.kind {
                case .child: .parent
                case .parent: .child
                default: edge.kind
                }
            members.append(
                HouseholdMember(
                    relation: inverse,
                    party: RelatedParty(customer: edge.customer, name: edge.customer.rawValue),
                    anniversary: edge.anniversary
                )
            )
        }
        return members
    }
}

/// A referral and how the referred client turned out: their current AUM per currency.
public struct ReferralOutcome: Hashable, Sendable {
    /// Who referred whom, and when.
    public var referral: Referral
    /// The referred client's current AUM, per currency.
    public var referredAUM: [Money]

    /// Creates an outcome.
    public init(referral: Referral, referredAUM: [Money]) {
        self.referral = referral
        self.referredAUM = referredAUM
    }
}
