import CustomerModel
import Foundation
import Testing

/// Every class of rejected input, each with its exact file, line and field.
struct ImportErrorTests {
    private let customers = ImportFixture.coreCustomers

    private func only(_ files: [ImportFile], sourceLocation: SourceLocation = #_sourceLocation) -> ImportError? {
        let errors = ImportFixture.errors(files, sourceLocation: sourceLocation)
        #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
        return errors.first
    }

    private func expect(
        _ error: ImportError?,
        _ code: ImportError.Code,
        _ file: String,
        _ line: Int?,
        _ field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(error?.code == code, sourceLocation: sourceLocation)
        #expect(error?.file == file, sourceLocation: sourceLocation)
        #expect(error?.line == line, sourceLocation: sourceLocation)
        #expect(error?.field == field, sourceLocation: sourceLocation)
    }

    // MARK: Malformed files

    @Test func unterminatedQuote() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch", "1,A,B", "2,\"Li", "Na,BR"]
        )
        let error = only([file])
        expect(error, .unterminatedQuote, "customers.csv", 3, "name")
        #expect(error?.description == "customers.csv:3: field name: the quoted field opened on line 3 is never closed")
    }

    @Test func strayQuote() {
        let file = ImportFixture.csv("customers.csv", .customers, .coreBanking, ["id,name,branch", "1,A\"x,B"])
        expect(only([file]), .malformedCSV, "customers.csv", 2, "name")
    }

    @Test func wrongColumnCount() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch", "1,A,B", "2,\"Li, Na\",B,extra", "3,C"]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.wrongColumnCount, .wrongColumnCount])
        #expect(errors.map(\.line) == [3, 4])
        #expect(errors.map(\.field) == [nil, nil])
        #expect(errors[0].description == "customers.csv:3: expected 3 fields as in the header, found 4")
    }

    @Test func invalidJSON() {
        let file = ImportFixture.jsonl(
            "txns.jsonl",
            .transactions,
            .coreBanking,
            [
                #"{"id":"T1","customer":"10001","day":"2026-11-01","type":"deposit","direction":"inflow","amount":"1","currency":"CNY""#
            ]
        )
        expect(only([customers, file]), .invalidJSON, "txns.jsonl", 1, nil)
    }

    @Test func invalidEncoding() {
        var bytes = Array("id,name,branch\n1,".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(",B\n".utf8)
        let file = ImportFile(name: "customers.csv", kind: .customers, sourceSystem: .coreBanking, bytes: bytes)
        expect(only([file]), .invalidEncoding, "customers.csv", 2, "name")
    }

    @Test func unknownFormat() {
        let file = ImportFile(
            name: "customers.txt",
            kind: .customers,
            sourceSystem: .coreBanking,
            contents: "id,name\n"
        )
        expect(only([file]), .unknownFormat, "customers.txt", nil, nil)
    }

    // MARK: Columns

    @Test func unknownDuplicateAndMissingColumns() {
        let file = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            ["ID,customer,nickname,product,product,openedOn", "A1,10001,x,demandDeposit,demandDeposit,2020-01-01"]
        )
        let errors = ImportFixture.errors([customers, file])
        #expect(errors.map(\.code) == [.unknownColumn, .duplicateColumn, .missingColumn])
        #expect(errors.map(\.field) == ["nickname", "product", "currency"])
        #expect(errors.allSatisfy { $0.file == "accounts.csv" && $0.line == 1 })
        #expect(errors[0].description == "accounts.csv:1: field nickname: 'nickname' is not a column of accounts files")
        #expect(errors[2].description == "accounts.csv:1: field currency: the header lacks a required column")
    }

    @Test func missingValue() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch", "1,Wang,B", "2,  ,B", ",Li,B"]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.missingValue, .missingValue])
        #expect(errors.map(\.line) == [3, 4])
        #expect(errors.map(\.field) == ["name", "id"])
        #expect(errors[0].description == "customers.csv:3: field name: a value is required")
    }

    // MARK: Values

    @Test func badEnumValue() {
        let file = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            ["id,customer,product,currency,openedOn", "A1,10001,timeDepo,CNY,2020-01-01"]
        )
        let error = only([customers, file])
        expect(error, .invalidEnumValue, "accounts.csv", 2, "product")
        #expect(error?.description.hasPrefix("accounts.csv:2: field product: 'timeDepo' is not a product type") == true)
    }

    @Test func enumNamesAreCaseInsensitiveAndCreditRatingsTakeTheirLetters() throws {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,kind,creditRating,kycState", "1,Acme,B,CORPORATE,AA,reviewdue", "2,Bo,B,individual,bbb,"]
        )
        let plan = try ImportFixture.importer().plan([file])
        #expect(plan.profiles.map(\.kind) == [.corporate, .individual])
        #expect(plan.profiles.map(\.creditRating) == [.aa, .bbb])
        #expect(plan.profiles[0].kyc?.state == .reviewDue)
    }

    @Test func badDate() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,birthDate", "1,A,B,1980-01-01", "", "2,B,B,1990-02-30", "3,C,B,01/02/1990"]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.invalidDate, .invalidDate])
        #expect(errors.map(\.line) == [4, 5])
        #expect(errors.map(\.field) == ["birthDate", "birthDate"])
        #expect(errors[0].description == "customers.csv:4: field birthDate: '1990-02-30' is not a date that exists")
        #expect(
            errors[1].description
                == "customers.csv:5: field birthDate: '01/02/1990' is not a date (expected YYYY-MM-DD)"
        )
    }

    @Test func badTime() {
        let file = ImportFixture.csv(
            "txns.csv",
            .transactions,
            .coreBanking,
            ["id,customer,day,time,type,direction,amount,currency", "T1,10001,2026-11-01,24:00,deposit,inflow,1,CNY"]
        )
        expect(only([customers, file]), .invalidDate, "txns.csv", 2, "time")
    }

    @Test func badAmountNeverShowsTheAmount() {
        let file = ImportFixture.csv(
            "holdings.csv",
            .holdings,
            .wealth,
            [
                "id,customer,customerSystem,product,productCode,balance,currency,openedOn",
                "H1,10001,core,fund,F-1,1234.567,CNY,2025-01-01",
                "H2,10001,core,fund,F-1,12abc,CNY,2025-01-01",
                "H3,10001,core,fund,F-1,-5,CNY,2025-01-01",
            ]
        )
        let errors = ImportFixture.errors([customers, file])
        #expect(errors.map(\.code) == [.invalidAmount, .invalidAmount, .invalidAmount])
        #expect(errors.map(\.line) == [2, 3, 4])
        #expect(errors.map(\.field) == ["balance", "balance", "balance"])
        #expect(errors[0].description == "holdings.csv:2: field balance: the amount has more than two decimal places")
        #expect(
            errors[2].description == "holdings.csv:4: field balance: an asset holding cannot have a negative balance"
        )
        #expect(!errors.contains { $0.description.contains("1234") || $0.description.contains("12abc") })
    }

    @Test func nonPositiveTransactionAmount() {
        let file = ImportFixture.csv(
            "txns.csv",
            .transactions,
            .coreBanking,
            ["id,customer,day,type,direction,amount,currency", "T1,10001,2026-11-01,deposit,inflow,0,CNY"]
        )
        expect(only([customers, file]), .invalidAmount, "txns.csv", 2, "amount")
    }

    @Test func badCurrency() {
        let file = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            ["id,customer,product,currency,openedOn", "A1,10001,demandDeposit,rmb,2020-01-01"]
        )
        let error = only([customers, file])
        expect(error, .invalidCurrency, "accounts.csv", 2, "currency")
        #expect(
            error?.description
                == "accounts.csv:2: field currency: 'rmb' is not an ISO 4217 currency code (three upper-case letters)"
        )
    }

    @Test func corporateAmountsNeedACurrency() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,kind,annualRevenue", "1,Acme,B,corporate,100"]
        )
        expect(only([file]), .missingValue, "customers.csv", 2, "currency")
    }

    @Test func badNumbers() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,kind,esgRating,industryRank", "1,Acme,B,corporate,7,1", "2,Beta,B,corporate,3,first"]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.invalidNumber, .invalidNumber])
        #expect(errors.map(\.line) == [2, 3])
        #expect(errors.map(\.field) == ["esgRating", "industryRank"])
        #expect(errors[0].description == "customers.csv:2: field esgRating: must be from 1 to 5, not 7")
    }

    @Test func corporateColumnsOnAnIndividual() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,esgRating", "1,Wang,B,4"]
        )
        expect(only([file]), .invalidValue, "customers.csv", 2, "esgRating")
    }

    @Test func interactionDetailsRequiredByKind() {
        let file = ImportFixture.csv(
            "interactions.csv",
            .interactions,
            .contactCentre,
            [
                "id,customer,customerSystem,day,channel,kind,category,severity,score,promise",
                "I1,10001,core,2026-11-01,call,complaint,fees,,,",
                "I2,10001,core,2026-11-01,call,satisfaction,,,9,",
                "I3,10001,core,2026-11-01,visit,servicePromise,,,,send factsheet",
            ]
        )
        let errors = ImportFixture.errors([customers, file])
        #expect(errors.map(\.code) == [.missingValue, .invalidNumber, .missingValue])
        #expect(errors.map(\.line) == [2, 3, 4])
        #expect(errors.map(\.field) == ["severity", "score", "dueOn"])
    }

    // MARK: Cross-record checks

    @Test func duplicateIDWithinAFile() {
        let file = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            [
                "id,customer,product,currency,openedOn", "A1,10001,demandDeposit,CNY,2020-01-01",
                "A2,10001,demandDeposit,CNY,2020-01-01", "A1,10001,timeDeposit,CNY,2021-01-01",
            ]
        )
        let error = only([customers, file])
        expect(error, .duplicateID, "accounts.csv", 4, "id")
        #expect(error?.description == "accounts.csv:4: field id: the id appeared before, on line 2")
    }

    @Test func duplicateIDAcrossFilesOfOneKind() {
        let header = "id,customer,customerSystem,day,type,direction,amount,currency"
        let core = ImportFixture.csv(
            "core-txns.csv",
            .transactions,
            .coreBanking,
            [header, "T1,10001,core,2026-11-01,deposit,inflow,5,CNY"]
        )
        let card = ImportFixture.csv(
            "card-txns.csv",
            .transactions,
            .creditCard,
            [header, "T1,10001,core,2026-11-02,cardSpend,outflow,5,CNY"]
        )
        let error = only([customers, core, card])
        expect(error, .duplicateID, "card-txns.csv", 2, "id")
        #expect(error?.message == "the id appeared before, on core-txns.csv line 2")
    }

    @Test func duplicateCustomerInOneSystem() {
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch", "1,A,B", "1,A,B"]
        )
        expect(only([file]), .duplicateID, "customers.csv", 3, "id")
    }

    @Test func referenceToAnUnknownSourceCustomer() {
        let transactions = ImportFixture.csv(
            "card-txns.csv",
            .transactions,
            .creditCard,
            [
                "id,customer,day,type,direction,amount,currency",
                "T1,10001,2026-11-01,cardSpend,outflow,5,CNY",  // 10001 is a core number, not a card one
            ]
        )
        let holdings = ImportFixture.csv(
            "holdings.csv",
            .holdings,
            .wealth,
            [
                "id,customer,customerSystem,product,productCode,balance,currency,openedOn",
                "H1,99999,core,fund,F-1,10,CNY,2025-01-01",
            ]
        )
        let errors = ImportFixture.errors([customers, transactions, holdings])
        #expect(errors.map(\.code) == [.unknownCustomer, .unknownCustomer])
        #expect(errors.map(\.file) == ["card-txns.csv", "holdings.csv"])
        #expect(errors.map(\.line) == [2, 2])
        #expect(errors.map(\.field) == ["customer", "customer"])
        #expect(
            errors[0].description
                == "card-txns.csv:2: field customer: no customers file of this import holds customer '10001' of system card"
        )
    }

    @Test func activityOfARejectedCustomerIsNotReportedTwice() {
        let bad = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,birthDate", "10001,Wang,B,1980-13-01"]
        )
        let accounts = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            ["id,customer,product,currency,openedOn", "A1,10001,demandDeposit,CNY,2020-01-01"]
        )
        let errors = ImportFixture.errors([bad, accounts])
        #expect(errors.map(\.code) == [.invalidDate])
    }

    @Test func holdingMaturingBeforeItOpens() {
        let file = ImportFixture.csv(
            "holdings.csv",
            .holdings,
            .coreBanking,
            [
                "id,customer,product,productCode,balance,currency,openedOn,maturesOn",
                "H1,10001,timeDeposit,TD-1Y,100000,CNY,2026-01-01,2025-12-31",
            ]
        )
        let error = only([customers, file])
        expect(error, .maturityBeforeOpening, "holdings.csv", 2, "maturesOn")
        #expect(
            error?.description
                == "holdings.csv:2: field maturesOn: the holding matures (2025-12-31) before it opens (2026-01-01)"
        )
    }

    @Test func partlyRenewedNeedsTheAmount() {
        let file = ImportFixture.csv(
            "holdings.csv",
            .holdings,
            .coreBanking,
            [
                "id,customer,product,productCode,balance,currency,openedOn,renewal,renewedAmount",
                "H1,10001,timeDeposit,TD-1Y,100,CNY,2025-01-01,partlyRenewed,",
                "H2,10001,timeDeposit,TD-1Y,100,CNY,2025-01-01,renewed,50",
            ]
        )
        let errors = ImportFixture.errors([customers, file])
        #expect(errors.map(\.code) == [.missingValue, .invalidValue])
        #expect(errors.map(\.field) == ["renewedAmount", "renewedAmount"])
    }

    @Test func accountOfAnotherClient() {
        let two = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            ["id,name,nationalID,branch", "1,Wang,110101198001011234,B", "2,Li,110101198202021234,B"]
        )
        let accounts = ImportFixture.csv(
            "accounts.csv",
            .accounts,
            .coreBanking,
            ["id,customer,product,currency,openedOn", "A1,1,demandDeposit,CNY,2020-01-01"]
        )
        let transactions = ImportFixture.csv(
            "txns.csv",
            .transactions,
            .coreBanking,
            ["id,customer,account,day,type,direction,amount,currency", "T1,2,A1,2026-11-01,deposit,inflow,5,CNY"]
        )
        let error = only([two, accounts, transactions])
        expect(error, .mismatchedAccount, "txns.csv", 2, "account")
    }

    @Test func conflictingHostCustomerIDs() {
        let core = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,customerID,name,nationalID,branch", "1,ECIF-1,Wang,110101198001011234,B"]
        )
        let card = ImportFixture.csv(
            "card.csv",
            .customers,
            .creditCard,
            ["id,customerID,name,nationalID", "C1,ECIF-2,Wang,110101198001011234"]
        )
        let error = only([core, card])
        expect(error, .conflictingCustomerID, "card.csv", 2, "customerID")
    }

    @Test func aClientWithoutABranch() {
        let card = ImportFixture.csv("card.csv", .customers, .creditCard, ["id,name", "C1,Wang"])
        let error = only([card])
        expect(error, .invalidProfile, "card.csv", 2, "branch")
    }

    @Test func branchUnknownToTheOrganisation() {
        let organisation = Organisation(branches: [Branch(id: "HO", name: "Head office", parent: nil)])
        let file = ImportFixture.csv(
            "core.csv",
            .customers,
            .coreBanking,
            ["id,name,branch", "1,Wang,HO", "2,Li,BR-X"]
        )
        do {
            _ = try ImportFixture.importer().plan([file], organisation: organisation)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == 1)
            expect(error.errors.first, .invalidProfile, "core.csv", 3, "branch")
        }
    }

    // MARK: Collecting and privacy

    @Test func everyErrorOfEveryFileComesBackInFileOrder() {
        let bad1 = ImportFixture.csv(
            "a-customers.csv",
            .customers,
            .coreBanking,
            ["id,name,branch,birthDate", "1,A,B,1990-02-30", "2,,B,"]
        )
        let bad2 = ImportFixture.jsonl(
            "b-app.jsonl",
            .customers,
            .mobileApp,
            ["{", #"{"id":"x","name":"y","mood":"z"}"#]
        )
        let bad3 = ImportFixture.csv(
            "c-accounts.csv",
            .accounts,
            .coreBanking,
            ["id,customer,product,currency,openedOn", "A1,1,demandDeposit,CNY,2020-01-01", "A2,1,loan,EURO,2020-01-01"]
        )
        let errors = ImportFixture.errors([bad3, bad1, bad2])
        #expect(
            errors.map(\.file) == [
                "c-accounts.csv", "a-customers.csv", "a-customers.csv", "b-app.jsonl", "b-app.jsonl", "b-app.jsonl",
            ]
        )
        #expect(
            errors.map(\.code) == [
                .invalidCurrency, .invalidDate, .missingValue, .invalidJSON, .unknownColumn, .invalidProfile,
            ]
        )
        #expect(errors.map(\.line) == [3, 2, 3, 1, 2, 2])
    }

    @Test func descriptionsNeverShowPersonalValues() {
        // Shifted columns put a name, an ID number and a mobile number where codes belong.
        let file = ImportFixture.csv(
            "customers.csv",
            .customers,
            .coreBanking,
            [
                "id,name,branch,kind,birthDate,riskAppetite,maritalStatus",
                "1,Wang Fang,B,Wang Fang,110101198001011234,13800138000,王芳",
            ]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.field) == ["kind", "birthDate", "maritalStatus", "riskAppetite"])
        for error in errors {
            let text = error.description
            #expect(!text.contains("Wang"))
            #expect(!text.contains("110101198001011234"))
            #expect(!text.contains("13800138000"))
            #expect(!text.contains("王芳"))
            #expect(text.contains("the value (not shown)"))
        }
    }

    @Test func failureDescriptionListsTheErrors() {
        let file = ImportFixture.csv("customers.csv", .customers, .coreBanking, ["id,name,branch", "1,,B"])
        do {
            _ = try ImportFixture.importer().plan([file])
        } catch {
            #expect(
                error.description
                    == "import refused: 1 error, nothing was stored\n  customers.csv:2: field name: a value is required"
            )
            #expect(error.errors(in: "customers.csv").count == 1)
        }
    }

    @Test func unreadableFileFromDisk() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "no-such-dir-\(UInt64.random(in: 0...UInt64.max))/c.csv"
        )
        #expect(throws: ImportError.self) {
            _ = try ImportFile(contentsOf: url, kind: .customers, sourceSystem: .coreBanking)
        }
        do {
            _ = try ImportFile(contentsOf: url, kind: .customers, sourceSystem: .coreBanking)
        } catch {
            #expect(error.code == .unreadableFile)
            #expect(error.file == "c.csv")
            #expect(error.line == nil)
        }
        let unknown = URL(fileURLWithPath: "/tmp/c.xlsx")
        do {
            _ = try ImportFile(contentsOf: unknown, kind: .customers, sourceSystem: .coreBanking)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .unknownFormat)
        }
    }
}
