/// The rows of a frame each rule matched in one batch evaluation.
///
/// Matches are kept as one bitmap of rows per rule; ``rows(at:)`` lists them.
public struct BatchMatches: Sendable {
    /// The rules evaluated, in evaluation order.
    public let rules: [CompiledRule]
    let bitmaps: MatchBitmaps

    /// The rows rule `index` (a position in ``rules``) matched, ascending.
    public func rows(at index: Int) -> [Int32] {
        guard rules.indices.contains(index) else { return [] }
        return bitmaps.rows(index)
    }

    /// The rows the rule named `name` matched (empty if it was not evaluated).
    public func rows(of name: String) -> [Int32] {
        guard let index = rules.firstIndex(where: { $0.name == name }) else { return [] }
        return bitmaps.rows(index)
    }

    /// Whether rule `index` matched `row`.
    public func matched(_ index: Int, row: Int) -> Bool {
        guard rules.indices.contains(index), row >= 0, row < bitmaps.words * 64 else { return false }
        return bitmaps.contains(index, row: row)
    }

    /// The number of rows rule `index` matched.
    public func count(at index: Int) -> Int { rules.indices.contains(index) ? bitmaps.count(index) : 0 }

    /// The total number of (rule, row) matches.
    public var count: Int { rules.indices.reduce(0) { $0 + bitmaps.count($1) } }
}

extension RuleSet {
    /// Evaluates `rules` (all of this set's rules unless told) over every row of `frame` on
    /// `evaluation`: the batch path (a daily schedule over the whole book).
    ///
    /// Rules that are not
    /// effective on the day match no row. Uses up to `Parallelism.current` threads (CustomerModel;
    /// `min(cores, 8)` unless the host wraps the call in `Parallelism(width:).run`).
    ///
    /// CPU-bound and synchronous: call it from a thread of the host's own (a dedicated `Thread` or
    /// `DispatchQueue`), not from a task on the cooperative pool, which it would hold for the whole
    /// book; `Task.detached` runs on the same pool and does not help.
    ///
    /// - Complexity: O(rows × total program length), one pass over each fact column a rule reads.
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func evaluate(
        _ frame: FactFrame,
        on evaluation: EvaluationDay,
        rules selected: [CompiledRule]? = nil
    ) throws(FactFrameError) -> BatchMatches {
        try checkLayout(frame)
        let chosen = (selected ?? rules).filter { $0.isEffective(on: evaluation.day) }
        let plans = chosen.map { rule in
            BatchMachine.Plan(
                program: rule.condition,
                code: rule.condition?.bound(to: frame, on: evaluation) ?? [],
                rows: frame.rowCount
            )
        }
        return BatchMatches(
            rules: chosen,
            bitmaps: BatchMachine.run(plans, frame: frame, calendar: evaluation.calendar)
        )
    }
}
