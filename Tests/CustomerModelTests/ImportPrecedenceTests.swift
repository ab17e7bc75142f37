import CustomerModel
import Testing

/// Per-field source precedence and what the merge log records.
struct ImportPrecedenceTests {
    /// One client known to four systems, with conflicting values.
    private let files = [
        ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            [
                "id,name,nationalID,birthDate,mobile,email,branch,relationshipManager,riskAppetite,occupation",
                "10001,Wang Fang,110101198001011234,1980-01-01,13800138000,wf@core.example,BR-SH,RM-1,steady,physician",
            ]
        ),
        ImportFixture.csv(
            "card.csv",
            .customers,
            .creditCard,
            [
                "id,name,nationalID,mobile,email,occupation,tags",
                "C-77,Wang F.,110101198001011234,13900139000,wf@card.example,surgeon,behaviour:frequent-flyer",
            ]
        ),
        ImportFixture.csv(
            "wealth.csv",
            .customers,
            .wealth,
            [
                "id,name,nationalID,riskAppetite,branch,tags",
                "W-5,Wang Fang,110101198001011234,growth,BR-PD,asset:hnw;behaviour:frequent-flyer",
            ]
        ),
        ImportFixture.jsonl(
            "app.jsonl",
            .customers,
            .mobileApp,
            [
                #"{"id":"U-9","name":"WANG FANG","mobile":"+8613800138000","birthDate":"1980-01-01","wechat":"wf1980","email":"wf@app.example"}"#
            ]
        ),
    ]

    private let core = SourceIdentity(system: .coreBanking, localID: "10001")
    private let card = SourceIdentity(system: .creditCard, localID: "C-77")
    private let wealth = SourceIdentity(system: .wealth, localID: "W-5")
    private let app = SourceIdentity(system: .mobileApp, localID: "U-9")

    @Test func defaultPrecedencePicksEachFieldAndLogsWhatItOverrode() throws {
        let plan = try ImportFixture.importer().plan(files)
        let profile = try #require(plan.profiles.first)
        #expect(plan.profiles.count == 1)
        #expect(profile.id == "core:10001")
        #expect(profile.sourceIdentities == [core, wealth, card, app])
        #expect(profile.name == "Wang Fang")
        #expect(profile.contact(.mobile)?.value == "13800138000")
        #expect(profile.contact(.email)?.value == "wf@core.example")
        #expect(profile.contact(.wechat)?.value == "wf1980")  // only the app has it: gaps are filled
        #expect(profile.riskAppetite == .growth)  // the wealth platform leads for risk appetite
        #expect(profile.coverage.branch == "BR-SH")
        #expect(profile.occupation == "physician")
        #expect(Set(profile.tags.map(\.name)) == ["frequent-flyer", "hnw"])
        // A tag two systems give keeps the more trusted system as its source.
        #expect(profile.tags.first { $0.name == "frequent-flyer" }?.source == .system(.wealth))

        let entry = try #require(plan.mergeLog.entry(for: "core:10001"))
        #expect(entry.choice(for: .customerID) == MergeLog.FieldChoice(field: .customerID, source: core))
        // The same name in other spelling (app, wealth) is agreement; the card's "Wang F." is overridden.
        #expect(entry.choice(for: .name) == MergeLog.FieldChoice(field: .name, source: core, overridden: [card]))
        // The app's +86 number is the core number: only the card's number is overridden.
        #expect(entry.choice(for: .mobile) == MergeLog.FieldChoice(field: .mobile, source: core, overridden: [card]))
        #expect(
            entry.choice(for: .email) == MergeLog.FieldChoice(field: .email, source: core, overridden: [card, app])
        )
        #expect(
            entry.choice(for: .riskAppetite)
                == MergeLog.FieldChoice(field: .riskAppetite, source: wealth, overridden: [core])
        )
        #expect(entry.choice(for: .branch) == MergeLog.FieldChoice(field: .branch, source: core, overridden: [wealth]))
        #expect(entry.choice(for: .wechat) == MergeLog.FieldChoice(field: .wechat, source: app))
        #expect(entry.choice(for: .birthDate) == MergeLog.FieldChoice(field: .birthDate, source: core))
        #expect(entry.choice(for: .maritalStatus) == nil)
        #expect(entry.conflicts.map(\.field) == [.name, .occupation, .mobile, .email, .riskAppetite, .branch])
        #expect(entry.records.map(\.identity) == [core, wealth, card, app])
        #expect(entry.links.map(\.rule) == [.nationalID, .nationalID, .mobileNameAndBirthDate])
    }

    @Test func theMergeLogHoldsSystemsNeverPersonalValues() throws {
        let plan = try ImportFixture.importer().plan(files)
        let text = plan.mergeLog.entries.map(\.description).joined(separator: "\n")
        #expect(text.contains("field mobile from core:10001 over card:C-77"))
        for secret in [
            "Wang", "WANG", "110101198001011234", "13800138000", "13900139000", "example", "wf1980", "steady", "growth",
        ] {
            #expect(!text.contains(secret), "\(secret)")
        }
    }

    @Test func precedenceIsConfigurablePerField() throws {
        var precedence = SourcePrecedence.default
        precedence[.mobile] = [.mobileApp, .creditCard, .coreBanking]
        precedence[.riskAppetite] = [.coreBanking]
        let plan = try ImportFixture.importer(precedence: precedence).plan(files)
        let profile = try #require(plan.profiles.first)
        #expect(profile.contact(.mobile)?.value == "+8613800138000")
        #expect(profile.riskAppetite == .steady)
        let entry = try #require(plan.mergeLog.entries.first)
        #expect(entry.choice(for: .mobile) == MergeLog.FieldChoice(field: .mobile, source: app, overridden: [card]))
        // Systems a field's order does not list rank after the listed ones, by name.
        #expect(
            entry.choice(for: .riskAppetite)
                == MergeLog.FieldChoice(field: .riskAppetite, source: core, overridden: [wealth])
        )
        #expect(precedence.rank(of: .wealth, for: .riskAppetite) == 1)
        #expect(precedence.rank(of: .coreBanking, for: .riskAppetite) == 0)
    }

    @Test func theGeneralOrderAlsoPicksTheGoldenID() throws {
        let precedence = SourcePrecedence([.wealth, .coreBanking, .creditCard, .mobileApp])
        let plan = try ImportFixture.importer(precedence: precedence).plan(files)
        let profile = try #require(plan.profiles.first)
        #expect(profile.id == "wealth:W-5")
        #expect(profile.coverage.branch == "BR-PD")
        #expect(profile.sourceIdentities == [wealth, core, card, app])
        #expect(plan.mergeLog.entry(containing: app)?.customer == "wealth:W-5")
    }

    @Test func unknownSystemsRankLast() {
        let precedence = SourcePrecedence.default
        let legacy = SourceSystem("legacy")
        #expect(precedence.rank(of: legacy, for: .name) == precedence.order.count)
        #expect(precedence.rank(of: .coreBanking, for: .name) == 0)
        #expect(precedence[.riskAppetite].first == .wealth)
    }
}
