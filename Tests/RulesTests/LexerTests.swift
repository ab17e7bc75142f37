import Testing
import CustomerModel
@testable import Rules

@Suite struct LexerTests {
    @Test func placeholder() {
        var lexer = Lexer("rule")
        #expect(lexer.tokenize().count == 2)
    }
}
