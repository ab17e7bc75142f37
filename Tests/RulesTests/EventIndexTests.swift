import CustomerModel
import Rules
import Testing

/// The engine's event index: rules whose demands on the event's type, direction, channel and
/// merchant rule an event out are skipped, and the firings are exactly those of the conditions.
@Suite struct EventIndexTests {
    static let text = """
        rule "Air"
          when on transaction
          if transaction.merchant = air_travel and transaction.amount > 1k CNY
          then flag("air")
        end
        rule "Cash out"
          when on transaction
          if transaction.type in [withdrawal, transfer_out] and transaction.direction = outflow
          then flag("cash")
        end
        rule "Either"
          when on transaction
          if transaction.direction = inflow or transaction.amount > 5k CNY
          then flag("either")
        end
        rule "Not air"
          when on transaction
          if not (transaction.merchant = air_travel)
          then flag("not air")
        end
        """

    @Test func onlyAdmittedRulesFireAndMissingValuesFollowTheRule() throws {
        let rules = try RuleCompiler().compile(Self.text)
        let client = ClientRecord(
            profile: CustomerProfile(
                id: "C-1",
                kind: .individual,
                name: "A",
                coverage: Coverage(relationshipManager: nil, branch: "B")
            )
        )
        var engine = try RuleEngine(
            rules: rules,
            clients: [client],
            calendar: .china,
            start: EngineTests.at("2026-06-01", 0)
        )
        func fired(
            _ id: String,
            _ type: TransactionType,
            _ direction: Direction,
            _ amount: Int64,
            merchant: MerchantCategory? = nil
        ) throws -> [String] {
            let t = Transaction(
                id: TransactionID(id),
                customer: "C-1",
                day: EngineTests.day("2026-06-02"),
                type: type,
                direction: direction,
                amount: EngineTests.cny(amount),
                channel: .pos,
                merchantCategory: merchant
            )
            return try engine.record(.transaction(t)).map(\.rule).sorted()
        }
        #expect(try fired("1", .cardSpend, .outflow, 2_000, merchant: .airTravel) == ["Air"])
        #expect(try fired("2", .cardSpend, .outflow, 2_000, merchant: .dining) == ["Not air"])
        // No merchant: `merchant = air_travel` is false, and so is its negation's inner test, so `not` holds.
        #expect(try fired("3", .withdrawal, .outflow, 9_000) == ["Cash out", "Either", "Not air"])
        #expect(try fired("4", .deposit, .inflow, 100) == ["Either", "Not air"])
        #expect(try fired("5", .transferOut, .outflow, 100) == ["Cash out", "Not air"])
        // The same signature again (cached rule subset) gives the same answer.
        #expect(try fired("6", .cardSpend, .outflow, 3_000, merchant: .airTravel) == ["Air"])
    }
}
