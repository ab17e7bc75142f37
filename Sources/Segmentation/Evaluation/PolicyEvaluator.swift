public import CustomerModel
public import Rules

/// Evaluates a ``SegmentationPolicy`` over a whole book or one client: one fact frame, one batch
/// pass of the rules machinery over every condition, then each client's tiers, segments,
/// classification and exit triggers.
///
/// Evaluating changes nothing: ``TierReviewer`` records evaluations and moves.
///
/// ```swift
/// let evaluation = try PolicyEvaluator(policy).evaluate(book, on: EvaluationDay(today))
/// evaluation[client]?.qualifies            // "diamond"
/// print(evaluation.explain(client)!)       // criterion by criterion, with the values used
/// ```
public struct PolicyEvaluator: Sendable {
    /// The policy.
    public let policy: SegmentationPolicy

    /// Creates an evaluator of `policy`.
    public init(_ policy: SegmentationPolicy) { self.policy = policy }

    /// Evaluates every client of `book` on `day`.
    ///
    /// CPU-bound and synchronous, like the rules' batch path.
    /// - Throws: ``SegmentationError`` with code `facts` when a fact source's value does not fit its fact.
    public func evaluate(_ book: SegmentationBook, on day: EvaluationDay) throws(SegmentationError) -> PolicyEvaluation
    {
        let conditions = policy.conditions
        let frame: FactFrame
        let matches: BatchMatches
        do throws(FactFrameError) {
            frame = try FactFrameBuilder(rules: conditions.rules).frame(
                for: book.records,
                facts: book.facts,
                transactions: book.transactions,
                interactions: book.interactions,
                on: day
            )
            matches = try conditions.rules.evaluate(frame, on: day)
        } catch {
            throw .facts(error)
        }
        let keys = conditions.rules.layout.keys
        var evaluations: [ClientEvaluation] = []
        evaluations.reserveCapacity(book.records.count)
        for (row, record) in book.records.enumerated() {
            evaluations.append(
                Self.client(record.profile, row: row, policy: policy, frame: frame, matches: matches, keys: keys)
            )
        }
        return PolicyEvaluation(
            policy: policy,
            day: day,
            evaluations: evaluations,
            frame: frame,
            kinds: book.records.map(\.profile.kind)
        )
    }

    /// Evaluates one client of `book` on `day` (the book's other records are not read).
    /// - Throws: ``SegmentationError`` `notFound` when the book has no record of `client`, or `facts`.
    public func evaluate(
        _ client: CustomerID,
        in book: SegmentationBook,
        on day: EvaluationDay
    ) throws(SegmentationError) -> ClientEvaluation {
        guard let record = book.records.first(where: { $0.profile.id == client }) else {
            throw SegmentationError(.notFound, customer: client, "the book has no record of the client")
        }
        var one = book
        one.records = [record]
        guard let evaluation = try evaluate(one, on: day).evaluations.first else {
            throw SegmentationError(.notFound, customer: client, "the book has no record of the client")
        }
        return evaluation
    }

    static func client(
        _ profile: CustomerProfile,
        row: Int,
        policy: SegmentationPolicy,
        frame: FactFrame,
        matches: BatchMatches,
        keys: [FactKey]
    ) -> ClientEvaluation {
        let conditions = policy.conditions
        func holds(_ slot: Int) -> Bool { matches.matched(conditions.slots[slot].rule, row: row) }
        var ladderName: String?
        var qualifies: String?
        var keeps: String?
        var entryMet: [Bool] = []
        var keepMet: [Bool] = []
        var outcomes: [[CriterionOutcome]] = []
        if let l = policy.ladders.firstIndex(where: { $0.kind == profile.kind }) {
            let ladder = policy.ladders[l]
            ladderName = ladder.ladder.name
            for (t, tier) in ladder.tiers.enumerated() {
                var tierOutcomes: [CriterionOutcome] = []
                for (c, criterion) in tier.criteria.enumerated() {
                    let entry = holds(conditions.entry[l][t][c])
                    let keep = holds(conditions.keep[l][t][c])
                    var shortfall: Shortfall?
                    if !keep, let threshold = criterion.threshold {
                        shortfall = Self.shortfall(criterion.name, threshold, frame: frame, row: row, policy: policy)
                    }
                    tierOutcomes.append(
                        CriterionOutcome(name: criterion.name, entryHolds: entry, keepHolds: keep, shortfall: shortfall)
                    )
                }
                let entry = t == 0 || Self.combine(tierOutcomes.map(\.entryHolds), tier.match)
                let keep = t == 0 || Self.combine(tierOutcomes.map(\.keepHolds), tier.match)
                entryMet.append(entry)
                keepMet.append(keep)
                outcomes.append(tierOutcomes)
                if entry { qualifies = tier.id }
                if keep { keeps = tier.id }
            }
        }
        let segments = conditions.segments.enumerated().compactMap { s, slot in
            holds(slot) ? policy.segments[s].name : nil
        }
        let exits = conditions.exits.enumerated().compactMap { e, slot in holds(slot) ? policy.exits[e].name : nil }
        let dimensions = policy.dimensions.map { dimension in
            DimensionValue(
                dimension: dimension.name,
                value: frame.value(.attribute(dimension.fact), row: row).description
            )
        }
        let facts = keys.map { FactReading(fact: $0.description, value: frame.value($0, row: row).description) }
        return ClientEvaluation(
            client: profile.id,
            ladder: ladderName,
            qualifies: qualifies,
            keeps: keeps,
            entryMet: entryMet,
            keepMet: keepMet,
            criteria: outcomes,
            segments: segments,
            dimensions: dimensions,
            exitTriggers: exits,
            facts: facts
        )
    }

    static func combine(_ outcomes: [Bool], _ match: TierPolicy.Match) -> Bool {
        switch match {
        case .all: outcomes.allSatisfy { $0 }
        case .any: outcomes.contains(true)
        }
    }

    /// How far the client at `row` is from `threshold`'s keep level.
    static func shortfall(
        _ criterion: String,
        _ threshold: TierCriterion.Threshold,
        frame: FactFrame,
        row: Int,
        policy: SegmentationPolicy
    ) -> Shortfall {
        let level = threshold.keepAtLeast ?? threshold.atLeast
        let value = frame.value(.attribute(threshold.fact), row: row)
        let type = policy.catalogue[threshold.fact]?.type
        var thresholdText = level
        var gap = level
        switch type {
        case .money(let currency)?:
            if let needed = try? Money(parsing: level, currency: currency, field: threshold.fact) {
                thresholdText = needed.description
                gap = needed.description
                if case .money(let have) = value, have.currency == currency {
                    let (difference, overflow) = needed.minorUnits.subtractingReportingOverflow(have.minorUnits)
                    if !overflow { gap = Money(minorUnits: max(0, difference), currency: currency).description }
                }
            }
        case .percent?:
            let needed = (Double(level) ?? 0) / 100
            thresholdText = FactValue.percent(needed).description
            gap = thresholdText
            if case .percent(let have) = value { gap = FactValue.percent(max(0, needed - have)).description }
        default:
            let needed = Double(level) ?? 0
            thresholdText = FactValue.number(needed).description
            gap = thresholdText
            switch value {
            case .number(let have): gap = FactValue.number(max(0, needed - have)).description
            case .count(let have): gap = FactValue.number(max(0, needed - Double(have))).description
            default: break
            }
        }
        return Shortfall(
            criterion: criterion,
            fact: threshold.fact,
            current: value.description,
            threshold: thresholdText,
            gap: gap
        )
    }
}
