public import CustomerModel

/// What the ``AuditLogConformance`` checks run against: a fresh, empty audit log, and its reads
/// behind an ``/CustomerModel/AccessGate`` (default policy, an empty directory) whose own entries
/// go to a separate in-memory log, so reading the trail does not change it.
public struct AuditLogFixture<Log: AuditLog>: ConformanceFixture {
    /// The log under test, empty.
    public var log: Log
    /// Reads of ``log`` behind the gate: what the checks read the trail through.
    public var trail: GatedAuditLog
    /// Called after the check, even when it failed.
    public var tearDown: (@Sendable () async throws -> Void)?

    /// Creates a fixture.
    /// - Parameters:
    ///   - log: a fresh, empty audit log.
    ///   - tearDown: cleanup run after each check, whatever its outcome.
    public init(log: Log, tearDown: (@Sendable () async throws -> Void)? = nil) {
        self.log = log
        let gate = AccessGate(
            directory: InMemoryCustomerStore(),
            audit: InMemoryAuditLog(),
            clock: ManualClock(start: ConformanceWorld.start)
        )
        self.trail = gate.auditTrail(log)
        self.tearDown = tearDown
    }
}

/// The behavioural contract of ``/CustomerModel/AuditLog``, as checks a host runs against its
/// own audit log adapter.
///
/// The checks record entries with explicit instants (from 2026-11-23T00:00:00Z on) and read
/// them back: entries come back in the order recorded with every field intact, filtered by
/// client (bank-wide entries concern every client) and by period (both ends included); the trail
/// is readable through the gate by auditors and refused to relationship managers; entries recorded from many tasks
/// at once are all kept. Reads ask for periods between 1970 and 2200.
///
/// ```swift
/// typealias Kit = AuditLogConformance<PostgresAuditLog>
/// @Test(arguments: Kit.checks) func postgresAuditLogConforms(_ check: Kit.Check) async throws {
///     try await Kit(makeLog: { try await PostgresAuditLog.fresh(db) }).run(check)
/// }
/// ```
public struct AuditLogConformance<Log: AuditLog>: ConformanceKit {
    /// The fixture each check gets.
    public typealias Fixture = AuditLogFixture<Log>

    /// Makes a fresh fixture for one check.
    public let makeFixture: @Sendable () async throws -> Fixture

    /// Creates the kit from a function that makes a fresh fixture for each check.
    public init(_ makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Creates the kit from a function that makes a fresh, empty log for each check.
    public init(makeLog: @escaping @Sendable () async throws -> Log) {
        self.makeFixture = { Fixture(log: try await makeLog()) }
    }

    /// Every check of the contract, in a stable order.
    public static var checks: [Check] {
        [
            Check("entries come back in the order recorded, within a call and across calls", entriesInOrder),
            Check("every field of an entry reads back exactly", everyFieldRoundTrips),
            Check("recording an empty batch adds nothing", emptyBatchAddsNothing),
            Check("filtering by client keeps the entries naming the client, and bank-wide entries", filterByClient),
            Check("filtering by period includes both ends and nothing outside", filterByPeriod),
            Check("filtering by client and period keeps the entries matching both", filterByClientAndPeriod),
            Check("a relationship manager may not read the trail", relationshipManagerCannotRead),
            Check("an auditor reads the whole trail", auditorReads),
            Check("entries recorded from 20 tasks at once are all kept, each task's in its order", concurrentRecorders),
        ]
    }
}

extension AuditLogConformance where Log == InMemoryAuditLog {
    /// The kit over fresh ``/CustomerModel/InMemoryAuditLog``s.
    public static var inMemory: Self { Self(makeLog: { InMemoryAuditLog() }) }
}

// MARK: - Checks

extension AuditLogConformance {
    typealias World = ConformanceWorld

    /// An entry at `minute` minutes after the start, for `customers`.
    static func entry(
        _ minute: Int,
        _ customers: [CustomerID],
        action: AuditRecord.Action = .read,
        bankWide: Bool = false,
        principal: Principal = ConformanceWorld.relationshipManagerA,
        operation: String = "profiles"
    ) -> AuditRecord {
        AuditRecord(
            at: World.start.adding(seconds: Int64(minute) * 60),
            principal: principal,
            action: action,
            customers: customers,
            isBankWide: bankWide,
            fields: ["profile"],
            operation: operation
        )
    }

    static func record(_ f: Fixture, _ entries: [AuditRecord], _ subject: String) async throws(ConformanceFailure) {
        try await call(subject) { try await f.log.record(entries) }
    }

    static func read(
        _ f: Fixture,
        concerning customer: CustomerID? = nil,
        in period: ClosedRange<Instant> = ConformanceWorld.allTime,
        as principal: Principal = AuditTrail.reader
    ) async throws(ConformanceFailure) -> [AuditRecord] {
        try await call("reading the trail as \(principal)") {
            try await f.trail.entries(concerning: customer, in: period, as: principal)
        }
    }

    /// Ten entries, one a minute from minute 0: C-A1 on even minutes, C-B1 on odd ones, both on
    /// minute 5, and a bank-wide export on minute 7.
    static var tenEntries: [AuditRecord] {
        (0..<10).map { minute in
            switch minute {
            case 5: entry(minute, [World.clientA1, World.clientB1])
            case 7:
                entry(
                    minute,
                    [],
                    action: .export,
                    bankWide: true,
                    principal: World.system,
                    operation: "exportTransactions"
                )
            default: entry(minute, [minute % 2 == 0 ? World.clientA1 : World.clientB1])
            }
        }
    }

    static func entriesInOrder(_ f: Fixture) async throws {
        let entries = [
            entry(0, [World.clientA1]), entry(1, [World.clientB1], action: .write), entry(1, [World.clientC1]),
            entry(2, [World.clientA1], action: .denied), entry(3, [World.clientA2]), entry(3, [World.clientH1]),
        ]
        try await record(f, Array(entries[0..<3]), "recording three entries in one call")
        try await record(f, [entries[3]], "recording one entry")
        try await record(f, Array(entries[4...]), "recording two more")
        try expectElements(try await read(f), entries, "the trail")
    }

    static func everyFieldRoundTrips(_ f: Fixture) async throws {
        let entries = AuditRecord.Action.allCases.enumerated().map { index, action in
            AuditRecord(
                at: World.start.adding(seconds: Int64(index)),
                principal: Principal(
                    id: StaffID("STAFF-\(index)"),
                    role: Principal.Role.allCases[index % Principal.Role.allCases.count],
                    branch: index % 2 == 0 ? "SH-PD" : nil,
                    purpose: "复核 review \(index)"
                ),
                action: action,
                customers: index == 3 ? [] : [World.clientA1, World.clientC1],
                isBankWide: index == 3,
                fields: ["profile", "holdings", "tags"].suffix(index + 1).map { $0 },
                operation: "operation-\(action.rawValue)"
            )
        }
        try await record(f, entries, "recording one entry of every action")
        try expectElements(try await read(f), entries, "the trail")
    }

    static func emptyBatchAddsNothing(_ f: Fixture) async throws {
        try await record(f, [entry(0, [World.clientA1])], "recording one entry")
        try await record(f, [], "recording an empty batch")
        try expectElements(try await read(f), [entry(0, [World.clientA1])], "the trail")
    }

    static func filterByClient(_ f: Fixture) async throws {
        let entries = tenEntries
        try await record(f, entries, "recording ten entries")
        try expectElements(
            try await read(f, concerning: World.clientA1),
            [0, 2, 4, 5, 6, 7, 8].map { entries[$0] },
            "entries concerning C-A1 (even minutes, minute 5, the bank-wide minute 7)"
        )
        try expectElements(
            try await read(f, concerning: World.clientB1),
            [entries[1], entries[3], entries[5], entries[7], entries[9]],
            "entries concerning C-B1"
        )
        try expectElements(
            try await read(f, concerning: World.clientC1),
            [entries[7]],
            "entries concerning C-C1 (only the bank-wide one)"
        )
    }

    static func filterByPeriod(_ f: Fixture) async throws {
        let entries = tenEntries
        try await record(f, entries, "recording ten entries, one a minute")
        let minute = { (value: Int) in World.start.adding(seconds: Int64(value) * 60) }
        let oneMillisecond = { (instant: Instant, sign: Int64) in
            Instant(millisecondsSinceEpoch: instant.millisecondsSinceEpoch + sign)
        }
        let cases: [(String, ClosedRange<Instant>, [AuditRecord])] = [
            ("minutes 2 to 5", minute(2)...minute(5), Array(entries[2...5])),
            ("minute 3 alone", minute(3)...minute(3), [entries[3]]),
            ("between minutes 3 and 4", oneMillisecond(minute(3), 1)...oneMillisecond(minute(4), -1), []),
            ("before the first entry", minute(-100)...oneMillisecond(minute(0), -1), []),
            ("after the last entry", oneMillisecond(minute(9), 1)...minute(100), []),
            ("the first and last minutes", minute(0)...minute(9), entries),
        ]
        for (what, period, expected) in cases {
            try expectElements(try await read(f, in: period), expected, "entries recorded in \(what)")
        }
    }

    static func filterByClientAndPeriod(_ f: Fixture) async throws {
        let entries = tenEntries
        try await record(f, entries, "recording ten entries")
        let period = World.start.adding(seconds: 180)...World.start.adding(seconds: 420)
        try expectElements(
            try await read(f, concerning: World.clientB1, in: period),
            [entries[3], entries[5], entries[7]],
            "entries concerning C-B1 in minutes 3 to 7"
        )
    }

    static func relationshipManagerCannotRead(_ f: Fixture) async throws {
        try await record(f, tenEntries, "recording ten entries")
        try await expectStoreError(.forbidden, "RM-A reading the whole trail") {
            try await f.trail.entries(concerning: nil, in: World.allTime, as: World.relationshipManagerA)
        }
        try await expectStoreError(.forbidden, "RM-A reading the trail of its own client C-A1") {
            try await f.trail.entries(concerning: World.clientA1, in: World.allTime, as: World.relationshipManagerA)
        }
    }

    static func auditorReads(_ f: Fixture) async throws {
        let entries = tenEntries
        try await record(f, entries, "recording ten entries")
        try expectElements(try await read(f, as: World.auditor), entries, "the trail as read by \(World.auditor)")
        try expectElements(
            try await read(f, concerning: World.clientC1, as: World.auditor),
            [entries[7]],
            "the trail of C-C1 as read by \(World.auditor)"
        )
    }

    static func concurrentRecorders(_ f: Fixture) async throws {
        let log = f.log
        let tasks = 20
        let perTask = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        try await log.record([
                            entry(index, [CustomerID("C-T\(task)")], operation: "task-\(task)-\(index)")
                        ])
                    }
                }
            }
            try await group.waitForAll()
        }
        let trail = try await read(f)
        try expectEqual(trail.count, tasks * perTask, "entries recorded by \(tasks) tasks of \(perTask)")
        for task in 0..<tasks {
            try expectElements(
                trail.filter { $0.customers == [CustomerID("C-T\(task)")] }.map(\.operation),
                (0..<perTask).map { "task-\(task)-\($0)" },
                "entries of task \(task), in its order"
            )
        }
    }
}
