import Foundation

/// The special functions the lifetime models need, in double precision.
enum Special {
    /// `ln|Γ(x)|` (thread-safe `lgamma_r`).
    @inline(__always)
    static func logGamma(_ x: Double) -> Double {
        let result: (Double, Int) = lgamma(x)
        return result.0
    }

    /// `ln|Γ(x)|` and the sign of `Γ(x)` (0 at the poles `x = 0, −1, −2, …`).
    static func signedLogGamma(_ x: Double) -> (log: Double, sign: Double) {
        if x <= 0, x == x.rounded() { return (.infinity, 0) }
        let result: (Double, Int) = lgamma(x)
        return (result.0, result.1 < 0 ? -1 : 1)
    }

    /// `ψ(x) = d ln Γ(x)/dx` for `x > 0`: recurrence `ψ(x) = ψ(x+1) − 1/x` up to `x ≥ 10`, then the
    /// asymptotic series `ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ)` (absolute error below 1e-15).
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        if x <= 0 {
            // Reflection ψ(1 − x) − π / tan(πx); only reached for non-integer negative arguments.
            guard x != x.rounded() else { return -.infinity }
            return digamma(1 - x) - Double.pi / tan(Double.pi * x)
        }
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let series =
            f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760))))))
        return result + log(x) - 0.5 / x - series
    }

    /// `ln(eᵃ + eᵇ)` without overflow.
    @inline(__always)
    static func logAddExp(_ a: Double, _ b: Double) -> Double {
        let high = max(a, b)
        guard high > -.infinity else { return -.infinity }
        return high + log1p(exp(-abs(a - b)))
    }

    /// `ln(1 + eˣ)` without overflow.
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
    }

    /// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)`.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }
}
