import CustomerModel

/// Writes the columns of one kind of client from a book's facts.
struct TableWriter {
    var table: IndicatorTable
    /// The profile index of each table row.
    let rows: [Int]

    private static func major(_ minorUnits: Int64) -> Double { Double(minorUnits) / 100 }

    /// A numeric column with a value for the rows where `value` gives one.
    private mutating func numbers(_ id: IndicatorID, _ value: (Int, Int) -> Double?) throws(ScoringInputError) {
        var column = try table.makeColumn(id)
        for (row, c) in rows.enumerated() {
            if let number = value(row, c) {
                column.values[row] = number
                column.presence[row] = true
            }
        }
        try table.install(column)
    }

    /// A category column with a name for the rows where `name` gives one.
    private mutating func categories(_ id: IndicatorID, _ name: (Int) -> String?) throws(ScoringInputError) {
        var column = try table.makeColumn(id)
        for (row, c) in rows.enumerated() {
            guard let text = name(c) else { continue }
            if let problem = column.set(.category(text), row: row) {
                throw ScoringInputError(
                    .unknownCategory,
                    customer: table.customers[row],
                    record: "row \(row)",
                    indicator: id,
                    problem
                )
            }
        }
        try table.install(column)
    }

    mutating func fill(
        book: BookFacts,
        profiles: [CustomerProfile],
        activity: TransactionActivity?,
        heldAway: [Int: Int64],
        derivation: IndicatorDerivation
    ) throws(ScoringInputError) {
        let asOf = book.asOf
        var fees = book.fees
        if let activity {
            for c in fees.indices {
                try BookFacts.add(&fees[c], activity.feesChargedMinorUnits[c], customer: book.ids[c], record: "fees")
            }
        }
        let corporate = table.subject == .corporate
        let feeTotals = fees
        try numbers(.feeIncome) { _, c in Self.major(feeTotals[c]) }
        try numbers(.loanInterest) { _, c in Self.major(book.loanInterest[c]) }
        try numbers(.ftpContribution) { _, c in Self.major(book.ftp[c]) }
        try numbers(.transactionsLast6Months) { _, c in activity.map { Double($0.transactionsInWindow[c]) } }
        try categories(.industryOutlook) { profiles[$0].industry }
        try categories(.creditRating) { profiles[$0].creditRating?.rawValue }
        try numbers(.walletShare) { _, c in
            guard let away = heldAway[c] else { return nil }
            let aum = Double(book.aum(c))
            return aum + Double(away) > 0 ? aum / (aum + Double(away)) : nil
        }
        try numbers(.rmInteractions) { _, c in Double(book.contacts[c]) }
        try numbers(.satisfaction) { _, c in
            book.satisfactionCount[c] > 0 ? Double(book.satisfactionSum[c]) / Double(book.satisfactionCount[c]) : nil
        }
        try numbers(.churnSignals) { _, c in
            var signals = 0
            if book.maturityMovedOut[c] { signals += 1 }
            if book.areComplaintsRising(c) { signals += 1 }
            if book.isAUMFalling(c) { signals += 1 }
            if let activity {
                if activity.hasLargeOutflow[c] { signals += 1 }
                if activity.isActivityFalling[c] { signals += 1 }
            }
            return Double(signals)
        }
        if corporate {
            try fillCorporate(book: book, profiles: profiles)
        } else {
            try fillIndividual(book: book, profiles: profiles, asOf: asOf, derivation: derivation)
        }
    }

    private mutating func fillIndividual(
        book: BookFacts,
        profiles: [CustomerProfile],
        asOf: Day,
        derivation: IndicatorDerivation
    ) throws(ScoringInputError) {
        try numbers(.aumDeposits) { _, c in Self.major(book.deposits[c]) }
        try numbers(.aumWealthProducts) { _, c in Self.major(book.wealth[c]) }
        try numbers(.aumFunds) { _, c in Self.major(book.funds[c]) }
        try numbers(.aumInsurance) { _, c in Self.major(book.insurance[c]) }
        try numbers(.productsHeld) { _, c in Double(book.productLines[c].nonzeroBitCount) }
        try categories(.lifeStage) { c in
            let profile = profiles[c]
            let stages = profile.children.compactMap { child -> EducationStage? in
                child.educationStage
                    ?? child.birthDate.map { LifeStage.educationStage(ofChildAged: asOf.years(since: $0)) }
            }
            return LifeStage.classify(
                age: profile.age(on: asOf),
                maritalStatus: profile.maritalStatus,
                childStages: stages,
                position: profile.position
            )?.rawValue
        }
        try categories(.occupation) { profiles[$0].occupation }
        try categories(.position) { profiles[$0].position?.rawValue }
        try categories(.riskAppetite) { profiles[$0].riskAppetite?.rawValue }
        try numbers(.borrowingCapacity) { _, c in
            guard let rating = profiles[c].creditRating else { return nil }
            let rate = derivation.advanceRates[rating] ?? 0
            let debt = Double(book.loans[c]) + Double(book.cards[c])
            return max(0, Double(book.aum(c)) * rate - debt) / 100
        }
        try numbers(.referralsMade) { _, c in Double(book.referrals[c]) }
        try numbers(.referredClientsValue) { _, c in Self.major(book.referredValue[c]) }
        try numbers(.socialInfluence) { _, c in
            Double(Set(profiles[c].tags.filter { $0.category == .social && $0.isActive(on: asOf) }.map(\.name)).count)
        }
        try numbers(.householdValue) { _, c in Self.major(book.householdValue[c]) }
        try numbers(.enterpriseValue) { _, c in Self.major(book.enterpriseValue[c]) }
        try numbers(.tenureYears) { _, c in
            guard let joined = profiles[c].onboardedOn, joined <= asOf else { return nil }
            return Double(asOf.years(since: joined))
        }
    }

    private mutating func fillCorporate(book: BookFacts, profiles: [CustomerProfile]) throws(ScoringInputError) {
        let currency = table.currency
        let asOf = table.asOf
        // Check every corporate figure first, so the closures below cannot meet a bad one.
        for (row, c) in rows.enumerated() {
            let profile = profiles[c]
            guard let attributes = profile.corporate else { continue }
            let figures: [(String, Money?)] = [
                ("corporate.annualRevenue", attributes.annualRevenue),
                ("corporate.totalAssets", attributes.totalAssets),
                ("corporate.profitContribution", attributes.profitContribution),
            ]
            for (field, money) in figures {
                if let money, money.currency != currency {
                    throw ScoringInputError(
                        .currencyMismatch,
                        customer: profile.id,
                        record: "row \(row)",
                        field: field,
                        "the figure is in \(money.currency), not the book's \(currency); convert it first"
                    )
                }
            }
            let ratings: [(String, Int?)] = [
                ("corporate.growthPotential", attributes.growthPotential),
                ("corporate.innovationCapacity", attributes.innovationCapacity),
                ("corporate.operatingStability", attributes.operatingStability),
                ("corporate.strategicFit", attributes.strategicFit), ("corporate.esgRating", attributes.esgRating),
            ]
            for (field, rating) in ratings {
                if let rating, !(1...5).contains(rating) {
                    throw ScoringInputError(
                        .invalidValue,
                        customer: profile.id,
                        record: "row \(row)",
                        field: field,
                        "an expert rating must be from 1 to 5, not \(rating)"
                    )
                }
            }
            if let rank = attributes.industryRank, rank < 1 {
                throw ScoringInputError(
                    .invalidValue,
                    customer: profile.id,
                    record: "row \(row)",
                    field: "corporate.industryRank",
                    "an industry rank starts at 1, not \(rank)"
                )
            }
        }
        func attribute(_ c: Int) -> CorporateAttributes? { profiles[c].corporate }
        try numbers(.annualRevenue) { _, c in attribute(c)?.annualRevenue.map { Self.major($0.minorUnits) } }
        try numbers(.totalAssets) { _, c in attribute(c)?.totalAssets.map { Self.major($0.minorUnits) } }
        try numbers(.profitContribution) { _, c in attribute(c)?.profitContribution.map { Self.major($0.minorUnits) } }
        try numbers(.industryRank) { _, c in attribute(c)?.industryRank.map(Double.init) }
        try numbers(.growthPotential) { _, c in attribute(c)?.growthPotential.map(Double.init) }
        try numbers(.innovationCapacity) { _, c in attribute(c)?.innovationCapacity.map(Double.init) }
        try numbers(.operatingStability) { _, c in attribute(c)?.operatingStability.map(Double.init) }
        try numbers(.strategicFit) { _, c in attribute(c)?.strategicFit.map(Double.init) }
        try numbers(.esgRating) { _, c in attribute(c)?.esgRating.map(Double.init) }
        try numbers(.productBreadth) { _, c in
            Double(max(0, attribute(c)?.productBreadth ?? book.productLines[c].nonzeroBitCount))
        }
        try numbers(.yearsOfCooperation) { _, c in
            if let years = attribute(c)?.yearsOfCooperation { return Double(max(0, years)) }
            guard let joined = profiles[c].onboardedOn, joined <= asOf else { return nil }
            return Double(asOf.years(since: joined))
        }
        try numbers(.aumTotal) { _, c in Self.major(book.aum(c)) }
        try categories(.lifecycleStage) { attribute($0)?.lifecycleStage?.rawValue }
    }
}
