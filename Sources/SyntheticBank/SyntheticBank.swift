import ClienteleSupport
public import CustomerModel

/// A synthetic bank: an organisation, clients with realistic profiles, accounts, holdings, households, enterprises,
/// referrals, and a year of transactions, interactions and balances.
///
/// The same seed and configuration always give the same bank.
///
/// The slowly changing part (``organisation``, ``profiles``, ``accounts``, ``holdings``,
/// ``relationships``, ``referrals``) is generated when the bank is created and held in memory
/// (about 6 KB a client). Activity is generated on demand, client by client, and never held as a
/// whole: ask for the transactions of a range of clients, iterate batches of transactions of any
/// size, or generate ``/CustomerModel/TransactionColumns`` directly for scoring. Each client's
/// activity comes from its own random streams, so the data is the same whatever the batch size
/// or order of generation.
///
/// ```swift
/// let bank = SyntheticBank(.init(seed: 7, clientCount: 100_000))   // ~10M transactions
/// for batch in bank.transactionBatches(size: 100_000) {
///     _ = try await activity.append(transactions: batch, as: .system("load"))
/// }
/// let columns = bank.transactionColumns()                           // the same rows, columnar
/// ```
///
/// Client `i` (from 0) is `profiles[i]`; individuals come first (`C000001`...), then corporates
/// (`E000001`...). Transaction ids are `T` plus a base-36 running number, in client order and
/// by time within a client: at most 10 characters, so stores pack them into 64 bits.
public struct SyntheticBank: Sendable {
    /// The configuration the bank was generated from, with every value clamped into range.
    public let configuration: Configuration
    /// Head office, branches, sub-branches and their staff.
    public let organisation: Organisation
    /// Every client's profile; client `i` is `profiles[i]`.
    public let profiles: [CustomerProfile]
    /// Every account, grouped by client in client order.
    public let accounts: [Account]
    /// Every holding, grouped by client in client order, including positions that matured
    /// during the period (with their ``/CustomerModel/RenewalOutcome``).
    public let holdings: [Holding]
    /// Household, enterprise and business-partner edges.
    public let relationships: [Relationship]
    /// Who referred whom.
    public let referrals: [Referral]
    /// Each client's scenario (steady, churn-drifting, dormant), by client index.
    public let scenarios: [ClientScenario]
    let model: ActivityModel
    private let indexByID: [CustomerID: Int]

    /// Generates a bank.
    /// - Complexity: O(clients); about 4 s of CPU per 100,000 clients in a release build.
    public init(_ configuration: Configuration = Configuration()) {
        let clamped = configuration.clamped
        var builder = BankBuilder(clamped)
        builder.build()
        self.configuration = clamped
        organisation = Organisation(branches: builder.branches, staff: builder.staff)
        profiles = builder.profiles
        accounts = builder.accounts
        holdings = builder.holdings
        relationships = builder.relationships
        referrals = builder.referrals
        scenarios = builder.scenarios
        var offsets = [Int](repeating: 0, count: builder.plans.count + 1)
        for (index, plan) in builder.plans.enumerated() {
            offsets[index + 1] = offsets[index] + plan.transactionCount
        }
        let ids = builder.profiles.map(\.id)
        model = ActivityModel(
            seed: clamped.seed,
            start: clamped.startDay,
            end: clamped.endDay,
            currency: clamped.currency,
            snapshotFrequency: clamped.balanceSnapshots,
            interactionsPerYear: clamped.interactionsPerClientPerYear,
            calendar: clamped.calendar,
            plans: builder.plans,
            plannedRows: builder.plannedRows,
            partners: builder.partners,
            counterparties: builder.book,
            customerIDs: ids,
            accountIDs: builder.accounts.map(\.id),
            relationshipManagers: builder.profiles.map(\.coverage.relationshipManager),
            seasons: builder.seasons,
            tables: builder.tables,
            transactionOffsets: offsets
        )
        indexByID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Clients

    /// The number of clients.
    public var clientCount: Int { profiles.count }

    /// Every client id, by client index.
    public var customerIDs: [CustomerID] { model.customerIDs }

    /// The client index of `id`, or `nil` for an id not in this bank.
    public func clientIndex(of id: CustomerID) -> Int? { indexByID[id] }

    /// The first and last simulated day.
    public var period: ClosedRange<Day> { configuration.period }

    /// Client `index`'s assets under management at the end of the period, per its holdings:
    /// deposits, wealth products, funds and insurance still running on the last day.
    public func endOfPeriodAUM(ofClient index: Int) -> Money {
        guard model.plans.indices.contains(index) else { return .zero(configuration.currency) }
        let plan = model.plans[index]
        return Money(minorUnits: plan.deposits &+ plan.investments, currency: configuration.currency)
    }

    // MARK: Transactions

    /// The number of transactions of the whole bank.
    public var transactionCount: Int { model.transactionOffsets.last ?? 0 }

    /// The number of transactions of client `index` (0 for an index out of range).
    public func transactionCount(ofClient index: Int) -> Int {
        guard model.plans.indices.contains(index) else { return 0 }
        return model.plans[index].transactionCount
    }

    /// The running number of client `index`'s first transaction: its transactions are numbered
    /// `transactionOffset(ofClient: index)..<transactionOffset(ofClient: index + 1)`.
    public func transactionOffset(ofClient index: Int) -> Int {
        model.transactionOffsets[min(max(0, index), model.transactionOffsets.count - 1)]
    }

    /// The transactions of the clients in `clients` (clamped to the bank), in client order and
    /// by time within each client.
    /// - Complexity: O(transactions of those clients); a few million a second in a release build.
    public func transactions(clients: Range<Int>) -> [Transaction] {
        let range = clamp(clients)
        var generator = TransactionGenerator(model: model)
        var result: [Transaction] = []
        result.reserveCapacity(model.transactionOffsets[range.upperBound] - model.transactionOffsets[range.lowerBound])
        for index in range {
            generator.generate(client: index)
            var number = model.transactionOffsets[index]
            for row in generator.rows {
                result.append(generator.transaction(row, number: number, client: index))
                number += 1
            }
        }
        return result
    }

    /// The transactions of one client, by time.
    public func transactions(ofClient index: Int) -> [Transaction] { transactions(clients: index..<(index + 1)) }

    /// The bank's transactions (or those of `clients`) in batches of `size`: the same
    /// transactions in the same order whatever the size, only ever one batch in memory.
    public func transactionBatches(size: Int, clients: Range<Int>? = nil) -> TransactionBatches {
        TransactionBatches(model: model, size: max(1, size), clients: clamp(clients ?? 0..<clientCount))
    }

    /// The transactions of `clients` (all when `nil`) as columns, row for row the same as
    /// ``transactions(clients:)``, without building a ``/CustomerModel/Transaction`` per row.
    ///
    /// `customers` lists every client of the bank, so dense index `i` is client `i` (a store's
    /// export lists only the clients it holds transactions for, in the order it first saw them).
    /// Chunks of about a million rows are generated on every core (`concurrentPerform`, which
    /// returns when all are done) and joined in client order, so the result never depends on timing.
    /// - Complexity: O(rows); no per-row allocation.
    public func transactionColumns(clients: Range<Int>? = nil) -> TransactionColumns {
        let range = clamp(clients ?? 0..<clientCount)
        let offsets = model.transactionOffsets
        let total = offsets[range.upperBound] - offsets[range.lowerBound]
        // Chunks of about a million rows, generated on every core and joined in client order.
        let chunkCount = max(1, min(range.count, total / 1_000_000))
        var bounds = [range.lowerBound]
        for chunk in 1..<chunkCount {
            let target = offsets[range.lowerBound] + total * chunk / chunkCount
            var low = bounds[bounds.count - 1]
            var high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if offsets[middle] < target { low = middle + 1 } else { high = middle }
            }
            bounds.append(low)
        }
        bounds.append(range.upperBound)
        let model = self.model
        let chunkBounds = bounds
        let parts = ParallelWork.map(count: chunkCount) { chunk in
            Self.columns(model, clients: chunkBounds[chunk]..<chunkBounds[chunk + 1])
        }
        var columns = TransactionColumns(customers: model.customerIDs)
        columns.reserveCapacity(total)
        for part in parts {
            columns.customerIndex.append(contentsOf: part.customerIndex)
            columns.day.append(contentsOf: part.day)
            columns.amountMinorUnits.append(contentsOf: part.amountMinorUnits)
            columns.currency.append(contentsOf: part.currency)
            columns.type.append(contentsOf: part.type)
            columns.direction.append(contentsOf: part.direction)
            columns.channel.append(contentsOf: part.channel)
            columns.merchantCategory.append(contentsOf: part.merchantCategory)
            columns.isOverseas.append(contentsOf: part.isOverseas)
        }
        return columns
    }

    /// The columns of one client range, serially.
    private static func columns(_ model: ActivityModel, clients range: Range<Int>) -> TransactionColumns {
        var columns = TransactionColumns()
        columns.reserveCapacity(model.transactionOffsets[range.upperBound] - model.transactionOffsets[range.lowerBound])
        var generator = TransactionGenerator(model: model)
        let currency = model.currency.packed
        for index in range {
            generator.generate(client: index)
            let client = Int32(index)
            for row in generator.rows {
                columns.customerIndex.append(client)
                columns.day.append(row.day)
                columns.amountMinorUnits.append(row.amount)
                columns.currency.append(currency)
                columns.type.append(row.type.rawValue)
                columns.direction.append(row.direction.rawValue)
                columns.channel.append(row.channel.rawValue)
                columns.merchantCategory.append(row.category)
                columns.isOverseas.append(row.isOverseas)
            }
        }
        return columns
    }

    // MARK: Interactions and balances

    /// The interactions of the clients in `clients`, in client order and by time within each client.
    public func interactions(clients: Range<Int>) -> [Interaction] {
        let generator = InteractionGenerator(model: model)
        var result: [Interaction] = []
        for index in clamp(clients) { result.append(contentsOf: generator.interactions(client: index)) }
        return result
    }

    /// The balance snapshots of the clients in `clients` at the configured frequency, in client order and by day.
    ///
    /// Each series runs backwards from the client's end-of-period holdings through its transactions (clamped at zero),
    /// so AUM drops over the year for a churn drifter.
    public func balances(clients: Range<Int>) -> [BalanceSnapshot] {
        var generator = TransactionGenerator(model: model)
        let calculator = BalanceCalculator(model: model)
        var result: [BalanceSnapshot] = []
        for index in clamp(clients) {
            generator.generate(client: index)
            result.append(contentsOf: calculator.snapshots(client: index, rows: generator.rows))
        }
        return result
    }

    private func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(0, range.lowerBound), clientCount)
        let upper = min(max(lower, range.upperBound), clientCount)
        return lower..<upper
    }
}

/// A bank's transactions in batches of a fixed size: every batch but the last holds exactly `size` transactions.
///
/// The concatenated batches are the same for every size.
public struct TransactionBatches: Sequence, Sendable {
    let model: ActivityModel
    /// The number of transactions in each batch (the last may hold fewer).
    public let size: Int
    /// The clients whose transactions are produced.
    public let clients: Range<Int>

    /// The iterator: generates clients' transactions as batches are taken.
    public struct Iterator: IteratorProtocol, Sendable {
        private var generator: TransactionGenerator
        private let size: Int
        private var nextClient: Int
        private let endClient: Int
        private var currentClient = 0
        private var cursor = 0
        private var number = 0
        private var remaining: Int

        init(model: ActivityModel, size: Int, clients: Range<Int>) {
            generator = TransactionGenerator(model: model)
            self.size = size
            nextClient = clients.lowerBound
            endClient = clients.upperBound
            remaining = model.transactionOffsets[clients.upperBound] - model.transactionOffsets[clients.lowerBound]
        }

        /// The next batch, or `nil` when every transaction has been produced.
        public mutating func next() -> [Transaction]? {
            guard remaining > 0 else { return nil }
            var batch: [Transaction] = []
            batch.reserveCapacity(Swift.min(size, remaining))
            while batch.count < size {
                if cursor == generator.rows.count {
                    guard nextClient < endClient else { break }
                    currentClient = nextClient
                    nextClient += 1
                    generator.generate(client: currentClient)
                    cursor = 0
                    number = generator.model.transactionOffsets[currentClient]
                    continue
                }
                batch.append(generator.transaction(generator.rows[cursor], number: number, client: currentClient))
                cursor += 1
                number += 1
            }
            remaining -= batch.count
            return batch.isEmpty ? nil : batch
        }
    }

    /// Starts producing batches.
    public func makeIterator() -> Iterator { Iterator(model: model, size: size, clients: clients) }

    /// The number of transactions the batches hold in all.
    public var transactionCount: Int {
        model.transactionOffsets[clients.upperBound] - model.transactionOffsets[clients.lowerBound]
    }
}
