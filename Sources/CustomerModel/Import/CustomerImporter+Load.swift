extension CustomerImporter {
    /// Writes a plan through the ports: profiles, then accounts, holdings, transactions and
    /// interactions, each in batches of ``batchSize``.
    ///
    /// **What is guaranteed.** A plan exists only when every file validated, so bad input never
    /// reaches a store. Before writing anything, `load` also checks every profile against the
    /// store's organisation (branch and RM known) and reads which profiles exist already; a
    /// problem there throws before the first write. Each batch is atomic (the ports' contract).
    ///
    /// **The limit.** The ports offer no transaction spanning calls, so a store that fails in the
    /// middle (unavailable, a concurrent writer causing a conflict, a refused principal) leaves
    /// the batches written before it in place, and `load` throws that ``StoreError``. Loading the
    /// same plan again is safe and completes the job: profiles are re-read and replaced, accounts
    /// and holdings are upserts, and transactions and interactions are idempotent by id.
    ///
    /// A profile that exists already is replaced by the imported one, keeping the tags set by
    /// rules or staff, the source identities of systems not in this import, and (when the import
    /// gives none) its consents; an imported tag or consent identical to a stored one keeps the
    /// stored timestamp, so re-importing unchanged data writes nothing.
    /// - Parameters:
    ///   - plan: a plan from ``plan(_:organisation:)``.
    ///   - store: the profile store.
    ///   - activity: the activity store.
    ///   - principal: who writes; a system principal with bank-wide scope.
    /// - Returns: counts of what was read, merged and written, and the merge log.
    /// - Throws: ``StoreError`` from the ports, or ``StoreError/Code/invalid`` for a profile the
    ///   store's organisation rejects (then nothing was written).
    public func load(
        _ plan: ImportPlan,
        into store: GatedCustomerStore,
        activity: GatedActivityStore,
        as principal: Principal = .system("customer-import", purpose: "import of source-system exports")
    ) async throws(StoreError) -> ImportReport {
        let size = max(1, batchSize)
        let organisation = try await store.organisation()
        for profile in plan.profiles {
            do throws(ValueError) {
                try profile.validate(in: organisation)
            } catch {
                throw StoreError(.invalid, customer: profile.id, field: error.field, error.message)
            }
        }
        var stored: [CustomerID: VersionedProfile] = [:]
        for batch in Self.batches(plan.profiles, size) {
            for versioned in try await store.profiles(batch.map(\.id), as: principal) {
                stored[versioned.profile.id] = versioned
            }
        }
        var changes: [ProfileChange] = []
        var created = 0
        var updated = 0
        var unchanged = 0
        for profile in plan.profiles {
            guard let existing = stored[profile.id] else {
                changes.append(ProfileChange(profile, expectedVersion: nil))
                created += 1
                continue
            }
            let merged = Self.carryingOver(existing.profile, into: profile)
            if merged == existing.profile {
                unchanged += 1
            } else {
                changes.append(ProfileChange(merged, expectedVersion: existing.version))
                updated += 1
            }
        }
        for batch in Self.batches(changes, size) { _ = try await store.upsert(batch, as: principal) }
        for batch in Self.batches(plan.accounts, size) { try await store.upsert(accounts: batch, as: principal) }
        for batch in Self.batches(plan.holdings, size) { try await store.upsert(holdings: batch, as: principal) }
        var transactions = AppendReport(appended: 0, duplicates: 0)
        for batch in Self.batches(plan.transactions, size) {
            let report = try await activity.append(transactions: batch, as: principal)
            transactions.appended += report.appended
            transactions.duplicates += report.duplicates
        }
        var interactions = AppendReport(appended: 0, duplicates: 0)
        for batch in Self.batches(plan.interactions, size) {
            let report = try await activity.append(interactions: batch, as: principal)
            interactions.appended += report.appended
            interactions.duplicates += report.duplicates
        }
        return ImportReport(
            recordsRead: plan.recordsRead,
            goldenProfiles: plan.profiles.count,
            mergedRecords: plan.mergedRecords,
            profilesCreated: created,
            profilesUpdated: updated,
            profilesUnchanged: unchanged,
            accountsWritten: plan.accounts.count,
            holdingsWritten: plan.holdings.count,
            transactions: transactions,
            interactions: interactions,
            mergeLog: plan.mergeLog
        )
    }

    private static func batches<Element>(_ elements: [Element], _ size: Int) -> [[Element]] {
        stride(from: 0, to: elements.count, by: size).map { Array(elements[$0..<min($0 + size, elements.count)]) }
    }

    /// The imported profile, keeping what the store knows that the import does not say.
    static func carryingOver(_ stored: CustomerProfile, into imported: CustomerProfile) -> CustomerProfile {
        var profile = imported
        var tags: [Tag] = []
        var names = Set<String>()
        for tag in imported.tags {
            let same = stored.tags.first {
                $0.name == tag.name && $0.source == tag.source && $0.category == tag.category
                    && $0.expiresOn == tag.expiresOn
            }
            tags.append(same ?? tag)
            names.insert(tag.name)
        }
        for tag in stored.tags where !names.contains(tag.name) {
            if case .system = tag.source { continue }
            tags.append(tag)
        }
        profile.tags = tags
        let systems = Set(imported.sourceIdentities.map(\.system))
        for identity in stored.sourceIdentities
        where !systems.contains(identity.system) && !profile.sourceIdentities.contains(identity) {
            profile.sourceIdentities.append(identity)
        }
        if imported.consents.isEmpty {
            profile.consents = stored.consents
        } else if imported.consents.map({ [$0.purpose.rawValue, "\($0.isGranted)"] })
            == stored.consents.map({ [$0.purpose.rawValue, "\($0.isGranted)"] })
        {
            profile.consents = stored.consents
        }
        return profile
    }
}
