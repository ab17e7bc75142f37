/// Where a ``CodedError`` happened.
///
/// The client, record, row and field of data, or the file, field path, line and column of a
/// text. Every part is optional; an error fills in what it knows. It names identifiers (a client id, a transaction id, a field path), never personal values.
public struct ErrorLocation: Hashable, Sendable, CustomStringConvertible {
    /// The client concerned.
    public var customer: CustomerID?
    /// The record concerned: a transaction, holding or interaction id, or a key such as
    /// `2026-11-23 cvm-individual@3`.
    public var record: String?
    /// The row of a batch or a column set, from 0.
    public var row: Int?
    /// The file, for errors about a host's export.
    public var file: String?
    /// The field, or the path of a field in a text: `amount`, `tiers[2].minimumAUM`, a fact name.
    public var field: String?
    /// The line in the text or file, from 1.
    public var line: Int?
    /// The column in the line, in Unicode scalars, from 1.
    public var column: Int?

    /// Creates a location from what the error knows.
    ///
    /// - Parameters:
    ///   - customer: the client concerned.
    ///   - record: the record concerned.
    ///   - row: the row of a batch, from 0.
    ///   - file: the file.
    ///   - field: the field or field path.
    ///   - line: the line, from 1.
    ///   - column: the column, from 1.
    public init(
        customer: CustomerID? = nil,
        record: String? = nil,
        row: Int? = nil,
        file: String? = nil,
        field: String? = nil,
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.customer = customer
        self.record = record
        self.row = row
        self.file = file
        self.field = field
        self.line = line
        self.column = column
    }

    /// A location at `position` in a text, at the field `field`; without line and column when the
    /// position is ``SourcePosition/unknown``.
    ///
    /// - Parameters:
    ///   - position: where in the text.
    ///   - field: the field or field path, if known.
    public init(_ position: SourcePosition, field: String? = nil) {
        self.init(
            field: field,
            line: position.isKnown ? position.line : nil,
            column: position.isKnown ? position.column : nil
        )
    }

    /// Whether the error knows nothing of where it happened.
    public var isEmpty: Bool { self == ErrorLocation() }

    /// `file clients.csv, line 3, column 7, client C-1, record T-9, row 4, field amount`, leaving
    /// out what is not known; `nowhere in particular` when nothing is.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append("file \(file)") }
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let customer { parts.append("client \(customer)") }
        if let record { parts.append("record \(record)") }
        if let row { parts.append("row \(row)") }
        if let field { parts.append("field \(field)") }
        return parts.isEmpty ? "nowhere in particular" : parts.joined(separator: ", ")
    }
}
