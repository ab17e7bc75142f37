/// A minimal command-line parser: a subcommand, `--name value` options, `--flag`s and
/// positional arguments. The root package takes no dependencies, so no ArgumentParser.
struct Arguments {
    var command: String?
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    /// Options that take a value; anything else starting with `--` is a flag.
    static let valued: Set<String> = [
        "clients", "seed", "days", "as-of", "system", "out", "transactions-per-year", "model",
        "rules", "compare", "from", "to", "synthetic",
    ]

    init(_ arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("-") {
            command = first
            rest = rest.dropFirst()
        }
        while let argument = rest.popFirst() {
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                } else if Self.valued.contains(name) {
                    guard let value = rest.popFirst() else { throw UsageError("--\(name) needs a value") }
                    options[name] = value
                } else {
                    flags.insert(name)
                }
            } else {
                positional.append(argument)
            }
        }
    }

    /// The integer value of option `name`, or `defaultValue`.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = options[name] else { return defaultValue }
        guard let value = Int(text.filter { $0 != "_" }), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }
}

/// The command line was wrong; the message says how.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
