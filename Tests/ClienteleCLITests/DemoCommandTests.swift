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
            "The book", "AUM by branch", "360 view: ", "Maturities due ", "The daily cycle for 2025-12-31",
            "Scoring the book as of 2025-12-31",
            "Value distribution: individuals", "RFM as of 2025-12-31", "Top 5 by value score",
            "Churn risk as of 2025-12-31",
            "Rules: the shipped rule set over the simulated year (300 clients)", "Firings by rule",
            "Audit trail: ",
        ] {
            #expect(output.contains(heading), "the demo prints \(heading)")
        }
        // The night: every client's score recorded, rules fired on the scores, notifications sent
        // once (the second run of the night sends none).
        let night = try #require(run.lines.first { $0.contains("scores recorded ") })
        #expect(night.contains("scores recorded 300 (history holds 300)"), "\(night)")
        #expect(night.contains("duplicates 0"), "\(night)")
        #expect(!night.contains("actions handled 0 "), "\(night)")
        let rerun = try #require(run.lines.first { $0.contains("run again for 2025-12-31") })
        #expect(rerun.contains("7 of 7 stages skipped, 0 actions handled, 0 scores recorded"), "\(rerun)")
        // Every shipped rule is listed with its count; failed transactions reach the rules.
        let failed = try #require(run.lines.first { $0.contains(#""Failed transaction incident""#) })
        let count = Int(failed.drop { $0 == " " }.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber))
        #expect((count ?? 0) > 0, "\(failed)")
    }
}
