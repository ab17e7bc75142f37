import Foundation

/// Settings of the maximum-likelihood optimiser shared by ``BGNBDModel`` and ``GammaGammaModel``.
///
/// Parameters are estimated on the log scale (all are positive). The optimiser runs Nelder–Mead
/// (Nelder & Mead 1965; Lagarias et al. 1998 coefficients 1, 2, ½, ½) from the start point for
/// at most 40 evaluations (until the simplex's values agree to 1e-6 relative and its size is
/// below 0.02), then a Newton-type method with the analytic gradient: a forward-difference
/// Hessian of that gradient, updated by BFGS between iterations (and recomputed when an update
/// or step fails), Levenberg damping when the Hessian is not positive definite and a backtracking
/// (Armijo) line search, the step accepted on a shrinking gradient once the predicted decrease is
/// below the rounding noise of the sum. It has converged when the largest gradient component of the mean
/// log-likelihood per client, `‖∇ ln L‖∞ / n` (log-parameter space), is at most
/// ``gradientTolerance``. If Newton's method does not converge, Nelder–Mead runs again from the
/// best point for up to ``nelderMeadEvaluations`` evaluations, followed by Newton once more.
public struct FitOptions: Hashable, Sendable {
    /// The largest number of likelihood evaluations Nelder–Mead may spend in its fallback run.
    public var nelderMeadEvaluations: Int
    /// The largest number of Newton iterations.
    public var newtonIterations: Int
    /// Convergence threshold on `‖∇ ln L‖∞ / n` in log-parameter space.
    public var gradientTolerance: Double

    /// Creates options; the defaults suit both models.
    public init(nelderMeadEvaluations: Int = 1_000, newtonIterations: Int = 100, gradientTolerance: Double = 1e-9) {
        self.nelderMeadEvaluations = nelderMeadEvaluations
        self.newtonIterations = newtonIterations
        self.gradientTolerance = gradientTolerance
    }
}

/// The outcome of a maximum-likelihood fit: estimates, their standard errors and how the
/// optimiser fared.
///
/// Standard errors come from the inverse of the observed information, the Hessian `H` of
/// `−ln L` in log-parameters `θ = ln β` taken by central differences of the analytic gradient at
/// the optimum: `Cov(θ) = H⁻¹`, and by the delta method `Cov(β) = diag(β) H⁻¹ diag(β)`, so
/// `se(βᵢ) = βᵢ √(H⁻¹)ᵢᵢ`.
public struct MaximumLikelihoodReport: Hashable, Sendable {
    /// The parameters' names, in order (`r, alpha, a, b` or `p, q, gamma`).
    public var parameterNames: [String]
    /// The estimates, in order.
    public var estimates: [Double]
    /// Standard errors of the estimates, or `nil` when the Hessian at the estimate is not positive
    /// definite (the optimum is not a proper maximum, for example on a ridge).
    public var standardErrors: [Double]?
    /// The covariance matrix of the estimates (delta method), or `nil` with ``standardErrors``.
    public var covariance: [[Double]]?
    /// `ln L` at the estimates.
    public var logLikelihood: Double
    /// The number of clients in the likelihood.
    public var clients: Int
    /// Whether the gradient criterion of ``FitOptions`` was met.
    public var converged: Bool
    /// Nelder–Mead iterations.
    public var nelderMeadIterations: Int
    /// Newton iterations.
    public var newtonIterations: Int
    /// Total iterations (Nelder–Mead plus Newton).
    public var iterations: Int { nelderMeadIterations + newtonIterations }
    /// Likelihood evaluations plus gradient evaluations.
    public var evaluations: Int
    /// `‖∇ ln L‖₂` in log-parameter space at the estimates (total over clients, not per client).
    public var gradientNorm: Double
    /// What stopped the optimiser, in words.
    public var message: String
}

/// Nelder–Mead followed by damped Newton, minimising `f(θ) = −ln L(θ)`.
struct Optimizer {
    /// `f` (infinite where undefined).
    let value: ([Double]) -> Double
    /// `f` and `∇f`.
    let gradient: ([Double]) -> (Double, [Double])
    /// The number of clients (scales the gradient tolerance).
    let clients: Double
    let options: FitOptions
    /// Log-parameters are kept inside ±`bound`.
    let bound = 30.0

    struct Outcome {
        var theta: [Double]
        var value: Double
        var gradient: [Double]
        var hessian: [[Double]]?
        var converged: Bool
        var nelderMeadIterations: Int
        var newtonIterations: Int
        var evaluations: Int
        var message: String
    }

    func minimize(from start: [Double]) -> Outcome {
        var evaluations = 0
        // A short Nelder–Mead run into the basin of the optimum, then Newton; if Newton does not
        // converge, a full Nelder–Mead run from the best point so far and Newton again.
        let quick = nelderMead(from: start, budget: 40, step: 0.5, evaluations: &evaluations)
        var outcome = newton(from: quick.point, evaluations: &evaluations)
        outcome.nelderMeadIterations = quick.iterations
        if !outcome.converged {
            let best = outcome.value.isFinite ? outcome.theta : quick.point
            let full = nelderMead(
                from: best,
                budget: evaluations + options.nelderMeadEvaluations,
                step: 0.25,
                evaluations: &evaluations
            )
            var second = newton(from: full.point, evaluations: &evaluations)
            second.nelderMeadIterations = quick.iterations + full.iterations
            second.newtonIterations += outcome.newtonIterations
            if second.converged || !(second.value >= outcome.value) { outcome = second }
        }
        outcome.evaluations = evaluations
        outcome.hessian =
            outcome.value.isFinite
            ? finiteDifferenceHessian(
                at: outcome.theta,
                evaluate: { x in
                    evaluations += 1
                    return gradient(x)
                }
            ) : nil
        outcome.evaluations = evaluations
        return outcome
    }

    /// `f` clamped to the box (infinite outside it or where undefined).
    func boxed(_ x: [Double]) -> Double {
        guard x.allSatisfy({ abs($0) <= bound }) else { return .infinity }
        let v = value(x)
        return v.isFinite ? v : .infinity
    }

    /// Nelder–Mead until the simplex's values agree to 1e-6 relative and its size is below 0.02,
    /// or the evaluation count reaches `budget`.
    func nelderMead(
        from start: [Double],
        budget: Int,
        step: Double,
        evaluations: inout Int
    )
        -> (point: [Double], iterations: Int)
    {
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var point = start
            point[i] += step
            simplex.append(point)
        }
        var values = simplex.map(boxed)
        evaluations += n + 1
        var iterations = 0
        while evaluations < budget {
            let order = (0...n).sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            var size = 0.0
            for point in simplex.dropFirst() {
                for i in 0..<n { size = max(size, abs(point[i] - simplex[0][i])) }
            }
            if values[0].isFinite, spread <= 1e-6 * (1 + abs(values[0])), size < 0.02 { break }
            iterations += 1
            var centroid = [Double](repeating: 0, count: n)
            for point in simplex.dropLast() {
                for i in 0..<n { centroid[i] += point[i] / Double(n) }
            }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = boxed(reflected)
            evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = boxed(expanded)
                evaluations += 1
                if fe < fr {
                    simplex[n] = expanded
                    values[n] = fe
                } else {
                    simplex[n] = reflected
                    values[n] = fr
                }
                continue
            }
            if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
                continue
            }
            let contracted = fr < values[n] ? along(-0.5) : along(0.5)
            let fc = boxed(contracted)
            evaluations += 1
            if fc < min(fr, values[n]) {
                simplex[n] = contracted
                values[n] = fc
                continue
            }
            for k in 1...n {
                simplex[k] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) }
                values[k] = boxed(simplex[k])
                evaluations += 1
            }
        }
        let best = (0...n).min { values[$0] < values[$1] } ?? 0
        return (simplex[best], iterations)
    }

    /// Damped Newton from `start` (see ``FitOptions``).
    func newton(from start: [Double], evaluations: inout Int) -> Outcome {
        let n = start.count
        var count = 0
        func f(_ x: [Double]) -> Double {
            count += 1
            return boxed(x)
        }
        func g(_ x: [Double]) -> (Double, [Double]) {
            count += 1
            guard x.allSatisfy({ abs($0) <= bound }) else { return (.infinity, x.map { _ in 0 }) }
            return gradient(x)
        }
        defer { evaluations += count }
        var theta = start
        let tolerance = options.gradientTolerance * max(clients, 1)
        var (current, grad) = g(theta)
        var hessian: [[Double]]?
        var converged = false
        var message = "Newton iterations exhausted"
        var iterations = 0
        if !current.isFinite { message = "the likelihood is not finite at the start of Newton's method" }
        while current.isFinite, iterations < options.newtonIterations {
            if grad.map(abs).max() ?? 0 <= tolerance {
                converged = true
                message = "converged: gradient below tolerance"
                break
            }
            iterations += 1
            // A finite-difference Hessian on the first iteration and after any trouble; BFGS
            // updates of it in between (one gradient per iteration instead of n + 1).
            if hessian == nil { hessian = finiteDifferenceHessian(at: theta, gradient: grad, evaluate: g) }
            guard let approximation = hessian,
                let direction = dampedNewtonStep(hessian: approximation, gradient: grad)
            else {
                message = "no descent direction"
                break
            }
            let slope = zip(direction, grad).reduce(0) { $0 + $1.0 * $1.1 }
            // Close to the optimum the predicted decrease falls below the rounding noise of `f`
            // (a sum over every client), and an Armijo test on `f` would reject good steps: there
            // the full Newton step is taken when it shrinks the gradient.
            if -slope < 1e-11 * (1 + abs(current)) {
                let trial = (0..<n).map { theta[$0] + direction[$0] }
                let (ft, gt) = g(trial)
                if ft.isFinite, ft <= current + 1e-9 * (1 + abs(current)),
                    gt.map(abs).max() ?? .infinity < grad.map(abs).max() ?? 0
                {
                    hessian = bfgs(approximation, step: direction, change: (0..<n).map { gt[$0] - grad[$0] })
                    theta = trial
                    (current, grad) = (ft, gt)
                    continue
                }
                if hessian != nil {
                    // Retry once from a fresh finite-difference Hessian before giving up.
                    hessian = nil
                    continue
                }
                converged = grad.map(abs).max() ?? 0 <= tolerance
                message =
                    converged
                    ? "converged: gradient below tolerance" : "stopped: the gradient is at the rounding-noise floor"
                break
            }
            var step = 1.0
            var accepted = false
            while step > 1e-12 {
                let trial = (0..<n).map { theta[$0] + step * direction[$0] }
                let ft = f(trial)
                if ft.isFinite, ft <= current + 1e-4 * step * slope {
                    theta = trial
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else {
                message = "line search failed to decrease the negative log-likelihood"
                (current, grad) = g(theta)
                converged = grad.map(abs).max() ?? 0 <= tolerance
                break
            }
            let previous = grad
            (current, grad) = g(theta)
            hessian = bfgs(
                approximation,
                step: direction.map { $0 * step },
                change: (0..<n).map { grad[$0] - previous[$0] }
            )
        }
        return Outcome(
            theta: theta,
            value: current,
            gradient: grad,
            hessian: nil,
            converged: converged,
            nelderMeadIterations: 0,
            newtonIterations: iterations,
            evaluations: 0,
            message: message
        )
    }

    /// Differences of the gradient, symmetrised, step 1e-4 in log-parameters: forward differences
    /// from `gradient` at `theta` when it is given (inside Newton iterations, where O(h) accuracy
    /// is plenty), central differences otherwise (for the standard errors).
    func finiteDifferenceHessian(
        at theta: [Double],
        gradient: [Double]? = nil,
        evaluate: ([Double]) -> (Double, [Double])
    ) -> [[Double]] {
        let n = theta.count
        let h = 1e-4
        var columns: [[Double]] = []
        for j in 0..<n {
            var up = theta
            up[j] += h
            let gu = evaluate(up).1
            if let gradient {
                columns.append((0..<n).map { (gu[$0] - gradient[$0]) / h })
            } else {
                var down = theta
                down[j] -= h
                let gd = evaluate(down).1
                columns.append((0..<n).map { (gu[$0] - gd[$0]) / (2 * h) })
            }
        }
        return (0..<n).map { i in (0..<n).map { j in 0.5 * (columns[j][i] + columns[i][j]) } }
    }

    /// The BFGS update `H + yyᵀ/(yᵀs) − Hs sᵀH/(sᵀHs)` of a Hessian approximation, or `nil` (a
    /// fresh finite-difference Hessian) when the curvature condition `yᵀs > 0` fails.
    func bfgs(_ h: [[Double]], step s: [Double], change y: [Double]) -> [[Double]]? {
        let n = s.count
        let ys = zip(y, s).reduce(0) { $0 + $1.0 * $1.1 }
        let hs = (0..<n).map { i in (0..<n).reduce(0) { $0 + h[i][$1] * s[$1] } }
        let shs = zip(s, hs).reduce(0) { $0 + $1.0 * $1.1 }
        guard ys > 1e-12 * max(1, abs(shs)), shs > 0, ys.isFinite, shs.isFinite else { return nil }
        return (0..<n).map { i in (0..<n).map { j in h[i][j] + y[i] * y[j] / ys - hs[i] * hs[j] / shs } }
    }

    /// Solves `(H + μI) d = −g` with the smallest `μ ≥ 0` (from 1e-8·max|Hᵢᵢ| up, ×10) that makes
    /// the matrix positive definite.
    func dampedNewtonStep(hessian: [[Double]], gradient: [Double]) -> [Double]? {
        let n = gradient.count
        guard hessian.allSatisfy({ $0.allSatisfy(\.isFinite) }), gradient.allSatisfy(\.isFinite) else { return nil }
        let diagonal = (0..<n).map { abs(hessian[$0][$0]) }.max() ?? 1
        var mu = 0.0
        for _ in 0..<40 {
            var matrix = hessian
            for i in 0..<n { matrix[i][i] += mu }
            if let factor = LinearAlgebra.cholesky(matrix) {
                return LinearAlgebra.solve(factor, gradient.map { -$0 })
            }
            mu = mu == 0 ? max(diagonal, 1e-12) * 1e-8 : mu * 10
        }
        return nil
    }
}

/// Small dense linear algebra for the optimiser.
enum LinearAlgebra {
    /// The lower-triangular `L` with `L Lᵀ = A`, or `nil` when `A` is not positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        return l
    }

    /// Solves `L Lᵀ x = b`.
    static func solve(_ l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= l[k][i] * x[k] }
            x[i] /= l[i][i]
        }
        return x
    }

    /// `A⁻¹` for a positive definite `A`, or `nil`.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        guard let l = cholesky(a) else { return nil }
        let n = a.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            columns.append(solve(l, e))
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}

extension MaximumLikelihoodReport {
    /// Builds the report from an optimiser outcome at log-parameters `theta`.
    init(names: [String], outcome: Optimizer.Outcome, clients: Int) {
        let estimates = outcome.theta.map { exp($0) }
        var errors: [Double]?
        var covariance: [[Double]]?
        if let hessian = outcome.hessian, let inverse = LinearAlgebra.inverse(hessian) {
            let n = estimates.count
            let cov = (0..<n).map { i in (0..<n).map { j in estimates[i] * estimates[j] * inverse[i][j] } }
            let se = (0..<n).map { cov[$0][$0].squareRoot() }
            if se.allSatisfy({ $0.isFinite && $0 > 0 }), cov.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
                errors = se
                covariance = cov
            }
        }
        self.init(
            parameterNames: names,
            estimates: estimates,
            standardErrors: errors,
            covariance: covariance,
            logLikelihood: -outcome.value,
            clients: clients,
            converged: outcome.converged,
            nelderMeadIterations: outcome.nelderMeadIterations,
            newtonIterations: outcome.newtonIterations,
            evaluations: outcome.evaluations,
            gradientNorm: outcome.gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(),
            message: outcome.message
        )
    }
}
