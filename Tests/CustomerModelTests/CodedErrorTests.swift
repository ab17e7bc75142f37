import CustomerModel
import Testing

/// CustomerModel's errors share one shape: a code, a location and a message, so a host handles
/// any of them with one generic function.
struct CodedErrorTests {
    /// What a host's log line would hold: code, location and message, read through the protocol.
    static func logLine(_ error: some CodedError) -> String {
        "\(error.code) at \(error.location): \(error.message)"
    }

    @Test func aStoreErrorNamesClientRecordAndField() {
        let error = StoreError(.invalid, customer: "C-1", record: "T-9", field: "amount", "must be positive")
        #expect(error.location == ErrorLocation(customer: "C-1", record: "T-9", field: "amount"))
        #expect(Self.logLine(error) == "invalid at client C-1, record T-9, field amount: must be positive")
    }

    @Test func aTierLadderErrorFromJSONCarriesItsPathLineAndColumn() throws {
        let text =
            #"{"name": "x", "currency": "CNY", "tiers": [{"id": "a", "displayName": "A", "minimumAUM": "lots"}]}"#
        let error = try #require(throws: TierLadderError.self) { try TierLadder(json: text) }
        #expect(error.location == ErrorLocation(field: "tiers[0].minimumAUM", line: 1, column: 90))
        #expect(Self.logLine(error).hasPrefix("wrongType at line 1, column 90, field tiers[0].minimumAUM: "))
    }

    @Test func aJSONSyntaxErrorIsLocatedWhereParsingStopped() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONDocument(parsing: "{\"a\": 1,\n  }") }
        #expect(error.code == .invalidJSON)
        #expect(error.location == ErrorLocation(error.position))
        #expect(error.location.line == 2)
        #expect(error.location.column == error.position.column)
    }

    @Test func anImportErrorNamesFileLineAndField() {
        let error = ImportError(.invalidDate, file: "clients.csv", line: 3, field: "birthDate", "not a date")
        #expect(Self.logLine(error) == "invalidDate at file clients.csv, line 3, field birthDate: not a date")
    }

    @Test func aValueErrorHasOneCodeAndItsField() {
        let error = ValueError(field: "currency", "not an ISO 4217 code")
        #expect(error.code == .invalidValue)
        #expect(error.location == ErrorLocation(field: "currency"))
    }

    @Test func anUnknownPositionGivesNoLineOrColumn() {
        #expect(ErrorLocation(SourcePosition.unknown, field: "name") == ErrorLocation(field: "name"))
        #expect(ErrorLocation().isEmpty)
        #expect(ErrorLocation().description == "nowhere in particular")
    }

    @Test func jsonPositionIsTheOneSourcePosition() {
        let position: JSONPosition = SourcePosition(line: 2, column: 5, offset: 14)
        #expect(position.description == "line 2, column 5")
        #expect(SourcePosition.unknown.description == "unknown position")
        #expect(SourcePosition.start < position)
    }
}
