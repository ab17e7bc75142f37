/// One value of a JSON document, with the position where it starts in the text.
///
/// Numbers keep their literal text, so an amount such as `1234.57` can be read exactly (never
/// through a `Double`) and a weight such as `0.1` is read as the nearest `Double` exactly once.
/// Objects keep their members in document order. Values built in code have the position
/// ``SourcePosition/unknown``.
///
/// ```swift
/// let document = try JSONDocument(parsing: #"{"weight": 0.25}"#)
/// let weight = document.root.objectValue?["weight"]
/// print(weight?.doubleValue ?? 0, weight?.position ?? .unknown)  // 0.25 line 1, column 12
/// ```
public struct JSONNode: Hashable, Sendable {
    /// The kinds of JSON value, with their contents.
    public enum Value: Hashable, Sendable {
        /// A string, unescaped.
        case string(String)
        /// A number, as its literal text (`-2.50`, `3e2`).
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
        /// An array.
        case array([JSONNode])
        /// An object, members in document order.
        case object(JSONObject)
    }

    /// The value.
    public var value: Value
    /// Where the value starts in the text (its first character).
    public var position: SourcePosition

    /// Creates a node.
    public init(_ value: Value, position: SourcePosition = .unknown) {
        self.value = value
        self.position = position
    }

    /// A string node.
    public static func string(_ text: String) -> JSONNode { JSONNode(.string(text)) }

    /// A number node from a `Double`, written in the shortest form that reads back as the same
    /// `Double` (`0.1`, `50000000`, `1e-12`); `nil` for a value that is not finite.
    public static func number(_ value: Double) -> JSONNode? {
        guard value.isFinite else { return nil }
        return JSONNode(.number(JSONWriter.literal(value)))
    }

    /// A number node from an integer.
    public static func number(_ value: Int64) -> JSONNode { JSONNode(.number(String(value))) }

    /// A Boolean node.
    public static func bool(_ flag: Bool) -> JSONNode { JSONNode(.bool(flag)) }

    /// The `null` node.
    public static let null = JSONNode(.null)

    /// An array node.
    public static func array(_ elements: [JSONNode]) -> JSONNode { JSONNode(.array(elements)) }

    /// An object node with `members` in order (a repeated key keeps its last value).
    public static func object(_ members: [(String, JSONNode)]) -> JSONNode { JSONNode(.object(JSONObject(members))) }

    // MARK: Reading

    /// The string, when the node is a string.
    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The literal text, when the node is a number.
    public var numberLiteral: String? {
        if case .number(let text) = value { return text }
        return nil
    }

    /// The number as the nearest `Double`, when the node is a number whose value is finite
    /// (`1e999` gives `nil`).
    public var doubleValue: Double? {
        guard case .number(let text) = value, let double = Double(text), double.isFinite else { return nil }
        return double
    }

    /// The number as an integer, when the node is a number with an integral value that fits
    /// (`12`, `-3`, `1e3`, `4.0`); `nil` for `2.5` or a value out of range.
    public var int64Value: Int64? {
        guard case .number(let text) = value else { return nil }
        if let exact = Int64(text) { return exact }
        guard let double = Double(text), double.rounded() == double, abs(double) <= 9_007_199_254_740_992 else {
            return nil
        }
        return Int64(double)
    }

    /// The flag, when the node is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The elements, when the node is an array.
    public var arrayValue: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The object, when the node is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = value { return object }
        return nil
    }

    /// Whether the node is `null`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The kind in words for messages: `a string`, `a number`, `true`, `null`, `an array`, `an object`.
    public var kindDescription: String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The node at `path` below this one, or `nil` when a step does not exist.
    public func node(at path: JSONPath) -> JSONNode? {
        var current = self
        for component in path.components {
            switch (component, current.value) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The position of the node at `path`, or of its deepest ancestor that exists (for a missing
    /// member: the object that lacks it).
    public func position(of path: JSONPath) -> SourcePosition {
        var current = self
        for component in path.components {
            switch (component, current.value) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return current.position }
                current = next
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return current.position }
                current = elements[index]
            default:
                return current.position
            }
        }
        return current.position
    }
}

/// The members of a JSON object, in document order, each with the position of its key.
///
/// Keys are unique: the parser rejects a repeated key, and building an object in code keeps the
/// last value given for a key. Looking a key up is O(1) for large objects (a hash index is kept
/// beside the members) and a short scan for small ones.
public struct JSONObject: Hashable, Sendable, RandomAccessCollection {
    /// One member: its key, where the key starts, and its value.
    public struct Member: Hashable, Sendable {
        /// The key, unescaped.
        public var key: String
        /// Where the key's opening quote is.
        public var keyPosition: SourcePosition
        /// The value.
        public var value: JSONNode

        /// Creates a member.
        public init(key: String, keyPosition: SourcePosition = .unknown, value: JSONNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    /// The members in document order.
    public private(set) var members: [Member]
    private var index: [String: Int]?
    private static let indexThreshold = 12

    /// Creates an empty object.
    public init() {
        members = []
        index = nil
    }

    /// Creates an object from `members` in order; a repeated key keeps its last value, in the
    /// place of its first appearance.
    public init(_ members: [(String, JSONNode)]) {
        self.init()
        for (key, value) in members { set(key, value) }
    }

    /// Creates an object from members known to have unique keys (the parser checks them).
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
        index = nil
        buildIndex()
    }

    private mutating func buildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var map = [String: Int](minimumCapacity: members.count)
        for (offset, member) in members.enumerated() { map[member.key] = offset }
        index = map
    }

    /// Sets the value of `key`, appending a new member or replacing an existing one's value.
    public mutating func set(_ key: String, _ value: JSONNode, keyPosition: SourcePosition = .unknown) {
        if let offset = offset(of: key) {
            members[offset].value = value
            return
        }
        members.append(Member(key: key, keyPosition: keyPosition, value: value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            buildIndex()
        }
    }

    private func offset(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value of `key`, or `nil` when the object has no such member.
    public subscript(key: String) -> JSONNode? { offset(of: key).map { members[$0].value } }

    /// The member named `key`, with its key's position.
    public func member(_ key: String) -> Member? { offset(of: key).map { members[$0] } }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The position of the first member.
    public var startIndex: Int { members.startIndex }
    /// One past the last member.
    public var endIndex: Int { members.endIndex }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }

    /// Two objects are equal when they have the same members in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }

    /// Hashes the members.
    public func hash(into hasher: inout Hasher) { hasher.combine(members) }
}
