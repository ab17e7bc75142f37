import CustomerModel
import Rules
import Segmentation
import Testing

/// Clients driven through a year of quarterly reviews, every recorded step checked.
@Suite struct YearOfReviewsTests {
    static let q1 = Fixtures.day(2027, 3, 31)
    static let q2 = Fixtures.day(2027, 6, 30)
    static let q3 = Fixtures.day(2027, 9, 30)
    static let q4 = Fixtures.day(2027, 12, 31)
    static let q5 = Fixtures.day(2028, 3, 31)

    static func policy(version: Int = 1) throws -> SegmentationPolicy {
        try Fixtures.policy(
            version: version,
            movement: MovementRules(upgradeAfter: 1, downgradeAfter: 2, graceDays: 0),
            approvalFor: ["private_banking"],
            exits: [
                ExitTrigger(
                    name: "risk",
                    condition: "credit_rating <= ccc",
                    reason: "credit rating fell to CCC or below"
                )
            ]
        )
    }

    @Test func upgradeWarningImprovementDowngradeAndExit() async throws {
        let ids = ["UP", "WARN", "EXIT"]
        var bank = try await Bank(clients: ids.map { Fixtures.profile($0) }, start: Self.q1)
        let reviewer = bank.reviewer(try Self.policy())
        let rm = Principal.relationshipManager("RM-A")

        // Q1: first review assigns.
        bank.facts.set("UP", aum: 150_000, score: 50)
        bank.facts.set("WARN", aum: 2_200_000, score: 50)
        bank.facts.set("EXIT", aum: 2_500_000, score: 50)
        var report = try await reviewer.review(bank.book)
        #expect(report.evaluated == ["UP", "WARN", "EXIT"])
        #expect(report.events(.assigned).map(\.to) == ["gold", "diamond", "diamond"])
        #expect(report.states.first { $0.client == "WARN" }?.nextReview == Self.q2)
        // Not due again the same quarter: nothing is reviewed or recorded twice.
        bank.move(to: Fixtures.day(2027, 5, 5))
        report = try await reviewer.review(bank.book)
        #expect(report.evaluated.isEmpty)

        // Q2: UP grows, WARN falls below diamond's keep band, EXIT's rating collapses.
        bank.move(to: Self.q2)
        bank.facts.set("UP", aum: 2_100_000, score: 50)
        bank.facts.set("WARN", aum: 1_500_000, score: 50)
        bank.facts.set("EXIT", aum: 2_500_000, score: 50, rating: "ccc")
        report = try await reviewer.review(bank.book)
        let up = try #require(report.events(.upgraded).first)
        #expect(up.client == "UP" && up.from == "gold" && up.to == "diamond")
        #expect(up.reason.contains("assets"))
        let warning = try #require(report.events(.warned).first)
        #expect(warning.client == "WARN" && warning.to == "diamond" && warning.deadline == Self.q3)
        #expect(warning.shortfalls.map(\.gap) == [Money(major: 100_000, currency: .cny).description, "26"])
        #expect(
            warning.reason.contains(
                "assets: \(Money(major: 100_000, currency: .cny)) more aum, or value: 26 more score"
            )
        )
        #expect(report.actions.map(\.name).contains("segmentation.improvement_plan"))
        let exit = try #require(report.events(.exitStarted).first)
        #expect(
            exit.client == "EXIT" && exit.deadline == Self.q3 && exit.reason == "credit rating fell to CCC or below"
        )

        // Q3: WARN improves (within the band: no move), EXIT still risky: the exit completes.
        bank.move(to: Self.q3)
        bank.facts.set("WARN", aum: 1_700_000, score: 50)
        report = try await reviewer.review(bank.book)
        #expect(report.events(.recovered).map(\.client) == ["WARN"])
        #expect(report.moves.map(\.client) == ["EXIT"])
        #expect(report.events(.exited).first?.to == "mass")

        // Q4 and Q1 of the next year: two reviews below the band downgrade WARN.
        bank.move(to: Self.q4)
        bank.facts.set("WARN", aum: 1_000_000, score: 50)
        report = try await reviewer.review(bank.book)
        #expect(report.events(.warned).map(\.client) == ["WARN"])
        #expect(report.moves.isEmpty)
        bank.move(to: Self.q5)
        report = try await reviewer.review(bank.book)
        let down = try #require(report.events(.downgraded).first)
        #expect(down.client == "WARN" && down.from == "diamond" && down.to == "platinum")
        #expect(down.reason.hasPrefix("below the keep criteria of diamond in 2 consecutive reviews since \(Self.q4)"))

        // The history of WARN, and its tier as of any day with the reason.
        let history = try await reviewer.history(of: "WARN", in: Self.q1...Self.q5, as: rm)
        #expect(history.map(\.kind) == [.assigned, .warned, .recovered, .warned, .downgraded])
        #expect(history.allSatisfy { $0.policy == PolicyVersion(name: "vip", version: 1) && $0.cause == "policy" })
        let asOfQ3 = try #require(try await reviewer.tier(of: "WARN", asOf: Fixtures.day(2027, 10, 15), as: rm))
        #expect(asOfQ3.tier == "diamond" && asOfQ3.since == Self.q1)
        let asOfQ5 = try #require(try await reviewer.tier(of: "WARN", asOf: Self.q5, as: rm))
        #expect(asOfQ5.tier == "platinum" && asOfQ5.since == Self.q5 && asOfQ5.reason == down.reason)
        #expect(try await reviewer.tier(of: "WARN", asOf: Fixtures.day(2027, 3, 30), as: rm) == nil)

        // Why, at a past date: the evaluation of that day with the facts used.
        let why = try await reviewer.why("WARN", asOf: Fixtures.day(2027, 7, 1), as: rm)
        #expect(why.evaluation.day == Self.q2)
        #expect(
            why.evaluation.facts.contains(
                FactReading(fact: "aum", value: Money(major: 1_500_000, currency: .cny).description)
            )
        )
        #expect(why.evaluation.tiers.first { $0.tier == "diamond" }?.keepMet == false)
        #expect(why.tier?.tier == "diamond")

        // The migration matrix from Q1 to Q5, by hand: UP gold->diamond, WARN diamond->platinum, EXIT diamond->mass.
        let matrix = try await reviewer.migrationMatrix(from: Self.q1, to: Self.q5, as: Bank.headOffice)
        #expect(matrix.count(from: "gold", to: "diamond") == 1)
        #expect(matrix.count(from: "diamond", to: "platinum") == 1)
        #expect(matrix.count(from: "diamond", to: "mass") == 1)
        #expect(matrix.moved == 3)
        let q2to3 = try await reviewer.migrationMatrix(from: Self.q2, to: Self.q3, as: Bank.headOffice)
        #expect(q2to3.count(from: "diamond", to: "diamond") == 2)
        #expect(q2to3.count(from: "diamond", to: "mass") == 1)
        // An RM's matrix holds only the RM's clients.
        let other = try await reviewer.migrationMatrix(from: Self.q1, to: Self.q5, as: .relationshipManager("RM-Z"))
        #expect(other.moved == 0)
    }

    @Test func withoutHysteresisTheSameClientFlaps() async throws {
        let walk: [Int64] = [2_100_000, 1_900_000, 2_050_000, 1_950_000]
        let days = [Self.q1, Self.q2, Self.q3, Self.q4]
        func moves(_ policy: SegmentationPolicy) async throws -> [String] {
            var bank = try await Bank(clients: [Fixtures.profile("F")], start: Self.q1)
            let reviewer = bank.reviewer(policy)
            var tiers: [String] = []
            for (day, aum) in zip(days, walk) {
                bank.move(to: day)
                bank.facts.set("F", aum: aum, score: 10)
                let report = try await reviewer.review(bank.book)
                tiers.append(report.states.first?.effectiveTier ?? "none")
            }
            return tiers
        }
        let flapping = try await moves(try Fixtures.policy(bands: false, movement: .immediate))
        #expect(flapping == ["diamond", "platinum", "diamond", "platinum"])
        let steady = try await moves(try Fixtures.policy(bands: true))
        #expect(steady == ["diamond", "diamond", "diamond", "diamond"])
    }

    @Test func graceAndConsecutiveEvaluationsDelayADowngrade() async throws {
        var bank = try await Bank(clients: [Fixtures.profile("G")], start: Self.q1)
        let policy = try Fixtures.policy(movement: MovementRules(upgradeAfter: 2, downgradeAfter: 1, graceDays: 90))
        let reviewer = bank.reviewer(policy)
        bank.facts.set("G", aum: 700_000, score: 10)
        _ = try await reviewer.review(bank.book)
        bank.move(to: Self.q2)
        bank.facts.set("G", aum: 100_000, score: 10)
        var report = try await reviewer.review(bank.book)
        #expect(report.events.map(\.kind) == [.warned])
        bank.move(to: Self.q3)
        report = try await reviewer.review(bank.book)
        #expect(report.events(.downgraded).first?.to == "gold")
        // Upgrades need two consecutive qualifying reviews.
        bank.move(to: Self.q4)
        bank.facts.set("G", aum: 700_000, score: 10)
        report = try await reviewer.review(bank.book)
        #expect(report.moves.isEmpty)
        bank.move(to: Self.q5)
        report = try await reviewer.review(bank.book)
        #expect(report.events(.upgraded).first?.reason.hasSuffix("(2 consecutive reviews)") == true)
    }
}
