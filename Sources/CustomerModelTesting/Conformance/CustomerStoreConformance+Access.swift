import CustomerModel

extension CustomerStoreConformance {
    // MARK: Access control

    static func relationshipManagerCannotReadOthers(_ f: Fixture) async throws {
        try await f.seed()
        let rmB = World.relationshipManagerB
        for asked in [[World.clientA1], [World.clientB1, World.clientA1]] {
            try await f.expectRefusal(
                "RM-B reading \(asked)",
                by: rmB,
                naming: .covering([World.clientA1], bankWideAllowed: false)
            ) {
                try await f.store.profiles(asked, as: rmB)
            }
        }
        let own = try await call("RM-B reading C-B1") { try await f.store.profiles([World.clientB1], as: rmB) }
        try expectElements(own.map(\.profile.id), [World.clientB1], "RM-B reading its own client")
    }

    static func relationshipManagerCannotReadOthersRecords(_ f: Fixture) async throws {
        try await f.seed()
        try await call("upserting an account of C-A1") {
            try await f.store.upsert(accounts: [Samples.account("ACC-1", of: World.clientA1)], as: World.system)
        }
        try await call("upserting a holding of C-A1") {
            try await f.store.upsert(
                holdings: [Samples.holding("H-1", of: World.clientA1, maturity: 3)],
                as: World.system
            )
        }
        try await call("upserting relationships of C-A1") {
            try await f.store.upsert(relationships: relationshipSamples, as: World.system)
        }
        try await call("recording a referral by C-A1") {
            try await f.store.record(
                referrals: [Referral(referrer: World.clientA1, referred: World.clientA2, on: World.day(-1))],
                as: World.system
            )
        }
        let rmB = World.relationshipManagerB
        let reads: [(String, @Sendable () async throws -> Int)] = [
            ("accounts", { try await f.store.accounts(of: [World.clientA1], as: rmB).count }),
            ("holdings", { try await f.store.holdings(of: [World.clientA1], as: rmB).count }),
            ("relationships", { try await f.store.relationships(of: [World.clientA1], as: rmB).count }),
            ("referrals", { try await f.store.referrals(madeBy: [World.clientA1], as: rmB).count }),
        ]
        for (what, read) in reads {
            try await f.expectRefusal(
                "RM-B reading the \(what) of C-A1",
                by: rmB,
                naming: .covering([World.clientA1], bankWideAllowed: false)
            ) { try await read() }
        }
    }

    static func relationshipManagerCannotWriteOthers(_ f: Fixture) async throws {
        try await f.seed()
        let rmB = World.relationshipManagerB
        var a1 = World.profile(World.clientA1)
        a1.name = "Changed by RM-B"
        var b1 = World.profile(World.clientB1)
        b1.occupation = "changed by RM-B"
        try await f.expectRefusal(
            "RM-B updating C-A1",
            by: rmB,
            naming: .covering([World.clientA1], bankWideAllowed: false)
        ) {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: rmB)
        }
        try await expectStoreError(.forbidden, "RM-B updating its own C-B1 and C-A1 in one batch") {
            try await f.store.upsert(
                [ProfileChange(b1, expectedVersion: 1), ProfileChange(a1, expectedVersion: 1)],
                as: rmB
            )
        }
        try await expectStoreError(.forbidden, "RM-B creating a client covered by RM-A") {
            try await f.store.upsert([ProfileChange(World.profile("C-NEW-A"), expectedVersion: nil)], as: rmB)
        }
        try await expectStoreError(.forbidden, "RM-B upserting holdings of C-A1") {
            try await f.store.upsert(holdings: [Samples.holding("H-1", of: World.clientA1, maturity: 1)], as: rmB)
        }
        try await expectStoreError(.forbidden, "RM-B upserting accounts of C-A1") {
            try await f.store.upsert(accounts: [Samples.account("ACC-1", of: World.clientA1)], as: rmB)
        }
        try expectElements(
            try await f.stored([World.clientA1, World.clientB1, "C-NEW-A"]),
            [World.clientA1, World.clientB1].map { VersionedProfile(profile: World.profile($0), version: 1) },
            "profiles after RM-B's refused writes"
        )
        let held = try await call("reading the holdings of C-A1") {
            try await f.store.holdings(of: [World.clientA1], as: World.system)
        }
        try expectElements(held, [], "holdings after RM-B's refused write")
        let accounts = try await call("reading the accounts of C-A1") {
            try await f.store.accounts(of: [World.clientA1], as: World.system)
        }
        try expectElements(accounts, [], "accounts after RM-B's refused write")
    }

    static func relationshipManagerCannotTakeOverRecords(_ f: Fixture) async throws {
        try await f.seed()
        let account = Samples.account("ACC-B1", of: World.clientB1)
        let holding = Samples.holding("H-B1", of: World.clientB1, maturity: 5)
        let edge = Relationship(
            id: "R-B1",
            customer: World.clientB1,
            kind: .controls,
            party: RelatedParty(name: "Puxi Trading Ltd")
        )
        try await call("upserting C-B1's account") { try await f.store.upsert(accounts: [account], as: World.system) }
        try await call("upserting C-B1's holding") { try await f.store.upsert(holdings: [holding], as: World.system) }
        try await call("upserting C-B1's relationship") {
            try await f.store.upsert(relationships: [edge], as: World.system)
        }
        let rmA = World.relationshipManagerA
        var stolenAccount = account
        stolenAccount.customer = World.clientA1
        var stolenHolding = holding
        stolenHolding.customer = World.clientA1
        var stolenEdge = edge
        stolenEdge.customer = World.clientA1
        try await expectAnyError("RM-A upserting C-B1's account id ACC-B1 for its own C-A1") {
            try await f.store.upsert(accounts: [stolenAccount], as: rmA)
        }
        try await expectAnyError("RM-A upserting C-B1's holding id H-B1 for its own C-A1") {
            try await f.store.upsert(holdings: [stolenHolding], as: rmA)
        }
        try await expectAnyError("RM-A upserting C-B1's relationship id R-B1 for its own C-A1") {
            try await f.store.upsert(relationships: [stolenEdge], as: rmA)
        }
        let accounts = try await call("reading the accounts of C-B1") {
            try await f.store.accounts(of: [World.clientB1], as: World.system)
        }
        try expectElements(accounts, [account], "C-B1's accounts after RM-A's attempt")
        let holdings = try await call("reading the holdings of C-B1") {
            try await f.store.holdings(of: [World.clientB1], as: World.system)
        }
        try expectElements(holdings, [holding], "C-B1's holdings after RM-A's attempt")
        let edges = try await call("reading the relationships of C-B1") {
            try await f.store.relationships(of: [World.clientB1], as: World.system)
        }
        try expectElements(edges, [edge], "C-B1's relationships after RM-A's attempt")
    }

    static func serviceTeamMemberHasAccess(_ f: Fixture) async throws {
        try await f.seed()
        let expert = World.expert
        let read = try await call("EX-1 reading C-A2, whose service team it is on") {
            try await f.store.profiles([World.clientA2], as: expert)
        }
        try expectElements(read.map(\.profile.id), [World.clientA2], "profiles EX-1 reads")
        var a2 = World.profile(World.clientA2)
        a2.industry = "logistics"
        let version = try await call("EX-1 updating C-A2") {
            try await f.store.upsert([ProfileChange(a2, expectedVersion: 1)], as: expert)
        }
        try expectEqual(version, [2], "version after EX-1's update")
        try await expectStoreError(.forbidden, "EX-1 reading C-A1, which it does not serve") {
            try await f.store.profiles([World.clientA1], as: expert)
        }
    }

    static func branchHeadSeesSubtreeOnly(_ f: Fixture) async throws {
        try await f.seed()
        let shanghai = World.shanghaiHead
        let pudong = World.pudongHead
        let inShanghai = [World.clientA1, World.clientA2, World.clientB1, World.clientH1]
        let read = try await call("the Shanghai head reading its subtree's clients") {
            try await f.store.profiles(inShanghai, as: shanghai)
        }
        try expectElements(read.map(\.profile.id), inShanghai, "profiles the Shanghai head reads")
        try await expectStoreError(.forbidden, "the Shanghai head reading C-C1 in Beijing") {
            try await f.store.profiles([World.clientC1], as: shanghai)
        }
        let pudongRead = try await call("the Pudong head reading C-A1 and C-A2") {
            try await f.store.profiles([World.clientA1, World.clientA2], as: pudong)
        }
        try expectElements(
            pudongRead.map(\.profile.id),
            [World.clientA1, World.clientA2],
            "profiles the Pudong head reads"
        )
        try await f.expectRefusal(
            "the Pudong head reading C-B1 in the sibling branch Puxi",
            by: pudong,
            naming: .covering([World.clientB1], bankWideAllowed: false)
        ) {
            try await f.store.profiles([World.clientB1], as: pudong)
        }
        try await expectStoreError(.forbidden, "the Pudong head reading C-H1 in its parent branch") {
            try await f.store.profiles([World.clientH1], as: pudong)
        }
        let listed = try await call("the Pudong head listing every client") {
            try await f.store.customers(matching: .all, as: pudong)
        }
        try expectElements(listed, [World.clientA1, World.clientA2], "clients the Pudong head lists")
        let shanghaiListed = try await call("the Shanghai head listing every client") {
            try await f.store.customers(matching: .all, as: shanghai)
        }
        try expectElements(shanghaiListed, inShanghai, "clients the Shanghai head lists")
        var a1 = World.profile(World.clientA1)
        a1.occupation = "updated by the branch head"
        _ = try await call("the Pudong head updating C-A1") {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: pudong)
        }
        var b1 = World.profile(World.clientB1)
        b1.occupation = "updated by the wrong branch head"
        try await expectStoreError(.forbidden, "the Pudong head updating C-B1 in Puxi") {
            try await f.store.upsert([ProfileChange(b1, expectedVersion: 1)], as: pudong)
        }
    }

    static func auditorCannotWrite(_ f: Fixture) async throws {
        try await f.seed()
        let auditor = World.auditor
        let read = try await call("the auditor reading every client") {
            try await f.store.profiles(World.clients, as: auditor)
        }
        try expectElements(read.map(\.profile.id), World.clients, "profiles the auditor reads")
        var a1 = World.profile(World.clientA1)
        a1.name = "Changed by the auditor"
        try await f.expectRefusal(
            "the auditor updating C-A1",
            by: auditor,
            naming: .covering([World.clientA1], bankWideAllowed: false)
        ) {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: auditor)
        }
        try await expectStoreError(.forbidden, "the auditor creating a client") {
            try await f.store.upsert([ProfileChange(World.profile("C-NEW"), expectedVersion: nil)], as: auditor)
        }
        try await expectStoreError(.forbidden, "the auditor upserting holdings") {
            try await f.store.upsert(holdings: [Samples.holding("H-1", of: World.clientA1, maturity: 1)], as: auditor)
        }
        try await expectStoreError(.forbidden, "the auditor upserting accounts") {
            try await f.store.upsert(accounts: [Samples.account("ACC-1", of: World.clientA1)], as: auditor)
        }
        try await expectStoreError(.forbidden, "the auditor upserting relationships") {
            try await f.store.upsert(relationships: [relationshipSamples[1]], as: auditor)
        }
        try await expectStoreError(.forbidden, "the auditor recording referrals") {
            try await f.store.record(
                referrals: [Referral(referrer: World.clientA1, referred: World.clientB1, on: World.day(0))],
                as: auditor
            )
        }
        try expectEqual(
            try await f.stored(World.clientA1),
            VersionedProfile(profile: World.profile(World.clientA1), version: 1),
            "C-A1 after the auditor's refused writes"
        )
        try expectEqual(try await f.stored("C-NEW"), nil, "the client the auditor tried to create")
        let held = try await call("reading the holdings of C-A1") {
            try await f.store.holdings(of: [World.clientA1], as: World.system)
        }
        try expectElements(held, [], "holdings after the auditor's refused write")
        let edges = try await call("reading the relationships of C-A1") {
            try await f.store.relationships(of: [World.clientA1], as: World.system)
        }
        try expectElements(edges, [], "relationships after the auditor's refused write")
    }

    static func listingsLeaveOutOfScopeOut(_ f: Fixture) async throws {
        try await f.seed()
        let rmA = World.relationshipManagerA
        let cases: [(CustomerQuery, [CustomerID])] = [
            (.all, [World.clientA1, World.clientA2]),
            (.branch("SH", includingSubBranches: true), [World.clientA1, World.clientA2]),
            (.branch("SH-PX", includingSubBranches: false), []),
            (.relationshipManager("RM-B"), []),
            (.relationshipManager("RM-A"), [World.clientA1, World.clientA2]),
        ]
        for (query, expected) in cases {
            let listed = try await call("RM-A listing \(query)") {
                try await f.store.customers(matching: query, as: rmA)
            }
            try expectElements(listed, expected, "clients RM-A lists for \(query)")
        }
        _ = try await seedMaturities(f)
        let maturing = try await call("RM-A reading holdings maturing in the next 10 days") {
            try await f.store.holdings(maturingIn: World.days(0, 10), as: rmA)
        }
        try expectElements(maturing.map(\.id), ["H-00", "H-03a", "H-07"], "holdings maturing that RM-A sees")
        let pudong = try await call("the Pudong head reading holdings maturing in the next 10 days") {
            try await f.store.holdings(maturingIn: World.days(0, 10), as: World.pudongHead)
        }
        try expectElements(pudong.map(\.id), ["H-00", "H-03a", "H-07"], "holdings maturing that the Pudong head sees")
        let shanghai = try await call("the Shanghai head reading holdings maturing in the next 10 days") {
            try await f.store.holdings(maturingIn: World.days(0, 10), as: World.shanghaiHead)
        }
        try expectElements(
            shanghai.map(\.id),
            ["H-00", "H-03a", "H-03b", "H-07"],
            "holdings maturing that the Shanghai head sees"
        )
    }

    static func onlyHeadOfficeReplacesOrganisation(_ f: Fixture) async throws {
        try await f.seed()
        let smaller = Organisation(branches: [Branch(id: "HO", name: "Head office", parent: nil)])
        for principal in [World.relationshipManagerA, World.shanghaiHead, World.auditor] {
            try await f.expectRefusal(
                "\(principal) replacing the organisation",
                by: principal,
                naming: .covering([], bankWideAllowed: true)
            ) {
                try await f.store.replace(organisation: smaller, as: principal)
            }
        }
        let read = try await call("reading the organisation") { try await f.store.organisation() }
        try expectEqual(read, World.organisation, "the organisation after the refused replacements")
    }

    static func invalidOrganisationIsRejected(_ f: Fixture) async throws {
        try await f.seed()
        let cycle = Organisation(branches: [
            Branch(id: "HO", name: "Head office", parent: nil),
            Branch(id: "A", name: "A", parent: "B"), Branch(id: "B", name: "B", parent: "A"),
        ])
        try await expectStoreError(.invalid, "an organisation whose branches A and B are each other's parent") {
            try await f.store.replace(organisation: cycle, as: World.system)
        }
        let orphan = Organisation(branches: [Branch(id: "X", name: "X", parent: "NOWHERE")])
        try await expectStoreError(.invalid, "an organisation naming an unknown parent") {
            try await f.store.replace(organisation: orphan, as: World.system)
        }
        let read = try await call("reading the organisation") { try await f.store.organisation() }
        try expectEqual(read, World.organisation, "the organisation after the invalid replacements")
    }

    // MARK: Audit

    static func profileAccessIsAudited(_ f: Fixture) async throws {
        try await f.seed()
        let rmA = World.relationshipManagerA
        var mark = try await f.trail.mark()
        var now = f.tick()
        _ = try await call("RM-A reading C-A1 and C-A2") {
            try await f.store.profiles([World.clientA1, World.clientA2], as: rmA)
        }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's read of two profiles",
            action: .read,
            principal: rmA,
            clients: .exactly([World.clientA1, World.clientA2]),
            at: now
        )

        var a1 = World.profile(World.clientA1)
        a1.occupation = "audited"
        mark = try await f.trail.mark()
        now = f.tick()
        _ = try await call("RM-A updating C-A1") {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: rmA)
        }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's update of C-A1",
            action: .write,
            principal: rmA,
            clients: .exactly([World.clientA1]),
            at: now
        )

        mark = try await f.trail.mark()
        now = f.tick()
        _ = try await call("system updating C-A2 and creating C-NEW") {
            try await f.store.upsert(
                [
                    ProfileChange(World.profile("C-NEW"), expectedVersion: nil),
                    ProfileChange(Samples.corporateProfile.withID(World.clientA2), expectedVersion: 1),
                ],
                as: World.system
            )
        }
        try await f.trail.expectOne(
            since: mark,
            "a batch write of two profiles",
            action: .write,
            principal: World.system,
            clients: .exactly([World.clientA2, "C-NEW"]),
            at: now
        )
    }

    static func recordAccessIsAudited(_ f: Fixture) async throws {
        try await f.seed()
        let rmA = World.relationshipManagerA
        let a1: Set<CustomerID> = [World.clientA1]
        let writes: [(String, Set<CustomerID>, @Sendable () async throws -> Void)] = [
            (
                "upserting accounts", [World.clientA1, World.clientA2],
                {
                    try await f.store.upsert(
                        accounts: [
                            Samples.account("ACC-1", of: World.clientA1), Samples.account("ACC-2", of: World.clientA2),
                        ],
                        as: rmA
                    )
                }
            ),
            (
                "upserting holdings", a1,
                {
                    try await f.store.upsert(
                        holdings: [Samples.holding("H-1", of: World.clientA1, maturity: 2)],
                        as: rmA
                    )
                }
            ),
            (
                "upserting relationships", a1,
                {
                    try await f.store.upsert(relationships: [relationshipSamples[1]], as: rmA)
                }
            ),
            (
                "recording referrals", a1,
                {
                    try await f.store.record(
                        referrals: [Referral(referrer: World.clientA1, referred: World.clientA2, on: World.day(-1))],
                        as: rmA
                    )
                }
            ),
        ]
        for (what, clients, write) in writes {
            let mark = try await f.trail.mark()
            let now = f.tick()
            try await call("RM-A \(what)") { try await write() }
            try await f.trail.expectOne(
                since: mark,
                "RM-A \(what)",
                action: .write,
                principal: rmA,
                clients: .covering(clients, bankWideAllowed: false),
                at: now
            )
        }
        let reads: [(String, @Sendable () async throws -> Int)] = [
            ("reading accounts", { try await f.store.accounts(of: [World.clientA1], as: rmA).count }),
            ("reading holdings", { try await f.store.holdings(of: [World.clientA1], as: rmA).count }),
            ("reading relationships", { try await f.store.relationships(of: [World.clientA1], as: rmA).count }),
            ("reading referrals", { try await f.store.referrals(madeBy: [World.clientA1], as: rmA).count }),
        ]
        for (what, read) in reads {
            let mark = try await f.trail.mark()
            let now = f.tick()
            let count = try await call("RM-A \(what)") { try await read() }
            try expectTrue(count > 0, "RM-A \(what) of C-A1", expected: "at least one record", actual: "none")
            try await f.trail.expectOne(
                since: mark,
                "RM-A \(what)",
                action: .read,
                principal: rmA,
                clients: .covering(a1, bankWideAllowed: false),
                at: now
            )
        }
    }

    static func listingsAreAudited(_ f: Fixture) async throws {
        try await f.seed()
        let rmA = World.relationshipManagerA
        var mark = try await f.trail.mark()
        var now = f.tick()
        _ = try await call("RM-A listing every client") { try await f.store.customers(matching: .all, as: rmA) }
        try await f.trail.expectOne(
            since: mark,
            "RM-A's client listing",
            action: .read,
            principal: rmA,
            clients: .covering([World.clientA1, World.clientA2], bankWideAllowed: true),
            at: now
        )

        _ = try await seedMaturities(f)
        mark = try await f.trail.mark()
        now = f.tick()
        _ = try await call("head office reading holdings maturing in the next 5 days") {
            try await f.store.holdings(maturingIn: World.days(0, 5), as: World.headOffice)
        }
        try await f.trail.expectOne(
            since: mark,
            "the maturity scan",
            action: .read,
            principal: World.headOffice,
            clients: .covering([World.clientA1, World.clientB1], bankWideAllowed: true),
            at: now
        )

        mark = try await f.trail.mark()
        now = f.tick()
        try await call("head office replacing the organisation") {
            try await f.store.replace(organisation: World.organisation, as: World.headOffice)
        }
        try await f.trail.expectOne(
            since: mark,
            "the organisation change",
            action: .write,
            principal: World.headOffice,
            clients: .covering([], bankWideAllowed: true),
            at: now
        )
    }

    static func readFailsWithoutAudit(_ f: Fixture) async throws {
        try await f.seed()
        f.audit.isFailing = true
        defer { f.audit.isFailing = false }
        try await expectAnyError("reading C-A1 while the audit log is down") {
            try await f.store.profiles([World.clientA1], as: World.system)
        }
        try await expectAnyError("listing clients while the audit log is down") {
            try await f.store.customers(matching: .all, as: World.relationshipManagerA)
        }
        try await expectAnyError("reading holdings while the audit log is down") {
            try await f.store.holdings(of: [World.clientA1], as: World.system)
        }
    }

    static func writeFailsWithoutAudit(_ f: Fixture) async throws {
        try await f.seed()
        var a1 = World.profile(World.clientA1)
        a1.name = "Written without an audit entry"
        f.audit.isFailing = true
        try await expectAnyError("updating C-A1 while the audit log is down") {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: World.system)
        }
        try await expectAnyError("upserting a holding while the audit log is down") {
            try await f.store.upsert(
                holdings: [Samples.holding("H-1", of: World.clientA1, maturity: 1)],
                as: World.system
            )
        }
        f.audit.isFailing = false
        try expectEqual(
            try await f.stored(World.clientA1),
            VersionedProfile(profile: World.profile(World.clientA1), version: 1),
            "C-A1 after an update the store could not audit"
        )
        let held = try await call("reading the holdings of C-A1") {
            try await f.store.holdings(of: [World.clientA1], as: World.system)
        }
        try expectElements(held, [], "holdings after an upsert the store could not audit")
    }

    // MARK: Concurrency

    static func concurrentWritersLoseNoUpdate(_ f: Fixture) async throws {
        try await f.seed()
        let writers = 50
        let store = f.store
        let won = try await withThrowingTaskGroup(of: Int64.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for _ in 0..<10_000 {
                        guard let current = try await store.profiles([World.clientA1], as: World.system).first else {
                            throw ConformanceFailure(
                                subject: "writer \(writer) reading C-A1",
                                expected: "the profile",
                                actual: "nothing"
                            )
                        }
                        var profile = current.profile
                        profile.tags.append(
                            Tag(name: "writer-\(writer)", source: .rule("conformance"), setAt: World.start)
                        )
                        do {
                            return try await store.upsert(
                                [ProfileChange(profile, expectedVersion: current.version)],
                                as: World.system
                            ).first ?? -1
                        } catch let error as StoreError where error.code == .conflict {
                            await Task.yield()
                        }
                    }
                    throw ConformanceFailure(
                        subject: "writer \(writer)'s retries",
                        expected: "a successful write within 10,000 attempts",
                        actual: "conflicts every time"
                    )
                }
            }
            var versions: [Int64] = []
            for try await version in group { versions.append(version) }
            return versions
        }
        try expectElements(
            won.sorted(),
            Array(Int64(2)...Int64(writers + 1)),
            "versions won by the \(writers) writers (each version exactly once)"
        )
        let final = try await f.stored(World.clientA1)
        try expectEqual(final?.version, Int64(writers + 1), "the final version (1 create + \(writers) updates)")
        let tags = Set(final?.profile.tags.map(\.name) ?? [])
        let missing = (0..<writers).map { "writer-\($0)" }.filter { !tags.contains($0) }
        try expectEqual(missing, [], "writers whose update was lost")
    }

    static func concurrentCreatorsOneWins(_ f: Fixture) async throws {
        try await f.seed()
        let store = f.store
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for creator in 0..<20 {
                group.addTask {
                    var profile = World.profile("C-RACE")
                    profile.name = "Creator \(creator)"
                    do {
                        _ = try await store.upsert([ProfileChange(profile, expectedVersion: nil)], as: World.system)
                        return (creator, true)
                    } catch let error as StoreError where error.code == .conflict {
                        return (creator, false)
                    }
                }
            }
            var results: [(Int, Bool)] = []
            for try await result in group { results.append(result) }
            return results
        }
        let winners = outcomes.filter(\.1).map(\.0)
        try expectEqual(winners.count, 1, "creators that succeeded")
        let stored = try await f.stored("C-RACE")
        try expectEqual(stored?.version, 1, "the raced client's version")
        try expectEqual(stored?.profile.name, winners.first.map { "Creator \($0)" }, "the raced client's name")
    }
}

extension CustomerProfile {
    /// The same profile under another identifier.
    func withID(_ id: CustomerID) -> CustomerProfile {
        var copy = self
        copy.id = id
        return copy
    }
}
