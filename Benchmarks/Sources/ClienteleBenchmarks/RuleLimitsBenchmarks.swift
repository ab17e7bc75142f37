import Foundation
import Rules

/// Issue 15's "the rule compiler rejects a 50 MB file or a 10 MB identifier within 100 ms".
enum RuleLimitsBenchmarks {
    static func run(repetitions: Int = 11) throws {
        print("\n== Rule text limits (median of \(repetitions), wall)")
        let huge = String(repeating: "rule \"x\" ", count: 50 * 1_048_576 / 9)
        var refused = 0
        let big = Harness.timeSyncWithCPU(repetitions: repetitions) {
            do { _ = try RuleCompiler().compile(huge, file: "big.rules") } catch { refused += 1 }
        }
        var bytes: [UInt8] = Array(huge.utf8)
        let decoded = Harness.timeSyncWithCPU(repetitions: repetitions) {
            do { _ = try RuleCompiler().decode(utf8: bytes) } catch { refused += 1 }
        }
        bytes = []
        var limits = RuleTextLimits.standard
        limits.maximumBytes = 64 * 1_048_576
        let word = String(repeating: "a", count: 10 * 1_048_576)
        let text = "rule \"x\"\n  when daily at 08:30\n  if \(word) > 1m CNY\n  then notify(rm, sms)\nend\n"
        let compiler = RuleCompiler(limits: limits)
        var reported = 0
        let identifier = Harness.timeSyncWithCPU(repetitions: repetitions) {
            reported += compiler.check(text).filter { $0.code == .limit }.count
        }
        guard refused == 2 * repetitions, reported == repetitions else {
            print("  a limit was not enforced (refused \(refused), reported \(reported))")
            return
        }
        func ms(_ samples: [Double]) -> String { String(format: "%.2f ms", Harness.median(samples) * 1_000) }
        print("  50 MB text, compile(_:file:):           \(ms(big.wall))  (target < 100 ms)")
        print("  50 MB of bytes, decode(utf8:file:):     \(ms(decoded.wall))")
        print("  10 MB identifier (64 MiB limit), check: \(ms(identifier.wall))  (target < 100 ms)")
    }
}
