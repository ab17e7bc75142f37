public import CustomerModel

/// One indicator the library knows: who it applies to, the dimension it usually belongs to, what
/// its input is, and how ``IndicatorTableBuilder`` derives it.
public struct IndicatorDefinition: Hashable, Sendable {
    /// The indicator's name.
    public var id: IndicatorID
    /// The kinds of client it applies to.
    public var subjects: Set<CustomerKind>
    /// The dimension it belongs to in the shipped models (a model may place it elsewhere within
    /// the same kind of client).
    public var usualDimension: ScoringDimension
    /// What its raw input is.
    public var input: IndicatorInputKind
    /// What it measures and where its value comes from.
    public var summary: String

    /// Creates a definition.
    public init(
        id: IndicatorID,
        subjects: Set<CustomerKind>,
        usualDimension: ScoringDimension,
        input: IndicatorInputKind,
        summary: String
    ) {
        self.id = id
        self.subjects = subjects
        self.usualDimension = usualDimension
        self.input = input
        self.summary = summary
    }
}

/// The indicators a scoring model may use: every indicator of DOMAIN.md section 2 for individuals
/// and for strategic corporate clients.
///
/// A model naming an indicator that is not here is rejected with the closest known name
/// (``closest(to:)``).
public enum IndicatorCatalogue: Sendable {
    private static let individual: Set<CustomerKind> = [.individual]
    private static let corporate: Set<CustomerKind> = [.corporate]
    private static let both: Set<CustomerKind> = [.individual, .corporate]

    /// Every known indicator, individuals' first, in the order of the DOMAIN.md table.
    public static let definitions: [IndicatorDefinition] = [
        // Individuals: current value.
        IndicatorDefinition(
            id: .aumDeposits,
            subjects: individual,
            usualDimension: .current,
            input: .amount,
            summary: "demand and time deposits running on the scoring day"
        ),
        IndicatorDefinition(
            id: .aumWealthProducts,
            subjects: individual,
            usualDimension: .current,
            input: .amount,
            summary: "wealth-management products running on the scoring day"
        ),
        IndicatorDefinition(
            id: .aumFunds,
            subjects: individual,
            usualDimension: .current,
            input: .amount,
            summary: "mutual funds held on the scoring day"
        ),
        IndicatorDefinition(
            id: .aumInsurance,
            subjects: individual,
            usualDimension: .current,
            input: .amount,
            summary: "insurance policies bought through the bank, in force on the scoring day"
        ),
        IndicatorDefinition(
            id: .feeIncome,
            subjects: both,
            usualDimension: .current,
            input: .amount,
            summary: "a year's distribution fees on wealth products, funds and insurance, plus fees charged"
        ),
        IndicatorDefinition(
            id: .loanInterest,
            subjects: both,
            usualDimension: .current,
            input: .amount,
            summary: "a year's interest on the outstanding loans at their rates"
        ),
        IndicatorDefinition(
            id: .ftpContribution,
            subjects: both,
            usualDimension: .current,
            input: .amount,
            summary: "a year's funds-transfer-pricing spread on deposits: balance times (FTP rate − client rate)"
        ),
        IndicatorDefinition(
            id: .transactionsLast6Months,
            subjects: both,
            usualDimension: .current,
            input: .count,
            summary: "transactions booked in the six months up to the scoring day"
        ),
        IndicatorDefinition(
            id: .productsHeld,
            subjects: individual,
            usualDimension: .current,
            input: .count,
            summary: "product lines (deposit, wealth, fund, insurance, loan, card) with a running position"
        ),
        // Individuals: potential value.
        IndicatorDefinition(
            id: .lifeStage,
            subjects: individual,
            usualDimension: .potential,
            input: .category(CategorySet(LifeStage.allCases.map(\.rawValue), isOpen: false)),
            summary: "life stage from age, marital status and children's education"
        ),
        IndicatorDefinition(
            id: .occupation,
            subjects: individual,
            usualDimension: .potential,
            input: .category(CategorySet([], isOpen: true)),
            summary: "occupation, in lower case"
        ),
        IndicatorDefinition(
            id: .position,
            subjects: individual,
            usualDimension: .potential,
            input: .category(CategorySet(Position.allCases.map(\.rawValue), isOpen: false)),
            summary: "position in the client's organisation (founder, executive ...)"
        ),
        IndicatorDefinition(
            id: .industryOutlook,
            subjects: both,
            usualDimension: .potential,
            input: .category(CategorySet([], isOpen: true)),
            summary: "the industry, in lower case, scored by its outlook"
        ),
        IndicatorDefinition(
            id: .creditRating,
            subjects: both,
            usualDimension: .potential,
            input: .category(CategorySet(CreditRating.allCases.map(\.rawValue), isOpen: false)),
            summary: "internal credit rating, AAA to D"
        ),
        IndicatorDefinition(
            id: .borrowingCapacity,
            subjects: individual,
            usualDimension: .potential,
            input: .amount,
            summary: "assets times the advance rate of the client's credit rating, less loans and card balances"
        ),
        IndicatorDefinition(
            id: .riskAppetite,
            subjects: individual,
            usualDimension: .potential,
            input: .category(CategorySet(RiskAppetite.allCases.map(\.rawValue), isOpen: false)),
            summary: "risk appetite from the suitability assessment"
        ),
        // Individuals: relationship value.
        IndicatorDefinition(
            id: .referralsMade,
            subjects: individual,
            usualDimension: .relationship,
            input: .count,
            summary: "clients referred up to the scoring day"
        ),
        IndicatorDefinition(
            id: .referredClientsValue,
            subjects: individual,
            usualDimension: .relationship,
            input: .amount,
            summary: "assets under management of the referred clients"
        ),
        IndicatorDefinition(
            id: .socialInfluence,
            subjects: individual,
            usualDimension: .relationship,
            input: .count,
            summary: "active social tags (influencer, referrer ...), or a host-supplied influence count"
        ),
        IndicatorDefinition(
            id: .householdValue,
            subjects: individual,
            usualDimension: .relationship,
            input: .amount,
            summary: "assets under management of household members who bank with us"
        ),
        IndicatorDefinition(
            id: .enterpriseValue,
            subjects: individual,
            usualDimension: .relationship,
            input: .amount,
            summary: "assets under management of enterprises the client controls, directs or holds shares in"
        ),
        // Individuals: loyalty.
        IndicatorDefinition(
            id: .walletShare,
            subjects: both,
            usualDimension: .loyalty,
            input: .ratio,
            summary: "assets with us over assets with us plus assets held elsewhere (host-supplied estimate)"
        ),
        IndicatorDefinition(
            id: .rmInteractions,
            subjects: both,
            usualDimension: .loyalty,
            input: .count,
            summary: "relationship-manager contacts in the last year"
        ),
        IndicatorDefinition(
            id: .satisfaction,
            subjects: both,
            usualDimension: .loyalty,
            input: .rating(.oneToFive),
            summary: "mean satisfaction score of the last year"
        ),
        IndicatorDefinition(
            id: .churnSignals,
            subjects: both,
            usualDimension: .loyalty,
            input: .count,
            summary:
                "churn signals: maturities moved out, rising complaints, falling AUM, large outflows, falling activity"
        ),
        IndicatorDefinition(
            id: .tenureYears,
            subjects: individual,
            usualDimension: .loyalty,
            input: .count,
            summary: "whole years since the client joined"
        ),
        // Corporates.
        IndicatorDefinition(
            id: .annualRevenue,
            subjects: corporate,
            usualDimension: .financial,
            input: .amount,
            summary: "annual revenue"
        ),
        IndicatorDefinition(
            id: .totalAssets,
            subjects: corporate,
            usualDimension: .financial,
            input: .amount,
            summary: "total assets"
        ),
        IndicatorDefinition(
            id: .profitContribution,
            subjects: corporate,
            usualDimension: .financial,
            input: .amount,
            summary: "profit the client contributes to the bank a year"
        ),
        IndicatorDefinition(
            id: .industryRank,
            subjects: corporate,
            usualDimension: .strategicValue,
            input: .count,
            summary: "rank in its industry, 1 for the leader"
        ),
        IndicatorDefinition(
            id: .growthPotential,
            subjects: corporate,
            usualDimension: .strategicValue,
            input: .rating(.oneToFive),
            summary: "growth potential, expert rating"
        ),
        IndicatorDefinition(
            id: .innovationCapacity,
            subjects: corporate,
            usualDimension: .strategicValue,
            input: .rating(.oneToFive),
            summary: "innovation capacity, expert rating"
        ),
        IndicatorDefinition(
            id: .productBreadth,
            subjects: corporate,
            usualDimension: .cooperationDepth,
            input: .count,
            summary: "product lines used (the recorded figure, else counted from holdings)"
        ),
        IndicatorDefinition(
            id: .yearsOfCooperation,
            subjects: corporate,
            usualDimension: .cooperationDepth,
            input: .count,
            summary: "years of cooperation (the recorded figure, else from the onboarding day)"
        ),
        IndicatorDefinition(
            id: .aumTotal,
            subjects: corporate,
            usualDimension: .cooperationDepth,
            input: .amount,
            summary: "deposits and investments held with the bank"
        ),
        IndicatorDefinition(
            id: .operatingStability,
            subjects: corporate,
            usualDimension: .risk,
            input: .rating(.oneToFive),
            summary: "operating stability, expert rating"
        ),
        IndicatorDefinition(
            id: .strategicFit,
            subjects: corporate,
            usualDimension: .strategicFit,
            input: .rating(.oneToFive),
            summary: "fit with the bank's strategic priorities, expert rating"
        ),
        IndicatorDefinition(
            id: .lifecycleStage,
            subjects: corporate,
            usualDimension: .strategicFit,
            input: .category(CategorySet(LifecycleStage.allCases.map(\.rawValue), isOpen: false)),
            summary: "lifecycle stage: start-up, growth, mature, transformation"
        ),
        IndicatorDefinition(
            id: .esgRating,
            subjects: corporate,
            usualDimension: .esg,
            input: .rating(.oneToFive),
            summary: "ESG performance, expert rating (a lookup scores it as a grade)"
        ),
    ]

    private static let byID: [IndicatorID: IndicatorDefinition] = Dictionary(
        definitions.map { ($0.id, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    private static let positions: [IndicatorID: Int] = Dictionary(
        definitions.enumerated().map { ($1.id, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// The definition of `id`, or `nil` for an unknown indicator.
    public static func definition(of id: IndicatorID) -> IndicatorDefinition? { byID[id] }

    /// The position of `id` in ``definitions``, or `nil` for an unknown indicator.
    public static func position(of id: IndicatorID) -> Int? { positions[id] }

    /// The indicators that apply to `subject`, in catalogue order.
    public static func indicators(for subject: CustomerKind) -> [IndicatorDefinition] {
        definitions.filter { $0.subjects.contains(subject) }
    }

    /// The known name closest to `name` (edit distance, ignoring case), when it is close enough to
    /// be a likely typo.
    public static func closest(to name: String) -> IndicatorID? {
        Suggestion.closest(to: name, among: definitions.map(\.id.rawValue)).map { IndicatorID($0) }
    }
}
