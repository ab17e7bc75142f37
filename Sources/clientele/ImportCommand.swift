import CustomerModel
import CustomerModelTesting
import Foundation

/// `clientele import`: plans host files, prints every rejected row, or loads them and reports
/// what was merged.
struct ImportCommand {
    let arguments: Arguments

    init(_ arguments: Arguments) { self.arguments = arguments }

    /// Returns `false` when the files were rejected.
    func run() async throws -> Bool {
        guard !arguments.positional.isEmpty else { throw UsageError("import needs at least one FILE") }
        let defaultSystem = SourceSystem(arguments.options["system"] ?? "core")
        var files: [ImportFile] = []
        for argument in arguments.positional {
            files.append(try Self.file(argument, defaultSystem: defaultSystem))
        }
        let clock = SystemClock()
        let importer = CustomerImporter(precedence: .default, calendar: .china, clock: clock)
        let plan: ImportPlan
        do {
            plan = try importer.plan(files)
        } catch {
            print("Rejected: \(error.errors.count) problem(s); nothing was stored.")
            for problem in error.errors.prefix(200) { print("  \(problem)") }
            if error.errors.count > 200 { print("  ... and \(error.errors.count - 200) more") }
            return false
        }
        let bank = InMemoryBank(clock: clock, calendar: .china)
        let report = try await importer.load(plan, into: bank.customers, activity: bank.activity, as: .system("import"))
        print(report)
        return true
    }

    /// Parses `PATH` or `SYSTEM:KIND=PATH`.
    static func file(_ argument: String, defaultSystem: SourceSystem) throws -> ImportFile {
        var system = defaultSystem
        var kindName: String?
        var path = argument
        if let equals = argument.firstIndex(of: "="), argument[..<equals].contains(":") {
            let head = argument[..<equals]
            path = String(argument[argument.index(after: equals)...])
            let parts = head.split(separator: ":", maxSplits: 1)
            system = SourceSystem(String(parts[0]))
            kindName = parts.count > 1 ? String(parts[1]) : nil
        }
        let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        let kinds = ImportFile.Kind.allCases
        guard let kind = kindName.flatMap({ k in kinds.first { $0.rawValue == k } })
            ?? kinds.first(where: { name.contains($0.rawValue) })
        else {
            throw UsageError("cannot tell what '\(path)' holds: name it SYSTEM:KIND=PATH (KIND: \(kinds.map(\.rawValue).joined(separator: ", ")))")
        }
        return try ImportFile(contentsOf: URL(fileURLWithPath: path), kind: kind, sourceSystem: system)
    }
}
