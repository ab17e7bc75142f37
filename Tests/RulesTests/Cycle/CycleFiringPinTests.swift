import CustomerModel
import Rules
import Testing
import ValueModel

/// The firings of small synthetic nights, pinned: the ids (sorted) of every firing of the first
/// night, of the next night with the engine kept, and of the next night in a restarted host, and
/// the night's scores.
///
/// The values were taken from the cycle before the book's history was absorbed as columns; a
/// faster path must fire the same set.
@Suite struct CycleFiringPinTests {
    /// A digest of `texts` in the order given: 64-bit FNV-1a over each text's UTF-8 bytes and a
    /// separator, as 16 hexadecimal digits.
    static func digest(_ texts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts {
            for byte in text.utf8 + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The sorted ids of `firings` and their digest.
    static func pin(_ firings: [RuleFiring]) -> (count: Int, digest: String) {
        let ids = firings.map(\.id.rawValue).sorted()
        return (ids.count, digest(ids))
    }

    /// The night's scores: each scored client with its total in hundredths, in book order.
    static func pin(_ scores: BookScores?) -> String {
        var texts: [String] = []
        for kind in [CustomerKind.individual, .corporate] {
            guard let book = scores?.book(kind) else { continue }
            for row in 0..<book.count { texts.append("\(book.customers[row].rawValue)=\(book.totalHundredths[row])") }
        }
        return digest(texts)
    }

    @Test func theFirstAndNextNightFireThePinnedSets() async throws {
        let fixture = try await CycleFixture.make()
        let cycle = fixture.cycle()
        let day = fixture.today
        let first = try await cycle.run(asOf: day, until: fixture.morning(after: day))
        let next = day.adding(days: 1)
        fixture.clock.set(to: fixture.morning(after: next))
        let second = try await cycle.run(asOf: next, until: fixture.morning(after: next))

        let firstPin = Self.pin(first.firings)
        #expect(firstPin.count == 88)
        #expect(firstPin.digest == "ce2307151bc367ec")
        let secondPin = Self.pin(second.firings)
        #expect(secondPin.count == 40)
        #expect(secondPin.digest == "c550a5965584811f")
        #expect(Self.pin(first.scores) == "bbb30b08238957d5")
        #expect(Self.pin(second.scores) == "ec06ef18e17835b3")
    }

    @Test func aRestartedHostsNextNightFiresThePinnedSet() async throws {
        let fixture = try await CycleFixture.make()
        let journal = InMemoryCycleJournal()
        let day = fixture.today
        _ = try await fixture.cycle(journal: journal).run(asOf: day, until: fixture.morning(after: day))
        let next = day.adding(days: 1)
        fixture.clock.set(to: fixture.morning(after: next))
        let second = try await fixture.cycle(journal: journal).run(asOf: next, until: fixture.morning(after: next))

        let pin = Self.pin(second.firings)
        #expect(pin.count == 40)
        #expect(pin.digest == "c550a5965584811f")
    }

    @Test func aLargerBookFiresThePinnedSet() async throws {
        let fixture = try await CycleFixture.make(clients: 1_500, seed: 29)
        let cycle = fixture.cycle()
        let day = fixture.today
        let first = try await cycle.run(asOf: day, until: fixture.morning(after: day))

        let pin = Self.pin(first.firings)
        #expect(pin.count == 425)
        #expect(pin.digest == "beb4a074979a0a00")
        #expect(Self.pin(first.scores) == "a7d53c6e26cde6ff")
    }
}
