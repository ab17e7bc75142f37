// CustomerModel's errors in the one coded-error shape (see ``CodedError``).

extension StoreError: CodedError {
    /// The client, record and field the error names.
    public var location: ErrorLocation { ErrorLocation(customer: customer, record: record, field: field) }
}

extension ImportError: CodedError {
    /// The file, line and field the error names.
    public var location: ErrorLocation { ErrorLocation(file: file, field: field, line: line) }
}

extension TierLadderError: CodedError {
    /// The field path, line and column the error names.
    public var location: ErrorLocation { ErrorLocation(field: path, line: line, column: column) }
}

extension ValueError: CodedError {
    /// The kind of a ``ValueError``: it has one, since the field says what was wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A value given to the library was not valid.
        public static let invalidValue = Code("invalidValue")

        /// The code's name.
        public var description: String { name }
    }

    /// Always ``Code/invalidValue``; match on ``field``.
    public var code: Code { .invalidValue }

    /// The field the error names.
    public var location: ErrorLocation { ErrorLocation(field: field) }
}

extension JSONSyntaxError: CodedError {
    /// The kind of a ``JSONSyntaxError``: it has one, since the position says where.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The text is not valid JSON.
        public static let invalidJSON = Code("invalidJSON")

        /// The code's name.
        public var description: String { name }
    }

    /// Always ``Code/invalidJSON``; match on ``position``.
    public var code: Code { .invalidJSON }

    /// The line and column where parsing stopped.
    public var location: ErrorLocation { ErrorLocation(position) }
}
