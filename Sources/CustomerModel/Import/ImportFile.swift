/// One export file handed to the ``CustomerImporter``: its name (for error messages), the kind of
/// records it holds, its format, the source system that produced it, and its bytes.
///
/// Every record of the file belongs to ``sourceSystem``: a customer's `id` column is its number in
/// that system, and an account, holding, transaction or interaction names its customer by that
/// system's number (or another system's, with the `customerSystem` column). ``Kind`` documents the
/// columns of each kind; they are the file format hosts produce.
///
/// ```swift
/// let file = ImportFile(
///     name: "core-customers.csv", kind: .customers, sourceSystem: .coreBanking,
///     contents: "id,name,nationalID,branch\n10001,Wang Fang,110101198001011234,BR-SH\n")
/// ```
public struct ImportFile: Hashable, Sendable {
    /// How the records are written.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        /// RFC 4180 CSV: a header row naming the columns in any order, then one record per row.
        /// Fields may be quoted (`"..."`, with `""` for a quote) and then hold commas and line
        /// breaks. Lines end in CRLF or LF; a leading UTF-8 byte order mark is skipped; empty lines
        /// are skipped.
        case csv
        /// JSON Lines: one JSON object per line, keys being the column names. Blank lines are
        /// skipped. Values are strings, numbers or booleans (`null` is the same as absent); list
        /// columns also take arrays, and `children` takes an array of objects. Write amounts as
        /// strings or as plain decimal numbers; they are read from their text, never through a
        /// floating-point value.
        case jsonLines

        /// The format a file name's extension implies: `.csv`, or `.jsonl` / `.ndjson`; `nil` for others.
        public init?(fileName: String) {
            let lowered = fileName.lowercased()
            if lowered.hasSuffix(".csv") {
                self = .csv
            } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
                self = .jsonLines
            } else {
                return nil
            }
        }
    }

    /// The file's name, used in every error about it (`customers.csv`).
    public var name: String
    /// The kind of records it holds.
    public var kind: Kind
    /// The format; `nil` means "infer it from ``name``'s extension" (an error at planning when it cannot).
    public var format: Format?
    /// The system that exported the file: the namespace of its customer numbers.
    public var sourceSystem: SourceSystem
    /// The file's bytes, UTF-8.
    public var bytes: [UInt8]

    /// Creates a file from bytes.
    /// - Parameters:
    ///   - name: the name used in error messages; its extension gives the format when `format` is `nil`.
    ///   - kind: the kind of records.
    ///   - format: the format, or `nil` to infer it from `name`.
    ///   - sourceSystem: the system that exported the file.
    ///   - bytes: UTF-8 text.
    public init(name: String, kind: Kind, format: Format? = nil, sourceSystem: SourceSystem, bytes: [UInt8]) {
        self.name = name
        self.kind = kind
        self.format = format
        self.sourceSystem = sourceSystem
        self.bytes = bytes
    }

    /// Creates a file from text.
    /// - Parameters:
    ///   - name: the name used in error messages; its extension gives the format when `format` is `nil`.
    ///   - kind: the kind of records.
    ///   - format: the format, or `nil` to infer it from `name`.
    ///   - sourceSystem: the system that exported the file.
    ///   - contents: the file's text.
    public init(name: String, kind: Kind, format: Format? = nil, sourceSystem: SourceSystem, contents: String) {
        self.init(name: name, kind: kind, format: format, sourceSystem: sourceSystem, bytes: Array(contents.utf8))
    }

    /// The format given, or the one the name implies.
    var resolvedFormat: Format? { format ?? Format(fileName: name) }
}
