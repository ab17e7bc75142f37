package import CustomerModel

/// Reads what reached an audit log during a check, so store kits can verify that every read,
/// write and refusal was recorded with the right principal, clients, action and time.
package struct AuditTrail {
    /// Which clients an entry must name.
    package enum Clients {
        /// Exactly these (compared as sets).
        case exactly(Set<CustomerID>)
        /// At least these; a bank-wide entry also qualifies when `bankWideAllowed`.
        case covering(Set<CustomerID>, bankWideAllowed: Bool)
    }

    /// The principal the kits read the trail as; its own reads of the trail are ignored, so a
    /// log that audits reads of itself still passes.
    package static let reader = Principal.auditor("AU-KIT", purpose: "conformance kit reading the trail")

    package let log: any AuditLog

    /// Reads the trail of `log`.
    package init(log: any AuditLog) { self.log = log }

    /// Every entry so far, oldest first, without the kit's own reads of the trail.
    package func all() async throws(ConformanceFailure) -> [AuditRecord] {
        let entries = try await call("reading the audit trail as an auditor") {
            try await log.entries(concerning: nil, in: ConformanceWorld.allTime, scope: .everyClient)
        }
        return entries.filter { $0.principal != Self.reader }
    }

    /// A bookmark: the number of entries so far.
    package func mark() async throws(ConformanceFailure) -> Int { try await all().count }

    /// Entries recorded after `mark`.
    package func entries(since mark: Int) async throws(ConformanceFailure) -> [AuditRecord] {
        Array(try await all().dropFirst(mark))
    }

    /// Checks that exactly one entry was recorded since `mark`, and that it has the action,
    /// principal, clients and instant given; returns it.
    @discardableResult
    package func expectOne(
        since mark: Int,
        _ subject: String,
        action: AuditRecord.Action,
        principal: Principal,
        clients: Clients,
        at instant: Instant,
        fileID: String = #fileID,
        line: Int = #line
    ) async throws(ConformanceFailure) -> AuditRecord {
        let fresh = try await entries(since: mark)
        guard fresh.count == 1, let entry = fresh.first else {
            throw ConformanceFailure(
                subject: "audit entries recorded by \(subject)",
                expected: "exactly one \(action) entry",
                actual: "\(fresh.count) entries \(brief(fresh.map { "\($0.action) \($0.operation) \($0.customers)" }))",
                fileID: fileID,
                line: line
            )
        }
        try expectEqual(entry.action, action, "the action audited for \(subject)", fileID: fileID, line: line)
        try expectEqual(entry.principal, principal, "the principal audited for \(subject)", fileID: fileID, line: line)
        try expectEqual(
            entry.at,
            instant,
            "the instant audited for \(subject) (the fixture clock's now)",
            fileID: fileID,
            line: line
        )
        let named = Set(entry.customers)
        switch clients {
        case .exactly(let expected):
            try expectEqual(
                named.sorted(),
                expected.sorted(),
                "the clients audited for \(subject)",
                fileID: fileID,
                line: line
            )
        case .covering(let expected, let bankWideAllowed):
            try expectTrue(
                named.isSuperset(of: expected) || (bankWideAllowed && entry.isBankWide),
                "the clients audited for \(subject)",
                expected: "every client in \(expected.sorted())\(bankWideAllowed ? " or a bank-wide entry" : "")",
                actual: "\(entry.customers)\(entry.isBankWide ? " (bank-wide)" : "")",
                fileID: fileID,
                line: line
            )
        }
        return entry
    }

    /// Checks that nothing was recorded since `mark`.
    package func expectNone(
        since mark: Int,
        _ subject: String,
        fileID: String = #fileID,
        line: Int = #line
    )
        async throws(ConformanceFailure)
    {
        let fresh = try await entries(since: mark)
        try expectTrue(
            fresh.isEmpty,
            "audit entries recorded by \(subject)",
            expected: "none",
            actual: "\(fresh.count) \(brief(fresh.map { "\($0.action) \($0.operation)" }))",
            fileID: fileID,
            line: line
        )
    }
}
