/// A branch or sub-branch: a node of the bank's coverage hierarchy (head office, branch,
/// sub-branch, outlet).
public struct Branch: Hashable, Sendable, Codable, Identifiable {
    /// The branch identifier.
    public var id: BranchID
    /// Display name.
    public var name: String
    /// The parent node; `nil` for the head office.
    public var parent: BranchID?
    /// The branch head, if recorded.
    public var head: StaffID?

    /// Creates a branch.
    public init(id: BranchID, name: String, parent: BranchID?, head: StaffID? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.head = head
    }
}

/// A member of staff who serves clients.
public struct StaffMember: Hashable, Sendable, Codable, Identifiable {
    /// Seniority of a relationship manager, matched to client tiers.
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
        /// Relationship manager.
        case relationshipManager
        /// Senior relationship manager.
        case senior
        /// Executive-level relationship manager.
        case executive
        /// Product or industry expert.
        case expert
        /// Branch head.
        case branchHead
    }

    /// The staff identifier.
    public var id: StaffID
    /// Display name.
    public var name: String
    /// The branch the person belongs to.
    public var branch: BranchID
    /// Seniority.
    public var level: Level

    /// Creates a staff member.
    public init(id: StaffID, name: String, branch: BranchID, level: Level) {
        self.id = id
        self.name = name
        self.branch = branch
        self.level = level
    }
}

/// The bank's coverage structure: the branch hierarchy and its staff.
///
/// Access control and "clients of a branch subtree" queries walk this tree. Cycles and unknown
/// parents are rejected by ``validated()``.
public struct Organisation: Hashable, Sendable, Codable {
    /// Every branch, head office included.
    public private(set) var branches: [Branch]
    /// Every member of staff.
    public private(set) var staff: [StaffMember]
    private var parentOf: [BranchID: BranchID]
    private var branchIndex: [BranchID: Int]
    private var staffIndex: [StaffID: Int]

    /// Creates an organisation.
    ///
    /// Call ``validated()`` on data from outside.
    public init(branches: [Branch] = [], staff: [StaffMember] = []) {
        self.branches = branches
        self.staff = staff
        parentOf = Dictionary(branches.compactMap { b in b.parent.map { (b.id, $0) } }, uniquingKeysWith: { a, _ in a })
        branchIndex = Dictionary(branches.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        staffIndex = Dictionary(staff.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An organisation with no branches: every principal's branch scope then matches nothing.
    public static let empty = Organisation()

    /// The branch with `id`.
    public func branch(_ id: BranchID) -> Branch? { branchIndex[id].map { branches[$0] } }

    /// The member of staff with `id`.
    public func member(_ id: StaffID) -> StaffMember? { staffIndex[id].map { staff[$0] } }

    /// Whether `branch` is `ancestor` or lies below it.
    public func isBranch(_ branch: BranchID, within ancestor: BranchID) -> Bool {
        var current: BranchID? = branch
        var steps = 0
        while let node = current, steps <= branches.count {
            if node == ancestor { return true }
            current = parentOf[node]
            steps += 1
        }
        return false
    }

    /// `branch` and every branch below it.
    public func subtree(of branch: BranchID) -> Set<BranchID> {
        Set(branches.lazy.map(\.id).filter { isBranch($0, within: branch) })
    }

    /// Checks that ids are unique, every parent and staff branch exists, and there is no cycle.
    /// - Throws: ``ValueError`` naming the offending branch or staff member.
    public func validated() throws(ValueError) -> Organisation {
        var seen = Set<BranchID>()
        for branch in branches {
            guard seen.insert(branch.id).inserted else {
                throw ValueError(field: "branch", "branch \(branch.id) is listed twice")
            }
        }
        for branch in branches {
            if let parent = branch.parent, branchIndex[parent] == nil {
                throw ValueError(field: "parent", "branch \(branch.id) names unknown parent \(parent)")
            }
            var current = branch.parent
            var steps = 0
            while let node = current {
                steps += 1
                if node == branch.id || steps > branches.count {
                    throw ValueError(field: "parent", "branch \(branch.id) is its own ancestor")
                }
                current = parentOf[node]
            }
        }
        var staffSeen = Set<StaffID>()
        for member in staff {
            guard staffSeen.insert(member.id).inserted else {
                throw ValueError(field: "staff", "staff \(member.id) is listed twice")
            }
            guard branchIndex[member.branch] != nil else {
                throw ValueError(field: "branch", "staff \(member.id) belongs to unknown branch \(member.branch)")
            }
        }
        return self
    }

    /// Compares the branches and staff.
    public static func == (lhs: Organisation, rhs: Organisation) -> Bool {
        lhs.branches == rhs.branches && lhs.staff == rhs.staff
    }

    /// Hashes the branches and staff.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(branches)
        hasher.combine(staff)
    }

    private enum CodingKeys: String, CodingKey { case branches, staff }

    /// Decodes branches and staff.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            branches: try container.decode([Branch].self, forKey: .branches),
            staff: try container.decode([StaffMember].self, forKey: .staff)
        )
    }

    /// Encodes branches and staff.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(branches, forKey: .branches)
        try container.encode(staff, forKey: .staff)
    }
}
