import CustomerModel
import CustomerModelTesting
import SyntheticBank

/// The 360-view query against a whole synthetic bank loaded through the ports.
enum ViewBenchmarks {
    /// Loads a bank of `clients` clients (about 100 transactions each a year) and times
    /// `samples` 360 views of randomly chosen clients, each read as the client's own RM.
    static func view360(clients: Int, samples: Int) async throws {
        let synthetic = SyntheticBank(.init(seed: 7, clientCount: clients))
        let calendar = synthetic.configuration.calendar
        let clock = ManualClock(start: calendar.start(of: synthetic.configuration.endDay, plusMinutes: 18 * 60))
        let bank = InMemoryBank(clock: clock, calendar: calendar)
        try await synthetic.load(into: bank.customers, activity: bank.activity, as: .system("benchmark"))
        let workbench = bank.workbench
        let store = bank.customerStore
        let activity = bank.activityStore
        let window = workbench.today.adding(days: -90)...workbench.today
        for gated in [true, false] {
            var generator = SeededGenerator(seed: 11)
            var seconds: [Double] = []
            seconds.reserveCapacity(samples)
            var rows = 0
            for sample in 0..<(samples + 1000) {
                let profile = synthetic.profiles[generator.nextInt(below: synthetic.profiles.count)]
                let principal = Principal.relationshipManager(
                    profile.coverage.relationshipManager ?? "none",
                    purpose: "benchmark"
                )
                let start = ContinuousClock.now
                if gated {
                    let view = try await workbench.view(of: profile.id, as: principal)
                    rows += view.recentTransactions.count + view.holdings.count
                } else {
                    // The same eight reads from the storage ports, with no gate (and no view built).
                    let ids = [profile.id]
                    let scope = ClientScope.everyClient
                    rows += try await store.profiles(ids, in: scope).count
                    rows += try await store.accounts(of: ids, in: scope).count
                    rows += try await store.holdings(of: ids, in: scope).count
                    rows += try await store.relationships(of: ids, in: scope).count
                    rows += try await store.referrals(madeBy: ids, in: scope).count
                    rows += try await activity.transactions(of: profile.id, in: window, scope: scope).count
                    rows += try await activity.interactions(of: profile.id, in: window, scope: scope).count
                    rows += try await activity.balances(of: profile.id, in: window, scope: scope).count
                }
                let elapsed = Harness.seconds(ContinuousClock.now - start)
                if sample >= 1000 { seconds.append(elapsed) }  // the first 1000 warm up
            }
            let micro = seconds.map { $0 * 1e6 }
            let path = gated ? "through the gate" : "storage ports alone"
            Harness.report(
                "360 view, \(clients / 1000)k-client bank (\(Harness.format(Double(bank.activityStore.transactionCount) / 1e6, 1))M tx), \(path)",
                "p50 \(Harness.format(Harness.percentile(micro, 50), 1)) us, p99 \(Harness.format(Harness.percentile(micro, 99), 1)) us,"
                    + " p99.9 \(Harness.format(Harness.percentile(micro, 99.9), 1)) us over \(samples) views (target p99 < 100 us)"
            )
            _ = rows
        }
    }
}
