public import Foundation

extension ImportFile {
    /// Reads an export file from disk.
    ///
    /// The file's name (its last path component) names it in errors, and its extension gives the
    /// format unless `format` is given.
    ///
    /// ```swift
    /// let file = try ImportFile(contentsOf: URL(filePath: "/exports/core-customers.csv"),
    ///                           kind: .customers, sourceSystem: .coreBanking)
    /// ```
    /// - Parameters:
    ///   - url: a file URL.
    ///   - kind: the kind of records.
    ///   - sourceSystem: the system that exported it.
    ///   - format: the format, or `nil` to infer it from the extension (`.csv`, `.jsonl`, `.ndjson`).
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unknownFormat`` or
    ///   ``ImportError/Code/unreadableFile``.
    public init(
        contentsOf url: URL,
        kind: Kind,
        sourceSystem: SourceSystem,
        format: Format? = nil
    )
        throws(ImportError)
    {
        let name = url.lastPathComponent
        guard let format = format ?? Format(fileName: name) else {
            throw ImportError(
                .unknownFormat,
                file: name,
                "the format is not given and the name does not end in .csv, .jsonl or .ndjson"
            )
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(.unreadableFile, file: name, "the file could not be read")
        }
        self.init(name: name, kind: kind, format: format, sourceSystem: sourceSystem, bytes: [UInt8](data))
    }
}
