import ClienteleSupport
import Synchronization
import Testing

struct ParallelWorkTests {
    @Test(arguments: [1, 2, 3, 8])
    func rangesCoverEveryIndexOnceAndNeverExceedTheWidth(width: Int) {
        ParallelWork.$width.withValue(width) {
            let ranges = ParallelWork.ranges(100_000, minimumChunk: 1_000)
            #expect(ranges.count <= width)
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == 100_000)
            for (left, right) in zip(ranges, ranges.dropFirst()) { #expect(left.upperBound == right.lowerBound) }
        }
    }

    @Test(arguments: [1, 2, 3])
    func runCallsEveryChunkOnceWithAtMostWidthAtATime(width: Int) {
        let running = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let calls = Mutex<[Int]>([])
        ParallelWork.$width.withValue(width) {
            ParallelWork.run(12) { k in
                let now = running.add(1, ordering: .sequentiallyConsistent).newValue
                _ = peak.max(now, ordering: .sequentiallyConsistent)
                calls.withLock { $0.append(k) }
                _ = running.subtract(1, ordering: .sequentiallyConsistent)
            }
        }
        #expect(calls.withLock { $0.sorted() } == Array(0..<12))
        #expect(peak.load(ordering: .sequentiallyConsistent) <= width)
    }

    @Test func mapReturnsResultsInIndexOrderWhateverTheWidth() {
        let serial = ParallelWork.$width.withValue(1) { ParallelWork.map(count: 50) { $0 * $0 } }
        let parallel = ParallelWork.$width.withValue(4) { ParallelWork.map(count: 50) { $0 * $0 } }
        #expect(serial == (0..<50).map { $0 * $0 })
        #expect(parallel == serial)
        #expect(ParallelWork.map(count: 0) { $0 }.isEmpty)
    }

    @Test func theDefaultWidthIsOneToEight() {
        #expect((1...8).contains(ParallelWork.defaultWidth))
        #expect(ParallelWork.width == ParallelWork.defaultWidth)
    }
}
