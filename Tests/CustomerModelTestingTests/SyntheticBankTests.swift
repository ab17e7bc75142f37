import CustomerModel
import CustomerModelTesting
import Testing

struct SyntheticBankTests {
    @Test func explore() throws {
        let bank = SyntheticBank(.init(seed: 42, clientCount: 1_000))
        print("clients", bank.clientCount, "accounts", bank.accounts.count, "holdings", bank.holdings.count,
              "edges", bank.relationships.count, "referrals", bank.referrals.count, "tx", bank.transactionCount)
        for p in bank.profiles.prefix(3) { print(p) }
        print(bank.profiles[950])
        for h in bank.holdings.prefix(12) { print(h.id, h.product, h.productCode, h.balance, h.openedOn, h.maturesOn as Any, h.renewal as Any) }
        let tx = bank.transactions(clients: 0..<2)
        for t in tx.prefix(40) { print(t.id, t.customer, t.day, t.secondOfDay, t.type, t.direction, t.amount, t.channel, t.merchantCategory as Any, t.counterparty as Any, t.isOverseas) }
        let b = bank.balances(clients: 0..<1)
        for s in b.prefix(60) { print(s.day, s.aum, s.deposits, s.investments, s.liabilities) }
        let i = bank.interactions(clients: 0..<1)
        for x in i { print(x.id, x.day, x.channel, x.staff as Any, x.detail) }
        for r in bank.relationships.prefix(10) { print(r) }
    }
}
