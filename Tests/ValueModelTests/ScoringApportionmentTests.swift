import SyntheticBank
import Testing

@testable import ValueModel

@Suite("Largest-remainder apportionment")
struct ScoringApportionmentTests {
    @Test func partsAddUpToTheRoundedTotalAndStayWithinOneHundredth() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let count = 1 + generator.nextInt(below: 12)
            let exact = (0..<count).map { _ in Double(generator.nextInt(below: 1_000_000)) / 997 }
            let total = Int((exact.reduce(0, +)).rounded())
            let parts = Apportionment.apportion(exact, total: total)
            #expect(parts.reduce(0, +) == total)
            for (part, value) in zip(parts, exact) {
                #expect(part == Int(value.rounded(.down)) || part == Int(value.rounded(.down)) + 1)
            }
        }
    }

    @Test func unitsGoToTheLargestRemaindersTiesToTheEarlierPart() {
        #expect(Apportionment.apportion([1.5, 2.5, 3.0], total: 8) == [2, 3, 3])
        #expect(Apportionment.apportion([1.5, 2.5, 3.0], total: 7) == [2, 2, 3])
        #expect(Apportionment.apportion([0.2, 0.9, 0.9], total: 1) == [0, 1, 0])
        // A total below the floors (floating-point noise) takes units back from the smallest remainders.
        #expect(Apportionment.apportion([1.0, 2.25, 3.5], total: 5) == [0, 2, 3])
        // Nothing to take from: the parts stay at zero.
        #expect(Apportionment.apportion([0, 0], total: -1) == [0, 0])
        var parts = [7, 7, 7, 7]
        Apportionment.apportion([0.4, 9, 0.6, 9], [0, 2], total: 1, into: &parts)
        #expect(parts == [0, 7, 1, 7])
    }
}
