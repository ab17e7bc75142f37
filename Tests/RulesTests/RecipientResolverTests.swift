import CustomerModel
import Rules
import Testing

/// Roles in rule actions resolved to staff through the client's coverage, the organisation and
/// the host's groups; roles that name nobody are reported.
@Suite struct RecipientResolverTests {
    /// Head office (head HO-1) > region R-1 (head RH-1) > branch B-1 (no head) > sub-branch B-11
    /// (no head); region R-2 without a head > branch B-2 (head BH-2).
    static func organisation() -> Organisation {
        Organisation(
            branches: [
                Branch(id: "HO", name: "Head office", parent: nil, head: "HO-1"),
                Branch(id: "R-1", name: "Region 1", parent: "HO", head: "RH-1"),
                Branch(id: "B-1", name: "Branch 1", parent: "R-1"),
                Branch(id: "B-11", name: "Sub-branch 11", parent: "B-1"),
                Branch(id: "R-2", name: "Region 2", parent: nil),
                Branch(id: "B-2", name: "Branch 2", parent: "R-2", head: "BH-2"),
                Branch(id: "B-3", name: "Branch 3", parent: "R-2"),
            ],
            staff: [
                StaffMember(id: "RM-7", name: "RM seven", branch: "B-1", level: .relationshipManager),
                StaffMember(id: "BH-2", name: "Head two", branch: "B-2", level: .branchHead),
            ]
        )
    }

    static let resolver = RecipientResolver(
        organisation: organisation(),
        groups: StaffGroups(["wealth desk": ["W-1", "W-2"], "empty desk": []])
    )

    @Test func rolesResolveThroughCoverageAndTheBranchTree() {
        let covered = Coverage(relationshipManager: "RM-7", branch: "B-11", serviceTeam: ["S-1", "S-2"])
        let r = Self.resolver
        #expect(r.resolve(.relationshipManager, for: "C-1", coverage: covered).staff == ["RM-7"])
        #expect(r.resolve(.serviceTeam, for: "C-1", coverage: covered).staff == ["S-1", "S-2"])
        // B-11 and B-1 record no head: the region's head.
        #expect(r.resolve(.branchHead, for: "C-1", coverage: covered).staff == ["RH-1"])
        #expect(
            r.resolve(.branchHead, for: "C-2", coverage: Coverage(relationshipManager: nil, branch: "B-2")).staff == [
                "BH-2"
            ]
        )
        #expect(r.resolve(.group("wealth desk"), for: "C-1", coverage: nil).staff == ["W-1", "W-2"])
        #expect(r.resolve(.relationshipManager, for: "C-1", coverage: covered).problem == nil)
    }

    @Test func rolesThatNameNobodyAreReported() {
        let r = Self.resolver
        let bare = Coverage(relationshipManager: nil, branch: "B-3")
        let cases: [(Recipient, Coverage?, UnresolvedRecipient.Code)] = [
            (.relationshipManager, bare, .nobody),
            (.serviceTeam, bare, .nobody),
            // B-3 and R-2 record no head, and R-2 is a root.
            (.branchHead, bare, .nobody),
            (.branchHead, Coverage(relationshipManager: nil, branch: "B-9"), .unknownBranch),
            (.group("trading desk"), bare, .unknownGroup),
            (.group("empty desk"), bare, .nobody),
            (.relationshipManager, nil, .unknownClient),
        ]
        for (recipient, coverage, code) in cases {
            let resolved = r.resolve(recipient, for: "C-5", coverage: coverage)
            #expect(!resolved.isResolved, "\(recipient)")
            #expect(resolved.staff.isEmpty)
            #expect(resolved.problem?.code == code, "\(recipient)")
            #expect(resolved.problem?.client == "C-5")
            #expect(resolved.problem?.recipient == recipient)
        }
        #expect(
            r.resolve(.relationshipManager, for: "C-5", coverage: bare).problem?.description
                == "nobody: rm for client C-5: the client has no relationship manager"
        )
    }

    @Test func aFiringsActionsCarryItsIdAndTheirRecipients() throws {
        var engine = try EngineTests.engine()
        let severe = Interaction(
            id: "I-1",
            customer: "C-2",
            at: EngineTests.at("2026-06-01", 11),
            day: EngineTests.day("2026-06-01"),
            channel: .call,
            detail: .complaint(category: "fees", severity: 3, resolvedOn: nil)
        )
        let firings = try engine.record(.interaction(severe))
        let firing = try #require(firings.first)
        // C-2 is booked in B-1 (no head): its region's head.
        let actions = Self.resolver.actions(of: firings, coverage: engine.coverage(of:))
        #expect(actions.count == firing.actions.count)
        #expect(actions.map(\.index) == Array(firing.actions.indices))
        #expect(
            actions.allSatisfy {
                $0.firing == firing.id && $0.client == "C-2" && $0.rule == firing.rule && $0.at == firing.at
            }
        )
        #expect(actions.map(\.id) == firing.actions.indices.map { ActionID(firing: firing.id, index: $0) })
        #expect(actions[0].recipients == nil)  // open process
        #expect(actions[1].recipients?.problem?.code == .unknownGroup)  // group "regional service quality"
        #expect(actions[2].recipients?.staff == ["RH-1"])  // branch_head
    }
}
