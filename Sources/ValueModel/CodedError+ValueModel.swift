public import CustomerModel

// ValueModel's errors in the one coded-error shape (see ``/CustomerModel/CodedError``).

extension ScoringModelError: CodedError {
    /// The field path, line and column the error names.
    public var location: ErrorLocation { ErrorLocation(field: path.description, line: line, column: column) }
}

extension ScoringInputError: CodedError {
    /// The client, record and field the error names; the indicator, when there is one, leads the
    /// field (`aum_avg_90d.values`).
    public var location: ErrorLocation {
        let named = [indicator?.rawValue, field].compactMap { $0 }
        return ErrorLocation(
            customer: customer,
            record: record,
            field: named.isEmpty ? nil : named.joined(separator: ".")
        )
    }
}

extension ActivityError: CodedError {
    /// The client, row, record and field the error names.
    public var location: ErrorLocation { ErrorLocation(customer: customer, record: record, row: row, field: field) }
}

extension LifetimeValueError: CodedError {
    /// The client, row and field the error names.
    public var location: ErrorLocation { ErrorLocation(customer: customer, row: row, field: field) }
}
