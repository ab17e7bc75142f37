import CustomerModel

extension Samples {
    /// A plain transaction: `amount` CNY minor units in, at `second` of the day `day` days from today.
    static func transaction(
        _ id: String,
        _ customer: CustomerID,
        day: Int,
        second: Int32 = 0,
        amount: Int64 = 100_00
    ) -> Transaction {
        Transaction(
            id: TransactionID(id),
            customer: customer,
            day: ConformanceWorld.day(day),
            secondOfDay: second,
            type: .deposit,
            direction: .inflow,
            amount: Money(minorUnits: amount, currency: .cny),
            channel: .branch
        )
    }

    /// A card payment abroad with every field set, at the last second of today.
    static var fullTransaction: Transaction {
        Transaction(
            id: "T-FULL-0001",
            customer: ConformanceWorld.clientA1,
            account: "ACC-CARD-1",
            day: ConformanceWorld.day(0),
            secondOfDay: 86_399,
            type: .cardSpend,
            direction: .outflow,
            amount: Money(minorUnits: 1_234_567_89, currency: .eur),
            channel: .pos,
            merchantCategory: .luxuryRetail,
            counterparty: "Maison Exemple, Paris 8e",
            isOverseas: true
        )
    }

    /// One transaction per transaction type, channel, merchant category and several currencies,
    /// for `customer`, on the days before today.
    static func everyKindOfTransaction(for customer: CustomerID) -> [Transaction] {
        let currencies: [CurrencyCode] = [
            .cny, .usd, .hkd, .eur, CurrencyCode("JPY") ?? .cny, CurrencyCode("CHF") ?? .usd,
        ]
        let categories: [MerchantCategory?] = MerchantCategory.allCases + [nil]
        return TransactionType.allCases.enumerated().map { index, type in
            Transaction(
                id: TransactionID("T-KIND-\(index)"),
                customer: customer,
                account: index % 3 == 0 ? nil : AccountID("ACC-\(index % 4)"),
                day: ConformanceWorld.day(-1 - index % 3),
                secondOfDay: Int32(index * 3_600),
                type: type,
                direction: index % 2 == 0 ? .inflow : .outflow,
                amount: Money(minorUnits: Int64(index + 1) * 10_001, currency: currencies[index % currencies.count]),
                channel: Channel.allCases[index % Channel.allCases.count],
                merchantCategory: categories[index % categories.count],
                counterparty: index % 2 == 0 ? "Counterparty \(index % 5)" : nil,
                isOverseas: index % 4 == 1
            )
        }
    }

    /// An interaction of `customer` at `second` of the day `day` days from today.
    static func interaction(
        _ id: String,
        _ customer: CustomerID,
        day: Int,
        second: Int = 0,
        detail: InteractionDetail = .contact(notes: nil),
        channel: InteractionChannel = .call,
        staff: StaffID? = "RM-A"
    ) -> Interaction {
        Interaction(
            id: InteractionID(id),
            customer: customer,
            at: ConformanceWorld.instant(day: day, second: second),
            day: ConformanceWorld.day(day),
            channel: channel,
            staff: staff,
            detail: detail
        )
    }

    /// Interactions of every detail kind, with and without their optional values, in time order.
    static func everyKindOfInteraction(for customer: CustomerID) -> [Interaction] {
        let details: [InteractionDetail] = [
            .contact(notes: "Discussed the education fund for the daughter"),
            .contact(notes: nil),
            .complaint(category: "fees", severity: 3, resolvedOn: ConformanceWorld.day(-1)),
            .complaint(category: "waiting time", severity: 1, resolvedOn: nil),
            .serviceRequest(topic: "replace card", resolvedOn: ConformanceWorld.day(0)),
            .serviceRequest(topic: "raise limit", resolvedOn: nil),
            .satisfaction(score: 5),
            .satisfaction(score: 1),
            .appSession(pagesViewed: 12, dwellSeconds: 340, productInterest: "WM-2026-118"),
            .appSession(pagesViewed: 0, dwellSeconds: 0, productInterest: nil),
            .eventAttendance(event: "Wine salon, Bund 18"),
            .servicePromise(promise: "send the fund factsheet", dueOn: ConformanceWorld.day(2), fulfilledOn: nil),
            .servicePromise(
                promise: "call back about FX",
                dueOn: ConformanceWorld.day(-2),
                fulfilledOn: ConformanceWorld.day(-2)
            ),
        ]
        let channels = InteractionChannel.allCases
        return details.enumerated().map { index, detail in
            interaction(
                "I-KIND-\(index)",
                customer,
                day: -3 + index / 5,
                second: 1_000 * index,
                detail: detail,
                channel: channels[index % channels.count],
                staff: index % 3 == 2 ? nil : "RM-A"
            )
        }
    }

    /// A balance snapshot of `customer` on the day `day` days from today.
    static func balance(_ customer: CustomerID, day: Int, aum: Int64 = 5_000_000_00) -> BalanceSnapshot {
        BalanceSnapshot(
            customer: customer,
            day: ConformanceWorld.day(day),
            aum: Money(minorUnits: aum, currency: .cny),
            deposits: Money(minorUnits: aum / 2, currency: .cny),
            investments: Money(minorUnits: aum - aum / 2, currency: .cny),
            liabilities: Money(minorUnits: day.magnitude == 1 ? 0 : 300_000_00, currency: .cny)
        )
    }
}

/// One transaction as the columnar export holds it.
struct ColumnRow: Hashable, CustomStringConvertible {
    var customer: CustomerID
    var day: Int32
    var amount: Int64
    var currency: UInt32
    var type: UInt8
    var direction: UInt8
    var channel: UInt8
    var category: UInt8
    var isOverseas: Bool

    init(_ transaction: Transaction) {
        customer = transaction.customer
        day = transaction.day.number
        amount = transaction.amount.minorUnits
        currency = transaction.amount.currency.packed
        type = transaction.type.rawValue
        direction = transaction.direction.rawValue
        channel = transaction.channel.rawValue
        category = transaction.merchantCategory?.rawValue ?? 255
        isOverseas = transaction.isOverseas
    }

    init(
        customer: CustomerID,
        day: Int32,
        amount: Int64,
        currency: UInt32,
        type: UInt8,
        direction: UInt8,
        channel: UInt8,
        category: UInt8,
        isOverseas: Bool
    ) {
        self.customer = customer
        self.day = day
        self.amount = amount
        self.currency = currency
        self.type = type
        self.direction = direction
        self.channel = channel
        self.category = category
        self.isOverseas = isOverseas
    }

    var description: String {
        "\(customer) day \(Day(number: day)) \(amount) \(CurrencyCode(packed: currency).map(String.init(describing:)) ?? "\(currency)") type \(type) direction \(direction) channel \(channel) category \(category)\(isOverseas ? " overseas" : "")"
    }

    /// The rows of an export, after checking that every column has one value a row and every
    /// client index points into the client list.
    static func rows(of columns: TransactionColumns, _ subject: String) throws(ConformanceFailure) -> [ColumnRow] {
        let count = columns.customerIndex.count
        let lengths = [
            ("day", columns.day.count), ("amountMinorUnits", columns.amountMinorUnits.count),
            ("currency", columns.currency.count), ("type", columns.type.count),
            ("direction", columns.direction.count), ("channel", columns.channel.count),
            ("merchantCategory", columns.merchantCategory.count), ("isOverseas", columns.isOverseas.count),
        ]
        for (name, length) in lengths {
            try expectEqual(length, count, "length of the \(name) column of \(subject) (one value per row)")
        }
        var rows: [ColumnRow] = []
        rows.reserveCapacity(count)
        for row in 0..<count {
            let index = Int(columns.customerIndex[row])
            guard index >= 0, index < columns.customers.count else {
                throw ConformanceFailure(
                    subject: "customer index of row \(row) of \(subject)",
                    expected: "an index below \(columns.customers.count)",
                    actual: "\(index)"
                )
            }
            rows.append(
                ColumnRow(
                    customer: columns.customers[index],
                    day: columns.day[row],
                    amount: columns.amountMinorUnits[row],
                    currency: columns.currency[row],
                    type: columns.type[row],
                    direction: columns.direction[row],
                    channel: columns.channel[row],
                    category: columns.merchantCategory[row],
                    isOverseas: columns.isOverseas[row]
                )
            )
        }
        return rows
    }
}

/// An order-independent digest of a multiset of rows: equal digests mean equal rows (up to a
/// 2^-128 chance), and computing one costs a few integer operations a row, so a 100,000-row
/// export is compared without hashing 100,000 structures.
struct RowDigest: Equatable {
    var count = 0
    var sum: UInt64 = 0
    var mixedSum: UInt64 = 0

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable (per-process-independent) hash of a client identifier.
    static func hash(_ customer: CustomerID) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in customer.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    mutating func add(
        customer: UInt64,
        day: Int32,
        amount: Int64,
        currency: UInt32,
        type: UInt8,
        direction: UInt8,
        channel: UInt8,
        category: UInt8,
        isOverseas: Bool
    ) {
        var h = Self.mix(customer ^ UInt64(UInt32(bitPattern: day)))
        h = Self.mix(h ^ UInt64(bitPattern: amount))
        let small =
            UInt64(currency) << 32 | UInt64(type) << 24 | UInt64(direction) << 16 | UInt64(channel) << 8
            | UInt64(category)
        h = Self.mix(h ^ small ^ (isOverseas ? 1 << 63 : 0))
        count += 1
        sum = sum &+ h
        mixedSum = mixedSum &+ Self.mix(h ^ 0x5851_F42D_4C95_7F2D)
    }

    init() {}

    /// The digest of the transactions.
    init(_ transactions: [Transaction]) {
        var cache: [CustomerID: UInt64] = [:]
        for transaction in transactions {
            let customer: UInt64
            if let known = cache[transaction.customer] {
                customer = known
            } else {
                customer = Self.hash(transaction.customer)
                cache[transaction.customer] = customer
            }
            add(
                customer: customer,
                day: transaction.day.number,
                amount: transaction.amount.minorUnits,
                currency: transaction.amount.currency.packed,
                type: transaction.type.rawValue,
                direction: transaction.direction.rawValue,
                channel: transaction.channel.rawValue,
                category: transaction.merchantCategory?.rawValue ?? 255,
                isOverseas: transaction.isOverseas
            )
        }
    }

    /// The digest of an export, or `nil` when its columns are malformed (the slow path then says how).
    init?(_ columns: TransactionColumns) {
        let count = columns.customerIndex.count
        let lengths = [
            columns.day.count, columns.amountMinorUnits.count, columns.currency.count, columns.type.count,
            columns.direction.count, columns.channel.count, columns.merchantCategory.count, columns.isOverseas.count,
        ]
        guard lengths.allSatisfy({ $0 == count }) else { return nil }
        let customers = columns.customers.map(Self.hash)
        for row in 0..<count {
            let index = Int(columns.customerIndex[row])
            guard index >= 0, index < customers.count else { return nil }
            add(
                customer: customers[index],
                day: columns.day[row],
                amount: columns.amountMinorUnits[row],
                currency: columns.currency[row],
                type: columns.type[row],
                direction: columns.direction[row],
                channel: columns.channel[row],
                category: columns.merchantCategory[row],
                isOverseas: columns.isOverseas[row]
            )
        }
    }
}

/// Fails unless the export holds exactly the `expected` transactions, in any order.
func expectSameRows(
    _ columns: TransactionColumns,
    _ expected: [Transaction],
    _ subject: String
)
    throws(ConformanceFailure)
{
    if let digest = RowDigest(columns), digest == RowDigest(expected) { return }
    let actual = try ColumnRow.rows(of: columns, subject)
    try expectEqual(actual.count, expected.count, "rows in \(subject)")
    var remaining: [ColumnRow: Int] = [:]
    for transaction in expected { remaining[ColumnRow(transaction), default: 0] += 1 }
    for (index, row) in actual.enumerated() {
        guard let left = remaining[row], left > 0 else {
            throw ConformanceFailure(
                subject: "row \(index) of \(subject)",
                expected: "a row that was appended",
                actual: "\(row)"
            )
        }
        remaining[row] = left - 1
    }
    if let missing = remaining.first(where: { $0.value > 0 }) {
        throw ConformanceFailure(subject: "rows of \(subject)", expected: "\(missing.key)", actual: "no such row")
    }
}

/// Fails unless `actual` holds the same transactions as `expected`, each as often, in any order.
func expectSameTransactions(
    _ actual: [Transaction],
    _ expected: [Transaction],
    _ subject: String
)
    throws(ConformanceFailure)
{
    let order: (Transaction, Transaction) -> Bool = { $0.id.rawValue < $1.id.rawValue }
    try expectElements(actual.sorted(by: order), expected.sorted(by: order), "\(subject), sorted by id")
}

extension ActivityStoreConformance {
    typealias World = ConformanceWorld

    // MARK: Round trips

    static func transactionRoundTrips(_ f: Fixture) async throws {
        try await f.seed()
        let full = Samples.fullTransaction
        let plain = Samples.transaction("T-PLAIN", World.clientA1, day: 0, second: 0, amount: 1)
        let kinds = Samples.everyKindOfTransaction(for: World.clientA2)
        let report = try await f.append([full, plain] + kinds, "appending \(kinds.count + 2) transactions")
        try expectEqual(report, AppendReport(appended: kinds.count + 2, duplicates: 0), "the append report")
        try expectElements(try await f.transactions(of: World.clientA1), [plain, full], "transactions of C-A1")
        let expectedKinds = kinds.sorted { ($0.day, $0.secondOfDay) < ($1.day, $1.secondOfDay) }
        try expectElements(try await f.transactions(of: World.clientA2), expectedKinds, "transactions of C-A2")
        try expectSameTransactions(
            try await f.scanAll(limit: 4),
            [full, plain] + kinds,
            "transactions from a scan of every client"
        )
        try expectSameRows(try await f.exportAll(), [full, plain] + kinds, "the export")
    }

    static func transactionIDsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let ids = [
            "T", "7", "a", "A", "-", "_-_-", "000000000", "0000000000", "ABCDEFGHIJ", "abcdefghij", "ABCDEFGHIJK",
            "T.1/2 x", "交易-0001", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3302",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301", String(repeating: "Z", count: 36),
        ]
        let rows = ids.enumerated().map { index, id in
            Samples.transaction(id, World.clientA1, day: 0, second: Int32(index), amount: Int64(index + 1))
        }
        let report = try await f.append(rows, "appending \(rows.count) transactions with ids of 1 to 36 characters")
        try expectEqual(report, AppendReport(appended: rows.count, duplicates: 0), "the append report")
        try expectElements(
            try await f.transactions(of: World.clientA1).map(\.id.rawValue),
            ids,
            "ids read back, in time order"
        )
        try expectElements(try await f.transactions(of: World.clientA1), rows, "transactions read back")
        let again = try await f.append(rows.reversed(), "appending them again, reversed")
        try expectEqual(again, AppendReport(appended: 0, duplicates: rows.count), "the report of the repeat")
        var changed = rows[13]
        changed.amount.minorUnits += 1
        try await expectStoreError(.conflict, "a 36-character id appended again with another amount") {
            try await f.activity.append(transactions: [changed], as: World.system)
        }
        try expectSameTransactions(try await f.scanAll(limit: 5), rows, "transactions from a scan")
    }

    static func interactionsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let mine = Samples.everyKindOfInteraction(for: World.clientA1)
        let other = Samples.interaction("I-OTHER", World.clientA2, day: 0, detail: .satisfaction(score: 3))
        let report = try await call("appending \(mine.count + 1) interactions") {
            try await f.activity.append(interactions: mine + [other], as: World.system)
        }
        try expectEqual(report, AppendReport(appended: mine.count + 1, duplicates: 0), "the append report")
        let read = try await call("reading the interactions of C-A1") {
            try await f.activity.interactions(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(read, mine, "interactions of C-A1")
        let others = try await call("reading the interactions of C-A2") {
            try await f.activity.interactions(of: World.clientA2, in: World.everyDay, as: World.system)
        }
        try expectElements(others, [other], "interactions of C-A2")
    }

    static func balancesRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let snapshots = [
            Samples.balance(World.clientA1, day: 0, aum: 7_000_000_00),
            Samples.balance(World.clientA1, day: -2, aum: 6_000_000_00),
            BalanceSnapshot(
                customer: World.clientA1,
                day: World.day(-1),
                aum: Money(minorUnits: 123_45, currency: .usd),
                deposits: Money(minorUnits: 0, currency: .usd),
                investments: Money(minorUnits: 123_45, currency: .usd),
                liabilities: Money(minorUnits: 99, currency: .usd)
            ),
            Samples.balance(World.clientA2, day: 0),
        ]
        let report = try await call("appending four snapshots") {
            try await f.activity.append(balances: snapshots, as: World.system)
        }
        try expectEqual(report, AppendReport(appended: 4, duplicates: 0), "the append report")
        let read = try await call("reading the balances of C-A1") {
            try await f.activity.balances(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(read, [snapshots[1], snapshots[2], snapshots[0]], "balances of C-A1, by day")
    }

    static func listReadsMatchPerClientReads(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        try await call("a second interaction and balance for C-A2") {
            _ = try await f.activity.append(
                interactions: [Samples.interaction("L-2", World.clientA2, day: -3)],
                as: World.system
            )
            _ = try await f.activity.append(balances: [Samples.balance(World.clientA2, day: -3)], as: World.system)
        }
        let order = [World.clientH1, World.clientA2, World.clientA1]
        var interactions: [Interaction] = []
        var balances: [BalanceSnapshot] = []
        for client in order {
            interactions += try await call("reading the interactions of \(client)") {
                try await f.activity.interactions(of: client, in: World.everyDay, as: World.system)
            }
            balances += try await call("reading the balances of \(client)") {
                try await f.activity.balances(of: client, in: World.everyDay, as: World.system)
            }
        }
        let listedInteractions = try await call("reading the interactions of three clients as a list") {
            try await f.activity.interactions(of: order, in: World.everyDay, as: World.system)
        }
        try expectElements(listedInteractions, interactions, "interactions read as a list, client by client")
        let listedBalances = try await call("reading the balances of three clients as a list") {
            try await f.activity.balances(of: order, in: World.everyDay, as: World.system)
        }
        try expectElements(listedBalances, balances, "balances read as a list, client by client")
        try expectEqual(listedBalances.count, 4, "balances of the three clients")
        let none = try await call("reading an empty list") {
            try await f.activity.interactions(of: [], in: World.everyDay, as: World.system)
        }
        try expectEqual(none.count, 0, "interactions of no client")
        let rmA = World.relationshipManagerA
        let mine = try await call("RM-A reading the interactions of its two clients as a list") {
            try await f.activity.interactions(of: [World.clientA1, World.clientA2], in: World.everyDay, as: rmA)
        }
        try expectEqual(mine.count, 3, "interactions of C-A1 and C-A2 that RM-A reads")
        try await expectStoreError(.forbidden, "RM-A reading the interactions of C-A1 and C-B1 as a list") {
            try await f.activity.interactions(of: [World.clientA1, World.clientB1], in: World.everyDay, as: rmA)
        }
        try await expectStoreError(.forbidden, "RM-A reading the balances of C-B1 and C-A1 as a list") {
            try await f.activity.balances(of: [World.clientB1, World.clientA1], in: World.everyDay, as: rmA)
        }
    }

    // MARK: Idempotency

    static func twentyRows() -> [Transaction] {
        (0..<20).map { index in
            Samples.transaction(
                "D-\(index)",
                index % 2 == 0 ? World.clientA1 : World.clientA2,
                day: index % 4,
                second: Int32(index),
                amount: Int64(1_000 + index)
            )
        }
    }

    static func duplicateTransactionsAreNoOps(_ f: Fixture) async throws {
        try await f.seed()
        let rows = twentyRows()
        try expectEqual(
            try await f.append(rows, "the first delivery"),
            AppendReport(appended: 20, duplicates: 0),
            "the first report"
        )
        let before = try await f.transactions(of: World.clientA1)
        try expectEqual(
            try await f.append(rows, "the second delivery"),
            AppendReport(appended: 0, duplicates: 20),
            "the second report"
        )
        try expectElements(
            try await f.transactions(of: World.clientA1),
            before,
            "transactions of C-A1 after the repeat"
        )
        let twice = Samples.transaction("D-NEW-1", World.clientA1, day: 9)
        try expectEqual(
            try await f.append([twice, twice], "one new transaction twice in a batch"),
            AppendReport(appended: 1, duplicates: 1),
            "the report of a batch repeating a new transaction"
        )
        try expectEqual(
            try await f.append(
                [rows[3], Samples.transaction("D-NEW-2", World.clientA2, day: 9)],
                "an old and a new one"
            ),
            AppendReport(appended: 1, duplicates: 1),
            "the report of a batch of an old and a new transaction"
        )
        try expectEqual(try await f.exportAll().count, 22, "rows exported")
    }

    static func redeliveryInPiecesStoresOnce(_ f: Fixture) async throws {
        try await f.seed()
        let rows = twentyRows()
        try await f.append(rows, "the whole batch")
        let before = try await f.transactions(of: World.clientA2)
        let pieces: [(String, [Transaction])] = [
            ("the first half", Array(rows[..<10])), ("the second half, reversed", rows[10...].reversed()),
            ("the whole batch, reversed", rows.reversed()),
            ("every other row", rows.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)),
        ]
        for (what, piece) in pieces {
            let report = try await f.append(piece, "delivering \(what) again")
            try expectEqual(report, AppendReport(appended: 0, duplicates: piece.count), "the report of \(what)")
        }
        try expectElements(
            try await f.transactions(of: World.clientA2),
            before,
            "transactions of C-A2 after redelivery"
        )
        try expectSameRows(try await f.exportAll(), rows, "the export after redelivery")
    }

    static func reusedTransactionIDIsConflict(_ f: Fixture) async throws {
        try await f.seed()
        let rows = (0..<5).map { Samples.transaction("S-\($0)", World.clientA1, day: -$0, second: 60) }
        try await f.append(rows, "five transactions of C-A1")
        let before = try await f.transactions(of: World.clientA1)
        let original = rows[2]
        let changes: [(String, (inout Transaction) -> Void)] = [
            ("amount", { $0.amount.minorUnits += 1 }), ("currency", { $0.amount.currency = .usd }),
            ("day", { $0.day = $0.day.adding(days: 1) }), ("second of day", { $0.secondOfDay += 1 }),
            ("client", { $0.customer = World.clientA2 }), ("account", { $0.account = "ACC-X" }),
            ("type", { $0.type = .fee }), ("direction", { $0.direction = .outflow }),
            ("channel", { $0.channel = .atm }),
            ("merchant category", { $0.merchantCategory = .dining }), ("counterparty", { $0.counterparty = "Someone" }),
            ("overseas flag", { $0.isOverseas = true }),
        ]
        for (index, (field, change)) in changes.enumerated() {
            var reused = original
            change(&reused)
            let fresh = Samples.transaction("S-NEW-\(index)", World.clientA2, day: 0)
            try await expectStoreError(.conflict, "a batch reusing S-2 with another \(field)") {
                try await f.activity.append(transactions: [fresh, reused], as: World.system)
            }
        }
        var twin = Samples.transaction("S-TWIN", World.clientA2, day: 0)
        let first = twin
        twin.amount.minorUnits += 1
        try await expectStoreError(.conflict, "a batch holding a new id twice with different amounts") {
            try await f.activity.append(transactions: [first, twin], as: World.system)
        }
        try expectElements(
            try await f.transactions(of: World.clientA1),
            before,
            "transactions of C-A1 after the conflicts"
        )
        try expectElements(try await f.transactions(of: World.clientA2), [], "transactions of C-A2 after the conflicts")
        try expectSameRows(try await f.exportAll(), rows, "the export after the conflicts")
    }

    static func duplicateInteractions(_ f: Fixture) async throws {
        try await f.seed()
        let batch = Array(Samples.everyKindOfInteraction(for: World.clientA1).prefix(3))
        let append: @Sendable ([Interaction], String) async throws -> AppendReport = { interactions, what in
            try await call(what) { try await f.activity.append(interactions: interactions, as: World.system) }
        }
        try expectEqual(
            try await append(batch, "the first delivery"),
            AppendReport(appended: 3, duplicates: 0),
            "the first report"
        )
        try expectEqual(
            try await append(batch, "the second delivery"),
            AppendReport(appended: 0, duplicates: 3),
            "the second report"
        )
        let twice = Samples.interaction("I-TWICE", World.clientA1, day: 1)
        try expectEqual(
            try await append([twice, twice], "a new interaction twice in a batch"),
            AppendReport(appended: 1, duplicates: 1),
            "the report of a batch repeating a new interaction"
        )
        var changed = batch[0]
        changed.detail = .contact(notes: "rewritten notes")
        try await expectStoreError(.conflict, "a batch reusing an interaction id with other notes") {
            try await f.activity.append(
                interactions: [Samples.interaction("I-FRESH", World.clientA1, day: 2), changed],
                as: World.system
            )
        }
        let read = try await call("reading the interactions of C-A1") {
            try await f.activity.interactions(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(read, batch + [twice], "interactions of C-A1 after the conflict")
    }

    static func duplicateBalances(_ f: Fixture) async throws {
        try await f.seed()
        let batch = [Samples.balance(World.clientA1, day: 0), Samples.balance(World.clientA1, day: -1)]
        let append: @Sendable ([BalanceSnapshot], String) async throws -> AppendReport = { snapshots, what in
            try await call(what) { try await f.activity.append(balances: snapshots, as: World.system) }
        }
        try expectEqual(
            try await append(batch, "the first delivery"),
            AppendReport(appended: 2, duplicates: 0),
            "the first report"
        )
        try expectEqual(
            try await append(batch, "the second delivery"),
            AppendReport(appended: 0, duplicates: 2),
            "the second report"
        )
        try await expectStoreError(.conflict, "a batch with another snapshot of C-A1 for today") {
            try await f.activity.append(
                balances: [Samples.balance(World.clientA2, day: 0), Samples.balance(World.clientA1, day: 0, aum: 1)],
                as: World.system
            )
        }
        let read = try await call("reading the balances of C-A1") {
            try await f.activity.balances(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(read, [batch[1], batch[0]], "balances of C-A1 after the conflict")
        let other = try await call("reading the balances of C-A2") {
            try await f.activity.balances(of: World.clientA2, in: World.everyDay, as: World.system)
        }
        try expectElements(other, [], "balances of C-A2 after the conflict")
    }

    // MARK: Atomic batches

    static func negativeAmountRejectsBatch(_ f: Fixture) async throws {
        try await f.seed()
        let seeded = (1...3).map { Samples.transaction("S\($0)", World.clientA1, day: -$0) }
        try await f.append(seeded, "three transactions of C-A1")
        let before = try await f.transactions(of: World.clientA1)
        var batch = (0..<10_000).map { index in
            Samples.transaction(
                "N\(index)",
                World.clients[index % 5],
                day: index % 30 - 15,
                second: Int32(index % 86_400),
                amount: Int64(index + 1)
            )
        }
        batch[5_000].amount.minorUnits = -500
        try await expectStoreError(.invalid, "a batch of 10,000 whose row 5,000 has a negative amount") {
            try await f.activity.append(transactions: batch, as: World.system)
        }
        try expectEqual(try await f.exportAll().count, 3, "rows exported after the rejected batch")
        try expectElements(
            try await f.transactions(of: World.clientA1),
            before,
            "transactions of C-A1 after the rejected batch"
        )
        batch[5_000].amount.minorUnits = 500
        try expectEqual(
            try await f.append(batch, "the batch with row 5,000 fixed"),
            AppendReport(appended: 10_000, duplicates: 0),
            "the report of the fixed batch"
        )
        try expectEqual(try await f.exportAll().count, 10_003, "rows exported after the fixed batch")
    }

    static func conflictInMiddleLeavesStoreAsBefore(_ f: Fixture) async throws {
        try await f.seed()
        let seeded =
            (1...3).map { Samples.transaction("S\($0)", World.clientA1, day: -$0, second: 10) }
            + [Samples.transaction("S-A2", World.clientA2, day: 0)]
        try await f.append(seeded, "four transactions of C-A1 and C-A2")
        let before = try await f.transactions(of: World.clientA1)
        var batch = (0..<2_000).map { index -> Transaction in
            let id = index % 7 == 0 ? "LONG-\(index)-" + String(repeating: "x", count: 30) : "M\(index)"
            var row = Samples.transaction(
                id,
                World.clients[(index + 2) % 5],
                day: index % 10 - 5,
                second: Int32(index),
                amount: Int64(index + 1)
            )
            row.account = AccountID("ACC-NEW-\(index % 13)")
            row.counterparty = "New counterparty \(index % 11)"
            row.amount.currency = index % 2 == 0 ? .usd : .hkd
            return row
        }
        var conflicting = seeded[1]
        conflicting.amount.minorUnits += 1
        batch.insert(conflicting, at: 1_000)
        try await expectStoreError(.conflict, "a batch of 2,001 whose row 1,000 reuses S2 with another amount") {
            try await f.activity.append(transactions: batch, as: World.system)
        }
        try expectElements(
            try await f.transactions(of: World.clientA1),
            before,
            "transactions of C-A1, in order, after the conflict"
        )
        try expectElements(
            try await f.transactions(of: World.clientC1),
            [],
            "transactions of C-C1 (new to the store) after the conflict"
        )
        try expectSameRows(try await f.exportAll(), seeded, "the export after the conflict")
        try expectSameTransactions(try await f.scanAll(limit: 3), seeded, "a scan after the conflict")
        batch.remove(at: 1_000)
        try expectEqual(
            try await f.append(batch, "the batch without the conflicting row"),
            AppendReport(appended: 2_000, duplicates: 0),
            "the report of the batch without the conflicting row"
        )
        let expectedC1 = batch.filter { $0.customer == World.clientC1 }.sorted {
            ($0.day, $0.secondOfDay) < ($1.day, $1.secondOfDay)
        }
        try expectElements(
            try await f.transactions(of: World.clientC1),
            expectedC1,
            "transactions of C-C1 after the retry"
        )
        try expectSameRows(try await f.exportAll(), seeded + batch, "the export after the retry")
    }

    static func unknownClientStoresNone(_ f: Fixture) async throws {
        try await f.seed()
        try await expectStoreError(.notFound, "transactions of C-A1 and of an unknown client") {
            try await f.activity.append(
                transactions: [
                    Samples.transaction("U-1", World.clientA1, day: 0), Samples.transaction("U-2", "C-NOBODY", day: 0),
                ],
                as: World.system
            )
        }
        try expectElements(try await f.transactions(of: World.clientA1), [], "transactions of C-A1 after the refusal")
        try expectEqual(try await f.exportAll().count, 0, "rows exported after the refusal")
        try await expectStoreError(.notFound, "interactions of C-A1 and of an unknown client") {
            try await f.activity.append(
                interactions: [
                    Samples.interaction("U-1", World.clientA1, day: 0), Samples.interaction("U-2", "C-NOBODY", day: 0),
                ],
                as: World.system
            )
        }
        let interactions = try await call("reading the interactions of C-A1") {
            try await f.activity.interactions(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(interactions, [], "interactions of C-A1 after the refusal")
        try await expectStoreError(.notFound, "balances of C-A1 and of an unknown client") {
            try await f.activity.append(
                balances: [Samples.balance(World.clientA1, day: 0), Samples.balance("C-NOBODY", day: 0)],
                as: World.system
            )
        }
        let balances = try await call("reading the balances of C-A1") {
            try await f.activity.balances(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(balances, [], "balances of C-A1 after the refusal")
    }

    static func refusedBatchLeavesNoTrace(_ f: Fixture) async throws {
        try await f.seed()
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let codes = (0..<300).compactMap { CurrencyCode("X\(letters[$0 / 26])\(letters[$0 % 26])") }
        try expectEqual(codes.count, 300, "currency codes made by the kit")
        let batch = codes.enumerated().map { index, code in
            var row = Samples.transaction("CUR-\(index)", World.clientA1, day: 0, second: Int32(index))
            row.amount.currency = code
            return row
        }
        let taken: Bool
        do {
            _ = try await f.activity.append(transactions: batch, as: World.system)
            taken = true
        } catch {
            taken = false
        }
        try expectEqual(
            try await f.exportAll().count,
            taken ? 300 : 0,
            "rows exported after the batch was \(taken ? "taken" : "refused")"
        )
        var later = Samples.transaction("CUR-NEW", World.clientA2, day: 0)
        later.amount.currency = CurrencyCode("ZZZ") ?? .usd
        let report = try await f.append([later], "one transaction in a new currency after the 300-currency batch")
        try expectEqual(report.appended, 1, "rows appended in a new currency after the 300-currency batch")
        try expectElements(
            try await f.transactions(of: World.clientA2),
            [later],
            "transactions of C-A2 after the new currency"
        )
        if !taken {
            let retry = try await f.append(Array(batch.prefix(10)), "ten rows of the refused batch")
            try expectEqual(retry.appended, 10, "rows appended from ten rows of the refused batch")
        }
    }

    static func invalidInteractionStoresNone(_ f: Fixture) async throws {
        try await f.seed()
        let bad: [(String, InteractionDetail)] = [
            ("complaint severity 7", .complaint(category: "fees", severity: 7, resolvedOn: nil)),
            ("satisfaction score 0", .satisfaction(score: 0)),
            ("negative pages viewed", .appSession(pagesViewed: -1, dwellSeconds: 10, productInterest: nil)),
        ]
        for (what, detail) in bad {
            try await expectStoreError(.invalid, "a batch of three interactions whose second has \(what)") {
                try await f.activity.append(
                    interactions: [
                        Samples.interaction("V-1", World.clientA1, day: 0),
                        Samples.interaction("V-2", World.clientA1, day: 0, second: 5, detail: detail),
                        Samples.interaction("V-3", World.clientA2, day: 0),
                    ],
                    as: World.system
                )
            }
        }
        for client in [World.clientA1, World.clientA2] {
            let read = try await call("reading the interactions of \(client)") {
                try await f.activity.interactions(of: client, in: World.everyDay, as: World.system)
            }
            try expectElements(read, [], "interactions of \(client) after the refused batches")
        }
    }

    // MARK: Order and ranges

    static func transactionsOrdered(_ f: Fixture) async throws {
        try await f.seed()
        let x = { (id: String, day: Int, second: Int32) in
            Samples.transaction(id, World.clientA1, day: day, second: second)
        }
        try await f.append([x("X3", 1, 100), x("X1", 0, 500)], "the first batch")
        try await f.append(
            [x("X2", 0, 100), x("X4", 0, 500), x("X5", -1, 86_399), Samples.transaction("X9", World.clientA2, day: 0)],
            "the second batch"
        )
        try await f.append([x("X7", 0, 500), x("X6", 0, 500)], "the third batch")
        try expectElements(
            try await f.transactions(of: World.clientA1).map(\.id.rawValue),
            ["X5", "X2", "X1", "X4", "X7", "X6", "X3"],
            "ids of C-A1's transactions (X1, X4, X7, X6 share day and time: append order)"
        )
    }

    static func interactionsOrdered(_ f: Fixture) async throws {
        try await f.seed()
        let y = { (id: String, day: Int, second: Int) in
            Samples.interaction(id, World.clientA1, day: day, second: second)
        }
        let batches = [
            [y("Y3", 1, 100), y("Y1", 0, 500)], [y("Y2", 0, 100), y("Y4", 0, 500), y("Y5", -1, 86_399)],
            [y("Y7", 0, 500), y("Y6", 0, 500)],
        ]
        for (index, batch) in batches.enumerated() {
            try await call("interaction batch \(index + 1)") {
                try await f.activity.append(interactions: batch, as: World.system)
            }
        }
        let read = try await call("reading the interactions of C-A1") {
            try await f.activity.interactions(of: World.clientA1, in: World.everyDay, as: World.system)
        }
        try expectElements(
            read.map(\.id.rawValue),
            ["Y5", "Y2", "Y1", "Y4", "Y7", "Y6", "Y3"],
            "ids of C-A1's interactions (Y1, Y4, Y7, Y6 share day and time: append order)"
        )
    }

    static func dayRangesInclusive(_ f: Fixture) async throws {
        try await f.seed()
        let days = [10, 12, 14, 16, 18]
        try await f.append(
            days.flatMap { day in
                [
                    Samples.transaction("R-A1-\(day)", World.clientA1, day: day),
                    Samples.transaction("R-A2-\(day)", World.clientA2, day: day),
                ]
            },
            "transactions on days 10 to 18"
        )
        try await call("interactions on days 10 to 18") {
            try await f.activity.append(
                interactions: days.map { Samples.interaction("R-\($0)", World.clientA1, day: $0) },
                as: World.system
            )
        }
        try await call("balances on days 10 to 18") {
            try await f.activity.append(
                balances: days.map { Samples.balance(World.clientA1, day: $0) },
                as: World.system
            )
        }
        let cases: [(Int, Int, [Int])] = [
            (12, 16, [12, 14, 16]), (10, 18, days), (18, 18, [18]), (10, 10, [10]), (13, 13, []), (11, 11, []),
            (0, 9, []), (9, 9, []), (19, 400, []), (-1_000, 1_000, days), (15, 17, [16]),
        ]
        for (low, high, expected) in cases {
            let range = World.days(low, high)
            let expectedDays = expected.map { World.day($0) }
            let transactions = try await call("transactions of C-A1 in \(range)") {
                try await f.activity.transactions(of: World.clientA1, in: range, as: World.system)
            }
            try expectElements(transactions.map(\.day), expectedDays, "days of C-A1's transactions in \(range)")
            try expectTrue(
                transactions.allSatisfy { $0.customer == World.clientA1 },
                "clients of C-A1's transactions in \(range)",
                expected: "C-A1 only",
                actual: "\(Set(transactions.map(\.customer)).sorted())"
            )
            let interactions = try await call("interactions of C-A1 in \(range)") {
                try await f.activity.interactions(of: World.clientA1, in: range, as: World.system)
            }
            try expectElements(interactions.map(\.day), expectedDays, "days of C-A1's interactions in \(range)")
            let balances = try await call("balances of C-A1 in \(range)") {
                try await f.activity.balances(of: World.clientA1, in: range, as: World.system)
            }
            try expectElements(balances.map(\.day), expectedDays, "days of C-A1's balances in \(range)")
        }
    }

    /// Sixty transactions of four clients over ten days, in no particular order.
    static func sixtyRows() -> [Transaction] {
        (0..<60).map { index in
            Samples.transaction(
                "P-\(index)",
                [World.clientA1, World.clientB1, World.clientC1, World.clientA2][index % 4],
                day: (index * 7) % 10,
                second: Int32(index)
            )
        }
    }

    static func scanReturnsEveryRowOnce(_ f: Fixture) async throws {
        try await f.seed()
        let rows = sixtyRows()
        try await f.append(rows, "sixty transactions")
        for limit in [1, 2, 3, 7, 59, 60, 61, 1_000] {
            let scanned = try await f.scanAll(limit: limit)
            try expectSameTransactions(scanned, rows, "rows of a scan of \(limit) rows a page")
        }
    }

    static func scanOverDayRange(_ f: Fixture) async throws {
        try await f.seed()
        let rows = sixtyRows()
        try await f.append(rows, "sixty transactions")
        let range = World.days(3, 6)
        for limit in [1, 4, 100] {
            let scanned = try await f.scanAll(in: range, limit: limit)
            try expectSameTransactions(
                scanned,
                rows.filter { range.contains($0.day) },
                "rows of a scan over \(range), \(limit) a page"
            )
        }
        let empty = try await f.scanAll(in: World.days(-50, -1), limit: 5)
        try expectElements(empty, [], "rows of a scan over days before the first")
    }

    // MARK: Export

    static func exportFiltersDays(_ f: Fixture) async throws {
        try await f.seed()
        let rows = [10, 12, 14, 16, 18].flatMap { day in
            [World.clientA1, World.clientA2, World.clientB1].map {
                Samples.transaction("E-\($0)-\(day)", $0, day: day, amount: Int64(day))
            }
        }
        try await f.append(rows, "fifteen transactions on days 10 to 18")
        for (low, high) in [(12, 16), (10, 10), (18, 18), (13, 13), (0, 9), (19, 30), (-100, 100)] {
            let range = World.days(low, high)
            let columns = try await call("exporting \(range)") {
                try await f.activity.exportTransactions(in: range, as: World.system)
            }
            try expectSameRows(columns, rows.filter { range.contains($0.day) }, "the export of \(range)")
        }
        try expectSameRows(try await f.exportAll(), rows, "the export of every day")
    }

    static func bulkAppendAndExport(_ f: Fixture) async throws {
        try await f.seed()
        let types = TransactionType.allCases
        let channels = Channel.allCases
        let categories: [MerchantCategory?] = MerchantCategory.allCases + [nil]
        let currencies: [CurrencyCode] = [.cny, .usd, .hkd, .eur]
        let rows = (0..<100_000).map { index in
            Transaction(
                id: TransactionID("B\(index)"),
                customer: World.clients[index % 5],
                day: World.day(index % 730 - 700),
                secondOfDay: Int32(index % 86_400),
                type: types[index % types.count],
                direction: index % 3 == 0 ? .outflow : .inflow,
                amount: Money(minorUnits: Int64(index % 9_973 + 1) * 100, currency: currencies[index % 4]),
                channel: channels[index % channels.count],
                merchantCategory: categories[index % categories.count],
                isOverseas: index % 17 == 0
            )
        }
        let report = try await f.append(rows, "100,000 transactions in one batch")
        try expectEqual(report, AppendReport(appended: 100_000, duplicates: 0), "the append report")
        try expectSameRows(try await f.exportAll(), rows, "the export of 100,000 transactions")
        let window = World.days(-10, -1)
        let ofH1 = try await call("reading C-H1's transactions of the last ten days") {
            try await f.activity.transactions(of: World.clientH1, in: window, as: World.system)
        }
        try expectSameTransactions(
            ofH1,
            rows.filter { $0.customer == World.clientH1 && window.contains($0.day) },
            "C-H1's transactions of the last ten days"
        )
        try expectTrue(
            zip(ofH1, ofH1.dropFirst()).allSatisfy { ($0.day, $0.secondOfDay) <= ($1.day, $1.secondOfDay) },
            "order of C-H1's transactions",
            expected: "by day, then time of day",
            actual: "out of order"
        )
    }
}
