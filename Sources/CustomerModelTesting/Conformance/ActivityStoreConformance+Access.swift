import CustomerModel

extension ActivityStoreConformance {
    /// One transaction, one interaction and one balance of each seeded client, appended as system.
    static func seedActivity(_ f: Fixture) async throws(ConformanceFailure) -> [Transaction] {
        let rows = World.clients.enumerated().map { index, client in
            Samples.transaction("A-\(client)", client, day: -index, second: 100)
        }
        try await f.append(rows, "one transaction per client")
        try await call("one interaction per client") {
            try await f.activity.append(
                interactions: World.clients.map { Samples.interaction("A-\($0)", $0, day: 0) },
                as: World.system
            )
        }
        try await call("one balance per client") {
            try await f.activity.append(balances: World.clients.map { Samples.balance($0, day: 0) }, as: World.system)
        }
        f.tick()
        return rows
    }

    /// Reads of one client's transactions, interactions and balances as `principal`, each
    /// returning how many records came back.
    static func reads(
        of client: CustomerID,
        as principal: Principal,
        _ f: Fixture
    )
        -> [(String, @Sendable () async throws -> Int)]
    {
        [
            (
                "transactions",
                { try await f.activity.transactions(of: client, in: World.everyDay, as: principal).count }
            ),
            (
                "interactions",
                { try await f.activity.interactions(of: client, in: World.everyDay, as: principal).count }
            ),
            ("balances", { try await f.activity.balances(of: client, in: World.everyDay, as: principal).count }),
        ]
    }

    /// Appends of one record of each kind for `clients` as `principal`.
    static func appends(
        for clients: [CustomerID],
        as principal: Principal,
        tag: String,
        _ f: Fixture
    )
        -> [(String, @Sendable () async throws -> AppendReport)]
    {
        [
            (
                "transactions",
                {
                    try await f.activity.append(
                        transactions: clients.map { Samples.transaction("\(tag)-\($0)", $0, day: 1) },
                        as: principal
                    )
                }
            ),
            (
                "interactions",
                {
                    try await f.activity.append(
                        interactions: clients.map { Samples.interaction("\(tag)-\($0)", $0, day: 1) },
                        as: principal
                    )
                }
            ),
            (
                "balances",
                {
                    try await f.activity.append(balances: clients.map { Samples.balance($0, day: 1) }, as: principal)
                }
            ),
        ]
    }

    /// How many records of each kind `client` has, read as system.
    static func recordCounts(of client: CustomerID, _ f: Fixture) async throws(ConformanceFailure) -> [Int] {
        var counts: [Int] = []
        for (what, read) in reads(of: client, as: World.system, f) {
            counts.append(try await call("reading the \(what) of \(client) as system") { try await read() })
        }
        return counts
    }

    // MARK: Access control

    static func relationshipManagerCannotReadOthers(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        let rmB = World.relationshipManagerB
        for (what, read) in reads(of: World.clientA1, as: rmB, f) {
            try await f.expectRefusal(
                "RM-B reading the \(what) of C-A1",
                by: rmB,
                naming: .covering([World.clientA1], bankWideAllowed: false)
            ) { try await read() }
        }
        for (what, read) in reads(of: World.clientB1, as: rmB, f) {
            let count = try await call("RM-B reading the \(what) of its own C-B1") { try await read() }
            try expectEqual(count, 1, "\(what) RM-B reads of its own client")
        }
    }

    static func relationshipManagerCannotAppendForOthers(_ f: Fixture) async throws {
        try await f.seed()
        let rmB = World.relationshipManagerB
        for (what, append) in appends(for: [World.clientB1, World.clientA1], as: rmB, tag: "MIX", f) {
            try await f.expectRefusal(
                "RM-B appending \(what) of its C-B1 and RM-A's C-A1",
                by: rmB,
                naming: .covering([World.clientA1], bankWideAllowed: false)
            ) {
                try await append()
            }
        }
        for client in [World.clientA1, World.clientB1] {
            try expectEqual(
                try await recordCounts(of: client, f),
                [0, 0, 0],
                "records of \(client) after the refusals"
            )
        }
        for (what, append) in appends(for: [World.clientB1], as: rmB, tag: "OWN", f) {
            let report = try await call("RM-B appending \(what) of its own C-B1") { try await append() }
            try expectEqual(report.appended, 1, "\(what) RM-B appends for its own client")
        }
    }

    static func branchHeadSeesSubtreeOnly(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        let allowed: [(Principal, CustomerID)] = [
            (World.pudongHead, World.clientA1), (World.pudongHead, World.clientA2),
            (World.shanghaiHead, World.clientB1),
            (World.shanghaiHead, World.clientH1),
        ]
        for (principal, client) in allowed {
            for (what, read) in reads(of: client, as: principal, f) {
                let count = try await call("\(principal) reading the \(what) of \(client)") { try await read() }
                try expectEqual(count, 1, "\(what) of \(client) that \(principal) reads")
            }
        }
        let refused: [(Principal, CustomerID)] = [
            (World.pudongHead, World.clientB1), (World.pudongHead, World.clientH1),
            (World.shanghaiHead, World.clientC1),
        ]
        for (principal, client) in refused {
            for (what, read) in reads(of: client, as: principal, f) {
                try await expectStoreError(.forbidden, "\(principal) reading the \(what) of \(client)") {
                    try await read()
                }
            }
        }
        for (what, append) in appends(for: [World.clientA1], as: World.pudongHead, tag: "BH", f) {
            let report = try await call("the Pudong head appending \(what) of C-A1") { try await append() }
            try expectEqual(report.appended, 1, "\(what) the Pudong head appends for C-A1")
        }
        for (what, append) in appends(for: [World.clientB1], as: World.pudongHead, tag: "BH", f) {
            try await expectStoreError(.forbidden, "the Pudong head appending \(what) of C-B1 in Puxi") {
                try await append()
            }
        }
    }

    static func auditorCannotAppend(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        let auditor = World.auditor
        for (what, read) in reads(of: World.clientC1, as: auditor, f) {
            let count = try await call("the auditor reading the \(what) of C-C1") { try await read() }
            try expectEqual(count, 1, "\(what) the auditor reads")
        }
        for (what, append) in appends(for: [World.clientC1], as: auditor, tag: "AUD", f) {
            try await f.expectRefusal(
                "the auditor appending \(what)",
                by: auditor,
                naming: .covering([World.clientC1], bankWideAllowed: false)
            ) { try await append() }
        }
        try expectEqual(try await recordCounts(of: World.clientC1, f), [1, 1, 1], "records of C-C1 after the refusals")
    }

    static func accessFollowsCoverage(_ f: Fixture) async throws {
        try await f.seed()
        let rows = try await seedActivity(f)
        var moved = World.profile(World.clientA1)
        moved.coverage = Coverage(relationshipManager: "RM-C", branch: "BJ")
        try await call("moving C-A1 to RM-C in Beijing through the customer store") {
            try await f.customers.upsert([ProfileChange(moved, expectedVersion: 1)], as: World.system)
        }
        for (what, read) in reads(of: World.clientA1, as: World.relationshipManagerA, f) {
            try await expectStoreError(.forbidden, "RM-A reading the \(what) of C-A1 after it moved") {
                try await read()
            }
        }
        for (what, read) in reads(of: World.clientA1, as: World.relationshipManagerC, f) {
            let count = try await call("RM-C reading the \(what) of C-A1 after the move") { try await read() }
            try expectEqual(count, 1, "\(what) of C-A1 that RM-C reads after the move")
        }
        let scanned = try await f.scanAll(limit: 2, as: World.relationshipManagerC)
        try expectSameTransactions(
            scanned,
            rows.filter { [World.clientA1, World.clientC1].contains($0.customer) },
            "rows of a scan as RM-C after the move"
        )
        try await expectStoreError(.forbidden, "RM-A appending for C-A1 after it moved") {
            try await f.activity.append(
                transactions: [Samples.transaction("MOVED-1", World.clientA1, day: 0)],
                as: World.relationshipManagerA
            )
        }
    }

    static func scansAndExportsLeaveOutOfScopeOut(_ f: Fixture) async throws {
        try await f.seed()
        let rows = sixtyRows() + [Samples.transaction("P-H1", World.clientH1, day: 2)]
        try await f.append(rows, "61 transactions of five clients")
        let cases: [(Principal, Set<CustomerID>)] = [
            (World.relationshipManagerA, [World.clientA1, World.clientA2]),
            (World.pudongHead, [World.clientA1, World.clientA2]),
            (World.shanghaiHead, [World.clientA1, World.clientA2, World.clientB1, World.clientH1]),
            (World.relationshipManagerC, [World.clientC1]),
        ]
        for (principal, scope) in cases {
            let expected = rows.filter { scope.contains($0.customer) }
            let scanned = try await f.scanAll(limit: 3, as: principal)
            try expectSameTransactions(scanned, expected, "rows of a scan as \(principal)")
            let columns = try await call("exporting as \(principal)") {
                try await f.activity.exportTransactions(in: nil, as: principal)
            }
            try expectSameRows(columns, expected, "the export as \(principal)")
        }
    }

    static func exportNamesNoOutOfScopeClient(_ f: Fixture) async throws {
        try await f.seed()
        try await f.append(sixtyRows(), "sixty transactions of four clients")
        let columns = try await call("exporting as RM-A") {
            try await f.activity.exportTransactions(in: nil, as: World.relationshipManagerA)
        }
        let named = Set(columns.customers)
        let scope: Set<CustomerID> = [World.clientA1, World.clientA2]
        try expectTrue(
            named.isSubset(of: scope),
            "clients named in the customers column of RM-A's export",
            expected: "only clients in RM-A's scope \(scope.sorted())",
            actual: "\(named.sorted()) (out of scope: \(named.subtracting(scope).sorted()))"
        )
    }

    // MARK: Audit

    static func appendsAreAudited(_ f: Fixture) async throws {
        try await f.seed()
        let rmA = World.relationshipManagerA
        let cases: [(String, Set<CustomerID>, @Sendable () async throws -> AppendReport)] = [
            (
                "transactions", [World.clientA1, World.clientA2],
                {
                    try await f.activity.append(
                        transactions: [
                            Samples.transaction("W-1", World.clientA1, day: 0),
                            Samples.transaction("W-2", World.clientA2, day: 0),
                            Samples.transaction("W-3", World.clientA1, day: 1),
                        ],
                        as: rmA
                    )
                }
            ),
            (
                "interactions", [World.clientA1],
                {
                    try await f.activity.append(
                        interactions: [Samples.interaction("W-1", World.clientA1, day: 0)],
                        as: rmA
                    )
                }
            ),
            (
                "balances", [World.clientA2],
                {
                    try await f.activity.append(balances: [Samples.balance(World.clientA2, day: 0)], as: rmA)
                }
            ),
        ]
        for (what, clients, append) in cases {
            let mark = try await f.trail.mark()
            let now = f.tick()
            _ = try await call("RM-A appending \(what)") { try await append() }
            try await f.trail.expectOne(
                since: mark,
                "RM-A's append of \(what)",
                action: .write,
                principal: rmA,
                clients: .exactly(clients),
                at: now
            )
        }
    }

    static func readsAreAudited(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        let rmA = World.relationshipManagerA
        for (what, read) in reads(of: World.clientA1, as: rmA, f) {
            let mark = try await f.trail.mark()
            let now = f.tick()
            _ = try await call("RM-A reading the \(what) of C-A1") { try await read() }
            try await f.trail.expectOne(
                since: mark,
                "RM-A's read of \(what)",
                action: .read,
                principal: rmA,
                clients: .exactly([World.clientA1]),
                at: now
            )
        }
        let mark = try await f.trail.mark()
        let now = f.tick()
        let page = try await call("RM-A scanning one page") {
            try await f.activity.scanTransactions(in: World.everyDay, after: nil, limit: 100, as: rmA)
        }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's scan",
            action: .read,
            principal: rmA,
            clients: .covering(Set(page.transactions.map(\.customer)), bankWideAllowed: false),
            at: now
        )
    }

    static func exportsAreAudited(_ f: Fixture) async throws {
        try await f.seed()
        let rows = try await seedActivity(f)
        var mark = try await f.trail.mark()
        var now = f.tick()
        _ = try await f.exportAll()
        try await f.trail.expectOne(
            since: mark,
            "a bank-wide export",
            action: .export,
            principal: World.system,
            clients: .covering(Set(rows.map(\.customer)), bankWideAllowed: true),
            at: now
        )
        mark = try await f.trail.mark()
        now = f.tick()
        _ = try await call("exporting as RM-A") {
            try await f.activity.exportTransactions(in: World.days(-3, 0), as: World.relationshipManagerA)
        }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's export",
            action: .export,
            principal: World.relationshipManagerA,
            clients: .covering([World.clientA1, World.clientA2], bankWideAllowed: false),
            at: now
        )
    }

    static func readFailsWithoutAudit(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedActivity(f)
        f.audit.isFailing = true
        defer { f.audit.isFailing = false }
        for (what, read) in reads(of: World.clientA1, as: World.system, f) {
            try await expectAnyError("reading the \(what) of C-A1 while the audit log is down") { try await read() }
        }
        try await expectAnyError("scanning while the audit log is down") {
            try await f.activity.scanTransactions(in: World.everyDay, after: nil, limit: 10, as: World.system)
        }
        try await expectAnyError("exporting while the audit log is down") {
            try await f.activity.exportTransactions(in: nil, as: World.system)
        }
    }

    static func appendFailsWithoutAudit(_ f: Fixture) async throws {
        try await f.seed()
        f.audit.isFailing = true
        for (what, append) in appends(for: [World.clientA1], as: World.system, tag: "DOWN", f) {
            try await expectAnyError("appending \(what) while the audit log is down") { try await append() }
        }
        f.audit.isFailing = false
        try expectEqual(
            try await recordCounts(of: World.clientA1, f),
            [0, 0, 0],
            "records of C-A1 (transactions, interactions, balances) after appends the store could not audit"
        )
    }

    // MARK: Concurrency

    static func concurrentDisjointAppends(_ f: Fixture) async throws {
        try await f.seed()
        let activity = f.activity
        let batches = (0..<50).map { task in
            (0..<100).map { index in
                Samples.transaction(
                    "K\(task)-\(index)",
                    World.clients[task % 5],
                    day: task % 10,
                    second: Int32(index),
                    amount: Int64(task * 100 + index + 1)
                )
            }
        }
        let reports = try await withThrowingTaskGroup(of: AppendReport.self) { group in
            for batch in batches {
                group.addTask { try await activity.append(transactions: batch, as: World.system) }
            }
            var reports: [AppendReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        try expectEqual(
            reports.map(\.appended).reduce(0, +),
            5_000,
            "rows the 50 concurrent appends report as appended"
        )
        let all = batches.flatMap { $0 }
        try expectSameRows(try await f.exportAll(), all, "the export after 50 concurrent appends")
        try expectSameTransactions(try await f.scanAll(limit: 997), all, "a scan after 50 concurrent appends")
        for client in World.clients {
            let read = try await f.transactions(of: client)
            try expectSameTransactions(read, all.filter { $0.customer == client }, "transactions of \(client)")
            try expectTrue(
                zip(read, read.dropFirst()).allSatisfy { ($0.day, $0.secondOfDay) <= ($1.day, $1.secondOfDay) },
                "order of \(client)'s transactions",
                expected: "by day, then time of day",
                actual: "out of order"
            )
        }
    }

    static func concurrentDuplicateDeliveries(_ f: Fixture) async throws {
        try await f.seed()
        let activity = f.activity
        let batch = (0..<100).map { Samples.transaction("Q-\($0)", World.clients[$0 % 5], day: $0 % 7) }
        let reports = try await withThrowingTaskGroup(of: AppendReport.self) { group in
            for _ in 0..<10 {
                group.addTask { try await activity.append(transactions: batch, as: World.system) }
            }
            var reports: [AppendReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        try expectEqual(reports.map(\.appended).reduce(0, +), 100, "rows appended across the 10 deliveries")
        try expectEqual(reports.map(\.duplicates).reduce(0, +), 900, "duplicates across the 10 deliveries")
        try expectSameRows(try await f.exportAll(), batch, "the export after 10 concurrent deliveries")
    }
}
