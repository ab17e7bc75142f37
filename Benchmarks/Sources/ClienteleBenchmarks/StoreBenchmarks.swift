import CustomerModel
import CustomerModelTesting

/// Benchmarks of the in-memory stores: bulk append, columnar export, memory per row.
enum StoreBenchmarks {
    static let system = Principal.system("benchmark")

    /// An empty bank with `clients` clients registered (profiles only).
    static func bankWithClients(_ clients: Int, clock: ManualClock) async throws -> InMemoryBank {
        try await bankWithClients(clients, clock: clock, audit: nil)
    }

    /// An audit port that counts entries and keeps none: the memory benchmark measures the
    /// activity store alone, not the audit trail a host keeps elsewhere.
    final class CountingAuditLog: AuditLog {
        func record(_ entries: [AuditRecord]) async throws(StoreError) {}
        func entries(
            concerning customer: CustomerID?,
            in period: ClosedRange<Instant>,
            scope: ClientScope
        )
            async throws(StoreError) -> [AuditRecord]
        { [] }
    }

    static func bankWithClients(_ clients: Int, clock: ManualClock, audit: (any AuditLog)?) async throws -> InMemoryBank
    {
        let bank = InMemoryBank(clock: clock, calendar: .china, audit: audit)
        let organisation = Organisation(branches: [Branch(id: "HO", name: "Head office", parent: nil)])
        try await bank.customers.replace(organisation: organisation, as: system)
        var changes: [ProfileChange] = []
        changes.reserveCapacity(clients)
        for index in 0..<clients {
            let profile = CustomerProfile(
                id: customerID(index),
                kind: .individual,
                name: "Client \(index)",
                coverage: Coverage(relationshipManager: nil, branch: "HO")
            )
            changes.append(ProfileChange(profile, expectedVersion: nil))
        }
        _ = try await bank.customers.upsert(changes, as: system)
        return bank
    }

    static func customerID(_ index: Int) -> CustomerID {
        CustomerID("C" + String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index))
    }

    /// `count` transactions spread over `clients` clients and 365 days, deterministic.
    static func transactions(_ count: Int, clients: Int, offset: Int = 0) -> [Transaction] {
        var generator = SplitMix(seed: UInt64(offset) &+ 7)
        let ids = (0..<clients).map(customerID)
        let start = Day(number: 20_400)
        var result: [Transaction] = []
        result.reserveCapacity(count)
        for n in offset..<(offset + count) {
            let r = generator.next()
            let outflow = r & 1 == 1
            result.append(
                Transaction(
                    id: TransactionID("T" + String(n, radix: 36)),
                    customer: ids[Int((r >> 8) % UInt64(clients))],
                    day: start.adding(days: Int((r >> 32) % 365)),
                    secondOfDay: Int32((r >> 40) % 86_400),
                    type: outflow ? .cardSpend : .transferIn,
                    direction: outflow ? .outflow : .inflow,
                    amount: Money(minorUnits: Int64(1 + (r >> 20) % 1_000_000), currency: .cny),
                    channel: outflow ? .pos : .mobile,
                    merchantCategory: outflow ? .dining : nil
                )
            )
        }
        return result
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Appends `total` rows in batches of `batch` into a fresh store, `repetitions` times; reports
    /// rows/s through the gate (what hosts call) and, in the same run, into the storage port alone.
    static func bulkAppend(total: Int, batch: Int, clients: Int, repetitions: Int, presized: Bool) async throws {
        let clock = ManualClock(start: Instant(millisecondsSinceEpoch: 1_795_392_000_000))
        let batches = stride(from: 0, to: total, by: batch).map {
            transactions(min(batch, total - $0), clients: clients, offset: $0)
        }
        for gated in [true, false] {
            var rates: [Double] = []
            for _ in 0..<repetitions {
                let bank = try await bankWithClients(clients, clock: clock)
                if presized { bank.activityStore.reserveTransactionCapacity(total) }
                let seconds = try await Harness.time(repetitions: 1) {
                    for rows in batches {
                        if gated {
                            _ = try await bank.activity.append(transactions: rows, as: system)
                        } else {
                            _ = try await bank.activityStore.append(transactions: rows, in: .everyClient)
                        }
                    }
                }[0]
                rates.append(Double(total) / seconds)
            }
            Harness.report(
                "append \(total / 1_000_000)M tx, batches of \(batch / 1000)k\(presized ? ", presized" : ""), \(gated ? "through the gate" : "storage port alone")",
                "median \(Harness.format(Harness.median(rates) / 1e6)) M tx/s (min \(Harness.format((rates.min() ?? 0) / 1e6))), target >= 2 M/s)"
            )
        }
    }
}

extension StoreBenchmarks {
    /// Loads `total` transactions in batches generated on the fly, then reports resident memory
    /// growth per stored transaction and the time of a full columnar export (median of `exports`).
    static func memoryAndExport(total: Int, clients: Int, exports: Int) async throws {
        let clock = ManualClock(start: Instant(millisecondsSinceEpoch: 1_795_392_000_000))
        let bank = try await bankWithClients(clients, clock: clock, audit: CountingAuditLog())
        // Warm the allocator with one batch of the size used below, so its reuse is not counted.
        _ = transactions(100_000, clients: clients, offset: total * 10)
        let before = Harness.residentBytes()
        var loaded = 0
        while loaded < total {
            let rows = transactions(min(100_000, total - loaded), clients: clients, offset: loaded)
            _ = try await bank.activity.append(transactions: rows, as: system)
            loaded += rows.count
        }
        let after = Harness.residentBytes()
        let perRow = Double(after - before) / Double(total)
        Harness.report(
            "memory, \(total / 1_000_000)M tx in the store",
            "\(Harness.format(perRow, 1)) bytes/tx resident growth (target < 64)"
        )
        var rows = 0
        let samples = try await Harness.time(repetitions: exports) {
            let columns = try await bank.activity.exportTransactions(in: nil, as: system)
            rows = columns.count
        }
        Harness.report(
            "columnar export of \(rows / 1_000_000)M tx",
            "median \(Harness.format(Harness.median(samples) * 1000, 0)) ms (min \(Harness.format((samples.min() ?? 0) * 1000, 0)) ms, target < 1000 ms)"
        )
    }
}
