import CustomerModel
import Foundation

/// Host export files named on the command line (as `clientele import`, `score` and
/// `rules backtest` take them): read, planned and loaded into in-memory stores.
struct HostFiles {
    /// The files, in command-line order.
    let files: [ImportFile]
    /// The calendar the importer reads times with.
    let calendar: BankCalendar

    /// Reads each `PATH` or `SYSTEM:KIND=PATH`; bare paths take their system from `system` (default `core`).
    /// - Throws: ``UsageError`` when a file's kind cannot be told; the file's ``ImportError`` when it cannot be read.
    init(_ arguments: [String], system: String?, calendar: BankCalendar = .china) throws {
        let defaultSystem = SourceSystem(system ?? "core")
        files = try arguments.map { try Self.file($0, defaultSystem: defaultSystem) }
        self.calendar = calendar
    }

    /// Parses `PATH` or `SYSTEM:KIND=PATH` and reads the file.
    static func file(_ argument: String, defaultSystem: SourceSystem) throws -> ImportFile {
        var system = defaultSystem
        var kindName: String?
        var path = argument
        if let equals = argument.firstIndex(of: "="), argument[..<equals].contains(":") {
            let head = argument[..<equals]
            path = String(argument[argument.index(after: equals)...])
            let parts = head.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("'\(argument)' is not SYSTEM:KIND=PATH")
            }
            system = SourceSystem(String(parts[0]))
            kindName = String(parts[1])
        }
        let kinds = ImportFile.Kind.allCases
        let kindList = kinds.map(\.rawValue).joined(separator: ", ")
        let kind: ImportFile.Kind
        if let kindName {
            guard let named = kinds.first(where: { $0.rawValue == kindName.lowercased() }) else {
                throw UsageError("'\(kindName)' in '\(argument)' is not a kind of file (\(kindList))")
            }
            kind = named
        } else {
            let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
            guard let guessed = kinds.first(where: { name.contains($0.rawValue) }) else {
                throw UsageError("cannot tell what '\(path)' holds: name it SYSTEM:KIND=PATH (KIND: \(kindList))")
            }
            kind = guessed
        }
        return try ImportFile(contentsOf: URL(fileURLWithPath: path), kind: kind, sourceSystem: system)
    }

    /// Plans the import, storing nothing either way.
    ///
    /// When any row is rejected, prints how many problems there were and the problems themselves
    /// (at most `limit`), and returns `nil`.
    func plan(importer: CustomerImporter, console: Console, outcome: String, limit: Int = 200) -> ImportPlan? {
        do {
            return try importer.plan(files)
        } catch {
            console.print("Rejected: \(error.errors.count) problem(s); nothing was \(outcome).")
            for problem in error.errors.prefix(limit) { console.print("  \(problem)") }
            if error.errors.count > limit { console.print("  ... and \(error.errors.count - limit) more") }
            return nil
        }
    }

    /// Plans and loads the files into a new in-memory bank, as `principal`; `nil` (after printing
    /// the problems) when a row is rejected.
    func load(
        clock: some WallClock,
        console: Console,
        outcome: String,
        as principal: Principal
    ) async throws -> (bank: InMemoryBank, report: ImportReport)? {
        let importer = CustomerImporter(precedence: .default, calendar: calendar, clock: clock)
        guard let plan = plan(importer: importer, console: console, outcome: outcome) else { return nil }
        let bank = InMemoryBank(clock: clock, calendar: calendar)
        let report = try await importer.load(plan, into: bank.customers, activity: bank.activity, as: principal)
        return (bank, report)
    }
}
