import CustomerModel
import Foundation
import Testing
import ValueModel

struct BGNBDTests {
    /// Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, ln L = −9582.4.
    @Test func cdnowFitReproducesPublishedEstimates() throws {
        let summaries = try CDNOW.summaries()
        #expect(summaries.count == 2357)
        let fit = try BGNBDModel.fit(summaries)
        let p = fit.parameters
        let report = fit.report
        print(
            "CDNOW BG/NBD: r=\(p.r) alpha=\(p.alpha) a=\(p.a) b=\(p.b) logL=\(report.logLikelihood)",
            "se=\(report.standardErrors ?? []) converged=\(report.converged)",
            "iterations=\(report.nelderMeadIterations)+\(report.newtonIterations) evaluations=\(report.evaluations)",
            "gradientNorm=\(report.gradientNorm) (\(report.message))"
        )
        for (estimate, published) in [(p.r, 0.243), (p.alpha, 4.414), (p.a, 0.793), (p.b, 2.426)] {
            #expect(abs(estimate / published - 1) < 0.005)
        }
        #expect(abs(report.logLikelihood - -9582.4) < 0.1)
        #expect(report.converged)
        #expect(report.gradientNorm < 1e-3)
        #expect(report.iterations > 0 && report.evaluations > report.iterations)
        let errors = try #require(report.standardErrors)
        #expect(errors.count == 4)
        #expect(errors.allSatisfy { $0.isFinite && $0 > 0 })
        let covariance = try #require(report.covariance)
        #expect(covariance.count == 4 && covariance.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isFinite) })
        // The total log-likelihood the public API reports is the maximised one.
        #expect(abs(try p.logLikelihood(summaries) - report.logLikelihood) < 1e-6)
        // Per-client log-likelihoods add up to the total.
        let sum = try (0..<summaries.count).reduce(0.0) {
            $0
                + (try p.logLikelihood(
                    frequency: Int(summaries.frequency[$1]),
                    recency: summaries.recency[$1],
                    age: summaries.age[$1]
                ))
        }
        #expect(abs(sum - report.logLikelihood) < 1e-6)
    }

    /// The same data in days instead of weeks: α scales by 7, r, a, b are unchanged, and ln L
    /// shifts by the Jacobian −(Σx) ln 7; the optimiser gets there from a start 7 times further away.
    @Test func cdnowFitIsEquivariantInTheTimeUnit() throws {
        let weeks = try CDNOW.summaries()
        let days = try CustomerSummaries(
            customers: weeks.customers,
            frequency: weeks.frequency,
            recency: weeks.recency.map { $0 * 7 },
            age: weeks.age.map { $0 * 7 },
            repeatSpendMinorUnits: weeks.repeatSpendMinorUnits,
            currency: .usd,
            timeUnit: .days
        )
        let w = try BGNBDModel.fit(weeks)
        let d = try BGNBDModel.fit(days)
        #expect(d.report.converged)
        #expect(abs(d.parameters.r / w.parameters.r - 1) < 1e-5)
        #expect(abs(d.parameters.alpha / (7 * w.parameters.alpha) - 1) < 1e-5)
        #expect(abs(d.parameters.a / w.parameters.a - 1) < 1e-5)
        #expect(abs(d.parameters.b / w.parameters.b - 1) < 1e-5)
        let repeats = Double(weeks.frequency.reduce(0) { $0 + Int($1) })
        #expect(abs(d.report.logLikelihood - (w.report.logLikelihood - repeats * log(7))) < 1e-5)
    }

    /// Conditional expectations against 50-digit mpmath evaluations of FHL 2005 eq. 10 and 13.
    @Test func predictionsMatchReferenceValues() throws {
        let published = try BGNBDParameters(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        // CDNOW client 1 (x = 2, t_x = 30.43, T = 38.86): 1.226 in FHL's spreadsheet note.
        let e1 = try published.expectedTransactions(in: 39, frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(e1 - 1.226_028_174_767_144_5) < 1e-12)
        let alive = try published.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(alive - 0.726_578_570_080_672_9) < 1e-13)
        #expect(try published.probabilityAlive(frequency: 0, recency: 0, age: 38.86) == 1)
        let unconditional = try published.expectedTransactions(in: 39)
        #expect(abs(unconditional - 1.196_723_193_320_816_9) < 1e-12)
        #expect(try published.expectedTransactions(in: 0) == 0)
        // Long horizons go through the closed form with the connection formula when a is far from 1.
        let long = try BGNBDParameters(r: 0.243, alpha: 4.414, a: 1.8, b: 2.426)
        let l2 = try long.expectedTransactions(in: 5000, frequency: 4, recency: 30, age: 38.86)
        #expect(abs(l2 / 4.635_976_343_911_656_5 - 1) < 1e-9)
        // ... and through the series when it is not (a = 0.793).
        let l1 = try published.expectedTransactions(in: 5000, frequency: 4, recency: 30, age: 38.86)
        #expect(abs(l1 / 31.656_690_821_657_197 - 1) < 1e-9)
    }

    /// x = 0 with a + b < 1 makes c = a + b − 1 negative in the closed form; a = 1 makes its
    /// prefactor 0/0. Both must give finite values equal to the exact ones.
    @Test func edgeCasesAreFinite() throws {
        let small = try BGNBDParameters(r: 0.24, alpha: 4.4, a: 0.3, b: 0.4)
        let zero = try small.expectedTransactions(in: 39, frequency: 0, recency: 0, age: 38.86)
        #expect(abs(zero - 0.181_245_346_630_831_5) < 1e-12)
        let zeroLong = try small.expectedTransactions(in: 2000, frequency: 0, recency: 0, age: 38.86)
        #expect(abs(zeroLong / 3.461_367_880_972_276 - 1) < 1e-10)
        let five = try small.expectedTransactions(in: 52, frequency: 5, recency: 30, age: 38.86)
        #expect(abs(five / 4.458_780_974_688_528 - 1) < 1e-10)
        #expect(try small.expectedTransactions(in: 39).isFinite)
        #expect(try small.expectedTransactions(in: 39, frequency: 0, recency: 0, age: 0).isFinite)

        let nearOne = try BGNBDParameters(r: 0.243, alpha: 4.414, a: 1 + 1e-9, b: 2.426)
        let e = try nearOne.expectedTransactions(in: 39, frequency: 3, recency: 20, age: 38.86)
        #expect(abs(e - 0.941_119_487_604_872_2) < 1e-10)
        let exactlyOne = try BGNBDParameters(r: 0.243, alpha: 4.414, a: 1, b: 2.426)
        #expect(abs(try exactlyOne.expectedTransactions(in: 39, frequency: 3, recency: 20, age: 38.86) - e) < 1e-8)

        // Extreme histories and parameters: finite, in range.
        let extremes: [(BGNBDParameters, Int, Double, Double, Double)] = [
            (try BGNBDParameters(r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6), 0, 0, 1e-9, 1e-3),
            (try BGNBDParameters(r: 1e3, alpha: 1e-3, a: 50, b: 1e-4), 1, 0, 1e4, 10),
            (try BGNBDParameters(r: 0.2, alpha: 4, a: 0.5, b: 0.3), 5000, 100, 100, 100),
            (try BGNBDParameters(r: 3, alpha: 0.5, a: 0.01, b: 100), 1, 1e-6, 1e5, 1e3),
        ]
        for (p, x, tx, t, horizon) in extremes {
            let alive = try p.probabilityAlive(frequency: x, recency: tx, age: t)
            #expect(alive.isFinite && alive >= 0 && alive <= 1)
            let expected = try p.expectedTransactions(in: horizon, frequency: x, recency: tx, age: t)
            #expect(expected.isFinite && expected >= 0)
            #expect(try p.logLikelihood(frequency: x, recency: tx, age: t).isFinite)
        }
    }

    @Test func invalidInputIsRejectedWithTypedErrors() throws {
        #expect(throws: LifetimeValueError.self) { try BGNBDParameters(r: 0, alpha: 1, a: 1, b: 1) }
        #expect(throws: LifetimeValueError.self) { try BGNBDParameters(r: 1, alpha: .nan, a: 1, b: 1) }
        let p = try BGNBDParameters(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        #expect(lifetimeError { _ = try p.probabilityAlive(frequency: 2, recency: 40, age: 38) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try p.probabilityAlive(frequency: -1, recency: 0, age: 38) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try p.expectedTransactions(in: -1) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try p.expectedTransactions(in: .infinity) }?.code == .invalidInput)
        #expect(lifetimeError { _ = try p.logLikelihood(frequency: 0, recency: 3, age: 38) }?.code == .invalidInput)
        // Horizons hundreds of thousands of times α + T exceed the series cap: a typed error, not a hang or NaN.
        let slow = try BGNBDParameters(r: 5, alpha: 1, a: 0.5, b: 0.5)
        #expect(
            lifetimeError { _ = try slow.expectedTransactions(in: 1e8, frequency: 0, recency: 0, age: 1) }?.code
                == .notConverged
        )
        #expect(
            lifetimeError { _ = try BGNBDModel.fit(try CustomerSummaries([], currency: .usd, timeUnit: .weeks)) }?.code
                == .insufficientData
        )
    }

    @Test func aBookWithoutRepeatPurchasesCannotBeFitted() throws {
        let none = try CustomerSummaries(
            customers: ["A", "B"],
            frequency: [0, 0],
            recency: [0, 0],
            age: [10, 20],
            repeatSpendMinorUnits: [0, 0],
            currency: .usd,
            timeUnit: .weeks
        )
        #expect(lifetimeError { _ = try BGNBDModel.fit(none) }?.code == .insufficientData)
    }

    /// Simulates 40,000 clients from known parameters (a + b < 1 included) and checks the fit
    /// recovers them within four standard errors; exercises grouping and the parallel loop.
    @Test(arguments: [(0.5, 6.0, 0.8, 2.5), (0.3, 3.0, 0.35, 0.45)])
    func simulatedBookRecoversParameters(truth: (Double, Double, Double, Double)) throws {
        let (r, alpha, a, b) = truth
        var random = TestRandom(state: 42)
        var rows: [CustomerSummary] = []
        for i in 0..<40_000 {
            let lambda = random.gamma(r) / alpha
            let dropout = random.beta(a, b)
            let age = Double(random.int(20..<53))
            var time = 0.0
            var x = 0
            var last = 0.0
            while true {
                time += -log(random.uniform()) / lambda
                guard time <= age else { break }
                x += 1
                last = time
                if random.uniform() < dropout { break }
            }
            rows.append(
                CustomerSummary(
                    customer: CustomerID("S\(i)"),
                    frequency: x,
                    recency: x > 0 ? (last * 100).rounded() / 100 : 0,
                    age: age,
                    repeatSpend: .zero(.usd)
                )
            )
        }
        let fit = try BGNBDModel.fit(try CustomerSummaries(rows, currency: .usd, timeUnit: .weeks))
        let errors = try #require(fit.report.standardErrors)
        print("simulated \(truth): \(fit.parameters) se=\(errors) converged=\(fit.report.converged)")
        #expect(fit.report.converged)
        let estimates = [fit.parameters.r, fit.parameters.alpha, fit.parameters.a, fit.parameters.b]
        for (k, value) in [r, alpha, a, b].enumerated() {
            #expect(abs(estimates[k] - value) < 4 * errors[k])
        }
    }
}
