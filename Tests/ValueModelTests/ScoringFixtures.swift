import CustomerModel
import SyntheticBank
import ValueModel

/// A synthetic bank of 2,000 clients and its indicator tables, built once for the scoring suites.
enum ScoringFixture {
    /// 2,000 clients; 40 transactions a client and month-end balances keep the debug-build set-up short.
    static let bank = SyntheticBank(
        SyntheticBank.Configuration(
            seed: 11,
            clientCount: 2_000,
            transactionsPerClientPerYear: 40,
            balanceSnapshots: .monthEnd
        )
    )

    static var asOf: Day { bank.period.upperBound }

    static let builder = IndicatorTableBuilder(asOf: asOf, currency: .cny)

    static func table(_ subject: CustomerKind) throws -> IndicatorTable {
        let everyone = 0..<bank.clientCount
        return try builder.build(
            subject: subject,
            profiles: bank.profiles,
            holdings: bank.holdings,
            relationships: bank.relationships,
            referrals: bank.referrals,
            interactions: bank.interactions(clients: everyone),
            balances: bank.balances(clients: everyone),
            transactions: bank.transactionColumns()
        )
    }

    static let individuals: Result<IndicatorTable, any Error> = Result { try table(.individual) }
    static let corporates: Result<IndicatorTable, any Error> = Result { try table(.corporate) }
}

/// A small table built by hand: `rows` clients `K0`, `K1` ... of `subject`, in CNY, as of 2025-12-31.
func handTable(_ rows: Int, subject: CustomerKind = .individual) -> IndicatorTable {
    IndicatorTable(
        customers: (0..<rows).map { CustomerID("K\($0)") },
        subject: subject,
        currency: .cny,
        asOf: Day(year: 2025, month: 12, day: 31) ?? Day(number: 20_453)
    )
}

/// A one-dimension individual model over `indicators` (weights must add up to 1 within `current`).
func currentOnlyModel(_ indicators: [ScoringIndicator], version: String = "t1") throws -> ScoringModel {
    try ScoringModel(
        id: "test",
        version: version,
        subject: .individual,
        currency: .cny,
        dimensions: [DimensionWeight(.current, 1)],
        indicators: indicators
    )
}
