package import CustomerModel

/// A fixture whose port sits behind an ``/CustomerModel/AccessGate``: the audit log the gate
/// writes to and the clock it reads, which the checks move and read back.
package protocol GatedFixture: ConformanceFixture {
    /// The audit log the gate writes to.
    var audit: SwitchableAuditLog { get }
    /// The clock the gate reads.
    var clock: ManualClock { get }
    /// The gated customer store (the gate's directory) the kit seeds ``ConformanceWorld`` through.
    var directory: GatedCustomerStore { get }
}

extension GatedFixture {
    /// Seeds the organisation and the five clients of ``ConformanceWorld`` through
    /// ``directory`` as system, then moves the clock on a minute.
    ///
    /// - Throws: ``ConformanceFailure`` when the store refuses the seed.
    package func seed() async throws(ConformanceFailure) {
        try await call("seeding the organisation and the five clients as system") {
            try await ConformanceWorld.seed(directory)
        }
        tick()
    }

    /// Moves the clock forward a minute and returns the new instant, so each call's audit entry
    /// has its own time.
    ///
    /// - Returns: the clock's new instant.
    @discardableResult
    package func tick() -> Instant {
        clock.advance(bySeconds: 60)
        return clock.now
    }

    /// The audit trail the gate writes to.
    package var trail: AuditTrail { AuditTrail(log: audit) }

    /// Runs `body`, which the gate must refuse as ``/CustomerModel/StoreError/Code/forbidden``, and
    /// checks that the refusal reached the audit log: exactly one `denied` entry by `principal`,
    /// naming `clients`, at the clock's next minute.
    ///
    /// - Parameters:
    ///   - subject: the refused call, for failure messages ("RM-B reading C-A1").
    ///   - principal: who made the call.
    ///   - clients: the clients the audit entry must name.
    ///   - fileID: the kit source file of the check (defaults to the caller's).
    ///   - line: the kit source line of the check (defaults to the caller's).
    ///   - body: the call to refuse.
    /// - Throws: ``ConformanceFailure`` when the call was not refused or not audited as refused.
    package func expectRefusal<T>(
        _ subject: String,
        by principal: Principal,
        naming clients: AuditTrail.Clients,
        fileID: String = #fileID,
        line: Int = #line,
        _ body: () async throws -> T
    ) async throws(ConformanceFailure) {
        let mark = try await trail.mark()
        let now = tick()
        try await expectStoreError(.forbidden, subject, fileID: fileID, line: line, body)
        try await trail.expectOne(
            since: mark,
            "the refusal of \(subject)",
            action: .denied,
            principal: principal,
            clients: clients,
            at: now,
            fileID: fileID,
            line: line
        )
    }
}
