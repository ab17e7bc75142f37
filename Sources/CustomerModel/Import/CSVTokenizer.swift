/// A syntax problem in one CSV record.
///
/// The tokenizer reports it with the record and moves on, so one stray quote does not hide the
/// problems of the rows after it.
struct CSVProblem: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A quoted field is still open at the end of the input.
        case unterminatedQuote
        /// A quote inside an unquoted field (`ab"c`).
        case strayQuote
        /// Text after a closing quote (`"ab"c`).
        case textAfterQuote
        /// A field's bytes are not valid UTF-8.
        case invalidUTF8
    }

    /// What is wrong.
    var kind: Kind
    /// The physical line where the problem was seen (where the quote opened, for an unterminated quote).
    var line: Int
    /// The 0-based index of the field in its record.
    var field: Int
}

/// One CSV record: the physical line it starts on, its fields, and the first syntax problem in it.
struct CSVRecord: Hashable, Sendable {
    /// The 1-based physical line of the record's first byte.
    var line: Int
    /// The fields, unquoted and unescaped.
    var fields: [String]
    /// The first syntax problem, if any; the fields are then a best effort.
    var problem: CSVProblem?
}

/// An RFC 4180 CSV tokenizer over a stream of UTF-8 bytes.
///
/// It pulls one byte at a time from the iterator (with at most three bytes of lookahead), so it
/// never needs the whole input in memory. Rules:
/// - fields are separated by `,`; records end at CRLF, LF or a lone CR;
/// - a field that starts with `"` is quoted: it runs to the next lone `"`, `""` stands for one
///   quote, and commas and line breaks inside it are data;
/// - line numbers count physical lines, including those inside quoted fields;
/// - a leading UTF-8 byte order mark is skipped, and empty lines produce no record.
///
/// ```swift
/// var tokenizer = CSVTokenizer(Array("a,\"b,c\"\r\n1,2\n".utf8).makeIterator())
/// tokenizer.next()  // line 1: ["a", "b,c"]
/// tokenizer.next()  // line 2: ["1", "2"]
/// ```
struct CSVTokenizer<Bytes: IteratorProtocol<UInt8>>: IteratorProtocol, Sequence {
    private var bytes: Bytes
    private var lookahead: [UInt8] = []  // pushed-back bytes; the last one is read first
    private var line = 1
    private var atStart = true

    private static var quote: UInt8 { UInt8(ascii: "\"") }
    private static var comma: UInt8 { UInt8(ascii: ",") }
    private static var cr: UInt8 { 13 }
    private static var lf: UInt8 { 10 }

    /// Creates a tokenizer reading `bytes`.
    init(_ bytes: Bytes) { self.bytes = bytes }

    /// The next non-empty record, or `nil` at the end of the input.
    mutating func next() -> CSVRecord? {
        if atStart {
            atStart = false
            skipByteOrderMark()
        }
        while let record = readRecord() {
            let isEmptyLine =
                record.problem == nil && record.fields.count == 1 && record.fields[0].isEmpty && !record.hadQuotes
            if !isEmptyLine { return CSVRecord(line: record.line, fields: record.fields, problem: record.problem) }
        }
        return nil
    }

    private mutating func read() -> UInt8? {
        if let byte = lookahead.popLast() { return byte }
        return bytes.next()
    }

    private mutating func peek() -> UInt8? {
        if let byte = lookahead.last { return byte }
        guard let byte = bytes.next() else { return nil }
        lookahead.append(byte)
        return byte
    }

    private mutating func skipByteOrderMark() {
        var read: [UInt8] = []
        for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard let byte = self.read() else { break }
            read.append(byte)
            if byte != expected { break }
        }
        if read != [0xEF, 0xBB, 0xBF] { lookahead.append(contentsOf: read.reversed()) }
    }

    private mutating func readRecord() -> (line: Int, fields: [String], problem: CSVProblem?, hadQuotes: Bool)? {
        guard peek() != nil else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var isQuoted = false  // the current field started with a quote
        var inQuotes = false
        var closed = false  // the current quoted field's closing quote was read
        var quoteLine = line
        var hadQuotes = false
        var problem: CSVProblem?
        var endedWithLineBreak = false

        func note(_ kind: CSVProblem.Kind, _ line: Int, _ index: Int) {
            if problem == nil { problem = CSVProblem(kind: kind, line: line, field: index) }
        }
        func finish(_ bytes: [UInt8], _ index: Int, _ line: Int) -> String {
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            note(.invalidUTF8, line, index)
            return String(decoding: bytes, as: UTF8.self)
        }

        reading: while true {
            guard let byte = read() else {
                if inQuotes { note(.unterminatedQuote, quoteLine, fields.count) }
                break reading
            }
            if inQuotes {
                switch byte {
                case Self.quote:
                    if peek() == Self.quote {
                        _ = read()
                        field.append(Self.quote)
                    } else {
                        inQuotes = false
                        closed = true
                    }
                case Self.cr:
                    field.append(byte)
                    if peek() == Self.lf { field.append(read() ?? Self.lf) }
                    line += 1
                case Self.lf:
                    field.append(byte)
                    line += 1
                default:
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case Self.comma:
                fields.append(finish(field, fields.count, line))
                field.removeAll(keepingCapacity: true)
                isQuoted = false
                closed = false
            case Self.lf:
                endedWithLineBreak = true
                break reading
            case Self.cr:
                if peek() == Self.lf { _ = read() }
                endedWithLineBreak = true
                break reading
            case Self.quote:
                if field.isEmpty && !isQuoted {
                    isQuoted = true
                    inQuotes = true
                    hadQuotes = true
                    quoteLine = line
                } else {
                    note(closed ? .textAfterQuote : .strayQuote, line, fields.count)
                    field.append(byte)
                }
            default:
                if closed { note(.textAfterQuote, line, fields.count) }
                field.append(byte)
            }
        }
        fields.append(finish(field, fields.count, line))
        if endedWithLineBreak { line += 1 }
        return (startLine, fields, problem, hadQuotes)
    }
}
