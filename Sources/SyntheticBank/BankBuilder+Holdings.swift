import CustomerModel

extension BankBuilder {
    private static let depositTerms = WeightedChoice<Int>([(3, 20), (6, 20), (12, 30), (24, 10), (36, 15), (60, 5)])
    private static let wealthTerms = WeightedChoice<Int>([(3, 25), (6, 30), (12, 35), (18, 10)])
    private static let fundCodes = [
        "FD-000311", "FD-110022", "FD-161725", "FD-005827", "FD-519674", "FD-001938", "FD-260108", "FD-000083",
        "FD-163402", "FD-002190", "FD-007119", "FD-040046",
    ]

    private static func depositRate(_ months: Int) -> Int {
        switch months {
        case ..<6: 115
        case ..<12: 135
        case ..<24: 145
        case ..<36: 160
        case ..<60: 190
        default: 195
        }
    }

    /// Splits the client's end-of-period AUM over product lines by risk appetite, then creates accounts and holdings:
    /// demand deposits, chains of time deposits and wealth products that renewed (fully or partly) during the year,
    /// positions that matured and were moved out, funds, insurance, loans and cards.
    ///
    /// Every money movement these imply becomes a planned transaction, so balances computed from transactions agree
    /// with the holdings.
    mutating func makeHoldings(_ draft: inout Draft, children: [Child]) {
        draft.holdingStart = holdings.count
        let corporate = draft.kind == .corporate
        // Product shares of AUM: demand, time, wealth management, fund, insurance.
        var shares: [Double]
        if corporate {
            shares = [0.45, 0.35, 0.20, 0, 0]
        } else {
            switch draft.appetite {
            case .conservative: shares = [0.25, 0.55, 0.12, 0, 0.08]
            case .steady: shares = [0.22, 0.43, 0.22, 0.05, 0.08]
            case .balanced: shares = [0.18, 0.30, 0.27, 0.15, 0.10]
            case .growth: shares = [0.15, 0.20, 0.25, 0.30, 0.10]
            case .aggressive: shares = [0.12, 0.10, 0.20, 0.50, 0.08]
            }
        }
        let small = draft.endAUM < 50_000_000  // under CNY 500k
        for line in 1..<shares.count where shares[line] > 0 {
            shares[line] *= rng.nextDouble(in: 0.5..<1.5)
            if shares[line] < 0.04 || (small && rng.bernoulli(0.3)) { shares[line] = 0 }
        }
        shares[0] *= rng.nextDouble(in: 0.7..<1.3)
        let total = shares.reduce(0, +)
        let aum = draft.endAUM
        let balances = shares.map { aum * $0 / total }
        let demand = account(&draft, "D", .demandDeposit, source: .coreBanking, opened: draft.onboarded)
        draft.plan.demandAccount = demand
        addHolding(
            &draft,
            .demandDeposit,
            account: demand,
            code: "DD-\(currency)",
            balance: Self.money(balances[0]),
            opened: draft.onboarded,
            matures: nil,
            renewal: nil,
            rate: 15,
            source: .coreBanking
        )
        // Time deposits and wealth products: chains of renewals.
        for (line, product, prefix) in [(1, ProductType.timeDeposit, "T"), (2, .wealthManagement, "W")]
        where balances[line] > 0 {
            let source: SourceSystem = product == .timeDeposit ? .coreBanking : .wealth
            let accountIndex = account(&draft, prefix, product, source: source, opened: draft.onboarded)
            if product == .wealthManagement { draft.plan.investmentAccount = accountIndex }
            let pieces = 1 + min(3, rng.poisson(mean: aum >= 1_000_000_00 ? 1.5 : 0.5))
            for weight in split(pieces) {
                let terms = product == .timeDeposit ? Self.depositTerms : Self.wealthTerms
                makeChain(
                    &draft,
                    product,
                    account: accountIndex,
                    balance: balances[line] * weight,
                    term: terms.draw(using: &rng) ?? 12
                )
            }
        }
        // Positions that matured during the year and left the bank.
        var movedOutBudget: Double
        var movedOutCount: Int
        if draft.plan.flags.contains(.churnDrifting) {
            movedOutCount = 1 + rng.nextInt(below: 2)
            movedOutBudget = draft.drainBudget * rng.nextDouble(in: 0.3..<0.6)
        } else {
            movedOutCount = rng.poisson(mean: 0.25)
            movedOutBudget = draft.preAUM * rng.nextDouble(in: 0.05..<0.15) * Double(movedOutCount)
        }
        for weight in split(movedOutCount) {
            let from = draft.driftStart ?? draft.activeFrom
            let through = min(end, draft.activeUntil)
            guard from <= through else { break }
            let product: ProductType = rng.bernoulli(0.6) ? .timeDeposit : .wealthManagement
            draft.movedOut += makeMovedOut(
                &draft,
                product,
                balance: movedOutBudget * weight,
                window: from...through
            )
        }
        // Funds.
        if balances[3] > 0 {
            let accountIndex = account(&draft, "F", .fund, source: .wealth, opened: draft.onboarded)
            if draft.plan.investmentAccount < 0 { draft.plan.investmentAccount = accountIndex }
            for weight in split(1 + rng.nextInt(below: 3)) {
                let opened = openingDay(&draft, withinYears: 4)
                addInvestment(
                    &draft,
                    .fund,
                    account: accountIndex,
                    code: Self.fundCodes[rng.nextInt(below: Self.fundCodes.count)],
                    balance: balances[3] * weight,
                    opened: opened,
                    matures: nil,
                    rate: nil
                )
            }
        }
        // Insurance.
        if balances[4] > 0 {
            let accountIndex = account(&draft, "I", .insurance, source: .wealth, opened: draft.onboarded)
            let schoolChild = children.first { ($0.birthDate.map { end.years(since: $0) } ?? 30) < 15 }
            for weight in split(1 + rng.nextInt(below: 2)) {
                let opened = openingDay(&draft, withinYears: 8)
                var code = "INS-WHOLE-LIFE"
                var matures: Day?
                if let schoolChild, let birth = schoolChild.birthDate, rng.bernoulli(0.5) {
                    code = "INS-EDUCATION"
                    matures = birth.adding(months: 18 * 12)
                } else if rng.bernoulli(0.5) {
                    code = "INS-ANNUITY-10Y"
                    matures = opened.adding(months: 120)
                } else if rng.bernoulli(0.3) {
                    code = "INS-CRITICAL-ILLNESS"
                }
                if let due = matures, due <= end { matures = opened.adding(months: 240) }
                addInvestment(
                    &draft,
                    .insurance,
                    account: accountIndex,
                    code: code,
                    balance: balances[4] * weight,
                    opened: opened,
                    matures: matures,
                    rate: 250 + rng.nextInt(below: 100)
                )
            }
        }
        // Loans and cards.
        if corporate {
            if rng.bernoulli(0.6) {
                let accountIndex = account(&draft, "L", .loan, source: .loans, opened: draft.onboarded)
                draft.plan.loanAccount = accountIndex
                let balance = draft.preAUM * rng.nextDouble(in: 0.2..<1.2)
                let rate = 300 + rng.nextInt(below: 150)
                makeLoanChain(&draft, account: accountIndex, balance: balance, rate: rate)
                draft.plan.loanPayment = Self.money(balance * Double(rate) / 10_000 / 12)
                draft.plan.loanDay = Int8(20)
            }
        } else {
            if !draft.isNew, draft.age >= 28, draft.age <= 58, rng.bernoulli(0.3) {
                let accountIndex = account(&draft, "L", .loan, source: .loans, opened: draft.onboarded)
                draft.plan.loanAccount = accountIndex
                let opened = day(
                    from: max(draft.onboarded, end.adding(days: -15 * 365)),
                    through: start.adding(days: -1)
                )
                let term = (20 + 5 * rng.nextInt(below: 3)) * 12
                let matures = opened.adding(months: term)
                let original =
                    rng.logNormal(median: 1_500_000_00, sigma: 0.6) * min(3, max(0.5, draft.preAUM / 1_000_000_00))
                let elapsed = Double(opened.days(until: end)) / Double(opened.days(until: matures))
                let balance = Self.money(original * max(0.05, 1 - elapsed))
                addHolding(
                    &draft,
                    .loan,
                    account: accountIndex,
                    code: "LN-MORTGAGE",
                    balance: balance,
                    opened: opened,
                    matures: matures,
                    renewal: nil,
                    rate: 310 + rng.nextInt(below: 110),
                    source: .loans
                )
                draft.plan.loanPayment = max(100, balance / Int64(max(12, end.days(until: matures) / 30)))
                draft.plan.loanDay = Int8(1 + rng.nextInt(below: 28))
                draft.hasMortgage = true
            }
            if rng.bernoulli(0.08) {
                let accountIndex = account(&draft, "L", .loan, source: .loans, opened: draft.onboarded)
                if draft.plan.loanAccount < 0 { draft.plan.loanAccount = accountIndex }
                let months = 12 * (1 + rng.nextInt(below: 3))
                let matures = end.adding(days: 1 + rng.nextInt(below: months * 30))
                let opened = max(draft.onboarded, matures.adding(months: -months))
                addHolding(
                    &draft,
                    .loan,
                    account: accountIndex,
                    code: "LN-CONSUMER",
                    balance: Self.money(rng.logNormal(median: 150_000_00, sigma: 0.6)),
                    opened: opened,
                    matures: max(matures, opened.adding(days: 30)),
                    renewal: nil,
                    rate: 380 + rng.nextInt(below: 220),
                    source: .loans
                )
            }
            if rng.bernoulli(0.85) {
                let flyer = draft.plan.flags.contains(.frequentFlyer)
                for number in 0..<(flyer ? 2 : 1) {
                    let accountIndex = account(&draft, "K", .creditCard, source: .creditCard, opened: draft.onboarded)
                    if draft.plan.cardAccount < 0 { draft.plan.cardAccount = accountIndex }
                    let code =
                        number == 1 || (flyer && rng.bernoulli(0.5))
                        ? "CC-TRAVEL" : (draft.preAUM >= 6_000_000_00 ? "CC-DIAMOND" : "CC-PLATINUM")
                    let opened = day(from: draft.onboarded, through: max(draft.onboarded, end.adding(days: -20)))
                    addHolding(
                        &draft,
                        .creditCard,
                        account: accountIndex,
                        code: code,
                        balance: Self.money(
                            rng.logNormal(median: 8_000_00, sigma: 1) * min(20, max(0.3, draft.preAUM / 1_000_000_00))
                        ),
                        opened: opened,
                        matures: nil,
                        renewal: nil,
                        rate: nil,
                        source: .creditCard
                    )
                }
            }
        }
    }

    /// Weights summing to 1 for `count` pieces.
    private mutating func split(_ count: Int) -> [Double] {
        guard count > 0 else { return [] }
        let raw = (0..<count).map { _ in 0.3 + rng.nextDouble() }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    /// The client's account of a product line, created on first use.
    private mutating func account(
        _ draft: inout Draft,
        _ prefix: String,
        _ product: ProductType,
        source: SourceSystem,
        opened: Day
    ) -> Int32 {
        let slot = ["D", "T", "W", "F", "I"].firstIndex(of: prefix)
        if let slot, draft.accountSlots[slot] >= 0 { return draft.accountSlots[slot] }
        var number = 1
        if prefix == "L" {
            draft.loanAccounts += 1
            number = draft.loanAccounts
        } else if prefix == "K" {
            draft.cardAccounts += 1
            number = draft.cardAccounts
        }
        let id = AccountID(draft.id.rawValue + "-" + prefix + ChineseIdentity.pad(number, 2))
        accounts.append(
            Account(
                id: id,
                customer: draft.id,
                product: product,
                currency: currency,
                openedOn: opened,
                sourceSystem: source
            )
        )
        let index = Int32(accounts.count - 1)
        if let slot { draft.accountSlots[slot] = index }
        return index
    }

    /// Stores a holding and keeps its account's opening day no later than the holding's.
    private mutating func addHolding(
        _ draft: inout Draft,
        _ product: ProductType,
        account: Int32,
        code: String,
        balance: Int64,
        opened: Day,
        matures: Day?,
        renewal: RenewalOutcome?,
        rate: Int?,
        source: SourceSystem
    ) {
        draft.holdingCount += 1
        draft.productLines |= Draft.bit(product)
        let id = HoldingID(draft.id.rawValue + "-H" + ChineseIdentity.pad(draft.holdingCount, 2))
        if accounts[Int(account)].openedOn > opened { accounts[Int(account)].openedOn = opened }
        holdings.append(
            Holding(
                id: id,
                customer: draft.id,
                account: accounts[Int(account)].id,
                product: product,
                productCode: code,
                balance: amount(balance),
                openedOn: opened,
                maturesOn: matures,
                renewal: renewal,
                rateBasisPoints: rate,
                sourceSystem: source
            )
        )
    }

    /// The product code of a wealth product opened on `day` with `months` to run.
    private func wealthCode(_ day: Day, months: Int) -> String {
        let (year, month, _) = day.components
        return "WM-\(year)-" + ChineseIdentity.pad(month * 10 + months % 10 + (months >= 12 ? 200 : 100), 3)
    }

    /// A time deposit or wealth product that rolled over at each maturity: the current position (maturing after the
    /// end) and its predecessors that matured during the period, each renewed in full or in part.
    ///
    /// A chain started during the period with new money is bought with a planned investment purchase.
    private mutating func makeChain(
        _ draft: inout Draft,
        _ product: ProductType,
        account: Int32,
        balance: Double,
        term: Int
    ) {
        let isDeposit = product == .timeDeposit
        let source: SourceSystem = isDeposit ? .coreBanking : .wealth
        let rate = isDeposit ? Self.depositRate(term) : 260 + rng.nextInt(below: 120)
        var maturity = end.adding(days: 1 + rng.nextInt(below: max(1, term * 30)))
        var opened = maturity.adding(months: -term)
        if opened < draft.onboarded {
            opened = draft.onboarded
            maturity = opened.adding(months: term)
        }
        if opened > end { opened = end }
        if maturity <= end { maturity = end.adding(days: 1) }
        let current = Self.money(balance)
        addHolding(
            &draft,
            product,
            account: account,
            code: isDeposit ? "TD-\(term)M" : wealthCode(opened, months: term),
            balance: current,
            opened: opened,
            matures: maturity,
            renewal: nil,
            rate: rate,
            source: source
        )
        var successorOpen = opened
        var successorBalance = current
        var steps = 0
        while successorOpen >= start, steps < 6 {
            let predecessorOpen = successorOpen.adding(months: -term)
            guard predecessorOpen >= draft.onboarded else { break }
            if successorOpen <= draft.activeUntil, rng.bernoulli(0.2) { break }  // bought with new money
            let drifting = draft.driftStart.map { successorOpen >= $0 } ?? false
            let partly =
                successorOpen <= draft.activeUntil && rng.bernoulli(drifting ? 0.55 : 0.15)
            let keep = rng.nextDouble(in: 0.4..<0.9)
            let predecessorBalance = partly ? Self.money(Double(successorBalance) / keep) : successorBalance
            addHolding(
                &draft,
                product,
                account: account,
                code: isDeposit ? "TD-\(term)M" : wealthCode(predecessorOpen, months: term),
                balance: predecessorBalance,
                opened: predecessorOpen,
                matures: successorOpen,
                renewal: partly ? .partlyRenewed(amount: amount(successorBalance)) : .renewed,
                rate: rate,
                source: source
            )
            if partly {
                takeOut(
                    &draft,
                    predecessorBalance - successorBalance,
                    product: product,
                    account: account,
                    on: successorOpen
                )
            }
            successorOpen = predecessorOpen
            successorBalance = predecessorBalance
            steps += 1
        }
        if !isDeposit, successorOpen >= start {
            addPlanned(
                &draft,
                day: successorOpen,
                amount: successorBalance,
                account: account,
                counterparty: -1,
                type: .investmentPurchase,
                direction: .outflow,
                channel: rng.bernoulli(0.7) ? .mobile : .relationshipManager
            )
        }
    }

    /// A working-capital loan renewed every year.
    private mutating func makeLoanChain(_ draft: inout Draft, account: Int32, balance: Double, rate: Int) {
        var maturity = end.adding(days: 1 + rng.nextInt(below: 365))
        var opened = maturity.adding(months: -12)
        if opened < draft.onboarded {
            opened = draft.onboarded
            maturity = max(maturity, opened.adding(months: 12))
        }
        let principal = Self.money(balance)
        addHolding(
            &draft,
            .loan,
            account: account,
            code: "LN-WORKING-CAPITAL",
            balance: principal,
            opened: opened,
            matures: maturity,
            renewal: nil,
            rate: rate,
            source: .loans
        )
        let previous = opened.adding(months: -12)
        if opened >= start, previous >= draft.onboarded {
            addHolding(
                &draft,
                .loan,
                account: account,
                code: "LN-WORKING-CAPITAL",
                balance: principal,
                opened: previous,
                matures: opened,
                renewal: .renewed,
                rate: rate,
                source: .loans
            )
        }
    }

    /// A position that matured in `window` and was moved out of the bank.
    ///
    /// Returns its balance (0 when the client had not joined early enough to hold it).
    private mutating func makeMovedOut(
        _ draft: inout Draft,
        _ product: ProductType,
        balance: Double,
        window: ClosedRange<Day>
    ) -> Double {
        guard balance >= 100_00 else { return 0 }
        let isDeposit = product == .timeDeposit
        let matured = day(from: window.lowerBound, through: window.upperBound)
        var term = (isDeposit ? Self.depositTerms : Self.wealthTerms).draw(using: &rng) ?? 12
        if matured.adding(months: -term) < draft.onboarded { term = 3 }
        let opened = matured.adding(months: -term)
        guard opened >= draft.onboarded else { return 0 }
        let prefix = isDeposit ? "T" : "W"
        let source: SourceSystem = isDeposit ? .coreBanking : .wealth
        let accountIndex = account(&draft, prefix, product, source: source, opened: opened)
        if !isDeposit, draft.plan.investmentAccount < 0 { draft.plan.investmentAccount = accountIndex }
        let principal = Self.money(balance)
        addHolding(
            &draft,
            product,
            account: accountIndex,
            code: isDeposit ? "TD-\(term)M" : wealthCode(opened, months: term),
            balance: principal,
            opened: opened,
            matures: matured,
            renewal: .movedOut,
            rate: isDeposit ? Self.depositRate(term) : 260 + rng.nextInt(below: 120),
            source: source
        )
        takeOut(&draft, principal, product: product, account: accountIndex, on: matured)
        return Double(principal)
    }

    /// The money leaving at a maturity: a wealth product is redeemed into the demand account
    /// first; then it is transferred to another bank within a few days.
    private mutating func takeOut(
        _ draft: inout Draft,
        _ money: Int64,
        product: ProductType,
        account: Int32,
        on day: Day
    ) {
        guard money > 0 else { return }
        let last = min(end, draft.activeUntil)
        if product != .timeDeposit {
            addPlanned(
                &draft,
                day: day,
                amount: money,
                account: account,
                counterparty: -1,
                type: .investmentRedemption,
                direction: .inflow,
                channel: .other
            )
        }
        let transferDay = min(last, day.adding(days: rng.nextInt(below: 3)))
        addPlanned(
            &draft,
            day: transferDay,
            amount: money,
            account: draft.plan.demandAccount,
            counterparty: CounterpartyBook.pick(book.banks, &rng),
            type: .transferOut,
            direction: .outflow,
            channel: rng.bernoulli(0.6) ? .mobile : .branch
        )
    }

    /// The opening day of a position held for up to `years`: after onboarding, and no later
    /// than the client's last active day when it falls in the period.
    private mutating func openingDay(_ draft: inout Draft, withinYears years: Int) -> Day {
        let earliest = max(draft.onboarded, end.adding(days: -years * 365))
        var opened = day(from: earliest, through: end.adding(days: -7))
        if opened > draft.activeUntil {
            opened = day(from: max(earliest, draft.activeFrom), through: draft.activeUntil)
        }
        return max(opened, draft.onboarded)
    }

    /// A fund or insurance position; bought with a planned purchase when opened in the period.
    private mutating func addInvestment(
        _ draft: inout Draft,
        _ product: ProductType,
        account: Int32,
        code: String,
        balance: Double,
        opened: Day,
        matures: Day?,
        rate: Int?
    ) {
        let money = Self.money(balance)
        addHolding(
            &draft,
            product,
            account: account,
            code: code,
            balance: money,
            opened: opened,
            matures: matures,
            renewal: nil,
            rate: rate,
            source: .wealth
        )
        if opened >= start {
            addPlanned(
                &draft,
                day: opened,
                amount: money,
                account: account,
                counterparty: -1,
                type: .investmentPurchase,
                direction: .outflow,
                channel: rng.bernoulli(0.7) ? .mobile : .relationshipManager
            )
        }
    }

    /// Adds a one-off transaction to the client's plan when it falls in the active window.
    mutating func addPlanned(
        _ draft: inout Draft,
        day: Day,
        amount: Int64,
        account: Int32,
        counterparty: Int32,
        type: TransactionType,
        direction: Direction,
        channel: Channel,
        second: Int32? = nil
    ) {
        guard day >= draft.activeFrom, day <= draft.activeUntil, day <= end, amount > 0 else { return }
        if draft.plan.plannedCount == 0 { draft.plan.plannedStart = Int32(plannedRows.count) }
        let hours = draft.kind == .corporate ? tables.officeHours : tables.bankingHours
        let time = second ?? Int32((hours.draw(using: &rng) ?? 10) * 3600 + rng.nextInt(below: 3600))
        plannedRows.append(
            ActivityRow(
                day: day.number,
                second: time,
                amount: amount,
                account: account,
                counterparty: counterparty,
                type: type,
                direction: direction,
                channel: channel
            )
        )
        draft.plan.plannedCount += 1
    }
}
