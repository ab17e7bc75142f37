import CustomerModel

extension RuleCompiler {
    /// Decodes rule text (or its JSON form) from the bytes of a file, before any other work on it.
    ///
    /// A text over ``RuleTextLimits/maximumBytes`` is refused without being looked at; bytes that
    /// are not well-formed UTF-8 (a stray continuation byte, a cut-off sequence, an overlong
    /// form, a surrogate, a value past U+10FFFF) are refused with the line and column of the first
    /// bad byte, so the author can find it. A leading byte-order mark is skipped.
    ///
    /// ```swift
    /// let bytes = try Data(contentsOf: url)
    /// let compiler = RuleCompiler()
    /// let rules = try compiler.compile(compiler.decode(utf8: bytes, file: "alerts.rules"), file: "alerts.rules")
    /// ```
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - file: the file name to put in diagnostics.
    /// - Returns: the text.
    /// - Throws: ``RuleCompileError`` with one ``RuleDiagnostic/Code/limit`` diagnostic.
    public func decode(utf8 bytes: some Collection<UInt8>, file: String? = nil) throws(RuleCompileError) -> String {
        guard bytes.count <= limits.maximumBytes else {
            throw RuleCompileError([
                RuleDiagnostic(
                    .limit,
                    at: SourceRange(start: .start, end: .start),
                    "the text is \(bytes.count) bytes; the compiler accepts at most \(limits.maximumBytes) bytes in one text",
                    file: file
                )
            ])
        }
        let body = Array(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes.dropFirst(0))
        if let bad = UTF8Check.firstInvalid(in: body) {
            throw RuleCompileError([
                RuleDiagnostic(
                    .limit,
                    at: SourceRange(start: bad, end: bad),
                    "the text is not UTF-8 here (byte \(bad.offset + 1)); save the file as UTF-8",
                    file: file
                )
            ])
        }
        return String(decoding: body, as: UTF8.self)
    }
}

/// Finds the first byte that breaks UTF-8 well-formedness (Unicode 15, table 3-7).
enum UTF8Check {
    /// The position of the first ill-formed sequence, or `nil` when all of `bytes` is UTF-8.
    static func firstInvalid(in bytes: [UInt8]) -> SourcePosition? {
        var line = 1
        var column = 1
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            let width: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: width = 1
            case 0xC2...0xDF: width = 2
            case 0xE0:
                width = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: width = 3
            case 0xED:
                width = 3
                high = 0x9F
            case 0xF0:
                width = 4
                low = 0x90
            case 0xF1...0xF3: width = 4
            case 0xF4:
                width = 4
                high = 0x8F
            default: return SourcePosition(line: line, column: column, offset: i)
            }
            guard i + width <= count else { return SourcePosition(line: line, column: column, offset: i) }
            if width > 1 {
                let second = bytes[i + 1]
                guard second >= low, second <= high else {
                    return SourcePosition(line: line, column: column, offset: i)
                }
                for k in 2..<width where bytes[i + k] & 0xC0 != 0x80 {
                    return SourcePosition(line: line, column: column, offset: i)
                }
            }
            if lead == 10 {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += width
        }
        return nil
    }
}
