import CustomerModel
import CustomerModelTesting
import Segmentation
import Testing
import ValueModel
import ValueModelTesting

/// The gate's own conformance: every gated operation, for every role and every ownership case,
/// is allowed, refused or answered as not found exactly as the default policy says, and every
/// allowed and refused call leaves one audit entry; a failing audit log fails every call and
/// stores nothing; an operation without a policy row is refused.
struct AccessGateTests {
    /// Who calls, relative to RM-A's client C-A1 in Pudong.
    enum Caller: String, CaseIterable, Sendable {
        case relationshipManager, branchHead, headOffice, auditor, system

        var principal: Principal {
            switch self {
            case .relationshipManager: ConformanceWorld.relationshipManagerA
            case .branchHead: ConformanceWorld.pudongHead
            case .headOffice: ConformanceWorld.headOffice
            case .auditor: ConformanceWorld.auditor
            case .system: ConformanceWorld.system
            }
        }
    }

    /// Which client the call names, seen from RM-A (and the head of Pudong).
    enum Ownership: String, CaseIterable, Sendable {
        /// C-A1: RM-A's own client, booked in Pudong.
        case own
        /// C-D1: RM-D's client, also booked in Pudong.
        case sameBranchOtherRM
        /// C-C1: RM-C's client in Beijing.
        case otherBranch
        /// An id no one knows.
        case unknown

        var client: CustomerID {
            switch self {
            case .own: ConformanceWorld.clientA1
            case .sameBranchOtherRM: "C-D1"
            case .otherBranch: ConformanceWorld.clientC1
            case .unknown: "C-NOBODY"
            }
        }
    }

    enum Outcome: Equatable, CustomStringConvertible {
        case allowed, denied, notFound
        var description: String {
            switch self {
            case .allowed: "allowed"
            case .denied: "forbidden"
            case .notFound: "not found"
            }
        }
    }

    /// Operations that name no client: allowed to every caller with a read scope, filtered by it.
    static let listings: Set<AccessOperation> = [.customers, .holdingsMaturing, .scanTransactions, .exportTransactions]

    /// The default policy as a table (what the gate must do), written out rather than derived from the gate.
    static func expected(_ operation: AccessOperation, _ caller: Caller, _ ownership: Ownership) -> Outcome {
        switch operation {
        case .replaceOrganisation: return [.headOffice, .system].contains(caller) ? .allowed : .denied
        case .auditTrail: return [.auditor, .headOffice, .system].contains(caller) ? .allowed : .denied
        default: break
        }
        if listings.contains(operation) { return .allowed }
        let isWrite = OperationRow.defaults[operation]?.kind == .write
        var ownership = ownership
        if ownership == .unknown {
            // Creating a client is a write of its new coverage (RM-A in Pudong, as the probe does).
            if operation == .upsert {
                ownership = .own
            } else {
                return isWrite ? .notFound : .allowed
            }
        }
        switch caller {
        case .headOffice, .system: return .allowed
        case .auditor: return isWrite ? .denied : .allowed
        case .relationshipManager: return ownership == .own ? .allowed : .denied
        case .branchHead: return ownership == .otherBranch ? .denied : .allowed
        }
    }

    // MARK: The world

    /// The conformance world plus RM-D, a second RM in Pudong, and C-D1, RM-D's client, behind one gate.
    struct World: Sendable {
        let audit = SwitchableAuditLog(wrapping: InMemoryAuditLog())
        let clock = ManualClock(start: ConformanceWorld.start)
        let customerStore = InMemoryCustomerStore()
        let activityStore = InMemoryActivityStore()
        let historyStore = InMemoryScoreHistoryStore()
        let segmentationStore = InMemorySegmentationStore()
        let gate: AccessGate
        let customers: GatedCustomerStore
        let activity: GatedActivityStore
        let history: GatedScoreHistoryStore
        let segmentation: GatedSegmentationStore
        let trail: GatedAuditLog

        static let model = ScoreModelVersion(id: "cvm", version: "1")
        static let day = ConformanceWorld.today
        static let clients = ConformanceWorld.clients + ["C-D1", "C-NOBODY"]

        init(policy: AccessPolicy = .default) {
            gate = AccessGate(directory: customerStore, audit: audit, clock: clock, policy: policy)
            customers = gate.customers(customerStore)
            activity = gate.activity(activityStore)
            history = gate.scoreHistory(historyStore)
            segmentation = gate.segmentation(segmentationStore)
            trail = gate.auditTrail(audit)
        }

        static func seeded() async throws -> World {
            let world = World()
            let base = ConformanceWorld.organisation
            let organisation = Organisation(
                branches: base.branches,
                staff: base.staff + [
                    StaffMember(id: "RM-D", name: "Ma Li", branch: "SH-PD", level: .relationshipManager)
                ]
            )
            try await world.customers.replace(organisation: organisation, as: ConformanceWorld.system)
            let d1 = CustomerProfile(
                id: "C-D1",
                kind: .individual,
                name: "Du Lan",
                coverage: Coverage(relationshipManager: "RM-D", branch: "SH-PD")
            )
            _ = try await world.customers.upsert(
                (ConformanceWorld.profiles + [d1]).map { ProfileChange($0, expectedVersion: nil) },
                as: ConformanceWorld.system
            )
            return world
        }

        /// Every audit entry so far, read past the gate.
        func entries() async throws -> [AuditRecord] {
            try await audit.entries(
                concerning: nil,
                in: Instant(millisecondsSinceEpoch: 0)...Instant(millisecondsSinceEpoch: .max),
                scope: .everyClient
            )
        }

        /// Everything stored about every client, read from the storage ports past the gate.
        func snapshot() async throws -> String {
            let all = Self.clients
            let days = Self.day.adding(days: -30)...Self.day.adding(days: 30)
            var parts: [String] = []
            parts.append("\(try await customerStore.profiles(all, in: .everyClient))")
            parts.append("\(try await customerStore.accounts(of: all, in: .everyClient))")
            parts.append("\(try await customerStore.holdings(of: all, in: .everyClient))")
            parts.append("\(try await customerStore.relationships(of: all, in: .everyClient))")
            parts.append("\(try await customerStore.referrals(madeBy: all, in: .everyClient))")
            parts.append("\(try await customerStore.organisation())")
            parts.append("\(try await segmentationStore.states(of: all, scope: .everyClient))")
            for client in all {
                parts.append("\(try await activityStore.transactions(of: client, in: days, scope: .everyClient))")
                parts.append("\(try await activityStore.interactions(of: client, in: days, scope: .everyClient))")
                parts.append("\(try await activityStore.balances(of: client, in: days, scope: .everyClient))")
                parts.append("\(try await historyStore.series(of: client, in: days, model: nil, scope: .everyClient))")
                parts.append("\(try await segmentationStore.history(of: client, in: days, scope: .everyClient))")
            }
            return parts.joined(separator: "\n")
        }
    }

    // MARK: Probes: one gated call per operation, naming the client

    typealias Probe = @Sendable (World, Principal, CustomerID) async throws -> Void

    static let days = World.day.adding(days: -10)...World.day.adding(days: 10)

    static let probes: [AccessOperation: Probe] = [
        .profiles: { w, p, c in _ = try await w.customers.profiles([c], as: p) },
        .upsert: { w, p, c in
            let stored = try await w.customerStore.profiles([c], in: .everyClient).first
            var profile =
                stored?.profile
                ?? CustomerProfile(
                    id: c,
                    kind: .individual,
                    name: "New",
                    coverage: Coverage(relationshipManager: "RM-A", branch: "SH-PD")
                )
            profile.name += " (renamed)"
            _ = try await w.customers.upsert([ProfileChange(profile, expectedVersion: stored?.version)], as: p)
        },
        .customers: { w, p, _ in _ = try await w.customers.customers(matching: .all, as: p) },
        .upsertAccounts: { w, p, c in
            try await w.customers.upsert(
                accounts: [
                    Account(id: "ACC-G", customer: c, product: .demandDeposit, currency: .cny, openedOn: World.day)
                ],
                as: p
            )
        },
        .upsertHoldings: { w, p, c in
            try await w.customers.upsert(
                holdings: [
                    Holding(
                        id: "H-G",
                        customer: c,
                        product: .timeDeposit,
                        productCode: "TD",
                        balance: Money(major: 1, currency: .cny),
                        openedOn: World.day,
                        maturesOn: World.day.adding(days: 5)
                    )
                ],
                as: p
            )
        },
        .upsertRelationships: { w, p, c in
            try await w.customers.upsert(
                relationships: [
                    Relationship(id: "R-G", customer: c, kind: .spouse, party: RelatedParty(name: "Spouse"))
                ],
                as: p
            )
        },
        .recordReferrals: { w, p, c in
            try await w.customers.record(
                referrals: [Referral(referrer: c, referred: c == "C-H1" ? "C-B1" : "C-H1", on: World.day)],
                as: p
            )
        },
        .accounts: { w, p, c in _ = try await w.customers.accounts(of: [c], as: p) },
        .holdings: { w, p, c in _ = try await w.customers.holdings(of: [c], as: p) },
        .holdingsMaturing: { w, p, _ in _ = try await w.customers.holdings(maturingIn: days, as: p) },
        .relationships: { w, p, c in _ = try await w.customers.relationships(of: [c], as: p) },
        .referrals: { w, p, c in _ = try await w.customers.referrals(madeBy: [c], as: p) },
        .replaceOrganisation: { w, p, _ in
            try await w.customers.replace(organisation: try await w.customers.organisation(), as: p)
        },
        .appendTransactions: { w, p, c in
            _ = try await w.activity.append(
                transactions: [
                    Transaction(
                        id: "T-G",
                        customer: c,
                        day: World.day,
                        secondOfDay: 0,
                        type: .deposit,
                        direction: .inflow,
                        amount: Money(minorUnits: 100, currency: .cny),
                        channel: .branch
                    )
                ],
                as: p
            )
        },
        .appendInteractions: { w, p, c in
            _ = try await w.activity.append(
                interactions: [
                    Interaction(
                        id: "I-G",
                        customer: c,
                        at: ConformanceWorld.start,
                        day: World.day,
                        channel: .call,
                        staff: nil,
                        detail: .contact(notes: nil)
                    )
                ],
                as: p
            )
        },
        .appendBalances: { w, p, c in
            let amount = Money(minorUnits: 100, currency: .cny)
            let zero = Money(minorUnits: 0, currency: .cny)
            _ = try await w.activity.append(
                balances: [
                    BalanceSnapshot(
                        customer: c,
                        day: World.day,
                        aum: amount,
                        deposits: amount,
                        investments: zero,
                        liabilities: zero
                    )
                ],
                as: p
            )
        },
        .transactions: { w, p, c in _ = try await w.activity.transactions(of: c, in: days, as: p) },
        .interactions: { w, p, c in _ = try await w.activity.interactions(of: c, in: days, as: p) },
        .balances: { w, p, c in _ = try await w.activity.balances(of: c, in: days, as: p) },
        .scanTransactions: { w, p, _ in
            _ = try await w.activity.scanTransactions(in: days, after: nil, limit: 10, as: p)
        },
        .exportTransactions: { w, p, _ in _ = try await w.activity.exportTransactions(in: nil, as: p) },
        .auditTrail: { w, p, c in
            _ = try await w.trail.entries(concerning: c, in: ConformanceWorld.start...ConformanceWorld.start, as: p)
        },
        .recordScores: { w, p, c in
            try await w.history.record(
                [
                    ScoreRecord(
                        customer: c,
                        day: World.day,
                        model: World.model,
                        total: 50,
                        aum: Money(major: 1, currency: .cny)
                    )
                ],
                as: p
            )
        },
        .scoreSeries: { w, p, c in _ = try await w.history.series(of: c, in: days, model: nil, as: p) },
        .scoresAsOf: { w, p, c in _ = try await w.history.scores(of: [c], asOf: World.day, model: World.model, as: p) },
        .scoreTrends: { w, p, c in _ = try await w.history.trends(of: [c], model: World.model, over: days, as: p) },
        .recordTierChanges: { w, p, c in
            let read = try await w.segmentationStore.states(of: [c], scope: .everyClient).first
            let state = read ?? ClientTierState(client: c, ladder: "individual-vip", tier: "gold", since: World.day)
            let event = TierEvent(
                id: "\(c)/gate/\(state.version)",
                client: c,
                day: World.day,
                kind: .assigned,
                ladder: "individual-vip",
                from: nil,
                to: "gold",
                reason: "gate probe",
                cause: p.description,
                policy: PolicyVersion(name: "vip", version: 1)
            )
            try await w.segmentation.commit(SegmentationBatch(events: [event], states: [state]), as: p)
        },
        .tierStates: { w, p, c in _ = try await w.segmentation.states(of: [c], as: p) },
        .tierHistory: { w, p, c in _ = try await w.segmentation.history(of: c, in: days, as: p) },
        .tiersAsOf: { w, p, c in _ = try await w.segmentation.tiers(asOf: World.day, of: [c], as: p) },
    ]

    // MARK: Checks

    @Test func everyOperationHasAPolicyRow() {
        let missing = AccessOperation.allCases.filter { AccessPolicy.default.row(of: $0) == nil }
        #expect(missing.isEmpty, "operations without a policy row: \(missing)")
        #expect(Set(OperationRow.defaults.keys) == Set(AccessOperation.allCases))
    }

    @Test func everyOperationHasAProbeHere() {
        let missing = AccessOperation.allCases.filter { Self.probes[$0] == nil }
        #expect(missing.isEmpty, "operations the gate tests do not call: \(missing)")
    }

    /// Every role x every ownership case for one operation: the outcome, and the one audit entry.
    @Test(arguments: AccessOperation.allCases)
    func everyRoleAndOwnershipCase(_ operation: AccessOperation) async throws {
        let probe = try #require(Self.probes[operation])
        let row = try #require(OperationRow.defaults[operation])
        for caller in Caller.allCases {
            for ownership in Ownership.allCases {
                let world = try await World.seeded()
                let mark = try await world.entries().count
                let before = try await world.snapshot()
                world.clock.advance(bySeconds: 60)
                let outcome: Outcome
                do {
                    try await probe(world, caller.principal, ownership.client)
                    outcome = .allowed
                } catch let error as StoreError where error.code == .forbidden {
                    outcome = .denied
                } catch let error as StoreError where error.code == .notFound {
                    outcome = .notFound
                }
                let expected = Self.expected(operation, caller, ownership)
                let cell = "\(operation.rawValue) by \(caller.rawValue) on \(ownership.rawValue) (\(ownership.client))"
                #expect(outcome == expected, "\(cell): \(outcome), expected \(expected)")
                let fresh = Array(try await world.entries().dropFirst(mark))
                switch expected {
                case .allowed:
                    #expect(fresh.count == 1, "\(cell): audit entries \(fresh.map(\.operation))")
                    #expect(fresh.first?.action == row.kind.auditAction, "\(cell)")
                case .denied:
                    #expect(fresh.count == 1, "\(cell): audit entries \(fresh.map(\.operation))")
                    #expect(fresh.first?.action == .denied, "\(cell)")
                    #expect(try await world.snapshot() == before, "\(cell): a refused call changed the stores")
                case .notFound:
                    #expect(fresh.isEmpty, "\(cell): audit entries \(fresh.map(\.operation))")
                    #expect(try await world.snapshot() == before, "\(cell): a refused call changed the stores")
                }
                if let entry = fresh.first {
                    #expect(entry.operation == operation.rawValue, "\(cell)")
                    #expect(entry.principal == caller.principal, "\(cell)")
                    #expect(entry.at == world.clock.now, "\(cell): audited at the gate's clock")
                    #expect(entry.fields == row.fields, "\(cell)")
                }
            }
        }
    }

    /// With the audit log down, every operation fails, for an allowed caller as for a refused one,
    /// and nothing reaches any store.
    @Test(arguments: AccessOperation.allCases)
    func aFailingAuditLogFailsTheCallAndStoresNothing(_ operation: AccessOperation) async throws {
        let probe = try #require(Self.probes[operation])
        for caller in [Caller.system, .relationshipManager] {
            let world = try await World.seeded()
            let before = try await world.snapshot()
            world.audit.isFailing = true
            await #expect(
                throws: StoreError.self,
                "\(operation.rawValue) by \(caller.rawValue) with the audit log down"
            ) {
                try await probe(world, caller.principal, Ownership.otherBranch.client)
            }
            world.audit.isFailing = false
            #expect(
                try await world.snapshot() == before,
                "\(operation.rawValue) by \(caller.rawValue) changed the stores"
            )
        }
    }

    @Test func anOperationWithoutARowIsRefusedToEveryone() async throws {
        var rows = OperationRow.defaults
        rows[.profiles] = nil
        let world = World(policy: AccessPolicy(rows: rows) { _, _, _ in .everyClient })
        await #expect(throws: StoreError.self) {
            try await world.customers.profiles([ConformanceWorld.clientA1], as: ConformanceWorld.system)
        }
        #expect(try await world.entries().map(\.action) == [.denied])
    }

    @Test func aBranchHeadWithoutABranchSeesNothing() async throws {
        let world = try await World.seeded()
        let lost = Principal(id: "BH-X", role: .branchHead, branch: nil, purpose: "test")
        let error = try await #require(throws: StoreError.self) {
            try await world.customers.customers(matching: .all, as: lost)
        }
        #expect(error.code == .forbidden)
    }

    @Test func scopesResolveAsTheDefaultTableSays() {
        let organisation = ConformanceWorld.organisation
        let policy = AccessPolicy.default
        #expect(policy.scope(for: ConformanceWorld.system, .write, in: organisation).isEveryClient)
        #expect(policy.scope(for: ConformanceWorld.auditor, .read, in: organisation).isEveryClient)
        #expect(policy.scope(for: ConformanceWorld.auditor, .write, in: organisation).isEmpty)
        #expect(
            policy.scope(for: ConformanceWorld.relationshipManagerA, .read, in: organisation) == .covered(by: ["RM-A"])
        )
        #expect(
            policy.scope(for: ConformanceWorld.shanghaiHead, .read, in: organisation)
                == .covered(by: [], orBookedIn: ["SH", "SH-PD", "SH-PX"])
        )
    }
}
