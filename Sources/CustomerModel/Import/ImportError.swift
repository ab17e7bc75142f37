/// One rejected record (or file) of an import: which file, which physical line, which field, and why.
///
/// Match on ``code``; the ``description`` names the file, line and field but never personal values
/// (names, ID numbers, phone numbers, amounts). Codes, dates and enum values are shown when they look
/// like codes, dates or enum values; anything else is described without being quoted, so a shifted
/// column cannot leak a name into a log. The wording of ``description`` may change.
///
/// ```swift
/// do { plan = try importer.plan(files) }
/// catch { for error in error.errors where error.code == .invalidDate { print(error) } }
/// // customers.csv:17: field birthDate: '1990-02-30' is not a date that exists
/// ```
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    ///
    /// New codes may be added; do not switch exhaustively.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file could not be read from disk.
        public static let unreadableFile = Code("unreadableFile")
        /// The file's format was not given and its name does not end in `.csv`, `.jsonl` or `.ndjson`.
        public static let unknownFormat = Code("unknownFormat")
        /// The bytes are not valid UTF-8.
        public static let invalidEncoding = Code("invalidEncoding")
        /// A quoted CSV field is still open at the end of the file.
        public static let unterminatedQuote = Code("unterminatedQuote")
        /// A CSV quote in the wrong place: inside an unquoted field, or followed by text after it closes.
        public static let malformedCSV = Code("malformedCSV")
        /// A CSV record has more or fewer fields than the header names.
        public static let wrongColumnCount = Code("wrongColumnCount")
        /// A JSON Lines line is not one valid JSON object.
        public static let invalidJSON = Code("invalidJSON")
        /// A header column or JSON key that the record kind does not define.
        public static let unknownColumn = Code("unknownColumn")
        /// A header names the same column twice.
        public static let duplicateColumn = Code("duplicateColumn")
        /// The header lacks a column the record kind requires.
        public static let missingColumn = Code("missingColumn")
        /// A required field is empty or absent, or a field needs another one that is empty.
        public static let missingValue = Code("missingValue")
        /// The value is not one of the enum's case names.
        public static let invalidEnumValue = Code("invalidEnumValue")
        /// The value is not a `YYYY-MM-DD` date that exists, or not an `HH:MM[:SS]` time.
        public static let invalidDate = Code("invalidDate")
        /// The value is not a decimal amount with at most two decimal places, or is out of range.
        public static let invalidAmount = Code("invalidAmount")
        /// The value is not an ISO 4217 currency code.
        public static let invalidCurrency = Code("invalidCurrency")
        /// The value is not a whole number, or is out of the field's range.
        public static let invalidNumber = Code("invalidNumber")
        /// The value is malformed in another way (a flag that is not true or false, a list entry).
        public static let invalidValue = Code("invalidValue")
        /// The record's id appears earlier in the same file or in another file of the same kind.
        public static let duplicateID = Code("duplicateID")
        /// The record names a source customer that no customers file of the import contains.
        public static let unknownCustomer = Code("unknownCustomer")
        /// The record names an account of the import that belongs to another customer.
        public static let mismatchedAccount = Code("mismatchedAccount")
        /// A holding matures before it opens.
        public static let maturityBeforeOpening = Code("maturityBeforeOpening")
        /// Records merged into one client carry different host `customerID`s, or two clients would get
        /// the same id.
        public static let conflictingCustomerID = Code("conflictingCustomerID")
        /// The merged golden profile fails ``CustomerProfile/validate(in:)`` (for example corporate
        /// attributes on an individual, or no source naming a branch).
        public static let invalidProfile = Code("invalidProfile")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The file's name as given in ``ImportFile/name``.
    public var file: String
    /// The physical line (1-based) where the record starts; `nil` for whole-file errors.
    public var line: Int?
    /// The column or JSON key concerned, if one.
    public var field: String?
    /// What a reader needs to fix it, never with personal values.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `customers.csv:17: field birthDate: '1990-02-30' is not a date that exists`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let field { text += ": field \(field)" }
        return text + ": " + message
    }
}
