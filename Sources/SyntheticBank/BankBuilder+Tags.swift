import CustomerModel

extension BankBuilder {
    /// Tags of an individual: natural attributes, asset bands, behaviour, risk preference and
    /// service, from rules, source systems and RMs; some lapse (campaigns, risk assessments).
    mutating func individualTags(_ draft: Draft, marital: MaritalStatus, children: [Child]) -> [Tag] {
        var tags: [Tag] = []
        let ruleRun = instant(end, minutes: 120)
        func add(_ name: String, _ category: Tag.Category, _ source: Tag.Source, _ at: Instant, expires: Day? = nil) {
            tags.append(Tag(name: name, category: category, source: source, setAt: at, expiresOn: expires))
        }
        add("age-\(draft.age / 10 * 10)s", .natural, .rule("age-band"), ruleRun)
        if marital == .married { add("married", .natural, .system(.coreBanking), officeInstant(draft.onboarded)) }
        let stages = children.compactMap(\.educationStage)
        if stages.contains(where: { [.primary, .secondary, .university, .overseasStudy].contains($0) }) {
            add("parent-of-student", .natural, .rule("life-stage"), ruleRun)
        }
        if stages.contains(.overseasStudy) { add("overseas-study-family", .natural, .rule("life-stage"), ruleRun) }
        if draft.position == .retired { add("retiree", .natural, .rule("life-stage"), ruleRun) }
        if draft.position == .founder, draft.age < 40 { add("young-founder", .natural, .rule("potential"), ruleRun) }
        addWealthTags(&tags, draft, ruleRun)
        if draft.hasMortgage { add("mortgage-holder", .asset, .system(.loans), officeInstant(draft.onboarded)) }
        if draft.plan.flags.contains(.frequentFlyer) {
            add("frequent-flyer", .behaviour, .rule("card-spend-mix"), ruleRun, expires: end.adding(days: 90))
        }
        if draft.plan.flags.contains(.overseas) {
            add("overseas-spender", .behaviour, .rule("card-spend-mix"), ruleRun, expires: end.adding(days: 90))
        }
        if draft.plan.flags.contains(.appUser), draft.age < 50 {
            add("mobile-first", .behaviour, .system(.mobileApp), officeInstant(max(draft.onboarded, start)))
        }
        let assessed = max(draft.onboarded, end.adding(days: -rng.nextInt(below: 500)))
        add(
            "risk-\(draft.appetite.rawValue)",
            .riskPreference,
            .system(.wealth),
            officeInstant(assessed),
            expires: assessed.adding(days: 365)
        )
        addStaffTags(&tags, draft)
        return tags
    }

    /// Tags of a corporate client.
    mutating func corporateTags(_ draft: Draft, attributes: CorporateAttributes, industry: String) -> [Tag] {
        var tags: [Tag] = []
        let ruleRun = instant(end, minutes: 120)
        let slug = industry.replacingSpaces
        tags.append(
            Tag(
                name: "industry-\(slug)",
                category: .natural,
                source: .system(.coreBanking),
                setAt: officeInstant(draft.onboarded)
            )
        )
        if let stage = attributes.lifecycleStage {
            tags.append(
                Tag(name: "lifecycle-\(stage.rawValue)", category: .natural, source: .rule("lifecycle"), setAt: ruleRun)
            )
        }
        addWealthTags(&tags, draft, ruleRun)
        if attributes.esgRating == 5 {
            tags.append(Tag(name: "esg-leader", category: .other, source: .rule("esg"), setAt: ruleRun))
        }
        if draft.plan.flags.contains(.trader) {
            tags.append(
                Tag(name: "cross-border-trade", category: .behaviour, source: .system(.eBanking), setAt: ruleRun)
            )
        }
        if draft.preAUM >= 50_000_000_00
            || ((attributes.strategicFit ?? 0) >= 4 && (attributes.growthPotential ?? 0) >= 4)
        {
            tags.append(
                Tag(
                    name: "strategic-candidate",
                    category: .other,
                    source: .staff(draft.rm),
                    setAt: officeInstant(day(from: max(start, draft.onboarded), through: end))
                )
            )
        }
        addStaffTags(&tags, draft)
        return tags
    }

    private func addWealthTags(_ tags: inout [Tag], _ draft: Draft, _ at: Instant) {
        let aum = draft.endAUM / 100
        let band =
            aum >= 30_000_000
            ? "aum-30m-plus" : (aum >= 6_000_000 ? "aum-6m-30m" : (aum >= 1_000_000 ? "aum-1m-6m" : "aum-under-1m"))
        tags.append(Tag(name: band, category: .asset, source: .rule("aum-band"), setAt: at))
        if draft.kind == .individual {
            if aum >= 6_000_000 {
                tags.append(Tag(name: "private-banking", category: .asset, source: .rule("aum-band"), setAt: at))
            }
            let level = aum >= 6_000_000 ? "vip-diamond" : (aum >= 1_000_000 ? "vip-platinum" : "vip-gold")
            tags.append(Tag(name: level, category: .service, source: .rule("vip-level"), setAt: at))
        }
    }

    private mutating func addStaffTags(_ tags: inout [Tag], _ draft: Draft) {
        let from = max(start, draft.onboarded)
        if rng.bernoulli(draft.preAUM >= 6_000_000_00 ? 0.1 : 0.03) {
            tags.append(
                Tag(
                    name: "influencer",
                    category: .social,
                    source: .staff(draft.rm),
                    setAt: officeInstant(day(from: from, through: end))
                )
            )
        }
        if rng.bernoulli(0.15) {
            let set = day(from: max(from, end.adding(days: -60)), through: end)
            tags.append(
                Tag(
                    name: "year-end-campaign",
                    category: .service,
                    source: .staff(draft.rm),
                    setAt: officeInstant(set),
                    expiresOn: end.adding(days: 45)
                )
            )
        }
        if rng.bernoulli(0.05) {
            let set = day(from: from, through: end)
            tags.append(
                Tag(
                    name: "spring-campaign",
                    category: .service,
                    source: .staff(draft.rm),
                    setAt: officeInstant(set),
                    expiresOn: set.adding(days: 30)
                )
            )
        }
        if rng.bernoulli(0.02) {
            tags.append(
                Tag(
                    name: "do-not-disturb",
                    category: .service,
                    source: .staff(draft.rm),
                    setAt: officeInstant(day(from: from, through: end))
                )
            )
        }
    }

    /// The social tags that need every referral: `referrer` and `super-referrer`.
    mutating func finishSocialTags() {
        let at = instant(end, minutes: 150)
        for index in pendingProfiles.indices where referralCount[index] > 0 {
            guard var profile = pendingProfiles[index] else { continue }
            profile.tags.append(Tag(name: "referrer", category: .social, source: .rule("referral-count"), setAt: at))
            if referralCount[index] >= 3 {
                profile.tags.append(
                    Tag(name: "super-referrer", category: .social, source: .rule("referral-count"), setAt: at)
                )
            }
            pendingProfiles[index] = profile
        }
    }
}

extension String {
    /// The text in lower case with spaces as hyphens (`information technology` → `information-technology`).
    fileprivate var replacingSpaces: String {
        String(lowercased().map { $0 == " " ? "-" : $0 })
    }
}
