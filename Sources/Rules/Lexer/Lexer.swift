import CustomerModel

/// Turns rule text into tokens, each with its line and column.
///
/// The lexer never stops at a bad character: it reports a ``RuleDiagnostic`` with code
/// ``RuleDiagnostic/Code/invalidToken``, emits an ``Token/Kind/invalid`` token and carries on, so
/// one compile reports every problem. Comments run from `#` to the end of the line.
///
/// ```swift
/// var lexer = Lexer("if aum.change(30d) < -20%")
/// let tokens = lexer.tokenize()     // word, word, (, 30d, ), <, -, 20%, end
/// ```
struct Lexer: Sendable {
    /// Words that cannot name a fact, because the grammar needs them everywhere.
    static let reservedWords: Set<String> = [
        "rule", "end", "when", "if", "then", "and", "or", "not", "in", "is", "missing", "where", "true", "false",
    ]

    /// The text's UTF-8 bytes; the lexer walks bytes, counting a column per Unicode scalar.
    private let bytes: [UInt8]
    private var index = 0
    private var position: SourcePosition
    /// Problems found so far.
    private(set) var diagnostics: [RuleDiagnostic] = []
    /// The longest word accepted, in UTF-8 bytes; a longer one is refused unread.
    private let maximumWordLength: Int

    /// Creates a lexer over `text` whose first character is at `start` (placeholders inside strings
    /// are lexed with the position of their first character).
    init(
        _ text: String,
        start: SourcePosition = .start,
        maximumWordLength: Int = RuleTextLimits.standard.maximumWordLength
    ) {
        bytes = Array(text.utf8)
        position = start
        self.maximumWordLength = maximumWordLength
    }

    /// All tokens up to and including ``Token/Kind/endOfText``.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .endOfText { return tokens }
        }
    }

    // MARK: Reading characters

    /// The scalar `ahead` scalars on (only the next two are ever looked at past the current one).
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        var i = index
        for _ in 0..<ahead {
            guard i < bytes.count else { return nil }
            i += Self.width(bytes[i])
        }
        return scalar(at: i)
    }

    private func scalar(at i: Int) -> Unicode.Scalar? {
        guard i < bytes.count else { return nil }
        let lead = bytes[i]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        let width = Self.width(lead)
        guard i + width <= bytes.count else { return Unicode.Scalar(0xFFFD) }
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for k in 1..<width { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)
    }

    /// The byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
    private static func width(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let lead = bytes[index]
        let width = min(Self.width(lead), bytes.count - index)
        index += width
        position.offset += width
        if lead == 10 {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
    }

    /// The text of bytes `start..<index`.
    private func text(from start: Int) -> String { String(decoding: bytes[start..<index], as: UTF8.self) }

    /// Refuses a word or unit longer than ``maximumWordLength`` without looking at its text.
    private mutating func overlong(_ length: Int, from start: SourcePosition) -> Token {
        let range = SourceRange(start: start, end: position)
        diagnostics.append(
            RuleDiagnostic(
                .limit,
                at: range,
                "a word of \(length) bytes; the longest fact, function or value name accepted is \(maximumWordLength) bytes"
            )
        )
        return Token(.invalid, at: range)
    }

    private mutating func report(_ message: String, from start: SourcePosition) -> Token {
        let range = SourceRange(start: start, end: position)
        diagnostics.append(RuleDiagnostic(.invalidToken, at: range, message))
        return Token(.invalid, at: range)
    }

    private static func isDigit(_ s: Unicode.Scalar?) -> Bool { s.map { $0.value >= 48 && $0.value <= 57 } ?? false }
    private static func isLetter(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) || s == "_"
            || (s.value > 127 && s.properties.isAlphabetic)
    }

    // MARK: Tokens

    /// The next token.
    mutating func next() -> Token {
        skipSpaceAndComments()
        let start = position
        guard let c = peek() else { return Token(.endOfText, at: SourceRange(start: start, end: start)) }
        if Self.isLetter(c) { return word(from: start) }
        if Self.isDigit(c) { return numeric(from: start) }
        if c == "\"" { return string(from: start) }
        return symbol(c, from: start)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private mutating func word(from start: SourcePosition) -> Token {
        let first = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                let isWordByte =
                    (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                    || byte == 95
                if isWordByte || (byte == 46 && Self.isLetter(peek(1))) {
                    index += 1
                    position.offset += 1
                    position.column += 1
                    continue
                }
                break
            }
            guard Self.isLetter(peek()) else { break }
            advance()
        }
        if index - first > maximumWordLength { return overlong(index - first, from: start) }
        return Token(.word(text(from: first)), at: SourceRange(start: start, end: position))
    }

    private mutating func digits(max: Int = .max) -> (text: String, count: Int) {
        let first = index
        var count = 0
        while count < max, index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            advance()
            count += 1
        }
        return (text(from: first), count)
    }

    private mutating func numeric(from start: SourcePosition) -> Token {
        // Dates (YYYY-MM-DD) and times (HH:MM) are recognised by shape before numbers.
        if (0..<4).allSatisfy({ Self.isDigit(peek($0)) }), peek(4) == "-", Self.isDigit(peek(5)), Self.isDigit(peek(6)),
            peek(7) == "-", Self.isDigit(peek(8)), Self.isDigit(peek(9)), !Self.isDigit(peek(10))
        {
            let first = index
            for _ in 0..<10 { advance() }
            let text = self.text(from: first)
            if Self.isLetter(peek()) { return badSuffix(after: text, from: start) }
            guard let day = try? Day(parsing: text) else {
                return report("'\(text)' is not a date that exists", from: start)
            }
            return Token(.date(day), at: SourceRange(start: start, end: position))
        }
        let timeShape = (Self.isDigit(peek(1)) && peek(2) == ":") || peek(1) == ":"
        if timeShape {
            let (hours, _) = digits(max: 2)
            advance()  // ':'
            let (minutes, count) = digits()
            guard count == 2, let h = Int(hours), let m = Int(minutes), h < 24, m < 60 else {
                return report("'\(hours):\(minutes)' is not a time of day (write HH:MM, 00:00 to 23:59)", from: start)
            }
            return Token(.time(minutes: h * 60 + m), at: SourceRange(start: start, end: position))
        }
        let (whole, _) = digits()
        var fraction = ""
        if peek() == ".", Self.isDigit(peek(1)) {
            advance()
            fraction = digits().text
        }
        let written = fraction.isEmpty ? whole : "\(whole).\(fraction)"
        guard written.count - (fraction.isEmpty ? 0 : 1) <= 18, let mantissa = Int64(whole + fraction) else {
            return report("the number \(written) is too large", from: start)
        }
        var literal = NumberLiteral(mantissa: mantissa, scale: fraction.count)
        if peek() == "%" {
            advance()
            return Token(.percent(literal), at: SourceRange(start: start, end: position))
        }
        let suffixStart = index
        while let c = peek(), Self.isLetter(c) || Self.isDigit(c) { advance() }
        if index - suffixStart > maximumWordLength { return overlong(index - suffixStart, from: start) }
        let suffix = text(from: suffixStart)
        let range = { (position: SourcePosition) in SourceRange(start: start, end: position) }
        switch suffix {
        case "":
            return Token(.number(literal), at: range(position))
        case "k", "m", "bn":
            literal.multiplier = suffix == "k" ? 1_000 : suffix == "m" ? 1_000_000 : 1_000_000_000
            guard literal.scaled(by: 100) != nil else {
                return report("the amount \(written)\(suffix) is too large", from: start)
            }
            return Token(.number(literal), at: range(position))
        default:
            guard let unit = DurationUnit(rawValue: suffix) else {
                let known = ["k", "m", "bn", "d", "w", "mo", "y", "bd"]
                let hint =
                    EditDistance.closest(to: suffix, in: known).map { " (did you mean '\(written)\($0)'?)" } ?? ""
                return report(
                    "unknown unit '\(suffix)' after \(written)\(hint); amounts take k, m or bn, durations d, w, mo, y or bd",
                    from: start
                )
            }
            guard fraction.isEmpty, let amount = Int(whole), amount <= 36_600 else {
                return report("a duration is a whole number of \(unit.name) up to 36600, not \(written)", from: start)
            }
            return Token(.duration(DurationLiteral(amount, unit)), at: range(position))
        }
    }

    private mutating func badSuffix(after text: String, from start: SourcePosition) -> Token {
        while Self.isLetter(peek()) || Self.isDigit(peek()) { advance() }
        return report("a date is written YYYY-MM-DD with nothing attached, as in \(text)", from: start)
    }

    private mutating func string(from start: SourcePosition) -> Token {
        advance()  // opening quote
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = peek(), c != "\n" else {
                return report("this string is not closed; end it with \" on the same line", from: start)
            }
            if c == "\"" {
                advance()
                break
            }
            if c == "\\" {
                advance()
                switch peek() {
                case "\"": text += "\""
                case "\\": text += "\\"
                case "n": text += "\n"
                case "{": text += "{"
                case "}": text += "}"
                default:
                    let escapeStart = SourcePosition(
                        line: position.line,
                        column: position.column - 1,
                        offset: position.offset - 1
                    )
                    advance()
                    skipRestOfString()
                    return report("unknown escape in a string; use \\\" \\\\ \\n \\{ or \\}", from: escapeStart)
                }
                advance()
                continue
            }
            if c == "}" {
                let braceStart = position
                advance()
                skipRestOfString()
                return report("a '}' without its '{' in a string; write \\} for a brace", from: braceStart)
            }
            if c == "{" {
                let braceStart = position
                advance()
                let exprStart = position
                let sourceStart = index
                while let d = peek(), d != "\n", d != "\"", d != "}" { advance() }
                let source = self.text(from: sourceStart)
                guard peek() == "}" else {
                    skipRestOfString()
                    return report("a placeholder '{' is not closed; end it with '}'", from: braceStart)
                }
                advance()
                if source.allSatisfy({ $0 == " " }) {
                    skipRestOfString()
                    return report("an empty placeholder '{}'; put a fact inside, as in {name}", from: braceStart)
                }
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(.placeholder(source, at: exprStart))
                continue
            }
            let run = index
            advance()
            while index < bytes.count, bytes[index] >= 0x20, bytes[index] != 34, bytes[index] != 92,
                bytes[index] != 123,
                bytes[index] != 125
            {
                advance()
            }
            text += self.text(from: run)
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        return Token(.string(parts), at: SourceRange(start: start, end: position))
    }

    private mutating func skipRestOfString() {
        while let c = peek(), c != "\n" {
            advance()
            if c == "\"" { return }
        }
    }

    private mutating func symbol(_ c: Unicode.Scalar, from start: SourcePosition) -> Token {
        advance()
        let two: Symbol?
        switch (c, peek()) {
        case ("!", "="): two = .notEqual
        case ("<", "="): two = .lessOrEqual
        case (">", "="): two = .greaterOrEqual
        case ("=", "="): two = .equal
        case ("<", ">"): two = .notEqual
        default: two = nil
        }
        if let two {
            advance()
            return Token(.symbol(two), at: SourceRange(start: start, end: position))
        }
        if let one = Symbol(rawValue: String(Character(c))) {
            return Token(.symbol(one), at: SourceRange(start: start, end: position))
        }
        if c == "!" { return report("'!' on its own is not an operator; write 'not' or '!='", from: start) }
        if c == "'" || c == "\u{201C}" || c == "\u{201D}" {
            return report("strings are written in straight double quotes \"like this\"", from: start)
        }
        return report("unexpected character '\(c)'", from: start)
    }
}

extension DurationUnit {
    /// The unit's plural name (`days`, `business days`).
    var name: String {
        switch self {
        case .days: "days"
        case .weeks: "weeks"
        case .months: "months"
        case .years: "years"
        case .businessDays: "business days"
        }
    }
}
