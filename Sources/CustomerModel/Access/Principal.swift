/// Who is asking, in what role, over which scope, and why: passed on every port call.
///
/// The default ``AccessPolicy`` lets a relationship manager read and write only the clients
/// they cover, a branch head the clients of their branch subtree, and head office and system
/// principals every client. The ``purpose`` goes into the audit trail.
///
/// ```swift
/// let rm = Principal.relationshipManager("RM-0042", branch: "BR-SH-01", purpose: "client review")
/// let batch = Principal.system("nightly-scoring")
/// ```
public struct Principal: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The role a principal acts in.
    public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
        /// A relationship manager: their own clients only.
        case relationshipManager
        /// A branch head: clients of their branch and every branch below it.
        case branchHead
        /// Head office staff: every client.
        case headOffice
        /// Compliance auditor: reads every client and the audit trail, writes nothing.
        case auditor
        /// A batch job or service account (scoring, import): every client.
        case system
    }

    /// The member of staff or service account.
    public var id: StaffID
    /// The role acted in.
    public var role: Role
    /// The branch the principal's scope is rooted at (branch heads; RMs for new clients).
    public var branch: BranchID?
    /// Why the data is being processed ("client review", "nightly scoring"); recorded in the audit trail.
    public var purpose: String

    /// Creates a principal.
    public init(id: StaffID, role: Role, branch: BranchID? = nil, purpose: String) {
        self.id = id
        self.role = role
        self.branch = branch
        self.purpose = purpose
    }

    /// A relationship manager acting for `purpose`.
    public static func relationshipManager(
        _ id: StaffID,
        branch: BranchID? = nil,
        purpose: String = "servicing"
    )
        -> Principal
    {
        Principal(id: id, role: .relationshipManager, branch: branch, purpose: purpose)
    }

    /// A branch head over the subtree rooted at `branch`.
    public static func branchHead(_ id: StaffID, branch: BranchID, purpose: String = "supervision") -> Principal {
        Principal(id: id, role: .branchHead, branch: branch, purpose: purpose)
    }

    /// A batch job or service account with bank-wide scope.
    public static func system(_ job: String, purpose: String? = nil) -> Principal {
        Principal(id: StaffID(job), role: .system, purpose: purpose ?? job)
    }

    /// A compliance auditor.
    public static func auditor(_ id: StaffID, purpose: String = "audit") -> Principal {
        Principal(id: id, role: .auditor, purpose: purpose)
    }

    /// `role:id`.
    public var description: String { "\(role.rawValue):\(id)" }

    /// Whether the principal's scope is the whole bank (no per-client check needed).
    public var hasBankWideScope: Bool { role == .headOffice || role == .system || role == .auditor }
}
