public import CustomerModel
import Foundation

/// The horizon and discounting of a lifetime value.
///
/// The horizon `H` is cut into `n = ⌈H/Δ⌉` discount periods of length `Δ` (the last one shorter
/// if `H` is not a multiple); the transactions expected in period `i` are discounted by
/// `(1 + d)^−i`, `d` the discount rate per period (Fader, Hardie & Lee 2005b use a continuous
/// rate; this discrete form matches the common practice of discounting monthly cash flows).
public struct LifetimeValueHorizon: Hashable, Sendable {
    /// `H`, in the summaries' time unit.
    public let length: Double
    /// `Δ`, the length of a discount period in the summaries' time unit (for a weekly model and
    /// monthly discounting, `52/12`).
    public let discountPeriod: Double
    /// `d`, the discount rate per period (`0.01` for 1% a month).
    public let discountRate: Double
    /// The profit margin applied to spend (`1` for revenue).
    public let margin: Double

    /// Creates a horizon.
    /// - Throws: ``LifetimeValueError/Code/invalidInput`` unless `length ≥ 0`, `discountPeriod > 0`,
    ///   `discountRate > −1` and `margin` are finite, and there are at most 100,000 periods.
    public init(
        length: Double,
        discountPeriod: Double,
        discountRate: Double,
        margin: Double = 1
    )
        throws(LifetimeValueError)
    {
        guard length.isFinite, length >= 0 else {
            throw LifetimeValueError(.invalidInput, field: "length", "the horizon must be finite and not negative")
        }
        guard discountPeriod.isFinite, discountPeriod > 0, (length / discountPeriod) <= 100_000 else {
            throw LifetimeValueError(
                .invalidInput,
                field: "discountPeriod",
                "the discount period must be positive, at most 100,000 per horizon"
            )
        }
        guard discountRate.isFinite, discountRate > -1 else {
            throw LifetimeValueError(
                .invalidInput,
                field: "discountRate",
                "the discount rate must be finite and above −1"
            )
        }
        guard margin.isFinite else {
            throw LifetimeValueError(.invalidInput, field: "margin", "the margin must be finite")
        }
        self.length = length
        self.discountPeriod = discountPeriod
        self.discountRate = discountRate
        self.margin = margin
    }

    /// Period ends `tᵢ = min(iΔ, H)` and discount factors `(1+d)^−i`, `i = 1…n`.
    var schedule: [(end: Double, factor: Double)] {
        let periods = Int((length / discountPeriod).rounded(.up))
        return (0..<periods).map { i in
            (min(Double(i + 1) * discountPeriod, length), pow(1 + discountRate, -Double(i + 1)))
        }
    }
}

/// Customer lifetime value from a BG/NBD transaction model and a Gamma-Gamma spend model.
///
/// `CLV = margin · E[Z | x, z̄] · Σᵢ₌₁ⁿ (E[Y(tᵢ)] − E[Y(tᵢ₋₁)]) (1+d)^−i`, with `E[Y(t)]` from
/// ``BGNBDParameters/expectedTransactions(in:frequency:recency:age:)``, `E[Z | x, z̄]` from
/// ``GammaGammaParameters/conditionalExpectedSpend(frequency:repeatSpend:)`` and the schedule of
/// ``LifetimeValueHorizon``. Like Fader, Hardie & Lee (2005b) it assumes spend is independent
/// of the transaction process. Spend is computed in major units and the result returned in
/// minor units.
public struct LifetimeValueModel: Hashable, Sendable {
    /// The transaction model.
    public var transactions: BGNBDParameters
    /// The spend model.
    public var spend: GammaGammaParameters

    /// Combines the two models.
    public init(transactions: BGNBDParameters, spend: GammaGammaParameters) {
        self.transactions = transactions
        self.spend = spend
    }

    /// The discounted expected value of one client over `horizon`.
    /// - Throws: ``LifetimeValueError`` from either model (invalid history, non-positive spend with
    ///   `x > 0`, undefined mean spend, a series that does not converge).
    public func lifetimeValue(
        of summary: CustomerSummary,
        over horizon: LifetimeValueHorizon
    )
        throws(LifetimeValueError) -> Money
    {
        try BGNBDParameters.check(frequency: summary.frequency, recency: summary.recency, age: summary.age)
        let value = try valueMajor(
            x: summary.frequency,
            tx: summary.recency,
            t: summary.age,
            spend: summary.repeatSpend.majorUnits,
            horizon: horizon
        )
        return try GammaGammaParameters.money(value, summary.repeatSpend.currency)
    }

    /// ``lifetimeValue(of:over:)`` of every client, in minor units of `summaries.currency`, in
    /// order, computed across the cores.
    /// - Throws: the first client's error, naming the client.
    public func lifetimeValues(
        _ summaries: CustomerSummaries,
        over horizon: LifetimeValueHorizon
    )
        throws(LifetimeValueError) -> [Int64]
    {
        let schedule = horizon.schedule
        let ends = schedule.map(\.end)
        let factors = schedule.map(\.factor)
        let values = try BGNBDParameters.perClient(summaries) { i throws(LifetimeValueError) in
            try valueMajor(
                x: Int(summaries.frequency[i]),
                tx: summaries.recency[i],
                t: summaries.age[i],
                spend: Double(summaries.repeatSpendMinorUnits[i]) / 100,
                ends: ends,
                factors: factors,
                margin: horizon.margin
            )
        }
        var out: [Int64] = []
        out.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            do {
                out.append(try GammaGammaParameters.money(value, summaries.currency).minorUnits)
            } catch {
                var named = error
                named.customer = summaries.customers[i]
                throw named
            }
        }
        return out
    }

    /// Discounted expected transactions over the horizon, times margin and expected spend.
    func valueMajor(
        x: Int,
        tx: Double,
        t: Double,
        spend total: Double,
        horizon: LifetimeValueHorizon
    )
        throws(LifetimeValueError) -> Double
    {
        let schedule = horizon.schedule
        return try valueMajor(
            x: x,
            tx: tx,
            t: t,
            spend: total,
            ends: schedule.map(\.end),
            factors: schedule.map(\.factor),
            margin: horizon.margin
        )
    }

    func valueMajor(
        x: Int,
        tx: Double,
        t: Double,
        spend total: Double,
        ends: [Double],
        factors: [Double],
        margin: Double
    ) throws(LifetimeValueError) -> Double {
        let perTransaction = try spend.expectedSpend(x: x, total: total)
        let cumulative = try transactions.conditionalExpectations(ends, Double(x), tx, t)
        var discounted = 0.0
        var previous = 0.0
        for (value, factor) in zip(cumulative, factors) {
            discounted += (value - previous) * factor
            previous = value
        }
        let value = margin * perTransaction * discounted
        guard value.isFinite else {
            throw LifetimeValueError(.numericalFailure, field: "lifetimeValue", "the lifetime value is not finite")
        }
        return value
    }
}
