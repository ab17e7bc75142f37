public import CustomerModel

/// The members of named staff groups (`group "wealth desk"` in rules), as the host knows them
/// (its HR system, a configuration file).
public protocol StaffGroupDirectory: Sendable {
    /// The members of the group named `name`, or `nil` when there is no such group.
    func members(ofGroup name: String) -> [StaffID]?
}

/// Staff groups given as a dictionary from group name to members.
public struct StaffGroups: StaffGroupDirectory, Hashable {
    /// The members of each group.
    public var groups: [String: [StaffID]]

    /// Creates groups from `groups` (none by default).
    public init(_ groups: [String: [StaffID]] = [:]) { self.groups = groups }

    /// The members of the group named `name`.
    public func members(ofGroup name: String) -> [StaffID]? { groups[name] }
}

/// Turns the roles of rule actions into the staff who receive them.
///
/// For one client's ``/CustomerModel/Coverage``:
///
/// - `rm`: the client's relationship manager.
/// - `service_team`: the client's service team, in the order the coverage lists it.
/// - `branch_head`: the head of the branch that books the client; when that branch records no
///   head, the nearest branch above it that does (sub-branch, branch, region, head office).
/// - `group "name"`: the members the host's ``StaffGroupDirectory`` lists.
///
/// A role that names nobody is reported as an ``UnresolvedRecipient`` (a client without an RM,
/// a branch unknown to the organisation, a group nobody defined), never dropped silently.
public struct RecipientResolver: Sendable {
    /// The branch tree and staff.
    public let organisation: Organisation
    /// The host's staff groups.
    public let groups: any StaffGroupDirectory

    /// Creates a resolver over `organisation` and the host's `groups` (none by default).
    public init(organisation: Organisation, groups: any StaffGroupDirectory = StaffGroups()) {
        self.organisation = organisation
        self.groups = groups
    }

    /// The staff `recipient` names for a client covered by `coverage` (`nil`: a client the
    /// directory does not know), or why nobody.
    public func resolve(_ recipient: Recipient, for client: CustomerID, coverage: Coverage?) -> ResolvedRecipient {
        func unresolved(_ code: UnresolvedRecipient.Code, _ message: String) -> ResolvedRecipient {
            ResolvedRecipient(
                recipient: recipient,
                staff: [],
                problem: UnresolvedRecipient(code, recipient: recipient, client: client, message)
            )
        }
        let noCoverage = unresolved(.unknownClient, "the client's coverage is not known")
        switch recipient {
        case .group(let name):
            guard let members = groups.members(ofGroup: name) else {
                return unresolved(.unknownGroup, "no staff group is named \"\(name)\"")
            }
            guard !members.isEmpty else { return unresolved(.nobody, "staff group \"\(name)\" has no members") }
            return ResolvedRecipient(recipient: recipient, staff: members, problem: nil)
        case .relationshipManager:
            guard let coverage else { return noCoverage }
            guard let rm = coverage.relationshipManager else {
                return unresolved(.nobody, "the client has no relationship manager")
            }
            return ResolvedRecipient(recipient: recipient, staff: [rm], problem: nil)
        case .serviceTeam:
            guard let coverage else { return noCoverage }
            guard !coverage.serviceTeam.isEmpty else { return unresolved(.nobody, "the client has no service team") }
            return ResolvedRecipient(recipient: recipient, staff: coverage.serviceTeam, problem: nil)
        case .branchHead:
            guard let coverage else { return noCoverage }
            guard organisation.branch(coverage.branch) != nil else {
                return unresolved(.unknownBranch, "branch \(coverage.branch) is not in the organisation")
            }
            // Up the tree to the nearest branch with a head (bounded: a cycle cannot loop).
            var current: BranchID? = coverage.branch
            var steps = 0
            while let id = current, let branch = organisation.branch(id), steps <= organisation.branches.count {
                if let head = branch.head {
                    return ResolvedRecipient(recipient: recipient, staff: [head], problem: nil)
                }
                current = branch.parent
                steps += 1
            }
            return unresolved(.nobody, "no branch from \(coverage.branch) up records a head")
        }
    }
}

/// The staff a recipient named for one client, or the problem that left nobody.
public struct ResolvedRecipient: Hashable, Sendable {
    /// The role as written in the rule.
    public var recipient: Recipient
    /// The staff who receive it, in a stable order (empty when unresolved).
    public var staff: [StaffID]
    /// Why nobody receives it; `nil` when resolved.
    public var problem: UnresolvedRecipient?

    /// Creates a resolution.
    public init(recipient: Recipient, staff: [StaffID], problem: UnresolvedRecipient?) {
        self.recipient = recipient
        self.staff = staff
        self.problem = problem
    }

    /// Whether at least one member of staff receives it.
    public var isResolved: Bool { !staff.isEmpty }
}

/// A recipient role that names nobody for a client.
///
/// The message names the role, client, branch
/// or group, never a personal value.
public struct UnresolvedRecipient: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    ///
    /// New codes may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// The role names nobody (no RM, no service team, no branch head up the tree, an empty group).
        public static let nobody = Code("nobody")
        /// The client's booking branch is not in the organisation.
        public static let unknownBranch = Code("unknown-branch")
        /// No staff group has the name.
        public static let unknownGroup = Code("unknown-group")
        /// The client's coverage is not known.
        public static let unknownClient = Code("unknown-client")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// The role as written.
    public var recipient: Recipient
    /// The client.
    public var client: CustomerID
    /// What is missing.
    public var message: String

    /// Creates a problem.
    public init(_ code: Code, recipient: Recipient, client: CustomerID, _ message: String) {
        self.code = code
        self.recipient = recipient
        self.client = client
        self.message = message
    }

    /// `nobody: rm for client C-1: the client has no relationship manager`.
    public var description: String { "\(code): \(recipient) for client \(client): \(message)" }
}
