import CustomerModel
import Rules
import Testing
import ValueModel

/// ValueModel's and Rules' errors share CustomerModel's coded-error shape.
struct CodedErrorShapeTests {
    /// Code, location and message of any coded error, read through the protocol.
    static func parts(_ error: some CodedError) -> (code: String, location: ErrorLocation, message: String) {
        ("\(error.code)", error.location, error.message)
    }

    @Test func aScoringModelErrorFromJSONCarriesItsPathLineAndColumn() throws {
        let error = try #require(throws: ScoringModelError.self) {
            try ScoringModel(json: "{\"id\": \"m\",\n \"version\": 3}")
        }
        let parts = Self.parts(error)
        #expect(parts.code == error.code.description)
        #expect(parts.location.field == error.path.description)
        #expect(parts.location.line == error.line)
        #expect(parts.location.column == error.column)
    }

    @Test func valueModelErrorsNameClientRowRecordAndField() {
        let activity = ActivityError(.negativeAmount, customer: "C-1", row: 4, field: "amount", "negative")
        #expect(Self.parts(activity).location == ErrorLocation(customer: "C-1", row: 4, field: "amount"))
        let lifetime = LifetimeValueError(.insufficientData, customer: "C-2", row: 7, "too few purchases")
        #expect(Self.parts(lifetime).location == ErrorLocation(customer: "C-2", row: 7))
        let input = ScoringInputError(.overflow, customer: "C-3", indicator: "aum_avg_90d", field: "values", "overflow")
        #expect(Self.parts(input).location == ErrorLocation(customer: "C-3", field: "aum_avg_90d.values"))
    }

    @Test func rulesErrorsNameFactRowAndClient() {
        let frame = FactFrameError(.rowOutOfRange, fact: "aum.change", row: 12, "no row 12")
        #expect(Self.parts(frame).location == ErrorLocation(row: 12, field: "aum.change"))
        let catalogue = FactCatalogueError(.invalidDeclaration, fact: "wallet_share", "empty description")
        #expect(Self.parts(catalogue).location == ErrorLocation(field: "wallet_share"))
        let engine = RuleEngineError(.unknownClient, client: "C-9", "not loaded")
        #expect(Self.parts(engine).location == ErrorLocation(customer: "C-9"))
        let handler = ActionHandlerError(.unavailable, "the sink is down")
        #expect(Self.parts(handler).location.isEmpty)
        #expect(Self.parts(handler).code == "unavailable")
    }
}
