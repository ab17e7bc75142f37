import CustomerModel
import ValueModel

extension CycleStage {
    /// `read-book`: reads the whole book from the ports: profiles, holdings, relationships,
    /// referrals, interactions and balances up to the cycle day, the columnar transaction export up
    /// to the cycle day, and the organisation.
    public static let readBook = CycleStage(name: "read-book", effect: .computation) { context throws(CycleFailure) in
        let store = context.ports.customers
        let activity = context.ports.activity
        let principal = context.ports.principal
        let history = Day(number: Int32.min)...context.asOf
        do throws(StoreError) {
            let ids = try await store.customers(matching: .all, as: principal)
            let profiles = try await store.profiles(ids, as: principal).map(\.profile)
            let holdings = try await store.holdings(of: ids, as: principal)
            let relationships = try await store.relationships(of: ids, as: principal)
            let referrals = try await store.referrals(madeBy: ids, as: principal)
            let interactions = try await activity.interactions(of: ids, in: history, as: principal)
            let balances = try await activity.balances(of: ids, in: history, as: principal)
            let transactions = try await activity.exportTransactions(in: history, as: principal)
            context.organisation = try await store.organisation()
            context.book = BookInputs(
                profiles: profiles,
                holdings: holdings,
                relationships: relationships,
                referrals: referrals,
                interactions: interactions,
                balances: balances,
                transactions: transactions
            )
            return [
                CycleCount("clients", profiles.count), CycleCount("holdings", holdings.count),
                CycleCount("transactions", transactions.count), CycleCount("interactions", interactions.count),
                CycleCount("balances", balances.count),
            ]
        } catch {
            throw .store(error)
        }
    }

    /// `score-book`: the nightly scoring job (activity, RFM, churn, CVM, lifetime) as of the cycle day.
    public static let scoreBook = CycleStage(name: "score-book", effect: .computation) { context throws(CycleFailure) in
        let book = try context.requireBook()
        let scores: BookScores
        do throws(BookScoringError) { scores = try context.scoring.run(book) } catch { throw .scoring(error) }
        context.scores = scores
        return [
            CycleCount("clients", scores.count), CycleCount("individuals", scores.individuals?.count ?? 0),
            CycleCount("corporates", scores.corporates?.count ?? 0),
            CycleCount("churn.flagged", scores.churn.level.filter { $0 >= .medium }.count),
        ]
    }

    /// `record-scores`: records each scored client's score of the cycle day, with its dimension
    /// scores, AUM, RFM cell, churn level and model version, in the score history (one atomic
    /// batch; a key recorded before with the same content is left as it is).
    public static let recordScores = CycleStage(name: "record-scores", effect: .external) {
        context throws(CycleFailure) in
        let book = try context.requireBook()
        let scores = try context.requireScores()
        let records = CycleScoreRecords.records(
            of: CycleScoreRow.rows(of: scores),
            scores: scores,
            book: book,
            day: context.asOf,
            currency: context.scoring.currency
        )
        let report: ScoreRecordingReport
        do throws(StoreError) {
            report = try await context.ports.scoreHistory.record(records, as: context.ports.principal)
        } catch {
            throw .store(error)
        }
        context.recording = report
        return [
            CycleCount("scores.recorded", report.recorded), CycleCount("scores.unchanged", report.unchanged),
            CycleCount("scores.replaced", report.replaced),
        ]
    }

    /// `hand-facts`: hands the new facts to the rules engine: the clients' records, the activity
    /// since the last night (events recorded intraday are not taken twice), the value facts of the
    /// night's scores; a changed score is a score-change event, whose rules fire now.
    public static let handFacts = CycleStage(name: "hand-facts", effect: .computation) { context throws(CycleFailure) in
        try await CycleFactsStage.run(&context)
    }

    /// `run-triggers`: runs the schedules and date triggers due up to the cycle's instant, and
    /// leaves the engine's checkpoint in its journal entry (a restarted host's next night
    /// restores it).
    public static let runTriggers = CycleStage(name: "run-triggers", effect: .computation) {
        context throws(CycleFailure) in
        guard var engine = context.carry.engine else {
            throw .state("no rules engine (the hand-facts stage must come first)")
        }
        context.carry.engine = nil
        let firings = engine.tick(until: context.until)
        context.engineCheckpoint = engine.checkpoint()
        context.carry.engine = engine
        context.firings += firings
        return [CycleCount("firings", firings.count)]
    }

    /// `hand-actions`: hands every firing's actions to the ports' ``ActionHandler``, their
    /// recipients resolved through the organisation and the clients' coverage, in batches whose
    /// progress is saved to the journal.
    ///
    /// Every action carries its firing's id, so an action
    /// handed over again is a duplicate, not a second message; actions the handler does not take
    /// (tasks, processes, tags and flags with the notifying handler) are counted as unhandled.
    public static let handActions = CycleStage(name: "hand-actions", effect: .external) {
        context throws(CycleFailure) in
        let firings = context.firings
        var start = 0
        var fingerprint = CycleFingerprint()
        var carried = CycleDelivery()
        if let resume = context.resumeFrom, resume.completed <= firings.count {
            var check = CycleFingerprint()
            for firing in firings.prefix(resume.completed) { check.add(firing.id.rawValue) }
            // The same firings as the run that failed: continue after the ones handed over.
            if check.value == resume.fingerprint {
                start = resume.completed
                fingerprint = check
                carried = CycleDelivery(counts: resume.counts)
            }
        }
        let engine = context.carry.engine
        let organisation = context.organisation ?? context.carry.organisation ?? .empty
        var profiles: [CustomerID: Coverage] = [:]
        if engine == nil, let book = context.book { for p in book.profiles { profiles[p.id] = p.coverage } }
        var fingerprinted = start
        let saving = context
        let delivery = try await CycleHandOver.deliver(
            firings[start...],
            coverage: { engine?.coverage(of: $0) ?? profiles[$0] },
            resolver: RecipientResolver(organisation: organisation, groups: context.ports.staffGroups),
            handler: context.ports.actions,
            batchSize: context.batchSize
        ) { done, soFar throws(CycleFailure) in
            while fingerprinted < start + done {
                fingerprint.add(firings[fingerprinted].id.rawValue)
                fingerprinted += 1
            }
            var total = carried
            total.add(soFar)
            try await saving.saveProgress(
                CycleCheckpoint(completed: start + done, fingerprint: fingerprint.value, counts: total.counts)
            )
        }
        context.delivery = delivery
        var total = carried
        total.add(delivery)
        return [CycleCount("firings", firings.count), CycleCount("firings.resumed-after", start)] + total.counts
    }
}
