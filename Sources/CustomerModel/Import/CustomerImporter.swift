/// Imports the exports of a bank's source systems (core banking, card, wealth, app...) into one
/// golden profile per client, with their accounts, holdings, transactions and interactions.
///
/// An import has two steps:
/// 1. ``plan(_:organisation:)`` reads every file, checks every record, resolves identities and
///    merges profiles. It touches no store. If any record of any file is bad it throws an
///    ``ImportFailure`` listing **every** problem (file, line, field), and nothing is stored.
/// 2. ``load(_:into:activity:as:)`` writes the plan through the ports (see there for the guarantee).
///
/// **Identity resolution.** Source customer records are the same client when they carry the same
/// host `customerID`; or the same national ID (registration ID for organisations); or, for a
/// record without that ID, the same mobile number, name and birth date (each normalised, see
/// ``MergeLog/MatchRule``). Matches are transitive: core matching card by national ID and the app
/// matching core by phone, name and birth date makes one client of all three.
///
/// **The golden id** is the host `customerID` when a record of the client carries one (records
/// with different ones cannot merge: ``ImportError/Code/conflictingCustomerID``). Otherwise it is
/// the ``SourceIdentity`` text (`core:10001`) of the client's most trusted record by the
/// ``ProfileField/customerID`` precedence: stable across imports as long as that record stays
/// the most trusted one. Hosts that need ids that never move supply `customerID`.
///
/// **Fields** come from the most trusted record that supplies them (``SourcePrecedence``); tags
/// are the union. The ``MergeLog`` says which records merged, why, and which system won each field
/// over which others.
///
/// ```swift
/// let importer = CustomerImporter(calendar: .china, clock: clock)
/// let plan = try importer.plan([
///     try ImportFile(contentsOf: exports.appending(path: "core-customers.csv"), kind: .customers, sourceSystem: .coreBanking),
///     try ImportFile(contentsOf: exports.appending(path: "card-transactions.jsonl"), kind: .transactions, sourceSystem: .creditCard),
/// ])
/// let report = try await importer.load(plan, into: bank.customers, activity: bank.activity)
/// ```
public struct CustomerImporter: Sendable {
    /// Which system wins each profile field.
    public var precedence: SourcePrecedence
    /// The bank's calendar: turns interaction days and times, and consent days, into instants.
    public var calendar: BankCalendar
    /// Stamps imported tags, and consents without a `consentedOn` day; read once per plan.
    public var clock: any WallClock
    /// Records per port call when loading (at least 1).
    public var batchSize: Int

    /// Creates an importer.
    /// - Parameters:
    ///   - precedence: which system wins each profile field.
    ///   - calendar: the bank's calendar.
    ///   - clock: the host's clock.
    ///   - batchSize: records per port call when loading.
    public init(
        precedence: SourcePrecedence = .default,
        calendar: BankCalendar,
        clock: any WallClock,
        batchSize: Int = 1000
    ) {
        self.precedence = precedence
        self.calendar = calendar
        self.clock = clock
        self.batchSize = batchSize
    }

    /// Reads, checks, resolves and merges `files` into a plan, or reports every problem.
    ///
    /// Checks, each an ``ImportError`` naming file, line and field: CSV syntax and column counts,
    /// JSON syntax, unknown, duplicate and missing columns, required values, enum values, dates,
    /// amounts, currencies and numbers, ids repeated within or across files of one kind,
    /// references to source customers that no customers file contains, accounts of another
    /// client, holdings maturing before they open, and merged profiles that fail
    /// ``CustomerProfile/validate(in:)`` (including a client no record gives a branch).
    /// - Parameters:
    ///   - files: the files, in any order; errors come back in this order, then by line.
    ///   - organisation: when it lists branches and staff, each profile's branch and RM must be in it.
    /// - Returns: the plan to hand to ``load(_:into:activity:as:)``.
    /// - Throws: ``ImportFailure`` with every error found; nothing is stored.
    public func plan(_ files: [ImportFile], organisation: Organisation = .empty) throws(ImportFailure) -> ImportPlan {
        var reading = Reading(now: clock.now, calendar: calendar)
        for (index, file) in files.enumerated() { reading.read(file, index: index) }
        var errors = reading.errors

        // Identity resolution and merging.
        let resolution = resolveCustomers(reading.customers, organisation: organisation)
        errors += resolution.errors

        // Re-keying.
        var owners: [AccountID: (customer: CustomerID, location: RecordLocation)] = [:]
        func rekey<Value>(_ pending: PendingRecord<Value>, _ assign: (inout Value, CustomerID) -> Void) -> Value? {
            guard let customer = resolution.golden[pending.owner] else {
                if !reading.rejectedCustomers.contains(pending.owner) {
                    errors.append(
                        ImportError(
                            .unknownCustomer,
                            file: pending.location.file,
                            line: pending.location.line,
                            field: "customer",
                            "no customers file of this import holds customer \(RecordReader.quoted(pending.owner.localID)) of system \(pending.owner.system)"
                        )
                    )
                }
                return nil
            }
            if let account = pending.account, let owner = owners[account], owner.customer != customer {
                errors.append(
                    ImportError(
                        .mismatchedAccount,
                        file: pending.location.file,
                        line: pending.location.line,
                        field: "account",
                        "account \(account) belongs to another client (\(owner.location.file):\(owner.location.line))"
                    )
                )
                return nil
            }
            var value = pending.value
            assign(&value, customer)
            return value
        }
        let accounts = reading.accounts.compactMap { pending in
            let account = rekey(pending) { $0.customer = $1 }
            if let account { owners[account.id] = (account.customer, pending.location) }
            return account
        }
        let holdings = reading.holdings.compactMap { rekey($0) { $0.customer = $1 } }
        let transactions = reading.transactions.compactMap { rekey($0) { $0.customer = $1 } }
        let interactions = reading.interactions.compactMap { rekey($0) { $0.customer = $1 } }

        guard errors.isEmpty else {
            let order = Dictionary(files.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = errors.enumerated().sorted { lhs, rhs in
                let left = (order[lhs.element.file] ?? 0, lhs.element.line ?? 0, lhs.offset)
                let right = (order[rhs.element.file] ?? 0, rhs.element.line ?? 0, rhs.offset)
                return left < right
            }
            throw ImportFailure(errors: sorted.map(\.element))
        }
        return ImportPlan(
            profiles: resolution.profiles,
            accounts: accounts,
            holdings: holdings,
            transactions: transactions,
            interactions: interactions,
            mergeLog: MergeLog(entries: resolution.entries),
            recordsRead: reading.counts
        )
    }

    private struct Resolution {
        var profiles: [CustomerProfile] = []
        var entries: [MergeLog.Entry] = []
        var golden: [SourceIdentity: CustomerID] = [:]
        var errors: [ImportError] = []
    }

    private func resolveCustomers(_ records: [SourceCustomer], organisation: Organisation) -> Resolution {
        var resolution = Resolution()
        let merger = ProfileMerger(precedence: precedence, records: records)
        var firstGroupWithID: [CustomerID: SourceIdentity] = [:]
        for group in IdentityResolver.resolve(records) {
            let outcome = merger.merge(group.members, links: group.links, organisation: organisation)
            resolution.errors += outcome.errors
            let id = outcome.entry.customer
            if let other = firstGroupWithID[id] {
                let source = records[outcome.suppliers[.customerID] ?? group.members.first ?? 0]
                resolution.errors.append(
                    ImportError(
                        .conflictingCustomerID,
                        file: source.location.file,
                        line: source.location.line,
                        field: "customerID",
                        "customer id \(id) is already the id of the client of \(other)"
                    )
                )
                continue
            }
            firstGroupWithID[id] = records[group.members.first ?? 0].identity
            for member in group.members { resolution.golden[records[member].identity] = id }
            resolution.entries.append(outcome.entry)
            if let profile = outcome.profile { resolution.profiles.append(profile) }
        }
        resolution.profiles.sort { $0.id < $1.id }
        resolution.entries.sort { $0.customer < $1.customer }
        return resolution
    }
}

/// The first pass of a plan: every file read and decoded, duplicates found, errors collected.
private struct Reading {
    let now: Instant
    let calendar: BankCalendar
    var errors: [ImportError] = []
    var counts: [ImportFile.Kind: Int] = [:]
    var customers: [SourceCustomer] = []
    /// Customer records that were rejected: activity naming them is not reported again.
    var rejectedCustomers = Set<SourceIdentity>()
    var accounts: [PendingRecord<Account>] = []
    var holdings: [PendingRecord<Holding>] = []
    var transactions: [PendingRecord<Transaction>] = []
    var interactions: [PendingRecord<Interaction>] = []
    private var seen: [ImportFile.Kind: [String: RecordLocation]] = [:]  // first occurrence of each id

    init(now: Instant, calendar: BankCalendar) {
        self.now = now
        self.calendar = calendar
    }

    /// Whether `key` of `kind` is new; records a ``ImportError/Code/duplicateID`` when it is not.
    private mutating func isFirst(_ key: String, _ kind: ImportFile.Kind, at location: RecordLocation) -> Bool {
        guard let first = seen[kind, default: [:]][key] else {
            seen[kind, default: [:]][key] = location
            return true
        }
        let where_ = first.file == location.file ? "line \(first.line)" : "\(first.file) line \(first.line)"
        errors.append(
            ImportError(
                .duplicateID,
                file: location.file,
                line: location.line,
                field: "id",
                "the id appeared before, on \(where_)"
            )
        )
        return false
    }

    mutating func read(_ file: ImportFile, index: Int) {
        guard let format = file.resolvedFormat else {
            errors.append(
                ImportError(
                    .unknownFormat,
                    file: file.name,
                    "the format is not given and the name does not end in .csv, .jsonl or .ndjson"
                )
            )
            return
        }
        counts[file.kind, default: 0] += 0
        let columns = file.kind.columnSet
        RecordReader.read(file, format: format, columns: columns) { event in
            switch event {
            case .row(let row, let present): decode(row, present: present, file: file, index: index, columns: columns)
            case .error(let error): errors.append(error)
            }
        }
    }

    private mutating func decode(_ row: SourceRow, present: [Bool], file: ImportFile, index: Int, columns: ColumnSet) {
        counts[file.kind, default: 0] += 1
        var reader = FieldReader(file: file, row: row, columns: columns, present: present)
        let location = RecordLocation(fileIndex: index, file: file.name, line: row.line)
        switch file.kind {
        case .customers:
            let local = reader.peek("id")
            if let record = SourceCustomer.decode(&reader, fileIndex: index, now: now, calendar: calendar) {
                if isFirst(record.identity.description, .customers, at: location) { customers.append(record) }
            } else if let local {
                rejectedCustomers.insert(SourceIdentity(system: file.sourceSystem, localID: local))
            }
        case .accounts:
            if let record = SourceActivity.account(&reader, fileIndex: index),
                isFirst(record.value.id.rawValue, .accounts, at: location)
            {
                accounts.append(record)
            }
        case .holdings:
            if let record = SourceActivity.holding(&reader, fileIndex: index),
                isFirst(record.value.id.rawValue, .holdings, at: location)
            {
                holdings.append(record)
            }
        case .transactions:
            if let record = SourceActivity.transaction(&reader, fileIndex: index),
                isFirst(record.value.id.rawValue, .transactions, at: location)
            {
                transactions.append(record)
            }
        case .interactions:
            if let record = SourceActivity.interaction(&reader, fileIndex: index, calendar: calendar),
                isFirst(record.value.id.rawValue, .interactions, at: location)
            {
                interactions.append(record)
            }
        }
        errors += reader.errors
    }
}
