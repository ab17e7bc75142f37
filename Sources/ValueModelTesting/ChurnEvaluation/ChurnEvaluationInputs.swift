public import CustomerModel
public import SyntheticBank

/// What a churn evaluation reads from a ``/SyntheticBank/SyntheticBank``, generated once so that many policies
/// and analysis days can be evaluated on the same bank: the transaction columns, holdings,
/// interactions and balance snapshots, and each client's ``/SyntheticBank/ClientScenario``.
///
/// Reading the bank changes nothing it generates.
public struct ChurnEvaluationInputs: Sendable {
    /// The bank's configuration (seed, size, period).
    public let configuration: SyntheticBank.Configuration
    /// Each client's scenario, by client index (the columns' dense index).
    public let scenarios: [ClientScenario]
    /// Every client's transactions.
    public let columns: TransactionColumns
    /// Every holding.
    public let holdings: [Holding]
    /// Every interaction.
    public let interactions: [Interaction]
    /// Every balance snapshot.
    public let balances: [BalanceSnapshot]

    /// Reads everything a churn book needs from `bank`.
    /// - Complexity: generates the bank's activity once (transactions twice: the balance series
    ///   are rebuilt from them).
    public init(bank: SyntheticBank) {
        let all = 0..<bank.clientCount
        configuration = bank.configuration
        scenarios = bank.scenarios
        columns = bank.transactionColumns(clients: all)
        holdings = bank.holdings
        interactions = bank.interactions(clients: all)
        balances = bank.balances(clients: all)
    }

    /// Takes inputs already generated (the columns' dense index must be the scenarios' client index).
    public init(
        configuration: SyntheticBank.Configuration,
        scenarios: [ClientScenario],
        columns: TransactionColumns,
        holdings: [Holding],
        interactions: [Interaction],
        balances: [BalanceSnapshot]
    ) {
        self.configuration = configuration
        self.scenarios = scenarios
        self.columns = columns
        self.holdings = holdings
        self.interactions = interactions
        self.balances = balances
    }

    /// The number of clients.
    public var clientCount: Int { scenarios.count }
}
