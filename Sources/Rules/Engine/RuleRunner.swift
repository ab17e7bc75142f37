import CustomerModel

/// The engine's part that runs single rules for one client: their conditions bound once a day,
/// one scalar machine, and a firing's actions, explanation and `dedupe by` digest computed only
/// when the rule fires.
struct RuleRunner: Sendable {
    let rules: RuleSet
    let calendar: BankCalendar
    var machine = ScalarMachine()
    /// Per rule, its condition bound for the day it was last evaluated on.
    var boundConditions: [(day: Int32, plan: ScalarPlan)?]
    /// Per rule, its explanation's texts cut from the source (see ``explainTexts(_:)``).
    var explainTextCache: [[String]?]

    init(rules: RuleSet, calendar: BankCalendar) {
        self.rules = rules
        self.calendar = calendar
        boundConditions = [(day: Int32, plan: ScalarPlan)?](repeating: nil, count: rules.rules.count)
        explainTextCache = [[String]?](repeating: nil, count: rules.rules.count)
    }

    /// Rule `index`'s condition bound for `day` (cached per rule for the last day), or `nil` when
    /// the rule has no condition.
    mutating func conditionPlan(_ index: Int, day: Day, frame: FactFrame) -> ScalarPlan? {
        if let cached = boundConditions[index], cached.day == day.number { return cached.plan }
        guard let program = rules.rules[index].condition else { return nil }
        let plan = ScalarPlan(program, code: program.bound(to: frame, on: EvaluationDay(day, calendar: calendar)))
        boundConditions[index] = (day.number, plan)
        return plan
    }

    /// Whether rule `index`'s condition holds for `row` on `day` (client facts and trigger facts
    /// already set); effective days are the gate's.
    mutating func holds(_ index: Int, row: Int, day: Day, frame: FactFrame) -> Bool {
        guard let plan = conditionPlan(index, day: day, frame: frame) else { return true }
        guard case .bool(let result) = plan.result else { return true }
        machine.run(plan, frame: frame, row: row, calendar: calendar)
        return machine.bools[Int(result)]
    }

    /// The stable digest of rule `index`'s `dedupe by` values for `row` on `day`.
    func dedupeDigest(_ index: Int, row: Int, day: Day, frame: FactFrame) -> Int64 {
        let values =
            (try? rules.dedupeValues(
                of: rules.rules[index],
                in: frame,
                row: row,
                on: EvaluationDay(day, calendar: calendar)
            )) ?? []
        var hash = StableHash()
        hash.add(UInt64(values.count))
        for value in values { value.addCanonical(to: &hash) }
        return hash.key
    }

    /// The firing of rule `index` for `row`: its id, actions and reason.
    mutating func firing(
        _ index: Int,
        row: Int,
        client: CustomerID,
        at: Instant,
        day: Day,
        cause: String,
        occasion: FiringOccasion,
        frame: FactFrame
    ) -> RuleFiring {
        let evaluation = EvaluationDay(day, calendar: calendar)
        // The frame is this rule set's and the row is in range: the unchecked forms, on the
        // runner's machine (the caller has read its results), with the condition bound once a day.
        let bound = conditionPlan(index, day: day, frame: frame)
        let texts = explainTexts(index)
        // The rule is passed from the array's storage, not copied out of it.
        let ruleSet = rules
        let (actions, reason) = ruleSet.rules.withUnsafeBufferPointer { compiled in
            (
                ruleSet.actions(of: compiled[index], in: frame, row: row, on: evaluation, machine: &machine),
                ruleSet.explain(
                    compiled[index],
                    in: frame,
                    row: row,
                    on: evaluation,
                    bound: bound,
                    texts: texts,
                    machine: &machine
                )
            )
        }
        return RuleFiring(
            rule: rules.rules[index].name,
            version: rules.rules[index].version,
            client: client,
            occasion: occasion,
            at: at,
            day: day,
            cause: cause,
            actions: actions,
            reason: reason
        )
    }

    /// The texts of rule `index`'s explanation (each part's text and each traced value's
    /// expression, in the order ``RuleSet/explain(_:in:row:on:bound:texts:machine:)`` reads them),
    /// cut from the source once.
    mutating func explainTexts(_ index: Int) -> [String] {
        if let known = explainTextCache[index] { return known }
        let texts = rules.explainTexts(of: rules.rules[index])
        explainTextCache[index] = texts
        return texts
    }
}
