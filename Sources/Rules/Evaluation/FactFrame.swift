public import CustomerModel

/// The facts of many evaluation rows, as a struct of arrays: the batch input of a ``RuleSet``.
///
/// A row is one evaluation context: a client on a schedule, or a client with the event or date
/// that triggered the rule (then the trigger facts such as `transaction.amount` are filled too).
/// Every value starts missing. Fill columns with ``set(_:row:to:)-(String,_,_)`` or, for speed,
/// whole columns with ``setColumn(_:ints:)`` and ``setColumn(_:doubles:)``.
///
/// ```swift
/// var frame = FactFrame(layout: rules.layout, rows: 2)
/// try frame.set("aum", row: 0, to: .money(Money(major: 6_000_000, currency: .cny)))
/// try frame.set("tier", row: 0, to: .enumeration("core"))
/// ```
public struct FactFrame: Sendable {
    /// The columns' layout (from the rule set that reads the frame).
    public let layout: FactLayout
    /// The number of rows.
    public let rowCount: Int
    /// The client of each row, if the host records it (for actions and explanations).
    public var clients: [CustomerID?]
    /// Int-stored columns, column-major: column `c`, row `r` at `c * rowCount + r`.
    var ints: [Int64]
    /// Double-stored columns, column-major.
    var doubles: [Double]
    /// Per tag-set column: tag code to the index of its row bitmap in ``tagBitmaps``.
    var tagIndex: [[Int64: Int]]
    /// Row bitmaps of tags.
    var tagBitmaps: [[UInt64]] = []
    var dictionary = TextDictionary()

    /// The marker of a missing int value.
    static let missingInt = Int64.min

    /// Creates a frame of `rows` rows, every value missing.
    public init(layout: FactLayout, rows: Int) {
        self.layout = layout
        rowCount = max(rows, 0)
        clients = [CustomerID?](repeating: nil, count: rowCount)
        ints = [Int64](repeating: Self.missingInt, count: rowCount * layout.intCount)
        doubles = [Double](repeating: .nan, count: rowCount * layout.doubleCount)
        tagIndex = [[Int64: Int]](repeating: [:], count: layout.tagCount)
    }

    private func column(_ key: FactKey, row: Int) throws(FactFrameError) -> FactLayout.Column {
        guard let column = layout.column(of: key) else {
            throw FactFrameError(
                .unknownFact,
                fact: key.description,
                row: row,
                "no rule of this rule set reads '\(key)'"
            )
        }
        guard row >= 0, row < rowCount else {
            throw FactFrameError(
                .rowOutOfRange,
                fact: key.description,
                row: row,
                "row \(row) is outside 0..<\(rowCount)"
            )
        }
        return column
    }

    /// Whether the layout has a column for the attribute `name`.
    public func reads(_ name: String) -> Bool { layout.column(of: .attribute(name)) != nil }

    /// Sets the attribute fact `name` of `row`.
    /// - Throws: ``FactFrameError`` when the frame has no such fact, the row is out of range, or
    ///   the value's type does not match the fact's.
    public mutating func set(_ name: String, row: Int, to value: FactValue) throws(FactFrameError) {
        try set(.attribute(name), row: row, to: value)
    }

    /// Sets fact `key` of `row`.
    /// - Throws: ``FactFrameError`` when the frame has no such fact, the row is out of range, or
    ///   the value's type does not match the fact's.
    public mutating func set(_ key: FactKey, row: Int, to value: FactValue) throws(FactFrameError) {
        let column = try self.column(key, row: row)
        switch store(value, in: column, row: row) {
        case .stored: return
        case .wrongType:
            throw FactFrameError(
                .typeMismatch,
                fact: key.description,
                row: row,
                "'\(key)' is \(column.type); the value given is not"
            )
        case .wrongCurrency:
            guard case .money(let currency) = column.type, case .money(let money) = value else { return }
            throw FactFrameError(
                .currencyMismatch,
                fact: key.description,
                row: row,
                "'\(key)' is kept in \(currency), not \(money.currency)"
            )
        case .unknownValue:
            guard case .enumeration(let e) = column.type, case .enumeration(let name) = value else { return }
            throw FactFrameError(
                .typeMismatch,
                fact: key.description,
                row: row,
                "'\(name)' is not a \(e.name); allowed values: \(e.values.joined(separator: ", "))"
            )
        }
    }

    /// What became of a value handed to ``store(_:in:row:)`` (a trivial enumeration, so the
    /// engine's hot path has nothing to release; ``set(_:row:to:)`` builds the messages).
    enum StoreResult {
        case stored
        case wrongType
        case wrongCurrency
        case unknownValue
    }

    /// Stores `value` in `column` at `row` (the row must be in range); the engine's path, with the
    /// column looked up once.
    mutating func store(_ value: FactValue, in column: FactLayout.Column, row: Int) -> StoreResult {
        let i = column.index * rowCount + row
        if value == .missing {
            switch column.type.representation {
            case .double: doubles[i] = .nan
            case .tagset: clearTags(column: column.index, row: row)
            default: ints[i] = Self.missingInt
            }
            return .stored
        }
        switch (column.type, value) {
        case (.number, .number(let x)), (.percent, .percent(let x)):
            doubles[i] = x.isFinite ? x : .nan
        case (.number, .count(let n)):
            doubles[i] = Double(n)
        case (.count, .count(let n)):
            ints[i] = n
        case (.money(let currency), .money(let money)):
            guard money.currency == currency else { return .wrongCurrency }
            ints[i] = money.minorUnits
        case (.duration, .duration(let days)):
            ints[i] = days
        case (.day, .day(let day)):
            ints[i] = Int64(day.number)
        case (.enumeration(let e), .enumeration(let name)):
            guard let ordinal = e.ordinal(of: name) else { return .unknownValue }
            ints[i] = Int64(ordinal)
        case (.text, .text(let text)):
            ints[i] = dictionary.code(for: text)
        case (.bool, .bool(let b)):
            ints[i] = b ? 1 : 0
        case (.tagset, .tags(let names)):
            clearTags(column: column.index, row: row)
            for name in names {
                let code = dictionary.code(for: name)
                let bitmap: Int
                if let existing = tagIndex[column.index][code] {
                    bitmap = existing
                } else {
                    bitmap = tagBitmaps.count
                    tagBitmaps.append([UInt64](repeating: 0, count: (rowCount + 63) / 64))
                    tagIndex[column.index][code] = bitmap
                }
                tagBitmaps[bitmap].setBit(row)
            }
        default:
            return .wrongType
        }
        return .stored
    }

    /// Replaces a whole int-stored column (money in minor units, counts, durations in days, day
    /// numbers, enumeration positions, booleans as 0/1; `Int64.min` for missing).
    /// - Throws: ``FactFrameError`` when the fact is not in the layout, is not int-stored, or the
    ///   column's length is not ``rowCount``.
    public mutating func setColumn(_ key: FactKey, ints values: [Int64]) throws(FactFrameError) {
        guard let column = layout.column(of: key) else {
            throw FactFrameError(
                .unknownFact,
                fact: key.description,
                row: nil,
                "no rule of this rule set reads '\(key)'"
            )
        }
        guard column.type.representation == .int || column.type.representation == .bool else {
            throw FactFrameError(
                .typeMismatch,
                fact: key.description,
                row: nil,
                "'\(key)' is \(column.type), not stored as integers"
            )
        }
        guard values.count == rowCount else {
            throw FactFrameError(
                .rowOutOfRange,
                fact: key.description,
                row: nil,
                "the column has \(values.count) values for \(rowCount) rows"
            )
        }
        ints.replaceSubrange((column.index * rowCount)..<((column.index + 1) * rowCount), with: values)
    }

    /// Gives every text constant of `programs` a code and every tag they test a bitmap, so code
    /// bound once stays valid however many values are set later (the engine binds once per day).
    mutating func prepare(for programs: [Program]) {
        for program in programs {
            for instruction in program.code where instruction.dynamic >= 0 {
                guard case .text(let text) = program.dynamics[Int(instruction.dynamic)] else { continue }
                let code = dictionary.code(for: text)
                if instruction.op == .hasTag, tagIndex[Int(instruction.a)][code] == nil {
                    tagIndex[Int(instruction.a)][code] = tagBitmaps.count
                    tagBitmaps.append([UInt64](repeating: 0, count: (rowCount + 63) / 64))
                }
            }
        }
    }

    private mutating func clearTags(column: Int, row: Int) {
        for bitmap in tagIndex[column].values { tagBitmaps[bitmap].clearBit(row) }
    }

    /// Replaces a whole double-stored column (numbers, percentages as fractions; NaN for missing).
    /// - Throws: ``FactFrameError`` as ``setColumn(_:ints:)``.
    public mutating func setColumn(_ key: FactKey, doubles values: [Double]) throws(FactFrameError) {
        guard let column = layout.column(of: key) else {
            throw FactFrameError(
                .unknownFact,
                fact: key.description,
                row: nil,
                "no rule of this rule set reads '\(key)'"
            )
        }
        guard column.type.representation == .double else {
            throw FactFrameError(
                .typeMismatch,
                fact: key.description,
                row: nil,
                "'\(key)' is \(column.type), not stored as numbers"
            )
        }
        guard values.count == rowCount else {
            throw FactFrameError(
                .rowOutOfRange,
                fact: key.description,
                row: nil,
                "the column has \(values.count) values for \(rowCount) rows"
            )
        }
        doubles.replaceSubrange(
            (column.index * rowCount)..<((column.index + 1) * rowCount),
            with: values.lazy.map { $0.isFinite ? $0 : .nan }
        )
    }

    /// The value of fact `key` in `row` (``FactValue/missing`` when the frame has no such fact).
    public func value(_ key: FactKey, row: Int) -> FactValue {
        guard let column = layout.column(of: key), row >= 0, row < rowCount else { return .missing }
        return value(of: column, row: row)
    }

    func value(of column: FactLayout.Column, row: Int) -> FactValue {
        switch column.type.representation {
        case .double:
            let x = doubles[column.index * rowCount + row]
            if x.isNaN { return .missing }
            return column.type == .percent ? .percent(x) : .number(x)
        case .tagset:
            let names = tagIndex[column.index].compactMap { code, bitmap in
                tagBitmaps[bitmap].bit(row) ? dictionary.text(for: code) : nil
            }
            return .tags(names.sorted())
        default:
            return FactValue(int: ints[column.index * rowCount + row], type: column.type, dictionary: dictionary)
        }
    }
}

extension FactValue {
    /// The value of an int-stored `type`.
    init(int v: Int64, type: FactType, dictionary: TextDictionary) {
        if v == FactFrame.missingInt {
            self = .missing
            return
        }
        switch type {
        case .count: self = .count(v)
        case .money(let c): self = .money(Money(minorUnits: v, currency: c))
        case .duration: self = .duration(days: v)
        case .day: self = .day(Day(number: Int32(truncatingIfNeeded: v)))
        case .enumeration(let e): self = v >= 0 && v < e.values.count ? .enumeration(e.values[Int(v)]) : .missing
        case .text: self = dictionary.text(for: v).map { .text($0) } ?? .missing
        case .bool: self = .bool(v == 1)
        case .number: self = .number(Double(v))
        case .percent: self = .percent(Double(v))
        case .tagset: self = .missing
        }
    }
}

/// Codes for the texts and tag names of a frame, so text comparisons are integer comparisons.
struct TextDictionary: Sendable {
    private var codes: [String: Int64] = [:]
    private var texts: [String] = []

    mutating func code(for text: String) -> Int64 {
        if let code = codes[text] { return code }
        let code = Int64(texts.count)
        texts.append(text)
        codes[text] = code
        return code
    }

    /// The code of `text`, or -1 (which no stored text has) when the frame never saw it.
    func existingCode(for text: String) -> Int64 { codes[text] ?? -1 }

    func text(for code: Int64) -> String? { code >= 0 && code < texts.count ? texts[Int(code)] : nil }
}

extension [UInt64] {
    mutating func setBit(_ i: Int) { self[i >> 6] |= 1 << UInt64(i & 63) }
    mutating func clearBit(_ i: Int) { self[i >> 6] &= ~(1 << UInt64(i & 63)) }
    func bit(_ i: Int) -> Bool { self[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}

/// A value a host put into a ``FactFrame`` that does not fit.
public struct FactFrameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        private init(_ name: String) { self.name = name }
        /// The rule set reads no such fact.
        public static let unknownFact = Code("unknown-fact")
        /// A row outside the frame, or a column of the wrong length.
        public static let rowOutOfRange = Code("row-out-of-range")
        /// A value of the wrong type.
        public static let typeMismatch = Code("type-mismatch")
        /// Money in another currency than the fact's.
        public static let currencyMismatch = Code("currency-mismatch")
        /// A frame made for another rule set's layout.
        public static let layoutMismatch = Code("layout-mismatch")
        /// The code's name.
        public var description: String { name }
    }

    /// The class of problem.
    public var code: Code
    /// The fact, as written in rules.
    public var fact: String
    /// The row, when one row is at fault.
    public var row: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, fact: String, row: Int?, _ message: String) {
        self.code = code
        self.fact = fact
        self.row = row
        self.message = message
    }

    /// `type-mismatch: fact aum, row 3: ...`.
    public var description: String { "\(code): fact \(fact)\(row.map { ", row \($0)" } ?? ""): \(message)" }
}
