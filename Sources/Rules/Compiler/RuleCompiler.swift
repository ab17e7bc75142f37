import CustomerModel

/// Compiles rule text into a ``RuleSet``: lexing, parsing, type checking against a
/// ``FactCatalogue`` and lowering to straight-line programs.
///
/// Every problem in the text is reported at once, each with its line, column and a message a
/// business user can act on; nothing is compiled when there is any error.
///
/// ```swift
/// let rules = try RuleCompiler().compile("""
///     rule "AUM drop alert"
///       when daily at 08:30
///       if aum.change(30d) < -20% and tier >= "diamond"
///       then notify(rm, sms, "AUM of {name} fell {aum.change(30d)}"), notify(branch_head, sms)
///       cooldown 30d
///     end
///     """, file: "alerts.rules")
/// ```
public struct RuleCompiler: Sendable {
    /// The facts rules may use.
    public var catalogue: FactCatalogue
    /// The most text, rules, word length and problems a compile accepts.
    public var limits: RuleTextLimits

    /// Creates a compiler over `catalogue` (the standard catalogue in CNY unless told).
    /// - Parameters:
    ///   - catalogue: the facts rules may use.
    ///   - limits: the most a compile accepts, checked before the work each limit guards.
    public init(catalogue: FactCatalogue = .standard(), limits: RuleTextLimits = .standard) {
        self.catalogue = catalogue
        self.limits = limits
    }

    /// Refuses a text over ``RuleTextLimits/maximumBytes`` before any work on it.
    func checkSize(of text: String, file: String?) throws(RuleCompileError) {
        let bytes = text.utf8.count
        guard bytes > limits.maximumBytes else { return }
        let start = SourceRange(start: .start, end: .start)
        throw RuleCompileError([
            RuleDiagnostic(
                .limit,
                at: start,
                "the text is \(bytes) bytes; the compiler accepts at most \(limits.maximumBytes) bytes in one text",
                file: file
            )
        ])
    }

    /// Checks `text` and returns every problem, sorted by position (empty when it compiles).
    public func check(_ text: String, file: String? = nil) -> [RuleDiagnostic] {
        do {
            _ = try compile(text, file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Compiles `text`.
    /// - Parameters:
    ///   - text: the rules in the rule language.
    ///   - file: the file name to put in diagnostics.
    /// - Returns: the compiled rule set.
    /// - Throws: ``RuleCompileError`` with every problem found.
    public func compile(_ text: String, file: String? = nil) throws(RuleCompileError) -> RuleSet {
        try checkSize(of: text, file: file)
        let (syntax, parseDiagnostics) = RuleParser.parse(text, limits: limits)
        var checker = TypeChecker(catalogue: catalogue, source: text)
        checker.maximumDiagnostics = limits.maximumDiagnostics
        checker.diagnostics = Array(parseDiagnostics.prefix(limits.maximumDiagnostics))
        var checked: [CheckedRule] = []
        var names: [String: SourceRange] = [:]
        for (order, rule) in syntax.rules.enumerated() {
            guard !checker.stopped else {
                checker.stop(at: rule.nameRange)
                break
            }
            if !rule.name.isEmpty, let first = names[rule.name] {
                checker.error(
                    .duplicateRule,
                    rule.nameRange,
                    "a rule named \"\(rule.name)\" is already defined on line \(first.start.line); rule names must be unique"
                )
            } else {
                names[rule.name] = rule.nameRange
            }
            if let rule = checker.check(rule, order: order) { checked.append(rule) }
        }
        guard checker.diagnostics.isEmpty else {
            throw RuleCompileError(
                checker.diagnostics.map { diagnostic in
                    var d = diagnostic
                    d.file = file
                    return d
                }
            )
        }
        var layout = FactLayout()
        var rules: [CompiledRule] = []
        rules.reserveCapacity(checked.count)
        for rule in checked { rules.append(Self.lower(rule, layout: &layout)) }
        // An engine detects tier changes in the `tier` column and hands `tier.previous` to the rules.
        if checked.contains(where: { $0.trigger == .event(.tierChange) }) {
            for name in ["tier", "tier.previous"] {
                if let type = catalogue[name]?.type { _ = layout.add(.attribute(name), type: type) }
            }
        }
        // Documented order: higher priority first, then the order written.
        rules.sort { ($1.priority, $0.order) < ($0.priority, $1.order) }
        return RuleSet(rules: rules, layout: layout, catalogue: catalogue, source: text)
    }

    static func lower(_ rule: CheckedRule, layout: inout FactLayout) -> CompiledRule {
        var conditionProgram: Program?
        var explain: ExplainNode?
        if let condition = rule.condition {
            var builder = ProgramBuilder(layout: layout)
            let (operand, node) = builder.condition(condition)
            builder.program.result = .bool(builder.boolRegister(operand))
            layout = builder.layout
            conditionProgram = builder.program
            explain = node
        }
        func valueProgram(_ value: Checked) -> Program {
            var builder = ProgramBuilder(layout: layout)
            let operand = builder.compile(value)
            builder.program.result = builder.materialize(operand, type: value.type)
            layout = builder.layout
            return builder.program
        }
        func template(_ t: CheckedTemplate) -> TemplateProgram {
            TemplateProgram(
                parts: t.parts.map { part in
                    switch part {
                    case .text(let text): .text(text)
                    case .value(let value, _): .value(valueProgram(value), value.type)
                    }
                }
            )
        }
        let actions: [ActionProgram] = rule.actions.map { action in
            switch action {
            case .notify(let recipient, let channel, let message): .notify(recipient, channel, message.map(template))
            case .task(let recipient, let title, let due): .task(recipient, template(title), due)
            case .openProcess(let name, let parameters):
                .openProcess(name, parameters.map { ($0.label, valueProgram($0.value), $0.value.type) })
            case .addTag(let name, let expiry): .addTag(name, expiry)
            case .removeTag(let name): .removeTag(name)
            case .flag(let name): .flag(name)
            }
        }
        var dedupeKeys: [String] = []
        var dedupePrograms: [(program: Program, type: FactType)?] = []
        for key in rule.dedupe {
            switch key {
            case .client:
                dedupeKeys.append("client")
                dedupePrograms.append(nil)
            case .value(let value, let source):
                dedupeKeys.append(source)
                dedupePrograms.append((valueProgram(value), value.type))
            }
        }
        var compiled = CompiledRule(
            name: rule.name,
            version: rule.version,
            owner: rule.owner,
            priority: rule.priority,
            effectiveFrom: rule.effectiveFrom,
            effectiveUntil: rule.effectiveUntil,
            trigger: rule.trigger,
            tierChange: rule.tierChange,
            cooldown: rule.cooldown,
            dedupeKeys: dedupeKeys,
            conditionText: rule.conditionSource,
            range: rule.range,
            order: rule.order,
            condition: conditionProgram,
            explainPlan: explain,
            actionPrograms: actions,
            dedupePrograms: dedupePrograms
        )
        compiled.discriminator = EventDiscriminator(rule.condition)
        return compiled
    }
}
