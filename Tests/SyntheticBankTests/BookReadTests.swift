import CustomerModel
import CustomerModelTesting
import SyntheticBank
import Testing

/// Reading many clients at once (the daily cycle reads the whole book) takes bulk paths in the
/// in-memory stores: per-client arrays gathered into one, a sort skipped when already in order, a
/// columnar export filtered in two passes. Each must answer exactly what reading the clients one
/// by one answers.
struct BookReadTests {
    private static let synthetic = SyntheticBank(.init(seed: 5, clientCount: 300))
    private static let system = Principal.system("test", purpose: "read the book")

    private func loaded() async throws -> InMemoryBank {
        let calendar = Self.synthetic.configuration.calendar
        let clock = ManualClock(start: calendar.start(of: Self.synthetic.period.upperBound, plusMinutes: 18 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar)
        _ = try await Self.synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 5_000)
        return bank
    }

    @Test func manyClientsReadTheSameAsOneByOne() async throws {
        let bank = try await loaded()
        let sorted = try await bank.customers.customers(matching: .all, as: Self.system)
        #expect(sorted == Self.synthetic.profiles.map(\.id).sorted())
        // Reversed: the gathered records are out of order and must be sorted.
        for ids in [sorted, Array(sorted.reversed())] {
            var holdings: [Holding] = []
            var accounts: [Account] = []
            var edges: [Relationship] = []
            var referrals: [Referral] = []
            for id in ids {
                holdings += try await bank.customers.holdings(of: [id], as: Self.system)
                accounts += try await bank.customers.accounts(of: [id], as: Self.system)
                edges += try await bank.customers.relationships(of: [id], as: Self.system)
                referrals += try await bank.customers.referrals(madeBy: [id], as: Self.system)
            }
            var seen = Set<String>()
            edges = edges.filter { seen.insert($0.id).inserted }
            #expect(try await bank.customers.holdings(of: ids, as: Self.system) == holdings.sorted { $0.id < $1.id })
            #expect(try await bank.customers.accounts(of: ids, as: Self.system) == accounts.sorted { $0.id < $1.id })
            #expect(try await bank.customers.relationships(of: ids, as: Self.system) == edges.sorted { $0.id < $1.id })
            #expect(
                try await bank.customers.referrals(madeBy: ids, as: Self.system)
                    == referrals.sorted { ($0.referrer, $0.on, $0.referred) < ($1.referrer, $1.on, $1.referred) }
            )
        }
        #expect(!(try await bank.customers.relationships(of: sorted, as: Self.system)).isEmpty)
    }

    @Test func interactionsAndBalancesOfManyClientsComeInTheOrderGiven() async throws {
        let bank = try await loaded()
        let ids = Array(try await bank.customers.customers(matching: .all, as: Self.system).reversed())
        let end = Self.synthetic.period.upperBound
        let days = end.adding(days: -200)...end
        var interactions: [Interaction] = []
        var balances: [BalanceSnapshot] = []
        for id in ids {
            interactions += try await bank.activity.interactions(of: id, in: days, as: Self.system)
            balances += try await bank.activity.balances(of: id, in: days, as: Self.system)
        }
        #expect(!interactions.isEmpty)
        #expect(!balances.isEmpty)
        #expect(try await bank.activity.interactions(of: ids, in: days, as: Self.system) == interactions)
        #expect(try await bank.activity.balances(of: ids, in: days, as: Self.system) == balances)
    }

    @Test func exportOfADayRangeHoldsExactlyTheRowsOfThoseDays() async throws {
        let bank = try await loaded()
        let all = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        let end = Self.synthetic.period.upperBound
        // A range holding every row takes the bulk copy; a narrower one filters.
        for days in [Day(number: Int32.min)...end, end.adding(days: -30)...end.adding(days: -10)] {
            let part = try await bank.activity.exportTransactions(in: days, as: Self.system)
            let rows = all.day.indices.filter { days.contains(Day(number: all.day[$0])) }
            #expect(part.customers == all.customers)
            #expect(part.count == rows.count)
            #expect(part.customerIndex == rows.map { all.customerIndex[$0] })
            #expect(part.day == rows.map { all.day[$0] })
            #expect(part.amountMinorUnits == rows.map { all.amountMinorUnits[$0] })
            #expect(part.currency == rows.map { all.currency[$0] })
            #expect(part.type == rows.map { all.type[$0] })
            #expect(part.direction == rows.map { all.direction[$0] })
            #expect(part.channel == rows.map { all.channel[$0] })
            #expect(part.merchantCategory == rows.map { all.merchantCategory[$0] })
            #expect(part.isOverseas == rows.map { all.isOverseas[$0] })
        }
    }

    @Test func aScopedExportRenumbersTheClientsInScope() async throws {
        let bank = try await loaded()
        let profile = try #require(Self.synthetic.profiles.first { $0.coverage.relationshipManager != nil })
        let rm = try #require(profile.coverage.relationshipManager)
        let principal = Principal.relationshipManager(rm, purpose: "test")
        let mine = try await bank.customers.customers(matching: .all, as: principal)
        let all = try await bank.activity.exportTransactions(in: nil, as: Self.system)
        let part = try await bank.activity.exportTransactions(in: nil, as: principal)
        #expect(Set(part.customers) == Set(mine).intersection(all.customers))
        let expected = all.customerIndex.indices.filter { mine.contains(all.customers[Int(all.customerIndex[$0])]) }
        #expect(part.count == expected.count)
        #expect(part.day == expected.map { all.day[$0] })
        #expect(
            part.customerIndex.map { part.customers[Int($0)] }
                == expected.map { all.customers[Int(all.customerIndex[$0])] }
        )
    }
}
