import CustomerModel
import CustomerModelTesting
import Foundation
import Synchronization
import Testing

/// Loading plans through the ports: all or nothing, a whole small bank read back through the
/// ports, re-imports, the organisation check, and reading files from disk.
struct ImportLoadTests {
    /// A small bank exported by five systems.
    static let bank: [ImportFile] = [
        ImportFixture.csv(
            "core-customers.csv",
            .customers,
            .coreBanking,
            [
                "id,kind,name,nationalID,birthDate,maritalStatus,weddingDate,children,occupation,position,industry,mobile,email,address,riskAppetite,creditRating,kycState,kycReviewedOn,kycNextReviewOn,relationshipManager,branch,serviceTeam,onboardedOn,consentsGranted,consentsRefused,consentedOn,tags",
                "10001,individual,Wang Fang,110101198001011234,1980-01-01,married,2005-10-01,Wang Xiaoming|2010-09-01|secondary,physician,executive,healthcare,13800138000,wf@core.example,\"1 Century Ave, Pudong\",steady,AA,verified,2026-01-05,2027-01-05,RM-1,BR-SH,EX-1;EX-2,2015-03-01,service;profiling,marketing,2015-03-01,natural:married-with-children",
                "10002,,Li Na,110101198502021234,1985-02-02,single,,,lawyer,professional,legal,13700137000,,,balanced,A,reviewDue,,,RM-2,BR-BJ,,2018-06-01,,,,",
            ]
        ),
        ImportFixture.csv(
            "core-corporates.csv",
            .customers,
            .coreBanking,
            [
                "id,kind,name,registrationID,branch,relationshipManager,industry,annualRevenue,totalAssets,profitContribution,currency,industryRank,growthPotential,innovationCapacity,productBreadth,yearsOfCooperation,operatingStability,strategicFit,esgRating,region,ownership,lifecycleStage,birthDate",
                "10003,corporate,Acme Tech Ltd,91310000MA1K4X,BR-SH,RM-1,software,\"50,000,000.00\",120000000,1500000.50,CNY,3,5,4,6,8,4,5,3,East China,privatelyOwned,growth,2012-04-01",
            ]
        ),
        ImportFixture.jsonl(
            "card-customers.jsonl",
            .customers,
            .creditCard,
            [
                #"{"id":"C-77","name":"WANG FANG","nationalID":"110101198001011234","mobile":"13800138000","tags":["behaviour:frequent-flyer"]}"#,
                #"{"id":"C-88","name":"Zhao Lei","nationalID":"110101199003033333","birthDate":"1990-03-03","branch":"BR-SH","relationshipManager":"RM-1"}"#,
            ]
        ),
        ImportFixture.csv(
            "wealth-customers.csv",
            .customers,
            .wealth,
            ["id,name,mobile,birthDate,riskAppetite", "W-5,Wang Fang,+86 138 0013 8000,1980-01-01,growth"]
        ),
        ImportFixture.jsonl(
            "app-customers.jsonl",
            .customers,
            .mobileApp,
            [#"{"id":"U-2","name":"li na","nationalID":"1101011985 02021234","wechat":"lina85"}"#]
        ),
        ImportFixture.csv(
            "core-accounts.csv",
            .accounts,
            .coreBanking,
            [
                "id,customer,product,currency,openedOn,status", "A-1,10001,demandDeposit,CNY,2015-03-01,open",
                "A-2,10002,timeDeposit,CNY,2018-06-01,", "A-3,10003,demandDeposit,CNY,2012-05-01,frozen",
            ]
        ),
        ImportFixture.jsonl(
            "card-accounts.jsonl",
            .accounts,
            .creditCard,
            [#"{"id":"CARD-77","customer":"C-77","product":"creditCard","currency":"CNY","openedOn":"2019-01-01"}"#]
        ),
        ImportFixture.csv(
            "wealth-holdings.csv",
            .holdings,
            .wealth,
            [
                "id,customer,customerSystem,account,product,productCode,balance,currency,openedOn,maturesOn,renewal,renewedAmount,rateBasisPoints",
                "H-1,W-5,,,wealthManagement,WM-2026-118,\"1,000,000.00\",CNY,2026-06-15,2026-12-15,,,320",
                "H-2,10002,core,A-2,timeDeposit,TD-1Y,500000,CNY,2025-11-30,2026-11-30,partlyRenewed,300000.00,150",
            ]
        ),
        ImportFixture.csv(
            "core-transactions.csv",
            .transactions,
            .coreBanking,
            [
                "id,customer,account,day,time,type,direction,amount,currency,channel,counterparty",
                "T-1,10001,A-1,2026-11-01,09:30:00,transferIn,inflow,2000000.00,CNY,branch,\"Wang, Senior\"",
                "T-2,10002,A-2,2026-11-02,14:05,withdrawal,outflow,50000,CNY,atm,",
            ]
        ),
        ImportFixture.jsonl(
            "card-transactions.jsonl",
            .transactions,
            .creditCard,
            [
                #"{"id":"CT-1","customer":"C-77","account":"CARD-77","day":"2026-11-01","time":"08:00","type":"cardSpend","direction":"outflow","amount":"12800.00","currency":"CNY","channel":"pos","merchantCategory":"airTravel","counterparty":"Air China","isOverseas":true}"#
            ]
        ),
        ImportFixture.csv(
            "contact-interactions.csv",
            .interactions,
            .contactCentre,
            [
                "id,customer,customerSystem,day,time,channel,staff,kind,notes,category,severity,resolvedOn,topic,score,pagesViewed,dwellSeconds,productInterest,event,promise,dueOn,fulfilledOn",
                "I-1,10001,core,2026-11-03,10:00,call,RM-1,contact,\"Discussed maturity,\nwants a call back\",,,,,,,,,,,,",
                "I-2,10001,core,2026-11-04,,branch,RM-1,complaint,,fees,2,2026-11-06,,,,,,,,,",
                "I-3,10001,core,2026-11-05,,call,,serviceRequest,,,,,card limit,,,,,,,,",
                "I-4,10001,core,2026-11-06,,sms,,satisfaction,,,,,,5,,,,,,,",
                "I-5,C-77,card,2026-11-07,21:15:30,app,,appSession,,,,,,,12,340,private fund,,,,",
                "I-6,10001,core,2026-11-08,,event,RM-1,eventAttendance,,,,,,,,,,Wine salon,,,",
                "I-7,10001,core,2026-11-09,,visit,RM-1,servicePromise,,,,,,,,,,,send fund factsheet,2026-11-12,",
            ]
        ),
    ]

    private let wang: CustomerID = "core:10001"
    private let li: CustomerID = "core:10002"
    private let acme: CustomerID = "core:10003"
    private let zhao: CustomerID = "card:C-88"
    private let system = Principal.system("import-test")
    private let november = Day.test("2026-11-01")...Day.test("2026-11-30")

    @Test func aSmallMultiSystemBankReadsBackThroughThePorts() async throws {
        let importer = ImportFixture.importer()
        let plan = try importer.plan(Self.bank)
        let ports = ImportFixture.Ports()
        let report = try await importer.load(plan, into: ports.customers, activity: ports.activity)

        #expect(report.recordsRead == [.customers: 7, .accounts: 4, .holdings: 2, .transactions: 3, .interactions: 7])
        #expect(report.goldenProfiles == 4)
        #expect(report.mergedRecords == 3)
        #expect(report.profilesCreated == 4)
        #expect(report.accountsWritten == 4)
        #expect(report.holdingsWritten == 2)
        #expect(report.transactions == AppendReport(appended: 3, duplicates: 0))
        #expect(report.interactions == AppendReport(appended: 7, duplicates: 0))

        #expect(try await ports.customers.customers(matching: .all, as: system) == [zhao, wang, li, acme])

        // The golden profile of a client four systems know.
        let profile = try #require(try await ports.customers.profile(wang, as: system)).profile
        #expect(profile.sourceIdentities.map(\.description) == ["core:10001", "wealth:W-5", "card:C-77"])
        #expect(profile.name == "Wang Fang")
        #expect(profile.kind == .individual)
        #expect(profile.nationalID == "110101198001011234")
        #expect(profile.birthDate == .test("1980-01-01"))
        #expect(profile.maritalStatus == .married)
        #expect(profile.weddingDate == .test("2005-10-01"))
        #expect(
            profile.children == [
                Child(name: "Wang Xiaoming", birthDate: .test("2010-09-01"), educationStage: .secondary)
            ]
        )
        #expect(profile.occupation == "physician")
        #expect(profile.position == .executive)
        #expect(profile.industry == "healthcare")
        #expect(profile.contact(.mobile)?.value == "13800138000")
        #expect(profile.contact(.address)?.value == "1 Century Ave, Pudong")
        #expect(profile.riskAppetite == .growth)
        #expect(profile.creditRating == .aa)
        #expect(
            profile.kyc
                == KYCStatus(state: .verified, reviewedOn: .test("2026-01-05"), nextReviewOn: .test("2027-01-05"))
        )
        #expect(
            profile.coverage == Coverage(relationshipManager: "RM-1", branch: "BR-SH", serviceTeam: ["EX-1", "EX-2"])
        )
        #expect(profile.onboardedOn == .test("2015-03-01"))
        #expect(profile.hasConsent(for: .service) && profile.hasConsent(for: .profiling))
        #expect(!profile.hasConsent(for: .marketing))
        #expect(profile.consents.first?.recordedAt == BankCalendar.china.start(of: .test("2015-03-01")))
        #expect(profile.hasTag("married-with-children", on: .test("2026-11-18")))
        #expect(profile.hasTag("frequent-flyer", on: .test("2026-11-18")))
        #expect(profile.tags.first { $0.name == "frequent-flyer" }?.source == .system(.creditCard))
        #expect(profile.corporate == nil)

        let liProfile = try #require(try await ports.customers.profile(li, as: system)).profile
        #expect(liProfile.sourceIdentities.map(\.description) == ["core:10002", "app:U-2"])
        #expect(liProfile.contact(.wechat)?.value == "lina85")
        #expect(liProfile.kyc?.state == .reviewDue)

        let company = try #require(try await ports.customers.profile(acme, as: system)).profile
        #expect(company.kind == .corporate)
        #expect(company.birthDate == .test("2012-04-01"))
        #expect(
            company.corporate
                == CorporateAttributes(
                    registrationID: "91310000MA1K4X",
                    annualRevenue: Money(major: 50_000_000, currency: .cny),
                    totalAssets: Money(major: 120_000_000, currency: .cny),
                    profitContribution: Money(minorUnits: 150_000_050, currency: .cny),
                    industryRank: 3,
                    growthPotential: 5,
                    innovationCapacity: 4,
                    productBreadth: 6,
                    yearsOfCooperation: 8,
                    operatingStability: 4,
                    strategicFit: 5,
                    esgRating: 3,
                    region: "East China",
                    ownership: .privatelyOwned,
                    lifecycleStage: .growth
                )
        )

        // Accounts and holdings re-keyed to golden ids, including those another system reported.
        let accounts = try await ports.customers.accounts(of: [wang], as: system)
        #expect(accounts.map(\.id) == ["A-1", "CARD-77"])
        #expect(accounts.map(\.sourceSystem) == [.coreBanking, .creditCard])
        #expect(try await ports.customers.accounts(of: [acme], as: system).first?.status == .frozen)
        let maturing = try await ports.customers.holdings(
            maturingIn: november.lowerBound...Day.test("2026-12-31"),
            as: system
        )
        #expect(maturing.map(\.id) == ["H-2", "H-1"])
        #expect(maturing.map(\.customer) == [li, wang])
        #expect(maturing[0].renewal == .partlyRenewed(amount: Money(major: 300_000, currency: .cny)))
        #expect(maturing[0].account == "A-2")
        #expect(maturing[1].balance == Money(major: 1_000_000, currency: .cny))
        #expect(maturing[1].rateBasisPoints == 320)
        #expect(maturing[1].sourceSystem == .wealth)

        // Transactions from two systems on one client's timeline, by day and time.
        let transactions = try await ports.activity.transactions(of: wang, in: november, as: system)
        #expect(transactions.map(\.id) == ["CT-1", "T-1"])
        #expect(transactions[0].merchantCategory == .airTravel)
        #expect(transactions[0].isOverseas)
        #expect(transactions[0].secondOfDay == 8 * 3600)
        #expect(transactions[1].amount == Money(major: 2_000_000, currency: .cny))
        #expect(transactions[1].counterparty == "Wang, Senior")
        #expect(transactions[1].channel == .branch)
        #expect(
            try await ports.activity.transactions(of: li, in: november, as: system).first?.secondOfDay == 14 * 3600 + 5
                * 60
        )

        // Every interaction kind.
        let interactions = try await ports.activity.interactions(of: wang, in: november, as: system)
        #expect(
            interactions.map(\.kind) == [
                .contact, .complaint, .serviceRequest, .satisfaction, .appSession, .eventAttendance, .servicePromise,
            ]
        )
        #expect(interactions[0].detail == .contact(notes: "Discussed maturity,\nwants a call back"))
        #expect(interactions[0].at == BankCalendar.china.start(of: .test("2026-11-03"), plusMinutes: 600))
        #expect(interactions[1].detail == .complaint(category: "fees", severity: 2, resolvedOn: .test("2026-11-06")))
        #expect(interactions[2].detail == .serviceRequest(topic: "card limit", resolvedOn: nil))
        #expect(interactions[3].detail == .satisfaction(score: 5))
        #expect(
            interactions[4].detail == .appSession(pagesViewed: 12, dwellSeconds: 340, productInterest: "private fund")
        )
        #expect(
            interactions[4].at
                == BankCalendar.china.start(of: .test("2026-11-07")).adding(seconds: 21 * 3600 + 15 * 60 + 30)
        )
        #expect(interactions[5].detail == .eventAttendance(event: "Wine salon"))
        #expect(
            interactions[6].detail
                == .servicePromise(promise: "send fund factsheet", dueOn: .test("2026-11-12"), fulfilledOn: nil)
        )
        #expect(interactions[6].staff == "RM-1")

        // The workbench's 360 view sees the same client.
        let workbench = CustomerWorkbench(
            store: ports.customers,
            activity: ports.activity,
            clock: ports.clock,
            calendar: .china
        )
        let view = try await workbench.view(of: wang, as: .relationshipManager("RM-1"))
        #expect(view.accounts.count == 2)
        #expect(view.holdings.map(\.id) == ["H-1"])
        #expect(view.recentTransactions.count == 2)
        #expect(view.recentInteractions.count == 7)

        // Every write was audited as the import's system principal.
        let writes = ports.audit.allEntries.filter { $0.action == .write }
        #expect(!writes.isEmpty)
        #expect(writes.allSatisfy { $0.principal.role == .system })
    }

    @Test func oneBadRowInTheLastFileStoresNothing() async throws {
        var files = Self.bank
        let last = files.count - 1
        files[last] = ImportFixture.csv(
            "contact-interactions.csv",
            .interactions,
            .contactCentre,
            [
                "id,customer,customerSystem,day,channel,kind,score", "I-1,10001,core,2026-11-03,call,satisfaction,5",
                "I-2,10001,core,2026-11-04,call,satisfaction,6",
            ]
        )
        let importer = ImportFixture.importer()
        let ports = ImportFixture.Ports()
        do {
            let plan = try importer.plan(files)
            _ = try await importer.load(plan, into: ports.customers, activity: ports.activity)
            Issue.record("the import was accepted")
        } catch let failure as ImportFailure {
            #expect(failure.errors.count == 1)
            #expect(
                failure.errors.first?.description
                    == "contact-interactions.csv:3: field score: must be from 1 to 5, not 6"
            )
        }
        #expect(ports.customerStore.count == 0)
        #expect(ports.activityStore.transactionCount == 0)
        #expect(try await ports.customers.accounts(of: [wang, li, acme, zhao], as: system).isEmpty)
        #expect(try await ports.activity.interactions(of: wang, in: november, as: system).isEmpty)
        #expect(!ports.audit.allEntries.contains { $0.action == .write })
    }

    @Test func loadingAgainChangesNothing() async throws {
        let clock = ManualClock(start: ImportFixture.start)
        let importer = ImportFixture.importer(clock: clock)
        let ports = ImportFixture.Ports()
        let plan = try importer.plan(Self.bank)
        _ = try await importer.load(plan, into: ports.customers, activity: ports.activity)
        let versions = try await ports.customers.profiles([wang, li, acme, zhao], as: system).map(\.version)

        // A second plan, read later, of the same exports.
        clock.advance(bySeconds: 86_400)
        let again = try importer.plan(Self.bank)
        let report = try await importer.load(again, into: ports.customers, activity: ports.activity)
        #expect(report.profilesCreated == 0)
        #expect(report.profilesUpdated == 0)
        #expect(report.profilesUnchanged == 4)
        #expect(report.transactions == AppendReport(appended: 0, duplicates: 3))
        #expect(report.interactions == AppendReport(appended: 0, duplicates: 7))
        #expect(try await ports.customers.profiles([wang, li, acme, zhao], as: system).map(\.version) == versions)
    }

    @Test func aReimportReplacesSourceFieldsAndKeepsWhatStaffSet() async throws {
        let importer = ImportFixture.importer()
        let ports = ImportFixture.Ports()
        let core = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,name,nationalID,mobile,branch,tags", "10001,Wang Fang,110101198001011234,13800138000,BR-SH,asset:hnw"]
        )
        _ = try await importer.load(try importer.plan([core]), into: ports.customers, activity: ports.activity)

        // An RM adds a tag of their own.
        var stored = try #require(try await ports.customers.profile(wang, as: system))
        stored.profile.tags.append(Tag(name: "golf", source: .staff("RM-1"), setAt: ImportFixture.start))
        _ = try await ports.customers.upsert(ProfileChange(stored.profile, expectedVersion: stored.version), as: system)

        // The next export has a new mobile number and no longer the hnw tag.
        let next = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,name,nationalID,mobile,branch", "10001,Wang Fang,110101198001011234,13900139000,BR-SH"]
        )
        let report = try await importer.load(try importer.plan([next]), into: ports.customers, activity: ports.activity)
        #expect(report.profilesUpdated == 1)
        let profile = try #require(try await ports.customers.profile(wang, as: system))
        #expect(profile.version == 3)
        #expect(profile.profile.contact(.mobile)?.value == "13900139000")
        #expect(profile.profile.tags.map(\.name) == ["golf"])
    }

    @Test func theStoresOrganisationIsCheckedBeforeAnythingIsWritten() async throws {
        let organisation = Organisation(
            branches: [
                Branch(id: "HO", name: "Head office", parent: nil), Branch(id: "BR-SH", name: "Shanghai", parent: "HO"),
            ])
        let ports = ImportFixture.Ports(organisation: organisation)
        let importer = ImportFixture.importer()
        let plan = try importer.plan(Self.bank)  // Li Na is booked in BR-BJ, which this bank lacks
        do {
            _ = try await importer.load(plan, into: ports.customers, activity: ports.activity)
            Issue.record("loaded")
        } catch {
            #expect(error.code == .invalid)
            #expect(error.customer == li)
            #expect(error.field == "coverage.branch")
        }
        #expect(ports.customerStore.count == 0)
    }

    @Test func aStoreFailingMidWriteIsAStoreErrorAndARetryCompletesTheJob() async throws {
        let ports = ImportFixture.Ports()
        let failing = ports.gate.customers(AccountsFailOnceStore(base: ports.customerStore))
        let importer = ImportFixture.importer()
        let plan = try importer.plan(Self.bank)
        do {
            _ = try await importer.load(plan, into: failing, activity: ports.activity)
            Issue.record("loaded")
        } catch {
            #expect(error.code == .unavailable)
        }
        // The documented limit: profiles written before the failure stay.
        #expect(ports.customerStore.count == 4)
        #expect(ports.activityStore.transactionCount == 0)
        let report = try await importer.load(plan, into: failing, activity: ports.activity)
        #expect(report.profilesUnchanged == 4)
        #expect(report.transactions.appended == 3)
        #expect(try await ports.customers.accounts(of: [wang], as: system).count == 2)
    }

    @Test func smallBatchesLoadEverything() async throws {
        var importer = ImportFixture.importer()
        importer.batchSize = 2
        let ports = ImportFixture.Ports()
        let report = try await importer.load(
            try importer.plan(Self.bank),
            into: ports.customers,
            activity: ports.activity
        )
        #expect(report.profilesCreated == 4)
        #expect(ports.customerStore.count == 4)
        #expect(ports.activityStore.transactionCount == 3)
    }

    @Test func filesReadFromDiskInferTheirFormat() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clientele-import-\(UInt64.random(in: 0...UInt64.max))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let customers = directory.appendingPathComponent("core-customers.csv")
        let transactions = directory.appendingPathComponent("card-transactions.JSONL")
        try Data(Self.bank[0].bytes).write(to: customers)
        try Data(Self.bank[9].bytes).write(to: transactions)
        let cards = ImportFile(
            name: "card-customers.ndjson",
            kind: .customers,
            sourceSystem: .creditCard,
            bytes: Self.bank[2].bytes
        )

        let files = [
            try ImportFile(contentsOf: customers, kind: .customers, sourceSystem: .coreBanking),
            cards,
            try ImportFile(contentsOf: transactions, kind: .transactions, sourceSystem: .creditCard),
        ]
        #expect(files.map(\.name) == ["core-customers.csv", "card-customers.ndjson", "card-transactions.JSONL"])
        #expect(files[0].format == .csv)
        #expect(files[2].format == .jsonLines)
        let plan = try ImportFixture.importer().plan(files)
        #expect(plan.recordsRead == [.customers: 4, .transactions: 1])
        #expect(plan.transactions.first?.customer == wang)
    }

    @Test func columnListsAreTheDocumentedFormat() {
        #expect(
            ImportFile.Kind.accounts.columns == [
                "id", "customer", "product", "currency", "openedOn", "customerSystem", "closedOn", "status",
            ]
        )
        #expect(
            ImportFile.Kind.transactions.requiredColumns == [
                "id", "customer", "day", "type", "direction", "amount", "currency",
            ]
        )
        #expect(ImportFile.Kind.customers.requiredColumns == ["id", "name"])
        #expect(ImportFile.Kind.customers.columns.count == 46)
        #expect(ImportFile.Kind.interactions.columns.contains("fulfilledOn"))
    }

    @Test func plansAreSendableValues() async throws {
        let plan = try ImportFixture.importer().plan(Self.bank)
        let copy = await Task.detached { plan }.value
        #expect(copy == plan)
    }
}

/// A ``CustomerStore`` whose first account upsert fails as if the database went away.
final class AccountsFailOnceStore: CustomerStore {
    let base: InMemoryCustomerStore
    private let hasFailed = Mutex(false)

    init(base: InMemoryCustomerStore) { self.base = base }

    func upsert(accounts: [Account], in scope: ClientScope) async throws(StoreError) {
        let failNow = hasFailed.withLock { failed in
            defer { failed = true }
            return !failed
        }
        if failNow { throw StoreError(.unavailable, "database connection lost", underlying: "simulated") }
        try await base.upsert(accounts: accounts, in: scope)
    }

    func profiles(_ ids: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [VersionedProfile] {
        try await base.profiles(ids, in: scope)
    }
    func upsert(_ changes: [ProfileChange], in scope: ClientScope) async throws(StoreError) -> [Int64] {
        try await base.upsert(changes, in: scope)
    }
    func customers(matching query: CustomerQuery, in scope: ClientScope) async throws(StoreError) -> [CustomerID] {
        try await base.customers(matching: query, in: scope)
    }
    func upsert(holdings: [Holding], in scope: ClientScope) async throws(StoreError) {
        try await base.upsert(holdings: holdings, in: scope)
    }
    func upsert(relationships: [Relationship], in scope: ClientScope) async throws(StoreError) {
        try await base.upsert(relationships: relationships, in: scope)
    }
    func record(referrals: [Referral], in scope: ClientScope) async throws(StoreError) {
        try await base.record(referrals: referrals, in: scope)
    }
    func accounts(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Account] {
        try await base.accounts(of: customers, in: scope)
    }
    func holdings(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Holding] {
        try await base.holdings(of: customers, in: scope)
    }
    func holdings(maturingIn days: ClosedRange<Day>, in scope: ClientScope) async throws(StoreError) -> [Holding] {
        try await base.holdings(maturingIn: days, in: scope)
    }
    func relationships(of customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Relationship] {
        try await base.relationships(of: customers, in: scope)
    }
    func referrals(madeBy customers: [CustomerID], in scope: ClientScope) async throws(StoreError) -> [Referral] {
        try await base.referrals(madeBy: customers, in: scope)
    }
    func organisation() async throws(StoreError) -> Organisation { try await base.organisation() }
    func replace(organisation: Organisation) async throws(StoreError) {
        try await base.replace(organisation: organisation)
    }
    func coverage(of ids: [CustomerID]) async throws(StoreError) -> [Coverage?] { try await base.coverage(of: ids) }
    func clients(in scope: ClientScope) async throws(StoreError) -> [CustomerID] { try await base.clients(in: scope) }
}
