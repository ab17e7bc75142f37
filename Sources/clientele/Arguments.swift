/// A minimal command-line parser: a subcommand, `--name value` options, `--flag`s and
/// positional arguments.
///
/// The root package takes no dependencies, so no ArgumentParser.
struct Arguments: Sendable {
    var command: String?
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    /// Options that take a value; anything else starting with `--` is a flag.
    static let valued: Set<String> = [
        "clients", "seed", "days", "as-of", "system", "out", "transactions-per-year", "model",
        "rules", "compare", "from", "to", "synthetic", "policy", "why",
    ]

    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest = rest.dropFirst()
        } else if let first = rest.first, first == "-h" || first == "--help" {
            command = "help"
            rest = rest.dropFirst()
        }
        while let argument = rest.popFirst() {
            if argument == "--" {
                positional.append(contentsOf: rest)
                break
            }
            if argument.hasPrefix("--") && argument.count > 2 {
                let name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                } else if Self.valued.contains(name) {
                    guard let value = rest.popFirst() else { throw UsageError("--\(name) needs a value") }
                    options[name] = value
                } else {
                    flags.insert(name)
                }
            } else if argument.hasPrefix("-") && argument.count > 1 {
                throw UsageError("unknown option '\(argument)' (options are spelled --name)")
            } else {
                positional.append(argument)
            }
        }
    }

    /// Throws when an option or flag is given that `command` does not take.
    func expect(
        options allowed: Set<String>,
        flags allowedFlags: Set<String> = [],
        for command: String
    ) throws(UsageError) {
        let takes = (allowed.map { "--\($0)" } + allowedFlags.map { "--\($0)" }).sorted()
        let hint = takes.isEmpty ? "it takes no options" : "it takes \(takes.joined(separator: ", "))"
        if let unknown = options.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw UsageError("\(command) does not take --\(unknown) (\(hint))")
        }
        if let unknown = flags.sorted().first(where: { !allowedFlags.contains($0) }) {
            throw UsageError("\(command) does not take --\(unknown) (\(hint))")
        }
    }

    /// Throws when anything follows a command that takes no arguments.
    func expectNothingElse(for command: String) throws(UsageError) {
        try expect(options: [], for: command)
        if let extra = positional.first { throw UsageError("\(command) takes no arguments, not '\(extra)'") }
    }

    /// The integer value of option `name`, or `defaultValue`.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = options[name] else { return defaultValue }
        guard let value = Int(text.filter { $0 != "_" && $0 != "," }), range.contains(value) else {
            throw UsageError(
                "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
            )
        }
        return value
    }
}

/// The command line was wrong; the message says how.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
