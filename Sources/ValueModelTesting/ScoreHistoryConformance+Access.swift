import CustomerModel
import CustomerModelTesting
import ValueModel

extension ScoreHistoryConformance {
    /// One score of each seeded client on day -30 and today, recorded as system.
    static func seedScores(_ f: Fixture) async throws(ConformanceFailure) -> [ScoreRecord] {
        let records = World.clients.enumerated().flatMap { index, client in
            [
                Samples.score(client, day: -30, total: Double(index * 10 + 5), aum: Int64(index + 1) * 100_000),
                Samples.score(client, day: 0, total: Double(index * 10 + 8), aum: Int64(index + 1) * 90_000),
            ]
        }
        try await f.record(records, "two scores of each seeded client")
        f.tick()
        return records
    }

    /// The reads of one client's scores as `principal`, each returning how many records came back.
    static func reads(
        of client: CustomerID,
        as principal: Principal,
        _ f: Fixture
    )
        -> [(String, @Sendable () async throws -> Int)]
    {
        let history = f.history
        let model = Samples.model
        return [
            ("series", { try await history.series(of: client, in: World.everyDay, model: nil, as: principal).count }),
            ("as-of", { try await history.scores(of: [client], asOf: World.today, model: model, as: principal).count }),
            (
                "trend",
                {
                    try await history.trends(of: [client], model: model, over: World.days(-30, 0), as: principal).count
                }
            ),
        ]
    }

    // MARK: Access control

    static func relationshipManagerCannotReadOthers(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedScores(f)
        let rmB = World.relationshipManagerB
        for (what, read) in reads(of: World.clientA1, as: rmB, f) {
            try await f.expectRefusal(
                "RM-B reading the \(what) of C-A1",
                by: rmB,
                naming: .covering([World.clientA1], bankWideAllowed: false)
            ) { try await read() }
        }
        try await expectStoreError(.forbidden, "RM-B reading the scores of its C-B1 and RM-A's C-A1 together") {
            try await f.history.scores(
                of: [World.clientB1, World.clientA1],
                asOf: World.today,
                model: Samples.model,
                as: rmB
            )
        }
        let expected = [2, 1, 1]
        for ((what, read), count) in zip(reads(of: World.clientB1, as: rmB, f), expected) {
            let found = try await call("RM-B reading the \(what) of its own C-B1") { try await read() }
            try expectEqual(found, count, "\(what) records RM-B reads of its own client")
        }
    }

    static func relationshipManagerCannotRecordForOthers(_ f: Fixture) async throws {
        try await f.seed()
        let rmB = World.relationshipManagerB
        let mixed = [Samples.score(World.clientB1, day: 0, total: 1), Samples.score(World.clientA1, day: 0, total: 2)]
        try await f.expectRefusal(
            "RM-B recording scores of its C-B1 and RM-A's C-A1",
            by: rmB,
            naming: .covering([World.clientA1], bankWideAllowed: false)
        ) {
            try await f.history.record(mixed, as: rmB)
        }
        try expectElements(try await f.everything(), [], "every record after the refusal")
        let own = try await call("RM-B recording a score of its own C-B1") {
            try await f.history.record([mixed[0]], as: rmB)
        }
        try expectEqual(own.recorded, 1, "scores RM-B records for its own client")
    }

    static func branchHeadAndAuditor(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedScores(f)
        let cases: [(Principal, String, [CustomerID], [CustomerID])] = [
            (
                World.shanghaiHead, "the head of Shanghai",
                [World.clientA1, World.clientA2, World.clientB1, World.clientH1],
                [World.clientC1]
            ),
            (
                World.pudongHead, "the head of Pudong", [World.clientA1, World.clientA2],
                [World.clientB1, World.clientH1]
            ),
            (World.expert, "EX-1 (on C-A2's service team)", [World.clientA2], [World.clientA1]),
            (World.auditor, "an auditor", World.clients, []),
        ]
        for (principal, who, allowed, refused) in cases {
            for client in allowed {
                for (what, read) in reads(of: client, as: principal, f) {
                    try await call("\(who) reading the \(what) of \(client)") { _ = try await read() }
                }
            }
            for client in refused {
                for (what, read) in reads(of: client, as: principal, f) {
                    try await expectStoreError(.forbidden, "\(who) reading the \(what) of \(client)") {
                        try await read()
                    }
                }
            }
        }
        let before = try await f.everything()
        try await f.expectRefusal(
            "an auditor recording a score",
            by: World.auditor,
            naming: .covering([World.clientC1], bankWideAllowed: false)
        ) {
            try await f.history.record([Samples.score(World.clientC1, day: 1, total: 1)], as: World.auditor)
        }
        try expectElements(try await f.everything(), before, "every record after the auditor's refused recording")
    }

    static func bookWideTrendsNarrowedToScope(_ f: Fixture) async throws {
        try await f.seed()
        let book = try await f.seedBook(15)
        let clients = World.clients + book
        let records = clients.enumerated().flatMap { index, client in
            [
                Samples.score(client, day: -30, total: Double(index * 5)),
                Samples.score(client, day: 0, total: Double(95 - index * 5)),
            ]
        }
        try await f.record(records, "two scores of 20 clients")
        let window = World.days(-30, 0)
        let everyone = try await call("the book-wide trends as system") {
            try await f.history.trends(of: nil, model: Samples.model, over: window, as: World.system)
        }
        try expectEqual(everyone.map(\.customer), clients.sorted(), "the clients of the book-wide trends as system")
        let cases: [(Principal, String, [CustomerID])] = [
            (World.relationshipManagerB, "RM-B", [World.clientB1]),
            (World.relationshipManagerA, "RM-A", ([World.clientA1, World.clientA2] + book).sorted()),
            (World.pudongHead, "the head of Pudong", ([World.clientA1, World.clientA2] + book).sorted()),
        ]
        for (principal, who, expected) in cases {
            let mark = try await f.trail.mark()
            let now = f.tick()
            let mine = try await call("the book-wide trends as \(who)") {
                try await f.history.trends(of: nil, model: Samples.model, over: window, as: principal)
            }
            try expectEqual(mine.map(\.customer), expected, "the clients of the book-wide trends as \(who)")
            try expectElements(
                mine,
                everyone.filter { expected.contains($0.customer) },
                "\(who)'s trends against the same clients' trends as system (deciles over the whole book)"
            )
            try await f.trail.expectOne(
                since: mark,
                "\(who)'s book-wide trend query",
                action: .read,
                principal: principal,
                clients: .covering(Set(expected), bankWideAllowed: false),
                at: now
            )
            let named = try await f.trail.entries(since: mark).first?.customers ?? []
            try expectTrue(
                Set(named).isSubset(of: Set(expected)),
                "the clients audited for \(who)'s book-wide trend query",
                expected: "none outside \(who)'s scope",
                actual: "\(named)"
            )
        }
    }

    // MARK: Audit

    static func writesAudited(_ f: Fixture) async throws {
        try await f.seed()
        let cases: [(Principal, [ScoreRecord], Set<CustomerID>)] = [
            (
                World.system,
                [
                    Samples.score(World.clientA1, day: 0, total: 1), Samples.score(World.clientB1, day: 0, total: 2),
                    Samples.score(World.clientA1, day: 1, total: 3),
                ],
                [World.clientA1, World.clientB1]
            ),
            (World.relationshipManagerA, [Samples.score(World.clientA2, day: 0, total: 4)], [World.clientA2]),
            (World.system, [Samples.score(World.clientA2, day: 0, total: 4)], [World.clientA2]),
        ]
        for (index, (principal, batch, clients)) in cases.enumerated() {
            let mark = try await f.trail.mark()
            let now = f.tick()
            try await call("recording batch \(index + 1) as \(principal)") {
                try await f.history.record(batch, as: principal)
            }
            try await f.trail.expectOne(
                since: mark,
                "recording batch \(index + 1) as \(principal)",
                action: .write,
                principal: principal,
                clients: .exactly(clients),
                at: now
            )
        }
    }

    static func readsAudited(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedScores(f)
        let rmA = World.relationshipManagerA
        for (what, read) in reads(of: World.clientA1, as: rmA, f) {
            let mark = try await f.trail.mark()
            let now = f.tick()
            try await call("RM-A reading the \(what) of C-A1") { _ = try await read() }
            try await f.trail.expectOne(
                since: mark,
                "RM-A's \(what) read of C-A1",
                action: .read,
                principal: rmA,
                clients: .exactly([World.clientA1]),
                at: now
            )
        }
        var mark = try await f.trail.mark()
        var now = f.tick()
        try await call("the scores of C-A1 and C-A2 as of today as RM-A") {
            try await f.history.scores(
                of: [World.clientA1, World.clientA2],
                asOf: World.today,
                model: Samples.model,
                as: rmA
            )
        }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's as-of read of two clients",
            action: .read,
            principal: rmA,
            clients: .exactly([World.clientA1, World.clientA2]),
            at: now
        )
        mark = try await f.trail.mark()
        now = f.tick()
        try await call("the book-wide trends as system") {
            try await f.history.trends(of: nil, model: Samples.model, over: World.days(-30, 0), as: World.system)
        }
        try await f.trail.expectOne(
            since: mark,
            "the book-wide trend query as system",
            action: .read,
            principal: World.system,
            clients: .covering(Set(World.clients), bankWideAllowed: true),
            at: now
        )
    }

    static func failsWithoutAudit(_ f: Fixture) async throws {
        try await f.seed()
        let stored = try await seedScores(f)
        f.audit.isFailing = true
        try await expectAnyError("recording a score while the audit log is down") {
            try await f.history.record([Samples.score(World.clientA1, day: 5, total: 5)], as: World.system)
        }
        try await expectAnyError("correcting a score while the audit log is down") {
            try await f.history.record(
                [Samples.score(World.clientA1, day: 0, total: 1)],
                replacing: true,
                as: World.system
            )
        }
        for (what, read) in reads(of: World.clientA1, as: World.relationshipManagerA, f) {
            try await expectAnyError("reading the \(what) of C-A1 while the audit log is down") { try await read() }
        }
        try await expectAnyError("the book-wide trends while the audit log is down") {
            try await f.history.trends(of: nil, model: Samples.model, over: World.days(-30, 0), as: World.system)
        }
        f.audit.isFailing = false
        try expectElements(
            try await f.everything(),
            keyOrder(stored),
            "every record after the writes the store could not audit"
        )
    }

    // MARK: Concurrency

    static func concurrentDisjointWriters(_ f: Fixture) async throws {
        try await f.seed()
        let history = f.history
        let batches = (0..<20).map { task in
            World.clients.flatMap { client in
                (0..<10).map { day in
                    Samples.score(client, day: task * 10 + day, total: Double((task * 37 + day * 11) % 100))
                }
            }
        }
        let reports = try await withThrowingTaskGroup(of: ScoreRecordingReport.self) { group in
            for batch in batches {
                group.addTask { try await history.record(batch, replacing: false, as: World.system) }
            }
            var reports: [ScoreRecordingReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        try expectEqual(reports.map(\.recorded).reduce(0, +), 1_000, "records the 20 concurrent batches report")
        try expectElements(
            try await f.everything(),
            keyOrder(batches.flatMap { $0 }),
            "every record after 20 concurrent batches"
        )
    }

    static func concurrentDuplicateDeliveries(_ f: Fixture) async throws {
        try await f.seed()
        let history = f.history
        let batch = (0..<50).map { Samples.score(World.clients[$0 % 5], day: $0 / 5, total: Double($0)) }
        let reports = try await withThrowingTaskGroup(of: ScoreRecordingReport.self) { group in
            for _ in 0..<10 {
                group.addTask { try await history.record(batch, replacing: false, as: World.system) }
            }
            var reports: [ScoreRecordingReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        try expectEqual(reports.map(\.recorded).reduce(0, +), 50, "records stored across the 10 deliveries")
        try expectEqual(reports.map(\.unchanged).reduce(0, +), 450, "records unchanged across the 10 deliveries")
        try expectElements(try await f.everything(), keyOrder(batch), "every record after the 10 deliveries")
    }
}
