public import CustomerModel

extension TierReviewer {
    /// Accepts or rejects the move proposed for `client`, with a reason; an accepted move is
    /// applied today.
    /// - Parameters:
    ///   - client: the client.
    ///   - accept: whether the move is accepted.
    ///   - reason: why (required).
    ///   - principal: the approver; their role must be one of the policy's approver roles.
    /// - Returns: the `approved` or `rejected` event.
    /// - Throws: ``SegmentationError`` `notApprover`, `invalid` (empty reason), `notFound` (no
    ///   proposal), or `store`.
    @discardableResult
    public func decide(
        _ client: CustomerID,
        accept: Bool,
        reason: String,
        as principal: Principal
    )
        async throws(SegmentationError) -> TierEvent
    {
        try checkApprover(principal, client)
        guard !reason.trimmed.isEmpty else {
            throw SegmentationError(.invalid, customer: client, field: "reason", "a decision needs a reason")
        }
        var state = try await state(of: client, as: principal)
        guard let proposal = state.proposal else {
            throw SegmentationError(.notFound, customer: client, field: "proposal", "no move is awaiting approval")
        }
        let day = today
        let from = state.effectiveTier
        state.proposal = nil
        if accept {
            state.tier = proposal.to
            state.since = day
            state.upStreak = 0
            state.upTarget = nil
            state.downStreak = 0
            state.belowSince = nil
            state.warned = false
            if let ladder = policy.ladders.first(where: { $0.ladder.name == state.ladder }) {
                state.nextReview = schedule.next(
                    after: day,
                    cadence: ladder[proposal.to]?.service.reviewCadence ?? .yearly
                )
            }
        }
        let event = TierEvent(
            id: "\(client)/\(day)/decision/\(proposal.proposedOn)/\(proposal.to)",
            client: client,
            day: day,
            kind: accept ? .approved : .rejected,
            ladder: state.ladder,
            from: from,
            to: state.effectiveTier,
            proposed: proposal.to,
            reason:
                "\(accept ? "accepted" : "rejected"): \(reason) (proposed \(proposal.proposedOn): \(proposal.reason))",
            cause: principal.description,
            policy: policy.identifier
        )
        try await commit(SegmentationBatch(events: [event], states: [state]), as: principal)
        return event
    }

    /// Overrides `client`'s tier until `expires` (the first day it no longer applies), with a
    /// reason and an approver; the override ends by itself at the first review on or after
    /// its expiry, and is visible in the history.
    /// - Parameters:
    ///   - client: the client (it must have been reviewed once).
    ///   - tier: a tier of the client's ladder.
    ///   - reason: why (required).
    ///   - expires: after today.
    ///   - principal: the approver; their role must be one of the policy's approver roles.
    /// - Returns: the `overridden` event.
    /// - Throws: ``SegmentationError`` `notApprover`, `invalid`, `notFound`, or `store`.
    @discardableResult
    public func override(
        _ client: CustomerID,
        to tier: String,
        reason: String,
        expires: Day,
        as principal: Principal
    ) async throws(SegmentationError) -> TierEvent {
        try checkApprover(principal, client)
        let day = today
        guard !reason.trimmed.isEmpty else {
            throw SegmentationError(.invalid, customer: client, field: "reason", "an override needs a reason")
        }
        guard expires > day else {
            throw SegmentationError(.invalid, customer: client, field: "expires", "an override expires after today")
        }
        var state = try await state(of: client, as: principal)
        guard let ladder = policy.ladders.first(where: { $0.ladder.name == state.ladder }), ladder.rank(of: tier) != nil
        else {
            throw SegmentationError(
                .invalid,
                customer: client,
                field: "tier",
                "'\(tier)' is not a tier of the client's ladder"
            )
        }
        let from = state.effectiveTier
        state.override = TierOverride(tier: tier, reason: reason, approver: principal.id, setOn: day, expires: expires)
        state.nextReview = min(state.nextReview ?? expires, expires)
        let event = TierEvent(
            id: "\(client)/\(day)/override/\(tier)/\(expires)",
            client: client,
            day: day,
            kind: .overridden,
            ladder: state.ladder,
            from: from,
            to: tier,
            reason: "override until \(expires): \(reason)",
            cause: principal.description,
            policy: policy.identifier,
            deadline: expires
        )
        try await commit(SegmentationBatch(events: [event], states: [state]), as: principal)
        return event
    }

    private func checkApprover(_ principal: Principal, _ client: CustomerID) throws(SegmentationError) {
        guard policy.movement.approverRoles.contains(principal.role) else {
            throw SegmentationError(
                .notApprover,
                customer: client,
                field: "principal",
                "\(principal.role.rawValue) may not approve tier moves"
            )
        }
    }

    private func state(
        of client: CustomerID,
        as principal: Principal
    ) async throws(SegmentationError) -> ClientTierState {
        let found: [ClientTierState]
        do throws(StoreError) { found = try await store.states(of: [client], as: principal) } catch {
            throw .store(error)
        }
        guard let state = found.first else {
            throw SegmentationError(.notFound, customer: client, "the client has not been reviewed")
        }
        return state
    }

    private func commit(_ batch: SegmentationBatch, as principal: Principal) async throws(SegmentationError) {
        do throws(StoreError) { try await store.commit(batch, as: principal) } catch { throw .store(error) }
    }
}
