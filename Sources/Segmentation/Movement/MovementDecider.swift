import CustomerModel
import Rules

/// Decides one client's review: the state before and the evaluation in, the state after, the events and the actions out.
///
/// Pure: the reviewer records, the dry run only counts.
struct MovementDecider {
    let policy: SegmentationPolicy
    let day: Day
    let schedule: ReviewSchedule

    struct Outcome {
        var state: ClientTierState
        var events: [TierEvent]
        var actions: [SegmentationAction]
    }

    func review(_ before: ClientTierState?, _ evaluation: ClientEvaluation, ladder: LadderPolicy) -> Outcome {
        var events: [TierEvent] = []
        var actions: [SegmentationAction] = []
        let client = evaluation.client
        let lowest = ladder.tiers[0].id
        func event(
            _ kind: TierEvent.Kind,
            from: String?,
            to: String?,
            proposed: String? = nil,
            reason: String,
            shortfalls: [Shortfall] = [],
            deadline: Day? = nil
        ) -> TierEvent {
            let e = TierEvent(
                id: "\(client)/\(day)/review/\(events.count)",
                client: client,
                day: day,
                kind: kind,
                ladder: ladder.ladder.name,
                from: from,
                to: to,
                proposed: proposed,
                reason: reason,
                cause: "policy",
                policy: policy.identifier,
                shortfalls: shortfalls,
                deadline: deadline
            )
            events.append(e)
            return e
        }
        let qualifies = evaluation.qualifies ?? lowest
        let qualifiedRank = ladder.rank(of: qualifies) ?? 0
        var state: ClientTierState
        if let before {
            state = before
        } else {
            // First review: the highest qualifying tier that needs no approval; the rest is proposed.
            var rank = qualifiedRank
            while rank > 0, ladder.tiers[rank].needsApproval { rank -= 1 }
            let tier = ladder.tiers[rank].id
            state = ClientTierState(client: client, ladder: ladder.ladder.name, tier: tier, since: day)
            _ = event(.assigned, from: nil, to: tier, reason: "first review: \(entryReason(evaluation, ladder, rank))")
            if rank < qualifiedRank {
                let proposal = TierProposal(
                    from: tier,
                    to: qualifies,
                    reason: entryReason(evaluation, ladder, qualifiedRank),
                    proposedOn: day
                )
                state.proposal = proposal
                let e = event(.proposed, from: tier, to: tier, proposed: qualifies, reason: proposal.reason)
                actions.append(.proposal(e))
            }
        }
        let nextReview = { (tier: String) -> Day in
            schedule.next(after: day, cadence: ladder[tier]?.service.reviewCadence ?? .yearly)
        }
        // An override that reached its expiry ends by itself.
        if let override = state.override, override.expires <= day {
            state.override = nil
            _ = event(
                .overrideExpired,
                from: override.tier,
                to: state.tier,
                reason: "the override to \(override.tier) (\(override.reason)) expired on \(override.expires)"
            )
        }
        let rank = ladder.rank(of: state.tier) ?? 0
        // Exits: started by a trigger, completed at the next review if it still holds.
        // While an exit trigger holds, or an exit is under way, the client does not move up.
        var exiting = !evaluation.exitTriggers.isEmpty
        if let exit = state.exit {
            if evaluation.exitTriggers.contains(exit.trigger) {
                if exit.completesOn <= day {
                    let from = state.effectiveTier
                    state.exit = nil
                    state.override = nil
                    state.proposal = nil
                    resetStreaks(&state)
                    state.tier = lowest
                    state.since = day
                    _ = event(
                        .exited,
                        from: from,
                        to: lowest,
                        reason: "orderly exit completed: \(exit.reason) (started \(exit.startedOn))"
                    )
                } else {
                    exiting = true
                }
            } else {
                state.exit = nil
                _ = event(
                    .exitCancelled,
                    from: state.effectiveTier,
                    to: state.effectiveTier,
                    reason: "exit called off: '\(exit.trigger)' no longer holds"
                )
            }
        } else if before != nil, rank > 0, let name = evaluation.exitTriggers.first,
            let trigger = policy.exits.first(where: { $0.name == name })
        {
            let completes = nextReview(state.tier)
            state.exit = ExitProcess(trigger: name, reason: trigger.reason, startedOn: day, completesOn: completes)
            exiting = true
            let e = event(
                .exitStarted,
                from: state.effectiveTier,
                to: state.effectiveTier,
                reason: trigger.reason,
                deadline: completes
            )
            actions.append(.exit(e))
        }
        if before != nil {
            let current = ladder.rank(of: state.tier) ?? 0
            let keeps = evaluation.keepMet.indices.contains(current) ? evaluation.keepMet[current] : true
            if exiting {
                state.upStreak = 0
                state.upTarget = nil
            } else if qualifiedRank > current {
                recover(&state, event: event)
                state.upStreak += 1
                state.upTarget =
                    state.upTarget.flatMap { t in (ladder.rank(of: t) ?? 0) < qualifiedRank ? t : nil } ?? qualifies
                if state.upStreak >= policy.movement.upgradeAfter {
                    let target = state.upTarget ?? qualifies
                    let targetRank = ladder.rank(of: target) ?? current
                    if ladder.tiers[targetRank].needsApproval {
                        if state.proposal?.to != target {
                            let proposal = TierProposal(
                                from: state.tier,
                                to: target,
                                reason: entryReason(evaluation, ladder, targetRank) + streakText(state.upStreak),
                                proposedOn: day
                            )
                            state.proposal = proposal
                            let e = event(
                                .proposed,
                                from: state.effectiveTier,
                                to: state.effectiveTier,
                                proposed: target,
                                reason: proposal.reason
                            )
                            actions.append(.proposal(e))
                        }
                    } else {
                        let from = state.effectiveTier
                        let reason = entryReason(evaluation, ladder, targetRank) + streakText(state.upStreak)
                        state.tier = target
                        state.since = day
                        state.proposal = nil
                        resetStreaks(&state)
                        _ = event(.upgraded, from: from, to: state.effectiveTier, reason: reason)
                    }
                }
            } else if !keeps {
                state.upStreak = 0
                state.upTarget = nil
                state.downStreak += 1
                let firstDrop = state.belowSince ?? day
                state.belowSince = firstDrop
                let shortfalls =
                    evaluation.criteria.indices.contains(current)
                    ? evaluation.criteria[current].filter { !$0.keepHolds }.compactMap(\.shortfall) : []
                let graceOver = firstDrop.days(until: day) >= policy.movement.graceDays
                if state.downStreak >= policy.movement.downgradeAfter, graceOver {
                    var target = current - 1
                    while target > 0, !evaluation.keepMet[target] { target -= 1 }
                    let from = state.effectiveTier
                    let tierID = state.tier
                    let reason =
                        "below the keep criteria of \(tierID) in \(state.downStreak) consecutive review\(state.downStreak == 1 ? "" : "s") since \(firstDrop): "
                        + keepText(evaluation, ladder, current)
                    state.tier = ladder.tiers[target].id
                    state.since = day
                    resetStreaks(&state)
                    _ = event(.downgraded, from: from, to: state.effectiveTier, reason: reason, shortfalls: shortfalls)
                } else if !state.warned {
                    state.warned = true
                    let deadline = nextReview(state.tier)
                    let e = event(
                        .warned,
                        from: state.effectiveTier,
                        to: state.effectiveTier,
                        reason: "to keep \(state.tier) by \(deadline): " + keepText(evaluation, ladder, current),
                        shortfalls: shortfalls,
                        deadline: deadline
                    )
                    actions.append(.warning(e))
                    actions.append(.improvementPlan(e))
                }
            } else {
                state.upStreak = 0
                state.upTarget = nil
                recover(&state, event: event)
            }
        }
        state.lastReview = day
        state.nextReview = min(
            nextReview(state.tier),
            state.override.map { $0.expires } ?? Day(number: .max),
            state.exit.map { $0.completesOn } ?? Day(number: .max)
        )
        state.policy = policy.identifier
        return Outcome(state: state, events: events, actions: actions)
    }

    private func resetStreaks(_ state: inout ClientTierState) {
        state.upStreak = 0
        state.upTarget = nil
        state.downStreak = 0
        state.belowSince = nil
        state.warned = false
    }

    private func recover(
        _ state: inout ClientTierState,
        event: (TierEvent.Kind, String?, String?, String?, String, [Shortfall], Day?) -> TierEvent
    ) {
        let wasWarned = state.warned
        state.downStreak = 0
        state.belowSince = nil
        state.warned = false
        if wasWarned {
            _ = event(
                .recovered,
                state.effectiveTier,
                state.effectiveTier,
                nil,
                "meets the keep criteria of \(state.tier) again",
                [],
                nil
            )
        }
    }

    private func streakText(_ streak: Int) -> String {
        streak > 1 ? " (\(streak) consecutive reviews)" : ""
    }

    /// `meets the entry criteria of diamond: assets` (the criteria that held).
    private func entryReason(_ evaluation: ClientEvaluation, _ ladder: LadderPolicy, _ rank: Int) -> String {
        guard rank > 0, evaluation.criteria.indices.contains(rank) else {
            return "in \(ladder.tiers[0].id), the ladder's lowest tier"
        }
        let met = evaluation.criteria[rank].filter(\.entryHolds).map(\.name)
        return "meets the entry criteria of \(ladder.tiers[rank].id): \(met.joined(separator: ", "))"
    }

    /// What it takes to keep tier `rank`, criterion by criterion: `assets: CNY 1,200,000.00 more, or value: 3.4 more`.
    private func keepText(_ evaluation: ClientEvaluation, _ ladder: LadderPolicy, _ rank: Int) -> String {
        guard evaluation.criteria.indices.contains(rank) else { return "" }
        let tier = ladder.tiers[rank]
        let parts = zip(tier.criteria, evaluation.criteria[rank]).filter { !$0.1.keepHolds }.map { criterion, outcome in
            if let shortfall = outcome.shortfall { return "\(criterion.name): \(shortfall.gap) more \(shortfall.fact)" }
            return "\(criterion.name): \(criterion.keep ?? criterion.entry)"
        }
        return parts.joined(separator: tier.match == .any ? ", or " : ", and ")
    }
}
