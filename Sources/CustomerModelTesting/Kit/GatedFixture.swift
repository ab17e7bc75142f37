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
}
