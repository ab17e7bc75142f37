import CustomerModel
import Testing

@testable import Rules

/// Firing ids: built from the rule, version, client and occasion with a stable hash, the same in
/// every run and process.
@Suite struct FiringIDTests {
    /// FNV-1a's published test vectors: the hash is the standard one, not a per-process seed.
    @Test func theStableHashIsFNV1a() {
        var empty = StableHash()
        #expect(empty.hex == "6c62272e07bb014262b821756295c58d")
        empty.add(UInt8(ascii: "a"))
        #expect(empty.hex == "d228cb696f1a8caf78912b704e4a8964")
        let narrow: UInt64 = 0xaf63_dc4c_8601_ec8c & 0x7FFF_FFFF_FFFF_FFFF
        #expect(UInt64(empty.key) == narrow)
        var twice = StableHash()
        twice.add("ab")
        twice.add("c")
        var moved = StableHash()
        moved.add("a")
        moved.add("bc")
        #expect(twice.hex != moved.hex)
    }

    /// A fixed id, written down once: an id computed in any later run, process or machine equals it.
    @Test func anIdIsTheSameInEveryRun() throws {
        let day = try Day(parsing: "2026-06-01")
        let id = FiringID(rule: "AUM drop alert", version: 3, client: "C-1", occasion: .day(day))
        #expect(id.rawValue == "a848f44fee09efb2a385f66a6d62adb3")
        #expect(id.rawValue.count == 32)
        #expect(id == FiringID(rule: "AUM drop alert", version: 3, client: "C-1", occasion: .day(day)))
    }

    @Test func everyPartOfTheIdentityChangesTheId() throws {
        let day = try Day(parsing: "2026-06-01")
        let base = FiringID(rule: "R", version: 1, client: "C-1", occasion: .day(day))
        let others = [
            FiringID(rule: "R2", version: 1, client: "C-1", occasion: .day(day)),
            FiringID(rule: "R", version: 2, client: "C-1", occasion: .day(day)),
            FiringID(rule: "R", version: 1, client: "C-2", occasion: .day(day)),
            FiringID(rule: "R", version: 1, client: "C-1", occasion: .day(day.adding(days: 1))),
            FiringID(rule: "R", version: 1, client: "C-1", occasion: .date(day, subject: "maturity H-1 2026-07-01")),
            FiringID(rule: "R", version: 1, client: "C-1", occasion: .date(day, subject: "maturity H-2 2026-07-01")),
            FiringID(rule: "R", version: 1, client: "C-1", occasion: .event("transaction", id: "T-1")),
            FiringID(rule: "R", version: 1, client: "C-1", occasion: .event("failed-transaction", id: "T-1")),
            // Framed fields: moving a character from one field to the next is another id.
            FiringID(rule: "R", version: 1, client: "C-", occasion: .day(day)),
        ]
        #expect(Set(others + [base]).count == others.count + 1)
        // The occasion never shows a person's details.
        #expect(
            FiringOccasion.date(day, subject: "birthday spouse 1978-07-01 Zhang Min 2026-07-01").description
                == "date 2026-06-01"
        )
        #expect(FiringOccasion.event("transaction", id: "T-1").description == "event transaction T-1")
    }

    @Test func theEngineGivesEachFiringItsOccasionAndADistinctId() throws {
        var engine = try EngineTests.engine()
        let inflow = Transaction(
            id: "T-1",
            customer: "C-1",
            day: EngineTests.day("2026-06-01"),
            secondOfDay: 36_000,
            type: .deposit,
            direction: .inflow,
            amount: EngineTests.cny(2_000_000),
            channel: .branch
        )
        let event = try engine.record(.transaction(inflow))
        #expect(event.map(\.occasion) == [.event("transaction", id: "T-1")])
        let ticked = engine.tick(until: EngineTests.at("2026-07-10", 23, 59))
        let all = event + ticked
        #expect(all.count > 8)
        #expect(Set(all.map(\.id)).count == all.count)
        for firing in all {
            #expect(
                firing.id
                    == FiringID(
                        rule: firing.rule,
                        version: firing.version,
                        client: firing.client,
                        occasion: firing.occasion
                    )
            )
        }
        let maturities = ticked.filter { $0.rule == "Maturity reminder" }
        #expect(maturities.allSatisfy { $0.occasion.kind == .date && $0.occasion.day == $0.day })
        #expect(ticked.first { $0.rule == "AUM drop alert" }?.occasion == .day(EngineTests.day("2026-06-01")))
    }

    @Test func twoEnginesOverTheSameStreamGiveTheSameIds() throws {
        let run = { () throws -> [FiringID] in
            var engine = try EngineTests.engine()
            return engine.tick(until: EngineTests.at("2026-07-31", 23, 59)).map(\.id)
        }
        let first = try run()
        #expect(!first.isEmpty)
        #expect(try run() == first)
    }
}
