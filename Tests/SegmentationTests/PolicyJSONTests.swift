import CustomerModel
import Foundation
import Rules
import Segmentation
import Testing

@Suite struct PolicyJSONTests {
    static let strategic = """
        {
          "name": "strategic", "version": 2,
          "movement": { "upgradeAfter": 2, "downgradeAfter": 2, "graceDays": 90, "approverRoles": ["headOffice"] },
          "ladders": [{
            "ladder": "strategic-corporate", "kind": "corporate",
            "tiers": [
              { "id": "ecosystem", "service": { "rmGrade": "industry expert", "reviewCadence": "half-yearly" } },
              { "id": "potential", "criteria": [
                  { "name": "growth", "condition": "corporate.growth_potential >= 4", "keep": "corporate.growth_potential >= 3" } ],
                "service": { "rmGrade": "dedicated", "reviewCadence": "half-yearly", "contactEveryDays": 30 } },
              { "id": "key", "criteria": [
                  { "name": "profit", "fact": "corporate.profit_contribution", "atLeast": 5000000, "keepAtLeast": 4000000 },
                  { "name": "fit", "condition": "corporate.strategic_fit >= 4" } ],
                "service": { "rmGrade": "senior", "expertTeam": ["product"], "reviewCadence": "quarterly", "contactEveryDays": 14 } },
              { "id": "core", "needsApproval": true, "criteria": [
                  { "name": "profit", "fact": "corporate.profit_contribution", "atLeast": 20000000, "keepAtLeast": 16000000 },
                  { "name": "rank", "condition": "corporate.industry_rank <= 3" } ],
                "service": { "rmGrade": "executive", "expertTeam": ["credit", "investment banking"],
                             "reviewCadence": "quarterly", "contactEveryDays": 7, "resourcePriority": 1 } }
            ]
          }],
          "dimensions": [
            { "name": "industry", "fact": "industry" }, { "name": "region", "fact": "corporate.region" },
            { "name": "ownership", "fact": "corporate.ownership" }, { "name": "lifecycle", "fact": "corporate.lifecycle" } ],
          "segments": [{ "name": "state_owned", "condition": "corporate.ownership = state_owned" }],
          "exits": [{ "name": "risk", "condition": "credit_rating <= c", "reason": "credit rating fell to C or below" }]
        }
        """

    @Test func theFourStrategicTiersLoad() throws {
        let policy = try SegmentationPolicy(json: Self.strategic)
        #expect(policy.identifier == PolicyVersion(name: "strategic", version: 2))
        let ladder = try #require(policy.ladder(for: .corporate))
        #expect(ladder.tiers.map(\.id) == ["ecosystem", "potential", "key", "core"])
        #expect(ladder["core"]?.needsApproval == true)
        #expect(ladder["core"]?.service.expertTeam == ["credit", "investment banking"])
        #expect(ladder["potential"]?.service.reviewCadence == .halfYearly)
        #expect(policy.movement.graceDays == 90)
        #expect(policy.dimensions.map(\.name) == ["industry", "region", "ownership", "lifecycle"])
    }

    @Test func aMisspeltFactInAConditionIsReportedAtItsLineAndColumn() throws {
        let text = Self.strategic.replacingOccurrences(
            of: "corporate.strategic_fit >= 4",
            with: "corporate.strategic_fitt >= 4"
        )
        let error = try #require(throws: SegmentationPolicyError.self) { try SegmentationPolicy(json: text) }
        let problem = try #require(error.problems.first)
        #expect(problem.code == .condition)
        #expect(problem.path == "ladders[0].tiers[2].criteria[1].entry")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("strategic_fitt") }) + 1
        #expect(problem.line == line)
        let column = try #require(lines[line - 1].range(of: "corporate.strategic_fitt"))
        #expect(problem.column == lines[line - 1].distance(from: lines[line - 1].startIndex, to: column.lowerBound) + 1)
        #expect(problem.suggestion == nil || problem.message.contains("strategic_fit"))
        // Read through the one coded-error shape, the problem names the same place.
        let location = Self.location(of: problem)
        #expect(location == ErrorLocation(field: problem.path, line: problem.line, column: problem.column))
    }

    /// Where any coded error happened, read through the protocol.
    static func location(of error: some CodedError) -> ErrorLocation { error.location }

    @Test func segmentationErrorsNameTheirClientAndField() {
        let error = SegmentationError(.invalid, customer: "C-7", field: "expires", "an expiry before today")
        #expect(Self.location(of: error) == ErrorLocation(customer: "C-7", field: "expires"))
    }

    @Test func unknownFieldsTiersAndOrderAreErrors() throws {
        let typo = Self.strategic.replacingOccurrences(of: "\"needsApproval\"", with: "\"needApproval\"")
        let e1 = try #require(throws: SegmentationPolicyError.self) { try SegmentationPolicy(json: typo) }
        #expect(e1.problems.contains { $0.code == .unknownField && $0.suggestion == "needsApproval" && $0.line != nil })

        let swapped = Self.strategic.replacingOccurrences(of: "\"id\": \"key\"", with: "\"id\": \"kei\"")
        let e2 = try #require(throws: SegmentationPolicyError.self) { try SegmentationPolicy(json: swapped) }
        #expect(e2.problems.contains { $0.code == .unknownTier && $0.suggestion == "key" })
        #expect(e2.problems.contains { $0.code == .tierOrder })

        let band = Self.strategic.replacingOccurrences(of: "\"keepAtLeast\": 4000000", with: "\"keepAtLeast\": 6000000")
        let e3 = try #require(throws: SegmentationPolicyError.self) { try SegmentationPolicy(json: band) }
        #expect(e3.problems.first?.code == .invalidThreshold)
        #expect(e3.problems.first?.path == "ladders[0].tiers[2].criteria[0].keepAtLeast")
        #expect(e3.problems.first?.line != nil)
    }

    @Test func aConditionCannotSmuggleRuleClauses() throws {
        let policy = {
            (condition: String) throws(SegmentationPolicyError) in
            try SegmentationPolicy(
                name: "x",
                version: 1,
                ladders: [Fixtures.vipLadder()],
                segments: [SegmentDefinition(name: "s", condition: condition)]
            )
        }
        let error = try #require(throws: SegmentationPolicyError.self) {
            try policy("aum > 1 CNY then flag(\"y\") end rule \"z\" when daily if score > 1")
        }
        #expect(error.problems.allSatisfy { $0.path.hasPrefix("segments[0]") || $0.path.isEmpty })
        #expect(throws: SegmentationPolicyError.self) { try policy("") }
        #expect(throws: SegmentationPolicyError.self) { try policy("aum > ") }
    }

    @Test func notJSONIsPositioned() throws {
        let error = try #require(throws: SegmentationPolicyError.self) {
            try SegmentationPolicy(json: "{\n  \"name\": }")
        }
        #expect(error.code == .invalidJSON)
        #expect(error.problems.first?.line == 2)
    }
}

@Suite struct ExamplePolicyTests {
    @Test func theExamplePolicyLoads() throws {
        let policy = try SegmentationPolicy(json: SegmentationPolicy.exampleJSON)
        #expect(policy.ladders.map(\.ladder.name) == ["individual-vip", "strategic-corporate"])
        #expect(policy.ladder(for: .corporate)?["key"]?.service.reviewCadence == .quarterly)
        #expect(policy.ladder(for: .corporate)?["potential"]?.service.reviewCadence == .halfYearly)
        #expect(policy.segments.count == 3)
    }
}
