import Foundation
import Testing

@testable import ValueModel

/// The counting path of ``QuintileCuts`` (straight from a book's columns, active rows only) against
/// the selection path over the gathered values, on random columns with ties, masks and spans from
/// a handful of values to the whole `Int64` range.
@Suite("Quintile cuts counted from columns")
struct CountedCutsTests {
    /// The cuts counted from `values` where `mask` is positive, and from the gathered values.
    private func both<Value: FixedWidthInteger & SignedInteger>(
        _ values: [Value],
        _ mask: [Int32]
    )
        -> (counted: QuintileCuts, selected: QuintileCuts)
    {
        let active = zip(values, mask).filter { $0.1 > 0 }.map { Int64($0.0) }
        let counted = values.withUnsafeBufferPointer { values in
            mask.withUnsafeBufferPointer { mask in
                QuintileCuts.compute(
                    values,
                    where: mask,
                    count: active.count,
                    lowest: active.min() ?? 0,
                    highest: active.max() ?? 0
                )
            }
        }
        return (counted, QuintileCuts(values: active))
    }

    @Test(arguments: [(3, 1), (5, 7), (11, 300), (13, 5_000), (17, 20_000)])
    func countingGivesTheSelectedCuts(seed: UInt64, count: Int) {
        var random = TestRandom(state: seed)
        // Heavy ties, a day-like span, a span just past the direct histogram, amounts, the extremes.
        let spreads: [UInt64] = [3, 400, 70_000, 1 << 40, .max]
        for spread in spreads {
            for activeShare in [0.0, 0.3, 1.0] {
                let mask = (0..<count).map { _ in random.uniform() < activeShare ? Int32(1 + random.int(0..<5)) : 0 }
                let values = (0..<count).map { _ -> Int64 in
                    spread == .max ? Int64(bitPattern: random.next()) : Int64(random.next() % spread) - 9
                }
                let (counted, selected) = both(values, mask)
                #expect(counted == selected, "spread \(spread), share \(activeShare), n \(count)")
            }
        }
    }

    @Test func clusteredAmountsAndLongTiesGiveTheSelectedCuts() {
        var random = TestRandom(state: 99)
        let n = 12_000
        // Most values in one narrow cluster far from an outlier: one bracket holds several cuts.
        var clustered = (0..<n).map { _ in 5_000_000_000 + Int64(random.int(0..<1_000)) }
        clustered[17] = 0
        clustered[11_000] = Int64.max / 2
        // Log-normal-like amounts, and a column where 60% share one value.
        let spread = (0..<n).map { _ in Int64(exp(random.uniform() * 25)) }
        let tied = (0..<n).map { i in i % 5 < 3 ? Int64(123_456_789) : Int64(random.int(0..<1 << 30)) * 1_000 }
        let every = [Int32](repeating: 1, count: n)
        let some = (0..<n).map { Int32($0 % 3 == 0 ? 0 : 2) }
        for values in [clustered, spread, tied, clustered.map { -$0 }] {
            for mask in [every, some] {
                let (counted, selected) = both(values, mask)
                #expect(counted == selected)
            }
        }
        // Day numbers and counts (Int32 columns) take the histogram path.
        let days = (0..<n).map { _ in Int32(20_000 + random.int(0..<365)) }
        let (counted, selected) = both(days, some)
        #expect(counted == selected && counted.cuts.count == 4)
    }

    @Test func bracketsAreMonotoneAndExactBelow256() {
        var random = TestRandom(state: 5)
        var samples: [UInt64] = Array(0...600) + [.max, .max - 1, 1 << 63, (1 << 63) - 1]
        for _ in 0..<20_000 { samples.append(random.next() >> UInt64(random.int(0..<64))) }
        samples.sort()
        for (a, b) in zip(samples, samples.dropFirst()) {
            #expect(QuintileCuts.bracket(a) <= QuintileCuts.bracket(b))
        }
        #expect((0..<256).allSatisfy { QuintileCuts.bracket(UInt64($0)) == $0 })
        #expect(samples.allSatisfy { QuintileCuts.bracket($0) < QuintileCuts.bracketCount })
        #expect(QuintileCuts.bracket(.max) == QuintileCuts.bracketCount - 1)
    }
}
