import Testing

@testable import clientele

/// A small `clientele demo` run: every section appears.
@Suite struct DemoCommandTests {
    @Test func aSmallDemoPrintsEverySection() async throws {
        let run = await clientele("demo", "--clients", "300", "--days", "120", "--seed", "3")
        #expect(run.status == .success, "\(run.errors)")
        #expect(run.errors.isEmpty)
        let output = run.output
        #expect(output.hasPrefix("Clientele demo: a synthetic bank of 300 clients over 120 days (seed 3)"))
        for heading in [
            "The book", "AUM by branch", "360 view: ", "Maturities due ", "Scoring the book as of 2025-12-31",
            "Value distribution: individuals", "RFM as of 2025-12-31", "Top 5 by value score", "Churn risk as of 2025-12-31",
            "Rules: the shipped rule set over the simulated year (300 clients)", "Firings by rule",
            "Audit trail: ",
        ] {
            #expect(output.contains(heading), "the demo prints \(heading)")
        }
        // Every shipped rule is listed with its count; failed transactions reach the rules.
        let failed = try #require(run.lines.first { $0.contains(#""Failed transaction incident""#) })
        let count = Int(failed.drop { $0 == " " }.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber))
        #expect((count ?? 0) > 0, "\(failed)")
    }
}
