import CustomerModel

extension BankBuilder {
    /// One corporate client: registration, financials, expert ratings, lifecycle, ownership,
    /// coverage, holdings, flows and tags.
    mutating func makeCorporate(_ index: Int) {
        let industryIndex = industryChoice.draw(using: &rng) ?? 0
        let industry = NameTables.industries[industryIndex]
        let ageYears = min(40, 1 + Int(rng.exponential(mean: 9)))
        let founded = end.adding(days: -(ageYears * 365 + rng.nextInt(below: 365)))
        var draft = makeDraft(index, kind: .corporate, earliestOnboarding: founded.adding(days: 30))
        let name = makeCompanyName(city: draft.city, industry: industryIndex)
        corporateCounterparty[index] = book.add(name)
        // Size: a lognormal body and a Pareto tail.
        var aum = rng.logNormal(median: 8_000_000, sigma: 1.3)
        if rng.bernoulli(0.03) { aum = rng.pareto(minimum: 100_000_000, alpha: 1.3) }
        aum *= maybeReferral(&draft, probability: configuration.referredShare / 2)
        aum = min(max(aum, 500_000), 20_000_000_000)
        draft.preAUM = aum * 100
        if draft.plan.flags.contains(.churnDrifting) {
            let drained = rng.nextDouble(in: 0.5..<0.85)
            draft.drainBudget = draft.preAUM * drained
            draft.endAUM = draft.preAUM - draft.drainBudget
        } else {
            draft.endAUM = draft.preAUM
        }
        draft.appetite =
            WeightedChoice<RiskAppetite>([(.conservative, 30), (.steady, 40), (.balanced, 25), (.growth, 5)])
            .draw(using: &rng) ?? .steady
        if rng.bernoulli(0.5) { draft.plan.flags.insert(.appUser) }
        let ownership =
            WeightedChoice<OwnershipType>([
                (.privatelyOwned, 55), (.stateOwned, 15), (.foreignInvested, 8), (.listed, 12), (.institution, 5),
                (.other, 5),
            ]).draw(using: &rng) ?? .privatelyOwned
        if ownership == .foreignInvested || rng.bernoulli(0.15) { draft.plan.flags.insert(.trader) }
        let stage: LifecycleStage =
            switch ageYears {
            case ..<4: rng.bernoulli(0.7) ? .startUp : .growth
            case 4..<12:
                WeightedChoice<LifecycleStage>([(.growth, 60), (.mature, 30), (.transformation, 10)]).draw(using: &rng)
                    ?? .growth
            default:
                WeightedChoice<LifecycleStage>([(.mature, 65), (.transformation, 25), (.growth, 10)]).draw(using: &rng)
                    ?? .mature
            }
        let team = cover(&draft, executiveAbove: 100_000_000, seniorAbove: 10_000_000)
        makeHoldings(&draft, children: [])
        makeFlows(&draft)
        // Financials and expert ratings.
        let revenue =
            rng.logNormal(median: 150_000_000, sigma: 0.8) * industry.revenueFactor * (aum / 8_000_000).squareRoot()
        let loans = holdings[draft.holdingStart...].filter { $0.product == .loan && !$0.hasMatured(by: end) }
            .reduce(0.0) { $0 + Double($1.balance.minorUnits) }
        let contribution = draft.endAUM * rng.nextDouble(in: 0.004..<0.015) + loans * rng.nextDouble(in: 0.005..<0.015)
        func rating(_ weights: [Double]) -> Int {
            WeightedChoice(weights.enumerated().map { ($0.offset + 1, $0.element) }).draw(using: &rng) ?? 3
        }
        let young = stage == .startUp || stage == .growth
        let innovative = ["information technology", "biotechnology", "new energy", "healthcare"].contains(industry.name)
        let district = NameTables.cities[draft.city].districts[
            rng.nextInt(below: NameTables.cities[draft.city].districts.count)
        ]
        let attributes = CorporateAttributes(
            registrationID: ChineseIdentity.unifiedSocialCreditCode(region: district.1, serial: rng.next() >> 16),
            annualRevenue: amount(Self.money(revenue * 100)),
            totalAssets: amount(Self.money(revenue * 100 * rng.nextDouble(in: 0.6..<2.5))),
            profitContribution: amount(Self.money(contribution)),
            industryRank: max(1, Int(3_000 / max(1, (revenue / 1_000_000)).squareRoot()) + rng.nextInt(below: 6)),
            growthPotential: rating(young ? [2, 8, 25, 40, 25] : [10, 25, 40, 20, 5]),
            innovationCapacity: rating(innovative ? [2, 8, 25, 40, 25] : [10, 25, 40, 20, 5]),
            productBreadth: draft.productLines.nonzeroBitCount,
            yearsOfCooperation: max(0, end.years(since: draft.onboarded)),
            operatingStability: rating(stage == .mature ? [2, 8, 25, 40, 25] : [8, 20, 40, 25, 7]),
            strategicFit: rating([5, 15, 40, 30, 10]),
            esgRating: rating([5, 15, 45, 25, 10]),
            region: word(NameTables.cities[draft.city].name),
            ownership: ownership,
            lifecycleStage: stage
        )
        let brand = alphanumerics(6)
        let domain = NameTables.emailDomains[rng.nextInt(below: NameTables.emailDomains.count)]
        var contacts = [
            ContactPoint(
                kind: .phone,
                value: NameTables.cities[draft.city].areaCode + "-" + digits(8),
                isPrimary: true
            ),
            ContactPoint(kind: .email, value: "finance@\(brand).\(domain)", isPrimary: true),
            ContactPoint(kind: .address, value: address(city: draft.city, district: district.0), isPrimary: true),
        ]
        if rng.bernoulli(0.7) {
            let prefix = NameTables.mobilePrefixes[rng.nextInt(below: NameTables.mobilePrefixes.count)]
            contacts.append(ContactPoint(kind: .mobile, value: prefix + digits(8)))
        }
        let profile = CustomerProfile(
            id: draft.id,
            kind: .corporate,
            name: name,
            coverage: Coverage(relationshipManager: draft.rm, branch: draft.branch, serviceTeam: team),
            sourceIdentities: sourceIdentities(draft),
            birthDate: founded,
            industry: industry.name,
            contacts: contacts,
            consents: consents(draft),
            riskAppetite: draft.appetite,
            creditRating: creditRating(aum: aum, corporate: true),
            kyc: kyc(aum: aum / 5, onboarded: draft.onboarded),
            onboardedOn: draft.onboarded,
            corporate: attributes,
            tags: corporateTags(draft, attributes: attributes, industry: industry.name)
        )
        pendingProfiles[index] = profile
        plans[index] = draft.plan
    }
}
