/// Logarithm and exponential computed with IEEE-754 basic operations only.
///
/// The platform's `log` and `exp` (glibc, Darwin's libm) may round the last bit differently, so
/// a generator that used them could give a different bank on another machine. These versions
/// use only `+ - * /`, which IEEE-754 rounds exactly the same everywhere, and are accurate to a
/// few units in the last place, far more than synthetic data needs.
enum DeterministicMath {
    private static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    private static let ln2Lo = 1.908_214_929_270_587_700_02e-10
    private static let sqrt2 = 1.414_213_562_373_095_145_47

    /// The natural logarithm of `x`; `-infinity` for 0 and NaN for negative input.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var m = x.significand  // [1, 2) for normal and subnormal numbers alike
        var k = Double(x.exponent)
        if m > sqrt2 {
            m *= 0.5
            k += 1
        }
        // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var sum = 1.0 / 23.0
        sum = sum * s2 + 1.0 / 21.0
        sum = sum * s2 + 1.0 / 19.0
        sum = sum * s2 + 1.0 / 17.0
        sum = sum * s2 + 1.0 / 15.0
        sum = sum * s2 + 1.0 / 13.0
        sum = sum * s2 + 1.0 / 11.0
        sum = sum * s2 + 1.0 / 9.0
        sum = sum * s2 + 1.0 / 7.0
        sum = sum * s2 + 1.0 / 5.0
        sum = sum * s2 + 1.0 / 3.0
        sum = sum * s2 + 1.0
        return 2 * s * sum + (k * ln2Lo) + k * ln2Hi
    }

    /// `e` raised to `x`; 0 below -745 and infinity above 709.78.
    static func exp(_ x: Double) -> Double {
        guard x.isFinite else { return x > 0 ? x : (x.isNaN ? x : 0) }
        if x > 709.78 { return .infinity }
        if x < -745.2 { return 0 }
        let k = (x / (ln2Hi + ln2Lo)).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo  // |r| <= 0.35
        // Taylor series to degree 14, Horner form (the constants fold at compile time).
        var p = 1.0 / 87_178_291_200.0
        p = p * r + 1.0 / 6_227_020_800.0
        p = p * r + 1.0 / 479_001_600.0
        p = p * r + 1.0 / 39_916_800.0
        p = p * r + 1.0 / 3_628_800.0
        p = p * r + 1.0 / 362_880.0
        p = p * r + 1.0 / 40_320.0
        p = p * r + 1.0 / 5_040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        return scale(p, Int(k))
    }

    /// `value * 2^power`, exact while the result is a normal number.
    private static func scale(_ value: Double, _ power: Int) -> Double {
        if power > 1000 {
            return Double(sign: .plus, exponent: 1000, significand: value)
                * Double(sign: .plus, exponent: power - 1000, significand: 1)
        }
        if power < -1000 {
            return Double(sign: .plus, exponent: -1000, significand: value)
                * Double(sign: .plus, exponent: power + 1000, significand: 1)
        }
        return Double(sign: .plus, exponent: power, significand: value)
    }

    /// `log(n!)`: exact sums below 256, Stirling's series above.
    static func logFactorial(_ n: Int) -> Double {
        if n < 2 { return 0 }
        if n < logFactorials.count { return logFactorials[n] }
        let x = Double(n)
        let inverse = 1 / x
        let inverse2 = inverse * inverse
        return x * log(x) - x + 0.5 * log(2 * Double.pi * x)
            + inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 / 1260))
    }

    private static let logFactorials: [Double] = {
        var table = [Double](repeating: 0, count: 256)
        for n in 2..<256 { table[n] = table[n - 1] + log(Double(n)) }
        return table
    }()
}
