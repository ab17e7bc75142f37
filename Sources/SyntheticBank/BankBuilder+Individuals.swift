import CustomerModel

extension BankBuilder {
    private static let childCounts = WeightedChoice<Int>([(0, 15), (1, 50), (2, 30), (3, 5)])
    private static let maritalByAge: [WeightedChoice<MaritalStatus>] = [
        WeightedChoice([(.single, 65), (.married, 33), (.divorced, 2)]),
        WeightedChoice([(.single, 15), (.married, 78), (.divorced, 7)]),
        WeightedChoice([(.single, 5), (.married, 83), (.divorced, 9), (.widowed, 3)]),
        WeightedChoice([(.single, 3), (.married, 75), (.divorced, 7), (.widowed, 15)]),
    ]
    private static let appetites: [WeightedChoice<RiskAppetite>] = [
        [40.0, 35, 18, 5, 2], [5, 20, 35, 28, 12], [15, 30, 30, 17, 8], [40, 35, 18, 13, 2], [5, 20, 35, 36, 12],
        [15, 30, 30, 25, 8],
    ].map { WeightedChoice(zip(RiskAppetite.allCases, $0).map { ($0, $1) }) }
    private static let ratings: [WeightedChoice<CreditRating>] = [
        [5.0, 15, 30, 30, 12, 5, 2, 0.6, 0.3, 0.1], [13, 25, 30, 30, 12, 5, 2, 0.6, 0.3, 0.1],
    ].map { WeightedChoice(zip(CreditRating.allCases, $0).map { ($0, $1) }) }
    private static let kycStates: [WeightedChoice<KYCState>] = [3.0, 25].map { edd in
        WeightedChoice<KYCState>([
            (.verified, 82), (.reviewDue, 8), (.pending, 2), (.expired, 3), (.enhancedDueDiligence, edd),
        ])
    }
    private static let ageBands = WeightedChoice<ClosedRange<Int>>([
        (22...29, 8), (30...39, 22), (40...49, 27), (50...59, 22), (60...69, 14), (70...85, 7),
    ])

    /// A household: the primary client, and, when they bank with us too, a spouse, a parent and an adult child as
    /// clients of their own; the rest of the family as related parties.
    ///
    /// Returns the next free client index.
    mutating func makeHousehold(at index: Int, limit: Int) -> Int {
        var next = index + 1
        let age = rng.nextInt(in: Self.ageBands.draw(using: &rng) ?? 30...60)
        let birth = end.adding(days: -(age * 365 + rng.nextInt(below: 365) + age / 4))
        let primary = makePerson(birthDate: birth)
        let marital = maritalStatus(age: age)
        var wedding: Day?
        var spouse: Person?
        if marital != .single {
            let weddingAge = min(age - 1, 22 + rng.nextInt(below: 13))
            wedding = min(end.adding(days: -30), birth.adding(days: weddingAge * 365 + rng.nextInt(below: 365)))
            let spouseAge = max(20, age + Int(rng.normal(mean: primary.isFemale ? 2 : -2, standardDeviation: 3)))
            spouse = makePerson(
                female: !primary.isFemale,
                birthDate: end.adding(days: -(spouseAge * 365 + rng.nextInt(below: 365)))
            )
        }
        var children: [Person] = []
        if let wedding {
            let count = Self.childCounts.draw(using: &rng) ?? 1
            let fatherSurname = primary.isFemale ? (spouse?.surname ?? primary.surname) : primary.surname
            var born = wedding
            for _ in 0..<count {
                born = born.adding(days: 365 + rng.nextInt(below: 365 * 4))
                guard born < end.adding(days: -30) else { break }
                children.append(makePerson(surname: fatherSurname, birthDate: born))
            }
        }
        var parents: [Person] = []
        var parentsWedding: Day?
        if age < 58 {
            let fatherAge = age + 24 + rng.nextInt(below: 12)
            let motherAge = max(age + 20, fatherAge - 3 + rng.nextInt(below: 5))
            parentsWedding = birth.adding(days: -(200 + rng.nextInt(below: 900)))
            for (parentAge, female) in [(fatherAge, false), (motherAge, true)] {
                let alive = parentAge < 75 ? 0.97 : (parentAge < 85 ? 0.8 : 0.45)
                guard rng.bernoulli(alive) else { continue }
                let parentBirth = end.adding(days: -(parentAge * 365 + rng.nextInt(below: 365)))
                parents.append(
                    makePerson(
                        female: female,
                        surname: female ? nil : primary.surname,
                        birthDate: parentBirth
                    )
                )
            }
        }
        // Which relatives bank with us too.
        var spouseIndex: Int?
        if marital == .married, next < limit, rng.bernoulli(0.15) {
            spouseIndex = next
            next += 1
        }
        var parentClient: (index: Int, person: Int)?
        if !parents.isEmpty, next < limit, rng.bernoulli(0.06) {
            parentClient = (next, rng.nextInt(below: parents.count))
            next += 1
        }
        var childClient: (index: Int, child: Int)?
        if let adult = children.firstIndex(where: { end.years(since: $0.birthDate) >= 22 }), next < limit,
            rng.bernoulli(0.15)
        {
            childClient = (next, adult)
            next += 1
        }
        func childRecords(_ list: [Person]) -> [Child] {
            list.map { Child(name: $0.name(script), birthDate: $0.birthDate, educationStage: educationStage(of: $0)) }
        }
        let unit = makeIndividual(
            index,
            person: primary,
            marital: marital,
            wedding: marital == .married ? wedding : nil,
            children: childRecords(children),
            unit: nil
        )
        if let spouseIndex, let spouse {
            _ = makeIndividual(
                spouseIndex,
                person: spouse,
                marital: .married,
                wedding: wedding,
                children: childRecords(children),
                unit: unit
            )
        }
        if let (parentIndex, which) = parentClient {
            let widowed = parents.count == 1
            _ = makeIndividual(
                parentIndex,
                person: parents[which],
                marital: widowed ? .widowed : .married,
                wedding: widowed ? nil : parentsWedding,
                children: childRecords([primary]),
                unit: unit
            )
        }
        var childSpouse: (Person, Day)?
        if let (childIndex, which) = childClient {
            let child = children[which]
            let childAge = end.years(since: child.birthDate)
            var childWedding: Day?
            if childAge >= 27, rng.bernoulli(0.4) {
                let weddingAge = 24 + rng.nextInt(below: min(8, childAge - 24))
                let wedding = min(
                    end.adding(days: -30),
                    child.birthDate.adding(days: weddingAge * 365 + rng.nextInt(below: 365))
                )
                let spouseAge = max(22, childAge + rng.nextInt(in: -3...3))
                let spouse = makePerson(
                    female: !child.isFemale,
                    birthDate: end.adding(days: -(spouseAge * 365 + rng.nextInt(below: 365)))
                )
                childWedding = wedding
                childSpouse = (spouse, wedding)
            }
            _ = makeIndividual(
                childIndex,
                person: child,
                marital: childWedding == nil ? .single : .married,
                wedding: childWedding,
                children: [],
                unit: unit
            )
        }
        // Household edges.
        if marital == .married, let spouse {
            addEdge(
                from: index,
                .spouse,
                RelatedParty(
                    customer: spouseIndex.map(customerID),
                    name: spouse.name(script),
                    birthDate: spouse.birthDate
                ),
                anniversary: wedding
            )
        }
        for (number, child) in children.enumerated() {
            let client = childClient.flatMap { $0.child == number ? $0.index : nil }
            let party = RelatedParty(
                customer: client.map(customerID),
                name: child.name(script),
                birthDate: child.birthDate
            )
            addEdge(from: index, .child, party)
            if let spouseIndex { addEdge(from: spouseIndex, .child, party) }
        }
        for (number, parent) in parents.enumerated() {
            let client = parentClient.flatMap { $0.person == number ? $0.index : nil }
            addEdge(
                from: index,
                .parent,
                RelatedParty(customer: client.map(customerID), name: parent.name(script), birthDate: parent.birthDate)
            )
        }
        if let (childIndex, _) = childClient, let (spouse, wedding) = childSpouse {
            addEdge(
                from: childIndex,
                .spouse,
                RelatedParty(name: spouse.name(script), birthDate: spouse.birthDate),
                anniversary: wedding
            )
        }
        if let (parentIndex, which) = parentClient, parents.count == 2 {
            let other = parents[1 - which]
            addEdge(
                from: parentIndex,
                .spouse,
                RelatedParty(name: other.name(script), birthDate: other.birthDate),
                anniversary: parentsWedding
            )
        }
        return next
    }

    /// Adds a relationship edge starting at client `index`.
    mutating func addEdge(
        from index: Int,
        _ kind: RelationshipKind,
        _ party: RelatedParty,
        anniversary: Day? = nil,
        share: Int? = nil
    ) {
        relationshipCount[index] += 1
        let id = customerID(index).rawValue + "-R" + ChineseIdentity.pad(relationshipCount[index], 2)
        relationships.append(
            Relationship(
                id: id,
                customer: customerID(index),
                kind: kind,
                party: party,
                anniversary: anniversary,
                shareBasisPoints: share
            )
        )
    }

    private mutating func maritalStatus(age: Int) -> MaritalStatus {
        let band = age < 30 ? 0 : (age < 40 ? 1 : (age < 60 ? 2 : 3))
        return Self.maritalByAge[band].draw(using: &rng) ?? .married
    }

    private mutating func educationStage(of child: Person) -> EducationStage {
        let age = end.years(since: child.birthDate)
        switch age {
        case ..<6: return .preschool
        case 6..<12: return .primary
        case 12..<18: return .secondary
        case 18..<22: return rng.bernoulli(0.15) ? .overseasStudy : .university
        case 22..<25: return rng.bernoulli(0.15) ? .overseasStudy : .graduated
        default: return .graduated
        }
    }

    /// One individual client: attributes, wealth, coverage, holdings, flows, tags.
    ///
    /// Returns the branch unit, so family members can be booked in the same branch.
    mutating func makeIndividual(
        _ index: Int,
        person: Person,
        marital: MaritalStatus,
        wedding: Day?,
        children: [Child],
        unit: Int?
    ) -> Int {
        people[index] = person
        var draft = makeDraft(
            index,
            kind: .individual,
            earliestOnboarding: person.birthDate.adding(days: 18 * 366),
            unit: unit
        )
        let age = end.years(since: person.birthDate)
        draft.age = age
        // Occupation and position.
        var occupation: NameTables.Occupation?
        if age >= 60, rng.bernoulli(age >= 65 ? 0.9 : 0.6) {
            occupation = nil
        } else {
            var drawn = NameTables.occupations[occupationChoice.draw(using: &rng) ?? 0]
            if age < 30, drawn.position == .founder || drawn.position == .executive, rng.bernoulli(0.6) {
                drawn = NameTables.occupations[occupationChoice.draw(using: &rng) ?? 0]
            }
            occupation = drawn
        }
        let position: Position = occupation?.position ?? .retired
        draft.position = position
        let industry =
            occupation.map { $0.industry ?? NameTables.industries[industryChoice.draw(using: &rng) ?? 0].name }
        // Wealth: a lognormal body and a Pareto tail, lifted by occupation and age, and by who referred them.
        var aum = rng.logNormal(median: 800_000, sigma: 1.0)
        if rng.bernoulli(0.05) { aum = rng.pareto(minimum: 6_000_000, alpha: 1.2) }
        aum *= occupation?.wealthFactor ?? 1.1
        aum *= age < 30 ? 0.5 : (age < 35 ? 0.8 : (age < 60 ? 1.2 : 1.1))
        aum *= maybeReferral(&draft, probability: configuration.referredShare)
        aum = min(max(aum, 50_000), 5_000_000_000)
        draft.preAUM = aum * 100
        if draft.plan.flags.contains(.churnDrifting) {
            let drained = rng.nextDouble(in: 0.35..<0.75)
            draft.drainBudget = draft.preAUM * drained
            draft.endAUM = draft.preAUM - draft.drainBudget
        } else {
            draft.endAUM = draft.preAUM
        }
        draft.appetite = riskAppetite(age: age, aum: aum)
        // Behaviour.
        let wealthy = aum >= 6_000_000
        let leader = position == .founder || position == .executive
        if rng.bernoulli(0.06 + (leader ? 0.14 : 0) + (wealthy ? 0.1 : 0) + (occupation?.name == "pilot" ? 0.5 : 0)) {
            draft.plan.flags.insert(.frequentFlyer)
        }
        let studyAbroad = children.contains { $0.educationStage == .overseasStudy }
        if rng.bernoulli(studyAbroad ? 0.6 : (wealthy ? 0.2 : 0.08)) { draft.plan.flags.insert(.overseas) }
        if [.employee, .professional, .seniorManager, .executive].contains(position) {
            draft.plan.flags.insert(.salaried)
        }
        if position == .retired { draft.plan.flags.insert(.retired) }
        if rng.bernoulli(age < 60 ? 0.9 : 0.55) { draft.plan.flags.insert(.appUser) }
        let team = cover(&draft, executiveAbove: 30_000_000, seniorAbove: 6_000_000)
        draft.plan.employer = CounterpartyBook.pick(book.companies, &rng)
        makeHoldings(&draft, children: children)
        makeFlows(&draft)
        // The profile.
        let district = NameTables.cities[draft.city].districts[
            rng.nextInt(below: NameTables.cities[draft.city].districts.count)
        ]
        let sequence = rng.nextInt(below: 500) * 2 + (person.isFemale ? 0 : 1)
        let nationalID = ChineseIdentity.nationalID(region: district.1, birthDate: person.birthDate, sequence: sequence)
        let profile = CustomerProfile(
            id: draft.id,
            kind: .individual,
            name: person.name(script),
            coverage: Coverage(relationshipManager: draft.rm, branch: draft.branch, serviceTeam: team),
            sourceIdentities: sourceIdentities(draft),
            nationalID: nationalID,
            birthDate: person.birthDate,
            maritalStatus: marital,
            weddingDate: marital == .married ? wedding : nil,
            children: children,
            occupation: occupation?.name ?? "retired",
            position: position,
            industry: industry,
            contacts: personalContacts(person, city: draft.city, district: district.0),
            consents: consents(draft),
            riskAppetite: draft.appetite,
            creditRating: creditRating(aum: aum, corporate: false),
            kyc: kyc(aum: aum, onboarded: draft.onboarded),
            onboardedOn: draft.onboarded,
            corporate: nil,
            tags: individualTags(draft, marital: marital, children: children)
        )
        pendingProfiles[index] = profile
        plans[index] = draft.plan
        registerReferrer(index, aum: draft.preAUM)
        return Int(unitOfClient[index])
    }

    private mutating func riskAppetite(age: Int, aum: Double) -> RiskAppetite {
        let group = (age >= 60 ? 0 : (age < 35 ? 1 : 2)) + (aum >= 30_000_000 ? 3 : 0)
        return Self.appetites[group].draw(using: &rng) ?? .balanced
    }

    func sourceIdentities(_ draft: Draft) -> [SourceIdentity] {
        let number = ChineseIdentity.pad(draft.index + 1, 9)
        var list = [SourceIdentity(system: .coreBanking, localID: "CB" + number)]
        if draft.holds(.creditCard) { list.append(SourceIdentity(system: .creditCard, localID: "CC" + number)) }
        if draft.holds(.wealthManagement) || draft.holds(.fund) || draft.holds(.insurance) {
            list.append(SourceIdentity(system: .wealth, localID: "WM" + number))
        }
        if draft.holds(.loan) { list.append(SourceIdentity(system: .loans, localID: "LN" + number)) }
        if draft.plan.flags.contains(.appUser) {
            list.append(SourceIdentity(system: .mobileApp, localID: "APP" + number))
        }
        return list
    }

    private mutating func personalContacts(_ person: Person, city: Int, district: Word) -> [ContactPoint] {
        let prefix = NameTables.mobilePrefixes[rng.nextInt(below: NameTables.mobilePrefixes.count)]
        var contacts = [ContactPoint(kind: .mobile, value: prefix + digits(8), isPrimary: true)]
        if rng.bernoulli(0.85) {
            contacts.append(ContactPoint(kind: .wechat, value: "wxid_" + alphanumerics(10), isPrimary: true))
        }
        if rng.bernoulli(0.6) {
            let handle = person.latin.lowercased().split(separator: " ").joined(separator: ".")
                .filter { $0.isLetter || $0 == "." }
            let domain = NameTables.emailDomains[rng.nextInt(below: NameTables.emailDomains.count)]
            contacts.append(
                ContactPoint(kind: .email, value: "\(handle)\(rng.nextInt(in: 1...99))@\(domain)", isPrimary: true)
            )
        }
        if rng.bernoulli(0.15) {
            contacts.append(ContactPoint(kind: .phone, value: NameTables.cities[city].areaCode + "-" + digits(8)))
        }
        if rng.bernoulli(0.9) {
            contacts.append(
                ContactPoint(kind: .address, value: address(city: city, district: district), isPrimary: true)
            )
        }
        return contacts
    }

    mutating func address(city: Int, district: Word) -> String {
        let place = NameTables.cities[city]
        let street = place.streets[rng.nextInt(below: place.streets.count)]
        let number = 1 + rng.nextInt(below: 300)
        if script == .hanzi {
            return "\(place.name.hanzi)市\(district.hanzi)区\(street.hanzi)\(number)号"
        }
        return "No. \(number) \(street.latin), \(district.latin), \(place.name.latin)"
    }

    mutating func consents(_ draft: Draft) -> [Consent] {
        let at = officeInstant(draft.onboarded)
        var list = [
            Consent(purpose: .service, isGranted: true, recordedAt: at),
            Consent(purpose: .marketing, isGranted: rng.bernoulli(0.8), recordedAt: at),
            Consent(purpose: .profiling, isGranted: rng.bernoulli(0.85), recordedAt: at),
            Consent(purpose: .sharing, isGranted: rng.bernoulli(0.35), recordedAt: at),
        ]
        if list[1].isGranted, rng.bernoulli(0.05) {
            let later = day(from: draft.onboarded, through: end)
            list.append(Consent(purpose: .marketing, isGranted: false, recordedAt: officeInstant(later)))
        }
        return list
    }

    mutating func creditRating(aum: Double, corporate: Bool) -> CreditRating {
        let large = aum >= (corporate ? 100_000_000 : 6_000_000)
        return Self.ratings[large ? 1 : 0].draw(using: &rng) ?? .bbb
    }

    mutating func kyc(aum: Double, onboarded: Day) -> KYCStatus {
        let state = Self.kycStates[aum >= 30_000_000 ? 1 : 0].draw(using: &rng) ?? .verified
        let reviewed = max(onboarded, end.adding(days: -(30 + rng.nextInt(below: 1000))))
        let next: Day =
            switch state {
            case .verified: max(end.adding(days: 30), reviewed.adding(days: 730))
            case .reviewDue: end.adding(days: rng.nextInt(in: -20...30))
            case .pending: end.adding(days: 14)
            case .expired: end.adding(days: -(1 + rng.nextInt(below: 120)))
            case .enhancedDueDiligence: reviewed.adding(days: 365)
            }
        return KYCStatus(
            state: state,
            reviewedOn: state == .pending ? nil : reviewed,
            nextReviewOn: next
        )
    }
}
