import CustomerModel

extension BankBuilder {
    /// Generates everything static, in a fixed order.
    mutating func build() {
        makeOrganisation()
        makeCounterparties()
        let n = configuration.clientCount
        let corporates = min(n, Int((Double(n) * configuration.corporateShare).rounded()))
        let individuals = n - corporates
        individualCount = individuals
        ids = (0..<n).map { index in
            index < individuals
                ? CustomerID("C" + ChineseIdentity.pad(index + 1, 6))
                : CustomerID("E" + ChineseIdentity.pad(index - individuals + 1, 6))
        }
        clientKinds = (0..<n).map { $0 < individuals ? .individual : .corporate }
        assignScenarios(n)
        profiles.reserveCapacity(n)
        plans = [ClientPlan](repeating: ClientPlan(), count: n)
        scenarios = [ClientScenario](repeating: .steady, count: n)
        people = [Person?](repeating: nil, count: n)
        unitOfClient = [Int32](repeating: 0, count: n)
        referrerQuality = [Double](repeating: 1, count: n)
        relationshipCount = [Int](repeating: 0, count: n)
        referralCount = [Int](repeating: 0, count: n)
        corporateCounterparty = [Int32](repeating: -1, count: n)
        pendingProfiles = [CustomerProfile?](repeating: nil, count: n)
        var index = 0
        while index < individuals {
            index = makeHousehold(at: index, limit: individuals)
        }
        for corporate in individuals..<n {
            makeCorporate(corporate)
        }
        linkEnterprises(individuals: 0..<individuals, corporates: individuals..<n)
        linkPartners(corporates: individuals..<n)
        finishSocialTags()
        profiles = pendingProfiles.compactMap { $0 }
        pendingProfiles = []
    }

    /// Client ids: `C000001` for individuals, `E000001` for corporates.
    func customerID(_ index: Int) -> CustomerID { ids[index] }

    private mutating func makeCounterparties() {
        var merchantRanges = [Range<Int32>](repeating: 0..<0, count: 256)
        for (category, names) in NameTables.merchants {
            merchantRanges[Int(category.rawValue)] = book.add(names.map(word))
        }
        book.merchants = merchantRanges
        book.overseasMerchants = book.add(NameTables.overseasMerchants.map(word))
        book.banks = book.add(NameTables.otherBanks.map(word))
        var people: [String] = []
        for _ in 0..<1_500 {
            let age = 20 + rng.nextInt(below: 60)
            people.append(makePerson(birthDate: end.adding(days: -(age * 365))).name(script))
        }
        book.people = book.add(people)
        var companies: [String] = []
        for _ in 0..<400 {
            let city = rng.nextInt(below: NameTables.cities.count)
            let industry = industryChoice.draw(using: &rng) ?? 0
            companies.append(makeCompanyName(city: city, industry: industry))
        }
        book.companies = book.add(companies)
        book.taxOffice = book.add(word(NameTables.taxOffice))
        book.pensionFund = book.add(word(NameTables.pensionFund))
    }

    /// Picks exactly the configured numbers of new, churn-drifting and dormant clients.
    private mutating func assignScenarios(_ n: Int) {
        var order = Array(0..<n)
        rng.shuffle(&order)
        let c = configuration
        let newCount = Int((Double(n) * c.newClientShare).rounded())
        let churnCount = min(n - newCount, Int((Double(n) * c.churnDriftingShare).rounded()))
        let dormantCount = min(n - newCount - churnCount, Int((Double(n) * c.dormantShare).rounded()))
        newClients = Set(order[0..<newCount])
        churnClients = Set(order[newCount..<(newCount + churnCount)])
        dormantClients = Set(order[(newCount + churnCount)..<(newCount + churnCount + dormantCount)])
    }

    /// A new draft for client `index`: its scenario, onboarding day and active window.
    mutating func makeDraft(_ index: Int, kind: CustomerKind, earliestOnboarding: Day, unit chosen: Int? = nil) -> Draft
    {
        let id = customerID(index)
        var onboarded: Day
        let isNew = newClients.contains(index)
        if isNew {
            onboarded = day(from: max(start, earliestOnboarding), through: end.adding(days: -14))
        } else {
            let years = min(25, rng.exponential(mean: 6) + 0.1)
            onboarded = start.adding(days: -Int(years * 365.25) - 1)
            if onboarded < earliestOnboarding {
                onboarded = day(from: earliestOnboarding, through: max(earliestOnboarding, start.adding(days: -1)))
            }
        }
        let unit = chosen ?? rng.nextInt(below: units.count)
        var draft = Draft(
            index: index,
            id: id,
            kind: kind,
            onboarded: onboarded,
            activeFrom: max(start, onboarded),
            activeUntil: end,
            branch: units[unit].id,
            rm: units[unit].executives[0]
        )
        draft.isNew = onboarded >= start
        draft.city = units[unit].city
        unitOfClient[index] = Int32(unit)
        if churnClients.contains(index), onboarded < start {
            let drift = end.adding(days: -(60 + rng.nextInt(below: 91)))
            draft.driftStart = drift
            draft.scenario = .churnDrifting(since: drift)
            draft.plan.flags.insert(.churnDrifting)
        } else if dormantClients.contains(index), onboarded < start.adding(days: 30) {
            let last = end.adding(days: -(92 + rng.nextInt(below: 91)))
            draft.activeUntil = max(draft.activeFrom, last)
            draft.scenario = .dormant(lastActiveDay: draft.activeUntil)
            draft.plan.flags.insert(.dormant)
        }
        scenarios[index] = draft.scenario
        return draft
    }

    /// Chooses the coverage tier, booking branch and RM from the client's AUM (in yuan).
    mutating func cover(_ draft: inout Draft, executiveAbove: Double, seniorAbove: Double) -> [StaffID] {
        let aum = draft.preAUM / 100
        draft.tier = aum >= executiveAbove ? 0 : (aum >= seniorAbove ? 1 : 2)
        let unit = Int(unitOfClient[draft.index])
        let (branch, rm, team) = coverage(
            unit: unit,
            sub: rng.nextInt(below: 1_000),
            tier: draft.tier,
            pick: rng.nextInt(below: 10_000)
        )
        draft.branch = branch
        draft.rm = rm
        draft.plan.tier = draft.tier
        return team
    }

    /// Picks an earlier client as referrer (preferential attachment: those who referred before
    /// are likelier to refer again), records the referral and returns the referrer's quality.
    mutating func maybeReferral(_ draft: inout Draft, probability: Double) -> Double {
        guard !referralTickets.isEmpty, rng.bernoulli(probability) else { return 1 }
        for _ in 0..<3 {
            let referrer = Int(referralTickets[rng.nextInt(below: referralTickets.count)])
            guard referrer != draft.index, let referrerProfile = pendingProfiles[referrer],
                let referrerOnboarded = referrerProfile.onboardedOn
            else { continue }
            var onboarded = draft.onboarded
            if onboarded < referrerOnboarded.adding(days: 30) {
                let latest = draft.isNew ? end.adding(days: -14) : start.adding(days: -1)
                let earliest = referrerOnboarded.adding(days: 30)
                guard earliest <= latest else { continue }
                onboarded = day(from: earliest, through: min(latest, earliest.adding(days: 400)))
                draft.onboarded = onboarded
                draft.activeFrom = max(start, onboarded)
            }
            referrals.append(Referral(referrer: referrerProfile.id, referred: draft.id, on: onboarded))
            referralTickets.append(Int32(referrer))
            referralTickets.append(Int32(referrer))
            referralCount[referrer] += 1
            return referrerQuality[referrer]
        }
        return 1
    }

    /// Makes client `index` a possible referrer with a quality (how good its referrals turn out).
    mutating func registerReferrer(_ index: Int, aum: Double) {
        let propensity = aum >= 600_000_000 ? 0.5 : 0.25
        guard rng.bernoulli(propensity) else { return }
        referrerQuality[index] = rng.logNormal(median: 1.1, sigma: 0.6)
        referralTickets.append(Int32(index))
    }
}
