public import CustomerModel

extension SyntheticBank {
    /// What ``load(into:activity:as:batchSize:progress:)`` stored.
    public struct LoadSummary: Hashable, Sendable {
        /// Profiles created.
        public var profiles = 0
        /// Accounts stored.
        public var accounts = 0
        /// Holdings stored.
        public var holdings = 0
        /// Relationship edges stored.
        public var relationships = 0
        /// Referrals recorded.
        public var referrals = 0
        /// Transactions appended (new ones; repeats the store already held are not counted).
        public var transactions = 0
        /// Interactions appended.
        public var interactions = 0
        /// Balance snapshots appended.
        public var balances = 0

        /// An empty summary.
        public init() {}
    }

    /// Loads the whole bank into empty stores through their ports, in batches: the
    /// organisation, then profiles, accounts, holdings, relationships, referrals, transactions,
    /// interactions and balance snapshots.
    ///
    /// Activity is generated batch by batch while it is loaded, so memory holds one batch of
    /// it at a time. Loading is idempotent for activity (ids are idempotency keys) but not for
    /// profiles: they are created with no expected version, so loading twice into the same store
    /// throws a conflict.
    ///
    /// ```swift
    /// let bank = InMemoryBank(clock: clock, calendar: .china)
    /// try await synthetic.load(into: bank.customers, activity: bank.activity) { phase, done, total in
    ///     print("\(phase) \(done)/\(total)")
    /// }
    /// ```
    /// - Parameters:
    ///   - store: where profiles, accounts, holdings, relationships and referrals go.
    ///   - activity: where transactions, interactions and balances go.
    ///   - principal: who loads; it must be allowed to replace the organisation and write every
    ///     client (a system or head-office principal).
    ///   - batchSize: records per port call (at least 1).
    ///   - progress: called after each batch with the phase (`organisation`, `profiles`,
    ///     `accounts`, `holdings`, `relationships`, `referrals`, `transactions`, `interactions`,
    ///     `balances`), how many are done and how many there are. For `interactions` the counts
    ///     are clients, since the number of interactions is known only once generated.
    /// - Returns: how many records of each kind were stored.
    /// - Throws: the first ``/CustomerModel/StoreError`` a port throws; what was stored before stays.
    @discardableResult
    public func load(
        into store: GatedCustomerStore,
        activity: GatedActivityStore,
        as principal: Principal = .system("synthetic-bank", purpose: "load a synthetic bank"),
        batchSize: Int = 50_000,
        progress: (@Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) async throws(StoreError) -> LoadSummary {
        let size = max(1, batchSize)
        var summary = LoadSummary()
        try await store.replace(organisation: organisation, as: principal)
        progress?("organisation", 1, 1)
        for start in stride(from: 0, to: profiles.count, by: size) {
            let batch = profiles[start..<min(start + size, profiles.count)].map {
                ProfileChange($0, expectedVersion: nil)
            }
            _ = try await store.upsert(batch, as: principal)
            summary.profiles += batch.count
            progress?("profiles", summary.profiles, profiles.count)
        }
        for start in stride(from: 0, to: accounts.count, by: size) {
            let batch = Array(accounts[start..<min(start + size, accounts.count)])
            try await store.upsert(accounts: batch, as: principal)
            summary.accounts += batch.count
            progress?("accounts", summary.accounts, accounts.count)
        }
        for start in stride(from: 0, to: holdings.count, by: size) {
            let batch = Array(holdings[start..<min(start + size, holdings.count)])
            try await store.upsert(holdings: batch, as: principal)
            summary.holdings += batch.count
            progress?("holdings", summary.holdings, holdings.count)
        }
        for start in stride(from: 0, to: relationships.count, by: size) {
            let batch = Array(relationships[start..<min(start + size, relationships.count)])
            try await store.upsert(relationships: batch, as: principal)
            summary.relationships += batch.count
            progress?("relationships", summary.relationships, relationships.count)
        }
        for start in stride(from: 0, to: referrals.count, by: size) {
            let batch = Array(referrals[start..<min(start + size, referrals.count)])
            try await store.record(referrals: batch, as: principal)
            summary.referrals += batch.count
            progress?("referrals", summary.referrals, referrals.count)
        }
        var done = 0
        for batch in transactionBatches(size: size) {
            let report = try await activity.append(transactions: batch, as: principal)
            summary.transactions += report.appended
            done += batch.count
            progress?("transactions", done, transactionCount)
        }
        // Interactions and balances: whole clients per call, about `size` records each.
        let interactionGenerator = InteractionGenerator(model: model)
        var pending: [Interaction] = []
        for client in 0..<clientCount {
            pending.append(contentsOf: interactionGenerator.interactions(client: client))
            if pending.count >= size || client == clientCount - 1 {
                if !pending.isEmpty {
                    summary.interactions += try await activity.append(interactions: pending, as: principal).appended
                }
                pending.removeAll(keepingCapacity: true)
                progress?("interactions", client + 1, clientCount)
            }
        }
        let balanceTotal = balanceSnapshotCount
        var snapshots: [BalanceSnapshot] = []
        var snapshotsDone = 0
        var firstClient = 0
        while firstClient < clientCount {
            var lastClient = firstClient
            var expected = 0
            while lastClient < clientCount, expected < size || lastClient == firstClient {
                expected += balanceSnapshotCount(ofClient: lastClient)
                lastClient += 1
            }
            snapshots = balances(clients: firstClient..<lastClient)
            if !snapshots.isEmpty {
                summary.balances += try await activity.append(balances: snapshots, as: principal).appended
            }
            snapshotsDone += snapshots.count
            progress?("balances", snapshotsDone, balanceTotal)
            firstClient = lastClient
        }
        return summary
    }

    /// The number of balance snapshots of the whole bank.
    public var balanceSnapshotCount: Int {
        (0..<clientCount).reduce(0) { $0 + balanceSnapshotCount(ofClient: $1) }
    }

    /// The number of balance snapshots of client `index`.
    public func balanceSnapshotCount(ofClient index: Int) -> Int {
        guard model.plans.indices.contains(index) else { return 0 }
        let from = Day(number: max(model.plans[index].activeFrom, model.start.number))
        return BalanceCalculator(model: model).snapshotDays(from: from).count
    }
}
