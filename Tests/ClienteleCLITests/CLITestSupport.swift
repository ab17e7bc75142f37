import CustomerModel
import Foundation
import Testing

@testable import clientele

/// What one run of the command line gave.
struct CLIRun {
    var status: CommandLineTool.Status
    var output: String
    var errors: String

    /// The output's lines.
    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

/// Runs `clientele ARGUMENTS...` in the process, on a capturing console.
func clientele(_ arguments: String...) async -> CLIRun {
    await clientele(arguments)
}

/// Runs `clientele ARGUMENTS...` in the process, on a capturing console.
func clientele(_ arguments: [String]) async -> CLIRun {
    let console = Console.capturing()
    let status = await CommandLineTool.run(arguments, console: console)
    return CLIRun(status: status, output: console.output, errors: console.errors)
}

/// A fresh temporary directory for one test's files, removed when the value is released.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "clientele-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `lines` (joined with line breaks) to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ lines: [String]) throws -> String {
        let file = url.appending(path: name)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The path of `name` in the directory (the file need not exist).
    func path(_ name: String) -> String { url.appending(path: name).path }
}

extension Day {
    /// A day from `YYYY-MM-DD` text in tests.
    static func test(_ text: String) -> Day { (try? Day(parsing: text)) ?? Day(number: 0) }
}
