import CustomerModel

extension RuleCompiler {
    /// Compiles rules in their JSON form (see the Rules catalogue, "Writing rules"): the same
    /// rules as the text form, with metadata as JSON members and trigger, condition and actions
    /// as rule-language text.
    /// - Parameters:
    ///   - json: the rules in the JSON form.
    ///   - file: the file name to put in diagnostics.
    /// - Returns: the compiled rule set.
    /// - Throws: ``RuleCompileError``; every diagnostic gives the line and column in the JSON text
    ///   and ends with the JSON path of the member at fault, as in `(at $.rules[2].if)`.
    public func compile(json: String, file: String? = nil) throws(RuleCompileError) -> RuleSet {
        try checkSize(of: json, file: file)
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: json)
        } catch {
            throw RuleCompileError([
                RuleDiagnostic(
                    .syntax,
                    at: RuleJSONForm.range(error.position),
                    "this is not valid JSON: \(error.message)",
                    file: file
                )
            ])
        }
        let translation = RuleJSONForm.translate(document)
        var diagnostics = translation.diagnostics
        var compiled: RuleSet?
        do {
            compiled = try compile(translation.text, file: file)
        } catch {
            let bytes = Array(json.utf8)
            diagnostics += error.diagnostics.map { RuleJSONForm.relocate($0, translation, json: bytes) }
        }
        guard diagnostics.isEmpty, let compiled else {
            throw RuleCompileError(
                diagnostics.map { d in
                    var d = d
                    d.file = file
                    return d
                }
            )
        }
        return compiled
    }

    /// Checks rules in their JSON form; every problem, sorted by position (empty when they compile).
    public func check(json: String, file: String? = nil) -> [RuleDiagnostic] {
        do {
            _ = try compile(json: json, file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The JSON form of rule `text`: the same rules, in the same order, each clause's text as
    /// written.
    ///
    /// Compiling the result with ``compile(json:file:)`` gives the same rules.
    /// - Throws: ``RuleCompileError`` when `text` does not parse.
    public static func json(fromText text: String, file: String? = nil) throws(RuleCompileError) -> String {
        let (syntax, diagnostics) = RuleParser.parse(text)
        guard diagnostics.isEmpty else {
            throw RuleCompileError(
                diagnostics.map { d in
                    var d = d
                    d.file = file
                    return d
                }
            )
        }
        let utf8 = Array(text.utf8)
        func slice(_ range: SourceRange) -> String {
            let start = max(0, min(range.start.offset, utf8.count))
            let end = max(start, min(range.end.offset, utf8.count))
            return String(decoding: utf8[start..<end], as: UTF8.self)
        }
        let rules: [JSONNode] = syntax.rules.map { rule in
            var members: [(String, JSONNode)] = [("name", .string(rule.name))]
            if let version = rule.version { members.append(("version", .number(Int64(version.value)))) }
            if let owner = rule.owner { members.append(("owner", .string(owner.value))) }
            if let priority = rule.priority { members.append(("priority", .number(Int64(priority.value)))) }
            if let from = rule.effectiveFrom { members.append(("effective_from", .string(slice(from.range)))) }
            if let until = rule.effectiveUntil { members.append(("effective_until", .string(slice(until.range)))) }
            if let trigger = rule.trigger { members.append(("when", .string(slice(trigger.range)))) }
            if let condition = rule.condition { members.append(("if", .string(slice(condition.range)))) }
            members.append(("then", .array(rule.actions.map { .string(slice($0.range)) })))
            if let cooldown = rule.cooldown { members.append(("cooldown", .string(slice(cooldown.range)))) }
            if let dedupe = rule.dedupe {
                members.append(("dedupe_by", .array(dedupe.map { .string(slice($0.range)) })))
            }
            return .object(members)
        }
        return JSONDocument(root: .object([("rules", .array(rules))])).text(pretty: true)
    }
}
