import ClienteleSupport
public import CustomerModel
import Foundation

/// The parameters of the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
/// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie
/// 2013, "The Gamma-Gamma Model of Monetary Value").
///
/// A client's transaction values are `Gamma(p, ν)` with `ν ~ Gamma(q, γ)` across clients, so the
/// mean spend is `p γ / (q − 1)`. Spend is in major units of the summaries' currency
/// (``/CustomerModel/Money/majorUnits``, minor units / 100), so `γ` is too. On CDNOW (dollars) the published
/// estimates are `p = 6.25, q = 3.74, γ = 15.44`.
public struct GammaGammaParameters: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Shape of each transaction's spend.
    public let p: Double
    /// Shape of the clients' rate distribution.
    public let q: Double
    /// Rate (scale of spend) of the clients' rate distribution, in major units.
    public let gamma: Double

    /// Creates parameters.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` naming the first that is not positive and finite.
    public init(p: Double, q: Double, gamma: Double) throws(LifetimeValueError) {
        for (name, value) in [("p", p), ("q", q), ("gamma", gamma)] where !(value.isFinite && value > 0) {
            throw LifetimeValueError(.invalidInput, field: name, "Gamma-Gamma parameters must be positive and finite")
        }
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    private enum CodingKeys: String, CodingKey { case p, q, gamma }

    /// Decodes `{"p":…, "q":…, "gamma":…}`, validating as ``init(p:q:gamma:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            p: container.decode(Double.self, forKey: .p),
            q: container.decode(Double.self, forKey: .q),
            gamma: container.decode(Double.self, forKey: .gamma)
        )
    }

    /// Encodes the three parameters.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(p, forKey: .p)
        try container.encode(q, forKey: .q)
        try container.encode(gamma, forKey: .gamma)
    }

    /// `p=6.25 q=3.74 gamma=15.44`.
    public var description: String { "p=\(p) q=\(q) gamma=\(gamma)" }
}

/// A fitted Gamma-Gamma model: the maximum-likelihood parameters and the fit's report.
public struct GammaGammaFit: Hashable, Sendable {
    /// The estimates.
    public var parameters: GammaGammaParameters
    /// Log-likelihood, standard errors (order `p, q, gamma`), convergence diagnostics.
    public var report: MaximumLikelihoodReport
}

/// Fits the Gamma-Gamma spend model by maximum likelihood.
public enum GammaGammaModel: Sendable {
    /// The maximum-likelihood estimates of `p, q, γ` from the clients with `x > 0`.
    ///
    /// Each such client contributes the density of their mean repeat spend `z̄ = repeatSpend/x`
    /// (major units) given `x` (Fader & Hardie 2013, eq. 4):
    ///
    /// `ln f = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄)`.
    ///
    /// Clients with `x = 0` carry no spend information and are skipped. Optimiser as in
    /// ``FitOptions``, started at `p = 1, q = 2, γ = mean z̄` (matching the mean spend).
    /// - Throws: ``LifetimeValueError``: `nonPositiveSpend` naming the first client with `x > 0`
    ///   whose repeat spend is zero or negative, `insufficientData` when no client has `x > 0`,
    ///   `numericalFailure` when the likelihood is not finite at the estimate.
    public static func fit(
        _ summaries: CustomerSummaries,
        options: FitOptions = FitOptions()
    )
        throws(LifetimeValueError) -> GammaGammaFit
    {
        let data = try GammaGammaData(summaries)
        let likelihood = GammaGammaLikelihood(data: data)
        let meanSpend = data.spend.indices.reduce(0.0) { $0 + data.spend[$1] / data.x[$1] } / data.clients
        let optimizer = Optimizer(
            value: likelihood.negativeLogLikelihood,
            gradient: likelihood.negativeGradient,
            clients: data.clients,
            options: options
        )
        let outcome = optimizer.minimize(from: [0, log(2), log(meanSpend)])
        guard outcome.value.isFinite, outcome.theta.allSatisfy(\.isFinite) else {
            throw LifetimeValueError(
                .numericalFailure,
                field: "logLikelihood",
                "the likelihood is not finite at the estimate"
            )
        }
        let report = MaximumLikelihoodReport(names: ["p", "q", "gamma"], outcome: outcome, clients: Int(data.clients))
        let e = report.estimates
        return GammaGammaFit(parameters: try GammaGammaParameters(p: e[0], q: e[1], gamma: e[2]), report: report)
    }
}

extension GammaGammaParameters {
    /// `E[Z | z̄, x] = p (γ + x z̄) / (p x + q − 1)`: a client's expected spend per transaction
    /// given `x` repeat transactions with total `repeatSpend` (Fader, Hardie & Lee 2005b eq.
    ///
    /// 5;
    /// a weighted mean of the population mean `pγ/(q−1)` and the client's `z̄`). For `x = 0` it is the
    /// population mean. Computed in major units and returned rounded to a minor unit.
    /// - Throws: ``LifetimeValueError``: `nonPositiveSpend` when `x > 0` and the spend is not positive,
    ///   `invalidInput` for `x < 0`, `undefined` when `p x + q ≤ 1` (for `x = 0`: `q ≤ 1`, an infinite mean).
    public func conditionalExpectedSpend(frequency x: Int, repeatSpend: Money) throws(LifetimeValueError) -> Money {
        let value = try expectedSpend(x: x, total: repeatSpend.majorUnits)
        return try Self.money(value, repeatSpend.currency)
    }

    /// The population mean spend per transaction `p γ / (q − 1)`, in `currency`.
    /// - Throws: ``LifetimeValueError/Code/undefined`` when `q ≤ 1`.
    public func meanSpend(currency: CurrencyCode) throws(LifetimeValueError) -> Money {
        try Self.money(try expectedSpend(x: 0, total: 0), currency)
    }

    /// ``conditionalExpectedSpend(frequency:repeatSpend:)`` of every client in minor units of
    /// `summaries.currency`, in order.
    /// - Throws: the first client's error, naming the client.
    public func conditionalExpectedSpend(_ summaries: CustomerSummaries) throws(LifetimeValueError) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(summaries.count)
        for i in 0..<summaries.count {
            do {
                let value = try expectedSpend(
                    x: Int(summaries.frequency[i]),
                    total: Double(summaries.repeatSpendMinorUnits[i]) / 100
                )
                out.append(try Self.money(value, summaries.currency).minorUnits)
            } catch {
                var named = error
                named.customer = summaries.customers[i]
                named.row = i
                throw named
            }
        }
        return out
    }

    /// `E[Z | z̄, x]` in major units from the total repeat spend in major units.
    func expectedSpend(x: Int, total: Double) throws(LifetimeValueError) -> Double {
        guard x >= 0 else {
            throw LifetimeValueError(.invalidInput, field: "frequency", "frequency must not be negative")
        }
        if x > 0, !(total > 0) {
            throw LifetimeValueError(
                .nonPositiveSpend,
                field: "repeatSpend",
                "the Gamma-Gamma model needs a positive spend per transaction"
            )
        }
        let denominator = p * Double(x) + q - 1
        guard denominator > 0 else {
            throw LifetimeValueError(
                .undefined,
                field: "q",
                "the expected spend p(γ + x z̄)/(px + q − 1) is infinite when px + q ≤ 1 (\(self))"
            )
        }
        let value = p * (gamma + total) / denominator
        guard value.isFinite else {
            throw LifetimeValueError(.numericalFailure, field: "expectedSpend", "the expected spend is not finite")
        }
        return value
    }

    static func money(_ major: Double, _ currency: CurrencyCode) throws(LifetimeValueError) -> Money {
        let minor = (major * 100).rounded()
        guard let units = Int64(exactly: minor) else {
            throw LifetimeValueError(.overflow, field: "amount", "the amount does not fit 64-bit minor units")
        }
        return Money(minorUnits: units, currency: currency)
    }
}

/// Clients with `x > 0`: frequency, total repeat spend in major units, grouped tables by `x`.
struct GammaGammaData: Sendable {
    var x: [Double] = []
    var spend: [Double] = []  // x z̄, major units
    var frequencies: [Double] = []
    var frequencyWeight: [Double] = []
    var clients: Double = 0
    var sumLogMean = 0.0  // Σ ln z̄
    var sumXLogMean = 0.0  // Σ x ln z̄

    init(_ s: CustomerSummaries) throws(LifetimeValueError) {
        for i in 0..<s.count where s.frequency[i] > 0 {
            guard s.repeatSpendMinorUnits[i] > 0 else {
                throw LifetimeValueError(
                    .nonPositiveSpend,
                    customer: s.customers[i],
                    row: i,
                    field: "repeatSpend",
                    "the Gamma-Gamma model needs a positive mean spend for every client with repeat purchases"
                )
            }
            let xi = Double(s.frequency[i])
            let total = Double(s.repeatSpendMinorUnits[i]) / 100
            x.append(xi)
            spend.append(total)
            let logMean = log(total / xi)
            sumLogMean += logMean
            sumXLogMean += xi * logMean
        }
        guard !x.isEmpty else {
            throw LifetimeValueError(.insufficientData, field: "frequency", "no client has a repeat purchase")
        }
        clients = Double(x.count)
        let (values, index) = distinctValues(x)
        frequencies = values
        frequencyWeight = [Double](repeating: 0, count: values.count)
        for j in index { frequencyWeight[Int(j)] += 1 }
    }
}

/// `−ln L` of the Gamma-Gamma model and its gradient in `θ = (ln p, ln q, ln γ)`.
///
/// With `S = x z̄` and `q ln γ − (px+q) ln(γ+S) = −q ln(1+S/γ) − px ln(γ+S)` (accurate when `q` and
/// `γ` grow together), one `ln(1+S/γ)` per client per evaluation:
/// - `∂/∂ln p = p Σ x [ψ(px+q) − ψ(px) + ln z̄ + ln x − ln(γ+S)]`
/// - `∂/∂ln q = q Σ [ψ(px+q) − ψ(q) − ln(1+S/γ)]`
/// - `∂/∂ln γ = Σ (qS − pxγ)/(γ+S)`.
struct GammaGammaLikelihood: Sendable {
    let data: GammaGammaData
    let sumX: Double

    init(data: GammaGammaData) {
        self.data = data
        sumX = data.x.reduce(0, +)
    }

    struct Sums {
        var log1p = 0.0  // Σ ln(1+S/γ)
        var xLog1p = 0.0  // Σ x ln(1+S/γ)
        var gamma = 0.0  // Σ (qS − pxγ)/(γ+S)
    }

    func sums(_ p: Double, _ q: Double, _ gamma: Double, gradient: Bool) -> Sums {
        let logGamma = log(gamma)
        let ranges = ParallelWork.ranges(data.x.count, minimumChunk: 32_768)
        var partial = [Sums](repeating: Sums(), count: ranges.count)
        partial.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            let shared = SharedPointer(base: base)
            ParallelWork.run(ranges.count) { k in
                var s = Sums()
                data.x.withUnsafeBufferPointer { x in
                    data.spend.withUnsafeBufferPointer { spend in
                        for i in ranges[k] {
                            // ln(1 + S/γ) as ln(γ+S) − ln γ: `log` is twice as fast as `log1p` and
                            // the absolute error (what a log-likelihood sum needs) stays near 1e-16.
                            let l = Foundation.log(gamma + spend[i]) - logGamma
                            s.log1p += l
                            s.xLog1p += x[i] * l
                            if gradient { s.gamma += (q * spend[i] - p * x[i] * gamma) / (gamma + spend[i]) }
                        }
                    }
                }
                shared.base[k] = s
            }
        }
        return partial.reduce(into: Sums()) {
            $0.log1p += $1.log1p
            $0.xLog1p += $1.xLog1p
            $0.gamma += $1.gamma
        }
    }

    /// `ln L` given the sums.
    func logLikelihood(_ p: Double, _ q: Double, _ gamma: Double, _ s: Sums) -> Double {
        let lgq = Special.logGamma(q)
        let lg = log(gamma)
        var ll = p * data.sumXLogMean - data.sumLogMean - p * (lg * sumX + s.xLog1p) - q * s.log1p
        for (j, x) in data.frequencies.enumerated() {
            ll +=
                data.frequencyWeight[j] * (Special.logGamma(p * x + q) - Special.logGamma(p * x) - lgq + p * x * log(x))
        }
        return ll
    }

    func negativeLogLikelihood(_ theta: [Double]) -> Double {
        let (p, q, gamma) = (exp(theta[0]), exp(theta[1]), exp(theta[2]))
        let ll = logLikelihood(p, q, gamma, sums(p, q, gamma, gradient: false))
        return ll.isFinite ? -ll : .infinity
    }

    func negativeGradient(_ theta: [Double]) -> (Double, [Double]) {
        let (p, q, gamma) = (exp(theta[0]), exp(theta[1]), exp(theta[2]))
        let s = sums(p, q, gamma, gradient: true)
        let ll = logLikelihood(p, q, gamma, s)
        var dp = data.sumXLogMean - log(gamma) * sumX - s.xLog1p
        var dq = -s.log1p
        let psiQ = Special.digamma(q)
        for (j, x) in data.frequencies.enumerated() {
            let w = data.frequencyWeight[j]
            let psiPXQ = Special.digamma(p * x + q)
            dp += w * x * (psiPXQ - Special.digamma(p * x) + log(x))
            dq += w * (psiPXQ - psiQ)
        }
        let gradient = [-p * dp, -q * dq, -s.gamma]
        guard ll.isFinite, gradient.allSatisfy(\.isFinite) else { return (.infinity, [0, 0, 0]) }
        return (-ll, gradient)
    }
}
