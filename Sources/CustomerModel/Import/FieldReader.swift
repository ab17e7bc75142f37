/// Reads typed values out of one ``SourceRow``, collecting an ``ImportError`` for every bad field
/// instead of stopping at the first, so a host sees all the problems of a row at once.
///
/// Every accessor trims surrounding whitespace and treats an empty value as absent. A required
/// field whose column is missing from a CSV header is not reported again per row: the header
/// error covers it.
struct FieldReader {
    let file: ImportFile
    let row: SourceRow
    let columns: ColumnSet
    let present: [Bool]
    private(set) var errors: [ImportError] = []

    init(file: ImportFile, row: SourceRow, columns: ColumnSet, present: [Bool]) {
        self.file = file
        self.row = row
        self.columns = columns
        self.present = present
    }

    var line: Int { row.line }

    mutating func fail(_ code: ImportError.Code, _ field: String?, _ message: String) {
        errors.append(ImportError(code, file: file.name, line: row.line, field: field, message))
    }

    private func raw(_ name: String) -> FieldValue? {
        guard let position = columns.position(of: name), position < row.values.count else { return nil }
        return row.values[position]
    }

    /// The trimmed text of a scalar field without checking or reporting anything.
    func peek(_ name: String) -> String? {
        guard case .text(let text) = raw(name) else { return nil }
        let trimmed = Self.trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `text` without surrounding whitespace; without copying when it starts and ends with a
    /// printable ASCII character, as nearly every field does.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        return String(text.trimmingWhitespace)
    }

    /// Whether the field holds a non-empty value.
    func has(_ name: String) -> Bool {
        switch raw(name) {
        case .text(let text): !Self.trimmed(text).isEmpty
        case .json: true
        case nil: false
        }
    }

    private mutating func missing(_ name: String, required: Bool) {
        guard required else { return }
        // A column every record needs, missing from the CSV header, is reported once for the header.
        if columns.isRequired(name), let position = columns.position(of: name), position < present.count,
            !present[position]
        {
            return
        }
        fail(.missingValue, name, "a value is required")
    }

    /// The trimmed text of a scalar field, or `nil` when absent or empty.
    mutating func text(_ name: String, required: Bool = false) -> String? {
        switch raw(name) {
        case .text(let text):
            let trimmed = Self.trimmed(text)
            if trimmed.isEmpty { missing(name, required: required) }
            return trimmed.isEmpty ? nil : trimmed
        case .json:
            fail(.invalidValue, name, "expected a single value, not a JSON array or object")
            return nil
        case nil:
            missing(name, required: required)
            return nil
        }
    }

    /// A `YYYY-MM-DD` date.
    mutating func day(_ name: String, required: Bool = false) -> Day? {
        guard let text = text(name, required: required) else { return nil }
        if let day = Self.parseDay(text) { return day }
        let looksLikeDate =
            text.utf8.count == 10 && Array(text.utf8)[4] == UInt8(ascii: "-")
            && Array(text.utf8)[7] == UInt8(ascii: "-")
        fail(
            .invalidDate,
            name,
            looksLikeDate
                ? "\(RecordReader.quoted(text)) is not a date that exists"
                : "\(RecordReader.quoted(text)) is not a date (expected YYYY-MM-DD)"
        )
        return nil
    }

    static func parseDay(_ text: String) -> Day? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        return try? Day(parsing: text)
    }

    /// An `HH:MM` or `HH:MM:SS` time of day, as seconds after midnight.
    mutating func secondOfDay(_ name: String) -> Int32? {
        guard let text = text(name) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let numbers = parts.map { part -> Int? in
            guard part.utf8.count == 2, part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(part)
        }
        guard (2...3).contains(numbers.count), let hour = numbers[0], let minute = numbers[1], hour < 24, minute < 60
        else {
            fail(.invalidDate, name, "\(RecordReader.quoted(text)) is not a time (expected HH:MM or HH:MM:SS)")
            return nil
        }
        var second = 0
        if numbers.count == 3 {
            guard let value = numbers[2], value < 60 else {
                fail(.invalidDate, name, "\(RecordReader.quoted(text)) is not a time (expected HH:MM or HH:MM:SS)")
                return nil
            }
            second = value
        }
        return Int32(hour * 3600 + minute * 60 + second)
    }

    /// A value named by one of the enum's case names (any letter case).
    mutating func choice<Value>(_ name: String, _ names: EnumNames<Value>, required: Bool = false) -> Value? {
        guard let text = text(name, required: required) else { return nil }
        if let value = names.value(named: text) { return value }
        fail(
            .invalidEnumValue,
            name,
            "\(RecordReader.quoted(text)) is not a \(names.what) (expected one of \(names.list))"
        )
        return nil
    }

    /// A whole number within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let text = text(name, required: required) else { return nil }
        guard let value = Int(text) else {
            fail(.invalidNumber, name, "not a whole number")
            return nil
        }
        guard range.contains(value) else {
            let bound =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            fail(.invalidNumber, name, "must be \(bound), not \(value)")
            return nil
        }
        return value
    }

    /// An ISO 4217 currency code.
    mutating func currency(_ name: String = "currency", required: Bool = false) -> CurrencyCode? {
        guard let text = text(name, required: required) else { return nil }
        guard let code = CurrencyCode(text) else {
            fail(
                .invalidCurrency,
                name,
                "\(RecordReader.quoted(text)) is not an ISO 4217 currency code (three upper-case letters)"
            )
            return nil
        }
        return code
    }

    /// A decimal amount in major units, in `currency`; the amount itself never appears in an error.
    mutating func amount(_ name: String, currency: CurrencyCode?, required: Bool = false) -> Money? {
        guard let text = text(name, required: required) else { return nil }
        let parsed: Money
        do throws(ValueError) {
            parsed = try Money(parsing: text, currency: currency ?? .cny, field: name)
        } catch {
            let reason =
                error.message.contains("decimal places")
                ? "has more than two decimal places"
                : error.message.contains("too large") ? "is too large" : "is not a decimal amount"
            fail(.invalidAmount, name, "the amount \(reason)")
            return nil
        }
        guard let currency else { return nil }
        return Money(minorUnits: parsed.minorUnits, currency: currency)
    }

    /// `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`.
    mutating func flag(_ name: String) -> Bool? {
        guard let text = text(name) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default:
            fail(.invalidValue, name, "\(RecordReader.quoted(text)) is not a flag (expected true or false)")
            return nil
        }
    }

    /// A list (`;`-separated text, or a JSON array of scalars) without its empty entries.
    mutating func list(_ name: String) -> [String]? {
        switch raw(name) {
        case .text(let text):
            let entries = text.split(separator: ";").map { String($0.trimmingWhitespace) }.filter { !$0.isEmpty }
            return entries.isEmpty ? nil : entries
        case .json(.array(let elements)):
            var entries: [String] = []
            for element in elements {
                switch element {
                case .string(let text), .number(let text):
                    let trimmed = text.trimmingWhitespace
                    if !trimmed.isEmpty { entries.append(String(trimmed)) }
                case .null: continue
                default:
                    fail(.invalidValue, name, "a list holds strings only")
                    return nil
                }
            }
            return entries.isEmpty ? nil : entries
        case .json:
            fail(.invalidValue, name, "expected a list")
            return nil
        case nil:
            return nil
        }
    }

    /// The raw JSON array of a field, when the field holds one.
    func jsonArray(_ name: String) -> [JSONValue]? {
        if case .json(.array(let elements)) = raw(name) { return elements }
        return nil
    }
}
