/// A parsed JSON value without positions: what the import reads from one JSON Lines line.
///
/// Numbers keep their literal text, so an amount such as `1234.57` is read exactly, never through
/// a `Double`.
indirect enum JSONValue: Hashable, Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value of a positioned node, positions dropped.
    init(_ node: JSONNode) {
        switch node.value {
        case .string(let text): self = .string(text)
        case .number(let literal): self = .number(literal)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array(let elements): self = .array(elements.map(JSONValue.init))
        case .object(let object):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(object.count)
            for member in object.members { members[member.key] = JSONValue(member.value) }
            self = .object(members)
        }
    }
}

/// The import's entry to the strict parser of ``JSONDocument`` for one JSON Lines line.
///
/// Nesting is limited to 64 levels, and an object that repeats a key is an error, so a record
/// cannot say two things about one field. Errors give the column (in Unicode scalars) where
/// parsing stopped; the line is always 1 because the text is one line of the file.
enum JSONParser {
    /// The deepest nesting a record may have.
    static let maximumDepth = 64

    /// Parses the whole input as one value, allowing surrounding whitespace.
    /// - Throws: ``JSONSyntaxError`` with the column where parsing stopped.
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        JSONValue(try JSONDocument(utf8: bytes, maximumDepth: maximumDepth).root)
    }
}
