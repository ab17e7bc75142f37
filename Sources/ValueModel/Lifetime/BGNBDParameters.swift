import ClienteleSupport
import Foundation

/// The parameters of the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the
/// Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2)).
///
/// While alive a client buys as a Poisson process of rate `λ ~ Gamma(r, α)` (shape `r`, rate `α`,
/// in the summaries' time unit); after each purchase they drop out with probability
/// `p ~ Beta(a, b)`. On CDNOW (weeks) the published estimates are `r = 0.243, α = 4.414,
/// a = 0.793, b = 2.426`.
public struct BGNBDParameters: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Shape of the purchase-rate gamma distribution.
    public let r: Double
    /// Rate (inverse scale) of the purchase-rate gamma distribution, in time units.
    public let alpha: Double
    /// First shape of the dropout-probability beta distribution.
    public let a: Double
    /// Second shape of the dropout-probability beta distribution.
    public let b: Double

    /// Creates parameters.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` naming the first that is not positive and finite.
    public init(r: Double, alpha: Double, a: Double, b: Double) throws(LifetimeValueError) {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] where !(value.isFinite && value > 0) {
            throw LifetimeValueError(.invalidInput, field: name, "BG/NBD parameters must be positive and finite")
        }
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    init(unchecked r: Double, _ alpha: Double, _ a: Double, _ b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    private enum CodingKeys: String, CodingKey { case r, alpha, a, b }

    /// Decodes `{"r":…, "alpha":…, "a":…, "b":…}`, validating as ``init(r:alpha:a:b:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            r: container.decode(Double.self, forKey: .r),
            alpha: container.decode(Double.self, forKey: .alpha),
            a: container.decode(Double.self, forKey: .a),
            b: container.decode(Double.self, forKey: .b)
        )
    }

    /// Encodes the four parameters.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(r, forKey: .r)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
    }

    /// `r=0.243 alpha=4.414 a=0.793 b=2.426`.
    public var description: String { "r=\(r) alpha=\(alpha) a=\(a) b=\(b)" }
}

/// A fitted BG/NBD model: the maximum-likelihood parameters and the fit's report.
public struct BGNBDFit: Hashable, Sendable {
    /// The estimates.
    public var parameters: BGNBDParameters
    /// Log-likelihood, standard errors (order `r, alpha, a, b`), convergence diagnostics.
    public var report: MaximumLikelihoodReport
}

extension BGNBDParameters {
    /// One client's log-likelihood (FHL 2005 eq. 6, in log space):
    ///
    /// `ln L = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    ///   + ln[(α+T)^−(r+x) + 𝟙(x>0) · a/(b+x−1) · (α+t_x)^−(r+x)]`,
    ///
    /// the last term by log-sum-exp.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` for `x < 0`, `t_x` outside `[0, T]`, or
    ///   `t_x ≠ 0` with `x = 0`.
    public func logLikelihood(frequency x: Int, recency tx: Double, age t: Double) throws(LifetimeValueError) -> Double
    {
        try Self.check(frequency: x, recency: tx, age: t)
        let xd = Double(x)
        // Σ_{k<x} [ln(r+k) + ln(1 − a/(a+b+k))] = lnΓ(r+x) − lnΓ(r) + ln B(a, b+x) − ln B(a, b).
        var value = 0.0
        if x <= 10_000 {
            for k in 0..<x { value += log(r + Double(k)) + log1p(-a / (a + b + Double(k))) }
        } else {
            value = Special.logGamma(r + xd) - Special.logGamma(r) + Special.logBeta(a, b + xd) - Special.logBeta(a, b)
        }
        // r ln α − (r+x) ln(α+T) = −r ln(1+T/α) − x ln(α+T), accurate for large α.
        let a3 = -r * log1p(t / alpha) - xd * log(alpha + t)
        if x > 0 {
            let a4 = log(a) - log(b + xd - 1) - r * log1p(tx / alpha) - xd * log(alpha + tx)
            value += Special.logAddExp(a3, a4)
        } else {
            value += a3
        }
        return try finite(value, "logLikelihood")
    }

    /// The total log-likelihood of a book of clients, the quantity ``BGNBDModel/fit(_:options:)`` maximises.
    /// - Throws: ``LifetimeValueError/Code/numericalFailure`` if it is not finite.
    public func logLikelihood(_ summaries: CustomerSummaries) throws(LifetimeValueError) -> Double {
        let likelihood = BGNBDLikelihood(BGNBDData(summaries))
        return try finite(-likelihood.negativeLogLikelihood([log(r), log(alpha), log(a), log(b)]), "logLikelihood")
    }

    /// The probability that a client with history `(x, t_x, T)` is still alive at `T`
    /// (FHL 2005 eq.
    ///
    /// 13): `1` when `x = 0`, else
    /// `1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))`, evaluated as `exp(−softplus(D))` with
    /// `D = ln a − ln(b+x−1) + (r+x)(ln(α+T) − ln(α+t_x))` so it never overflows.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` for an invalid history.
    public func probabilityAlive(
        frequency x: Int,
        recency tx: Double,
        age t: Double
    ) throws(LifetimeValueError) -> Double {
        try Self.check(frequency: x, recency: tx, age: t)
        return aliveProbability(Double(x), tx, t)
    }

    /// `E[Y(t) | x, t_x, T]`: the expected number of transactions in the next `t` time units of a
    /// client with history `(x, t_x, T)` (FHL 2005 eq. 10):
    ///
    /// `E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)`.
    ///
    /// The closed form has removable singularities at `a = 1` and, for `x = 0`, at `a + b = 1`,
    /// and cancels catastrophically near them (the source of NaNs in other implementations). It is
    /// evaluated instead term by term with the factor `(a+b+x−1)/(a−1)` moved inside the
    /// ₂F₁ series, which gives the equivalent positive series
    ///
    /// `E[Y | alive] = Σ_{k≥0} P(N > k) · (b+x)ₖ / (a+b+x)ₖ`,  `N ~ NegBin(r+x, z = t/(α+T+t))`
    ///
    /// (using `Σ_{k<j} (B)ₖ/(C+1)ₖ = C/(C−B) · [1 − (B)ⱼ/(C)ⱼ]`), finite for every `a, b > 0`
    /// including `x = 0` with `a + b < 1`. For long horizons needing more than 20,000 terms the
    /// closed form is used through ``Hypergeometric/logGauss2F1(_:_:_:_:maxTerms:)`` (connection
    /// formula near `z = 1`) when it is well conditioned (`|a − 1| > 0.05`, `a+b+x−1 > 0.05`).
    /// - Throws: ``LifetimeValueError``: `invalidInput` for an invalid history or `t`,
    ///   `notConverged` when the series needs more than 5,000,000 terms (a horizon tens of
    ///   thousands of times `α + T`).
    public func expectedTransactions(
        in t: Double,
        frequency x: Int,
        recency tx: Double,
        age T: Double
    )
        throws(LifetimeValueError) -> Double
    {
        try Self.check(frequency: x, recency: tx, age: T)
        try Self.check(horizon: t)
        return try conditionalExpectation(t, Double(x), tx, T)
    }

    /// `E[X(t)]`: the expected number of repeat transactions in `(0, t]` of a client who has just
    /// made a first purchase (FHL 2005 eq.
    ///
    /// 7):
    /// `(a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]`, evaluated with the same
    /// cancellation-free series as ``expectedTransactions(in:frequency:recency:age:)`` (it equals the
    /// conditional expectation with `x = t_x = T = 0`).
    /// - Throws: ``LifetimeValueError`` as ``expectedTransactions(in:frequency:recency:age:)``.
    public func expectedTransactions(in t: Double) throws(LifetimeValueError) -> Double {
        try Self.check(horizon: t)
        return try conditionalExpectation(t, 0, 0, 0)
    }

    /// ``probabilityAlive(frequency:recency:age:)`` for every client, in order.
    public func probabilityAlive(_ summaries: CustomerSummaries) -> [Double] {
        (0..<summaries.count).map {
            aliveProbability(Double(summaries.frequency[$0]), summaries.recency[$0], summaries.age[$0])
        }
    }

    /// ``expectedTransactions(in:frequency:recency:age:)`` for every client, in order, computed
    /// across the cores.
    /// - Throws: the first client's error, naming the client.
    public func expectedTransactions(
        in t: Double,
        _ summaries: CustomerSummaries
    ) throws(LifetimeValueError) -> [Double] {
        try Self.check(horizon: t)
        return try Self.perClient(summaries) { i throws(LifetimeValueError) in
            try conditionalExpectation(
                t,
                Double(summaries.frequency[i]),
                summaries.recency[i],
                summaries.age[i]
            )
        }
    }
}

extension BGNBDParameters {
    static func check(frequency x: Int, recency tx: Double, age t: Double) throws(LifetimeValueError) {
        guard x >= 0 else {
            throw LifetimeValueError(.invalidInput, field: "frequency", "frequency must not be negative")
        }
        guard t.isFinite, t >= 0 else {
            throw LifetimeValueError(.invalidInput, field: "age", "age must be finite and not negative")
        }
        guard tx.isFinite, tx >= 0, tx <= t else {
            throw LifetimeValueError(.invalidInput, field: "recency", "recency must lie between 0 and age")
        }
        guard x > 0 || tx == 0 else {
            throw LifetimeValueError(.invalidInput, field: "recency", "recency must be 0 when frequency is 0")
        }
    }

    static func check(horizon t: Double) throws(LifetimeValueError) {
        guard t.isFinite, t >= 0 else {
            throw LifetimeValueError(.invalidInput, field: "horizon", "the horizon must be finite and not negative")
        }
    }

    func finite(_ value: Double, _ field: String) throws(LifetimeValueError) -> Double {
        guard value.isFinite else {
            throw LifetimeValueError(.numericalFailure, field: field, "the result is not finite for \(self)")
        }
        return value
    }

    @inline(__always)
    func aliveProbability(_ x: Double, _ tx: Double, _ t: Double) -> Double {
        guard x > 0 else { return 1 }
        let d = log(a) - log(b + x - 1) + (r + x) * log1p((t - tx) / (alpha + tx))
        return exp(-Special.softplus(d))
    }

    func conditionalExpectation(
        _ t: Double,
        _ x: Double,
        _ tx: Double,
        _ T: Double
    ) throws(LifetimeValueError) -> Double {
        guard t > 0 else { return 0 }
        if let fast = eulerExpectations([t], x: x, scale: alpha + T) {
            return try finite(fast[0] * aliveProbability(x, tx, T), "expectedTransactions")
        }
        let alive = try Self.aliveExpectation(
            m: r + x,
            b: b + x,
            c: a + b + x,
            s: t / (alpha + T),
            aMinusOne: a - 1
        )
        return try finite(alive * aliveProbability(x, tx, T), "expectedTransactions")
    }

    /// `E[Y(tᵢ) | x, t_x, T]` for increasing horizons `tᵢ` (the lifetime-value schedule), sharing
    /// one pass of the series: the coefficients `(m+k)/(k+1)` and `(b)ₖ/(c)ₖ` do not depend on
    /// the horizon, so each extra horizon costs a few multiplications per term.
    ///
    /// Falls back to one
    /// ``aliveExpectation(m:b:c:s:aMinusOne:)`` per horizon when a horizon needs the underflow
    /// or long-horizon paths.
    func conditionalExpectations(
        _ horizons: [Double],
        _ x: Double,
        _ tx: Double,
        _ T: Double
    )
        throws(LifetimeValueError) -> [Double]
    {
        let m = r + x
        let bx = b + x
        let cx = a + b + x
        let scale = alpha + T
        let alive = aliveProbability(x, tx, T)
        let n = horizons.count
        guard let longest = horizons.last, longest > 0 else {
            return try horizons.map { t throws(LifetimeValueError) in try conditionalExpectation(t, x, tx, T) }
        }
        if n > 1, let fast = eulerExpectations(horizons, x: x, scale: scale) {
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n { out[i] = try finite(fast[i] * alive, "expectedTransactions") }
            return out
        }
        let sMax = longest / scale
        let expectedTerms = m * sMax + 10 * (m * sMax * (1 + sMax)).squareRoot() + 40 * (1 + sMax)
        guard m * log1p(sMax) < 700, expectedTerms <= 20_000, n > 1 else {
            return try horizons.map { t throws(LifetimeValueError) in try conditionalExpectation(t, x, tx, T) }
        }
        // Scratch for z, P(N = k), P(N > k) and the running sums of every horizon.
        var scratch = [Double](repeating: 0, count: 4 * n)
        let converged = scratch.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let z = base
            let pmf = base + n
            let tail = base + 2 * n
            let sum = base + 3 * n
            for i in 0..<n {
                let s = max(horizons[i], 0) / scale
                z[i] = s / (1 + s)
                let logPmf = -m * log1p(s)
                pmf[i] = exp(logPmf)
                tail[i] = -expm1(logPmf)
                sum[i] = tail[i]
            }
            let zMax = z[n - 1]
            var weight = 1.0
            var k = 0.0
            while k < 5_000_000 {
                let ratio = (m + k) / (k + 1)
                weight *= (bx + k) / (cx + k)
                k += 1
                for i in 0..<n {
                    let p = pmf[i] * ratio * z[i]
                    pmf[i] = p
                    let rest = max(tail[i] - p, 0)
                    tail[i] = rest
                    sum[i] += rest * weight
                }
                let rho = max((m + k) / (k + 1) * zMax, zMax)
                if rho < 1 {
                    // Every horizon's remaining terms are below 1e-16 of its sum.
                    let factor = rho * rho / ((1 - rho) * (1 - rho))
                    var done = true
                    for i in 0..<n where pmf[i] * factor > 1e-16 * sum[i] && tail[i] > 0 {
                        done = false
                        break
                    }
                    if done { return true }
                }
            }
            return false
        }
        guard converged else {
            throw LifetimeValueError(
                .notConverged,
                field: "horizon",
                "the expected-transactions series did not converge; shorten the horizon"
            )
        }
        let sum = scratch[(3 * n)...]
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = horizons[i] > 0 ? try finite(sum[3 * n + i] * alive, "expectedTransactions") : 0 }
        return out
    }

    /// `E[Y(tᵢ) | alive at T]` for every horizon through the closed form after Euler's
    /// transformation (A&S 15.3.3):
    /// `(1−z)^(r+x) ₂F₁(r+x, b+x; C; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; C; z)` with `C = a+b+x−1`,
    /// so `E = C/(a−1) · [1 − (1−z)^(a−1) F]`, `z = s/(1+s)`, `s = t/(α+T)`.
    ///
    /// The transformed
    /// parameters do not grow with `x` while `C` does, so the terms fall at least like `zᵏ` (and
    /// like `zᵏ k^(−x)` when `x` is large against `b`), where the negative-binomial sum needs
    /// about `(r+x)·s` terms; the coefficients are shared by every horizon, so one pass over `k`
    /// costs two operations per horizon and term. Computed as
    /// `−expm1((a−1) ln(1−z)) − (1−z)^(a−1) (F − 1)`, with `F − 1` summed directly, so short
    /// horizons lose nothing to cancellation.
    ///
    /// Near `a = 1` both parts of the bracket carry the factor `a − 1` (the series' terms through
    /// `(a−1)ₖ`), so the division by `a − 1` costs no accuracy; what cancellation there is, is
    /// checked. `nil` (the caller takes the general path) when `|a − 1| ≤ 1e-5`, when `C < 1`,
    /// when a series needs more than 500 terms, or when the bracket loses more than 5 digits to
    /// cancellation.
    func eulerExpectations(_ horizons: [Double], x: Double, scale: Double) -> [Double]? {
        let B = a - 1
        let C = a + b + x - 1
        let A = a + b - 1 - r
        guard abs(B) > 1e-5, C >= 1, scale > 0 else { return nil }
        let n = horizons.count
        // The coefficients (A)ₖ(B)ₖ/((C)ₖ k!) do not depend on the horizon: one pass over k
        // serves every horizon (two operations per horizon and term).
        var z = [Double](repeating: 0, count: n)
        var power = [Double](repeating: 1, count: n)
        var rest = [Double](repeating: 0, count: n)  // F − 1 of each horizon
        var zMax = 0.0
        for (i, t) in horizons.enumerated() where t > 0 {
            let s = t / scale
            z[i] = s / (1 + s)
            zMax = max(zMax, z[i])
        }
        guard zMax > 0 else { return [Double](repeating: 0, count: n) }
        var coefficient = 1.0
        var k = 0.0
        var converged = false
        while k < 500 {
            coefficient *= (A + k) * (B + k) / ((C + k) * (k + 1))
            k += 1
            var largest = 0.0  // the largest |term| over the horizons
            for i in 0..<n {
                let p = power[i] * z[i]
                power[i] = p
                let term = coefficient * p
                rest[i] += term
                largest = max(largest, abs(term))
            }
            if coefficient == 0 {
                converged = true
                break
            }
            // Past the sign changes, the remaining ratios are at most
            // zMax · max(1, (A+k)/(C+k)) · max(1, (B+k)/(k+1)).
            if A + k > 0, B + k > 0 {
                let rho = zMax * max(1, (A + k) / (C + k)) * max(1, (B + k) / (k + 1))
                let bound = rho < 1 ? largest * rho / (1 - rho) : .infinity
                if bound <= 1e-15, bound <= 1e-17 * rest.reduce(Double.infinity, { min($0, abs(1 + $1)) }) {
                    converged = true
                    break
                }
            }
        }
        guard converged else { return nil }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n where z[i] > 0 {
            let logShare = B * -log1p(horizons[i] / scale)  // (a−1) ln(1−z)
            let first = -expm1(logShare)
            let second = exp(logShare) * rest[i]
            let bracket = first - second
            guard bracket.isFinite, abs(bracket) > 1e-5 * (abs(first) + abs(second)) else { return nil }
            let value = C / B * bracket
            guard value.isFinite, value >= 0 else { return nil }
            out[i] = value
        }
        return out
    }

    /// `E[Y(t) | alive at T] = Σ_{k≥0} P(N > k) (b)ₖ/(c)ₖ` with `N ~ NegBin(m, z = s/(1+s))`, where
    /// `m = r+x`, `b` stands for `b+x`, `c` for `a+b+x`, `s = t/(α+T)`.
    static func aliveExpectation(
        m: Double,
        b: Double,
        c: Double,
        s: Double,
        aMinusOne: Double
    )
        throws(LifetimeValueError) -> Double
    {
        guard s > 0 else { return 0 }
        let z = s / (1 + s)
        // Terms needed ≈ mean + spread of N, plus the geometric tail at rate z.
        let expectedTerms = m * s + 10 * (m * s * (1 + s)).squareRoot() + 40 * (1 + s)
        if expectedTerms > 20_000, abs(aMinusOne) > 0.05, c - 1 > 0.05,
            let closed = try? closedForm(m: m, b: b, c: c, z: z, s: s, aMinusOne: aMinusOne)
        {
            return closed
        }
        let maxTerms = 5_000_000
        var logPmf = -m * log1p(s)  // ln P(N = 0) = m ln(1 − z)
        var underflow = logPmf < -700
        var pmf = underflow ? 0 : exp(logPmf)
        var tail = -expm1(logPmf)  // P(N > 0)
        var weight = 1.0  // (b)ₖ/(c)ₖ
        var sum = tail
        var k = 0.0
        while true {
            let ratio = (m + k) / (k + 1) * z  // P(N = k+1)/P(N = k)
            if underflow {
                logPmf += log(ratio)
                if logPmf > -700 {
                    underflow = false
                    pmf = exp(logPmf)
                }
            } else {
                pmf *= ratio
            }
            tail = max(tail - pmf, 0)
            weight *= (b + k) / (c + k)
            k += 1
            sum += tail * weight
            if !underflow {
                let rho = max((m + k) / (k + 1) * z, z)
                if rho < 1 {
                    let remaining = pmf * rho * rho / ((1 - rho) * (1 - rho))
                    if remaining <= 1e-16 * sum || tail == 0 { break }
                }
            }
            if k >= Double(maxTerms) {
                throw LifetimeValueError(
                    .notConverged,
                    field: "horizon",
                    "the expected-transactions series did not converge within \(maxTerms) terms; shorten the horizon"
                )
            }
        }
        guard sum.isFinite else {
            throw LifetimeValueError(.numericalFailure, field: "expectedTransactions", "the series is not finite")
        }
        return sum
    }

    /// The closed form `c'/(a−1) · [1 − (1−z)^m ₂F₁(m, b; c'; z)]` with `c' = c − 1`.
    static func closedForm(
        m: Double,
        b: Double,
        c: Double,
        z: Double,
        s: Double,
        aMinusOne: Double
    )
        throws(LifetimeValueError) -> Double
    {
        let (logF, sign) = try Hypergeometric.logGauss2F1(m, b, c - 1, z)
        let product = sign * exp(logF - m * log1p(s))
        let bracket = 1 - product
        guard bracket.isFinite, abs(bracket) > 1e-6 else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "cancellation in the closed form")
        }
        let value = (c - 1) / aMinusOne * bracket
        guard value.isFinite, value >= 0 else {
            throw LifetimeValueError(.numericalFailure, field: "2F1", "the closed form is not a finite expectation")
        }
        return value
    }

    /// Runs `body` for every client across the cores; the first error (in client order) is thrown
    /// with the client named.
    static func perClient(
        _ summaries: CustomerSummaries,
        _ body: (Int) throws(LifetimeValueError) -> Double
    )
        throws(LifetimeValueError) -> [Double]
    {
        let n = summaries.count
        var output = [Double](repeating: 0, count: n)
        let ranges = ParallelWork.ranges(n, minimumChunk: 2048)
        var errors = [(Int, LifetimeValueError)?](repeating: nil, count: ranges.count)
        output.withUnsafeMutableBufferPointer { out in
            errors.withUnsafeMutableBufferPointer { errs in
                guard let base = out.baseAddress, let errorBase = errs.baseAddress else { return }
                let shared = (out: SharedPointer(base: base), errors: SharedPointer(base: errorBase))
                ParallelWork.run(ranges.count) { k in
                    for i in ranges[k] {
                        do throws(LifetimeValueError) {
                            shared.out.base[i] = try body(i)
                        } catch {
                            shared.errors.base[k] = (i, error)
                            return
                        }
                    }
                }
            }
        }
        if let (i, error) = errors.compactMap({ $0 }).first {
            var named = error
            named.customer = summaries.customers[i]
            named.row = i
            throw named
        }
        return output
    }
}
