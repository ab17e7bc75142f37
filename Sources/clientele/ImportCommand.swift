import CustomerModel

/// `clientele import`: plans host files, prints every rejected row, or loads them and reports
/// what was merged.
struct ImportCommand {
    let arguments: Arguments
    let console: Console

    init(_ arguments: Arguments, console: Console) {
        self.arguments = arguments
        self.console = console
    }

    /// Returns `false` when the files were rejected.
    func run() async throws -> Bool {
        try arguments.expect(options: ["system"], for: "import")
        guard !arguments.positional.isEmpty else { throw UsageError("import needs at least one FILE") }
        let files = try HostFiles(arguments.positional, system: arguments.options["system"])
        guard
            let loaded = try await files.load(
                clock: SystemClock(),
                console: console,
                outcome: "stored",
                as: .system("import", purpose: "clientele import")
            )
        else { return false }
        console.print(loaded.report.description)
        return true
    }
}
