import Foundation
import Testing

@testable import clientele

/// `clientele segment` on small host files.
@Suite struct SegmentCommandTests {
    static let policy = [
        #"{ "name": "vip", "version": 1,"#,
        #"  "ladders": [{ "ladder": "individual-vip", "kind": "individual", "tiers": ["#,
        #"    { "id": "mass", "service": { "rmGrade": "pool" } },"#,
        #"    { "id": "gold", "criteria": [{ "name": "assets", "fact": "aum", "atLeast": 100000 }], "service": { "rmGrade": "senior", "reviewCadence": "half-yearly" } },"#,
        #"    { "id": "platinum", "criteria": [{ "name": "assets", "fact": "aum", "atLeast": 500000, "keepAtLeast": 400000 }], "service": { "rmGrade": "senior", "reviewCadence": "quarterly" } },"#,
        #"    { "id": "diamond", "needsApproval": true, "criteria": [{ "name": "assets", "fact": "aum", "atLeast": 700000 }], "service": { "rmGrade": "executive", "reviewCadence": "quarterly" } },"#,
        #"    { "id": "private_banking", "needsApproval": true, "criteria": [{ "name": "assets", "fact": "aum", "atLeast": 6000000 }], "service": { "rmGrade": "executive", "reviewCadence": "quarterly" } }"#,
        #"  ] }],"#,
        #"  "segments": [{ "name": "affluent", "condition": "aum >= 250k CNY" }, { "name": "complained", "condition": "count(complaints, 90d) > 0" }]"#,
        #"}"#,
    ]

    @Test func reviewsEveryClientUnderThePolicy() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        let policy = try scratch.write("policy.json", Self.policy)
        let run = await clientele(["segment", "--policy", policy, "--why", "core:10003"] + export.arguments)
        #expect(run.status == .success, "\(run.output)\(run.errors)")
        #expect(run.lines.first == "Reviewed 3 clients under vip v1 as of 2026-03-20", "\(run.output)")
        #expect(run.lines.contains { $0.hasPrefix("  gold ") && $0.contains("      2   RM senior") }, "\(run.output)")
        #expect(
            run.lines.contains { $0.hasPrefix("  platinum ") && $0.contains("      1   RM senior") },
            "\(run.output)"
        )
        #expect(run.lines.contains { $0.hasPrefix("  affluent ") && $0.hasSuffix("      2") }, "\(run.output)")
        #expect(run.output.contains("Pending approvals: 1"), "\(run.output)")
        #expect(run.output.contains("core:10003 platinum -> diamond"), "\(run.output)")
        #expect(run.output.contains("tier diamond (all): entry met"), "\(run.output)")
    }

    @Test func aBadPolicyIsRejectedWithItsPosition() async throws {
        let scratch = try Scratch()
        let export = try HostExport(scratch)
        var lines = Self.policy
        lines[3] = lines[3].replacingOccurrences(of: "\"fact\": \"aum\"", with: "\"fact\": \"aum_total\"")
        let policy = try scratch.write("policy.json", lines)
        let run = await clientele(["segment", "--policy", policy] + export.arguments)
        #expect(run.status == .failure)
        #expect(run.output.contains("Rejected policy \(policy):"), "\(run.output)")
        #expect(run.output.contains("\(policy):4:"), "\(run.output)")
        let usage = await clientele(["segment"] + export.arguments)
        #expect(usage.status == .usage)
    }
}
