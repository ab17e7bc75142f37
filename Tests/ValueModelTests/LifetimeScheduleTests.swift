import Foundation
import Testing

@testable import ValueModel

/// The lifetime-value schedule's closed form after Euler's transformation against the general
/// negative-binomial series, horizon by horizon.
@Suite("Lifetime schedule")
struct LifetimeScheduleTests {
    @Test func theTransformedClosedFormMatchesTheSeries() throws {
        let horizons = (1...12).map { Double($0) * 30.4 }
        let parameters = [
            try BGNBDParameters(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426),
            try BGNBDParameters(r: 1.8, alpha: 60, a: 0.4, b: 3.1),
            try BGNBDParameters(r: 0.9, alpha: 12, a: 2.7, b: 9.5),
            try BGNBDParameters(r: 3.5, alpha: 200, a: 1.4, b: 0.6),
        ]
        var fast = 0
        for p in parameters {
            for (x, tx, age) in [
                (0, 0.0, 120.0), (1, 30, 300), (3, 200, 365), (12, 340, 365), (90, 360, 365), (400, 700, 720),
            ] {
                let together = try p.conditionalExpectations(horizons, Double(x), tx, age)
                if p.eulerExpectations(horizons, x: Double(x), scale: p.alpha + age) != nil { fast += 1 }
                for (t, value) in zip(horizons, together) {
                    // The general negative-binomial series, horizon by horizon.
                    let alone =
                        try BGNBDParameters.aliveExpectation(
                            m: p.r + Double(x),
                            b: p.b + Double(x),
                            c: p.a + p.b + Double(x),
                            s: t / (p.alpha + age),
                            aMinusOne: p.a - 1
                        ) * p.aliveProbability(Double(x), tx, age)
                    #expect(abs(try p.conditionalExpectation(t, Double(x), tx, age) - alone) <= 1e-11 * alone)
                    #expect(value.isFinite && value >= 0)
                    #expect(abs(value - alone) <= 1e-11 * max(alone, 1e-300), "x \(x), t \(t), \(p)")
                }
            }
        }
        #expect(fast >= 16)
        // Near a = 1 (the book the lifetimes comparison fits has a = 1.04) the closed form holds.
        for a in [1.04, 1.0001, 0.9999] {
            let nearOne = try BGNBDParameters(r: 0.5, alpha: 10, a: a, b: 2)
            let values = try #require(nearOne.eulerExpectations(horizons, x: 5, scale: 110))
            for (t, value) in zip(horizons, values) {
                let series = try BGNBDParameters.aliveExpectation(
                    m: 5.5,
                    b: 7,
                    c: a + 7,
                    s: t / 110,
                    aMinusOne: a - 1
                )
                #expect(abs(value - series) <= 1e-10 * series, "a \(a), t \(t)")
            }
        }
        #expect(try BGNBDParameters(r: 0.5, alpha: 10, a: 1, b: 2).eulerExpectations(horizons, x: 5, scale: 110) == nil)
    }
}
