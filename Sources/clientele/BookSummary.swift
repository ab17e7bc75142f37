import CustomerModel
import Foundation
import SyntheticBank

/// What the demo prints about a loaded bank: the book, AUM by branch, three 360 views and the
/// maturities coming up.
///
/// Everything is read back through the ports.
struct BookSummary {
    let synthetic: SyntheticBank
    let bank: InMemoryBank
    let today: Day
    let console: Console

    private var headOffice: Principal { Principal(id: "HO-ANALYST", role: .headOffice, purpose: "demo summary") }

    func print() async throws {
        let store = bank.customers
        let ids = try await store.customers(matching: .all, as: headOffice)
        let profiles = try await store.profiles(ids, as: headOffice).map(\.profile)
        let holdings = try await store.holdings(of: ids, as: headOffice)
        let organisation = try await store.organisation()

        var aumByClient: [CustomerID: Int64] = [:]
        for holding in holdings where holding.product.isAsset && !holding.hasMatured(by: today) {
            aumByClient[holding.customer, default: 0] += holding.balance.minorUnits
        }
        let totalAUM = aumByClient.values.reduce(0, +)
        let individuals = profiles.filter { $0.kind == .individual }.count

        console.heading("The book")
        console.table(
            ["clients", "individual", "corporate", "AUM", "holdings", "transactions"],
            [
                [
                    Output.count(profiles.count), Output.count(individuals), Output.count(profiles.count - individuals),
                    Output.money(Money(minorUnits: totalAUM, currency: .cny)), Output.count(holdings.count),
                    Output.count(bank.activityStore.transactionCount),
                ]
            ]
        )
        let sorted = aumByClient.values.sorted(by: >)
        let top1 = sorted.prefix(max(1, sorted.count / 100)).reduce(0, +)
        let top10 = sorted.prefix(max(1, sorted.count / 10)).reduce(0, +)
        console.print(
            "  the top 1% of clients hold \(Output.percent(Double(top1), of: Double(totalAUM))) of AUM,"
                + " the top 10% \(Output.percent(Double(top10), of: Double(totalAUM)))"
        )

        console.heading("AUM by branch")
        var byBranch: [BranchID: (clients: Int, aum: Int64)] = [:]
        let topLevel = organisation.branches.filter { branch in
            branch.parent.map { organisation.branch($0)?.parent == nil } ?? false
        }
        for profile in profiles {
            let branch =
                topLevel.first { organisation.isBranch(profile.coverage.branch, within: $0.id) }?.id
                ?? profile.coverage.branch
            var entry = byBranch[branch] ?? (0, 0)
            entry.clients += 1
            entry.aum += aumByClient[profile.id] ?? 0
            byBranch[branch] = entry
        }
        let branchRows = byBranch.sorted { $0.value.aum > $1.value.aum }.map { branch, entry in
            [
                organisation.branch(branch)?.name ?? branch.rawValue, Output.count(entry.clients),
                Output.money(Money(minorUnits: entry.aum, currency: .cny)),
                Output.percent(Double(entry.aum), of: Double(totalAUM)),
            ]
        }
        console.table(["branch", "clients", "AUM", "share"], branchRows)

        try await printViews(profiles: profiles, aumByClient: aumByClient)
        try await printMaturities()
    }

    /// The 360 view of the largest individual, a churn-drifting client and the largest corporate,
    /// each read as the client's own RM.
    private func printViews(profiles: [CustomerProfile], aumByClient: [CustomerID: Int64]) async throws {
        let byAUM = profiles.sorted { (aumByClient[$0.id] ?? 0) > (aumByClient[$1.id] ?? 0) }
        var picks: [(String, CustomerProfile)] = []
        if let top = byAUM.first(where: { $0.kind == .individual }) { picks.append(("largest individual", top)) }
        if let drifting = synthetic.scenarios.indices.first(where: { synthetic.scenarios[$0].isChurnDrifting }) {
            picks.append(("drifting toward churn", synthetic.profiles[drifting]))
        }
        if let corporate = byAUM.first(where: { $0.kind == .corporate }) {
            picks.append(("largest corporate", corporate))
        }
        for (why, profile) in picks {
            let rm = Principal(
                id: profile.coverage.relationshipManager ?? "HO-ANALYST",
                role: profile.coverage.relationshipManager == nil ? .headOffice : .relationshipManager,
                purpose: "demo 360 view"
            )
            let view = try await bank.workbench.view(of: profile.id, as: rm)
            print360(view, why: why)
        }
    }

    private func print360(_ view: CustomerView, why: String) {
        let profile = view.profile.profile
        console.heading("360 view: \(profile.id), \(why)")
        var facts = ["\(profile.name) (\(profile.kind.rawValue))"]
        if let age = profile.age(on: today), profile.kind == .individual { facts.append("age \(age)") }
        if let occupation = profile.occupation { facts.append(occupation) }
        if let position = profile.position, position.rawValue != profile.occupation { facts.append(position.rawValue) }
        if let industry = profile.industry { facts.append(industry) }
        console.print("  " + facts.joined(separator: ", "))
        console.print(
            "  RM \(profile.coverage.relationshipManager?.rawValue ?? "-"), branch \(profile.coverage.branch),"
                + " risk appetite \(profile.riskAppetite?.rawValue ?? "-"), credit \(profile.creditRating?.rawValue ?? "-"),"
                + " KYC \(profile.kyc?.state.rawValue ?? "-")"
        )
        console.print("  AUM \(view.aum.map(Output.money).joined(separator: " + "))")
        var byProduct: [ProductType: (Int, Int64)] = [:]
        for holding in view.holdings where !holding.hasMatured(by: today) {
            var entry = byProduct[holding.product] ?? (0, 0)
            entry.0 += 1
            entry.1 += holding.balance.minorUnits
            byProduct[holding.product] = entry
        }
        let products = byProduct.sorted { $0.value.1 > $1.value.1 }.map {
            "\($0.key.rawValue) x\($0.value.0) \(Output.money(Money(minorUnits: $0.value.1, currency: .cny)))"
        }
        console.print("  holdings: \(products.isEmpty ? "none" : products.joined(separator: "; "))")
        if let corporate = profile.corporate {
            console.print(
                "  corporate: \(corporate.lifecycleStage?.rawValue ?? "-") stage, \(corporate.ownership?.rawValue ?? "-"),"
                    + " revenue \(corporate.annualRevenue.map(Output.money) ?? "-"),"
                    + " strategic fit \(corporate.strategicFit.map(String.init) ?? "-")/5, ESG \(corporate.esgRating.map(String.init) ?? "-")/5"
            )
        }
        if !view.household.isEmpty {
            console.print(
                "  household: "
                    + view.household.map { member in
                        "\(member.relation.rawValue) \(member.party.name)\(member.party.customer.map { " (\($0))" } ?? "")"
                    }
                    .joined(separator: ", ")
            )
        }
        if !view.enterprises.isEmpty {
            let links = view.enterprises.map { edge in
                edge.customer == profile.id
                    ? "\(edge.kind.rawValue) \(edge.party.name)" : "\(edge.kind.rawValue) by \(edge.customer)"
            }
            console.print("  enterprises: " + links.joined(separator: "; "))
        }
        let inflow = view.recentTransactions.filter { $0.direction == .inflow }.reduce(Int64(0)) {
            $0 + $1.amount.minorUnits
        }
        let outflow = view.recentTransactions.filter { $0.direction == .outflow }.reduce(Int64(0)) {
            $0 + $1.amount.minorUnits
        }
        let complaints = view.recentInteractions.filter { $0.kind == .complaint }.count
        console.print(
            "  last 90 days: \(view.recentTransactions.count) transactions, in \(Output.money(Money(minorUnits: inflow, currency: .cny))),"
                + " out \(Output.money(Money(minorUnits: outflow, currency: .cny))); \(view.recentInteractions.count) interactions,"
                + " \(complaints) complaint(s)"
        )
        if view.balances.count >= 2, let first = view.balances.first, let last = view.balances.last,
            first.aum.minorUnits > 0
        {
            let change = Double(last.aum.minorUnits - first.aum.minorUnits) / Double(first.aum.minorUnits)
            console.print(
                "  AUM trend: \(Output.money(first.aum)) on \(first.day) to \(Output.money(last.aum)) on \(last.day) (\(Output.fixed(change * 100, 1))%)"
            )
        }
        let dates = view.upcomingDates(withinDays: 30)
        if !dates.isEmpty {
            console.print("  next 30 days: " + dates.map { "\($0.kind.rawValue) on \($0.on)" }.joined(separator: ", "))
        }
        let maturing = view.maturities(withinDays: 30)
        if !maturing.isEmpty {
            console.print(
                "  maturing: "
                    + maturing.map {
                        "\($0.product.rawValue) \(Output.money($0.balance)) on \($0.maturesOn.map(String.init(describing:)) ?? "-")"
                    }
                    .joined(separator: "; ")
            )
        }
    }

    /// Holdings maturing in the coming 30 days, bank-wide.
    private func printMaturities() async throws {
        let window = today.adding(days: 1)...today.adding(days: 30)
        let maturing = try await bank.workbench.maturities(in: window, as: headOffice)
        console.heading("Maturities due \(window.lowerBound) to \(window.upperBound)")
        let total = maturing.reduce(Int64(0)) { $0 + $1.balance.minorUnits }
        console.print(
            "  \(Output.count(maturing.count)) holdings, \(Output.money(Money(minorUnits: total, currency: .cny))) in all"
        )
        var byProduct: [ProductType: (Int, Int64)] = [:]
        for holding in maturing {
            var entry = byProduct[holding.product] ?? (0, 0)
            entry.0 += 1
            entry.1 += holding.balance.minorUnits
            byProduct[holding.product] = entry
        }
        console.table(
            ["product", "holdings", "amount"],
            byProduct.sorted { $0.value.1 > $1.value.1 }.map {
                [
                    $0.key.rawValue, Output.count($0.value.0),
                    Output.money(Money(minorUnits: $0.value.1, currency: .cny)),
                ]
            }
        )
        console.print("  largest:")
        console.table(
            ["client", "product", "amount", "matures"],
            maturing.sorted { $0.balance.minorUnits > $1.balance.minorUnits }.prefix(5).map {
                [
                    $0.customer.rawValue, $0.productCode, Output.money($0.balance),
                    $0.maturesOn.map(String.init(describing:)) ?? "-",
                ]
            }
        )
    }
}
