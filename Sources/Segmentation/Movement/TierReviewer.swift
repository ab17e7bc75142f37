public import CustomerModel
public import Rules

/// Runs a segmentation policy over time: reviews clients when due (or on demand), records each
/// evaluation with the policy version and the facts used, moves tiers without flapping, warns
/// before downgrades, proposes moves that need approval, takes decisions and overrides, and
/// answers "which tier, since when and why" for any day.
///
/// Every write and read goes through the ``GatedSegmentationStore``; the day comes from the
/// injected clock in the bank's calendar.
///
/// ```swift
/// let reviewer = TierReviewer(policy: policy, store: gate.segmentation(InMemorySegmentationStore()),
///                             clock: clock, calendar: .china)
/// let report = try await reviewer.review(book)            // the clients due today
/// try await reviewer.decide("C-9", accept: true, reason: "committee 2027-04", as: headOffice)
/// ```
public struct TierReviewer: Sendable {
    /// The policy in force.
    public let policy: SegmentationPolicy
    /// The store, behind the gate.
    public let store: GatedSegmentationStore
    /// The clock the review day is read from.
    public let clock: any WallClock
    /// The bank calendar.
    public let calendar: BankCalendar
    /// Who reviews write as.
    public let principal: Principal

    /// Creates a reviewer.
    /// - Parameters:
    ///   - policy: the policy in force.
    ///   - store: the segmentation store behind the gate.
    ///   - clock: where today comes from.
    ///   - calendar: the bank calendar (time zone, business days).
    ///   - principal: who reviews write as (`system:segmentation` unless told).
    public init(
        policy: SegmentationPolicy,
        store: GatedSegmentationStore,
        clock: any WallClock,
        calendar: BankCalendar,
        principal: Principal = .system("segmentation")
    ) {
        self.policy = policy
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.principal = principal
    }

    /// Today in the bank's calendar.
    public var today: Day { calendar.day(of: clock.now) }

    /// The review schedule.
    public var schedule: ReviewSchedule { ReviewSchedule(calendar: calendar) }

    // MARK: Reviews

    /// Reviews the clients of `book` that are due today (or `clients`, due or not: on demand),
    /// records every evaluation and event in one batch, and returns what happened.
    ///
    /// A client is due when its next review is reached (see ``ReviewSchedule/isDue(_:on:)``) or
    /// its last review was under another policy version (a newly adopted version reviews every
    /// client once). A client already reviewed today under this policy version is not reviewed
    /// again, so running the same day twice records nothing twice.
    /// - Parameters:
    ///   - book: the clients' records and facts.
    ///   - clients: the clients to review whether due or not; `nil` for those due.
    ///   - day: the review day (today by the clock unless told, as the daily cycle does).
    /// - Returns: the clients evaluated, the events and actions, the new states, what the store did.
    /// - Throws: ``SegmentationError`` `facts` or `store`.
    @discardableResult
    public func review(
        _ book: SegmentationBook,
        clients: [CustomerID]? = nil,
        on day: Day? = nil
    ) async throws(SegmentationError) -> ReviewReport {
        let day = day ?? today
        let plan = try await plan(policy, book, clients: clients, on: day)
        let batch = SegmentationBatch(evaluations: plan.evaluations, events: plan.events, states: plan.states)
        var commit = SegmentationCommitReport()
        if !batch.isEmpty {
            do throws(StoreError) { commit = try await store.commit(batch, as: principal) } catch {
                throw .store(error)
            }
        }
        return ReviewReport(
            day: day,
            policy: policy.identifier,
            evaluated: plan.evaluated,
            events: plan.events,
            actions: plan.actions,
            states: plan.states.map { s in
                var stored = s
                stored.version += 1
                return stored
            },
            commit: commit
        )
    }

    /// What `draft` would do if adopted today: the moves, proposals and warnings it would make
    /// for every client of `book`, by tier pair, branch and RM; nothing is recorded.
    /// - Parameters:
    ///   - draft: the policy version to try.
    ///   - book: the clients' records and facts.
    /// - Returns: the moves, proposals and warnings the draft would make.
    /// - Throws: ``SegmentationError`` `facts` or `store`.
    public func dryRun(
        _ draft: SegmentationPolicy,
        over book: SegmentationBook
    ) async throws(SegmentationError)
        -> DryRunReport
    {
        let day = today
        let plan = try await plan(draft, book, clients: book.records.map(\.profile.id), on: day, repeatToday: true)
        var coverage: [CustomerID: Coverage] = [:]
        for record in book.records { coverage[record.profile.id] = record.profile.coverage }
        let moves = plan.events.filter { $0.isMove && $0.from != nil }.map { e in
            DryRunReport.Move(
                client: e.client,
                from: e.from,
                to: e.to,
                kind: e.kind,
                branch: coverage[e.client]?.branch ?? BranchID(""),
                relationshipManager: coverage[e.client]?.relationshipManager,
                reason: e.reason
            )
        }
        return DryRunReport(
            policy: draft.identifier,
            day: day,
            moves: moves,
            proposals: plan.events.filter { $0.kind == .proposed },
            warnings: plan.events.filter { $0.kind == .warned }
        )
    }

    struct Plan {
        var evaluated: [CustomerID] = []
        var evaluations: [EvaluationRecord] = []
        var events: [TierEvent] = []
        var actions: [SegmentationAction] = []
        var states: [ClientTierState] = []
    }

    func plan(
        _ policy: SegmentationPolicy,
        _ book: SegmentationBook,
        clients: [CustomerID]?,
        on day: Day,
        repeatToday: Bool = false
    ) async throws(SegmentationError) -> Plan {
        let ids = book.records.map(\.profile.id)
        let known: [ClientTierState]
        do throws(StoreError) { known = try await store.states(of: ids, as: principal) } catch { throw .store(error) }
        var stateOf: [CustomerID: ClientTierState] = [:]
        for s in known { stateOf[s.client] = s }
        let asked = clients.map(Set.init)
        let schedule = ReviewSchedule(calendar: calendar)
        let chosen = Set(
            ids.filter { id in
                let state = stateOf[id]
                if !repeatToday, let state, state.lastReview == day, state.policy == policy.identifier { return false }
                if let asked { return asked.contains(id) }
                // A new policy version reviews every client once.
                if let state, state.policy != policy.identifier { return true }
                return schedule.isDue(state, on: day)
            }
        )
        var plan = Plan()
        guard !chosen.isEmpty else { return plan }
        let evaluation = try PolicyEvaluator(policy).evaluate(
            book.narrowed(to: chosen),
            on: EvaluationDay(day, calendar: calendar)
        )
        let decider = MovementDecider(policy: policy, day: day, schedule: schedule)
        for e in evaluation.evaluations {
            guard let name = e.ladder, let ladder = policy.ladders.first(where: { $0.ladder.name == name }) else {
                continue
            }
            let before = stateOf[e.client]
            let outcome = decider.review(before, e, ladder: ladder)
            plan.evaluated.append(e.client)
            plan.events += outcome.events
            plan.actions += outcome.actions
            plan.states.append(outcome.state)
            plan.evaluations.append(
                EvaluationRecord(
                    client: e.client,
                    day: day,
                    policy: policy.identifier,
                    ladder: name,
                    qualifies: e.qualifies,
                    keeps: e.keeps,
                    tierBefore: before?.effectiveTier,
                    tierAfter: outcome.state.effectiveTier,
                    tiers: ladder.tiers.indices.map { t in
                        TierCriteriaRecord(
                            tier: ladder.tiers[t].id,
                            entryMet: e.entryMet[t],
                            keepMet: e.keepMet[t],
                            criteria: e.criteria[t]
                        )
                    },
                    segments: e.segments,
                    dimensions: e.dimensions,
                    exitTriggers: e.exitTriggers,
                    facts: e.facts
                )
            )
        }
        return plan
    }
}
