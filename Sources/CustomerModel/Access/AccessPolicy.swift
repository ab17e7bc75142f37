/// Resolves which clients a principal may read or write: the rule the ``AccessGate`` applies
/// around every storage port.
///
/// The policy answers with a ``ClientScope`` (every client, or the clients covered by some staff
/// or booked in some branches); a client is permitted when the scope covers its ``Coverage``.
/// Anything the policy does not grant is refused (default deny). The ``default`` policy:
///
/// | role | reads | writes |
/// |---|---|---|
/// | relationship manager | clients they cover (RM or service team) | the same |
/// | branch head | clients booked in their branch subtree | the same |
/// | head office, system | every client | every client |
/// | auditor | every client | nothing |
///
/// Besides the scope, the policy carries one ``OperationRow`` per ``AccessOperation`` (what it
/// reads or writes, which fields, whether it needs bank-wide scope); an operation without a row
/// is refused.
public struct AccessPolicy: Sendable {
    /// What the principal wants to do.
    public enum Operation: String, Hashable, Sendable, Codable {
        /// Read personal data.
        case read
        /// Create or change data.
        case write
    }

    private let resolve: @Sendable (Principal, Operation, Organisation) -> ClientScope
    /// Each gated operation's row: its kind, fields and whether it needs bank-wide scope.
    public let rows: [AccessOperation: OperationRow]

    /// Creates a policy from a scope-resolving function and the operation rows.
    /// - Parameters:
    ///   - rows: one row per operation; operations without a row are refused.
    ///   - resolve: the clients `principal` may reach for `operation`, given the organisation.
    public init(
        rows: [AccessOperation: OperationRow] = OperationRow.defaults,
        _ resolve: @escaping @Sendable (Principal, Operation, Organisation) -> ClientScope
    ) {
        self.rows = rows
        self.resolve = resolve
    }

    /// The clients `principal` may reach for `operation`.
    public func scope(for principal: Principal, _ operation: Operation, in organisation: Organisation) -> ClientScope {
        resolve(principal, operation, organisation)
    }

    /// Whether `principal` may perform `operation` on a client with `coverage`.
    public func permits(
        _ principal: Principal,
        _ operation: Operation,
        coverage: Coverage,
        in organisation: Organisation
    ) -> Bool {
        scope(for: principal, operation, in: organisation).covers(coverage)
    }

    /// The row of `operation`, or `nil` when the policy has none (the gate then refuses it).
    public func row(of operation: AccessOperation) -> OperationRow? { rows[operation] }

    /// The bank's default policy (see the table above).
    public static let `default` = AccessPolicy { principal, operation, organisation in
        switch principal.role {
        case .system, .headOffice: return .everyClient
        case .auditor: return operation == .read ? .everyClient : .noClient
        case .relationshipManager: return .covered(by: [principal.id])
        case .branchHead:
            guard let root = principal.branch else { return .noClient }
            return .covered(by: [], orBookedIn: organisation.subtree(of: root).union([root]))
        }
    }

    /// Every principal may do everything: for single-user tools and tests only.
    public static let permitAll = AccessPolicy { _, _, _ in .everyClient }
}
