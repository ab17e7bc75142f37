import Foundation

/// Gauss's hypergeometric function for real arguments, evaluated robustly.
///
/// `₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ` (Abramowitz & Stegun 15.1.1), defined here for
/// `z < 1`, and for `z = 1` when `c − a − b > 0` (Gauss's theorem, A&S 15.1.20).
///
/// - The series is summed with each term carried as a logarithm and a sign and the running sum
///   rescaled, so large intermediate terms neither overflow nor underflow; it stops when a bound
///   on the remaining terms falls below 1e-17 of the sum, or throws after `maxTerms` terms.
/// - `z < 0` goes through Pfaff's transformation `₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1))`
///   (A&S 15.3.4), which maps the argument into `(0, 1)`.
/// - `z` close to 1 (`z > 0.75`) uses the connection formula to `1 − z` (A&S 15.3.6) when `c − a − b`
///   is not within 1e-3 of an integer, and otherwise Euler's transformation
///   `₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z)` (A&S 15.3.3) when it makes the terms decay
///   faster, then the series. Euler's transformation is also used whenever it turns the series
///   into a polynomial.
/// - A non-positive integer `c` (a pole) is rejected unless the series terminates before it.
///
/// Nothing here returns NaN or infinity: such cases throw ``LifetimeValueError``.
public enum Hypergeometric: Sendable {
    /// `₂F₁(a, b; c; z)`.
    /// - Throws: ``LifetimeValueError`` with `invalidInput` for non-finite arguments or `z > 1`,
    ///   `undefined` at a pole of `c` or a divergent `z = 1`, `notConverged` when the series needs
    ///   more than `maxTerms` terms, `numericalFailure` when the value overflows or cancellation
    ///   destroys its precision.
    public static func gauss2F1(
        _ a: Double,
        _ b: Double,
        _ c: Double,
        _ z: Double,
        maxTerms: Int = 1_000_000
    )
        throws(LifetimeValueError) -> Double
    {
        let (logValue, sign) = try logGauss2F1(a, b, c, z, maxTerms: maxTerms)
        guard sign != 0 else { return 0 }
        guard logValue < 709.78 else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "the value overflows a Double")
        }
        return sign * exp(logValue)
    }

    /// `ln|₂F₁(a, b; c; z)|` and its sign (`0` when the value is exactly zero), for values too large
    /// or small for a `Double`; see ``gauss2F1(_:_:_:_:maxTerms:)``.
    /// - Throws: as ``gauss2F1(_:_:_:_:maxTerms:)`` except for overflow.
    public static func logGauss2F1(
        _ a: Double,
        _ b: Double,
        _ c: Double,
        _ z: Double,
        maxTerms: Int = 1_000_000
    )
        throws(LifetimeValueError) -> (logMagnitude: Double, sign: Double)
    {
        guard a.isFinite, b.isFinite, c.isFinite, z.isFinite else {
            throw LifetimeValueError(.invalidInput, field: "2F1", "arguments must be finite")
        }
        guard z <= 1 else {
            throw LifetimeValueError(
                .invalidInput,
                field: "z",
                "2F1 is evaluated for z ≤ 1 only (z > 1 is on the branch cut)"
            )
        }
        if z == 0 || a == 0 || b == 0 { return (0, 1) }
        let aTerminates = isNonPositiveInteger(a)
        let bTerminates = isNonPositiveInteger(b)
        if isNonPositiveInteger(c) {
            let stopsBeforePole = (aTerminates && a > c) || (bTerminates && b > c)
            guard stopsBeforePole else {
                throw LifetimeValueError(.undefined, field: "c", "2F1 has a pole at a non-positive integer c")
            }
            return try series(a, b, c, z, maxTerms: maxTerms)
        }
        if aTerminates || bTerminates { return try series(a, b, c, z, maxTerms: maxTerms) }
        if isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b) {
            // Euler: the transformed series is a polynomial.
            let (l, s) = try series(c - a, c - b, c, z, maxTerms: maxTerms)
            return (l + (c - a - b) * log1p(-z), s)
        }
        if z == 1 {
            let d = c - a - b
            guard d > 0 else {
                throw LifetimeValueError(.undefined, field: "z", "2F1 diverges at z = 1 when c − a − b ≤ 0")
            }
            return gammaRatio(numerator: [c, d], denominator: [c - a, c - b])
        }
        if z < 0 {
            // Pfaff: the argument z/(z−1) lies in (0, 1).
            let w = z / (z - 1)
            let (l, s) = try logGauss2F1(a, c - b, c, w, maxTerms: maxTerms)
            return (l - a * log1p(-z), s)
        }
        if z > 0.75 {
            let d = c - a - b
            if abs(d - d.rounded()) > 1e-3, let value = try? connection(a, b, c, z, maxTerms: maxTerms) {
                return value
            }
            if d < 0 {
                let (l, s) = try series(c - a, c - b, c, z, maxTerms: maxTerms)
                return (l + d * log1p(-z), s)
            }
        }
        return try series(a, b, c, z, maxTerms: maxTerms)
    }

    static func isNonPositiveInteger(_ x: Double) -> Bool { x <= 0 && x == x.rounded() }

    /// `Π Γ(numerator) / Π Γ(denominator)` as a signed logarithm; a pole in the denominator gives 0.
    static func gammaRatio(numerator: [Double], denominator: [Double]) -> (logMagnitude: Double, sign: Double) {
        var logValue = 0.0
        var sign = 1.0
        for x in numerator {
            let (l, s) = Special.signedLogGamma(x)
            logValue += l
            sign *= s
        }
        for x in denominator {
            let (l, s) = Special.signedLogGamma(x)
            if s == 0 { return (-.infinity, 0) }
            logValue -= l
            sign *= s
        }
        return (logValue, sign)
    }

    /// The connection formula to `1 − z` (A&S 15.3.6), for `c − a − b` away from integers.
    static func connection(
        _ a: Double,
        _ b: Double,
        _ c: Double,
        _ z: Double,
        maxTerms: Int
    )
        throws(LifetimeValueError) -> (logMagnitude: Double, sign: Double)
    {
        let d = c - a - b
        let y = 1 - z
        let g1 = gammaRatio(numerator: [c, d], denominator: [c - a, c - b])
        let g2 = gammaRatio(numerator: [c, -d], denominator: [a, b])
        var parts: [(Double, Double)] = []
        if g1.sign != 0 {
            let f = try series(a, b, 1 - d, y, maxTerms: maxTerms)
            parts.append((g1.logMagnitude + f.logMagnitude, g1.sign * f.sign))
        }
        if g2.sign != 0 {
            let f = try series(c - a, c - b, 1 + d, y, maxTerms: maxTerms)
            parts.append((d * log(y) + g2.logMagnitude + f.logMagnitude, g2.sign * f.sign))
        }
        guard let high = parts.map(\.0).max(), high.isFinite else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "connection formula terms are not finite")
        }
        var total = 0.0
        for (l, s) in parts { total += s * exp(l - high) }
        // Losing more than 8 digits to cancellation: let the caller fall back to the series.
        guard abs(total) > 1e-8 else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "cancellation in the connection formula")
        }
        return (high + log(abs(total)), total < 0 ? -1 : 1)
    }

    /// The defining series summed in log space.
    static func series(
        _ a: Double,
        _ b: Double,
        _ c: Double,
        _ z: Double,
        maxTerms: Int
    )
        throws(LifetimeValueError) -> (logMagnitude: Double, sign: Double)
    {
        var logTerm = 0.0  // ln|term k|
        var termSign = 1.0
        var scale = 0.0  // the sum is `sum · e^scale`, scale = largest ln|term| so far
        var sum = 1.0
        let settle = max(abs(a), abs(b), abs(c)) + 2
        var k = 0.0
        while true {
            let ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            if ratio == 0 { break }  // a polynomial: the last term was added
            guard ratio.isFinite else {
                throw LifetimeValueError(.numericalFailure, field: "2F1", "a series term is not finite")
            }
            logTerm += log(abs(ratio))
            if ratio < 0 { termSign = -termSign }
            k += 1
            if logTerm > scale {
                sum *= exp(scale - logTerm)
                scale = logTerm
            }
            let term = exp(logTerm - scale)
            sum += termSign * term
            let next = abs((a + k) * (b + k) / ((c + k) * (k + 1)) * z)
            if k > settle, next < 1 {
                let rho = max(next, abs(z))
                if rho < 1, term * next / (1 - rho) <= 1e-17 * abs(sum) { break }
            }
            if k >= Double(maxTerms) {
                throw LifetimeValueError(
                    .notConverged,
                    field: "2F1",
                    "the series did not converge within \(maxTerms) terms"
                )
            }
        }
        guard sum != 0 else { return (-.infinity, 0) }
        // `scale` is the largest term: more than 12 digits of cancellation leaves nothing reliable.
        guard abs(sum) > 1e-12 else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "cancellation destroyed the series' precision")
        }
        return (scale + log(abs(sum)), sum < 0 ? -1 : 1)
    }
}
