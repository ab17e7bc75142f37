/// Samplers of the distributions a synthetic bank needs: normal, lognormal and Pareto for
/// heavy-tailed wealth, exponential, Poisson for counts.
///
/// Each uses exact algorithms (Marsaglia's polar method, inversion, Knuth and Hörmann's PTRS)
/// built on ``SeededGenerator`` and IEEE-754 arithmetic only, so results are the same on every
/// platform.
extension SeededGenerator {
    /// A standard normal variate (mean 0, standard deviation 1), by Marsaglia's polar method.
    public mutating func normal() -> Double {
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                return u * (-2 * DeterministicMath.log(s) / s).squareRoot()
            }
        }
    }

    /// A normal variate with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// A lognormal variate: `median * exp(sigma * Z)`.
    ///
    /// Its mean is `median * exp(sigma² / 2)`.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DeterministicMath.exp(sigma * normal())
    }

    /// A lognormal variate with mean 1: a multiplicative noise factor.
    public mutating func unitLogNormal(sigma: Double) -> Double {
        DeterministicMath.exp(sigma * normal() - 0.5 * sigma * sigma)
    }

    /// A Pareto (type I) variate: at least `minimum`, tail index `alpha` (smaller is heavier; 1.16 gives the "80/20"
    /// rule).
    ///
    /// By inversion.
    public mutating func pareto(minimum: Double, alpha: Double) -> Double {
        minimum * DeterministicMath.exp(-DeterministicMath.log(nextPositiveDouble()) / alpha)
    }

    /// An exponential variate with the given mean, by inversion.
    public mutating func exponential(mean: Double) -> Double {
        -mean * DeterministicMath.log(nextPositiveDouble())
    }

    /// A Poisson variate with the given mean: Knuth's multiplication method below 10, Hörmann's transformed rejection
    /// (PTRS) above.
    ///
    /// Returns 0 for a mean of 0 or less.
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        if mean < 10 {
            let limit = DeterministicMath.exp(-mean)
            var count = 0
            var product = nextDouble()
            while product > limit {
                count += 1
                product *= nextDouble()
            }
            return count
        }
        // W. Hörmann, "The transformed rejection method for generating Poisson random variables", 1993.
        let slam = mean.squareRoot()
        let logMean = DeterministicMath.log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.024_83 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextDouble() - 0.5
            let v = nextDouble()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07, v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs =
                DeterministicMath.log(v) + DeterministicMath.log(inverseAlpha)
                - DeterministicMath.log(a / (us * us) + b)
            let rhs = -mean + k * logMean - DeterministicMath.logFactorial(Int(k))
            if lhs <= rhs { return Int(k) }
        }
    }
}

/// Multiplicative noise with a lognormal shape (mean about 1), drawn from a table of 4,096
/// quantiles with one random number and no logarithm: for the amounts of millions of
/// transactions, where the exact tails do not matter and speed does.
struct LogNormalNoise: Sendable {
    private let quantiles: [Double]

    /// Noise with log-standard-deviation `sigma`.
    init(sigma: Double) {
        let count = 4_096
        quantiles = (0...count).map { index in
            let p = min(max((Double(index) + 0.5) / Double(count + 1), 1e-6), 1 - 1e-6)
            let z = Self.inverseNormal(p)
            return DeterministicMath.exp(sigma * z - 0.5 * sigma * sigma)
        }
    }

    /// A noise factor.
    @inline(__always)
    func draw(using rng: inout SeededGenerator) -> Double {
        let scaled = Double(rng.next() >> 11) * 0x1.0p-53 * Double(quantiles.count - 1)
        let index = Int(scaled)
        let fraction = scaled - Double(index)
        let low = quantiles[index]
        return low + fraction * (quantiles[index + 1] - low)
    }

    /// Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.15e-9).
    static func inverseNormal(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        func tail(_ q: Double) -> Double {
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let low = 0.024_25
        if p < low { return tail((-2 * DeterministicMath.log(p)).squareRoot()) }
        if p > 1 - low { return -tail((-2 * DeterministicMath.log(1 - p)).squareRoot()) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
