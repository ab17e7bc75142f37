public import CustomerModel

extension SyntheticBank {
    /// How often a client's balances are snapshotted.
    public enum SnapshotFrequency: String, Hashable, Sendable, Codable, CaseIterable {
        /// Every day: 365 snapshots a client a year (heavy for 100k clients: 36.5M rows).
        case daily
        /// Every seventh day counting back from the last day: 53 a client a year.
        case weekly
        /// The last day of every month, and the period's last day.
        case monthEnd
    }

    /// How people's and companies' names are written.
    public enum NameScript: String, Hashable, Sendable, Codable, CaseIterable {
        /// Chinese characters: 王晓明, 上海恒信科技有限公司.
        case hanzi
        /// Pinyin in Latin letters: Wang Xiaoming, Shanghai Hengxin Technology Co., Ltd.
        case pinyin
    }

    /// Every knob of a synthetic bank.
    ///
    /// The defaults give a 1,000-client bank with one year (2025) of activity, about 100 transactions a client.
    ///
    /// Values out of range are clamped when the bank is generated (a share below 0 counts as 0,
    /// a client count below 1 as 1), so a configuration never makes generation fail.
    ///
    /// ```swift
    /// var configuration = SyntheticBank.Configuration(seed: 7, clientCount: 100_000)
    /// configuration.transactionsPerClientPerYear = 100   // about 10M transactions
    /// let bank = SyntheticBank(configuration)
    /// ```
    public struct Configuration: Hashable, Sendable, Codable {
        /// The seed: the same seed and configuration always give the same bank.
        public var seed: UInt64
        /// Number of clients, individuals and corporates together (1,000 to 100,000 is the
        /// intended range; more works, with memory to match).
        public var clientCount: Int
        /// Share of clients that are corporates (0...1); the rest are individuals.
        public var corporateShare: Double
        /// The last simulated day (the "today" of the generated bank).
        public var endDay: Day
        /// Number of simulated days, ending on ``endDay`` (365 for one year).
        public var days: Int
        /// Number of branches below head office.
        public var branches: Int
        /// Number of sub-branches below each branch.
        public var subBranchesPerBranch: Int
        /// Relationship managers in each sub-branch.
        public var relationshipManagersPerSubBranch: Int
        /// Senior relationship managers at each branch (they cover the larger clients).
        public var seniorRelationshipManagersPerBranch: Int
        /// Executive relationship managers at each branch (they cover the largest clients).
        public var executiveRelationshipManagersPerBranch: Int
        /// Average number of transactions a client makes in a year; the period's count scales with ``days``.
        ///
        /// 100 gives about 10M transactions for 100k clients.
        public var transactionsPerClientPerYear: Double
        /// Average number of interactions (RM contacts, app sessions, complaints, surveys,
        /// events, promises) a client has in a year.
        public var interactionsPerClientPerYear: Double
        /// Share of clients drifting toward churn (0...1): in their last months outflows grow,
        /// maturing products are moved out, complaints rise and activity falls.
        public var churnDriftingShare: Double
        /// Share of dormant clients (0...1): their transactions stop 3 to 6 months before the end.
        public var dormantShare: Double
        /// Share of clients who joined the bank during the simulated period (0...1).
        public var newClientShare: Double
        /// Share of clients who were referred by another client (0...1).
        public var referredShare: Double
        /// The currency of every amount.
        public var currency: CurrencyCode
        /// How often balance snapshots are taken.
        public var balanceSnapshots: SnapshotFrequency
        /// How names are written.
        public var nameScript: NameScript
        /// The calendar that turns days into instants (time zone) for interactions, tags and consents.
        public var calendar: BankCalendar

        /// Creates a configuration; every knob has a default.
        public init(
            seed: UInt64 = 42,
            clientCount: Int = 1_000,
            corporateShare: Double = 0.1,
            endDay: Day = Day(year: 2025, month: 12, day: 31) ?? Day(number: 20_453),
            days: Int = 365,
            branches: Int = 6,
            subBranchesPerBranch: Int = 4,
            relationshipManagersPerSubBranch: Int = 6,
            seniorRelationshipManagersPerBranch: Int = 3,
            executiveRelationshipManagersPerBranch: Int = 1,
            transactionsPerClientPerYear: Double = 100,
            interactionsPerClientPerYear: Double = 40,
            churnDriftingShare: Double = 0.05,
            dormantShare: Double = 0.05,
            newClientShare: Double = 0.06,
            referredShare: Double = 0.15,
            currency: CurrencyCode = .cny,
            balanceSnapshots: SnapshotFrequency = .weekly,
            nameScript: NameScript = .hanzi,
            calendar: BankCalendar = .china
        ) {
            self.seed = seed
            self.clientCount = clientCount
            self.corporateShare = corporateShare
            self.endDay = endDay
            self.days = days
            self.branches = branches
            self.subBranchesPerBranch = subBranchesPerBranch
            self.relationshipManagersPerSubBranch = relationshipManagersPerSubBranch
            self.seniorRelationshipManagersPerBranch = seniorRelationshipManagersPerBranch
            self.executiveRelationshipManagersPerBranch = executiveRelationshipManagersPerBranch
            self.transactionsPerClientPerYear = transactionsPerClientPerYear
            self.interactionsPerClientPerYear = interactionsPerClientPerYear
            self.churnDriftingShare = churnDriftingShare
            self.dormantShare = dormantShare
            self.newClientShare = newClientShare
            self.referredShare = referredShare
            self.currency = currency
            self.balanceSnapshots = balanceSnapshots
            self.nameScript = nameScript
            self.calendar = calendar
        }

        /// The first simulated day: ``endDay`` minus ``days`` plus one.
        public var startDay: Day { endDay.adding(days: -(max(1, days) - 1)) }

        /// The simulated period, both ends included.
        public var period: ClosedRange<Day> { startDay...endDay }

        /// The configuration with every value clamped into its valid range.
        public var clamped: Configuration {
            var c = self
            func share(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
            c.clientCount = max(1, clientCount)
            c.corporateShare = share(corporateShare)
            c.days = min(3660, max(28, days))
            c.branches = min(99, max(1, branches))
            c.subBranchesPerBranch = min(99, max(1, subBranchesPerBranch))
            c.relationshipManagersPerSubBranch = min(999, max(1, relationshipManagersPerSubBranch))
            c.seniorRelationshipManagersPerBranch = min(999, max(1, seniorRelationshipManagersPerBranch))
            c.executiveRelationshipManagersPerBranch = min(999, max(1, executiveRelationshipManagersPerBranch))
            c.transactionsPerClientPerYear =
                transactionsPerClientPerYear.isFinite ? min(100_000, max(1, transactionsPerClientPerYear)) : 100
            c.interactionsPerClientPerYear =
                interactionsPerClientPerYear.isFinite ? min(10_000, max(0, interactionsPerClientPerYear)) : 40
            c.churnDriftingShare = share(churnDriftingShare)
            c.dormantShare = min(share(dormantShare), 1 - c.churnDriftingShare)
            c.newClientShare = share(newClientShare)
            c.referredShare = share(referredShare)
            return c
        }
    }
}
