public import CustomerModel
public import Rules

/// A segmentation call failed: what went wrong, the client and field concerned, never a
/// client's value.
///
/// Match on ``code``; the wording of ``message`` may change.
public struct SegmentationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    ///
    /// New codes may be added; do not switch exhaustively over them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// The facts could not be put in a frame (a source's value does not fit its fact).
        public static let facts = Code("facts")
        /// An argument is not usable (an unknown tier, an expiry before today, an empty reason).
        public static let invalid = Code("invalid")
        /// The client is not in the book, or has nothing to decide.
        public static let notFound = Code("not-found")
        /// The principal may not approve moves.
        public static let notApprover = Code("not-approver")
        /// The store or the gate refused or failed.
        public static let store = Code("store")
        /// The action handler failed as a whole.
        public static let actions = Code("actions")
        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The client concerned, if one.
    public var customer: CustomerID?
    /// The field or argument concerned, if one.
    public var field: String?
    /// What went wrong.
    public var message: String
    /// The store's error, for ``Code-swift.struct/store``.
    public var storeError: StoreError?

    /// Creates an error.
    public init(
        _ code: Code,
        customer: CustomerID? = nil,
        field: String? = nil,
        _ message: String,
        storeError: StoreError? = nil
    ) {
        self.code = code
        self.customer = customer
        self.field = field
        self.message = message
        self.storeError = storeError
    }

    /// Wraps a store or gate error.
    public static func store(_ error: StoreError) -> SegmentationError {
        SegmentationError(
            .store,
            customer: error.customer,
            field: error.field,
            error.description,
            storeError: error
        )
    }

    /// Wraps a fact frame error.
    static func facts(_ error: FactFrameError) -> SegmentationError {
        SegmentationError(.facts, field: error.fact, error.description)
    }

    /// `not-approver: C-1: ...`.
    public var description: String {
        var text = "\(code): "
        if let customer { text += "\(customer): " }
        if let field { text += "\(field): " }
        return text + message
    }
}
