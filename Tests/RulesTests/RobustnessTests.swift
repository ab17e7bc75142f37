import Rules
import Testing

/// Rule text from outside is never trusted: mangled input gives diagnostics, never a trap.
@Suite struct RobustnessTests {
    @Test func mangledRuleTextGivesDiagnosticsNotCrashes() {
        var generator = SplitMix(seed: 11)
        let source = Array(ExampleRules.text.unicodeScalars)
        let alphabet = Array("()[]{},:+-*/=<>!\"#%. \n\tabcdmkyw0123456789_生".unicodeScalars)
        var failures = 0
        for _ in 0..<150 {
            var text = source
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let at = Int(generator.next() % UInt64(text.count))
                switch generator.next() % 3 {
                case 0: text.remove(at: at)
                case 1: text.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                default: text[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            }
            var mangled = ""
            mangled.unicodeScalars.append(contentsOf: text)
            let diagnostics = RuleCompiler().check(mangled)
            if !diagnostics.isEmpty { failures += 1 }
            for d in diagnostics {
                #expect(d.line >= 1 && d.column >= 1 && !d.message.isEmpty)
            }
        }
        #expect(failures > 100)
        for _ in 0..<50 {
            var noise = ""
            for _ in 0..<(Int(generator.next() % 300)) {
                noise.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            _ = RuleCompiler().check(noise)
        }
    }
}
