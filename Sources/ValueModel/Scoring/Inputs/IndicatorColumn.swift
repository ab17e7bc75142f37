/// One indicator's inputs for every client of an ``IndicatorTable``: a `Double` per row and a
/// presence bit per row (struct of arrays, rows are dense client indices).
///
/// For a category indicator each value is the code of a name in ``categories`` (0, 1, 2 ...).
/// Amounts are in major units of the table's currency.
public struct IndicatorColumn: Hashable, Sendable {
    /// The indicator.
    public let indicator: IndicatorID
    /// What the values are.
    public let input: IndicatorInputKind
    /// The indicator's position in the catalogue (its slot in an ``IndicatorRow``).
    let slot: Int
    /// The value of each row (meaningless where ``presence`` is off; 0 there).
    public internal(set) var values: [Double]
    /// Which rows have a value.
    public internal(set) var presence: PresenceBitmap
    /// For a category indicator: the names, by code.
    ///
    /// A closed list starts with its catalogue
    /// names in order; open-ended names are added as they first appear, in lower case.
    public internal(set) var categories: [String]
    private var codes: [String: Int]

    /// An empty column of `count` rows, all missing.
    init(indicator: IndicatorID, input: IndicatorInputKind, count: Int) {
        self.indicator = indicator
        self.input = input
        slot = IndicatorCatalogue.position(of: indicator) ?? -1
        values = [Double](repeating: 0, count: count)
        presence = PresenceBitmap(count: count, allPresent: false)
        if case .category(let set) = input {
            categories = set.names
            codes = Dictionary(set.names.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        } else {
            categories = []
            codes = [:]
        }
    }

    /// The raw input of `row`, or `nil` when missing.
    public func value(ofRow row: Int) -> IndicatorValue? {
        guard presence[row] else { return nil }
        if input.isCategorical {
            let code = Int(values[row])
            return categories.indices.contains(code) ? .category(categories[code]) : nil
        }
        return .number(values[row])
    }

    /// The code of `name` (case and surrounding spaces ignored), adding an open-ended name; `nil`
    /// for a name outside a closed list.
    mutating func code(of name: String) -> Int? {
        let key = IndicatorColumn.key(name)
        if let code = codes[key] { return code }
        guard case .category(let set) = input, set.isOpen, !key.isEmpty else { return nil }
        categories.append(key)
        codes[key] = categories.count - 1
        return categories.count - 1
    }

    /// The lookup key of a category name: trimmed and in lower case.
    static func key(_ name: String) -> String {
        // ASCII names (almost all) are trimmed and lower-cased byte by byte, without Unicode tables.
        var ascii = true
        var plain = true
        for byte in name.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= 0x41 && byte <= 0x5A { plain = false }
        }
        if ascii {
            let bytes = name.utf8
            let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            if plain, let first = bytes.first, let last = bytes.last, !isSpace(first), !isSpace(last) { return name }
            var trimmed = Array(bytes)
            while let last = trimmed.last, isSpace(last) { trimmed.removeLast() }
            let start = trimmed.firstIndex { !isSpace($0) } ?? trimmed.endIndex
            return String(decoding: trimmed[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var text = Substring(name)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text.lowercased()
    }

    /// Why `value` cannot be an input of kind `input`, or `nil` when it can.
    static func problem(with value: Double, for input: IndicatorInputKind) -> String? {
        guard value.isFinite else { return "the value is not a finite number" }
        switch input {
        case .amount, .category: return nil
        case .count: return value >= 0 ? nil : "a count must not be negative, not \(value)"
        case .ratio: return (0...1).contains(value) ? nil : "a ratio must be from 0 to 1, not \(value)"
        case .rating(let scale):
            return (scale.lowest...scale.highest).contains(value)
                ? nil : "a rating must be from \(Int(scale.lowest)) to \(Int(scale.highest)), not \(value)"
        }
    }

    /// The first present row whose value ``problem(with:for:)`` rejects, or `nil`: the same rule
    /// as a range check (`lowest ≤ v ≤ highest` fails for NaN and the infinities), in one
    /// branch-light read of the column.
    func firstInvalidRow() -> Int? {
        let (lowest, highest): (Double, Double)
        switch input {
        case .amount, .category: (lowest, highest) = (-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        case .count: (lowest, highest) = (0, .greatestFiniteMagnitude)
        case .ratio: (lowest, highest) = (0, 1)
        case .rating(let scale): (lowest, highest) = (scale.lowest, scale.highest)
        }
        let n = min(values.count, presence.count)
        return values.withUnsafeBufferPointer { values in
            presence.words.withUnsafeBufferPointer { words in
                for row in 0..<n where !(lowest <= values[row] && values[row] <= highest) {
                    if words[row &>> 6] &>> UInt64(row & 63) & 1 != 0 { return row }
                }
                return nil
            }
        }
    }

    /// Why `value` cannot be this column's input, or `nil` when it can.
    func problem(with value: IndicatorValue) -> String? {
        switch (value, input) {
        case (.number(let number), _) where !input.isCategorical:
            return Self.problem(with: number, for: input)
        case (.category(let name), .category(let set)):
            if set.isOpen { return IndicatorColumn.key(name).isEmpty ? "an empty category name" : nil }
            return codes[IndicatorColumn.key(name)] == nil
                ? "'\(name)' is not a category of indicator '\(indicator)'" : nil
        case (.number, _):
            return "indicator '\(indicator)' takes a category, not a number"
        case (.category, _):
            return "indicator '\(indicator)' takes \(input.name), not a category"
        }
    }

    /// Sets one row from a raw input (or clears it for `nil`); returns the problem, changing
    /// nothing, when the input is not valid.
    @discardableResult
    mutating func set(_ value: IndicatorValue?, row: Int) -> String? {
        guard let value else {
            values[row] = 0
            presence[row] = false
            return nil
        }
        if let problem = problem(with: value) { return problem }
        switch value {
        case .number(let number): values[row] = number
        case .category(let name):
            guard let code = code(of: name) else { return "'\(name)' is not a category of indicator '\(indicator)'" }
            values[row] = Double(code)
        }
        presence[row] = true
        return nil
    }
}
