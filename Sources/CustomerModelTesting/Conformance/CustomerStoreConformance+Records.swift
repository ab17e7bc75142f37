import CustomerModel

/// Sample records with every field set, shared by the store kits.
enum Samples {
    typealias World = ConformanceWorld

    /// A corporate client with every field of the profile set, corporate attributes and tags included.
    static var corporateProfile: CustomerProfile {
        CustomerProfile(
            id: "C-FULL-CORP",
            kind: .corporate,
            name: "Everfield Holdings Co., Ltd. 恒田控股",
            coverage: Coverage(relationshipManager: "RM-A", branch: "SH-PD", serviceTeam: ["EX-1", "RM-B"]),
            sourceIdentities: [
                SourceIdentity(system: .coreBanking, localID: "0001234"),
                SourceIdentity(system: .wealth, localID: "W-99"),
            ],
            nationalID: "91310000MA1FL0000X",
            birthDate: World.day(-4_000),
            maritalStatus: .married,
            weddingDate: World.day(-3_000),
            children: [
                Child(name: "Little Tian", birthDate: World.day(-7_000), educationStage: .overseasStudy), Child(),
            ],
            occupation: "manufacturing",
            position: .founder,
            industry: "advanced manufacturing",
            contacts: ContactPoint.Kind.allCases.map {
                ContactPoint(kind: $0, value: "corp-\($0.rawValue)-contact", isPrimary: $0 == .mobile)
            },
            consents: Consent.Purpose.allCases.enumerated().map { index, purpose in
                Consent(purpose: purpose, isGranted: index % 2 == 0, recordedAt: World.instant(day: -index, second: 61))
            },
            riskAppetite: .growth,
            creditRating: .bbb,
            kyc: KYCStatus(state: .enhancedDueDiligence, reviewedOn: World.day(-30), nextReviewOn: World.day(335)),
            onboardedOn: World.day(-800),
            corporate: CorporateAttributes(
                registrationID: "91310000MA1FL0000X",
                annualRevenue: Money(major: 1_200_000_000, currency: .cny),
                totalAssets: Money(minorUnits: 987_654_321_01, currency: .usd),
                profitContribution: Money(minorUnits: 12_345_67, currency: .hkd),
                industryRank: 3,
                growthPotential: 5,
                innovationCapacity: 4,
                productBreadth: 7,
                yearsOfCooperation: 12,
                operatingStability: 1,
                strategicFit: 5,
                esgRating: 2,
                region: "Yangtze River Delta",
                ownership: .privatelyOwned,
                lifecycleStage: .transformation
            ),
            tags: [
                Tag(
                    name: "strategic",
                    category: .asset,
                    source: .rule("tier-policy"),
                    setAt: World.instant(day: -3, second: 3_600),
                    expiresOn: World.day(90)
                ),
                Tag(
                    name: "esg-watch",
                    category: .riskPreference,
                    source: .staff("RM-A"),
                    setAt: World.instant(day: -2)
                ),
                Tag(
                    name: "imported",
                    category: .other,
                    source: .system(.crm),
                    setAt: World.instant(day: -1, second: 1),
                    expiresOn: World.day(-1)
                ),
            ]
        )
    }

    /// An individual client with every field an individual can carry.
    static var individualProfile: CustomerProfile {
        CustomerProfile(
            id: "C-FULL-PERSON",
            kind: .individual,
            name: "林小雨 Lin Xiaoyu",
            coverage: Coverage(relationshipManager: "RM-B", branch: "SH-PX", serviceTeam: ["EX-1"]),
            sourceIdentities: [SourceIdentity(system: .creditCard, localID: "6222-0001")],
            nationalID: "310101199001011234",
            birthDate: World.day(-13_100),
            maritalStatus: .widowed,
            weddingDate: World.day(-5_000),
            children: [
                Child(name: "Xiao Ming", birthDate: World.day(-3_650), educationStage: .primary),
                Child(name: nil, birthDate: World.day(-400), educationStage: nil),
            ],
            occupation: "physician",
            position: .professional,
            industry: "healthcare",
            contacts: [
                ContactPoint(kind: .mobile, value: "+86 138 0000 0000", isPrimary: true),
                ContactPoint(kind: .mobile, value: "+86 139 0000 0000"),
                ContactPoint(kind: .email, value: "lin@example.com", isPrimary: true),
            ],
            consents: [
                Consent(purpose: .service, isGranted: true, recordedAt: World.instant(day: -100)),
                Consent(purpose: .marketing, isGranted: true, recordedAt: World.instant(day: -100)),
                Consent(purpose: .marketing, isGranted: false, recordedAt: World.instant(day: -10, second: 7)),
            ],
            riskAppetite: .conservative,
            creditRating: .aaa,
            kyc: KYCStatus(state: .reviewDue, reviewedOn: World.day(-700), nextReviewOn: nil),
            onboardedOn: World.day(-2_000),
            corporate: nil,
            tags: [
                Tag(name: "high-net-worth", category: .asset, source: .rule("aum-band"), setAt: World.instant(day: -5)),
                Tag(
                    name: "frequent-flyer",
                    category: .behaviour,
                    source: .system(.creditCard),
                    setAt: World.instant(day: -4),
                    expiresOn: World.day(30)
                ),
            ]
        )
    }

    /// A holding of `customer` in `product`, opened 100 days ago, maturing `maturity` days from today.
    static func holding(
        _ id: HoldingID,
        of customer: CustomerID,
        maturity: Int?,
        product: ProductType = .timeDeposit,
        renewal: RenewalOutcome? = nil,
        balance: Int64 = 1_000_000_00
    ) -> Holding {
        Holding(
            id: id,
            customer: customer,
            account: AccountID("ACC-\(customer)"),
            product: product,
            productCode: "TD-\(id)",
            balance: Money(minorUnits: balance, currency: .cny),
            openedOn: World.day(-100),
            maturesOn: maturity.map { World.day($0) },
            renewal: renewal,
            rateBasisPoints: 215,
            sourceSystem: .wealth
        )
    }

    /// An account with every field set.
    static func account(_ id: AccountID, of customer: CustomerID, status: Account.Status = .open) -> Account {
        Account(
            id: id,
            customer: customer,
            product: .demandDeposit,
            currency: .usd,
            openedOn: World.day(-500),
            closedOn: status == .closed ? World.day(-5) : nil,
            status: status,
            sourceSystem: .coreBanking
        )
    }
}

extension CustomerStoreConformance {
    typealias World = ConformanceWorld

    // MARK: Round trips

    static func corporateProfileRoundTrips(_ f: Fixture) async throws {
        try await f.seed()
        let profile = Samples.corporateProfile
        let versions = try await call("creating the corporate profile") {
            try await f.store.upsert([ProfileChange(profile, expectedVersion: nil)], as: World.system)
        }
        try expectEqual(versions, [1], "versions returned by the first write")
        try expectEqual(
            try await f.stored(profile.id),
            VersionedProfile(profile: profile, version: 1),
            "the corporate profile read back"
        )
    }

    static func individualProfileRoundTrips(_ f: Fixture) async throws {
        try await f.seed()
        let profile = Samples.individualProfile
        _ = try await call("creating the individual profile") {
            try await f.store.upsert([ProfileChange(profile, expectedVersion: nil)], as: World.system)
        }
        try expectEqual(
            try await f.stored(profile.id),
            VersionedProfile(profile: profile, version: 1),
            "the individual profile read back"
        )
    }

    static func profilesComeBackInOrderAsked(_ f: Fixture) async throws {
        try await f.seed()
        let asked: [CustomerID] = [World.clientH1, "C-UNKNOWN", World.clientA1, World.clientC1, "C-NONE"]
        let found = try await f.stored(asked)
        try expectElements(
            found.map(\.profile.id),
            [World.clientH1, World.clientA1, World.clientC1],
            "ids of the profiles returned"
        )
        try expectElements(
            found.map(\.profile),
            [World.clientH1, World.clientA1, World.clientC1].map(World.profile),
            "the profiles returned"
        )
    }

    static func accountsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let accounts = [
            Samples.account("ACC-3", of: World.clientA1, status: .closed),
            Samples.account("ACC-1", of: World.clientA2, status: .frozen),
            Samples.account("ACC-2", of: World.clientA1),
            Account(
                id: "ACC-0",
                customer: World.clientB1,
                product: .creditCard,
                currency: .cny,
                openedOn: World.day(-1),
                sourceSystem: .creditCard
            ),
        ]
        try await call("upserting four accounts") { try await f.store.upsert(accounts: accounts, as: World.system) }
        let read = try await call("reading the accounts of three clients") {
            try await f.store.accounts(of: [World.clientA1, World.clientA2, World.clientB1], as: World.system)
        }
        try expectElements(read, accounts.sorted { $0.id < $1.id }, "accounts read back")
        let one = try await call("reading the accounts of C-A1") {
            try await f.store.accounts(of: [World.clientA1], as: World.system)
        }
        try expectElements(one.map(\.id), ["ACC-2", "ACC-3"], "accounts of C-A1 only")
    }

    static func accountIsReplaced(_ f: Fixture) async throws {
        try await f.seed()
        try await call("upserting an open account") {
            try await f.store.upsert(accounts: [Samples.account("ACC-1", of: World.clientA1)], as: World.system)
        }
        let closed = Samples.account("ACC-1", of: World.clientA1, status: .closed)
        try await call("upserting it again, closed") {
            try await f.store.upsert(accounts: [closed], as: World.system)
        }
        let read = try await call("reading the accounts") {
            try await f.store.accounts(of: [World.clientA1], as: World.system)
        }
        try expectElements(read, [closed], "accounts after the replacement")
    }

    static func holdingsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let holdings = [
            Samples.holding("H-4", of: World.clientA1, maturity: -10, renewal: .movedOut),
            Samples.holding("H-1", of: World.clientA1, maturity: -20, renewal: .renewed),
            Samples.holding(
                "H-3",
                of: World.clientA2,
                maturity: -5,
                renewal: .partlyRenewed(amount: Money(minorUnits: 400_000_00, currency: .cny))
            ),
            Samples.holding("H-2", of: World.clientA1, maturity: 30, product: .wealthManagement, renewal: nil),
            Holding(
                id: "H-0",
                customer: World.clientA2,
                product: .loan,
                productCode: "LN-7",
                balance: Money(major: 5_000_000, currency: .hkd),
                openedOn: World.day(-1)
            ),
        ]
        try await call("upserting five holdings") { try await f.store.upsert(holdings: holdings, as: World.system) }
        let read = try await call("reading the holdings of C-A1 and C-A2") {
            try await f.store.holdings(of: [World.clientA1, World.clientA2], as: World.system)
        }
        try expectElements(read, holdings.sorted { $0.id < $1.id }, "holdings read back")
    }

    static var relationshipSamples: [Relationship] {
        [
            Relationship(
                id: "R-2",
                customer: World.clientA1,
                kind: .spouse,
                party: RelatedParty(customer: World.clientB1, name: "Bo Qian", birthDate: World.day(-12_000)),
                anniversary: World.day(-3_000)
            ),
            Relationship(
                id: "R-1",
                customer: World.clientA1,
                kind: .controls,
                party: RelatedParty(name: "Acme Trading Ltd", registrationID: "9131-ACME"),
                shareBasisPoints: 5_100
            ),
            Relationship(
                id: "R-3",
                customer: World.clientC1,
                kind: .shareholder,
                party: RelatedParty(customer: World.clientA2, name: "Acme Trading Ltd", registrationID: "9131-ACME"),
                shareBasisPoints: 250
            ),
        ]
    }

    static func relationshipsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let edges = relationshipSamples
        try await call("upserting three relationship edges") {
            try await f.store.upsert(relationships: edges, as: World.system)
        }
        let read = try await call("reading the relationships of C-A1 and C-C1") {
            try await f.store.relationships(of: [World.clientA1, World.clientC1], as: World.system)
        }
        try expectElements(read, edges.sorted { $0.id < $1.id }, "relationship edges read back")
    }

    static func relationshipFoundFromBothEnds(_ f: Fixture) async throws {
        try await f.seed()
        let edges = relationshipSamples
        try await call("upserting three relationship edges") {
            try await f.store.upsert(relationships: edges, as: World.system)
        }
        let fromParty = try await call("reading the relationships of C-B1 (the party end)") {
            try await f.store.relationships(of: [World.clientB1], as: World.system)
        }
        try expectElements(fromParty.map(\.id), ["R-2"], "edges found from the party C-B1")
        let fromEnterprise = try await call("reading the relationships of C-A2 (the party end)") {
            try await f.store.relationships(of: [World.clientA2], as: World.system)
        }
        try expectElements(fromEnterprise.map(\.id), ["R-3"], "edges found from the party C-A2")
        let fromStart = try await call("reading the relationships of C-A1 (the starting end)") {
            try await f.store.relationships(of: [World.clientA1], as: World.system)
        }
        try expectElements(fromStart.map(\.id), ["R-1", "R-2"], "edges found from C-A1")
        let none = try await call("reading the relationships of C-H1") {
            try await f.store.relationships(of: [World.clientH1], as: World.system)
        }
        try expectElements(none.map(\.id), [], "edges of a client in none")
    }

    static func referralsRoundTrip(_ f: Fixture) async throws {
        try await f.seed()
        let referrals = [
            Referral(referrer: World.clientA2, referred: World.clientB1, on: World.day(-3)),
            Referral(referrer: World.clientA1, referred: World.clientH1, on: World.day(-1)),
            Referral(referrer: World.clientA1, referred: World.clientC1, on: World.day(-9)),
            Referral(referrer: World.clientA1, referred: World.clientB1, on: World.day(-1)),
        ]
        try await call("recording four referrals") { try await f.store.record(referrals: referrals, as: World.system) }
        let read = try await call("reading the referrals made by C-A2 and C-A1") {
            try await f.store.referrals(madeBy: [World.clientA2, World.clientA1], as: World.system)
        }
        try expectElements(
            read,
            [
                Referral(referrer: World.clientA1, referred: World.clientC1, on: World.day(-9)),
                Referral(referrer: World.clientA1, referred: World.clientB1, on: World.day(-1)),
                Referral(referrer: World.clientA1, referred: World.clientH1, on: World.day(-1)),
                Referral(referrer: World.clientA2, referred: World.clientB1, on: World.day(-3)),
            ],
            "referrals read back"
        )
        let byB1 = try await call("reading the referrals made by C-B1") {
            try await f.store.referrals(madeBy: [World.clientB1], as: World.system)
        }
        try expectElements(byB1, [], "referrals made by a client who referred nobody")
    }

    static func referralRecordedTwiceKeepsOne(_ f: Fixture) async throws {
        try await f.seed()
        let referral = Referral(referrer: World.clientA1, referred: World.clientB1, on: World.day(-2))
        try await call("recording a referral") { try await f.store.record(referrals: [referral], as: World.system) }
        try await call("recording it again") { try await f.store.record(referrals: [referral], as: World.system) }
        let read = try await call("reading the referrals") {
            try await f.store.referrals(madeBy: [World.clientA1], as: World.system)
        }
        try expectElements(read, [referral], "referrals after recording the same one twice")
    }

    static func organisationRoundTrips(_ f: Fixture) async throws {
        try await call("replacing the organisation as system") {
            try await f.store.replace(organisation: World.organisation, as: World.system)
        }
        let read = try await call("reading the organisation") { try await f.store.organisation() }
        try expectEqual(read.branches, World.organisation.branches, "branches read back")
        try expectEqual(read.staff, World.organisation.staff, "staff read back")
        try expectTrue(
            read.isBranch("SH-PD", within: "HO") && !read.isBranch("BJ", within: "SH"),
            "the hierarchy read back",
            expected: "SH-PD below HO, BJ not below SH",
            actual: "\(read.branches.map { "\($0.id)<\($0.parent?.rawValue ?? "-")" })"
        )
        var smaller = World.organisation.branches
        smaller.removeLast()
        let replacement = Organisation(branches: smaller, staff: World.organisation.staff.filter { $0.branch != "BJ" })
        try await call("replacing the organisation again as head office") {
            try await f.store.replace(organisation: replacement, as: World.headOffice)
        }
        let again = try await call("reading the organisation again") { try await f.store.organisation() }
        try expectEqual(again, replacement, "the organisation after a second replacement")
    }

    // MARK: Versions

    static func versionsCountWrites(_ f: Fixture) async throws {
        try await f.seed()
        var profile = World.profile(World.clientA1)
        try expectEqual(try await f.stored(World.clientA1)?.version, 1, "version after the create")
        for expected in Int64(2)...5 {
            profile.occupation = "writer \(expected)"
            let version = try await call("update \(expected - 1)") {
                try await f.store.upsert([ProfileChange(profile, expectedVersion: expected - 1)], as: World.system)
            }
            try expectEqual(version, [expected], "version returned by update \(expected - 1)")
        }
        try expectEqual(
            try await f.stored(World.clientA1),
            VersionedProfile(profile: profile, version: 5),
            "the profile after four updates"
        )
    }

    static func staleVersionIsConflict(_ f: Fixture) async throws {
        try await f.seed()
        var profile = World.profile(World.clientA1)
        profile.occupation = "second"
        _ = try await call("updating from version 1") {
            try await f.store.upsert([ProfileChange(profile, expectedVersion: 1)], as: World.system)
        }
        var stale = profile
        stale.occupation = "stale"
        stale.name = "Stale Name"
        try await expectStoreError(.conflict, "an update expecting version 1 when 2 is stored") {
            try await f.store.upsert([ProfileChange(stale, expectedVersion: 1)], as: World.system)
        }
        try await expectStoreError(.conflict, "an update expecting version 7 when 2 is stored") {
            try await f.store.upsert([ProfileChange(stale, expectedVersion: 7)], as: World.system)
        }
        try expectEqual(
            try await f.stored(World.clientA1),
            VersionedProfile(profile: profile, version: 2),
            "the stored profile after the stale writes"
        )
    }

    static func createOverExistingIsConflict(_ f: Fixture) async throws {
        try await f.seed()
        var replacement = World.profile(World.clientB1)
        replacement.name = "Impostor"
        try await expectStoreError(.conflict, "a create (nil expected version) of the existing C-B1") {
            try await f.store.upsert([ProfileChange(replacement, expectedVersion: nil)], as: World.system)
        }
        try expectEqual(
            try await f.stored(World.clientB1),
            VersionedProfile(profile: World.profile(World.clientB1), version: 1),
            "C-B1 after the conflicting create"
        )
    }

    static func updateOfUnknownIsConflict(_ f: Fixture) async throws {
        try await f.seed()
        let ghost = World.profile("C-GHOST")
        try await expectStoreError(.conflict, "an update expecting version 3 of a client never created") {
            try await f.store.upsert([ProfileChange(ghost, expectedVersion: 3)], as: World.system)
        }
        try expectEqual(try await f.stored("C-GHOST"), nil, "the unknown client after the update")
    }

    static func batchReturnsVersionsInOrder(_ f: Fixture) async throws {
        try await f.seed()
        var a1 = World.profile(World.clientA1)
        a1.occupation = "one"
        _ = try await call("bringing C-A1 to version 2") {
            try await f.store.upsert([ProfileChange(a1, expectedVersion: 1)], as: World.system)
        }
        let changes = [
            ProfileChange(World.profile("C-NEW-1"), expectedVersion: nil),
            ProfileChange(a1, expectedVersion: 2),
            ProfileChange(World.profile(World.clientC1), expectedVersion: 1),
        ]
        let versions = try await call("a batch of a create and two updates") {
            try await f.store.upsert(changes, as: World.system)
        }
        try expectEqual(versions, [1, 3, 2], "versions returned for [create, update of v2, update of v1]")
    }

    static func batchWithStaleChangeWritesNone(_ f: Fixture) async throws {
        try await f.seed()
        let before = try await f.stored(World.clients)
        var changes = before.map { stored -> ProfileChange in
            var profile = stored.profile
            profile.industry = "batch"
            return ProfileChange(profile, expectedVersion: stored.version)
        }
        changes.insert(ProfileChange(World.profile("C-NEW-1"), expectedVersion: nil), at: 0)
        changes[3].expectedVersion = 9
        try await expectStoreError(.conflict, "a batch whose fourth change is stale") {
            try await f.store.upsert(changes, as: World.system)
        }
        try expectElements(try await f.stored(World.clients), before, "the five clients after the failed batch")
        try expectEqual(try await f.stored("C-NEW-1"), nil, "the client the failed batch would have created")
    }

    // MARK: Atomic batches

    static func profileBatchWithInvalidStoresNone(_ f: Fixture) async throws {
        try await f.seed()
        let coverage = Coverage(relationshipManager: "RM-A", branch: "SH-PD")
        var changes = (0..<10_000).map { index in
            ProfileChange(
                CustomerProfile(
                    id: CustomerID("C-BULK-\(index)"),
                    kind: .individual,
                    name: "Bulk \(index)",
                    coverage: coverage
                ),
                expectedVersion: nil
            )
        }
        changes[5_000].profile.name = ""
        try await expectStoreError(.invalid, "a batch of 10,000 new profiles whose 5,001st has an empty name") {
            try await f.store.upsert(changes, as: World.system)
        }
        let listed = try await call("listing every client") {
            try await f.store.customers(matching: .all, as: World.system)
        }
        try expectEqual(listed, World.clients, "clients after the failed batch")
        try expectElements(
            try await f.stored([changes[0].profile.id, changes[4_999].profile.id, changes[9_999].profile.id]),
            [],
            "profiles from the failed batch"
        )
        changes[5_000].profile.name = "Fixed"
        let versions = try await call("the same batch with the bad record fixed") {
            try await f.store.upsert(changes, as: World.system)
        }
        try expectEqual(versions.count, 10_000, "versions returned for the fixed batch")
        let all = try await call("listing every client again") {
            try await f.store.customers(matching: .all, as: World.system)
        }
        try expectEqual(all.count, 10_005, "clients after the fixed batch")
    }

    static func holdingBatchWithBadRecordStoresNone(_ f: Fixture) async throws {
        try await f.seed()
        try await call("upserting one holding") {
            try await f.store.upsert(
                holdings: [Samples.holding("H-KEEP", of: World.clientA1, maturity: 5)],
                as: World.system
            )
        }
        var batch = (0..<500).map { index in
            Samples.holding(HoldingID("H-BATCH-\(index)"), of: World.clients[index % 5], maturity: index % 40)
        }
        batch.append(Samples.holding("H-KEEP", of: World.clientA1, maturity: 6, renewal: .renewed))
        batch.insert(Samples.holding("H-BAD", of: "C-NOBODY", maturity: 10), at: 250)
        try await expectStoreError(.notFound, "a batch of 502 holdings whose 251st names an unknown client") {
            try await f.store.upsert(holdings: batch, as: World.system)
        }
        let held = try await call("reading the holdings of every client") {
            try await f.store.holdings(of: World.clients, as: World.system)
        }
        try expectElements(
            held,
            [Samples.holding("H-KEEP", of: World.clientA1, maturity: 5)],
            "holdings after the failed batch"
        )
        let maturing = try await call("reading the holdings maturing in the next 40 days") {
            try await f.store.holdings(maturingIn: World.days(0, 40), as: World.system)
        }
        try expectElements(maturing.map(\.id), ["H-KEEP"], "holdings maturing after the failed batch")
    }

    static func accountsOfUnknownClientStoreNone(_ f: Fixture) async throws {
        try await f.seed()
        let batch = [Samples.account("ACC-1", of: World.clientA1), Samples.account("ACC-2", of: "C-NOBODY")]
        try await expectStoreError(.notFound, "accounts naming an unknown client") {
            try await f.store.upsert(accounts: batch, as: World.system)
        }
        let read = try await call("reading the accounts of C-A1") {
            try await f.store.accounts(of: [World.clientA1], as: World.system)
        }
        try expectElements(read, [], "accounts after the refused batch")
    }

    // MARK: Queries

    /// Holdings maturing on days 0, 3 (two of them), 7 and 10, plus one without maturity.
    static func seedMaturities(_ f: Fixture) async throws(ConformanceFailure) -> [Holding] {
        let holdings = [
            Samples.holding("H-07", of: World.clientA2, maturity: 7),
            Samples.holding("H-03b", of: World.clientB1, maturity: 3),
            Samples.holding("H-00", of: World.clientA1, maturity: 0),
            Samples.holding("H-10", of: World.clientC1, maturity: 10),
            Samples.holding("H-03a", of: World.clientA1, maturity: 3),
            Samples.holding("H-NONE", of: World.clientA1, maturity: nil, product: .fund),
        ]
        try await call("upserting six holdings") { try await f.store.upsert(holdings: holdings, as: World.system) }
        return holdings
    }

    static func maturingRangeIncludesBothEnds(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedMaturities(f)
        let cases: [(ClosedRange<Day>, [HoldingID])] = [
            (World.days(0, 10), ["H-00", "H-03a", "H-03b", "H-07", "H-10"]),
            (World.days(3, 7), ["H-03a", "H-03b", "H-07"]),
            (World.days(3, 3), ["H-03a", "H-03b"]),
            (World.days(7, 10), ["H-07", "H-10"]),
            (World.days(-5, 0), ["H-00"]),
            (World.days(-365, 3_650), ["H-00", "H-03a", "H-03b", "H-07", "H-10"]),
        ]
        for (range, expected) in cases {
            let found = try await call("holdings maturing in \(range)") {
                try await f.store.holdings(maturingIn: range, as: World.system)
            }
            try expectElements(found.map(\.id), expected, "holdings maturing in \(range)")
        }
    }

    static func maturingRangeEmpty(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedMaturities(f)
        for range in [World.days(-10, -1), World.days(1, 2), World.days(4, 6), World.days(11, 400)] {
            let found = try await call("holdings maturing in \(range)") {
                try await f.store.holdings(maturingIn: range, as: World.system)
            }
            try expectElements(found.map(\.id), [], "holdings maturing in \(range)")
        }
    }

    static func replacedHoldingMoves(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await seedMaturities(f)
        let moved = Samples.holding("H-03a", of: World.clientA1, maturity: 20, renewal: .renewed)
        try await call("upserting H-03a with a new maturity") {
            try await f.store.upsert(holdings: [moved], as: World.system)
        }
        let old = try await call("holdings maturing on day 3") {
            try await f.store.holdings(maturingIn: World.days(3, 3), as: World.system)
        }
        try expectElements(old.map(\.id), ["H-03b"], "holdings maturing on the old day")
        let new = try await call("holdings maturing on day 20") {
            try await f.store.holdings(maturingIn: World.days(20, 20), as: World.system)
        }
        try expectElements(new, [moved], "holdings maturing on the new day")
    }

    static func clientsOfRelationshipManager(_ f: Fixture) async throws {
        try await f.seed()
        _ = try await call("creating C-A0 and C-A9 under RM-A") {
            try await f.store.upsert(
                [
                    ProfileChange(World.profile("C-A9"), expectedVersion: nil),
                    ProfileChange(World.profile("C-A0"), expectedVersion: nil),
                ],
                as: World.system
            )
        }
        let cases: [(StaffID, [CustomerID])] = [
            ("RM-A", ["C-A0", World.clientA1, World.clientA2, "C-A9"]), ("RM-B", [World.clientB1]),
            ("RM-C", [World.clientC1]), ("EX-1", []), ("RM-NOBODY", []),
        ]
        for (rm, expected) in cases {
            let listed = try await call("clients of \(rm)") {
                try await f.store.customers(matching: .relationshipManager(rm), as: World.system)
            }
            try expectElements(listed, expected, "clients of \(rm)")
        }
    }

    static func clientsOfBranch(_ f: Fixture) async throws {
        try await f.seed()
        let cases: [(BranchID, Bool, [CustomerID])] = [
            ("SH", false, [World.clientH1]),
            ("SH", true, [World.clientA1, World.clientA2, World.clientB1, World.clientH1]),
            ("SH-PD", true, [World.clientA1, World.clientA2]),
            ("HO", false, []),
            ("HO", true, World.clients),
            ("BJ", false, [World.clientC1]),
        ]
        for (branch, below, expected) in cases {
            let listed = try await call("clients of branch \(branch)") {
                try await f.store.customers(matching: .branch(branch, includingSubBranches: below), as: World.system)
            }
            try expectElements(listed, expected, "clients of branch \(branch)\(below ? " and below" : "")")
        }
    }

    static func clientsWithActiveTag(_ f: Fixture) async throws {
        try await f.seed()
        let stored = try await f.stored(World.clients)
        var changes: [ProfileChange] = []
        for (index, entry) in stored.enumerated() {
            var profile = entry.profile
            let expiry: Day? = [World.day(0), World.day(-1), nil, World.day(10), nil][index]
            if index != 4 {
                profile.tags = [
                    Tag(name: "vip-event", source: .staff("RM-A"), setAt: World.instant(day: -20), expiresOn: expiry)
                ]
            }
            profile.tags.append(Tag(name: "other", source: .rule("r"), setAt: World.instant(day: -20)))
            changes.append(ProfileChange(profile, expectedVersion: entry.version))
        }
        _ = try await call("tagging the clients") { try await f.store.upsert(changes, as: World.system) }
        // C-A1 expires today, C-A2 yesterday, C-B1 never, C-C1 in ten days, C-H1 untagged.
        let cases: [(Day, [CustomerID])] = [
            (World.day(0), [World.clientA1, World.clientB1, World.clientC1]),
            (World.day(-1), [World.clientA1, World.clientA2, World.clientB1, World.clientC1]),
            (World.day(1), [World.clientB1, World.clientC1]),
            (World.day(11), [World.clientB1]),
        ]
        for (day, expected) in cases {
            let listed = try await call("clients tagged vip-event on \(day)") {
                try await f.store.customers(matching: .tag("vip-event", activeOn: day), as: World.system)
            }
            try expectElements(listed, expected, "clients with an active vip-event tag on \(day)")
        }
        let none = try await call("clients tagged with an unknown tag") {
            try await f.store.customers(matching: .tag("no-such-tag", activeOn: World.day(0)), as: World.system)
        }
        try expectElements(none, [], "clients with a tag nobody has")
    }

    static func movedClientLeavesOldLists(_ f: Fixture) async throws {
        try await f.seed()
        var profile = World.profile(World.clientA1)
        profile.coverage = Coverage(relationshipManager: "RM-C", branch: "BJ")
        _ = try await call("moving C-A1 to RM-C in Beijing") {
            try await f.store.upsert([ProfileChange(profile, expectedVersion: 1)], as: World.system)
        }
        let ofA = try await call("clients of RM-A") {
            try await f.store.customers(matching: .relationshipManager("RM-A"), as: World.system)
        }
        try expectElements(ofA, [World.clientA2], "clients of RM-A after the move")
        let ofC = try await call("clients of RM-C") {
            try await f.store.customers(matching: .relationshipManager("RM-C"), as: World.system)
        }
        try expectElements(ofC, [World.clientA1, World.clientC1], "clients of RM-C after the move")
        let pudong = try await call("clients of Pudong") {
            try await f.store.customers(matching: .branch("SH-PD", includingSubBranches: false), as: World.system)
        }
        try expectElements(pudong, [World.clientA2], "clients of Pudong after the move")
        let beijing = try await call("clients of Beijing") {
            try await f.store.customers(matching: .branch("BJ", includingSubBranches: true), as: World.system)
        }
        try expectElements(beijing, [World.clientA1, World.clientC1], "clients of Beijing after the move")
        try await expectStoreError(.forbidden, "RM-A reading C-A1 after it moved to RM-C") {
            try await f.store.profiles([World.clientA1], as: World.relationshipManagerA)
        }
        let read = try await call("RM-C reading C-A1 after the move") {
            try await f.store.profiles([World.clientA1], as: World.relationshipManagerC)
        }
        try expectElements(read.map(\.profile.id), [World.clientA1], "profiles RM-C reads after the move")
    }
}
