import Testing

@testable import CustomerModel

struct ImportJSONLinesTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesNestedValuesAndKeepsNumberText() throws {
        let value = try parse(#" {"a": [1, -2.50, 3e2, true, false, null], "b": {"c": "d"}} "#)
        #expect(
            value
                == .object([
                    "a": .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null]),
                    "b": .object(["c": .string("d")]),
                ])
        )
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u4e2d\ud83d\ude00""#) == .string("a\"b\\c/d\n\t中😀"))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 9), (#"{"a" 1}"#, 6), (#"[1 2]"#, 4), (#"{"a": 01}"#, 8), (#""\ud800""#, 8),
        (#"{"a": 1} x"#, 10), (#"{"a": 1, "a": 2}"#, 10), (#"{"a": "x"#, 9), (#"tru"#, 4), (#""bad \q""#, 7),
    ])
    func rejectsMalformedJSON(text: String, column: Int) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.column == column, "\(text): \(error.message)")
        }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
    }

    @Test func readsAJSONLinesFileWithBlankLinesAndCRLF() throws {
        let text =
            "\u{FEFF}"
            + #"{"id": "A1", "name": "Li Lei", "branch": "BR-BJ", "birthDate": "1985-03-04", "tags": ["asset:hnw", "golfer"]}"#
            + "\r\n\r\n   \n"
            + #"{"id": "A2", "name": "Han Meimei", "branch": "BR-BJ", "mobile": null, "children": [{"name": "Xiao Han", "birthDate": "2015-06-01", "educationStage": "primary"}]}"#
            + "\n"
        let file = ImportFile(name: "app.jsonl", kind: .customers, sourceSystem: .mobileApp, contents: text)
        let plan = try ImportFixture.importer().plan([file])
        #expect(plan.profiles.count == 2)
        #expect(plan.recordsRead[.customers] == 2)
        let first = try #require(plan.profiles.first { $0.id == "app:A1" })
        #expect(first.birthDate == .test("1985-03-04"))
        #expect(first.tags.map(\.name) == ["hnw", "golfer"])
        #expect(first.tags.map(\.category) == [.asset, .other])
        #expect(first.tags.first?.source == .system(.mobileApp))
        let second = try #require(plan.profiles.first { $0.id == "app:A2" })
        #expect(second.contacts.isEmpty)
        #expect(second.children == [Child(name: "Xiao Han", birthDate: .test("2015-06-01"), educationStage: .primary)])
        #expect(plan.mergeLog.entry(for: "app:A2")?.records.first?.line == 4)
    }

    @Test func amountsAreReadFromTheirTextNotThroughADouble() throws {
        let transactions = ImportFixture.jsonl(
            "txns.jsonl",
            .transactions,
            .coreBanking,
            [
                #"{"id":"T1","customer":"10001","day":"2026-11-01","type":"deposit","direction":"inflow","amount":1234.57,"currency":"CNY"}"#,
                #"{"id":"T2","customer":"10001","day":"2026-11-01","type":"fx","direction":"outflow","amount":"90071992547409.93","currency":"USD","isOverseas":true}"#,
            ]
        )
        let plan = try ImportFixture.importer().plan([ImportFixture.coreCustomers, transactions])
        #expect(
            plan.transactions.map(\.amount) == [
                Money(minorUnits: 123_457, currency: .cny), Money(minorUnits: 9_007_199_254_740_993, currency: .usd),
            ]
        )
        #expect(plan.transactions.map(\.isOverseas) == [false, true])
    }

    @Test func invalidJSONNamesTheLine() {
        let file = ImportFixture.jsonl(
            "app.jsonl",
            .customers,
            .mobileApp,
            [#"{"id":"A1","name":"x","branch":"B"}"#, "", #"{"id":"A2","name":"y",}"#, #"["not an object"]"#]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.invalidJSON, .invalidJSON])
        #expect(errors.map(\.line) == [3, 4])
        #expect(errors.map(\.file) == ["app.jsonl", "app.jsonl"])
        #expect(errors[0].description == "app.jsonl:3: column 23: expected a key in quotes")
        #expect(errors[1].description == "app.jsonl:4: the line is not a JSON object")
    }

    @Test func unknownKeysAndNestedValuesWhereAScalarBelongs() {
        let file = ImportFixture.jsonl(
            "app.jsonl",
            .customers,
            .mobileApp,
            [#"{"id":"A1","name":{"first":"x"},"branch":"B","nickname":"y"}"#]
        )
        let errors = ImportFixture.errors([file])
        #expect(errors.map(\.code) == [.unknownColumn, .invalidValue])
        #expect(errors.map(\.field) == ["nickname", "name"])
        #expect(errors.allSatisfy { $0.line == 1 })
    }
}
