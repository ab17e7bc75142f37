import CustomerModel
import ValueModel

/// The `hand-facts` stage: brings the rules engine up to the cycle day.
///
/// The first night (or when the book's clients changed) builds the engine from the book and
/// absorbs its activity; later nights replace the clients' records and absorb the activity of the
/// days since the last night, leaving out events recorded intraday. Then the night's value facts
/// are set, and each changed score is recorded as a score-change event.
enum CycleFactsStage {
    static func run(_ context: inout CycleContext) async throws(CycleFailure) -> [CycleCount] {
        let book = try context.requireBook()
        let scores = try context.requireScores()
        let calendar = context.ports.calendar
        let night = min(calendar.start(of: context.asOf.adding(days: 1)), context.until)
        let source = BookFactSource(scores)
        var sources: [any FactSource] = [source]
        if let tiers = context.tiers { sources.append(tiers) }
        let records = CycleRecords.records(of: book)
        var carry = context.carry
        context.carry.engine = nil
        var firings: [RuleFiring] = []
        var absorbed = 0
        var changes = 0
        let keeps = carry.engine?.cycleClients == records.map { $0.profile.id }
        // A new process: the engine of the last night in the journal, when there is one.
        let restored =
            carry.engine == nil ? try await lastNight(before: context.asOf, journal: context.ports.journal) : nil
        if let restored, !keeps { carry.absorbedThrough = restored.day }
        let since = keeps || restored != nil ? try await eventsSince(carry, context: context, book: book) : []
        do throws(RuleEngineError) {
            if keeps, var engine = carry.engine {
                carry.engine = nil  // the only reference: nothing of the engine is copied on write
                for record in records { _ = engine.cycleReplace(record) }
                try engine.absorb(since)
                absorbed = since.count
                // A changed score is a score-change event (its rules fire now); then every source's facts.
                for (index, client) in source.clients.enumerated() {
                    guard let score = source.score(ofClientAt: index) else { continue }
                    if let previous = engine.record(of: client)?.scores.last?.score, previous == score { continue }
                    changes += 1
                    firings += try engine.record(.scoreChanged(client, to: score, at: night))
                }
                for facts in sources { firings += try engine.update(facts: facts, at: night) }
                carry.engine = engine
            } else if let restored {
                // The last night's windows, cooldowns, de-duplication and cursor over today's
                // records and facts (which fire nothing), then the activity since that night.
                var engine = try RuleEngine(
                    rules: context.rules,
                    clients: records,
                    facts: sources,
                    calendar: calendar,
                    restoring: restored.checkpoint
                )
                try engine.absorb(since)
                absorbed = since.count
                carry.engine = engine
            } else {
                var engine = try RuleEngine(
                    rules: context.rules,
                    clients: records,
                    facts: sources,
                    calendar: calendar,
                    start: night
                )
                absorbed = absorbAll(book, into: &engine, through: context.asOf)
                carry.engine = engine
            }
        } catch {
            throw .rules(error)
        }
        carry.absorbedThrough = context.asOf
        carry.intraday = []
        carry.organisation = context.organisation ?? carry.organisation
        context.carry = carry
        context.firings += firings
        return [
            CycleCount("clients", records.count), CycleCount("events.absorbed", absorbed),
            CycleCount("scores.changed", changes), CycleCount("firings", firings.count),
        ]
    }

    /// Absorbs the book's transactions and interactions up to `day` as columns: each client's
    /// log is filled in one pass over the transaction export and one over the interactions, as
    /// absorbing them one by one in day order would fill it.
    static func absorbAll(_ book: BookInputs, into engine: inout RuleEngine, through day: Day) -> Int {
        engine.cycleAbsorbHistory(book.transactions, interactions: book.interactions, through: day)
    }

    /// The engine checkpoint of the latest `run-triggers` the journal records as finished in the
    /// seven days before `day`, with its day; `nil` when there is none.
    static func lastNight(
        before day: Day,
        journal: any CycleJournal
    ) async throws(CycleFailure)
        -> (checkpoint: RuleEngineCheckpoint, day: Day)?
    {
        for back in 1...7 {
            let earlier = day.adding(days: -back)
            let entries: [CycleJournalEntry]
            do throws(StoreError) { entries = try await journal.entries(on: earlier) } catch { throw .store(error) }
            if let entry = entries.last(where: { $0.stage == CycleStage.runTriggers.name && $0.state == .finished }),
                let checkpoint = entry.checkpoint.engine
            {
                return (checkpoint, earlier)
            }
        }
        return nil
    }

    /// The transactions and interactions of the days after the last night up to the cycle day, in
    /// time order, leaving out those recorded intraday.
    static func eventsSince(
        _ carry: CycleCarry,
        context: CycleContext,
        book: BookInputs
    ) async throws(CycleFailure)
        -> [RuleEvent]
    {
        guard let last = carry.absorbedThrough, last < context.asOf else { return [] }
        let days = last.adding(days: 1)...context.asOf
        var events: [RuleEvent] = []
        var cursor: ScanCursor?
        repeat {
            let page: TransactionPage
            do throws(StoreError) {
                page = try await context.ports.activity.scanTransactions(
                    in: days,
                    after: cursor,
                    limit: 50_000,
                    as: context.ports.principal
                )
            } catch {
                throw .store(error)
            }
            for t in page.transactions where !carry.intraday.contains(CycleCarry.key(t)) {
                events.append(.transaction(t))
            }
            cursor = page.next
        } while cursor != nil
        for i in book.interactions where days.contains(i.day) && !carry.intraday.contains(CycleCarry.key(i)) {
            events.append(.interaction(i))
        }
        let calendar = context.ports.calendar
        return events.enumerated()
            .sorted { ($0.element.instant(on: calendar), $0.offset) < ($1.element.instant(on: calendar), $1.offset) }
            .map(\.element)
    }
}
