/// What a load wrote: records read by kind, golden profiles made, source records merged, what
/// each port stored, and the merge log.
public struct ImportReport: Hashable, Sendable, CustomStringConvertible {
    /// Records read, by kind.
    public var recordsRead: [ImportFile.Kind: Int]
    /// Golden profiles the import made (created, updated or unchanged in the store).
    public var goldenProfiles: Int
    /// Source customer records merged into a profile another record started.
    public var mergedRecords: Int
    /// Golden profiles new to the store.
    public var profilesCreated: Int
    /// Golden profiles the store held already and the import replaced.
    public var profilesUpdated: Int
    /// Golden profiles the store held already, identical to the import: not written.
    public var profilesUnchanged: Int
    /// Accounts written.
    public var accountsWritten: Int
    /// Holdings written.
    public var holdingsWritten: Int
    /// Transactions appended and transactions the store held already.
    public var transactions: AppendReport
    /// Interactions appended and interactions the store held already.
    public var interactions: AppendReport
    /// How each golden profile was built.
    public var mergeLog: MergeLog

    /// Creates a report.
    public init(
        recordsRead: [ImportFile.Kind: Int],
        goldenProfiles: Int,
        mergedRecords: Int,
        profilesCreated: Int,
        profilesUpdated: Int,
        profilesUnchanged: Int,
        accountsWritten: Int,
        holdingsWritten: Int,
        transactions: AppendReport,
        interactions: AppendReport,
        mergeLog: MergeLog
    ) {
        self.recordsRead = recordsRead
        self.goldenProfiles = goldenProfiles
        self.mergedRecords = mergedRecords
        self.profilesCreated = profilesCreated
        self.profilesUpdated = profilesUpdated
        self.profilesUnchanged = profilesUnchanged
        self.accountsWritten = accountsWritten
        self.holdingsWritten = holdingsWritten
        self.transactions = transactions
        self.interactions = interactions
        self.mergeLog = mergeLog
    }

    /// Records read by kind, golden profiles and merges, and what was written, without personal values.
    public var description: String {
        let read = ImportFile.Kind.allCases.compactMap { kind in recordsRead[kind].map { "\(kind.rawValue) \($0)" } }
        return """
            read: \(read.joined(separator: ", "))
            golden profiles: \(goldenProfiles) (\(mergedRecords) source records merged; \(profilesCreated) created, \
            \(profilesUpdated) updated, \(profilesUnchanged) unchanged)
            written: accounts \(accountsWritten), holdings \(holdingsWritten), transactions \
            \(transactions.appended) (+\(transactions.duplicates) already stored), interactions \
            \(interactions.appended) (+\(interactions.duplicates) already stored)
            """
    }
}
