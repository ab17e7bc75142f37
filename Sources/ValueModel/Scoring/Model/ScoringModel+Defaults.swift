import CustomerModel

extension ScoringModel {
    /// Builds a model the library ships, without validation (the package's tests load each shipped
    /// model through ``ScoringModel/init(json:)``, which validates it).
    init(
        shipped id: String,
        version: String,
        subject: CustomerKind,
        currency: CurrencyCode?,
        summary: String,
        dimensions: [DimensionWeight],
        indicators: [ScoringIndicator]
    ) {
        self.id = id
        self.version = version
        self.subject = subject
        self.currency = currency
        self.summary = summary
        self.dimensions = dimensions
        self.indicators = indicators
    }

    /// Industry outlooks: growth industries (new technology, healthcare, new energy) score high,
    /// property and construction low.
    static let industryOutlookTable = LookupTable(
        [
            "information technology": 0.95, "biotechnology": 0.95, "new energy": 0.95, "healthcare": 0.9,
            "financial services": 0.7, "education": 0.6, "legal services": 0.6, "manufacturing": 0.55,
            "logistics": 0.55, "aviation": 0.5, "media": 0.5, "public administration": 0.5, "retail": 0.45,
            "agriculture": 0.45, "hospitality": 0.4, "construction": 0.35, "real estate": 0.25,
        ],
        default: 0.5
    )

    /// Credit ratings, best to worst.
    static let creditRatingTable = LookupTable(
        ["AAA": 1, "AA": 0.9, "A": 0.8, "BBB": 0.65, "BB": 0.45, "B": 0.3, "CCC": 0.15, "CC": 0.1, "C": 0.05, "D": 0])

    /// The shipped model for VIP individuals, version `2026.1`, amounts in CNY.
    ///
    /// Current value 40%, potential 20%, relationship 15%, loyalty 25%, with every indicator of the
    /// DOMAIN.md table: assets by class and income on log scales or percentile ranks, activity
    /// capped; life stage, occupation, position, industry outlook and credit rating by lookup,
    /// borrowing capacity on a log scale; referrals, influence and related-party value; wallet share,
    /// RM contact, satisfaction (expert scale), churn signals (more is worse) and tenure. Print
    /// ``jsonText`` to see every parameter.
    public static let defaultIndividual = ScoringModel(
        shipped: "cvm-individual",
        version: "2026.1",
        subject: .individual,
        currency: .cny,
        summary: "Customer Value Model for VIP individuals: current, potential, relationship and loyalty value",
        dimensions: [
            DimensionWeight(.current, 0.40), DimensionWeight(.potential, 0.20), DimensionWeight(.relationship, 0.15),
            DimensionWeight(.loyalty, 0.25),
        ],
        indicators: [
            // Current value: assets, income, activity.
            ScoringIndicator(
                .aumDeposits,
                dimension: .current,
                weight: 0.14,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .aumWealthProducts,
                dimension: .current,
                weight: 0.14,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .aumFunds,
                dimension: .current,
                weight: 0.10,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .aumInsurance,
                dimension: .current,
                weight: 0.08,
                normalisation: .logScale(floor: 10_000, cap: 20_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .feeIncome,
                dimension: .current,
                weight: 0.12,
                normalisation: .percentileRank,
                missing: .zero
            ),
            ScoringIndicator(
                .loanInterest,
                dimension: .current,
                weight: 0.10,
                normalisation: .logScale(floor: 0, cap: 1_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .ftpContribution,
                dimension: .current,
                weight: 0.12,
                normalisation: .percentileRank,
                missing: .zero
            ),
            ScoringIndicator(
                .transactionsLast6Months,
                dimension: .current,
                weight: 0.10,
                normalisation: .cappedMinMax(floor: 0, cap: 120),
                missing: .zero
            ),
            ScoringIndicator(
                .productsHeld,
                dimension: .current,
                weight: 0.10,
                normalisation: .cappedMinMax(floor: 0, cap: 6),
                missing: .zero
            ),
            // Potential value: life stage, occupation and industry, position, credit.
            ScoringIndicator(
                .lifeStage,
                dimension: .potential,
                weight: 0.20,
                normalisation: .lookup(
                    LookupTable([
                        "youngSingle": 0.6, "youngCouple": 0.75, "youngFamily": 0.95, "establishedFamily": 1,
                        "establishedSingle": 0.6, "establishedCouple": 0.7, "emptyNest": 0.55, "retired": 0.35,
                    ])
                ),
                missing: .median
            ),
            ScoringIndicator(
                .occupation,
                dimension: .potential,
                weight: 0.10,
                normalisation: .lookup(
                    LookupTable(
                        [
                            "entrepreneur": 1, "general manager": 0.9, "chief financial officer": 0.85,
                            "investment banker": 0.85, "surgeon": 0.8, "physician": 0.75, "lawyer": 0.75,
                            "software engineer": 0.7, "department director": 0.7, "architect": 0.6,
                            "university professor": 0.6, "pilot": 0.6, "accountant": 0.55, "engineer": 0.45,
                            "sales manager": 0.45, "civil servant": 0.45, "teacher": 0.4, "artist": 0.4,
                            "homemaker": 0.3, "retired": 0.25,
                        ],
                        default: 0.4
                    )
                ),
                missing: .median
            ),
            ScoringIndicator(
                .position,
                dimension: .potential,
                weight: 0.15,
                normalisation: .lookup(
                    LookupTable([
                        "founder": 1, "executive": 0.9, "seniorManager": 0.7, "professional": 0.65, "employee": 0.4,
                        "retired": 0.25, "other": 0.3,
                    ])
                ),
                missing: .median
            ),
            ScoringIndicator(
                .industryOutlook,
                dimension: .potential,
                weight: 0.20,
                normalisation: .lookup(industryOutlookTable),
                missing: .median
            ),
            ScoringIndicator(
                .creditRating,
                dimension: .potential,
                weight: 0.15,
                normalisation: .lookup(creditRatingTable),
                missing: .redistribute
            ),
            ScoringIndicator(
                .borrowingCapacity,
                dimension: .potential,
                weight: 0.20,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .redistribute
            ),
            // Relationship value: referrals, influence, related parties.
            ScoringIndicator(
                .referralsMade,
                dimension: .relationship,
                weight: 0.25,
                normalisation: .cappedMinMax(floor: 0, cap: 5),
                missing: .zero
            ),
            ScoringIndicator(
                .referredClientsValue,
                dimension: .relationship,
                weight: 0.20,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .socialInfluence,
                dimension: .relationship,
                weight: 0.15,
                normalisation: .cappedMinMax(floor: 0, cap: 3),
                missing: .zero
            ),
            ScoringIndicator(
                .householdValue,
                dimension: .relationship,
                weight: 0.20,
                normalisation: .logScale(floor: 10_000, cap: 50_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .enterpriseValue,
                dimension: .relationship,
                weight: 0.20,
                normalisation: .logScale(floor: 10_000, cap: 200_000_000),
                missing: .zero
            ),
            // Loyalty: wallet share, relationship depth, churn signals.
            ScoringIndicator(
                .walletShare,
                dimension: .loyalty,
                weight: 0.25,
                normalisation: .cappedMinMax(floor: 0, cap: 1),
                missing: .redistribute
            ),
            ScoringIndicator(
                .rmInteractions,
                dimension: .loyalty,
                weight: 0.20,
                normalisation: .cappedMinMax(floor: 0, cap: 24),
                missing: .zero
            ),
            ScoringIndicator(
                .satisfaction,
                dimension: .loyalty,
                weight: 0.20,
                normalisation: .expertRating(.oneToFive),
                missing: .median
            ),
            ScoringIndicator(
                .churnSignals,
                dimension: .loyalty,
                weight: 0.25,
                normalisation: .cappedMinMax(floor: 0, cap: 3),
                direction: .higherIsWorse,
                missing: .zero
            ),
            ScoringIndicator(
                .tenureYears,
                dimension: .loyalty,
                weight: 0.10,
                normalisation: .cappedMinMax(floor: 0, cap: 15),
                missing: .redistribute
            ),
        ]
    )

    /// The shipped model for strategic corporate clients, version `2026.1`, amounts in CNY.
    ///
    /// Financial indicators 25% (revenue, assets, profit contribution), strategic value 20%
    /// (industry rank, growth potential, innovation, industry outlook), cooperation depth 20%
    /// (product breadth, years, assets with the bank), risk 15% (credit rating, operating stability),
    /// strategic fit 10% (expert rating, lifecycle stage) and ESG 10% (the 1-5 rating scored as a
    /// grade by lookup): quantitative indicators and expert ratings mixed.
    public static let defaultStrategicCorporate = ScoringModel(
        shipped: "cvm-strategic-corporate",
        version: "2026.1",
        subject: .corporate,
        currency: .cny,
        summary: "Customer Value Model for strategic corporate clients",
        dimensions: [
            DimensionWeight(.financial, 0.25), DimensionWeight(.strategicValue, 0.20),
            DimensionWeight(.cooperationDepth, 0.20), DimensionWeight(.risk, 0.15),
            DimensionWeight(.strategicFit, 0.10),
            DimensionWeight(.esg, 0.10),
        ],
        indicators: [
            ScoringIndicator(
                .annualRevenue,
                dimension: .financial,
                weight: 0.35,
                normalisation: .logScale(floor: 1_000_000, cap: 50_000_000_000),
                missing: .median
            ),
            ScoringIndicator(
                .totalAssets,
                dimension: .financial,
                weight: 0.30,
                normalisation: .logScale(floor: 1_000_000, cap: 100_000_000_000),
                missing: .median
            ),
            ScoringIndicator(
                .profitContribution,
                dimension: .financial,
                weight: 0.35,
                normalisation: .percentileRank,
                missing: .median
            ),
            ScoringIndicator(
                .industryRank,
                dimension: .strategicValue,
                weight: 0.30,
                normalisation: .logScale(floor: 1, cap: 1_000),
                direction: .higherIsWorse,
                missing: .redistribute
            ),
            ScoringIndicator(
                .growthPotential,
                dimension: .strategicValue,
                weight: 0.25,
                normalisation: .expertRating(.oneToFive),
                missing: .median
            ),
            ScoringIndicator(
                .innovationCapacity,
                dimension: .strategicValue,
                weight: 0.20,
                normalisation: .expertRating(.oneToFive),
                missing: .median
            ),
            ScoringIndicator(
                .industryOutlook,
                dimension: .strategicValue,
                weight: 0.25,
                normalisation: .lookup(industryOutlookTable),
                missing: .median
            ),
            ScoringIndicator(
                .productBreadth,
                dimension: .cooperationDepth,
                weight: 0.35,
                normalisation: .cappedMinMax(floor: 0, cap: 6),
                missing: .zero
            ),
            ScoringIndicator(
                .yearsOfCooperation,
                dimension: .cooperationDepth,
                weight: 0.30,
                normalisation: .cappedMinMax(floor: 0, cap: 20),
                missing: .zero
            ),
            ScoringIndicator(
                .aumTotal,
                dimension: .cooperationDepth,
                weight: 0.35,
                normalisation: .logScale(floor: 100_000, cap: 10_000_000_000),
                missing: .zero
            ),
            ScoringIndicator(
                .creditRating,
                dimension: .risk,
                weight: 0.60,
                normalisation: .lookup(creditRatingTable),
                missing: .redistribute
            ),
            ScoringIndicator(
                .operatingStability,
                dimension: .risk,
                weight: 0.40,
                normalisation: .expertRating(.oneToFive),
                missing: .median
            ),
            ScoringIndicator(
                .strategicFit,
                dimension: .strategicFit,
                weight: 0.70,
                normalisation: .expertRating(.oneToFive),
                missing: .median
            ),
            ScoringIndicator(
                .lifecycleStage,
                dimension: .strategicFit,
                weight: 0.30,
                normalisation: .lookup(
                    LookupTable(["startUp": 0.55, "growth": 1, "mature": 0.8, "transformation": 0.45])
                ),
                missing: .median
            ),
            ScoringIndicator(
                .esgRating,
                dimension: .esg,
                weight: 1,
                normalisation: .lookup(LookupTable(["1": 0, "2": 0.2, "3": 0.5, "4": 0.8, "5": 1])),
                missing: .median
            ),
        ]
    )
}
