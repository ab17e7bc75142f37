import CustomerModel
import Rules
import Segmentation
import Testing

@Suite struct ApprovalAndOverrideTests {
    @Test func movesThatNeedApprovalAreProposedThenAcceptedOrRejected() async throws {
        var bank = try await Bank(clients: ["A", "R"].map { Fixtures.profile($0) }, start: YearOfReviewsTests.q1)
        let reviewer = bank.reviewer(try YearOfReviewsTests.policy())
        bank.facts.set("A", aum: 7_000_000, score: 50)
        bank.facts.set("R", aum: 8_000_000, score: 50)
        let report = try await reviewer.review(bank.book)
        #expect(report.events(.assigned).map(\.to) == ["diamond", "diamond"])
        #expect(report.events(.proposed).map(\.proposed) == ["private_banking", "private_banking"])
        #expect(report.actions.filter { $0.name == "segmentation.proposal" }.count == 2)

        // An RM may not decide; a decision needs a reason.
        await #expect(throws: SegmentationError.self) {
            try await reviewer.decide("A", accept: true, reason: "ok", as: .relationshipManager("RM-A"))
        }
        let missing = await #expect(throws: SegmentationError.self) {
            try await reviewer.decide("A", accept: true, reason: " ", as: Bank.headOffice)
        }
        #expect(missing?.code == .invalid)

        bank.move(to: Fixtures.day(2027, 4, 15))
        let accepted = try await reviewer.decide("A", accept: true, reason: "committee of April", as: Bank.headOffice)
        #expect(accepted.kind == .approved && accepted.from == "diamond" && accepted.to == "private_banking")
        #expect(accepted.cause == "headOffice:HO-1")
        let rejected = try await reviewer.decide(
            "R",
            accept: false,
            reason: "source of funds unclear",
            as: Bank.headOffice
        )
        #expect(
            rejected.kind == .rejected && rejected.to == "diamond"
                && rejected.reason.contains("source of funds unclear")
        )
        let none = await #expect(throws: SegmentationError.self) {
            try await reviewer.decide("R", accept: true, reason: "again", as: Bank.headOffice)
        }
        #expect(none?.code == .notFound)

        let a = try #require(try await reviewer.tier(of: "A", asOf: Fixtures.day(2027, 4, 15), as: Bank.headOffice))
        #expect(a.tier == "private_banking" && a.reason.contains("committee of April"))
        let before = try #require(
            try await reviewer.tier(of: "A", asOf: Fixtures.day(2027, 4, 14), as: Bank.headOffice)
        )
        #expect(before.tier == "diamond")
    }

    @Test func anOverrideEndsByItselfAndStaysVisible() async throws {
        var bank = try await Bank(clients: [Fixtures.profile("O")], start: YearOfReviewsTests.q1)
        let reviewer = bank.reviewer(try YearOfReviewsTests.policy())
        bank.facts.set("O", aum: 150_000, score: 10)
        _ = try await reviewer.review(bank.book)
        let expires = Fixtures.day(2027, 8, 2)
        let invalid = await #expect(throws: SegmentationError.self) {
            try await reviewer.override(
                "O",
                to: "platinum",
                reason: "x",
                expires: YearOfReviewsTests.q1,
                as: Bank.headOffice
            )
        }
        #expect(invalid?.field == "expires")
        let set = try await reviewer.override(
            "O",
            to: "platinum",
            reason: "family office onboarding",
            expires: expires,
            as: Bank.headOffice
        )
        #expect(set.from == "gold" && set.to == "platinum" && set.deadline == expires)

        bank.move(to: YearOfReviewsTests.q2)
        var report = try await reviewer.review(bank.book)
        #expect(report.states.first?.effectiveTier == "platinum")
        #expect(report.states.first?.nextReview == expires)
        #expect(
            try await reviewer.tier(of: "O", asOf: Fixtures.day(2027, 7, 1), as: Bank.headOffice)?.tier == "platinum"
        )

        bank.move(to: expires)
        report = try await reviewer.review(bank.book)
        let ended = try #require(report.events(.overrideExpired).first)
        #expect(ended.from == "platinum" && ended.to == "gold" && ended.reason.contains("family office onboarding"))
        #expect(try await reviewer.tier(of: "O", asOf: expires, as: Bank.headOffice)?.tier == "gold")
        let kinds = try await reviewer.history(of: "O", in: YearOfReviewsTests.q1...expires, as: Bank.headOffice).map(
            \.kind
        )
        #expect(kinds == [.assigned, .overridden, .overrideExpired])
    }

    @Test func aDryRunListsTheMovesTheAdoptedPolicyThenMakes() async throws {
        let clients = [
            Fixtures.profile("D1", rm: "RM-A", branch: "BR-1"), Fixtures.profile("D2", rm: "RM-B", branch: "BR-1"),
            Fixtures.profile("D3", rm: "RM-B", branch: "BR-2"), Fixtures.profile("D4", rm: "RM-A", branch: "BR-2"),
        ]
        var bank = try await Bank(clients: clients, start: YearOfReviewsTests.q1)
        let current = bank.reviewer(try Fixtures.policy(bands: false, movement: .immediate))
        bank.facts.set("D1", aum: 450_000, score: 10)
        bank.facts.set("D2", aum: 120_000, score: 10)
        bank.facts.set("D3", aum: 2_500_000, score: 10)
        bank.facts.set("D4", aum: 50_000, score: 10)
        _ = try await current.review(bank.book)

        // The draft lowers platinum's entry to CNY 400,000 and raises gold's to CNY 150,000.
        var ladder = Fixtures.vipLadder(bands: false)
        ladder.tiers[2].criteria[0] = TierCriterion(name: "assets", fact: "aum", atLeast: "400000")
        ladder.tiers[1].criteria[0] = TierCriterion(name: "assets", fact: "aum", atLeast: "150000")
        let draft = try SegmentationPolicy(name: "vip", version: 2, ladders: [ladder], movement: .immediate)
        bank.move(to: Fixtures.day(2027, 4, 1))
        let dry = try await current.dryRun(draft, over: bank.book)
        #expect(dry.byTierPair == ["gold -> platinum": 1, "gold -> mass": 1])
        #expect(dry.byBranch == ["BR-1": 2])
        #expect(dry.byRelationshipManager == ["RM-A": 1, "RM-B": 1])
        #expect(try await current.tier(of: "D1", asOf: Fixtures.day(2027, 4, 1), as: Bank.headOffice)?.tier == "gold")

        let adopted = bank.reviewer(draft)
        let report = try await adopted.review(bank.book, clients: clients.map(\.id))
        let made = report.moves.map { "\($0.client): \($0.from ?? "none") -> \($0.to ?? "none")" }
        #expect(made == dry.moves.map { "\($0.client): \($0.from ?? "none") -> \($0.to ?? "none")" })
        #expect(report.moves.allSatisfy { $0.policy == PolicyVersion(name: "vip", version: 2) })
    }
}
