public import CustomerModel

/// The raw inputs of a book for scoring: for each indicator a ``IndicatorColumn`` (a `[Double]`
/// plus a presence bitmap), rows being dense client indices `0..<rowCount` in ``customers`` order.
///
/// A table holds one kind of client (individuals or corporates) in one currency, as of one day.
/// ``IndicatorTableBuilder`` fills every indicator it can derive from CustomerModel values; a host
/// sets or replaces any column with ``setColumn(_:values:present:)`` or
/// ``setCategories(_:_:)`` (for example a churn-signal count from its own engine, or a wallet
/// share from a survey). Every value is checked when it is set (finite, counts not negative,
/// ratios 0...1, ratings on their scale, categories known), so scoring never meets a bad value.
///
/// Amounts are in major units of ``currency`` (yuan), converted from integer minor units only when
/// the column is filled.
public struct IndicatorTable: Hashable, Sendable {
    /// The client of each row.
    public let customers: [CustomerID]
    /// The kind of client every row is.
    public let subject: CustomerKind
    /// The currency of every amount.
    public let currency: CurrencyCode
    /// The day the inputs describe.
    public let asOf: Day
    /// The columns set so far, by indicator.
    public private(set) var columns: [IndicatorID: IndicatorColumn]

    /// Creates a table with no columns.
    public init(customers: [CustomerID], subject: CustomerKind, currency: CurrencyCode, asOf: Day) {
        self.customers = customers
        self.subject = subject
        self.currency = currency
        self.asOf = asOf
        columns = [:]
    }

    /// The number of rows.
    public var rowCount: Int { customers.count }

    /// The column of `indicator`, if set.
    public func column(_ indicator: IndicatorID) -> IndicatorColumn? { columns[indicator] }

    /// The column for `indicator` to fill, checking it applies to this table.
    private func emptyColumn(_ indicator: IndicatorID, rows: Int? = nil) throws(ScoringInputError) -> IndicatorColumn {
        guard let definition = IndicatorCatalogue.definition(of: indicator) else {
            let suggestion = IndicatorCatalogue.closest(to: indicator.rawValue)?.rawValue
            throw ScoringInputError(
                .unknownIndicator,
                indicator: indicator,
                "'\(indicator)' is not a known indicator\(Suggestion.phrase(suggestion))"
            )
        }
        guard definition.subjects.contains(subject) else {
            throw ScoringInputError(
                .unknownIndicator,
                indicator: indicator,
                "indicator '\(indicator)' does not apply to \(subject) clients"
            )
        }
        return IndicatorColumn(indicator: indicator, input: definition.input, count: rows ?? rowCount)
    }

    /// Sets a numeric column: one value per row, and whether each row has a value.
    /// - Throws: ``ScoringInputError``: `lengthMismatch` when a list does not have one entry per
    ///   row, `unknownIndicator`, `wrongInputKind` for a category indicator, `invalidValue` naming
    ///   the first row whose present value is out of range. Nothing is changed on error.
    public mutating func setColumn(
        _ indicator: IndicatorID,
        values: [Double],
        present: [Bool]
    )
        throws(ScoringInputError)
    {
        guard present.count == rowCount else {
            throw ScoringInputError(
                .lengthMismatch,
                indicator: indicator,
                field: "present",
                "\(present.count) presence flags for \(rowCount) rows"
            )
        }
        try setColumn(indicator, values: values, presence: PresenceBitmap(present))
    }

    /// Sets a numeric column with a presence bitmap.
    /// - Throws: ``ScoringInputError`` as ``setColumn(_:values:present:)``.
    public mutating func setColumn(
        _ indicator: IndicatorID,
        values: [Double],
        presence: PresenceBitmap
    ) throws(ScoringInputError) {
        var column = try emptyColumn(indicator)
        guard !column.input.isCategorical else {
            throw ScoringInputError(
                .wrongInputKind,
                indicator: indicator,
                "indicator '\(indicator)' takes categories: use setCategories"
            )
        }
        guard values.count == rowCount, presence.count == rowCount else {
            throw ScoringInputError(
                .lengthMismatch,
                indicator: indicator,
                field: "values",
                "\(values.count) values and \(presence.count) presence bits for \(rowCount) rows"
            )
        }
        var cleaned = values
        for row in 0..<rowCount {
            if presence[row] {
                if let problem = IndicatorColumn.problem(with: values[row], for: column.input) {
                    throw ScoringInputError(
                        .invalidValue,
                        customer: customers[row],
                        record: "row \(row)",
                        indicator: indicator,
                        problem
                    )
                }
            } else {
                cleaned[row] = 0
            }
        }
        column.values = cleaned
        column.presence = presence
        columns[indicator] = column
    }

    /// Sets a category column: one name per row, `nil` where missing.
    ///
    /// Names match without regard to
    /// case or surrounding spaces.
    /// - Throws: ``ScoringInputError``: `lengthMismatch`, `unknownIndicator`, `wrongInputKind` for a
    ///   numeric indicator, `unknownCategory` naming the first row whose name is outside a closed list.
    public mutating func setCategories(_ indicator: IndicatorID, _ names: [String?]) throws(ScoringInputError) {
        var column = try emptyColumn(indicator)
        guard column.input.isCategorical else {
            throw ScoringInputError(
                .wrongInputKind,
                indicator: indicator,
                "indicator '\(indicator)' takes \(column.input.name), not categories"
            )
        }
        guard names.count == rowCount else {
            throw ScoringInputError(
                .lengthMismatch,
                indicator: indicator,
                field: "names",
                "\(names.count) names for \(rowCount) rows"
            )
        }
        for (row, name) in names.enumerated() {
            if let problem = column.set(name.map(IndicatorValue.category), row: row) {
                throw ScoringInputError(
                    .unknownCategory,
                    customer: customers[row],
                    record: "row \(row)",
                    indicator: indicator,
                    problem
                )
            }
        }
        columns[indicator] = column
    }

    /// Every input of `row`, by indicator (missing ones left out); empty for a row out of range.
    public func inputs(ofRow row: Int) -> IndicatorRow {
        guard customers.indices.contains(row) else { return IndicatorRow(customer: CustomerID("")) }
        var inputs = IndicatorRow(customer: customers[row])
        for column in columns.values { inputs[slot: column.slot] = column.value(ofRow: row) }
        return inputs
    }

    /// Replaces `row`'s inputs for every column the table has with those of `inputs` (a column
    /// without an entry in `inputs` becomes missing).
    ///
    /// Inputs for indicators the table has no
    /// column for are ignored.
    /// - Throws: ``ScoringInputError``: `lengthMismatch` for a row out of range, `invalidValue`,
    ///   `wrongInputKind` or `unknownCategory` for a bad input; nothing is changed on error.
    public mutating func setInputs(_ inputs: IndicatorRow, ofRow row: Int) throws(ScoringInputError) {
        guard customers.indices.contains(row) else {
            throw ScoringInputError(
                .lengthMismatch,
                record: "row \(row)",
                "the row is outside the table's \(rowCount) rows"
            )
        }
        for (id, column) in columns {
            if let value = inputs[slot: column.slot], let problem = column.problem(with: value) {
                throw ScoringInputError(
                    .invalidValue,
                    customer: customers[row],
                    record: "row \(row)",
                    indicator: id,
                    problem
                )
            }
        }
        let ids = Array(columns.keys)  // not the live keys view, which would keep the old storage alive
        for id in ids {
            guard let slot = columns[id]?.slot else { continue }
            columns[id]?.set(inputs[slot: slot], row: row)
        }
    }

    /// Installs a column the builder filled (values already checked by construction, then checked again).
    mutating func install(_ column: IndicatorColumn) throws(ScoringInputError) {
        if let row = column.firstInvalidRow(),
            let problem = IndicatorColumn.problem(with: column.values[row], for: column.input)
        {
            throw ScoringInputError(
                .invalidValue,
                customer: customers[row],
                record: "row \(row)",
                indicator: column.indicator,
                problem
            )
        }
        columns[column.indicator] = column
    }

    /// A fresh column for the builder.
    func makeColumn(_ indicator: IndicatorID) throws(ScoringInputError) -> IndicatorColumn {
        try emptyColumn(indicator)
    }

    /// A column for the builder holding `values` and `presence` (checked by ``install(_:)``),
    /// without writing an empty column first.
    func makeColumn(
        _ indicator: IndicatorID,
        values: [Double],
        presence: PresenceBitmap
    ) throws(ScoringInputError)
        -> IndicatorColumn
    {
        var column = try emptyColumn(indicator, rows: 0)
        column.values = values
        column.presence = presence
        return column
    }
}
