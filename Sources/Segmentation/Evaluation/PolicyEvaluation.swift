public import CustomerModel
public import Rules

/// A policy's evaluation of a book on one day: each client's ``ClientEvaluation``, tier and
/// segment counts, the overlap between segments, and "why" for any client.
public struct PolicyEvaluation: Sendable {
    /// The policy evaluated.
    public let policy: SegmentationPolicy
    /// The day.
    public let day: EvaluationDay
    /// One evaluation per client, in the book's order.
    public let evaluations: [ClientEvaluation]
    let frame: FactFrame
    let kinds: [CustomerKind]
    private let rowOf: [CustomerID: Int]

    init(
        policy: SegmentationPolicy,
        day: EvaluationDay,
        evaluations: [ClientEvaluation],
        frame: FactFrame,
        kinds: [CustomerKind]
    ) {
        self.policy = policy
        self.day = day
        self.evaluations = evaluations
        self.frame = frame
        self.kinds = kinds
        var rowOf: [CustomerID: Int] = [:]
        rowOf.reserveCapacity(evaluations.count)
        for (row, evaluation) in evaluations.enumerated() { rowOf[evaluation.client] = row }
        self.rowOf = rowOf
    }

    /// The evaluation of `client`, if the book had it.
    public subscript(client: CustomerID) -> ClientEvaluation? { rowOf[client].map { evaluations[$0] } }

    /// How many clients qualify for each tier of `ladder` (by entry criteria), keyed by tier id.
    public func tierCounts(of ladder: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for evaluation in evaluations where evaluation.ladder == ladder {
            if let tier = evaluation.qualifies { counts[tier, default: 0] += 1 }
        }
        return counts
    }

    /// The clients in segment `name`, in the book's order.
    public func members(of name: String) -> [CustomerID] {
        evaluations.filter { $0.segments.contains(name) }.map(\.client)
    }

    /// How many clients each segment holds and how many any two share.
    public func overlap() -> SegmentOverlap {
        let names = policy.segments.map(\.name)
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        var shared = [[Int]](repeating: [Int](repeating: 0, count: names.count), count: names.count)
        for evaluation in evaluations {
            let ids = evaluation.segments.compactMap { index[$0] }
            for a in ids { for b in ids { shared[a][b] += 1 } }
        }
        return SegmentOverlap(segments: names, shared: shared)
    }

    /// Why `client` is in its tiers and segments: every condition's outcome with the values it
    /// saw, tier by tier and criterion by criterion; `nil` when the book had no such client.
    public func explain(_ client: CustomerID) -> ClientExplanation? {
        guard let row = rowOf[client] else { return nil }
        let conditions = policy.conditions
        let rules = conditions.rules
        func trace(_ slot: Int) -> RuleExplanation? {
            let rule = rules.rules[conditions.slots[slot].rule]
            return try? rules.explain(rule, in: frame, row: row, on: day)
        }
        var tiers: [TierExplanation] = []
        let evaluation = evaluations[row]
        if let l = policy.ladders.firstIndex(where: { $0.kind == kinds[row] }) {
            for (t, tier) in policy.ladders[l].tiers.enumerated() {
                var criteria: [CriterionExplanation] = []
                for (c, criterion) in tier.criteria.enumerated() {
                    guard let entry = trace(conditions.entry[l][t][c]), let keep = trace(conditions.keep[l][t][c])
                    else { continue }
                    criteria.append(
                        CriterionExplanation(
                            name: criterion.name,
                            entry: ConditionOutcome(explanation: entry),
                            keep: ConditionOutcome(explanation: keep),
                            shortfall: evaluation.criteria[t][c].shortfall
                        )
                    )
                }
                tiers.append(
                    TierExplanation(
                        tier: tier.id,
                        match: tier.match,
                        entryMet: evaluation.entryMet[t],
                        keepMet: evaluation.keepMet[t],
                        criteria: criteria
                    )
                )
            }
        }
        let segments = conditions.segments.enumerated().compactMap { s, slot in
            trace(slot).map { NamedOutcome(name: policy.segments[s].name, outcome: ConditionOutcome(explanation: $0)) }
        }
        let exits = conditions.exits.enumerated().compactMap { e, slot in
            trace(slot).map { NamedOutcome(name: policy.exits[e].name, outcome: ConditionOutcome(explanation: $0)) }
        }
        return ClientExplanation(
            client: client,
            day: day.day,
            policy: policy.identifier,
            qualifies: evaluation.qualifies,
            keeps: evaluation.keeps,
            tiers: tiers,
            segments: segments,
            exits: exits
        )
    }
}

/// How many clients each segment holds (the diagonal) and how many any two share.
public struct SegmentOverlap: Hashable, Sendable, CustomStringConvertible {
    /// The segments, in the policy's order.
    public let segments: [String]
    /// `shared[a][b]`: the clients in both segment `a` and segment `b`; `shared[a][a]` is segment `a`'s size.
    public let shared: [[Int]]

    /// Creates an overlap report.
    public init(segments: [String], shared: [[Int]]) {
        self.segments = segments
        self.shared = shared
    }

    /// The clients in segment `name`.
    public func count(_ name: String) -> Int {
        guard let i = segments.firstIndex(of: name) else { return 0 }
        return shared[i][i]
    }

    /// The clients in both `a` and `b`.
    public func shared(_ a: String, _ b: String) -> Int {
        guard let i = segments.firstIndex(of: a), let j = segments.firstIndex(of: b) else { return 0 }
        return shared[i][j]
    }

    /// The share of the union of `a` and `b` that is in both (Jaccard index), 0 when both are empty.
    public func jaccard(_ a: String, _ b: String) -> Double {
        let both = shared(a, b)
        let union = count(a) + count(b) - both
        return union == 0 ? 0 : Double(both) / Double(union)
    }

    /// One line per pair of segments that share clients.
    public var description: String {
        var lines: [String] = []
        for i in segments.indices {
            lines.append("\(segments[i]): \(shared[i][i])")
            for j in segments.indices where j > i && shared[i][j] > 0 {
                lines.append("  \(segments[i]) & \(segments[j]): \(shared[i][j])")
            }
        }
        return lines.joined(separator: "\n")
    }
}
