import CustomerModel

extension BankBuilder {
    /// The client's money flows over the period: end balances from its holdings, scheduled
    /// payments, one-off large movements (and a churn drifter's growing outflows), the money a
    /// new client brings, the number of everyday transactions and their amount scale, chosen so
    /// that inflows and outflows roughly balance for a steady client.
    mutating func makeFlows(_ draft: inout Draft) {
        let corporate = draft.kind == .corporate
        var plan = draft.plan
        plan.activeFrom = draft.activeFrom.number
        plan.activeUntil = draft.activeUntil.number
        plan.driftStart = draft.driftStart?.number ?? .max
        if corporate { plan.flags.insert(.corporate) }
        // End-of-period balances from the holdings that are still running.
        var demandBalance: Int64 = 0
        for holding in holdings[draft.holdingStart...] where !holding.hasMatured(by: end) {
            let value = holding.balance.minorUnits
            switch holding.product {
            case .demandDeposit:
                plan.deposits += value
                demandBalance += value
            case .timeDeposit: plan.deposits += value
            case .wealthManagement, .fund, .insurance: plan.investments += value
            case .loan, .creditCard: plan.liabilities += value
            }
        }
        if plan.investments > 0 {
            plan.flags.insert(.investor)
            plan.investmentTradeCap = max(100_00, plan.investments / 20)
        }
        // How much of an ordinary year the client is active.
        let weights = corporate ? seasons.corporateWeight : seasons.individualWeight
        let total = seasons.weight(corporate: corporate, from: start, through: end)
        var active = 0.0
        if draft.driftStart != nil {
            for offset in 0..<seasons.days {
                active += weights[offset] * plan.activityFactor(start.number + Int32(offset), periodEnd: end.number)
            }
        } else {
            active = seasons.weight(corporate: corporate, from: draft.activeFrom, through: draft.activeUntil)
        }
        let activeFraction = total > 0 ? active / total : 0
        let years = Double(seasons.days) / 365
        let annualOutflow =
            corporate
            ? min(max(draft.preAUM * 2, 2_000_000_00), 3_000_000_000_00)
            : min(max(draft.preAUM * 0.22, 60_000_00), 8_000_000_00)
        draft.annualOutflow = annualOutflow
        let periodOutflow = annualOutflow * years * activeFraction
        // Scheduled payments.
        if corporate {
            plan.monthly = Self.money(annualOutflow * 0.12 / 12)
            plan.quarterlyTax = Self.money(annualOutflow * 0.05 / 4)
        } else if plan.flags.contains(.salaried) {
            plan.monthly = Self.money(annualOutflow * 0.55 / 12 * rng.nextDouble(in: 0.8..<1.2))
        } else if plan.flags.contains(.retired) {
            plan.monthly = Self.money(annualOutflow * 0.45 / 12)
        }
        plan.quarterlyInterest = max(1, demandBalance * 15 / 10_000 / 4)
        var regularCount = 0
        var scheduledIn = 0.0
        var scheduledOut = 0.0
        plan.forEachRegularEvent { _, kind in
            regularCount += 1
            let (money, direction) = plan.regularAmount(kind)
            if direction == .inflow { scheduledIn += Double(money) } else { scheduledOut += Double(money) }
        }
        plan.regularCount = Int32(regularCount)
        draft.plan = plan
        // Year-end bonus before Chinese New Year.
        if !corporate, plan.flags.contains(.salaried),
            [.executive, .seniorManager, .professional].contains(draft.position)
        {
            for newYear in seasons.newYears {
                let payday = newYear.adding(days: -(10 + rng.nextInt(below: 6)))
                let bonus = Self.money(Double(plan.monthly) * rng.nextDouble(in: 1..<4))
                addPlanned(
                    &draft,
                    day: payday,
                    amount: bonus,
                    account: plan.demandAccount,
                    counterparty: Self.employer,
                    type: .transferIn,
                    direction: .inflow,
                    channel: .other,
                    second: Int32(7200 + rng.nextInt(below: 10_800))
                )
                if payday >= draft.activeFrom, payday <= draft.activeUntil { scheduledIn += Double(bonus) }
            }
        }
        // Large one-off movements.
        let largeCount = rng.poisson(mean: (corporate ? 2.0 : 1.2) * years * activeFraction)
        for _ in 0..<largeCount {
            let on = day(from: draft.activeFrom, through: draft.activeUntil)
            let inflow = rng.bernoulli(0.5)
            var value = draft.preAUM * (corporate ? rng.nextDouble(in: 0.1..<0.5) : rng.nextDouble(in: 0.05..<0.25))
            if inflow { value = min(value, 0.6 * Double(plan.deposits)) }
            let roll = rng.nextDouble()
            let counterparty =
                corporate || roll < 0.25
                ? CounterpartyBook.pick(book.companies, &rng)
                : (roll < 0.85 ? CounterpartyBook.pick(book.people, &rng) : CounterpartyBook.pick(book.banks, &rng))
            let channel: Channel = rng.bernoulli(0.4) ? .branch : (rng.bernoulli(0.67) ? .mobile : .relationshipManager)
            addPlanned(
                &draft,
                day: on,
                amount: Self.money(value),
                account: plan.demandAccount,
                counterparty: counterparty,
                type: inflow ? .transferIn : .transferOut,
                direction: inflow ? .inflow : .outflow,
                channel: channel
            )
        }
        // A churn drifter's growing outflows to other banks.
        if let drift = draft.driftStart {
            let remaining = draft.drainBudget - draft.movedOut
            if remaining >= 1_000_00 {
                let count = 2 + rng.nextInt(below: 4)
                let span = Double(drift.days(until: end) + 1)
                let weightTotal = Double(count * (count + 1) / 2)
                for step in 0..<count {
                    let position = (Double(step) + 0.5 + rng.nextDouble(in: -0.3..<0.3)) / Double(count)
                    let on = drift.adding(days: min(Int(span) - 1, max(0, Int(position * span))))
                    addPlanned(
                        &draft,
                        day: on,
                        amount: Self.money(remaining * Double(step + 1) / weightTotal),
                        account: plan.demandAccount,
                        counterparty: CounterpartyBook.pick(book.banks, &rng),
                        type: .transferOut,
                        direction: .outflow,
                        channel: rng.bernoulli(0.6) ? .mobile : .branch
                    )
                }
            }
        }
        // A new client brings its money from another bank.
        if draft.isNew, plan.deposits + plan.investments > 0 {
            addPlanned(
                &draft,
                day: draft.onboarded,
                amount: plan.deposits + plan.investments,
                account: plan.demandAccount,
                counterparty: CounterpartyBook.pick(book.banks, &rng),
                type: .transferIn,
                direction: .inflow,
                channel: .branch,
                second: Int32(9 * 3600 + rng.nextInt(below: 3600))
            )
        }
        // Everyday transactions: how many, and their amount scale.
        let activity = corporate ? rng.unitLogNormal(sigma: 0.4) : rng.unitLogNormal(sigma: 0.5)
        let expected = configuration.transactionsPerClientPerYear * activity * years * activeFraction
        let randomMean = max(1, expected - Double(regularCount) - Double(draft.plan.plannedCount))
        draft.plan.randomCount = Int32(min(Int(Int32.max / 4), rng.poisson(mean: randomMean)))
        let outflowPerEvent = corporate ? tables.corporateOutflowPerEvent : tables.individualOutflowPerEvent
        let inflowPerEvent = corporate ? tables.corporateInflowPerEvent : tables.individualInflowPerEvent
        let randomOut = max(0.3 * periodOutflow, periodOutflow - (corporate ? scheduledOut : 0))
        let randomIn = max(0.15 * periodOutflow, periodOutflow + (corporate ? 0 : scheduledOut) - scheduledIn)
        draft.plan.outflowUnit = randomOut / (randomMean * outflowPerEvent)
        draft.plan.inflowUnit = randomIn / (randomMean * inflowPerEvent)
    }

    /// The counterparty index that stands for the client's employer in planned rows.
    static let employer: Int32 = -2
}
