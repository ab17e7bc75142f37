public import CustomerModel

extension TierReviewer {
    /// The client's tier as of `day`, since when and why; `nil` before its first review.
    /// - Throws: ``SegmentationError`` `store`.
    public func tier(
        of client: CustomerID,
        asOf day: Day,
        as principal: Principal
    ) async throws(SegmentationError)
        -> TierAsOf?
    {
        do throws(StoreError) { return try await store.tier(of: client, asOf: day, as: principal) } catch {
            throw .store(error)
        }
    }

    /// The client's events (moves, proposals, decisions, warnings, overrides, exits) in `days`.
    /// - Throws: ``SegmentationError`` `store`.
    public func history(
        of client: CustomerID,
        in days: ClosedRange<Day>,
        as principal: Principal
    )
        async throws(SegmentationError) -> [TierEvent]
    {
        do throws(StoreError) { return try await store.history(of: client, in: days, as: principal) } catch {
            throw .store(error)
        }
    }

    /// Why the client was in its tier and segments on `day`: the last evaluation on or before
    /// it, criterion by criterion with the facts used, and the tier as of the day with its reason.
    /// - Throws: ``SegmentationError`` `store`, or `notFound` when the client had no evaluation by then.
    public func why(
        _ client: CustomerID,
        asOf day: Day,
        as principal: Principal
    ) async throws(SegmentationError)
        -> (evaluation: EvaluationRecord, tier: TierAsOf?)
    {
        let evaluations: [EvaluationRecord]
        let tier: TierAsOf?
        do throws(StoreError) {
            evaluations = try await store.evaluations(of: client, in: Day(number: Int32.min)...day, as: principal)
            tier = try await store.tier(of: client, asOf: day, as: principal)
        } catch {
            throw .store(error)
        }
        guard let last = evaluations.last else {
            throw SegmentationError(.notFound, customer: client, "the client had no evaluation by \(day)")
        }
        return (last, tier)
    }

    /// How many clients in the principal's scope moved from each tier to each tier between `from` and `to`.
    /// - Throws: ``SegmentationError`` `store`.
    public func migrationMatrix(
        from: Day,
        to: Day,
        as principal: Principal
    ) async throws(SegmentationError)
        -> MigrationMatrix
    {
        do throws(StoreError) {
            let before = try await store.tiers(asOf: from, of: nil, as: principal)
            let after = try await store.tiers(asOf: to, of: nil, as: principal)
            return MigrationMatrix(
                from: from,
                to: to,
                before: before,
                after: after,
                order: policy.ladders.flatMap(\.ladder.ids)
            )
        } catch {
            throw .store(error)
        }
    }
}
