public import CustomerModel

/// One fact rules can read: its name, type, meaning, whether it takes a window, and which
/// trigger it belongs to.
public struct FactDefinition: Hashable, Sendable {
    /// The name in rules (`aum`, `aum.change`, `transaction.amount`).
    public var name: String
    /// The value's type.
    public var type: FactType
    /// What the fact means, for the catalogue listing.
    public var summary: String
    /// Whether the fact takes a window (`aum.change(30d)`).
    public var takesWindow: Bool
    /// The trigger family the fact belongs to; `nil` for client facts every rule can read.
    public var scope: TriggerScope?

    /// Creates a definition.
    public init(
        _ name: String,
        _ type: FactType,
        _ summary: String,
        takesWindow: Bool = false,
        scope: TriggerScope? = nil
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.takesWindow = takesWindow
        self.scope = scope
    }
}

/// The facts rules can use, with their types: every attribute of the 360 view, tags, AUM and
/// holdings, changes over windows, the facts of each trigger, the tiers of the bank's ladders,
/// and the facts the modules' fact sources declare (value scores, RFM, churn, lifetime from
/// ``BookFactSource``).
///
/// Aggregates (`sum`, `count`, `min`, `max`, `avg` over `transactions`, `interactions`,
/// `complaints`, `contacts`, `satisfaction`, `maturities`) and `days_since(last ...)` /
/// `days_until(...)` are functions of the language, not catalogue entries.
///
/// Money facts are in the ``reportingCurrency``; a host converts other currencies at the edge.
/// A host declares facts of its own (a custom score) with ``declare(_:)`` from its
/// ``FactSource``, and hands the source to the engine or the frame builder.
///
/// ```swift
/// var catalogue = FactCatalogue.standard()
/// try catalogue.use(ladders: [myVIPLadder, .strategicCorporate])   // tier >= "platinum"
/// try catalogue.declare(WalletShareFacts.facts)                   // a host's own source
/// let rules = try RuleCompiler(catalogue: catalogue).compile(text)
/// ```
public struct FactCatalogue: Hashable, Sendable {
    /// The currency of every money fact.
    public let reportingCurrency: CurrencyCode
    /// The definitions by name.
    public private(set) var definitions: [String: FactDefinition]
    /// The tier ladders `tier` and `tier.previous` range over (empty: no tier facts).
    public private(set) var ladders: [TierLadder] = []

    /// Creates an empty catalogue.
    public init(reportingCurrency: CurrencyCode) {
        self.reportingCurrency = reportingCurrency
        definitions = [:]
    }

    /// Adds or replaces a definition.
    public mutating func add(_ definition: FactDefinition) { definitions[definition.name] = definition }

    /// Learns the facts a ``FactSource`` declares, so rules can read them and a misspelt name gets
    /// a positioned error with a suggestion.
    ///
    /// A fact already known with the same type is kept.
    /// - Throws: ``FactCatalogueError`` with code `conflictingDeclaration` when a fact is already
    ///   known with another type (nothing is added then), `invalidDeclaration` for an empty name.
    public mutating func declare(_ facts: [FactDefinition]) throws(FactCatalogueError) {
        for fact in facts {
            guard !fact.name.isEmpty else {
                throw FactCatalogueError(.invalidDeclaration, fact: fact.name, "a fact needs a name")
            }
            if let known = definitions[fact.name], known.type != fact.type || known.scope != fact.scope {
                throw FactCatalogueError(
                    .conflictingDeclaration,
                    fact: fact.name,
                    "'\(fact.name)' is already \(known.type.shortName); a source declares it as \(fact.type.shortName)"
                )
            }
        }
        for fact in facts where definitions[fact.name] == nil { add(fact) }
    }

    /// Makes `tier` (and `tier.previous` in `on tier change` rules) range over the tiers of
    /// `ladders`, ordered within each ladder.
    /// - Throws: ``/CustomerModel/TierLadderError`` with code `duplicateTier` when two ladders
    ///   share a tier id.
    public mutating func use(ladders: [TierLadder]) throws(TierLadderError) {
        let type = FactType.enumeration(try EnumerationType.tiers(of: ladders))
        self.ladders = ladders
        add(FactDefinition("tier", type, "Tier on the bank's ladders (\(ladders.map(\.name).joined(separator: ", ")))"))
        add(FactDefinition("tier.previous", type, "Tier before the change", scope: .tierChange))
    }

    /// The type of the `tier` fact, when the catalogue has ladders.
    public var tierType: EnumerationType? {
        if case .enumeration(let e)? = definitions["tier"]?.type { return e }
        return nil
    }

    /// The definition named `name`.
    public subscript(name: String) -> FactDefinition? { definitions[name] }

    /// Every name, sorted.
    public var names: [String] { definitions.keys.sorted() }

    /// The standard catalogue of the 360 view in `reportingCurrency` (CNY unless told).
    public static func standard(reportingCurrency: CurrencyCode = .cny) -> FactCatalogue {
        var c = FactCatalogue(reportingCurrency: reportingCurrency)
        let money = FactType.money(reportingCurrency)
        func add(_ name: String, _ type: FactType, _ summary: String, window: Bool = false, scope: TriggerScope? = nil)
        {
            c.add(FactDefinition(name, type, summary, takesWindow: window, scope: scope))
        }
        // Identity and natural attributes.
        add("name", .text, "Full or registered name")
        add("kind", .enumeration(.customerKind), "Individual or corporate")
        add("age", .count, "Age in whole years on the evaluation day")
        add("birth_date", .day, "Birth date (founding date for organisations)")
        add("marital_status", .enumeration(.maritalStatus), "Marital status")
        add("wedding_date", .day, "Wedding date")
        add("children", .count, "Number of children")
        add("children.in_education", .count, "Children at school or university (including abroad)")
        add("children.studying_abroad", .count, "Children studying abroad")
        add("occupation", .text, "Occupation")
        add("position", .enumeration(.position), "Position in their organisation")
        add("industry", .text, "Industry")
        add("risk_appetite", .enumeration(.riskAppetite), "Risk appetite, conservative to aggressive")
        add("credit_rating", .enumeration(.creditRating), "Internal credit rating, d (worst) to aaa (best)")
        add("kyc", .enumeration(.kycState), "KYC state")
        add("consent.marketing", .bool, "Consent to marketing")
        add("consent.profiling", .bool, "Consent to profiling")
        // Coverage.
        add("rm", .text, "The assigned relationship manager's staff id")
        add("branch", .text, "The booking branch id")
        add("onboarded_on", .day, "The day the client signed with the bank")
        add("years_with_bank", .count, "Whole years since onboarding")
        add("tags", .tagset, "Active tags")
        // Corporate attributes.
        add("corporate.annual_revenue", money, "Annual revenue")
        add("corporate.total_assets", money, "Total assets")
        add("corporate.profit_contribution", money, "Profit contributed to the bank per year")
        add("corporate.industry_rank", .count, "Rank in its industry (1 = leader)")
        add("corporate.growth_potential", .count, "Growth potential, expert rating 1-5")
        add("corporate.innovation", .count, "Innovation capacity, expert rating 1-5")
        add("corporate.product_breadth", .count, "Product lines used")
        add("corporate.years_of_cooperation", .count, "Years of cooperation")
        add("corporate.stability", .count, "Operating stability, expert rating 1-5")
        add("corporate.strategic_fit", .count, "Strategic fit, expert rating 1-5")
        add("corporate.esg", .count, "ESG performance, expert rating 1-5")
        add("corporate.region", .text, "Region")
        add("corporate.ownership", .enumeration(.ownership), "Ownership type")
        add("corporate.lifecycle", .enumeration(.lifecycleStage), "Lifecycle stage")
        // Assets and holdings.
        add("aum", money, "Assets under management: deposits, wealth products, funds, insurance")
        add("aum.deposits", money, "Demand and time deposits")
        add("aum.time_deposits", money, "Time deposits")
        add("aum.wealth", money, "Wealth-management products")
        add("aum.funds", money, "Funds")
        add("aum.insurance", money, "Insurance")
        add("liabilities", money, "Outstanding loans and card balances")
        add("products_held", .count, "Distinct product types held")
        add("holdings", .count, "Open holdings")
        add(
            "aum.change",
            .percent,
            "Relative change of AUM over the window (missing when AUM at the start was zero or unknown)",
            window: true
        )
        add("aum.delta", money, "Change of AUM over the window", window: true)
        add("aum.average", money, "Average daily AUM over the window", window: true)
        // Value model facts (declared by the ValueModel fact source) and the default tier ladders.
        for fact in BookFactSource.facts { c.add(fact) }
        c.ladders = TierLadder.defaults
        add("tier", .enumeration(.tier), "Tier on the bank's ladders (individual-vip, strategic-corporate)")
        add(
            "score.change",
            .number,
            "Change of the value score over the window, in points (from the record's score history)",
            window: true
        )
        add("referrals", .count, "Clients referred")
        add("household.size", .count, "Household members known")
        // Trigger facts.
        for (name, type, summary) in [
            ("transaction.amount", money, "Amount of the transaction"),
            ("transaction.type", FactType.enumeration(.transactionType), "Type of the transaction"),
            ("transaction.direction", .enumeration(.direction), "Inflow or outflow"),
            ("transaction.channel", .enumeration(.channel), "Channel"),
            ("transaction.merchant", .enumeration(.merchantCategory), "Merchant category (card payments)"),
            ("transaction.overseas", .bool, "Whether it happened abroad"),
            ("transaction.date", .day, "Booking day"),
        ] { add(name, type, summary, scope: .transaction) }
        add("interaction.kind", .enumeration(.interactionKind), "Kind of interaction", scope: .interaction)
        add("interaction.channel", .enumeration(.interactionChannel), "Channel of the interaction", scope: .interaction)
        add("interaction.date", .day, "Day of the interaction", scope: .interaction)
        add("complaint.severity", .count, "Severity 1 (minor) to 3 (severe)", scope: .complaint)
        add("complaint.category", .text, "Category of the complaint", scope: .complaint)
        add("complaint.channel", .enumeration(.interactionChannel), "Channel the complaint came in", scope: .complaint)
        add("complaint.date", .day, "Day of the complaint", scope: .complaint)
        add("profile.changed", .tagset, "Names of the profile fields that changed", scope: .profileChange)
        add("tier.previous", .enumeration(.tier), "Tier before the change", scope: .tierChange)
        add("score.previous", .number, "Score before the change", scope: .scoreChange)
        add("maturity.product", .enumeration(.productType), "Product type of the maturing holding", scope: .maturity)
        add("maturity.amount", money, "Balance of the maturing holding", scope: .maturity)
        add("maturity.date", .day, "Maturity day", scope: .maturity)
        add("maturity.holding", .text, "Product code of the maturing holding", scope: .maturity)
        add("maturity.offset", .duration, "How far before (or after) the maturity this firing is", scope: .maturity)
        add("occasion.kind", .enumeration(.occasionKind), "Birthday, wedding or signing anniversary", scope: .occasion)
        add("occasion.person", .text, "Whose occasion it is (a name)", scope: .occasion)
        add("occasion.relation", .enumeration(.relation), "Who the person is to the client", scope: .occasion)
        add("occasion.date", .day, "The day of the occasion", scope: .occasion)
        add("occasion.years", .count, "Age turned, or years married or with the bank", scope: .occasion)
        add("occasion.offset", .duration, "How far before (or after) the occasion this firing is", scope: .occasion)
        add("streak.length", .count, "Periods without the activity", scope: .streak)
        add("streak.since", .day, "Day of the last activity (missing if never)", scope: .streak)
        return c
    }
}
