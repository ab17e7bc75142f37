/// The way from a document's root to one value: `indicators[3].weight`.
///
/// Error messages name a value by its path, so a reader can find the field even in a document
/// that was generated on one line. Keys that are not plain identifiers are written in brackets
/// with quotes (`table["new energy"]`).
///
/// ```swift
/// let path = JSONPath.root.appending("indicators").appending(3).appending("weight")
/// print(path)  // indicators[3].weight
/// ```
public struct JSONPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path; a string literal is a key and an integer literal an index, so a path
    /// can be written `["indicators", 3, "weight"]`.
    public enum Component: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// A member of an object.
        case key(String)
        /// An element of an array, from 0.
        case index(Int)

        /// A key.
        public init(stringLiteral value: String) { self = .key(value) }

        /// An index.
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The steps from the root.
    public var components: [Component]

    /// Creates a path from its steps.
    public init(_ components: [Component] = []) { self.components = components }

    /// Creates a path from its steps.
    public init(arrayLiteral elements: Component...) { components = elements }

    /// The path of the document's root value.
    public static let root = JSONPath()

    /// This path followed by the member `key`.
    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }

    /// This path followed by the element `index`.
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    /// The path without its last step (the root's parent is the root).
    public var parent: JSONPath { JSONPath(Array(components.dropLast())) }

    /// `indicators[3].weight`; the root is written `$`.
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where Self.isIdentifier(key): text += text.isEmpty ? key : "." + key
            case .key(let key): text += "[" + JSONWriter.quoted(key) + "]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }
}
