#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The whole command line lives in CommandLineTool (tested by ClienteleCLITests); this only runs it.
let status = await CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), console: .standard())
exit(status.rawValue)
