import CustomerModel
import Testing

struct KitPlaceholderTests {
    @Test func parsesDecimalAmounts() throws {
        #expect(try Money(parsing: "1,234.5", currency: .cny).minorUnits == 123_450)
        #expect(try Money(parsing: "-20", currency: .usd).minorUnits == -2000)
        #expect(throws: ValueError.self) { try Money(parsing: "1.234", currency: .cny) }
    }
}
