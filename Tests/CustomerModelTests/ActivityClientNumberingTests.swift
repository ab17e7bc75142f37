import CustomerModel
import CustomerModelTesting
import Testing

/// The activity store numbers its clients densely, through a packed-key table for short ids and
/// a dictionary for the rest. Both kinds must round-trip, survive a rejected batch that
/// introduced new clients, and keep working as the table grows past its first size.
struct ActivityClientNumberingTests {
    private static let system = Principal.system("test")
    private static let allDays = Day(number: 0)...Day(number: 100_000)
    /// Short ids pack into 64 bits; the others (too long, or with characters outside
    /// `[0-9A-Za-z_-]`) go to the dictionary.
    private static let ids: [CustomerID] = (0..<1_500).map { n in
        switch n % 3 {
        case 0: CustomerID("C\(n)")
        case 1: CustomerID("CLIENT-LONG-ID-\(n)")
        default: CustomerID("客户\(n)")
        }
    }

    private func bank(_ ids: [CustomerID]) async throws -> InMemoryBank {
        let bank = InMemoryBank(clock: ManualClock(start: Instant(millisecondsSinceEpoch: 0)), calendar: .utc)
        try await bank.customers.replace(
            organisation: Organisation(branches: [Branch(id: "HO", name: "Head office", parent: nil)]),
            as: Self.system
        )
        let changes = ids.map { id in
            ProfileChange(
                CustomerProfile(
                    id: id,
                    kind: .individual,
                    name: "Client \(id.rawValue)",
                    coverage: Coverage(relationshipManager: nil, branch: "HO")
                ),
                expectedVersion: nil
            )
        }
        _ = try await bank.customers.upsert(changes, as: Self.system)
        return bank
    }

    private func transaction(_ id: String, _ customer: CustomerID, day: Int32 = 100) -> Transaction {
        Transaction(
            id: TransactionID(id),
            customer: customer,
            day: Day(number: day),
            type: .deposit,
            direction: .inflow,
            amount: Money(major: 10, currency: .cny),
            channel: .branch
        )
    }

    @Test func shortAndLongClientIdsRoundTripAsTheTableGrows() async throws {
        let bank = try await bank(Self.ids)
        // Two transactions per client, in two batches, so the second batch finds every client known.
        for round in 0..<2 {
            let batch = Self.ids.enumerated().map { n, id in transaction("T\(round)-\(n)", id, day: 100 + Int32(round))
            }
            let report = try await bank.activity.append(transactions: batch, as: Self.system)
            #expect(report.appended == Self.ids.count)
        }
        for id in [Self.ids[0], Self.ids[1], Self.ids[2], Self.ids[1_497], Self.ids[1_498], Self.ids[1_499]] {
            let rows = try await bank.activity.transactions(of: id, in: Self.allDays, as: Self.system)
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.customer == id })
        }
        let columns = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        #expect(Set(columns.customers) == Set(Self.ids))
        #expect(columns.count == 2 * Self.ids.count)
    }

    @Test func aRejectedBatchForgetsTheClientsItIntroduced() async throws {
        let bank = try await bank(Self.ids)
        let first = Array(Self.ids.prefix(600))
        _ = try await bank.activity.append(
            transactions: first.enumerated().map { n, id in transaction("A\(n)", id) },
            as: Self.system
        )
        // New clients of both kinds, then a reused id with other content: the batch is rejected.
        let newcomers = Array(Self.ids[600..<1_200])
        var rejected = newcomers.enumerated().map { n, id in transaction("B\(n)", id) }
        rejected.append(transaction("A0", Self.ids[1], day: 999))
        await #expect(throws: StoreError.self) {
            try await bank.activity.append(transactions: rejected, as: Self.system)
        }
        var columns = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        #expect(columns.customers == first)
        #expect(columns.count == first.count)
        // The same newcomers load cleanly afterwards and are numbered after the first clients.
        _ = try await bank.activity.append(
            transactions: newcomers.enumerated().map { n, id in transaction("B\(n)", id) },
            as: Self.system
        )
        columns = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        #expect(columns.customers == first + newcomers)
        let rows = try await bank.activity.transactions(of: Self.ids[1_199], in: Self.allDays, as: Self.system)
        #expect(rows.map(\.id) == [TransactionID("B599")])
    }

    @Test func anUnknownClientIsNamedWithItsFirstRowAndNothingIsStored() async throws {
        let bank = try await bank(Array(Self.ids.prefix(10)))
        let stranger = CustomerID("NOT-A-CLIENT")
        let batch = [transaction("T1", Self.ids[0]), transaction("T2", stranger), transaction("T3", stranger)]
        do {
            _ = try await bank.activity.append(transactions: batch, as: Self.system)
            Issue.record("an unknown client must be rejected")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.customer == stranger)
            #expect(error.record == "T2")
            #expect(error.field == "customer")
        }
        let columns = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        #expect(columns.count == 0)
    }
}
