import CustomerModel

extension ScoreHistoryState {
    /// What the commit phase does with one record of a batch.
    private enum Operation {
        case insert(record: Int, client: Int32, model: Int32)
        case replace(record: Int, client: Int32, model: Int32, row: Int)
    }

    /// A (client, day, model) key within one batch.
    private struct Key: Hashable {
        var client: Int32
        var day: Int32
        var model: Int32
    }

    /// Where a batch's clients stand: the dense index of each record's client (`-1` when the store
    /// has not scored the client yet), and the distinct clients, known then new, in order of first
    /// appearance.
    ///
    /// One hash lookup a record; no set of ids.
    struct Located {
        var indices: [Int32]
        var known: [CustomerID]
        var new: [CustomerID]
    }

    func locate(_ scores: [ScoreRecord]) -> Located {
        var indices = [Int32](repeating: -1, count: scores.count)
        var seen = [Bool](repeating: false, count: clientIDs.count)
        var known: [CustomerID] = []
        var new: [CustomerID] = []
        var newSeen = Set<CustomerID>()
        var last: (id: CustomerID, index: Int32)?
        for (i, score) in scores.enumerated() {
            if let last, last.id == score.customer {
                indices[i] = last.index
                continue
            }
            if let index = clientIndex[score.customer] {
                indices[i] = index
                if !seen[Int(index)] {
                    seen[Int(index)] = true
                    known.append(score.customer)
                }
                last = (score.customer, index)
            } else {
                if newSeen.insert(score.customer).inserted { new.append(score.customer) }
                last = (score.customer, -1)
            }
        }
        return Located(indices: indices, known: known, new: new)
    }

    /// Records a validated batch, all or none: a planning pass finds every key's fate without
    /// changing anything (and returns the first conflict), then a commit pass applies the plan.
    ///
    /// `indices` are from ``locate(_:)`` (clients are never removed, so they stay valid; a `-1`
    /// is looked up again, since another batch may have added the client since).
    mutating func record(
        _ scores: [ScoreRecord],
        indices: [Int32],
        replacing: Bool
    )
        -> Result<ScoreRecordingReport, StoreError>
    {
        var addedClients: [CustomerID] = []
        var addedClientIndex: [CustomerID: Int32] = [:]
        var addedModels: [ScoreModelVersion] = []
        var lastModel: (version: ScoreModelVersion, index: Int32)?
        let storedClients = Int32(truncatingIfNeeded: clientIDs.count)

        // Pass 1: each record's model and client index, and how many records each client has in
        // the batch (saturating at 2): only a client with several can repeat a key in the batch.
        var modelOf = [Int32](repeating: 0, count: scores.count)
        var clientOf = [Int32](repeating: 0, count: scores.count)
        var recordsOf = [UInt8](repeating: 0, count: clientIDs.count)
        for i in scores.indices {
            let version = scores[i].model
            let model: Int32
            if let lastModel, lastModel.version == version {
                model = lastModel.index
            } else if let known = modelIndex[version] {
                model = known
            } else if let added = addedModels.firstIndex(of: version) {
                model = Int32(truncatingIfNeeded: models.count + added)
            } else {
                model = Int32(truncatingIfNeeded: models.count + addedModels.count)
                addedModels.append(version)
            }
            lastModel = (version, model)
            modelOf[i] = model
            let client: Int32
            if i < indices.count, indices[i] >= 0 {
                client = indices[i]
            } else if let known = clientIndex[scores[i].customer] ?? addedClientIndex[scores[i].customer] {
                client = known
            } else {
                client = storedClients + Int32(truncatingIfNeeded: addedClients.count)
                addedClients.append(scores[i].customer)
                addedClientIndex[scores[i].customer] = client
                recordsOf.append(0)
            }
            clientOf[i] = client
            recordsOf[Int(client)] = min(2, recordsOf[Int(client)] + 1)
        }

        // Pass 2: each record's fate, without changing anything.
        var operations: [Operation] = []
        operations.reserveCapacity(scores.count)
        var firstOfKey: [Key: Int] = [:]
        var unchanged = 0
        for i in scores.indices {
            let model = modelOf[i]
            let client = clientOf[i]
            let key = Key(client: client, day: scores[i].day.number, model: model)
            if recordsOf[Int(client)] > 1 {
                if let first = firstOfKey[key] {
                    guard scores[first] == scores[i] else {
                        return .failure(
                            StoreError(
                                .conflict,
                                customer: scores[i].customer,
                                record: Self.name(scores[i]),
                                "the batch holds two different scores for this client, day and model version"
                            )
                        )
                    }
                    unchanged += 1
                    continue
                }
                firstOfKey[key] = i
            }
            if client < storedClients, let at = row(client: Int(client), day: key.day, model: model) {
                if row(rows[Int(client)][at], holds: scores[i]) {
                    unchanged += 1
                } else if replacing {
                    operations.append(.replace(record: i, client: client, model: model, row: at))
                } else {
                    return .failure(
                        StoreError(
                            .conflict,
                            customer: scores[i].customer,
                            record: Self.name(scores[i]),
                            "a different score is stored for this client, day and model version; record it with replacing: true to correct it"
                        )
                    )
                }
            } else {
                operations.append(.insert(record: i, client: client, model: model))
            }
        }

        var needed = 0
        for operation in operations {
            if case .insert(let i, _, _) = operation { needed += scores[i].dimensions.count }
            if case .replace(let i, _, _, _) = operation { needed += scores[i].dimensions.count }
        }
        guard dimensions.count + needed <= Self.dimensionCapacity else {
            return .failure(
                StoreError(.unavailable, field: "dimensions", "the in-memory score history is full; nothing was stored")
            )
        }

        // Commit: nothing below can fail.
        dimensions.reserveCapacity(dimensions.count + needed)
        for id in addedClients {
            clientIndex[id] = Int32(truncatingIfNeeded: clientIDs.count)
            clientIDs.append(id)
            rows.append([])
        }
        for version in addedModels {
            modelIndex[version] = Int32(truncatingIfNeeded: models.count)
            models.append(version)
        }
        var inserted = 0
        var replaced = 0
        for operation in operations {
            switch operation {
            case .insert(let i, let client, let model):
                let score = scores[i]
                let row = makeRow(score, model: model)
                let c = Int(client)
                if let last = rows[c].last, !last.precedes(day: row.day, model: model) {
                    rows[c].insert(row, at: position(client: c, day: row.day, model: model))
                } else {
                    rows[c].append(row)
                }
                addToBook(model: model, day: row.day, total: row.total)
                inserted += 1
            case .replace(let i, let client, let model, let at):
                let score = scores[i]
                let c = Int(client)
                let old = rows[c][at]
                var row: Row
                if Int(old.dimensionCount) == score.dimensions.count {
                    row = old
                    for (offset, value) in score.dimensions.enumerated() {
                        dimensions[Int(old.dimensionStart) + offset] = value
                    }
                    row.total = score.total
                    row.aum = score.aum.minorUnits
                    row.currency = score.aum.currency
                    row.rfm = Self.pack(score.rfm)
                    row.churn = Self.pack(score.churn)
                } else {
                    row = makeRow(score, model: model)
                }
                rows[c][at] = row
                replaceInBook(model: model, day: row.day, old: old.total, new: row.total)
                replaced += 1
            }
        }
        return .success(ScoreRecordingReport(recorded: inserted, unchanged: unchanged, replaced: replaced))
    }

    /// `2026-11-23 cvm-individual@3`: how errors name a record.
    static func name(_ score: ScoreRecord) -> String { "\(score.day) \(score.model)" }

    private mutating func addToBook(model: Int32, day: Int32, total: Double) {
        let key = BookKey(model: model, day: day)
        books[key, default: Book()].append(total)
    }

    private mutating func replaceInBook(model: Int32, day: Int32, old: Double, new: Double) {
        books[BookKey(model: model, day: day), default: Book()].replace(old, with: new)
    }
}

extension ScoreHistoryState.Book {
    /// Adds a total; the book stays sorted when totals arrive in ascending order.
    mutating func append(_ total: Double) {
        if let last = totals.last, last > total { isSorted = false }
        totals.append(total)
        hasThresholds = false
    }

    /// Replaces one occurrence of `old` with `new`.
    mutating func replace(_ old: Double, with new: Double) {
        let index: Int?
        if isSorted {
            let at = Self.firstIndex(in: totals) { $0 >= old }
            index = at < totals.count && totals[at] == old ? at : nil
        } else {
            index = totals.firstIndex(of: old)
        }
        if let index {
            totals[index] = new
            isSorted = false
            hasThresholds = false
        } else {
            append(new)
        }
    }
}
