/// Writes ``JSONNode`` values as JSON text: members in order, strings escaped, numbers as their
/// literal text.
enum JSONWriter {
    static func write(_ node: JSONNode, pretty: Bool) -> String {
        var out = ""
        append(node, to: &out, indent: 0, pretty: pretty)
        if pretty { out += "\n" }
        return out
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    private static func append(_ node: JSONNode, to out: inout String, indent: Int, pretty: Bool) {
        switch node.value {
        case .string(let text): out += quoted(text)
        case .number(let literal): out += literal
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            // Arrays of scalars stay on one line.
            let flat = !pretty || elements.allSatisfy { $0.arrayValue == nil && $0.objectValue == nil }
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += pretty && flat ? ", " : "," }
                if !flat { newline(&out, indent + 1) }
                append(element, to: &out, indent: indent + 1, pretty: pretty)
            }
            if !flat { newline(&out, indent) }
            out += "]"
        case .object(let object):
            guard !object.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (offset, member) in object.members.enumerated() {
                if offset > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                out += quoted(member.key)
                out += pretty ? ": " : ":"
                append(member.value, to: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(&out, indent) }
            out += "}"
        }
    }

    /// `text` in double quotes with `"`, `\` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The shortest text that reads back as `value` (finite): integers without a fraction.
    static func literal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = "\(value)"  // shortest round-trip form, e.g. 0.1, 1e-12, 1.5e+20
        return text
    }
}
