public import CustomerModel

/// Fills an ``IndicatorTable`` for one kind of client from CustomerModel values: profiles,
/// holdings, relationships, referrals, interactions, balance snapshots and (optionally) a columnar
/// transaction snapshot.
///
/// What it derives, as of ``asOf`` (holdings count when `openedOn ≤ asOf` and they have not
/// matured by `asOf`):
/// - assets by class (`aumDeposits`, `aumWealthProducts`, `aumFunds`, `aumInsurance`, `aumTotal`),
///   `productsHeld` / `productBreadth` (product lines with a running position), `loanInterest`
///   (balance × rate, or ``IndicatorDerivation/defaultLoanRateBasisPoints``), `ftpContribution`
///   (deposit balance × (FTP rate − client rate)), `feeIncome` (distribution fees on investment
///   balances, plus fees charged when transactions are given);
/// - from the profile: `lifeStage` (``LifeStage/classify(age:maritalStatus:childStages:position:)``),
///   `occupation`, `position`, `industryOutlook`, `creditRating`, `riskAppetite`, `tenureYears`,
///   `socialInfluence` (active tags of category social), and for corporates every field of
///   ``/CustomerModel/CorporateAttributes`` (`productBreadth` and `yearsOfCooperation` fall back to
///   the holdings and the onboarding day);
/// - `borrowingCapacity`: assets × the advance rate of the credit rating, less loans and card
///   balances, at least 0 (missing without a rating);
/// - `referralsMade` and `referredClientsValue` (assets of the referred clients), `householdValue`
///   and `enterpriseValue` (assets of household members and of enterprises the client controls,
///   directs or holds shares in, each party counted once, when they bank with us);
/// - `rmInteractions` (contacts in the interaction window), `satisfaction` (mean score, missing
///   when there is none), `walletShare` (only for clients with a held-away estimate);
/// - `churnSignals`: one each for a maturity moved out, rising complaints, AUM falling by
///   ``IndicatorDerivation/aumDropShare`` (balance snapshots), a large outflow and falling
///   activity (the last two need transactions);
/// - `transactionsLast6Months` when transactions are given (missing otherwise).
///
/// **Currency**: one currency per book. An amount in another currency (a holding, a balance, a
/// corporate figure, a held-away estimate, a transaction row) is a ``ScoringInputError`` with
/// code `currencyMismatch` naming the record, never silently dropped: convert with the host's FX
/// rates before building. Amounts are summed in integer minor units and converted to major units
/// (`Double`) only when a column is written.
///
/// Records naming a client not in `profiles` are errors (`unknownCustomer`), except related parties
/// and referred clients, which simply add no value when they are not clients of this book.
public struct IndicatorTableBuilder: Sendable {
    /// The scoring day.
    public var asOf: Day
    /// The book's currency.
    public var currency: CurrencyCode
    /// Pricing, windows and thresholds.
    public var derivation: IndicatorDerivation

    /// Creates a builder.
    public init(asOf: Day, currency: CurrencyCode, derivation: IndicatorDerivation = IndicatorDerivation()) {
        self.asOf = asOf
        self.currency = currency
        self.derivation = derivation
    }

    /// Builds the table of the clients of kind `subject` among `profiles`, in profile order.
    ///
    /// `profiles` should hold the whole book (both kinds) so that household, enterprise and
    /// referral values can see every client; only rows of `subject` are returned.
    /// - Throws: ``ScoringInputError`` naming the client, record and field; nothing is returned on error.
    public func build(
        subject: CustomerKind,
        profiles: [CustomerProfile],
        holdings: [Holding] = [],
        relationships: [Relationship] = [],
        referrals: [Referral] = [],
        interactions: [Interaction] = [],
        balances: [BalanceSnapshot] = [],
        transactions: TransactionColumns? = nil,
        heldAwayAssets: [CustomerID: Money] = [:]
    ) throws(ScoringInputError) -> IndicatorTable {
        let facts = try bookFacts(
            profiles: profiles,
            holdings: holdings,
            relationships: relationships,
            referrals: referrals,
            interactions: interactions,
            balances: balances,
            heldAwayAssets: heldAwayAssets
        )
        var activity: TransactionActivity?
        if let transactions {
            activity = try TransactionActivity(
                columns: transactions,
                customers: profiles.map(\.id),
                asOf: asOf,
                currency: currency,
                derivation: derivation
            )
        }
        return try table(subject: subject, facts: facts, profiles: profiles, activity: activity)
    }

    /// The per-client sums and counts of a whole book, and its held-away estimates by profile
    /// index: the part of ``build(subject:profiles:holdings:relationships:referrals:interactions:balances:transactions:heldAwayAssets:)``
    /// both kinds of client share, so a job that builds both tables gathers it once.
    /// - Throws: ``ScoringInputError`` naming the client, record and field.
    func bookFacts(
        profiles: [CustomerProfile],
        holdings: [Holding],
        relationships: [Relationship],
        referrals: [Referral],
        interactions: [Interaction],
        balances: [BalanceSnapshot],
        heldAwayAssets: [CustomerID: Money]
    ) throws(ScoringInputError) -> (book: BookFacts, heldAway: [Int: Int64]) {
        var book = try BookFacts(profiles: profiles, asOf: asOf, currency: currency, derivation: derivation)
        try book.addHoldings(holdings)
        try book.addReferrals(referrals)
        try book.addRelationships(relationships)
        try book.addInteractions(interactions)
        try book.addBalances(balances)
        var held: [Int: Int64] = [:]
        for (customer, money) in heldAwayAssets.sorted(by: { $0.key < $1.key }) {
            guard let index = book.index[customer] else {
                throw ScoringInputError(
                    .unknownCustomer,
                    customer: customer,
                    field: "heldAwayAssets",
                    "the client is not in the book"
                )
            }
            guard money.currency == currency else {
                throw ScoringInputError(
                    .currencyMismatch,
                    customer: customer,
                    field: "heldAwayAssets",
                    "the estimate is in \(money.currency), not the book's \(currency)"
                )
            }
            guard money.minorUnits >= 0 else {
                throw ScoringInputError(
                    .invalidValue,
                    customer: customer,
                    field: "heldAwayAssets",
                    "the estimate must not be negative"
                )
            }
            held[index] = money.minorUnits
        }
        return (book, held)
    }

    /// The table of the clients of kind `subject` among `profiles` (the profiles `facts` was
    /// gathered from), with the CVM's transaction measures of every profile when given.
    /// - Throws: ``ScoringInputError`` naming the client, record and field.
    func table(
        subject: CustomerKind,
        facts: (book: BookFacts, heldAway: [Int: Int64]),
        profiles: [CustomerProfile],
        activity: TransactionActivity?
    ) throws(ScoringInputError) -> IndicatorTable {
        let rows = profiles.indices.filter { profiles[$0].kind == subject }
        var writer = TableWriter(
            table: IndicatorTable(
                customers: rows.map { profiles[$0].id },
                subject: subject,
                currency: currency,
                asOf: asOf
            ),
            rows: rows
        )
        try writer.fill(
            book: facts.book,
            profiles: profiles,
            activity: activity,
            heldAway: facts.heldAway,
            derivation: derivation
        )
        return writer.table
    }
}
