import CustomerModel

extension BankBuilder {
    /// Founders control enterprises and executives direct them: corporate clients of the bank when possible, other
    /// enterprises otherwise.
    ///
    /// The enterprise then pays the person's salary.
    mutating func linkEnterprises(individuals: Range<Int>, corporates: Range<Int>) {
        var controlled = Set<Int>()
        for index in individuals {
            guard let profile = pendingProfiles[index] else { continue }
            switch profile.position {
            case .founder:
                if let target = pickCorporate(corporates, avoiding: controlled, probability: 0.6) {
                    controlled.insert(target)
                    linkEnterprise(index, to: target, .controls, share: 3_000 + rng.nextInt(below: 7_001))
                } else {
                    linkOutsideEnterprise(index, .controls, share: 5_100 + rng.nextInt(below: 4_900))
                }
                if let stake = pickCorporate(corporates, avoiding: [], probability: 0.2) {
                    linkEnterprise(index, to: stake, .shareholder, share: 300 + rng.nextInt(below: 1_700))
                }
            case .executive, .seniorManager:
                guard rng.bernoulli(0.35) else { continue }
                if let target = pickCorporate(corporates, avoiding: [], probability: 0.6) {
                    linkEnterprise(index, to: target, .directs, share: nil)
                } else {
                    linkOutsideEnterprise(index, .directs, share: nil)
                }
            default:
                continue
            }
        }
    }

    private mutating func pickCorporate(_ corporates: Range<Int>, avoiding: Set<Int>, probability: Double) -> Int? {
        guard !corporates.isEmpty, rng.bernoulli(probability) else { return nil }
        for _ in 0..<4 {
            let candidate = corporates.lowerBound + rng.nextInt(below: corporates.count)
            if !avoiding.contains(candidate) { return candidate }
        }
        return nil
    }

    private mutating func linkEnterprise(_ person: Int, to corporate: Int, _ kind: RelationshipKind, share: Int?) {
        guard let company = pendingProfiles[corporate] else { return }
        addEdge(
            from: person,
            kind,
            RelatedParty(
                customer: company.id,
                name: company.name,
                birthDate: nil,
                registrationID: company.corporate?.registrationID
            ),
            share: share
        )
        if kind != .shareholder { plans[person].employer = corporateCounterparty[corporate] }
    }

    private mutating func linkOutsideEnterprise(_ person: Int, _ kind: RelationshipKind, share: Int?) {
        let company = CounterpartyBook.pick(book.companies, &rng)
        guard company >= 0 else { return }
        let region = NameTables.cities[rng.nextInt(below: NameTables.cities.count)].districts[0].1
        addEdge(
            from: person,
            kind,
            RelatedParty(
                name: book.names[Int(company)],
                registrationID: ChineseIdentity.unifiedSocialCreditCode(region: region, serial: rng.next() >> 16)
            ),
            share: share
        )
        plans[person].employer = company
    }

    /// Suppliers and buyers of corporate clients: other corporate clients (one edge per pair) or outside enterprises.
    ///
    /// They become the counterparties of the corporates' transfers.
    mutating func linkPartners(corporates: Range<Int>) {
        var lists = [[Int32]](repeating: [], count: corporates.count)
        var pairs = Set<Int>()
        for index in corporates {
            for kind in [RelationshipKind.supplier, .buyer] {
                for _ in 0..<(1 + rng.nextInt(below: 4)) {
                    if corporates.count > 1, rng.bernoulli(0.4) {
                        let other = corporates.lowerBound + rng.nextInt(below: corporates.count)
                        let key = min(index, other) * corporates.upperBound + max(index, other)
                        guard other != index, pairs.insert(key).inserted, let partner = pendingProfiles[other] else {
                            continue
                        }
                        addEdge(
                            from: index,
                            kind,
                            RelatedParty(
                                customer: partner.id,
                                name: partner.name,
                                registrationID: partner.corporate?.registrationID
                            )
                        )
                        lists[index - corporates.lowerBound].append(corporateCounterparty[other])
                        lists[other - corporates.lowerBound].append(corporateCounterparty[index])
                    } else {
                        let company = CounterpartyBook.pick(book.companies, &rng)
                        guard company >= 0 else { continue }
                        let region = NameTables.cities[rng.nextInt(below: NameTables.cities.count)].districts[0].1
                        addEdge(
                            from: index,
                            kind,
                            RelatedParty(
                                name: book.names[Int(company)],
                                registrationID: ChineseIdentity.unifiedSocialCreditCode(
                                    region: region,
                                    serial: rng.next() >> 16
                                )
                            )
                        )
                        lists[index - corporates.lowerBound].append(company)
                    }
                }
            }
        }
        for index in corporates {
            let list = lists[index - corporates.lowerBound]
            plans[index].partnerStart = Int32(partners.count)
            plans[index].partnerCount = Int32(list.count)
            partners.append(contentsOf: list)
            if list.count >= 6, var profile = pendingProfiles[index] {
                profile.tags.append(
                    Tag(
                        name: "supply-chain-core",
                        category: .social,
                        source: .rule("partner-count"),
                        setAt: instant(end, minutes: 150)
                    )
                )
                pendingProfiles[index] = profile
            }
        }
    }
}
