import CustomerModel
import Testing

struct ParallelismTests {
    @Test func widthIsClampedToOneToSixtyFour() {
        #expect(Parallelism(width: 0).width == 1)
        #expect(Parallelism(width: -3).width == 1)
        #expect(Parallelism(width: 4).width == 4)
        #expect(Parallelism(width: 1_000).width == 64)
        #expect(Parallelism.serial.width == 1)
        #expect((1...8).contains(Parallelism.automatic.width))
    }

    @Test func runSetsTheCurrentWidthForItsBodyOnly() {
        let before = Parallelism.current
        let inside = Parallelism(width: 3).run { Parallelism.current }
        #expect(inside.width == 3)
        #expect(Parallelism.current == before)
        let nested = Parallelism(width: 3).run { Parallelism.serial.run { Parallelism.current } }
        #expect(nested == .serial)
    }

    @Test func runPassesTheBodysTypedErrorThrough() {
        struct Refused: Error, Equatable {}
        let error = #expect(throws: Refused.self) {
            try Parallelism.serial.run { () throws(Refused) -> Int in throw Refused() }
        }
        #expect(error == Refused())
    }
}
