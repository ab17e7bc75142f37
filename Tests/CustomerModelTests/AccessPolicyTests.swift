import CustomerModel
import Testing

struct AccessPolicyTests {
    let organisation = Organisation(
        branches: [
            Branch(id: "HO", name: "Head office", parent: nil),
            Branch(id: "SH", name: "Shanghai", parent: "HO"),
            Branch(id: "SH-PD", name: "Pudong", parent: "SH"),
            Branch(id: "BJ", name: "Beijing", parent: "HO"),
        ],
        staff: [StaffMember(id: "RM1", name: "Wang", branch: "SH-PD", level: .relationshipManager)]
    )

    @Test func relationshipManagersSeeOnlyTheClientsTheyCover() {
        let coverage = Coverage(relationshipManager: "RM1", branch: "SH-PD", serviceTeam: ["EX1"])
        let policy = AccessPolicy.default
        #expect(policy.permits(.relationshipManager("RM1"), .read, coverage: coverage, in: organisation))
        #expect(policy.permits(.relationshipManager("EX1"), .write, coverage: coverage, in: organisation))
        #expect(!policy.permits(.relationshipManager("RM2"), .read, coverage: coverage, in: organisation))
    }

    @Test func branchHeadsSeeTheirSubtree() {
        let pudong = Coverage(relationshipManager: "RM1", branch: "SH-PD")
        let beijing = Coverage(relationshipManager: "RM9", branch: "BJ")
        let head = Principal.branchHead("BH-SH", branch: "SH")
        #expect(AccessPolicy.default.permits(head, .read, coverage: pudong, in: organisation))
        #expect(!AccessPolicy.default.permits(head, .read, coverage: beijing, in: organisation))
    }

    @Test func auditorsReadButNeverWrite() {
        let coverage = Coverage(relationshipManager: "RM1", branch: "BJ")
        #expect(AccessPolicy.default.permits(.auditor("AU1"), .read, coverage: coverage, in: organisation))
        #expect(!AccessPolicy.default.permits(.auditor("AU1"), .write, coverage: coverage, in: organisation))
    }

    @Test func organisationValidationFindsCyclesAndUnknownParents() throws {
        #expect(try organisation.validated() == organisation)
        let cycle = Organisation(branches: [
            Branch(id: "A", name: "A", parent: "B"), Branch(id: "B", name: "B", parent: "A"),
        ])
        #expect(throws: ValueError.self) { try cycle.validated() }
        let orphan = Organisation(branches: [Branch(id: "A", name: "A", parent: "X")])
        let error = #expect(throws: ValueError.self) { try orphan.validated() }
        #expect(error?.field == "parent")
        #expect(organisation.subtree(of: "SH") == ["SH", "SH-PD"])
    }
}
