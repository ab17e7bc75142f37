/// The strict JSON parser behind ``JSONDocument``: one pass over UTF-8 bytes, recording the line
/// and column of every value.
///
/// Columns are counted in Unicode scalars incrementally (a cursor remembers the last position
/// computed on the current line), so a long one-line document costs O(length), not O(length²).
struct JSONTextParser {
    private let bytes: [UInt8]
    private var index: Int
    private var depth = 0
    private let maximumDepth: Int
    private var line = 1
    private var lineStart: Int
    /// The last byte offset whose column is known on the current line, and that column.
    private var cursorOffset: Int
    private var cursorColumn = 1

    private init(_ bytes: [UInt8], start: Int, maximumDepth: Int) {
        self.bytes = bytes
        index = start
        lineStart = start
        cursorOffset = start
        self.maximumDepth = maximumDepth
    }

    /// Parses the whole input as one value, allowing surrounding whitespace and a leading BOM.
    static func parse(_ bytes: [UInt8], maximumDepth: Int) throws(JSONSyntaxError) -> JSONNode {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var parser = JSONTextParser(bytes, start: start, maximumDepth: max(1, maximumDepth))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the value") }
        return value
    }

    // MARK: Positions

    private mutating func position(at offset: Int) -> SourcePosition {
        if offset < cursorOffset {
            cursorOffset = lineStart
            cursorColumn = 1
        }
        var column = cursorColumn
        var i = cursorOffset
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        cursorOffset = offset
        cursorColumn = column
        return SourcePosition(line: line, column: column, offset: offset)
    }

    private mutating func here() -> SourcePosition { position(at: index) }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(position: here(), message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                cursorOffset = index
                cursorColumn = 1
            default: return
            }
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        let start = here()
        guard let byte = current else { throw error("unexpected end of text") }
        switch byte {
        case UInt8(ascii: "{"): return JSONNode(.object(try parseObject()), position: start)
        case UInt8(ascii: "["): return JSONNode(.array(try parseArray()), position: start)
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), position: start)
        case UInt8(ascii: "t"): return JSONNode(try literal("true", .bool(true)), position: start)
        case UInt8(ascii: "f"): return JSONNode(try literal("false", .bool(false)), position: start)
        case UInt8(ascii: "n"): return JSONNode(try literal("null", .null), position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), position: start)
        default: throw error("expected a value")
        }
    }

    private mutating func literal(_ text: String, _ value: JSONNode.Value) throws(JSONSyntaxError) -> JSONNode.Value {
        for byte in text.utf8 {
            guard current == byte else { throw error("expected '\(text)'") }
            index += 1
        }
        return value
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > maximumDepth { throw error("nested more than \(maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        index += 1
        var members: [JSONObject.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONObject(uniqueMembers: members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let keyPosition = here()
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            guard seen.insert(key).inserted else {
                throw JSONSyntaxError(position: keyPosition, message: "key '\(key)' appears twice")
            }
            members.append(JSONObject.Member(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return JSONObject(uniqueMembers: members)
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> [JSONNode] {
        try enter()
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return elements
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func digits() -> Int {
        var count = 0
        while let byte = current, byte >= 48, byte <= 57 {
            index += 1
            count += 1
        }
        return count
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw error("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let opening = index
        index += 1  // the opening quote
        // Fast path: no escapes.
        var scan = index
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                guard let string = String(validating: bytes[index..<scan], as: UTF8.self) else {
                    index = opening
                    throw error("string is not valid UTF-8")
                }
                index = scan + 1
                return string
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            scan += 1
        }
        var text = Array(bytes[index..<scan])
        index = scan
        while true {
            guard let byte = current else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: text, as: UTF8.self) else {
                    index = opening
                    throw error("string is not valid UTF-8")
                }
                index += 1
                return string
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &text)
            case 0..<0x20:
                throw error("control character in a string")
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseEscape(into text: inout [UInt8]) throws(JSONSyntaxError) {
        guard let byte = current else { throw error("unterminated string") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            index += 1
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate in \\u escape") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            text.append(contentsOf: Array(String(Character(unicode)).utf8))
            return
        default:
            throw error("invalid escape")
        }
        index += 1
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("expected four hex digits") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw error("expected four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
