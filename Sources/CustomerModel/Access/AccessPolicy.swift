/// Decides whether a principal may read or write a client, given the client's coverage.
///
/// Stores call the policy on every access; adapters written by hosts should call it too (the
/// conformance kit checks that out-of-scope access is refused). The ``default`` policy:
///
/// | role | reads | writes |
/// |---|---|---|
/// | relationship manager | clients they cover (RM or service team) | the same |
/// | branch head | clients booked in their branch subtree | the same |
/// | head office, system | every client | every client |
/// | auditor | every client | nothing |
public struct AccessPolicy: Sendable {
    /// What the principal wants to do.
    public enum Operation: String, Hashable, Sendable, Codable {
        /// Read personal data.
        case read
        /// Create or change data.
        case write
    }

    private let decide: @Sendable (Principal, Operation, Coverage, Organisation) -> Bool

    /// Creates a policy from a decision function.
    public init(_ decide: @escaping @Sendable (Principal, Operation, Coverage, Organisation) -> Bool) {
        self.decide = decide
    }

    /// Whether `principal` may perform `operation` on a client with `coverage`.
    public func permits(
        _ principal: Principal, _ operation: Operation, coverage: Coverage, in organisation: Organisation
    ) -> Bool {
        decide(principal, operation, coverage, organisation)
    }

    /// The bank's default policy (see the table above).
    public static let `default` = AccessPolicy { principal, operation, coverage, organisation in
        switch principal.role {
        case .system, .headOffice: return true
        case .auditor: return operation == .read
        case .relationshipManager:
            return coverage.relationshipManager == principal.id || coverage.serviceTeam.contains(principal.id)
        case .branchHead:
            guard let root = principal.branch else { return false }
            return organisation.isBranch(coverage.branch, within: root)
        }
    }

    /// Every principal may do everything: for single-user tools and tests only.
    public static let permitAll = AccessPolicy { _, _, _, _ in true }
}
