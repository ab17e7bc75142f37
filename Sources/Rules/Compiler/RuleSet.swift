import CustomerModel

/// A compiled set of rules, ready to evaluate over a ``FactFrame``.
///
/// **Order.** ``rules`` are in evaluation order: higher ``CompiledRule/priority`` first; rules of
/// equal priority in the order they are written.
///
/// **Missing values.** A fact is missing when the host has no value for it (a null field, a
/// client without balances) or a computation has none: arithmetic with a missing operand,
/// overflow and division by zero are missing. Every comparison with a missing operand is
/// **false** (`=`, `!=`, `<`, `in`, `not in` alike), and `not` flips a condition as computed, so
/// `not (aum > 5m CNY)` holds for a client whose AUM is missing. Test explicitly with `is missing` /
/// `is not missing`. Aggregates over no rows are 0 for `count` and `sum` and missing for `min`,
/// `max` and `avg`; `days_since(last ...)` with no such activity and `days_until(...)` with no such
/// date are missing; a tag set is never missing (it may be empty).
///
/// **Time.** Windows (`30d`, `3mo`) end on the evaluation day and include it; months and years are
/// calendar months and years, business days come from the bank calendar passed in
/// ``EvaluationDay``. Times of day in triggers are in the bank's time zone.
public struct RuleSet: Sendable {
    /// The rules in evaluation order.
    public let rules: [CompiledRule]
    /// The fact columns the rules read.
    public let layout: FactLayout
    /// The catalogue the rules were checked against.
    public let catalogue: FactCatalogue
    /// The rule text.
    public let source: String

    init(rules: [CompiledRule], layout: FactLayout, catalogue: FactCatalogue, source: String) {
        self.rules = rules
        self.layout = layout
        self.catalogue = catalogue
        self.source = source
    }

    /// The rule named `name`.
    public subscript(name: String) -> CompiledRule? { rules.first { $0.name == name } }

    /// A frame of `rows` rows for these rules, every value missing.
    public func makeFrame(rows: Int) -> FactFrame { FactFrame(layout: layout, rows: rows) }

    /// The text of `range` in the rule source.
    func text(_ range: SourceRange) -> String {
        let utf8 = source.utf8
        guard range.start.offset >= 0, range.end.offset <= utf8.count, range.start.offset <= range.end.offset else {
            return ""
        }
        return String(
            source[
                utf8.index(
                    utf8.startIndex,
                    offsetBy: range.start.offset
                )..<utf8.index(utf8.startIndex, offsetBy: range.end.offset)
            ]
        )
    }

    func checkLayout(_ frame: FactFrame) throws(FactFrameError) {
        guard frame.layout.matches(layout) else {
            throw FactFrameError(
                .layoutMismatch,
                fact: "*",
                row: nil,
                "the frame was made for another rule set; make it with makeFrame(rows:)"
            )
        }
    }

    // MARK: One row

    /// Whether `rule` fires for `row` of `frame` on `evaluation` (effective and its condition holds).
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func holds(
        _ rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay
    ) throws(FactFrameError) -> Bool {
        try checkLayout(frame)
        guard row >= 0, row < frame.rowCount else {
            throw FactFrameError(.rowOutOfRange, fact: "*", row: row, "row \(row) is outside 0..<\(frame.rowCount)")
        }
        guard rule.isEffective(on: evaluation.day) else { return false }
        guard let program = rule.condition else { return true }
        var machine = ScalarMachine()
        machine.run(
            program,
            code: program.bound(to: frame, on: evaluation),
            frame: frame,
            row: row,
            calendar: evaluation.calendar
        )
        guard case .bool(let r) = program.result else { return false }
        return machine.bools[Int(r)]
    }

    /// The actions `rule` asks for when it fires for `row`, with placeholders filled from the row's
    /// facts (missing values print as `n/a`).
    ///
    /// Does not check the condition.
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func actions(
        of rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay
    ) throws(FactFrameError) -> [RuleAction] {
        try checkLayout(frame)
        guard row >= 0, row < frame.rowCount else {
            throw FactFrameError(.rowOutOfRange, fact: "*", row: row, "row \(row) is outside 0..<\(frame.rowCount)")
        }
        var machine = ScalarMachine()
        return actions(of: rule, in: frame, row: row, on: evaluation, machine: &machine)
    }

    /// ``actions(of:in:row:on:)`` for a frame of this rule set and a row in range, on the
    /// caller's machine (the engine's, whose registers it overwrites).
    func actions(
        of rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay,
        machine: inout ScalarMachine
    ) -> [RuleAction] {
        func value(_ program: Program, _ type: FactType, prepared: ScalarPlan? = nil) -> FactValue {
            if let prepared {
                machine.run(prepared, frame: frame, row: row, calendar: evaluation.calendar)
            } else {
                machine.run(
                    program,
                    code: program.bound(to: frame, on: evaluation),
                    frame: frame,
                    row: row,
                    calendar: evaluation.calendar
                )
            }
            switch program.result {
            case .tags(let c): return frame.value(of: FactLayout.Column(type: .tagset, index: Int(c)), row: row)
            case let register:
                return machine.value(.register(register), type: type, frame: frame, row: row, on: evaluation)
            }
        }
        func render(_ template: TemplateProgram) -> String {
            // Literal parts are cut at compile time; each placeholder's value is appended in place.
            var text = ""
            text.reserveCapacity(template.parts.count * 16)
            for i in template.parts.indices {
                switch template.parts[i] {
                case .text(let literal): text += literal
                case .value(let program, let type):
                    text += value(program, type, prepared: template.plans[i]).description
                }
            }
            return text
        }
        func later(_ literal: DurationLiteral?) -> Day? {
            guard let literal else { return nil }
            switch literal.unit {
            case .days: return evaluation.day.adding(days: literal.amount)
            case .weeks: return evaluation.day.adding(days: 7 * literal.amount)
            case .months: return evaluation.day.adding(months: literal.amount)
            case .years: return evaluation.day.adding(months: 12 * literal.amount)
            case .businessDays: return evaluation.calendar.adding(businessDays: literal.amount, to: evaluation.day)
            }
        }
        return rule.actionPrograms.map { action in
            switch action {
            case .notify(let recipient, let channel, let message):
                .notify(
                    recipient: recipient,
                    channel: channel,
                    message: message.map(render) ?? "Rule \"\(rule.name)\" fired on \(evaluation.day)"
                )
            case .task(let recipient, let title, let due):
                .task(recipient: recipient, title: render(title), dueOn: later(due))
            case .openProcess(let name, let parameters):
                .openProcess(
                    name: name,
                    parameters: parameters.map { ProcessParameter(name: $0.label, value: value($0.program, $0.type)) }
                )
            case .addTag(let name, let expiry):
                .addTag(name: name, expiresOn: later(expiry).map { $0.adding(days: -1) })
            case .removeTag(let name): .removeTag(name: name)
            case .flag(let name): .flag(name: name)
            }
        }
    }

    /// The values of `rule`'s `dedupe by` keys for `row` (`client` gives the row's client id).
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func dedupeValues(
        of rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay
    ) throws(FactFrameError) -> [FactValue] {
        try checkLayout(frame)
        guard row >= 0, row < frame.rowCount else {
            throw FactFrameError(.rowOutOfRange, fact: "*", row: row, "row \(row) is outside 0..<\(frame.rowCount)")
        }
        var machine = ScalarMachine()
        return rule.dedupePrograms.map { entry in
            guard let (program, type) = entry else { return frame.clients[row].map { .text($0.rawValue) } ?? .missing }
            machine.run(
                program,
                code: program.bound(to: frame, on: evaluation),
                frame: frame,
                row: row,
                calendar: evaluation.calendar
            )
            return machine.value(.register(program.result), type: type, frame: frame, row: row, on: evaluation)
        }
    }

    /// Why `rule` fires or not for `row`: each part of the condition, whether it held, and the
    /// values it saw.
    /// - Throws: ``FactFrameError`` with code `layoutMismatch` for a frame of another rule set.
    public func explain(
        _ rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay
    ) throws(FactFrameError) -> RuleExplanation {
        try checkLayout(frame)
        guard row >= 0, row < frame.rowCount else {
            throw FactFrameError(.rowOutOfRange, fact: "*", row: row, "row \(row) is outside 0..<\(frame.rowCount)")
        }
        var machine = ScalarMachine()
        return explain(rule, in: frame, row: row, on: evaluation, bound: nil, machine: &machine)
    }

    /// ``explain(_:in:row:on:)`` for a frame of this rule set and a row in range, on the caller's
    /// machine, with the rule's condition already bound for `evaluation` when `bound` is given.
    func explain(
        _ rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay,
        bound: ScalarPlan?,
        machine: inout ScalarMachine
    ) -> RuleExplanation {
        explain(
            rule,
            in: frame,
            row: row,
            on: evaluation,
            bound: bound,
            texts: explainTexts(of: rule),
            machine: &machine
        )
    }

    /// The texts an explanation of `rule` shows, in the order the trace reads them: each part's
    /// text, then (for a test) its values' expressions, then its sub-parts.
    ///
    /// Cut from the source
    /// once per rule by the engine; the strings are shared by every firing's trace.
    func explainTexts(of rule: CompiledRule) -> [String] {
        var texts: [String] = []
        func walk(_ node: ExplainNode) {
            switch node {
            case .all(let parts, _, let range), .any(let parts, _, let range):
                texts.append(text(range))
                for part in parts { walk(part) }
            case .negation(let inner, _, let range):
                texts.append(text(range))
                walk(inner)
            case .test(_, let range, let values):
                texts.append(text(range))
                for value in values { texts.append(text(value.range)) }
            }
        }
        if let plan = rule.explainPlan { walk(plan) }
        return texts
    }

    /// The explanation with the texts of ``explainTexts(of:)`` given.
    func explain(
        _ rule: CompiledRule,
        in frame: FactFrame,
        row: Int,
        on evaluation: EvaluationDay,
        bound: ScalarPlan?,
        texts: [String],
        machine: inout ScalarMachine
    ) -> RuleExplanation {
        let effective = rule.isEffective(on: evaluation.day)
        guard let program = rule.condition, let plan = rule.explainPlan else {
            return RuleExplanation(
                rule: rule.name,
                version: rule.version,
                day: evaluation.day,
                isEffective: effective,
                holds: effective,
                condition: nil
            )
        }
        if let bound {
            machine.run(bound, frame: frame, row: row, calendar: evaluation.calendar)
        } else {
            machine.run(
                program,
                code: program.bound(to: frame, on: evaluation),
                frame: frame,
                row: row,
                calendar: evaluation.calendar
            )
        }
        var next = 0
        func nextText() -> String {
            defer { next += 1 }
            return next < texts.count ? texts[next] : ""
        }
        func holds(_ operand: Operand) -> Bool {
            switch operand {
            case .register(.bool(let r)): machine.bools[Int(r)]
            case .bool(let b): b
            default: false
            }
        }
        func traces(_ parts: [ExplainNode]) -> [ConditionTrace] {
            var traces: [ConditionTrace] = []
            traces.reserveCapacity(parts.count)
            for part in parts { traces.append(trace(part)) }
            return traces
        }
        func trace(_ node: ExplainNode) -> ConditionTrace {
            switch node {
            case .all(let parts, let result, let range):
                let text = nextText()
                return ConditionTrace(
                    kind: .all,
                    text: text,
                    range: range,
                    holds: holds(result),
                    values: [],
                    parts: traces(parts)
                )
            case .any(let parts, let result, let range):
                let text = nextText()
                return ConditionTrace(
                    kind: .any,
                    text: text,
                    range: range,
                    holds: holds(result),
                    values: [],
                    parts: traces(parts)
                )
            case .negation(let inner, let result, let range):
                let text = nextText()
                return ConditionTrace(
                    kind: .not,
                    text: text,
                    range: range,
                    holds: holds(result),
                    values: [],
                    parts: [trace(inner)]
                )
            case .test(let result, let range, let values):
                let text = nextText()
                var traced: [TracedValue] = []
                traced.reserveCapacity(values.count)
                for value in values {
                    traced.append(
                        TracedValue(
                            expression: nextText(),
                            value: machine.value(
                                value.operand,
                                type: value.type,
                                frame: frame,
                                row: row,
                                on: evaluation
                            )
                        )
                    )
                }
                return ConditionTrace(
                    kind: .test,
                    text: text,
                    range: range,
                    holds: holds(result),
                    values: traced,
                    parts: []
                )
            }
        }
        let condition = trace(plan)
        return RuleExplanation(
            rule: rule.name,
            version: rule.version,
            day: evaluation.day,
            isEffective: effective,
            holds: effective && condition.holds,
            condition: condition
        )
    }
}
