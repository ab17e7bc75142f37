import CustomerModel

/// How the standard catalogue's client facts are computed from a ``ClientRecord`` on a day.
enum StandardFacts {
    static let educationStages: Set<EducationStage> = [.primary, .secondary, .university, .overseasStudy]

    /// The standard attributes computed from the holdings alone (their products, balances,
    /// opening and maturity days): for one record they change only on a day a holding opens
    /// or matures.
    static let holdingsOnly: Set<String> = [
        "aum", "aum.deposits", "aum.time_deposits", "aum.wealth", "aum.funds", "aum.insurance", "liabilities",
        "products_held",
        "holdings",
    ]

    /// The attribute `name` of `record` on `day`; `nil` when `name` is not a standard client
    /// attribute (trigger facts, host facts).
    static func attribute(
        _ name: String,
        of record: borrowing ClientRecord,
        on day: Day,
        currency: CurrencyCode
    ) -> FactValue? {
        let p = record.profile
        func enumeration(_ raw: String?) -> FactValue {
            raw.map { .enumeration(EnumerationType.snake($0)) } ?? .missing
        }
        func text(_ value: String?) -> FactValue { value.map { .text($0) } ?? .missing }
        func dayValue(_ value: Day?) -> FactValue { value.map { .day($0) } ?? .missing }
        func count(_ value: Int?) -> FactValue { value.map { .count(Int64($0)) } ?? .missing }
        func money(_ value: Money?) -> FactValue {
            guard let value, value.currency == currency else { return .missing }
            return .money(value)
        }
        func holdingsTotal(_ include: (ProductType) -> Bool) -> FactValue {
            var total: Int64 = 0
            for h in record.holdings
            where include(h.product) && h.openedOn <= day && !h.hasMatured(by: day)
                && h.balance.currency == currency
            {
                let (sum, overflow) = total.addingReportingOverflow(h.balance.minorUnits)
                if overflow { return .missing }
                total = sum
            }
            return .money(Money(minorUnits: total, currency: currency))
        }
        switch name {
        case "name": return .text(p.name)
        case "kind": return enumeration(p.kind.rawValue)
        case "age": return p.kind == .individual ? count(p.age(on: day)) : .missing
        case "birth_date": return dayValue(p.birthDate)
        case "marital_status": return enumeration(p.maritalStatus?.rawValue)
        case "wedding_date": return dayValue(p.weddingDate)
        case "children": return .count(Int64(p.children.count))
        case "children.in_education":
            return .count(Int64(p.children.filter { $0.educationStage.map(educationStages.contains) ?? false }.count))
        case "children.studying_abroad":
            return .count(Int64(p.children.filter { $0.educationStage == .overseasStudy }.count))
        case "occupation": return text(p.occupation)
        case "position": return enumeration(p.position?.rawValue)
        case "industry": return text(p.industry)
        case "risk_appetite": return enumeration(p.riskAppetite?.rawValue)
        case "credit_rating": return p.creditRating.map { .enumeration($0.rawValue.lowercased()) } ?? .missing
        case "kyc": return enumeration(p.kyc?.state.rawValue)
        case "consent.marketing": return .bool(p.hasConsent(for: .marketing))
        case "consent.profiling": return .bool(p.hasConsent(for: .profiling))
        case "rm": return text(p.coverage.relationshipManager?.rawValue)
        case "branch": return .text(p.coverage.branch.rawValue)
        case "onboarded_on": return dayValue(p.onboardedOn)
        case "years_with_bank": return count(p.onboardedOn.map { day.years(since: $0) })
        case "tags": return .tags(p.tags.filter { $0.isActive(on: day) }.map(\.name).sorted())
        case "corporate.annual_revenue": return money(p.corporate?.annualRevenue)
        case "corporate.total_assets": return money(p.corporate?.totalAssets)
        case "corporate.profit_contribution": return money(p.corporate?.profitContribution)
        case "corporate.industry_rank": return count(p.corporate?.industryRank)
        case "corporate.growth_potential": return count(p.corporate?.growthPotential)
        case "corporate.innovation": return count(p.corporate?.innovationCapacity)
        case "corporate.product_breadth": return count(p.corporate?.productBreadth)
        case "corporate.years_of_cooperation": return count(p.corporate?.yearsOfCooperation)
        case "corporate.stability": return count(p.corporate?.operatingStability)
        case "corporate.strategic_fit": return count(p.corporate?.strategicFit)
        case "corporate.esg": return count(p.corporate?.esgRating)
        case "corporate.region": return text(p.corporate?.region)
        case "corporate.ownership": return enumeration(p.corporate?.ownership?.rawValue)
        case "corporate.lifecycle": return enumeration(p.corporate?.lifecycleStage?.rawValue)
        case "aum": return holdingsTotal { $0.isAsset }
        case "aum.deposits": return holdingsTotal { $0 == .demandDeposit || $0 == .timeDeposit }
        case "aum.time_deposits": return holdingsTotal { $0 == .timeDeposit }
        case "aum.wealth": return holdingsTotal { $0 == .wealthManagement }
        case "aum.funds": return holdingsTotal { $0 == .fund }
        case "aum.insurance": return holdingsTotal { $0 == .insurance }
        case "liabilities": return holdingsTotal { !$0.isAsset }
        case "products_held":
            let open = record.holdings.filter { $0.openedOn <= day && !$0.hasMatured(by: day) }
            return .count(Int64(Set(open.map(\.product)).count))
        case "holdings":
            return .count(Int64(record.holdings.filter { $0.openedOn <= day && !$0.hasMatured(by: day) }.count))
        case "referrals": return .count(Int64(record.referrals))
        case "household.size": return .count(Int64(record.household.count))
        default: return nil
        }
    }

    /// A windowed attribute (`aum.change`, `aum.delta`, `aum.average`, `score.change`) of `record`
    /// over the `days` days ending on `day`; `nil` for an unknown name.
    static func windowed(
        _ name: String,
        days: Int64,
        of record: borrowing ClientRecord,
        on day: Day,
        currency: CurrencyCode
    ) -> FactValue? {
        let start = day.adding(days: -Int(days))
        switch name {
        case "aum.change", "aum.delta", "aum.average":
            let series = aumSeries(record.balances, through: day, currency: currency)
            func aum(on d: Day) -> Int64? { series.last { $0.day <= d.number }?.aum }
            if name == "aum.average" {
                // Mean of each day's last known AUM over the window; missing before the first snapshot.
                guard let first = series.first, first.day <= day.number else { return .missing }
                var total = 0.0
                var counted = 0
                var index = 0
                var current: Int64?
                var d = start.adding(days: 1)
                while d <= day {
                    while index < series.count, series[index].day <= d.number {
                        current = series[index].aum
                        index += 1
                    }
                    if let current {
                        total += Double(current)
                        counted += 1
                    }
                    d = d.adding(days: 1)
                }
                guard counted > 0 else { return .missing }
                return .money(Money(minorUnits: Int64((total / Double(counted)).rounded()), currency: currency))
            }
            guard let now = aum(on: day), let then = aum(on: start) else { return .missing }
            if name == "aum.delta" {
                return .money(Money(minorUnits: Semantics.subtract(now, then), currency: currency))
            }
            guard then != 0 else { return .missing }
            return .percent(Double(now - then) / Double(then))
        case "score.change":
            let series = record.scores.filter { $0.day <= day }.sorted { $0.day < $1.day }
            guard let now = series.last?.score, let then = series.last(where: { $0.day <= start })?.score else {
                return .missing
            }
            return .number(now - then)
        default:
            return nil
        }
    }

    /// The days and AUM of the snapshots in `currency` on or before `day`, in day order (snapshots
    /// of one day in the order listed): plain numbers, so a refresh copies no snapshot.
    static func aumSeries(
        _ balances: [BalanceSnapshot],
        through day: Day,
        currency: CurrencyCode
    ) -> [(day: Int32, aum: Int64)] {
        var series: [(day: Int32, aum: Int64)] = []
        series.reserveCapacity(balances.count)
        var ordered = true
        for snapshot in balances where snapshot.day <= day && snapshot.aum.currency == currency {
            if let last = series.last, last.day > snapshot.day.number { ordered = false }
            series.append((snapshot.day.number, snapshot.aum.minorUnits))
        }
        guard !ordered else { return series }
        let order = series.indices.sorted { (series[$0].day, $0) < (series[$1].day, $1) }
        return order.map { series[$0] }
    }

    /// Days from `day` to the next date of `anchor` for `record` (today counts as 0); missing when none.
    static func daysUntil(
        _ anchor: DateAnchor,
        household: Bool,
        of record: borrowing ClientRecord,
        on day: Day
    ) -> FactValue {
        var best: Int?
        func consider(_ date: Day?) {
            guard let date else { return }
            let next = anchor == .maturity ? date : day.nextAnniversary(of: date)
            guard next >= day else { return }
            let days = day.days(until: next)
            best = min(best ?? days, days)
        }
        let p = record.profile
        switch anchor {
        case .maturity:
            for h in record.holdings where h.openedOn <= day { consider(h.maturesOn) }
        case .birthday:
            if p.kind == .individual { consider(p.birthDate) }
            if household { for member in record.household { consider(member.party.birthDate) } }
        case .weddingAnniversary:
            consider(p.weddingDate)
            if household {
                for member in record.household where member.relation != .spouse { consider(member.anniversary) }
            }
        case .signingAnniversary:
            consider(p.onboardedOn)
        }
        return best.map { .duration(days: Int64($0)) } ?? .missing
    }
}
