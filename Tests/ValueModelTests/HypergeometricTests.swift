import Foundation
import Testing
import ValueModel

struct HypergeometricTests {
    /// Reference values from mpmath's `hyp2f1` at 50 digits.
    @Test(arguments: [
        (0.5, 0.5, 1.5, 0.25, 1.047_197_551_196_597_7),  // arcsin(1/2)/(1/2) = π/3
        (1.0, 1.0, 2.0, 0.9, 2.558_427_881_104_495_4),  // −ln(1−z)/z
        (2.5, 1.5, 3.2, 0.99, 89.105_087_139_525_348),  // near 1: connection formula
        (0.243, 2.426, 2.219, 0.95, 2.446_186_677_030_991_7),
        (3.0, 4.0, 2.5, -5.0, -0.000_227_824_369_168_456_33),  // Pfaff
        (0.3, 0.7, -0.4, 0.6, -0.483_924_786_598_465_72),  // negative non-integer c
        (1.5, 2.5, 1.2, 0.97, 23_842.971_631_527_582),
        (2.0, 3.0, 4.0, 0.999, 2_967.443_900_663_837_9),  // c − a − b integer: Euler + series
        (10.0, 12.0, 5.5, 0.5, 570_783.818_183_615_84),
        (-3.0, 2.0, 1.5, 0.8, -0.064_228_571_428_571_421),  // polynomial
        (1.2, 0.8, 0.5, -0.3, 0.591_298_301_649_075_43),
        (5.0, 5.0, 10.000_000_1, 0.9999, 3_187.987_344_599_205_7),
    ])
    func matchesReference(_ a: Double, _ b: Double, _ c: Double, _ z: Double, _ expected: Double) throws {
        let value = try Hypergeometric.gauss2F1(a, b, c, z)
        #expect(abs(value / expected - 1) < 1e-11, "2F1(\(a), \(b); \(c); \(z)) = \(value), expected \(expected)")
    }

    @Test func specialValues() throws {
        #expect(try Hypergeometric.gauss2F1(1, 2, 3, 0) == 1)
        // Gauss's theorem at z = 1: Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) = Γ(4)Γ(1)/(Γ(2)Γ(3)) = 3.
        #expect(abs(try Hypergeometric.gauss2F1(1, 2, 4, 1) - 3) < 1e-13)
        // (1−z)^−a when b = c.
        #expect(abs(try Hypergeometric.gauss2F1(0.7, 2.2, 2.2, 0.95) / pow(0.05, -0.7) - 1) < 1e-12)
        let (logValue, sign) = try Hypergeometric.logGauss2F1(400, 500, 2, 0.9)
        #expect(sign == 1 && logValue.isFinite && logValue > 709)
    }

    @Test func undefinedArgumentsThrow() {
        #expect(lifetimeError { _ = try Hypergeometric.gauss2F1(1, 1, 2, 1.5) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try Hypergeometric.gauss2F1(1, 1, -2, 0.5) }?.code == .undefined)
        #expect(lifetimeError { _ = try Hypergeometric.gauss2F1(2, 1, 3, 1) }?.code == .undefined)
        #expect(lifetimeError { _ = try Hypergeometric.gauss2F1(.nan, 1, 3, 0.2) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try Hypergeometric.gauss2F1(400, 500, 2, 0.9) }?.code == .numericalFailure)
        #expect(
            lifetimeError { _ = try Hypergeometric.gauss2F1(2, 3, 4, 0.999_999_9, maxTerms: 1000) }?.code
                == .notConverged
        )
    }
}
