/// A checked import, ready to load: the golden profiles, every account, holding, transaction and
/// interaction re-keyed to its golden ``CustomerID``, and the merge log.
///
/// A plan exists only when every file of the import validated; ``CustomerImporter/load(_:into:activity:as:)``
/// writes it. Planning touches no store, so a host can plan, inspect ``mergeLog`` and the counts,
/// and decide whether to load.
public struct ImportPlan: Hashable, Sendable {
    /// The golden profiles, sorted by id.
    public var profiles: [CustomerProfile]
    /// Accounts, in file and line order.
    public var accounts: [Account]
    /// Holdings, in file and line order.
    public var holdings: [Holding]
    /// Transactions, in file and line order.
    public var transactions: [Transaction]
    /// Interactions, in file and line order.
    public var interactions: [Interaction]
    /// How each golden profile was built.
    public var mergeLog: MergeLog
    /// Records read, by kind (a kind with no file is absent).
    public var recordsRead: [ImportFile.Kind: Int]

    /// Creates a plan by hand, for tests and tools.
    ///
    /// Hosts get plans from ``CustomerImporter/plan(_:organisation:)``.
    public init(
        profiles: [CustomerProfile],
        accounts: [Account] = [],
        holdings: [Holding] = [],
        transactions: [Transaction] = [],
        interactions: [Interaction] = [],
        mergeLog: MergeLog = MergeLog(entries: []),
        recordsRead: [ImportFile.Kind: Int] = [:]
    ) {
        self.profiles = profiles
        self.accounts = accounts
        self.holdings = holdings
        self.transactions = transactions
        self.interactions = interactions
        self.mergeLog = mergeLog
        self.recordsRead = recordsRead
    }

    /// Source customer records that joined a profile another record started.
    public var mergedRecords: Int { mergeLog.mergedRecordCount }
}
