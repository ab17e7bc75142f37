import Testing

@testable import CustomerModel

struct ImportCSVTokenizerTests {
    private func records(_ text: String) -> [CSVRecord] {
        Array(CSVTokenizer(Array(text.utf8).makeIterator()))
    }

    private func records(bytes: [UInt8]) -> [CSVRecord] {
        Array(CSVTokenizer(bytes.makeIterator()))
    }

    @Test func plainFieldsWithLFAndCRLF() {
        let lf = records("a,b,c\n1,2,3\n")
        #expect(lf.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(lf.map(\.line) == [1, 2])
        let crlf = records("a,b,c\r\n1,2,3\r\n")
        #expect(crlf.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(crlf.map(\.line) == [1, 2])
        #expect(crlf.allSatisfy { $0.problem == nil })
    }

    @Test func lastRecordWithoutLineBreak() {
        #expect(records("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func loneCarriageReturnEndsARecord() {
        let result = records("a\r1\r2")
        #expect(result.map(\.fields) == [["a"], ["1"], ["2"]])
        #expect(result.map(\.line) == [1, 2, 3])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let text = "id,notes\n1,\"said \"\"hi\"\", then left\"\n2,\"two\nlines\"\n3,\"crlf\r\ninside\"\n4,end\n"
        let result = records(text)
        #expect(
            result.map(\.fields) == [
                ["id", "notes"], ["1", "said \"hi\", then left"], ["2", "two\nlines"], ["3", "crlf\r\ninside"],
                ["4", "end"],
            ]
        )
        // Physical lines: record 2 spans lines 3-4, record 3 spans lines 5-6.
        #expect(result.map(\.line) == [1, 2, 3, 5, 7])
    }

    @Test func emptyAndQuotedEmptyFields() {
        #expect(records("a,,\n").map(\.fields) == [["a", "", ""]])
        #expect(records(",\n").map(\.fields) == [["", ""]])
        // A quoted empty field is a record, not an empty line.
        #expect(records("\"\"\n").map(\.fields) == [[""]])
        #expect(records("\"\",\"\"\n").map(\.fields) == [["", ""]])
    }

    @Test func emptyLinesAreSkippedButCounted() {
        let result = records("a\n\n\r\nb\n\n")
        #expect(result.map(\.fields) == [["a"], ["b"]])
        #expect(result.map(\.line) == [1, 4])
        #expect(records("").isEmpty)
        #expect(records("\n\n").isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() {
        let result = records(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8))
        #expect(result.map(\.fields) == [["id", "name"], ["1", "x"]])
        // Two of the three BOM bytes are data, not a BOM.
        let partial = records(bytes: [0xEF, 0xBB] + Array("x\n".utf8))
        #expect(partial.first?.problem?.kind == .invalidUTF8)
    }

    @Test func unicodeFieldsSurviveIntact() {
        let result = records("name,city\n\"王芳\",上海\n")
        #expect(result.last?.fields == ["王芳", "上海"])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpened() {
        let result = records("id,notes\n1,ok\n2,\"never closed\n3,more\n")
        #expect(result.count == 3)
        #expect(result[2].line == 3)
        #expect(result[2].problem == CSVProblem(kind: .unterminatedQuote, line: 3, field: 1))
    }

    @Test func strayQuotesAreReportedAndTheNextRecordIsFine() {
        let result = records("a,b\"c\n\"x\"y,z\nok,fine\n")
        #expect(result[0].problem == CSVProblem(kind: .strayQuote, line: 1, field: 1))
        #expect(result[1].problem == CSVProblem(kind: .textAfterQuote, line: 2, field: 0))
        #expect(result[2].problem == nil)
        #expect(result[2].fields == ["ok", "fine"])
    }

    @Test func invalidUTF8IsAProblem() {
        let result = records(bytes: Array("a,".utf8) + [0xC3, 0x28] + [10])
        #expect(result.first?.problem == CSVProblem(kind: .invalidUTF8, line: 1, field: 1))
    }

    /// The tokenizer pulls bytes one at a time, so it runs over any byte stream.
    @Test func streamsFromAnyByteIterator() {
        let bytes = Array("h1,h2\r\n\"multi\nline\",x\r\n".utf8)
        var offset = 0
        var pulls = 0
        let stream = AnyIterator<UInt8> {
            pulls += 1
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }
        var tokenizer = CSVTokenizer(stream)
        #expect(tokenizer.next()?.fields == ["h1", "h2"])
        #expect(pulls < bytes.count)  // the first record did not need the whole input
        let second = tokenizer.next()
        #expect(second?.fields == ["multi\nline", "x"])
        #expect(second?.line == 2)
        #expect(tokenizer.next() == nil)
    }
}
