public import CustomerModel
public import ValueModel

/// The tier ladders the cycle assigns from, by kind of client: each client gets the highest tier
/// of its kind's ladder whose entry thresholds (AUM, value score) it meets.
public struct CycleTierLadders: Sendable {
    /// The ladder of individual clients.
    public var individual: TierLadder
    /// The ladder of corporate clients.
    public var corporate: TierLadder

    /// Ladders by kind of client.
    public init(individual: TierLadder, corporate: TierLadder) {
        self.individual = individual
        self.corporate = corporate
    }

    /// The default ladders: ``/CustomerModel/TierLadder/individualVIP`` and
    /// ``/CustomerModel/TierLadder/strategicCorporate``.
    public static let defaults = CycleTierLadders(individual: .individualVIP, corporate: .strategicCorporate)

    /// The ladder of `kind`.
    public func ladder(for kind: CustomerKind) -> TierLadder { kind == .individual ? individual : corporate }
}

extension CycleStage {
    /// `assign-tiers`: each client's tier from its AUM on the cycle day and its value score, on
    /// the ladder of its kind, handed to the rules as the `tier` fact (a change fires the
    /// `on tier change` rules).
    public static let assignTiers = CycleStage(name: "assign-tiers", effect: .computation) {
        context throws(CycleFailure) in
        let book = try context.requireBook()
        let scores = try context.requireScores()
        let ladders = context.ladders
        var tiers: TierFacts
        do throws(TierLadderError) { tiers = try TierFacts(ladders: [ladders.individual, ladders.corporate]) } catch {
            throw .state("the tier ladders do not fit together: \(error)")
        }
        let aum = CycleScoreRecords.assets(book.holdings, on: context.asOf, currency: context.scoring.currency)
        var totals: [CustomerID: Double] = [:]
        for row in CycleScoreRow.rows(of: scores) { totals[row.customer] = Double(row.totalHundredths) / 100 }
        var assigned = 0
        for profile in book.profiles {
            let tier = tiers.assign(
                profile.id,
                on: ladders.ladder(for: profile.kind),
                aum: Money(minorUnits: aum[profile.id] ?? 0, currency: context.scoring.currency),
                score: totals[profile.id]
            )
            if tier != nil { assigned += 1 }
        }
        context.tiers = tiers
        return [CycleCount("clients", book.profiles.count), CycleCount("tiered", assigned)]
    }
}
