import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: the process's standard output and standard error, or two buffers a
/// test reads back (``capturing()``).
///
/// Every command takes a console instead of calling `print`, so the whole command line runs in
/// a test with its output checked. A console is safe to share between tasks (progress callbacks
/// of the loader run off the caller's task).
final class Console: Sendable {
    private struct Buffers {
        var output = ""
        var errors = ""
    }

    private let buffers = Mutex(Buffers())
    /// Whether output goes to the process's streams rather than to the buffers.
    private let isStandard: Bool
    /// Whether standard output is a terminal (progress bars redraw one line only then).
    let isTerminal: Bool

    private init(isStandard: Bool, isTerminal: Bool) {
        self.isStandard = isStandard
        self.isTerminal = isTerminal
    }

    /// The process's standard output and standard error.
    static func standard() -> Console { Console(isStandard: true, isTerminal: isatty(STDOUT_FILENO) == 1) }

    /// A console that keeps everything written, for ``output`` and ``errors``.
    static func capturing() -> Console { Console(isStandard: false, isTerminal: false) }

    /// Writes `text` and `terminator` to the output.
    func print(_ text: String = "", terminator: String = "\n") {
        if isStandard {
            Swift.print(text, terminator: terminator)
            if isTerminal && terminator.isEmpty { fflush(nil) }
        } else {
            buffers.withLock { $0.output += text + terminator }
        }
    }

    /// Writes a line to the error stream.
    func error(_ text: String) {
        if isStandard {
            fflush(nil)
            FileHandle.standardError.write(Data((text + "\n").utf8))
        } else {
            buffers.withLock { $0.errors += text + "\n" }
        }
    }

    /// Everything written to the output of a capturing console (empty for the standard one).
    var output: String { buffers.withLock { $0.output } }

    /// Everything written to the error stream of a capturing console (empty for the standard one).
    var errors: String { buffers.withLock { $0.errors } }
}
