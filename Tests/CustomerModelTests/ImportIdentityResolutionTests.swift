import CustomerModel
import Testing

struct ImportIdentityResolutionTests {
    private let core = ImportFixture.csv(
        "core.csv",
        .customers,
        .coreBanking,
        [
            "id,name,nationalID,birthDate,mobile,branch",
            "10001,Wang Fang,11010119800101123x,1980-01-01,13800138000,BR-SH",
        ]
    )

    @Test func sameNationalIDMerges() throws {
        let card = ImportFixture.jsonl(
            "card.jsonl",
            .customers,
            .creditCard,
            [#"{"id":"C-77","name":"WANG FANG","nationalID":"110101 19800101 123X"}"#]
        )
        let plan = try ImportFixture.importer().plan([core, card])
        #expect(plan.profiles.count == 1)
        let profile = try #require(plan.profiles.first)
        #expect(profile.id == "core:10001")
        #expect(profile.sourceIdentities.map(\.description) == ["core:10001", "card:C-77"])
        let entry = try #require(plan.mergeLog.entry(for: "core:10001"))
        #expect(
            entry.links == [
                MergeLog.Link(
                    record: .init(system: .creditCard, localID: "C-77"),
                    matched: .init(system: .coreBanking, localID: "10001"),
                    rule: .nationalID
                )
            ]
        )
        #expect(entry.records.map(\.description) == ["core:10001 (core.csv:2)", "card:C-77 (card.jsonl:1)"])
        #expect(plan.mergedRecords == 1)
    }

    @Test func sameMobileNameAndBirthDateMergesARecordWithoutNationalID() throws {
        let app = ImportFixture.jsonl(
            "app.jsonl",
            .customers,
            .mobileApp,
            [#"{"id":"U-9","name":" wang  fang ","mobile":"+86 138-0013-8000","birthDate":"1980-01-01"}"#]
        )
        let plan = try ImportFixture.importer().plan([app, core])
        #expect(plan.profiles.map(\.id) == ["core:10001"])
        let entry = try #require(plan.mergeLog.entry(for: "core:10001"))
        #expect(entry.links.map(\.rule) == [.mobileNameAndBirthDate])
        #expect(entry.isMerged)
    }

    @Test func mergingIsTransitiveAcrossThreeSystems() throws {
        // core has no mobile; card shares core's ID and has a mobile; the app, without an ID,
        // matches only the card by mobile, name and birth date. All three are one client.
        let coreOnly = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,name,nationalID,birthDate,branch", "10001,Wang Fang,110101198001011234,1980-01-01,BR-SH"]
        )
        let card = ImportFixture.csv(
            "card.csv",
            .customers,
            .creditCard,
            ["id,name,nationalID,birthDate,mobile", "C-77,Wang Fang,110101198001011234,1980-01-01,13900139000"]
        )
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile", "U-9,Wang Fang,1980-01-01,139 0013 9000"]
        )
        let plan = try ImportFixture.importer().plan([coreOnly, card, app])
        #expect(plan.profiles.count == 1)
        #expect(plan.profiles.first?.sourceIdentities.map(\.description) == ["core:10001", "card:C-77", "app:U-9"])
        let entry = try #require(plan.mergeLog.entries.first)
        #expect(
            entry.links.map(\.description) == [
                "card:C-77 = core:10001 by nationalID", "app:U-9 = card:C-77 by mobileNameAndBirthDate",
            ]
        )
        #expect(plan.mergedRecords == 2)
    }

    @Test func noMergeWhenBirthDatesDiffer() throws {
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile,branch", "U-9,Wang Fang,1980-01-02,13800138000,BR-SH"]
        )
        let plan = try ImportFixture.importer().plan([core, app])
        #expect(plan.profiles.map(\.id) == ["app:U-9", "core:10001"])
        #expect(plan.mergedRecords == 0)
        #expect(plan.mergeLog.entries.allSatisfy { $0.links.isEmpty })
    }

    @Test func differentNationalIDsNeverMergeAndAnAmbiguousRecordStaysApart() throws {
        // Twins sharing a phone: same name, mobile and birth date, different IDs.
        let twins = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            [
                "id,name,nationalID,birthDate,mobile,branch",
                "1,Li Lei,110101199001011111,1990-01-01,13800138000,B",
                "2,Li Lei,110101199001012222,1990-01-01,13800138000,B",
            ]
        )
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile,branch", "U-1,Li Lei,1990-01-01,13800138000,B"]
        )
        let plan = try ImportFixture.importer().plan([twins, app])
        #expect(plan.profiles.map(\.id) == ["app:U-1", "core:1", "core:2"])
    }

    @Test func twoRecordsWithoutIDsMergeByMobileNameAndBirthDate() throws {
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile,branch", "U-1,Li Lei,1990-01-01,13800138000,B"]
        )
        let ebank = ImportFixture.csv(
            "ebank.csv",
            .customers,
            .eBanking,
            ["id,name,birthDate,mobile", "E-1,LI LEI,1990-01-01,0086 13800138000"]
        )
        let plan = try ImportFixture.importer().plan([app, ebank])
        #expect(plan.profiles.map(\.id) == ["ebank:E-1"])  // e-banking ranks above the app
        #expect(plan.profiles.first?.coverage.branch == "B")
    }

    @Test func aMobileNumberAloneIsNotEnough() throws {
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile,branch", "U-1,Li Lei,1990-01-01,13800138000,B"]
        )
        let spouse = ImportFixture.csv(
            "ebank.csv",
            .customers,
            .eBanking,
            ["id,name,birthDate,mobile,branch", "E-1,Han Meimei,1990-01-01,13800138000,B"]
        )
        #expect(try ImportFixture.importer().plan([app, spouse]).profiles.count == 2)
    }

    @Test func sameHostCustomerIDMergesAndNamesTheProfile() throws {
        let coreWithHostID = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,customerID,name,branch", "10001,ECIF-0001,Wang Fang,BR-SH"]
        )
        let wealth = ImportFixture.csv(
            "wealth.csv",
            .customers,
            .wealth,
            ["id,customerID,name", "W-5,ECIF-0001,Fang Wang"]
        )
        let plan = try ImportFixture.importer().plan([wealth, coreWithHostID])
        #expect(plan.profiles.map(\.id) == ["ECIF-0001"])
        #expect(plan.mergeLog.entries.first?.links.map(\.rule) == [.customerID])
        #expect(plan.mergeLog.entries.first?.choice(for: .customerID)?.source.description == "wealth:W-5")
    }

    @Test func organisationsMergeByRegistrationID() throws {
        let core = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,kind,name,registrationID,branch", "90001,corporate,Acme Tech Ltd,91310000-MA1K4X,BR-SH"]
        )
        let loans = ImportFixture.csv(
            "loans.csv",
            .customers,
            .loans,
            ["id,kind,name,registrationID", "L-1,corporate,ACME TECH LTD.,91310000ma1k4x"]
        )
        let plan = try ImportFixture.importer().plan([core, loans])
        #expect(plan.profiles.map(\.id) == ["core:90001"])
        #expect(plan.mergeLog.entries.first?.links.map(\.rule) == [.registrationID])
        #expect(plan.profiles.first?.kind == .corporate)
    }

    @Test func aPersonAndACompanyWithTheSameNumberStayApart() throws {
        let both = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            [
                "id,kind,name,nationalID,registrationID,branch", "1,individual,Wang,ABC123,,B",
                "2,corporate,Wang Ltd,,ABC123,B",
            ]
        )
        #expect(try ImportFixture.importer().plan([both]).profiles.count == 2)
    }

    @Test func twoNumbersOfOneClientInOneSystemMergeUnderTheLowest() throws {
        let core = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            [
                "id,name,nationalID,branch", "20002,Wang Fang,110101198001011234,BR-SH",
                "10001,Wang Fang,110101198001011234,BR-SH",
            ]
        )
        let plan = try ImportFixture.importer().plan([core])
        #expect(plan.profiles.map(\.id) == ["core:10001"])
    }

    @Test func theOutcomeDoesNotDependOnFileOrder() throws {
        let card = ImportFixture.csv(
            "card.csv",
            .customers,
            .creditCard,
            ["id,name,nationalID,birthDate,mobile", "C-77,Wang F,110101198001011234,1980-01-01,13900139000"]
        )
        let app = ImportFixture.csv(
            "app.csv",
            .customers,
            .mobileApp,
            ["id,name,birthDate,mobile,branch", "U-9,Wang Fang,1980-01-01,13900139000,BR-PD"]
        )
        let coreOnly = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,name,nationalID,birthDate,branch", "10001,Wang Fang,110101198001011234,1980-01-01,BR-SH"]
        )
        let importer = ImportFixture.importer()
        let forward = try importer.plan([coreOnly, card, app])
        let backward = try importer.plan([app, card, coreOnly])
        #expect(forward.profiles == backward.profiles)
        #expect(forward.mergeLog.entries.map(\.fields) == backward.mergeLog.entries.map(\.fields))
        #expect(
            forward.mergeLog.entries.map { $0.records.map(\.identity) }
                == backward.mergeLog.entries.map { $0.records.map(\.identity) }
        )
    }
}
