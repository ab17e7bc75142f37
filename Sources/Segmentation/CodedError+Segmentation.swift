public import CustomerModel

// Segmentation's errors in the one coded-error shape (see ``/CustomerModel/CodedError``).

extension PolicyProblem: CodedError {
    /// The policy field path, line and column the problem names.
    public var location: ErrorLocation { ErrorLocation(field: path, line: line, column: column) }
}

extension SegmentationError: CodedError {
    /// The client and field the error names.
    public var location: ErrorLocation { ErrorLocation(customer: customer, field: field) }
}
