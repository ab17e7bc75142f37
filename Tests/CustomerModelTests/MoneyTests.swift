import CustomerModel
import Testing

struct MoneyTests {
    @Test func parsesDecimalAmounts() throws {
        #expect(try Money(parsing: "1,234.5", currency: .cny).minorUnits == 123_450)
        #expect(try Money(parsing: "-20", currency: .usd).minorUnits == -2000)
        #expect(try Money(parsing: "0.07", currency: .cny).minorUnits == 7)
    }

    @Test(arguments: ["1.234", "12a", "", "-", "1.2.3", "99999999999999999999"])
    func rejectsWhatIsNotAnAmount(text: String) {
        let error = #expect(throws: ValueError.self) { try Money(parsing: text, currency: .cny, field: "balance") }
        #expect(error?.field == "balance")
    }

    @Test func printsWithCurrencyAndTwoDecimals() {
        #expect(Money(minorUnits: 123_405, currency: .cny).description == "CNY 1234.05")
        #expect(Money(minorUnits: -5, currency: .usd).description == "USD -0.05")
    }

    @Test func addsOnlyTheSameCurrency() {
        let a = Money(major: 10, currency: .cny)
        #expect(a.adding(Money(major: 5, currency: .cny)) == Money(major: 15, currency: .cny))
        #expect(a.adding(Money(major: 5, currency: .usd)) == nil)
        #expect(Money(minorUnits: .max, currency: .cny).adding(Money(minorUnits: 1, currency: .cny)) == nil)
    }

    @Test func currencyCodesAreThreeUpperCaseLetters() throws {
        #expect(try CurrencyCode(parsing: "HKD") == .hkd)
        #expect(CurrencyCode("usd") == nil)
        #expect(CurrencyCode("EURO") == nil)
        #expect(CurrencyCode(packed: CurrencyCode.eur.packed) == .eur)
        #expect(CurrencyCode(packed: 0) == nil)
    }
}
