import CustomerModel
import Foundation

extension Console {
    /// Prints a section heading.
    func heading(_ title: String) {
        print("\n\(title)\n\(String(repeating: "-", count: title.count))")
    }

    /// Prints rows as a table, columns padded; numeric-looking cells are right-aligned.
    func table(_ header: [String], _ rows: [[String]]) {
        let width = Output.width(of:)
        let isNumeric = Output.isNumeric
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? width($0[column]) : 0 }.max() ?? 0
        }
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - width(cell)))
                return isNumeric(cell) && index > 0 ? pad + cell : cell + pad
            }
            var line = "  " + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            print(line)
            if index == 0 { print("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}

/// Formatting helpers for the command-line tool: money, counts, percentages, widths.
enum Output {
    /// Terminal columns of `text`: two for CJK ideographs and full-width forms, one otherwise.
    static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let wide =
                (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }

    static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || first == "-" || cell.hasPrefix("CNY") || cell.hasSuffix("%")
    }

    /// `CNY 12.35m`, `CNY 830.0k`, `CNY 95.20`.
    static func money(_ amount: Money) -> String {
        let major = Double(amount.minorUnits) / 100
        let magnitude = abs(major)
        if magnitude >= 1e9 { return "\(amount.currency) \(fixed(major / 1e9, 2))bn" }
        if magnitude >= 1e6 { return "\(amount.currency) \(fixed(major / 1e6, 2))m" }
        if magnitude >= 1e4 { return "\(amount.currency) \(fixed(major / 1e3, 1))k" }
        return "\(amount.currency) \(fixed(major, 2))"
    }

    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded() / scale
        var text = String(Int(rounded))
        if digits > 0 {
            let fraction = Int(((rounded - Double(Int(rounded))) * scale).rounded())
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: max(0, digits - digitsText.count)) + digitsText
        }
        return (value < 0 && rounded > 0 ? "-" : "") + text
    }

    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// `12.3%`.
    static func percent(_ part: Double, of whole: Double) -> String {
        whole == 0 ? "-" : fixed(part / whole * 100, 1) + "%"
    }
}

/// Shows progress of long work on one terminal line (on a console that is not a terminal, only
/// the finished line), and times it.
struct Progress: Sendable {
    private let start = ContinuousClock.now
    private let console: Console?

    /// A progress line on `console`; with none, only a timer.
    init(_ console: Console? = nil) { self.console = console }

    /// Reports `done` of `total` for `task`.
    func update(_ task: String, _ done: Int, _ total: Int) {
        guard total > 0, let console else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line =
            "  \(task.padding(toLength: 22, withPad: " ", startingAt: 0)) [\(bar)] \(Output.count(done))/\(Output.count(total))"
        if console.isTerminal {
            console.print("\r" + line, terminator: done >= total ? "\n" : "")
        } else if done >= total {
            console.print(line)
        }
    }

    /// Seconds since the progress started.
    var elapsed: Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
