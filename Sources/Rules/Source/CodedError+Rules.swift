public import CustomerModel

// Rules' coded errors in the one coded-error shape (see ``/CustomerModel/CodedError``).
// Compile errors are lists of positioned ``RuleDiagnostic``s instead.

extension FactFrameError: CodedError {
    /// The fact (as the field) and row the error names.
    public var location: ErrorLocation { ErrorLocation(row: row, field: fact) }
}

extension FactCatalogueError: CodedError {
    /// The fact the error names, as the field.
    public var location: ErrorLocation { ErrorLocation(field: fact) }
}

extension ActionHandlerError: CodedError {
    /// Nothing: the message says which action failed.
    public var location: ErrorLocation { ErrorLocation() }
}

extension RuleEngineError: CodedError {
    /// The client the error names.
    public var location: ErrorLocation { ErrorLocation(customer: client) }
}
