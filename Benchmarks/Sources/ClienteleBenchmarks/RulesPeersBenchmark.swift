import CustomerModel
import Foundation
import Rules

/// Clientele's side of `python/rules_peers.py`: the script writes a rule file and fact columns;
/// this compiles the rules, evaluates them over the columns on the batch path and writes, per
/// rule, the match count, a checksum of the matching rows and the matches among the first rows,
/// so the script can check DuckDB and `rule-engine` agree row for row.
enum RulesPeersBenchmark {
    /// `DIR/rules.rules`, `DIR/columns.txt` (`name int64|float64` per line, data in `DIR/name.bin`,
    /// little-endian) in; `DIR/clientele.json` out.
    static func run(directory: String, sampleRows: Int, repetitions: Int = 15) throws {
        let base = URL(fileURLWithPath: directory)
        let text = try String(contentsOf: base.appendingPathComponent("rules.rules"), encoding: .utf8)
        let rules = try RuleCompiler().compile(text, file: "rules.rules")
        let manifest = try String(contentsOf: base.appendingPathComponent("columns.txt"), encoding: .utf8)
        var rows = -1
        var frame: FactFrame?
        var loadSeconds = 0.0
        let loadStart = ContinuousClock.now
        for line in manifest.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            let name = String(parts[0])
            let bytes = try Data(contentsOf: base.appendingPathComponent("\(name).bin"))
            let count = bytes.count / 8
            if rows < 0 {
                rows = count
                frame = rules.makeFrame(rows: rows)
            }
            guard count == rows, var current = frame else {
                throw PeersError("column \(name) has \(count) rows, not \(rows)")
            }
            guard rules.layout.type(of: .attribute(name)) != nil else { continue }
            if parts[1] == "float64" {
                let values = bytes.withUnsafeBytes { raw in
                    (0..<count).map {
                        Double(
                            bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
                        )
                    }
                }
                try current.setColumn(.attribute(name), doubles: values)
            } else {
                let values = bytes.withUnsafeBytes { raw in
                    (0..<count).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
                }
                try current.setColumn(.attribute(name), ints: values)
            }
            frame = current
        }
        loadSeconds = Harness.seconds(ContinuousClock.now - loadStart)
        guard let frame else { throw PeersError("no columns in \(directory)/columns.txt") }
        let day = EvaluationDay(try Day(parsing: "2026-06-30"), calendar: .china)
        var result = try rules.evaluate(frame, on: day)
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            let cpuStart = RulesBenchmarks.cpuSeconds()
            result = try rules.evaluate(frame, on: day)
            wall.append(Harness.seconds(ContinuousClock.now - start))
            cpu.append(RulesBenchmarks.cpuSeconds() - cpuStart)
        }
        var perRule: [[String: Any]] = []
        for (index, rule) in result.rules.enumerated() {
            let matched = result.rows(at: index)
            var checksum: Int64 = 0
            for row in matched { checksum &+= (Int64(row) &* 2_654_435_761) % 2_147_483_648 }
            perRule.append([
                "name": rule.name, "count": matched.count, "checksum": checksum,
                "sample": matched.prefix { Int($0) < sampleRows }.map { Int($0) },
            ])
        }
        let json: [String: Any] = [
            "rows": rows, "rules": rules.rules.count, "seconds": Harness.median(wall),
            "cpuSeconds": Harness.median(cpu),
            "loadSeconds": loadSeconds, "sampleRows": sampleRows, "results": perRule,
            "enumerations": [
                "risk_appetite": EnumerationType.riskAppetite.values,
                "credit_rating": EnumerationType.creditRating.values,
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        try data.write(to: base.appendingPathComponent("clientele.json"))
        Harness.report(
            "Rules: peers' batch, \(rules.rules.count) rules x \(rows / 1000)k rows",
            "median \(Harness.format(Harness.median(wall) * 1000, 1)) ms wall, \(Harness.format(Harness.median(cpu) * 1000, 1)) ms CPU; \(result.count) matches"
        )
    }

    struct PeersError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
