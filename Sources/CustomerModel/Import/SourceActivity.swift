/// An account, holding, transaction or interaction read from a file, still naming its client by a
/// source system's number.
///
/// ``value`` carries an empty ``CustomerID`` until it is re-keyed to the
/// golden one.
struct PendingRecord<Value: Sendable>: Sendable {
    var value: Value
    /// The client's record in the source system.
    var owner: SourceIdentity
    /// The account the record names, if any (to check it belongs to the same client).
    var account: AccountID?
    var location: RecordLocation
}

/// Decoders for the activity kinds: one row in, one pending record (or errors in the reader) out.
enum SourceActivity {
    private static let placeholder = CustomerID("")

    private static func owner(_ reader: inout FieldReader) -> SourceIdentity? {
        let system = reader.text("customerSystem").map(SourceSystem.init) ?? reader.file.sourceSystem
        guard let local = reader.text("customer", required: true) else { return nil }
        return SourceIdentity(system: system, localID: local)
    }

    private static func location(_ reader: FieldReader, _ fileIndex: Int) -> RecordLocation {
        RecordLocation(fileIndex: fileIndex, file: reader.file.name, line: reader.line)
    }

    static func account(_ reader: inout FieldReader, fileIndex: Int) -> PendingRecord<Account>? {
        let id = reader.text("id", required: true)
        let owner = owner(&reader)
        let product = reader.choice("product", EnumTables.productType, required: true)
        let currency = reader.currency(required: true)
        let opened = reader.day("openedOn", required: true)
        let closed = reader.day("closedOn")
        let status = reader.choice("status", EnumTables.accountStatus) ?? .open
        if let opened, let closed, closed < opened {
            reader.fail(.invalidDate, "closedOn", "the account closes (\(closed)) before it opens (\(opened))")
        }
        guard reader.errors.isEmpty, let id, let owner, let product, let currency, let opened else { return nil }
        let account = Account(
            id: AccountID(id),
            customer: placeholder,
            product: product,
            currency: currency,
            openedOn: opened,
            closedOn: closed,
            status: status,
            sourceSystem: reader.file.sourceSystem
        )
        return PendingRecord(value: account, owner: owner, account: nil, location: location(reader, fileIndex))
    }

    static func holding(_ reader: inout FieldReader, fileIndex: Int) -> PendingRecord<Holding>? {
        let id = reader.text("id", required: true)
        let owner = owner(&reader)
        let account = reader.text("account").map(AccountID.init)
        let product = reader.choice("product", EnumTables.productType, required: true)
        let productCode = reader.text("productCode", required: true)
        let currency = reader.currency(required: true)
        let balance = reader.amount("balance", currency: currency, required: true)
        let opened = reader.day("openedOn", required: true)
        let matures = reader.day("maturesOn")
        let rate = reader.integer("rateBasisPoints", in: -100_000...100_000)
        let renewalName = reader.choice("renewal", EnumTables.renewal)
        let renewedAmount = reader.amount("renewedAmount", currency: currency)
        if let product, product.isAsset, let balance, balance.minorUnits < 0 {
            reader.fail(.invalidAmount, "balance", "an asset holding cannot have a negative balance")
        }
        if let opened, let matures, matures < opened {
            reader.fail(
                .maturityBeforeOpening,
                "maturesOn",
                "the holding matures (\(matures)) before it opens (\(opened))"
            )
        }
        var renewal: RenewalOutcome?
        switch renewalName {
        case .renewed: renewal = .renewed
        case .movedOut: renewal = .movedOut
        case .partlyRenewed:
            if let renewedAmount {
                renewal = .partlyRenewed(amount: renewedAmount)
            } else if !reader.has("renewedAmount") {
                reader.fail(.missingValue, "renewedAmount", "partlyRenewed needs the amount that stayed")
            }
        case nil: break
        }
        if renewalName != .partlyRenewed, reader.has("renewedAmount") {
            reader.fail(.invalidValue, "renewedAmount", "renewedAmount is only for renewal partlyRenewed")
        }
        guard reader.errors.isEmpty, let id, let owner, let product, let productCode, let balance, let opened
        else { return nil }
        let holding = Holding(
            id: HoldingID(id),
            customer: placeholder,
            account: account,
            product: product,
            productCode: productCode,
            balance: balance,
            openedOn: opened,
            maturesOn: matures,
            renewal: renewal,
            rateBasisPoints: rate,
            sourceSystem: reader.file.sourceSystem
        )
        return PendingRecord(value: holding, owner: owner, account: account, location: location(reader, fileIndex))
    }

    static func transaction(_ reader: inout FieldReader, fileIndex: Int) -> PendingRecord<Transaction>? {
        let id = reader.text("id", required: true)
        let owner = owner(&reader)
        let account = reader.text("account").map(AccountID.init)
        let day = reader.day("day", required: true)
        let second = reader.secondOfDay("time") ?? 0
        let type = reader.choice("type", EnumTables.transactionType, required: true)
        let direction = reader.choice("direction", EnumTables.direction, required: true)
        let currency = reader.currency(required: true)
        let amount = reader.amount("amount", currency: currency, required: true)
        let channel = reader.choice("channel", EnumTables.channel) ?? .other
        let category = reader.choice("merchantCategory", EnumTables.merchantCategory)
        let counterparty = reader.text("counterparty")
        let overseas = reader.flag("isOverseas") ?? false
        if let amount, amount.minorUnits <= 0 {
            reader.fail(.invalidAmount, "amount", "the amount must be positive; direction gives the sign")
        }
        guard reader.errors.isEmpty, let id, let owner, let day, let type, let direction, let amount else { return nil }
        let transaction = Transaction(
            id: TransactionID(id),
            customer: placeholder,
            account: account,
            day: day,
            secondOfDay: second,
            type: type,
            direction: direction,
            amount: amount,
            channel: channel,
            merchantCategory: category,
            counterparty: counterparty,
            isOverseas: overseas
        )
        return PendingRecord(value: transaction, owner: owner, account: account, location: location(reader, fileIndex))
    }

    static func interaction(
        _ reader: inout FieldReader,
        fileIndex: Int,
        calendar: BankCalendar
    )
        -> PendingRecord<Interaction>?
    {
        let id = reader.text("id", required: true)
        let owner = owner(&reader)
        let day = reader.day("day", required: true)
        let second = reader.secondOfDay("time") ?? 0
        let channel = reader.choice("channel", EnumTables.interactionChannel, required: true)
        let staff = reader.text("staff").map(StaffID.init)
        let kind = reader.choice("kind", EnumTables.interactionKind, required: true)
        var detail: InteractionDetail?
        switch kind {
        case .contact:
            detail = .contact(notes: reader.text("notes"))
        case .complaint:
            let category = reader.text("category", required: true)
            let severity = reader.integer("severity", in: 1...3, required: true)
            let resolved = reader.day("resolvedOn")
            if let category, let severity {
                detail = .complaint(category: category, severity: severity, resolvedOn: resolved)
            }
        case .serviceRequest:
            let topic = reader.text("topic", required: true)
            let resolved = reader.day("resolvedOn")
            if let topic { detail = .serviceRequest(topic: topic, resolvedOn: resolved) }
        case .satisfaction:
            if let score = reader.integer("score", in: 1...5, required: true) { detail = .satisfaction(score: score) }
        case .appSession:
            let pages = reader.integer("pagesViewed", in: 0...Int.max, required: true)
            let dwell = reader.integer("dwellSeconds", in: 0...Int.max, required: true)
            let interest = reader.text("productInterest")
            if let pages, let dwell {
                detail = .appSession(pagesViewed: pages, dwellSeconds: dwell, productInterest: interest)
            }
        case .eventAttendance:
            if let event = reader.text("event", required: true) { detail = .eventAttendance(event: event) }
        case .servicePromise:
            let promise = reader.text("promise", required: true)
            let due = reader.day("dueOn", required: true)
            let fulfilled = reader.day("fulfilledOn")
            if let promise, let due { detail = .servicePromise(promise: promise, dueOn: due, fulfilledOn: fulfilled) }
        case nil:
            break
        }
        guard reader.errors.isEmpty, let id, let owner, let day, let channel, let detail else { return nil }
        let at = calendar.start(of: day).adding(seconds: Int64(second))
        let interaction = Interaction(
            id: InteractionID(id),
            customer: placeholder,
            at: at,
            day: day,
            channel: channel,
            staff: staff,
            detail: detail
        )
        return PendingRecord(value: interaction, owner: owner, account: nil, location: location(reader, fileIndex))
    }

    /// The names of ``RenewalOutcome``'s cases, for the `renewal` column.
    enum RenewalName: CaseIterable {
        case renewed, partlyRenewed, movedOut
    }
}
