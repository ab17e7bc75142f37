import CustomerModel
import Rules
import Segmentation
import Testing

@Suite struct PolicyEvaluationTests {
    let day = EvaluationDay(Fixtures.day(2027, 3, 31), calendar: .china)

    func book(_ facts: HandFacts, _ ids: [String]) -> SegmentationBook {
        SegmentationBook(records: ids.map { ClientRecord(profile: Fixtures.profile($0)) }, facts: [facts])
    }

    @Test func highestTierWhoseEntryHoldsWithAnyCriterion() throws {
        let policy = try Fixtures.policy()
        var facts = HandFacts()
        facts.set("A", aum: 2_500_000, score: 10)
        facts.set("B", aum: 50_000, score: 72)
        facts.set("C", aum: nil, score: nil)
        let evaluation = try PolicyEvaluator(policy).evaluate(book(facts, ["A", "B", "C"]), on: day)
        #expect(evaluation["A"]?.qualifies == "diamond")
        #expect(evaluation["B"]?.qualifies == "platinum")
        #expect(evaluation["C"]?.qualifies == "mass")
        #expect(evaluation.tierCounts(of: "individual-vip") == ["diamond": 1, "platinum": 1, "mass": 1])
        #expect(evaluation["A"]?.fact("aum") == Money(major: 2_500_000, currency: .cny).description)
    }

    @Test func keepBandIsLowerThanEntry() throws {
        let policy = try Fixtures.policy()
        var facts = HandFacts()
        facts.set("A", aum: 1_700_000, score: 10)
        let a = try PolicyEvaluator(policy).evaluate("A", in: book(facts, ["A"]), on: day)
        #expect(a.qualifies == "platinum")
        #expect(a.keeps == "diamond")
        #expect(a.entryMet == [true, true, true, false, false])
        #expect(a.keepMet == [true, true, true, true, false])
    }

    @Test func explanationNamesEveryCriterionWithItsValues() throws {
        let policy = try Fixtures.policy()
        var facts = HandFacts()
        facts.set("A", aum: 800_000, score: 74)
        let evaluation = try PolicyEvaluator(policy).evaluate(book(facts, ["A"]), on: day)
        let why = try #require(evaluation.explain("A"))
        let diamond = try #require(why.tiers.first { $0.tier == "diamond" })
        #expect(!diamond.entryMet)
        let assets = try #require(diamond.criteria.first { $0.name == "assets" })
        #expect(assets.entry.condition == "aum >= 2000000 CNY")
        #expect(!assets.entry.holds)
        #expect(
            assets.entry.values.contains {
                $0.expression == "aum" && $0.value == .money(Money(major: 800_000, currency: .cny))
            }
        )
        #expect(assets.shortfall?.gap == Money(major: 800_000, currency: .cny).description)
        let value = try #require(diamond.criteria.first { $0.name == "value" })
        #expect(value.shortfall?.gap == "2")
        #expect(why.description.contains("tier diamond"))
    }

    @Test func segmentsAndOverlap() throws {
        let policy = try Fixtures.policy(segments: [
            SegmentDefinition(name: "affluent", condition: "aum >= 500k CNY"),
            SegmentDefinition(name: "engaged", condition: "score >= 70"),
            SegmentDefinition(name: "unscored", condition: "score is missing"),
        ])
        var facts = HandFacts()
        facts.set("A", aum: 600_000, score: 75)
        facts.set("B", aum: 700_000, score: 20)
        facts.set("C", aum: 10_000, score: 90)
        facts.set("D", aum: 10_000, score: nil)
        let evaluation = try PolicyEvaluator(policy).evaluate(book(facts, ["A", "B", "C", "D"]), on: day)
        #expect(evaluation.members(of: "affluent") == ["A", "B"])
        #expect(evaluation.members(of: "engaged") == ["A", "C"])
        let overlap = evaluation.overlap()
        #expect(overlap.count("affluent") == 2)
        #expect(overlap.shared("affluent", "engaged") == 1)
        #expect(overlap.shared("unscored", "engaged") == 0)
        #expect(overlap.jaccard("affluent", "engaged") == 1.0 / 3.0)
        let why = try #require(evaluation.explain("D"))
        #expect(why.segments.first { $0.name == "unscored" }?.outcome.holds == true)
    }
}
