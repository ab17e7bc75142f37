import CustomerModel

/// The JSON form of a rule file, for tools that generate rules.
///
/// It holds the same rules as the
/// text form: the rule's metadata as JSON members, its trigger, condition, actions, cooldown and
/// dedupe keys as rule-language text, so both forms share one grammar and one compiler.
///
/// ```json
/// { "rules": [ {
///     "name": "AUM drop alert", "version": 3, "owner": "wealth management", "priority": 80,
///     "effective_from": "2026-01-01", "effective_until": "2026-12-31",
///     "when": "daily at 08:30",
///     "if": "aum.change(30d) < -20% and tier in [core, key]",
///     "then": ["notify(rm, sms, \"AUM of {name} fell {aum.change(30d)}\")"],
///     "cooldown": "30d", "dedupe_by": ["client"] } ] }
/// ```
///
/// Only `name`, `when` and `then` are required. Errors carry the line and column in the JSON
/// text (inside a string, the column of the offending character) and the member's JSON path.
enum RuleJSONForm {
    /// The members a rule object may have, in the order they are written out.
    static let members = [
        "name", "version", "owner", "priority", "effective_from", "effective_until", "when", "if", "then", "cooldown",
        "dedupe_by",
    ]

    /// A piece of generated rule text and the JSON value it came from.
    struct Segment {
        var start: Int
        var end: Int
        var path: JSONPath
        var position: SourcePosition
        /// Whether the text is the string's content verbatim (so columns inside it can be mapped).
        var verbatim: Bool
    }

    /// Rule text built from a JSON document, with where each part came from.
    struct Translation {
        var text = ""
        var segments: [Segment] = []
        var diagnostics: [RuleDiagnostic] = []

        mutating func append(_ literal: String) { text += literal }

        mutating func append(_ value: String, from node: JSONNode, at path: JSONPath, verbatim: Bool) {
            let start = text.utf8.count
            text += value
            segments.append(
                Segment(start: start, end: text.utf8.count, path: path, position: node.position, verbatim: verbatim)
            )
        }
    }

    static func range(_ position: SourcePosition) -> SourceRange {
        let p = SourcePosition(line: max(position.line, 1), column: max(position.column, 1), offset: position.offset)
        return SourceRange(start: p, end: p)
    }

    static func error(
        _ code: RuleDiagnostic.Code,
        _ node: JSONNode,
        _ path: JSONPath,
        _ message: String
    ) -> RuleDiagnostic {
        RuleDiagnostic(code, at: range(node.position), "\(message) (at \(path))")
    }

    /// Escapes `value` as a rule-language string literal.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "{": out += "\\{"
            case "}": out += "\\}"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// Translates a parsed JSON document into rule text; structural problems become diagnostics.
    static func translate(_ document: JSONDocument) -> Translation {
        var t = Translation()
        let root = document.root
        guard let object = root.objectValue else {
            t.diagnostics.append(
                error(
                    .syntax,
                    root,
                    .root,
                    "a JSON rule file is an object with a \"rules\" array, not \(root.kindDescription)"
                )
            )
            return t
        }
        for member in object where member.key != "rules" {
            let node = JSONNode(member.value.value, position: member.keyPosition)
            t.diagnostics.append(
                error(
                    .syntax,
                    node,
                    JSONPath.root.appending(member.key),
                    "unknown member \"\(member.key)\"; a JSON rule file has only \"rules\""
                )
            )
        }
        let rulesPath = JSONPath.root.appending("rules")
        guard let rulesNode = object["rules"], let rules = rulesNode.arrayValue else {
            t.diagnostics.append(
                error(.syntax, object["rules"] ?? root, rulesPath, "expected a \"rules\" array of rule objects")
            )
            return t
        }
        for (index, ruleNode) in rules.enumerated() {
            translate(rule: ruleNode, at: rulesPath.appending(index), into: &t)
        }
        return t
    }

    static func translate(rule node: JSONNode, at path: JSONPath, into t: inout Translation) {
        guard let rule = node.objectValue else {
            t.diagnostics.append(error(.syntax, node, path, "a rule is a JSON object, not \(node.kindDescription)"))
            return
        }
        var ok = true
        for member in rule where !members.contains(member.key) {
            let suggestion = EditDistance.closest(to: member.key, in: members).map { "; did you mean \"\($0)\"?" } ?? ""
            t.diagnostics.append(
                error(
                    .clause,
                    JSONNode(.null, position: member.keyPosition),
                    path.appending(member.key),
                    "unknown rule member \"\(member.key)\"\(suggestion)"
                )
            )
            ok = false
        }
        func string(_ key: String) -> JSONNode? {
            guard let value = rule[key] else { return nil }
            guard value.stringValue != nil else {
                t.diagnostics.append(
                    error(
                        .syntax,
                        value,
                        path.appending(key),
                        "\"\(key)\" must be a string, not \(value.kindDescription)"
                    )
                )
                ok = false
                return nil
            }
            return value
        }
        func strings(_ key: String) -> [(JSONNode, JSONPath)]? {
            guard let value = rule[key] else { return nil }
            if value.stringValue != nil { return [(value, path.appending(key))] }
            guard let elements = value.arrayValue, !elements.isEmpty else {
                t.diagnostics.append(
                    error(
                        .syntax,
                        value,
                        path.appending(key),
                        "\"\(key)\" must be a string or a non-empty array of strings, not \(value.kindDescription)"
                    )
                )
                ok = false
                return nil
            }
            var out: [(JSONNode, JSONPath)] = []
            for (i, element) in elements.enumerated() {
                guard element.stringValue != nil else {
                    t.diagnostics.append(
                        error(
                            .syntax,
                            element,
                            path.appending(key).appending(i),
                            "each entry of \"\(key)\" must be a string, not \(element.kindDescription)"
                        )
                    )
                    ok = false
                    continue
                }
                out.append((element, path.appending(key).appending(i)))
            }
            return out
        }
        func integer(_ key: String) -> JSONNode? {
            guard let value = rule[key] else { return nil }
            guard let number = value.int64Value, number >= 0, number <= Int64(Int32.max) else {
                t.diagnostics.append(
                    error(
                        .syntax,
                        value,
                        path.appending(key),
                        "\"\(key)\" must be a whole number from 0, not \(value.numberLiteral ?? value.kindDescription)"
                    )
                )
                ok = false
                return nil
            }
            return value
        }
        let name = string("name")
        let version = integer("version")
        let owner = string("owner")
        let priority = integer("priority")
        let from = string("effective_from")
        let until = string("effective_until")
        let when = string("when")
        let condition = string("if")
        let then = strings("then")
        let cooldown = string("cooldown")
        let dedupe = strings("dedupe_by")
        for required in ["name", "when", "then"] where rule[required] == nil {
            t.diagnostics.append(error(.clause, node, path, "a rule needs \"\(required)\""))
            ok = false
        }
        guard ok, let name, let when, let then else { return }

        t.append("rule ")
        t.append(quoted(name.stringValue ?? ""), from: name, at: path.appending("name"), verbatim: false)
        if let version {
            t.append("\n  version ")
            t.append(version.numberLiteral ?? "", from: version, at: path.appending("version"), verbatim: false)
        }
        if let owner {
            t.append("\n  owner ")
            t.append(quoted(owner.stringValue ?? ""), from: owner, at: path.appending("owner"), verbatim: false)
        }
        if let priority {
            t.append("\n  priority ")
            t.append(priority.numberLiteral ?? "", from: priority, at: path.appending("priority"), verbatim: false)
        }
        if from != nil || until != nil {
            t.append("\n  effective")
            if let from {
                t.append(" from ")
                t.append(from.stringValue ?? "", from: from, at: path.appending("effective_from"), verbatim: true)
            }
            if let until {
                t.append(" until ")
                t.append(until.stringValue ?? "", from: until, at: path.appending("effective_until"), verbatim: true)
            }
        }
        t.append("\n  when ")
        t.append(when.stringValue ?? "", from: when, at: path.appending("when"), verbatim: true)
        if let condition {
            t.append("\n  if ")
            t.append(condition.stringValue ?? "", from: condition, at: path.appending("if"), verbatim: true)
        }
        t.append("\n  then ")
        for (i, (action, actionPath)) in then.enumerated() {
            if i > 0 { t.append(",\n       ") }
            t.append(action.stringValue ?? "", from: action, at: actionPath, verbatim: true)
        }
        if let cooldown {
            t.append("\n  cooldown ")
            t.append(cooldown.stringValue ?? "", from: cooldown, at: path.appending("cooldown"), verbatim: true)
        }
        if let dedupe {
            t.append("\n  dedupe by ")
            for (i, (key, keyPath)) in dedupe.enumerated() {
                if i > 0 { t.append(", ") }
                t.append(key.stringValue ?? "", from: key, at: keyPath, verbatim: true)
            }
        }
        t.append("\nend\n\n")
    }

    /// Moves a diagnostic on the generated text to the JSON text it came from.
    static func relocate(_ diagnostic: RuleDiagnostic, _ t: Translation, json: [UInt8]) -> RuleDiagnostic {
        var d = diagnostic
        let offset = diagnostic.range.start.offset
        // The segment holding the offset, or the last one before it (a problem in the glue between parts).
        guard
            let segment = t.segments.first(where: { offset >= $0.start && offset < max($0.end, $0.start + 1) })
                ?? t.segments.last(where: { $0.start <= offset })
        else {
            d.range = range(.unknown)
            return d
        }
        var position = segment.position
        if segment.verbatim, offset >= segment.start, offset <= segment.end {
            position = column(in: json, stringAt: segment.position, decodedOffset: offset - segment.start)
        }
        d.range = range(position)
        d.message += " (at \(segment.path))"
        return d
    }

    /// The position of the character `decodedOffset` UTF-8 bytes into the content of the JSON
    /// string whose opening quote is at `start`, walking its escapes.
    static func column(in json: [UInt8], stringAt start: SourcePosition, decodedOffset: Int) -> SourcePosition {
        guard start.isKnown, start.offset < json.count, json[start.offset] == UInt8(ascii: "\"") else { return start }
        var raw = start.offset + 1
        var decoded = 0
        var column = start.column + 1
        while decoded < decodedOffset, raw < json.count, json[raw] != UInt8(ascii: "\"") {
            if json[raw] == UInt8(ascii: "\\"), raw + 1 < json.count {
                if json[raw + 1] == UInt8(ascii: "u"), raw + 5 < json.count {
                    let hex = String(decoding: json[(raw + 2)...(raw + 5)], as: UTF8.self)
                    let unit = UInt32(hex, radix: 16) ?? 0
                    if (0xD800..<0xDC00).contains(unit), raw + 11 < json.count, json[raw + 6] == UInt8(ascii: "\\") {
                        decoded += 4
                        raw += 12
                        column += 12
                    } else {
                        decoded += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
                        raw += 6
                        column += 6
                    }
                } else {
                    decoded += 1
                    raw += 2
                    column += 2
                }
                continue
            }
            let byte = json[raw]
            let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            decoded += width
            raw += width
            column += 1
        }
        return SourcePosition(line: start.line, column: column, offset: raw)
    }
}
