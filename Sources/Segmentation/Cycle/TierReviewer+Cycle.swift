public import CustomerModel
public import Rules
import ValueModel

extension TierReviewer {
    /// `review-tiers`: the night's segmentation review in the ``/Rules/DailyCycle``, in place of
    /// `assign-tiers`.
    ///
    /// After scoring, the clients due on the cycle day are evaluated under the policy over the
    /// book and the night's value facts; their warnings, improvement plans, proposals and exit
    /// tasks are handed to the ports' action handler (each action's id comes from its event, so a
    /// rerun hands over duplicates, not second messages), then the evaluations and moves are
    /// recorded. Every client's effective tier is handed to the rules as the `tier` fact, so a
    /// real move fires the `on tier change` rules in `hand-facts`.
    ///
    /// A rerun of the day reviews no client twice (a client reviewed that day under the policy
    /// version is skipped), so the stage is safe to run again.
    ///
    /// ```swift
    /// let stages = reviewer.replacingAssignTiers(in: DailyCycle.standardStages)
    /// let cycle = DailyCycle(ports: ports, rules: rules, scoring: scoring, stages: stages)
    /// ```
    public var cycleStage: CycleStage {
        let reviewer = self
        return CycleStage(name: "review-tiers", effect: .computation) { context throws(CycleFailure) in
            try await reviewer.review(in: &context)
        }
    }

    /// `stages` with `assign-tiers` replaced by ``cycleStage`` (added after `record-scores` when
    /// `stages` has no `assign-tiers`).
    public func replacingAssignTiers(in stages: [CycleStage]) -> [CycleStage] {
        if let i = stages.firstIndex(where: { $0.name == CycleStage.assignTiers.name }) {
            var replaced = stages
            replaced[i] = cycleStage
            return replaced
        }
        var added = stages
        let after = stages.firstIndex { $0.name == CycleStage.recordScores.name }.map { $0 + 1 } ?? stages.count
        added.insert(cycleStage, at: after)
        return added
    }

    /// The work of ``cycleStage`` on a cycle's context, for hosts that build their own stage
    /// around it (one that picks the policy version by day, for instance).
    /// - Parameter context: the cycle's context, after `read-book` and `score-book`.
    /// - Returns: the stage's counts: clients, reviewed, tiered, actions and events by kind.
    /// - Throws: ``/Rules/CycleFailure`` when an earlier stage is missing, the review, the
    ///   action handler or the store fails.
    public func review(in context: inout CycleContext) async throws(CycleFailure) -> [CycleCount] {
        guard let scores = context.scores, let book = context.book else {
            throw .state("no scores (the read-book and score-book stages must come before review-tiers)")
        }
        let records = try context.clientRecords()
        let segmentationBook = SegmentationBook(
            records: records,
            facts: [BookFactSource(scores)],
            transactions: book.transactions,
            interactions: book.interactions
        )
        let day = context.asOf
        let plan: Plan
        do throws(SegmentationError) {
            plan = try await self.plan(policy, segmentationBook, clients: nil, on: day)
        } catch {
            throw .state("segmentation review: \(error)")
        }
        // Actions first: a failure after them reruns the review, whose actions are then duplicates.
        let at = calendar.start(of: day.adding(days: 1))
        let actions = plan.actions.map { $0.firingAction(at: at) }
        var handled = 0
        if !actions.isEmpty {
            do throws(ActionHandlerError) {
                let outcomes = try await context.ports.actions.handle(actions)
                handled = outcomes.filter { $0.status == .handled || $0.status == .duplicate }.count
            } catch {
                throw .actions(error)
            }
        }
        let batch = SegmentationBatch(evaluations: plan.evaluations, events: plan.events, states: plan.states)
        if !batch.isEmpty {
            do throws(StoreError) { try await store.commit(batch, as: principal) } catch { throw .store(error) }
        }
        // Every client's effective tier, reviewed tonight or not, for the rules.
        var tiers: TierFacts
        do throws(TierLadderError) { tiers = try TierFacts(ladders: context.rules.catalogue.ladders) } catch {
            throw .state("the rules' ladders do not fit together: \(error)")
        }
        let states: [ClientTierState]
        do throws(StoreError) {
            states = try await store.states(of: records.map(\.profile.id), as: principal)
        } catch {
            throw .store(error)
        }
        var tiered = 0
        for state in states {
            do throws(TierLadderError) {
                try tiers.assign(state.client, tier: state.effectiveTier)
                tiered += 1
            } catch {
                throw .state("the policy's tier '\(state.effectiveTier)' is not on the rules' ladders")
            }
        }
        context.tiers = tiers
        var counts = [
            CycleCount("clients", records.count), CycleCount("reviewed", plan.evaluated.count),
            CycleCount("tiered", tiered), CycleCount("actions", actions.count),
            CycleCount("actions.handled", handled),
        ]
        var byKind: [TierEvent.Kind: Int] = [:]
        for e in plan.events { byKind[e.kind, default: 0] += 1 }
        for kind in TierEvent.Kind.allCases where byKind[kind] != nil {
            counts.append(CycleCount("tiers.\(kind.rawValue)", byKind[kind] ?? 0))
        }
        return counts
    }
}
