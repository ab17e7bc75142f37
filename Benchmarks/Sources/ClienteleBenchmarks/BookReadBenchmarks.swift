import CustomerModel
import CustomerModelTesting
import SyntheticBank

/// Reading the whole book, as the daily cycle's `read-book` stage does: every client's profile,
/// holdings, relationships, referrals, interactions and balances, and the columnar transaction
/// export, through the gated facades and, in the same run, from the storage ports alone.
enum BookReadBenchmarks {
    static func run(clients: Int, repetitions: Int) async throws {
        let synthetic = SyntheticBank(.init(seed: 42, clientCount: clients))
        let calendar = synthetic.configuration.calendar
        let today = synthetic.configuration.endDay
        let clock = ManualClock(start: calendar.start(of: today.adding(days: 1), plusMinutes: 2 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar, audit: InMemoryAuditLog())
        bank.activityStore.reserveTransactionCapacity(synthetic.transactionCount)
        _ = try await synthetic.load(into: bank.customers, activity: bank.activity, batchSize: 100_000)
        let history = Day(number: Int32.min)...today
        let system = Principal.system("benchmark", purpose: "read the book")
        for gated in [true, false] {
            var parts: [String: [Double]] = [:]
            var totals: [Double] = []
            for _ in 0..<repetitions {
                var last = ContinuousClock.now
                let first = last
                func lap(_ name: String) {
                    let now = ContinuousClock.now
                    parts[name, default: []].append(Harness.seconds(now - last))
                    last = now
                }
                if gated {
                    let ids = try await bank.customers.customers(matching: .all, as: system)
                    lap("ids")
                    let book = try await bank.customers.profiles(ids, as: system)
                    lap("profiles")
                    let holdings = try await bank.customers.holdings(of: ids, as: system)
                    lap("holdings")
                    let edges = try await bank.customers.relationships(of: ids, as: system)
                    lap("relationships")
                    let referrals = try await bank.customers.referrals(madeBy: ids, as: system)
                    lap("referrals")
                    let interactions = try await bank.activity.interactions(of: ids, in: history, as: system)
                    lap("interactions")
                    let balances = try await bank.activity.balances(of: ids, in: history, as: system)
                    lap("balances")
                    _ = book.count
                    let columns = try await bank.activity.exportTransactions(in: history, as: system)
                    lap("transactions")
                    _ = (
                        holdings.count, edges.count, referrals.count, interactions.count, balances.count, columns.count
                    )
                } else {
                    let store = bank.customerStore
                    let activity = bank.activityStore
                    let ids = try await store.customers(matching: .all, in: .everyClient)
                    lap("ids")
                    let profiles = try await store.profiles(ids, in: .everyClient)
                    lap("profiles")
                    let holdings = try await store.holdings(of: ids, in: .everyClient)
                    lap("holdings")
                    let edges = try await store.relationships(of: ids, in: .everyClient)
                    lap("relationships")
                    let referrals = try await store.referrals(madeBy: ids, in: .everyClient)
                    lap("referrals")
                    let interactions = try await activity.interactions(of: ids, in: history, scope: .everyClient)
                    lap("interactions")
                    let balances = try await activity.balances(of: ids, in: history, scope: .everyClient)
                    lap("balances")
                    let columns = try await activity.exportTransactions(in: history, scope: .everyClient)
                    lap("transactions")
                    _ = (profiles.count, holdings.count, edges.count, referrals.count, interactions.count)
                    _ = (balances.count, columns.count)
                }
                totals.append(Harness.seconds(ContinuousClock.now - first))
            }
            let detail = parts.sorted { $0.key < $1.key }.map {
                "\($0.key) \(Harness.format(Harness.median($0.value) * 1000, 0))"
            }
            Harness.report(
                "read the book, \(clients / 1000)k clients, \(gated ? "through the gate" : "storage ports alone")",
                "median \(Harness.format(Harness.median(totals) * 1000, 0)) ms (\(detail.joined(separator: ", ")) ms)"
            )
        }
    }
}
