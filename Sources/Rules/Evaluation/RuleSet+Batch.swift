/// The rows of a frame each rule matched in one batch evaluation.
public struct BatchMatches: Sendable {
    /// The rules evaluated, in evaluation order.
    public let rules: [CompiledRule]
    /// For each rule (same order), the rows whose condition held, ascending.
    public let rows: [[Int32]]

    /// The rows `name` matched (empty if it was not evaluated).
    public func rows(of name: String) -> [Int32] {
        guard let index = rules.firstIndex(where: { $0.name == name }) else { return [] }
        return rows[index]
    }

    /// The total number of (rule, row) matches.
    public var count: Int { rows.reduce(0) { $0 + $1.count } }
}

extension RuleSet {
    /// Evaluates `rules` (all of this set's rules unless told) over every row of `frame` on
    /// `evaluation`: the batch path (a daily schedule over the whole book). Rules that are not
    /// effective on the day match no row. Uses all cores.
    ///
    /// - Complexity: O(rows × total program length), one pass over each fact column a rule reads.
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func evaluate(_ frame: FactFrame, on evaluation: EvaluationDay, rules selected: [CompiledRule]? = nil) throws(FactFrameError) -> BatchMatches {
        try checkLayout(frame)
        let chosen = (selected ?? rules).filter { $0.isEffective(on: evaluation.day) }
        let plans = chosen.map { rule in
            BatchMachine.Plan(
                program: rule.condition, code: rule.condition?.bound(to: frame, on: evaluation) ?? [], rows: frame.rowCount)
        }
        let rows = BatchMachine.run(plans, frame: frame, calendar: evaluation.calendar)
        return BatchMatches(rules: chosen, rows: rows)
    }
}
