import CustomerModel
import SyntheticBank
import Testing

@testable import Rules

/// The streaming path's cheap bookkeeping: facts from the holdings kept across days until a
/// holding opens or matures, and the integer table that holds each rule's last firing per client.
@Suite struct StreamingRefreshTests {
    static func day(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
    static func cny(_ units: Int64) -> Money { Money(minorUnits: units * 100, currency: .cny) }

    /// `aum` follows a time deposit that opens and later matures while events stream in, and a
    /// holding handed in mid-stream.
    @Test func aumFollowsHoldingsThatOpenAndMature() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "low aum"
              when on transaction
              if aum < 150k CNY
              then flag("low aum")
            end
            """
        )
        let record = ClientRecord(
            profile: CustomerProfile(
                id: "C-1",
                kind: .individual,
                name: "Ann",
                coverage: Coverage(relationshipManager: nil, branch: "B-1")
            ),
            holdings: [
                Holding(
                    id: "H-1",
                    customer: "C-1",
                    product: .demandDeposit,
                    productCode: "DD",
                    balance: Self.cny(100_000),
                    openedOn: Self.day("2020-01-01")
                ),
                Holding(
                    id: "H-2",
                    customer: "C-1",
                    product: .timeDeposit,
                    productCode: "TD",
                    balance: Self.cny(100_000),
                    openedOn: Self.day("2026-06-05"),
                    maturesOn: Self.day("2026-06-10")
                ),
            ]
        )
        let calendar = BankCalendar.china
        var engine = try RuleEngine(
            rules: rules,
            clients: [record],
            calendar: calendar,
            start: calendar.start(of: Self.day("2026-06-01"))
        )
        func fires(on date: String, _ n: Int) throws -> Bool {
            let t = Transaction(
                id: TransactionID("T-\(n)"),
                customer: "C-1",
                day: Self.day(date),
                type: .cardSpend,
                direction: .outflow,
                amount: Self.cny(10),
                channel: .pos,
                merchantCategory: .dining
            )
            return try !engine.record(.transaction(t)).isEmpty
        }
        #expect(try fires(on: "2026-06-02", 1))  // 100k: the deposit is not open yet
        #expect(try fires(on: "2026-06-04", 2))
        #expect(try !fires(on: "2026-06-05", 3))  // opened: 200k
        #expect(try !fires(on: "2026-06-09", 4))
        #expect(try fires(on: "2026-06-10", 5))  // matured: 100k again
        #expect(try fires(on: "2026-06-11", 6))
        _ = try engine.record(
            .holding(
                Holding(
                    id: "H-3",
                    customer: "C-1",
                    product: .fund,
                    productCode: "F",
                    balance: Self.cny(60_000),
                    openedOn: Self.day("2026-06-01")
                )
            )
        )
        #expect(try !fires(on: "2026-06-11", 7))  // a new holding on the same day: 160k
    }

    @Test func integerTableKeepsEveryKey() {
        var table = IntegerTable()
        var reference: [Int64: Int32] = [:]
        var g = SeededGenerator(seed: 7)
        for i in 0..<5_000 {
            let key = Int64(g.nextInt(below: 3_000)) * 100_003 + Int64(g.nextInt(below: 100_000))
            table.set(Int32(i), for: key)
            reference[key] = Int32(i)
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value) }
        #expect(table[Int64(4_000) * 100_003] == nil)
    }
}
