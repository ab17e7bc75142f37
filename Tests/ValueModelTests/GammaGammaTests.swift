import CustomerModel
import Foundation
import Testing
import ValueModel

struct GammaGammaTests {
    /// Fader, Hardie & Lee (2005b) on the CDNOW clients with x > 0: p = 6.25, q = 3.74, γ = 15.44.
    @Test func cdnowFitReproducesPublishedEstimates() throws {
        let (summaries, _) = try CDNOW.summariesWithSpend()
        let fit = try GammaGammaModel.fit(summaries)
        let p = fit.parameters
        let report = fit.report
        print(
            "CDNOW Gamma-Gamma: p=\(p.p) q=\(p.q) gamma=\(p.gamma) logL=\(report.logLikelihood) clients=\(report.clients)",
            "se=\(report.standardErrors ?? []) converged=\(report.converged) gradientNorm=\(report.gradientNorm)"
        )
        #expect(report.clients == 946)
        for (estimate, published) in [(p.p, 6.25), (p.q, 3.74), (p.gamma, 15.44)] {
            #expect(abs(estimate / published - 1) < 0.01)
        }
        #expect(report.converged)
        let errors = try #require(report.standardErrors)
        #expect(errors.count == 3 && errors.allSatisfy { $0.isFinite && $0 > 0 })

        // E[Z | z̄, x] is a weighted mean of the population mean and z̄.
        let population = try p.meanSpend(currency: .usd)
        #expect(abs(population.majorUnits - p.p * p.gamma / (p.q - 1)) < 0.006)
        let client = summaries[0]  // x = 2, z̄ = 22.35
        let expected = try p.conditionalExpectedSpend(frequency: client.frequency, repeatSpend: client.repeatSpend)
        let z = client.repeatSpend.majorUnits / Double(client.frequency)
        let low = min(z, population.majorUnits) - 0.01
        let high = max(z, population.majorUnits) + 0.01
        #expect(expected.majorUnits > low && expected.majorUnits < high)
        let all = try p.conditionalExpectedSpend(summaries)
        #expect(all.count == summaries.count && all[0] == expected.minorUnits)
        #expect(all.allSatisfy { $0 > 0 })
    }

    @Test func zeroOrNegativeSpendIsRejectedNamingTheClient() throws {
        for spend: Int64 in [0, -500] {
            let summaries = try CustomerSummaries(
                customers: ["A", "B", "C"],
                frequency: [2, 0, 3],
                recency: [5, 0, 7],
                age: [10, 10, 10],
                repeatSpendMinorUnits: [1_000, 0, spend],
                currency: .cny,
                timeUnit: .weeks
            )
            do {
                _ = try GammaGammaModel.fit(summaries)
                Issue.record("spend \(spend) was accepted")
            } catch {
                #expect(error.code == .nonPositiveSpend)
                #expect(error.customer == "C")
                #expect(error.description.contains("customer C"))
            }
            let parameters = try GammaGammaParameters(p: 6, q: 4, gamma: 15)
            #expect(throws: LifetimeValueError.self) { _ = try parameters.conditionalExpectedSpend(summaries) }
            #expect(throws: LifetimeValueError.self) {
                _ = try parameters.conditionalExpectedSpend(
                    frequency: 3,
                    repeatSpend: Money(minorUnits: spend, currency: .cny)
                )
            }
        }
        let none = try CustomerSummaries(
            customers: ["A"],
            frequency: [0],
            recency: [0],
            age: [3],
            repeatSpendMinorUnits: [0],
            currency: .cny,
            timeUnit: .weeks
        )
        #expect(throws: LifetimeValueError.self) { _ = try GammaGammaModel.fit(none) }
        // q ≤ 1: the population mean is infinite, reported as undefined rather than inf.
        let heavy = try GammaGammaParameters(p: 2, q: 0.8, gamma: 10)
        do {
            _ = try heavy.meanSpend(currency: .cny)
            Issue.record("q < 1 gave a mean")
        } catch {
            #expect(error.code == .undefined)
        }
        #expect(throws: LifetimeValueError.self) { try GammaGammaParameters(p: -1, q: 2, gamma: 1) }
    }
}
