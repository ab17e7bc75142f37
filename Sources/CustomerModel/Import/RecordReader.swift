/// One field's raw value: text from CSV or a JSON scalar, or a JSON array or object.
enum FieldValue: Hashable, Sendable {
    case text(String)
    case json(JSONValue)
}

/// One record of a file, before it is decoded: its physical line and its values by column position.
struct SourceRow: Sendable {
    /// The 1-based physical line where the record starts.
    var line: Int
    /// Values indexed by the position of the column in the kind's ``ColumnSet``; `nil` when absent.
    var values: [FieldValue?]
}

/// What the reader found next: a record to decode, or a problem.
enum ReadEvent {
    /// A well-formed record, and whether each column was in the file's header (always `true` for
    /// JSON Lines, where an absent key is an absent value).
    case row(SourceRow, present: [Bool])
    /// A syntax or header problem.
    case error(ImportError)
}

/// Reads a file's records in either format and hands each one to a closure as it is read.
///
/// The file's records never sit in memory all at once. Syntax problems, unknown and missing columns
/// become ``ImportError``s, reported before the record they concern; a record with a syntax
/// problem is not handed on.
enum RecordReader {
    /// Reads `file` as `format` against `columns`, calling `body` with each record and problem in
    /// file order.
    static func read(
        _ file: ImportFile,
        format: ImportFile.Format,
        columns: ColumnSet,
        _ body: (ReadEvent) -> Void
    ) {
        switch format {
        case .csv: readCSV(file, columns: columns, body)
        case .jsonLines: readJSONLines(file, columns: columns, body)
        }
    }

    private static func readCSV(
        _ file: ImportFile,
        columns: ColumnSet,
        _ body: (ReadEvent) -> Void
    ) {
        var tokenizer = CSVTokenizer(file.bytes.makeIterator())
        guard let header = tokenizer.next() else { return }
        if let problem = header.problem {
            body(.error(error(for: problem, header, file: file.name, header: nil)))
            return
        }
        var positions: [Int?] = []
        var present = [Bool](repeating: false, count: columns.names.count)
        for (offset, rawName) in header.fields.enumerated() {
            let name = rawName.trimmingWhitespace
            guard let position = columns.position(of: name) else {
                positions.append(nil)
                let what =
                    name.isEmpty
                    ? "column \(offset + 1) has no name"
                    : "\(quoted(name)) is not a column of \(file.kind.rawValue) files"
                body(
                    .error(
                        ImportError(
                            .unknownColumn,
                            file: file.name,
                            line: header.line,
                            field: name.isEmpty ? nil : String(name),
                            what
                        )
                    )
                )
                continue
            }
            if present[position] {
                positions.append(nil)
                body(
                    .error(
                        ImportError(
                            .duplicateColumn,
                            file: file.name,
                            line: header.line,
                            field: columns.names[position],
                            "the header names the column twice"
                        )
                    )
                )
                continue
            }
            present[position] = true
            positions.append(position)
        }
        for position in columns.requiredPositions where !present[position] {
            body(
                .error(
                    ImportError(
                        .missingColumn,
                        file: file.name,
                        line: header.line,
                        field: columns.names[position],
                        "the header lacks a required column"
                    )
                )
            )
        }
        for record in tokenizer {
            if let problem = record.problem {
                body(.error(error(for: problem, record, file: file.name, header: header.fields)))
                continue
            }
            guard record.fields.count == header.fields.count else {
                body(
                    .error(
                        ImportError(
                            .wrongColumnCount,
                            file: file.name,
                            line: record.line,
                            "expected \(header.fields.count) fields as in the header, found \(record.fields.count)"
                        )
                    )
                )
                continue
            }
            var values = [FieldValue?](repeating: nil, count: columns.names.count)
            for (offset, text) in record.fields.enumerated() {
                if let position = positions[offset] { values[position] = .text(text) }
            }
            body(.row(SourceRow(line: record.line, values: values), present: present))
        }
    }

    private static func error(
        for problem: CSVProblem,
        _ record: CSVRecord,
        file: String,
        header: [String]?
    )
        -> ImportError
    {
        let field = header.flatMap { problem.field < $0.count ? String($0[problem.field].trimmingWhitespace) : nil }
        switch problem.kind {
        case .unterminatedQuote:
            return ImportError(
                .unterminatedQuote,
                file: file,
                line: record.line,
                field: field,
                "the quoted field opened on line \(problem.line) is never closed"
            )
        case .strayQuote:
            return ImportError(
                .malformedCSV,
                file: file,
                line: record.line,
                field: field,
                "a quote inside an unquoted field on line \(problem.line) (quote the whole field and double the quote)"
            )
        case .textAfterQuote:
            return ImportError(
                .malformedCSV,
                file: file,
                line: record.line,
                field: field,
                "text after the closing quote on line \(problem.line)"
            )
        case .invalidUTF8:
            return ImportError(
                .invalidEncoding,
                file: file,
                line: record.line,
                field: field,
                "the field is not valid UTF-8"
            )
        }
    }

    private static func readJSONLines(
        _ file: ImportFile,
        columns: ColumnSet,
        _ body: (ReadEvent) -> Void
    ) {
        let present = [Bool](repeating: true, count: columns.names.count)
        var bytes = file.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var line = 0
        while !bytes.isEmpty {
            line += 1
            let end = bytes.firstIndex(of: 10) ?? bytes.endIndex
            var text = bytes[bytes.startIndex..<end]
            bytes = end < bytes.endIndex ? bytes[(end + 1)...] : bytes[end...]
            if text.last == 13 { text = text.dropLast() }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do throws(JSONSyntaxError) {
                value = try JSONParser.parse(Array(text))
            } catch {
                body(
                    .error(
                        ImportError(
                            .invalidJSON,
                            file: file.name,
                            line: line,
                            "column \(error.column): \(error.message)"
                        )
                    )
                )
                continue
            }
            guard case .object(let members) = value else {
                body(.error(ImportError(.invalidJSON, file: file.name, line: line, "the line is not a JSON object")))
                continue
            }
            var values = [FieldValue?](repeating: nil, count: columns.names.count)
            for key in members.keys.sorted() {
                guard let position = columns.position(of: key) else {
                    body(
                        .error(
                            ImportError(
                                .unknownColumn,
                                file: file.name,
                                line: line,
                                field: key,
                                "\(quoted(key)) is not a column of \(file.kind.rawValue) files"
                            )
                        )
                    )
                    continue
                }
                switch members[key] {
                case .string(let string): values[position] = .text(string)
                case .number(let literal): values[position] = .text(literal)
                case .bool(let flag): values[position] = .text(flag ? "true" : "false")
                case .null, nil: values[position] = nil
                case .some(let nested): values[position] = .json(nested)
                }
            }
            body(.row(SourceRow(line: line, values: values), present: present))
        }
    }

    /// The text in quotes when it looks like a code, an enum value, a date or a column name.
    ///
    /// Anything else becomes `the value (not shown)`. Error messages show values only through this.
    static func quoted(_ text: some StringProtocol) -> String {
        let value = shown(text)
        return value == notShown ? "the value (not shown)" : "'\(value)'"
    }

    private static let notShown = "(value not shown)"

    /// `text` when it looks like a code, an enum value, a date or a column name (ASCII letters,
    /// digits and `-_.:/`, at most 32 bytes, no run of more than 8 digits, which could be an ID or
    /// phone number); otherwise a neutral placeholder.
    static func shown(_ text: some StringProtocol) -> String {
        let value = String(text)
        var digitRun = 0
        var longestRun = 0
        for byte in value.utf8 {
            if byte >= 48 && byte <= 57 {
                digitRun += 1
                longestRun = max(longestRun, digitRun)
            } else {
                digitRun = 0
            }
        }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")
        }
        guard allowed, !value.isEmpty, value.utf8.count <= 32, longestRun <= 8 else { return notShown }
        return value
    }
}
