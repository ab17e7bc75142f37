/// The one layer that applies the ``AccessPolicy``, writes the audit trail and reads the clock,
/// around any storage port.
///
/// Hosts do not call storage ports directly: they call the gated facades the gate hands out
/// (``customers(_:)``, ``activity(_:)``, ``auditTrail(_:)``, and `ValueModel`'s score history
/// facade), which keep the host-facing shape `profiles(ids, as: principal)`. For every call the
/// gate
/// 1. looks up the operation's ``OperationRow`` (no row: refused),
/// 2. resolves the principal's ``ClientScope`` for the operation from the policy and the
///    directory's organisation (a refused operation resolves to no client: default deny),
/// 3. asks the ``ClientDirectory`` for the coverage of the clients the call names, once per
///    distinct client: an unknown client a write names is ``StoreError/Code/notFound``, a client
///    out of scope ``StoreError/Code/forbidden``; both before any store is called,
/// 4. audits: a refusal as `denied`; an allowed write as `write` *before* the store is called
///    (so no write happens that the trail could not record); an allowed read as `read` or
///    `export` once the store has answered, naming the clients it returned. When the audit log
///    fails, the call fails and returns nothing,
/// 5. passes the resolved scope to the store, which filters its listings by it.
///
/// ```swift
/// let gate = AccessGate(directory: customerStore, audit: auditLog, clock: .system)
/// let customers = gate.customers(customerStore)
/// let profiles = try await customers.profiles(["C000042"], as: .relationshipManager("RM-0007"))
/// ```
public struct AccessGate: Sendable {
    /// Who may reach which clients, and each operation's row.
    public let policy: AccessPolicy
    /// Where every allowed and refused call is recorded.
    public let audit: any AuditLog
    /// Stamps audit entries; read once per call.
    public let clock: any WallClock
    /// Which clients exist, who covers them, and the organisation.
    public let directory: any ClientDirectory

    /// Creates a gate.
    /// - Parameters:
    ///   - directory: the clients and their coverage (any ``CustomerStore``, or the host's own directory).
    ///   - audit: the audit trail.
    ///   - clock: stamps audit entries.
    ///   - policy: who may reach which clients.
    public init(
        directory: any ClientDirectory,
        audit: any AuditLog,
        clock: any WallClock,
        policy: AccessPolicy = .default
    ) {
        self.directory = directory
        self.audit = audit
        self.clock = clock
        self.policy = policy
    }

    /// `store` behind this gate.
    public func customers(_ store: any CustomerStore) -> GatedCustomerStore { GatedCustomerStore(store, gate: self) }

    /// `store` behind this gate.
    public func activity(_ store: any ActivityStore) -> GatedActivityStore { GatedActivityStore(store, gate: self) }

    /// Reads of `log` behind this gate (the gate's own entries go to ``audit``).
    public func auditTrail(_ log: any AuditLog) -> GatedAuditLog { GatedAuditLog(log, gate: self) }
}

/// What the gate decided for one call it let through: the scope to hand the store.
public struct GateAdmission: Sendable {
    /// Who is calling.
    public let principal: Principal
    /// The operation.
    public let operation: AccessOperation
    /// The operation's row in the policy.
    public let row: OperationRow
    /// The clients the store may touch.
    public let scope: ClientScope
}

/// How the gate treats a named client the directory does not know.
public enum UnknownClientRule: Sendable {
    /// Let the call through; the store skips or reports it (reads: the client has no records).
    case skip
    /// Refuse the call with ``StoreError/Code/notFound`` before any store is called (writes).
    case refuse
}

extension AccessGate {
    /// Decides one call: resolves the scope, checks every client the call names (and every new
    /// coverage a write would give), audits a refusal, and returns the scope to hand the store.
    /// - Parameters:
    ///   - principal: who is calling.
    ///   - operation: the operation.
    ///   - clients: the distinct clients the call names.
    ///   - unknown: what to do with a client the directory does not know.
    ///   - newCoverage: coverage a write would give clients (a profile's new RM or branch); each must be in scope.
    ///   - listing: whether to attach the directory's list of the clients in scope (for stores that keep no coverage).
    /// - Returns: the scope the store must apply, and the audit record to complete after the call.
    /// - Throws: ``StoreError/Code/forbidden`` (audited as `denied`), ``StoreError/Code/notFound``,
    ///   or whatever the directory or audit log throws.
    public func admit(
        _ principal: Principal,
        _ operation: AccessOperation,
        naming clients: [CustomerID] = [],
        unknown: UnknownClientRule = .skip,
        newCoverage: [(CustomerID, Coverage)] = [],
        listing: Bool = false
    ) async throws(StoreError) -> GateAdmission {
        guard let row = policy.row(of: operation) else {
            try await refuse(
                principal,
                operation,
                fields: [],
                clients: clients,
                "no policy row for \(operation.rawValue)"
            )
        }
        if let roles = row.roles, !roles.contains(principal.role) {
            try await refuse(
                principal,
                operation,
                fields: row.fields,
                clients: clients,
                "\(principal.role.rawValue) may not call \(operation.rawValue)"
            )
        }
        let organisation = try await directory.organisation()
        var scope = policy.scope(for: principal, row.kind.policyOperation, in: organisation)
        if row.needsBankWideScope, !scope.isEveryClient {
            try await refuse(
                principal,
                operation,
                fields: row.fields,
                clients: clients,
                "\(principal.role.rawValue) may not call \(operation.rawValue)"
            )
        }
        if !clients.isEmpty, !scope.isEveryClient || unknown == .refuse {
            if let refusal = try await directory.firstRefused(clients, by: scope, unknownIsRefused: unknown == .refuse)
            {
                let id = clients[refusal.index]
                if refusal.isUnknown { throw StoreError(.notFound, customer: id, field: "customer", "unknown client") }
                try await refuse(
                    principal,
                    operation,
                    fields: row.fields,
                    clients: [id],
                    "out of the principal's scope"
                )
            }
        }
        for (id, coverage) in newCoverage where !scope.covers(coverage) {
            try await refuse(
                principal,
                operation,
                fields: row.fields,
                clients: [id],
                "new coverage is out of the principal's scope"
            )
        }
        if scope.isEmpty {
            try await refuse(principal, operation, fields: row.fields, clients: clients, "out of the principal's scope")
        }
        if listing, !scope.isEveryClient {
            scope = scope.with(clients: try await directory.clients(in: scope))
        }
        return GateAdmission(principal: principal, operation: operation, row: row, scope: scope)
    }

    /// Audits an allowed call: `write` before a write reaches the store, `read` or `export` once a
    /// read has its answer.
    /// - Parameters:
    ///   - admission: what ``admit(_:_:naming:unknown:newCoverage:listing:)`` returned.
    ///   - customers: the clients concerned.
    ///   - isBankWide: whether the call covered every client (bulk exports).
    /// - Throws: whatever the audit log throws; the call must then fail.
    public func recordAllowed(
        _ admission: GateAdmission,
        customers: [CustomerID],
        isBankWide: Bool = false
    )
        async throws(StoreError)
    {
        try await audit.record([
            AuditRecord(
                at: clock.now,
                principal: admission.principal,
                action: admission.row.kind.auditAction,
                customers: customers,
                isBankWide: isBankWide,
                fields: admission.row.fields,
                operation: admission.operation.rawValue
            )
        ])
    }

    /// Audits a refusal as `denied` and throws ``StoreError/Code/forbidden``.
    private func refuse(
        _ principal: Principal,
        _ operation: AccessOperation,
        fields: [String],
        clients: [CustomerID],
        _ why: String
    ) async throws(StoreError) -> Never {
        try await audit.record([
            AuditRecord(
                at: clock.now,
                principal: principal,
                action: .denied,
                customers: clients,
                fields: fields,
                operation: operation.rawValue
            )
        ])
        throw StoreError(.forbidden, customer: clients.count == 1 ? clients[0] : nil, why)
    }

    /// The distinct clients of `ids` in first-seen order; runs of one client cost one comparison a row.
    ///
    /// A short list (the 360 view names one client) is searched linearly, with no table; a long
    /// one is numbered through a packed-key table sized for it up front, with no string hashing.
    public static func distinct(_ ids: some Sequence<CustomerID>) -> [CustomerID] {
        var iterator = ids.makeIterator()
        var few: [CustomerID] = []
        var last: CustomerID?
        while let id = iterator.next() {
            if id == last { continue }
            last = id
            if few.contains(id) { continue }
            few.append(id)
            if few.count > shortList { return numbered(few, then: &iterator, expected: ids.underestimatedCount) }
        }
        return few
    }

    /// The distinct clients of `ids` in first-seen order; a list of one client is returned as it is.
    public static func distinct(_ ids: [CustomerID]) -> [CustomerID] {
        if ids.count <= 1 { return ids }
        return distinct(ids.lazy)
    }

    /// Lists longer than this are numbered through a table rather than searched.
    private static let shortList = 16

    /// The distinct clients of `seen` (already distinct) followed by the new ones of `rest`.
    private static func numbered(
        _ seen: [CustomerID],
        then rest: inout some IteratorProtocol<CustomerID>,
        expected: Int
    ) -> [CustomerID] {
        var numbers = ClientNumbers(capacity: max(expected, seen.count))
        for id in seen { _ = numbers.intern(id) }
        var last = seen.last
        while let id = rest.next() {
            if id == last { continue }
            last = id
            _ = numbers.intern(id)
        }
        return numbers.values
    }
}
