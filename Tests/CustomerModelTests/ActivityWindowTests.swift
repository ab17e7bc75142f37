import CustomerModel
import CustomerModelTesting
import Testing

/// Reads of a day window must find every row in it, whether the client's rows arrived in day
/// order (the store stops reading early) or not.
struct ActivityWindowTests {
    private func bank() async throws -> InMemoryBank {
        let bank = InMemoryBank(clock: ManualClock(start: Instant(millisecondsSinceEpoch: 0)), calendar: .utc)
        let system = Principal.system("test")
        try await bank.customers.replace(
            organisation: Organisation(branches: [Branch(id: "HO", name: "Head office", parent: nil)]),
            as: system
        )
        let profile = CustomerProfile(
            id: "C1",
            kind: .individual,
            name: "Test",
            coverage: Coverage(relationshipManager: nil, branch: "HO")
        )
        _ = try await bank.customers.upsert([ProfileChange(profile, expectedVersion: nil)], as: system)
        return bank
    }

    private func transaction(_ n: Int, day: Int32) -> Transaction {
        Transaction(
            id: TransactionID("T\(n)"),
            customer: "C1",
            day: Day(number: day),
            type: .deposit,
            direction: .inflow,
            amount: Money(major: 10, currency: .cny),
            channel: .branch
        )
    }

    @Test(arguments: [false, true])
    func windowReadsFindEveryRow(outOfOrder: Bool) async throws {
        let bank = try await bank()
        let system = Principal.system("test")
        var days: [Int32] = Array(100...199)
        if outOfOrder { days.swapAt(10, 90) }  // day 110 arrives after day 190
        for (n, day) in days.enumerated() {
            _ = try await bank.activity.append(transactions: [transaction(n, day: day)], as: system)
        }
        let window = try await bank.activity.transactions(
            of: "C1",
            in: Day(number: 105)...Day(number: 115),
            as: system
        )
        #expect(window.map(\.day.number) == Array(105...115))
    }
}
