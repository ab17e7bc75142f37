import ClienteleSupport
import Foundation

/// Fits the BG/NBD model by maximum likelihood (Fader, Hardie & Lee 2005).
///
/// ```swift
/// let fit = try BGNBDModel.fit(summaries)
/// print(fit.parameters, fit.report.logLikelihood, fit.report.standardErrors ?? [])
/// let next39Weeks = try fit.parameters.expectedTransactions(in: 39, summaries)
/// ```
public enum BGNBDModel: Sendable {
    /// The maximum-likelihood estimates of `r, α, a, b` on `summaries`.
    ///
    /// Maximises the sum of ``BGNBDParameters/logLikelihood(frequency:recency:age:)`` over log-parameters
    /// with the optimiser of ``FitOptions``, from `r = 1, α = mean T, a = 1, b = 1`. Clients with
    /// identical `(x, t_x, T)` are grouped and every term that depends only on `x`, `T` or `t_x` is
    /// computed once per distinct value, so one evaluation costs a log-sum-exp per distinct
    /// history; the remaining loop is split across the cores for large books.
    /// A fit that does not meet the gradient criterion is still returned, with
    /// ``MaximumLikelihoodReport/converged`` false; check it.
    /// - Throws: ``LifetimeValueError``: `insufficientData` for no clients or none with a repeat
    ///   purchase, `numericalFailure` when the likelihood is not finite at the estimate.
    public static func fit(
        _ summaries: CustomerSummaries,
        options: FitOptions = FitOptions()
    )
        throws(LifetimeValueError) -> BGNBDFit
    {
        guard summaries.count > 0 else {
            throw LifetimeValueError(.insufficientData, field: "summaries", "there are no clients to fit")
        }
        guard summaries.frequency.contains(where: { $0 > 0 }) else {
            throw LifetimeValueError(
                .insufficientData,
                field: "frequency",
                "no client has a repeat purchase, so the dropout parameters a and b cannot be estimated"
            )
        }
        let likelihood = BGNBDLikelihood(BGNBDData(summaries))
        let meanAge = summaries.age.reduce(0, +) / Double(summaries.count)
        let start = [0, log(max(meanAge, 1e-3)), 0, 0]
        let optimizer = Optimizer(
            value: likelihood.negativeLogLikelihood,
            gradient: likelihood.negativeGradient,
            clients: Double(summaries.count),
            options: options
        )
        let outcome = optimizer.minimize(from: start)
        guard outcome.value.isFinite, outcome.theta.allSatisfy(\.isFinite) else {
            throw LifetimeValueError(
                .numericalFailure,
                field: "logLikelihood",
                "the likelihood is not finite at the estimate"
            )
        }
        let report = MaximumLikelihoodReport(
            names: ["r", "alpha", "a", "b"],
            outcome: outcome,
            clients: summaries.count
        )
        let p = report.estimates
        return BGNBDFit(parameters: try BGNBDParameters(r: p[0], alpha: p[1], a: p[2], b: p[3]), report: report)
    }
}

/// Sorted distinct values of `values` and the index of each value among them.
///
/// Values that are whole multiples of `1/scale` within a span of 16 million steps (times in
/// days divided by the time unit, as the builders make them) are indexed by a table in one
/// pass; anything else by sorting.
func distinctValues(_ values: [Double], scale: Double = 1) -> (values: [Double], index: [Int32]) {
    guard !values.isEmpty else { return ([], []) }
    if let tabled = tabledDistinct(
        values.count,
        key: { i -> Int64? in
            let scaled = (values[i] * scale).rounded()
            guard abs(scaled) < 1e15, scaled / scale == values[i] else { return nil }
            return Int64(scaled)
        }
    ) {
        return (tabled.first.map { values[$0] }, tabled.index)
    }
    let order = (0..<values.count).sorted { values[$0] < values[$1] }
    var unique: [Double] = []
    var index = [Int32](repeating: 0, count: values.count)
    for i in order {
        if unique.last != values[i] { unique.append(values[i]) }
        index[i] = Int32(truncatingIfNeeded: unique.count - 1)
    }
    return (unique, index)
}

/// ``distinctValues(_:scale:)`` for counts.
func distinctValues(_ values: [Int32]) -> (values: [Int32], index: [Int32]) {
    guard !values.isEmpty else { return ([], []) }
    if let tabled = tabledDistinct(values.count, key: { Int64(values[$0]) }) {
        return (tabled.first.map { values[$0] }, tabled.index)
    }
    let order = (0..<values.count).sorted { values[$0] < values[$1] }
    var unique: [Int32] = []
    var index = [Int32](repeating: 0, count: values.count)
    for i in order {
        if unique.last != values[i] { unique.append(values[i]) }
        index[i] = Int32(truncatingIfNeeded: unique.count - 1)
    }
    return (unique, index)
}

/// Distinct integer keys by a presence table: for each distinct key in ascending order, the
/// first element that has it, and each element's rank; `nil` when a key is missing or the keys
/// span more than 16 million.
func tabledDistinct(_ count: Int, key: (Int) -> Int64?) -> (first: [Int], index: [Int32])? {
    var keys = [Int64](repeating: 0, count: count)
    var low = Int64.max
    var high = Int64.min
    for i in 0..<count {
        guard let k = key(i) else { return nil }
        keys[i] = k
        low = min(low, k)
        high = max(high, k)
    }
    guard high - low < 1 << 24 else { return nil }
    var rank = [Int32](repeating: -1, count: Int(high - low) + 1)
    var firstOf = [Int](repeating: -1, count: rank.count)
    for i in 0..<count where firstOf[Int(keys[i] - low)] < 0 { firstOf[Int(keys[i] - low)] = i }
    var first: [Int] = []
    for slot in 0..<rank.count where firstOf[slot] >= 0 {
        rank[slot] = Int32(truncatingIfNeeded: first.count)
        first.append(firstOf[slot])
    }
    return (first, keys.map { rank[Int($0 - low)] })
}

/// The BG/NBD likelihood's data, compressed: distinct `x`, `T` and `t_x` values, clients with
/// `x = 0` reduced to weights per distinct `T`, and clients with `x > 0` grouped by identical
/// `(x, t_x, T)` into a struct of arrays.
struct BGNBDData: Sendable {
    /// Distinct frequencies (ascending) and the number of clients with each.
    var frequencies: [Double] = []
    var frequencyWeight: [Double] = []
    /// Distinct ages and recencies.
    var ages: [Double] = []
    var recencies: [Double] = []
    /// Clients with `x = 0` per distinct age.
    var zeroWeight: [Double] = []
    /// Groups of clients with `x > 0`: frequency, age and recency indices and group size.
    var groupFrequency: [Int32] = []
    var groupAge: [Int32] = []
    var groupRecency: [Int32] = []
    var groupWeight: [Double] = []
    /// The number of clients.
    var clients: Double = 0

    init(_ s: CustomerSummaries) {
        let n = s.count
        clients = Double(n)
        let (xs, xIndex) = distinctValues(s.frequency)
        frequencies = xs.map(Double.init)
        frequencyWeight = [Double](repeating: 0, count: xs.count)
        for i in 0..<n { frequencyWeight[Int(xIndex[i])] += 1 }
        let (ts, tIndex) = distinctValues(s.age, scale: s.timeUnit.lengthInDays)
        ages = ts
        zeroWeight = [Double](repeating: 0, count: ts.count)
        var repeaters: [Int] = []
        for i in 0..<n {
            if s.frequency[i] == 0 { zeroWeight[Int(tIndex[i])] += 1 } else { repeaters.append(i) }
        }
        let (rs, rIndex) = distinctValues(repeaters.map { s.recency[$0] }, scale: s.timeUnit.lengthInDays)
        recencies = rs
        let fits21 = xs.count < 1 << 21 && ts.count < 1 << 21 && rs.count < 1 << 21
        if fits21 {
            var keys = [UInt64]()
            keys.reserveCapacity(repeaters.count)
            for (k, i) in repeaters.enumerated() {
                keys.append(UInt64(xIndex[i]) << 42 | UInt64(tIndex[i]) << 21 | UInt64(rIndex[k]))
            }
            keys.sort()
            var start = 0
            while start < keys.count {
                var end = start + 1
                while end < keys.count, keys[end] == keys[start] { end += 1 }
                let key = keys[start]
                groupFrequency.append(Int32(truncatingIfNeeded: key >> 42))
                groupAge.append(Int32(truncatingIfNeeded: (key >> 21) & 0x1F_FFFF))
                groupRecency.append(Int32(truncatingIfNeeded: key & 0x1F_FFFF))
                groupWeight.append(Double(end - start))
                start = end
            }
        } else {
            for (k, i) in repeaters.enumerated() {
                groupFrequency.append(xIndex[i])
                groupAge.append(tIndex[i])
                groupRecency.append(rIndex[k])
                groupWeight.append(1)
            }
        }
    }
}

/// Partial sums of one chunk of groups.
struct BGNBDSums {
    var logLikelihood = 0.0
    var r = 0.0  // Σ w [(1−p) ln(1+T/α) + p ln(1+t_x/α)]
    var alpha = 0.0  // Σ w [(1−p)(rT − xα)/(α+T) + p(r t_x − xα)/(α+t_x)]
    var p = 0.0  // Σ w p
    var pb = 0.0  // Σ w p / (b+x−1)
}

/// `−ln L` and its gradient in log-parameters `θ = (ln r, ln α, ln a, ln b)`.
///
/// The likelihood is evaluated in a form that stays accurate when `r` and `α` (or `b`) grow
/// large together (where `r ln α − (r+x) ln(α+T)` would cancel catastrophically):
///
/// `ln L = C(x) + ln[e^A₃ + 𝟙(x>0) e^A₄]`, `A₃ = −r ln(1+T/α) − x ln(α+T)`,
/// `A₄ = ln a − ln(b+x−1) − r ln(1+t_x/α) − x ln(α+t_x)`,
/// `C(x) = lnΓ(r+x) − lnΓ(r) + ln B(a, b+x) − ln B(a, b) = Σ_{k<x} [ln(r+k) + ln(1 − a/(a+b+k))]`
///
/// (the sum by recurrence over `k` up to the largest `x`, or `lgamma` when that exceeds 200,000).
/// The log-sum-exp uses `ln(1 + e^−|A₃−A₄|)` through `log` rather than `log1p`: its absolute
/// error stays below 2.2e-16, which is all a sum of log-likelihoods needs, at half the cost.
/// With `p` the weight of `A₄` in the log-sum-exp (the posterior probability that the client
/// dropped out right after the last purchase), the gradient in log-parameters is
/// - `∂/∂ln r = r [Σ_{k<x} 1/(r+k) − (1−p) ln(1+T/α) − p ln(1+t_x/α)]`
/// - `∂/∂ln α = (1−p)(rT − xα)/(α+T) + p(r t_x − xα)/(α+t_x)`
/// - `∂/∂ln a = a [−Σ_{k<x} 1/(a+b+k) + p/a]`
/// - `∂/∂ln b = b [Σ_{k<x} a/((b+k)(a+b+k)) − p/(b+x−1)]`.
struct BGNBDLikelihood: Sendable {
    let data: BGNBDData
    /// The largest frequency, and whether `C(x)` is summed by recurrence.
    let maxFrequency: Int
    let recurrence: Bool

    init(_ data: BGNBDData) {
        self.data = data
        maxFrequency = Int(data.frequencies.last ?? 0)
        recurrence = maxFrequency <= 200_000
    }

    /// Per-evaluation tables of terms that depend only on `x`, `T` or `t_x`.
    struct Tables {
        var constant: [Double] = []  // C(x)
        var logRatio: [Double] = []  // ln a − ln(b+x−1)
        var logAge: [Double] = []  // ln(α+T)
        var log1pAge: [Double] = []  // ln(1+T/α)
        var logRecency: [Double] = []  // ln(α+t_x)
        var log1pRecency: [Double] = []  // ln(1+t_x/α)
        var inverseAge: [Double] = []  // 1/(α+T)
        var inverseRecency: [Double] = []  // 1/(α+t_x)
        var inverseB: [Double] = []  // 1/(b+x−1)
        var psiR: [Double] = []  // Σ_{k<x} 1/(r+k)
        var psiAB: [Double] = []  // Σ_{k<x} 1/(a+b+k)
        var psiB: [Double] = []  // Σ_{k<x} a/((b+k)(a+b+k))
    }

    func tables(_ r: Double, _ alpha: Double, _ a: Double, _ b: Double, gradient: Bool) -> Tables {
        var t = Tables()
        t.logAge = data.ages.map { log(alpha + $0) }
        t.log1pAge = data.ages.map { log1p($0 / alpha) }
        t.logRecency = data.recencies.map { log(alpha + $0) }
        t.log1pRecency = data.recencies.map { log1p($0 / alpha) }
        let la = log(a)
        t.logRatio = data.frequencies.map { x in x > 0 ? la - log(b + x - 1) : 0 }
        if gradient {
            t.inverseAge = data.ages.map { 1 / (alpha + $0) }
            t.inverseRecency = data.recencies.map { 1 / (alpha + $0) }
            t.inverseB = data.frequencies.map { x in x > 0 ? 1 / (b + x - 1) : 0 }
        }
        let m = data.frequencies.count
        t.constant = [Double](repeating: 0, count: m)
        if gradient {
            t.psiR = [Double](repeating: 0, count: m)
            t.psiAB = [Double](repeating: 0, count: m)
            t.psiB = [Double](repeating: 0, count: m)
        }
        if recurrence {
            var c = 0.0
            var sr = 0.0
            var sab = 0.0
            var sb = 0.0
            var k = 0
            for j in 0..<m {
                let x = Int(data.frequencies[j])
                while k < x {
                    let kd = Double(k)
                    let ab = a + b + kd
                    c += log(r + kd) + log1p(-a / ab)
                    if gradient {
                        sr += 1 / (r + kd)
                        sab += 1 / ab
                        sb += a / ((b + kd) * ab)
                    }
                    k += 1
                }
                t.constant[j] = c
                if gradient {
                    t.psiR[j] = sr
                    t.psiAB[j] = sab
                    t.psiB[j] = sb
                }
            }
        } else {
            let lgr = Special.logGamma(r)
            let lgb = Special.logGamma(b)
            let lgab = Special.logGamma(a + b)
            let dr = Special.digamma(r)
            let db = Special.digamma(b)
            let dab = Special.digamma(a + b)
            for (j, x) in data.frequencies.enumerated() where x > 0 {
                let lgabx = Special.logGamma(a + b + x)
                t.constant[j] = Special.logGamma(r + x) - lgr + lgab + Special.logGamma(b + x) - lgb - lgabx
                if gradient {
                    let dabx = Special.digamma(a + b + x)
                    t.psiR[j] = Special.digamma(r + x) - dr
                    t.psiAB[j] = dabx - dab
                    t.psiB[j] = Special.digamma(b + x) - db - (dabx - dab)
                }
            }
        }
        return t
    }

    /// Sums over the groups with `x > 0`, across the cores for large books.
    func groupSums(_ t: Tables, _ r: Double, _ alpha: Double, gradient: Bool) -> BGNBDSums {
        let ranges = ParallelWork.ranges(data.groupWeight.count, minimumChunk: 16_384)
        var partial = [BGNBDSums](repeating: BGNBDSums(), count: ranges.count)
        partial.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            let shared = SharedPointer(base: base)
            ParallelWork.run(ranges.count) { k in
                shared.base[k] = gradient ? chunkWithGradient(t, r, alpha, ranges[k]) : chunk(t, r, ranges[k])
            }
        }
        var total = BGNBDSums()
        for s in partial {
            total.logLikelihood += s.logLikelihood
            total.r += s.r
            total.alpha += s.alpha
            total.p += s.p
            total.pb += s.pb
        }
        return total
    }

    func chunk(_ t: Tables, _ r: Double, _ range: Range<Int>) -> BGNBDSums {
        var ll = 0.0
        data.groupFrequency.withUnsafeBufferPointer { gx in
            data.groupAge.withUnsafeBufferPointer { ga in
                data.groupRecency.withUnsafeBufferPointer { gr in
                    data.groupWeight.withUnsafeBufferPointer { gw in
                        for g in range {
                            let j = Int(gx[g])
                            let ia = Int(ga[g])
                            let ir = Int(gr[g])
                            let x = data.frequencies[j]
                            let a3 = -r * t.log1pAge[ia] - x * t.logAge[ia]
                            let a4 = t.logRatio[j] - r * t.log1pRecency[ir] - x * t.logRecency[ir]
                            let gap = abs(a3 - a4)
                            // Beyond 37, ln(1 + e^−gap) < 1e-16: no exp or log needed.
                            let softplus = gap < 37 ? log(1 + exp(-gap)) : 0
                            ll += gw[g] * (t.constant[j] + max(a3, a4) + softplus)
                        }
                    }
                }
            }
        }
        var sums = BGNBDSums()
        sums.logLikelihood = ll
        return sums
    }

    func chunkWithGradient(_ t: Tables, _ r: Double, _ alpha: Double, _ range: Range<Int>) -> BGNBDSums {
        var s = BGNBDSums()
        data.groupFrequency.withUnsafeBufferPointer { gx in
            data.groupAge.withUnsafeBufferPointer { ga in
                data.groupRecency.withUnsafeBufferPointer { gr in
                    data.groupWeight.withUnsafeBufferPointer { gw in
                        for g in range {
                            let j = Int(gx[g])
                            let ia = Int(ga[g])
                            let ir = Int(gr[g])
                            let w = gw[g]
                            let x = data.frequencies[j]
                            let a3 = -r * t.log1pAge[ia] - x * t.logAge[ia]
                            let a4 = t.logRatio[j] - r * t.log1pRecency[ir] - x * t.logRecency[ir]
                            let e = exp(-abs(a3 - a4))
                            let p = a4 > a3 ? 1 / (1 + e) : e / (1 + e)
                            s.logLikelihood += w * (t.constant[j] + max(a3, a4) + log(1 + e))
                            s.r += w * (t.log1pAge[ia] + p * (t.log1pRecency[ir] - t.log1pAge[ia]))
                            let ageTerm = (r * data.ages[ia] - x * alpha) * t.inverseAge[ia]
                            let recencyTerm = (r * data.recencies[ir] - x * alpha) * t.inverseRecency[ir]
                            s.alpha += w * (ageTerm + p * (recencyTerm - ageTerm))
                            s.p += w * p
                            s.pb += w * p * t.inverseB[j]
                        }
                    }
                }
            }
        }
        return s
    }

    func negativeLogLikelihood(_ theta: [Double]) -> Double {
        let (r, alpha, a, b) = (exp(theta[0]), exp(theta[1]), exp(theta[2]), exp(theta[3]))
        let t = tables(r, alpha, a, b, gradient: false)
        var ll = 0.0
        for k in 0..<data.ages.count where data.zeroWeight[k] > 0 { ll -= data.zeroWeight[k] * r * t.log1pAge[k] }
        ll += groupSums(t, r, alpha, gradient: false).logLikelihood
        return ll.isFinite ? -ll : .infinity
    }

    func negativeGradient(_ theta: [Double]) -> (Double, [Double]) {
        let (r, alpha, a, b) = (exp(theta[0]), exp(theta[1]), exp(theta[2]), exp(theta[3]))
        let t = tables(r, alpha, a, b, gradient: true)
        var ll = 0.0
        var dr = 0.0  // ∂/∂r
        var dlogAlpha = 0.0  // ∂/∂ln α
        var da = 0.0  // ∂/∂a
        var db = 0.0  // ∂/∂b
        for k in 0..<data.ages.count where data.zeroWeight[k] > 0 {
            let w = data.zeroWeight[k]
            ll -= w * r * t.log1pAge[k]
            dr -= w * t.log1pAge[k]
            dlogAlpha += w * r * data.ages[k] * t.inverseAge[k]
        }
        for j in 0..<data.frequencies.count where data.frequencies[j] > 0 {
            let w = data.frequencyWeight[j]
            dr += w * t.psiR[j]
            da -= w * t.psiAB[j]
            db += w * t.psiB[j]
        }
        let s = groupSums(t, r, alpha, gradient: true)
        ll += s.logLikelihood
        dr -= s.r
        dlogAlpha += s.alpha
        da += s.p / a
        db -= s.pb
        let gradient = [-r * dr, -dlogAlpha, -a * da, -b * db]
        guard ll.isFinite, gradient.allSatisfy(\.isFinite) else { return (.infinity, [0, 0, 0, 0]) }
        return (-ll, gradient)
    }
}
