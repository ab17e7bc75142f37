public import CustomerModel

extension RuleEngine {
    /// Why the rule named `rule` would or would not fire for `client` on `day`: each part of its
    /// condition with the values it sees.
    ///
    /// Client facts are computed as of `day`; trigger facts
    /// (`transaction.*`, `maturity.*` ...) are those of the client's latest trigger.
    /// - Throws: ``RuleEngineError`` with code `unknownClient` for a client the engine does not
    ///   know, `invalidValue` for a rule name the rule set does not have.
    public mutating func explain(
        _ rule: String,
        for client: CustomerID,
        on day: Day
    ) throws(RuleEngineError) -> RuleExplanation {
        let row = try facts.row(of: client)
        guard let compiled = rules[rule] else {
            throw RuleEngineError(.invalidValue, client: nil, "the rule set has no rule named \"\(rule)\"")
        }
        facts.refresh(row, day: day)
        do {
            return try rules.explain(compiled, in: facts.frame, row: row, on: EvaluationDay(day, calendar: calendar))
        } catch {
            throw RuleEngineError(.invalidValue, client: client, error.message)
        }
    }
}
