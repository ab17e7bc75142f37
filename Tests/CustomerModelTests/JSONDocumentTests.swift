import CustomerModel
import Testing

@Suite("Positioned JSON documents")
struct JSONDocumentTests {
    private let text = """
        {
          "id": "cvm",
          "行业": [1, 2.5, {"deep": true}],
          "n": null
        }
        """

    @Test func everyValueAndKeyKnowsItsLineAndColumn() throws {
        let document = try JSONDocument(parsing: text)
        #expect(document.root.position == SourcePosition(line: 1, column: 1, offset: 0))
        let root = try #require(document.root.objectValue)
        #expect(root.keys == ["id", "行业", "n"])
        #expect(root.member("id")?.keyPosition.line == 2)
        #expect(root.member("id")?.keyPosition.column == 3)
        #expect(root["id"]?.position.column == 9)
        // Columns count Unicode scalars, not bytes: "行业" is two columns (six bytes).
        let array = try #require(root["行业"])
        #expect(array.position.line == 3)
        #expect(array.position.column == 9)
        #expect(array.position.offset == 29)
        let deep = try #require(document.node(at: ["行业", 2, "deep"]))
        #expect(deep.boolValue == true)
        #expect(deep.position == SourcePosition(line: 3, column: 27, offset: 47))
        #expect(document.node(at: ["n"])?.isNull == true)
        #expect(document.node(at: ["行业", 7]) == nil)
        // A missing member is placed at its nearest existing ancestor.
        #expect(document.position(of: ["行业", 2, "absent"]) == SourcePosition(line: 3, column: 18, offset: 38))
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let document = try JSONDocument(parsing: #"[12, -3.50, 1e3, 2.5, 1e999, 9007199254740993]"#)
        let values = try #require(document.root.arrayValue)
        #expect(values.map(\.numberLiteral) == ["12", "-3.50", "1e3", "2.5", "1e999", "9007199254740993"])
        #expect(values.map(\.int64Value) == [12, nil, 1000, nil, nil, 9_007_199_254_740_993])
        #expect(values[1].doubleValue == -3.5)
        #expect(values[4].doubleValue == nil)  // not finite
        #expect(values[0].stringValue == nil)
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n}", 3, 1, "expected a key in quotes"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}'"),
        ("[1,\n 2,\n 01]", 3, 3, "unexpected"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "appears twice"),
        ("{\"名\": \"x\" x}", 1, 11, "expected ',' or '}'"),
        ("\"\\ud800\"", 1, 8, "surrogate"),
        ("[true, tru]", 1, 11, "expected 'true'"),
        ("", 1, 1, "unexpected end"),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONDocument(parsing: text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.contains(message) || message == "unexpected", "\(error.message)")
        }
    }

    @Test func aByteOrderMarkIsSkippedAndNestingIsLimited() throws {
        let document = try JSONDocument(utf8: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        #expect(document.root.position == SourcePosition(line: 1, column: 1, offset: 3))
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: deep, maximumDepth: 10) }
        _ = try JSONDocument(parsing: deep)
    }

    @Test func invalidUTF8InAStringIsAnError() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xFF] + Array("\"]".utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(utf8: bytes) }
    }

    @Test func pathsReadAsTheyAreWritten() {
        #expect(JSONPath(["indicators", 3, "weight"]).description == "indicators[3].weight")
        #expect(JSONPath.root.description == "$")
        #expect(JSONPath(["table", "new energy"]).description == #"table["new energy"]"#)
        #expect(JSONPath.root.appending("a").appending(0).parent == ["a"])
    }

    @Test func writtenTextReadsBackToTheSameValues() throws {
        let document = try JSONDocument(parsing: text)
        for pretty in [true, false] {
            let again = try JSONDocument(parsing: document.text(pretty: pretty))
            #expect(again.text(pretty: false) == document.text(pretty: false))
        }
        let built = JSONDocument(
            root: .object([
                ("quote", .string("a \"b\"\n\u{01}")), ("n", .number(0.1) ?? .null), ("big", .number(5e7) ?? .null),
                ("tiny", .number(1e-12) ?? .null), ("list", .array([.bool(false), .null, .number(Int64(-4))])),
            ])
        )
        let text = built.text(pretty: false)
        #expect(text == #"{"quote":"a \"b\"\n\u0001","n":0.1,"big":50000000,"tiny":1e-12,"list":[false,null,-4]}"#)
        #expect(try JSONDocument(parsing: text).node(at: ["quote"])?.stringValue == "a \"b\"\n\u{01}")
        #expect(JSONNode.number(Double.nan) == nil)
    }

    @Test func largeObjectsLookMembersUpByKey() throws {
        let members = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let object = try #require(try JSONDocument(parsing: "{\(members)}").root.objectValue)
        #expect(object.count == 100)
        #expect(object["k73"]?.int64Value == 73)
        #expect(object["k100"] == nil)
        var built = JSONObject()
        for i in 0..<30 { built.set("k\(i % 20)", .number(Int64(i))) }
        #expect(built.count == 20)
        #expect(built["k5"]?.int64Value == 25)
    }
}
