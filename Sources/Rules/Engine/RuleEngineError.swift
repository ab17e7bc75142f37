public import CustomerModel

/// A problem with what a host handed the engine.
public struct RuleEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// An event for a client the engine does not know.
        public static let unknownClient = Code("unknown-client")
        /// Two records for one client.
        public static let duplicateClient = Code("duplicate-client")
        /// A value that does not fit its fact (a tier that does not exist, money in another currency).
        public static let invalidValue = Code("invalid-value")
        /// A checkpoint of another format, or one whose parts do not agree.
        public static let invalidCheckpoint = Code("invalid-checkpoint")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// The client concerned.
    public var client: CustomerID?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, client: CustomerID?, _ message: String) {
        self.code = code
        self.client = client
        self.message = message
    }

    /// `unknown-client: client C-9: ...`.
    public var description: String { "\(code): \(client.map { "client \($0): " } ?? "")\(message)" }
}
