import CustomerModel
import Rules
import Segmentation

/// Facts a test sets by hand: each client's AUM (CNY, major units), value score and credit rating.
struct HandFacts: FactSource {
    static let catalogue = FactCatalogue.standard()
    var facts: [FactDefinition] {
        ["aum", "score", "credit_rating"].compactMap { Self.catalogue[$0] }
    }
    var clients: [CustomerID] = []
    var aum: [Int64?] = []
    var score: [Double?] = []
    var rating: [String?] = []

    mutating func set(_ client: CustomerID, aum: Int64?, score: Double?, rating: String? = "a") {
        if let i = clients.firstIndex(of: client) {
            self.aum[i] = aum
            self.score[i] = score
            self.rating[i] = rating
        } else {
            clients.append(client)
            self.aum.append(aum)
            self.score.append(score)
            self.rating.append(rating)
        }
    }

    func values(ofClientAt index: Int, into values: inout FactValues) {
        if let a = aum[index] { values[0] = .money(Money(major: a, currency: .cny)) }
        if let s = score[index] { values[1] = .number(s) }
        if let r = rating[index] { values[2] = .enumeration(r) }
    }
}

enum Fixtures {
    static func profile(
        _ id: String,
        kind: CustomerKind = .individual,
        rm: String = "RM-A",
        branch: String = "BR-1",
        age birth: Day? = nil
    ) -> CustomerProfile {
        CustomerProfile(
            id: CustomerID(id),
            kind: kind,
            name: "Client \(id)",
            coverage: Coverage(relationshipManager: StaffID(rm), branch: BranchID(branch)),
            birthDate: birth
        )
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d) ?? Day(number: 0) }

    static let service = ServiceModel(rmGrade: "standard", reviewCadence: .quarterly, contactEveryDays: 30)

    /// The individual VIP ladder with AUM and score criteria (any of them), bands on the upper tiers.
    static func vipLadder(bands: Bool = true, approvalFor: Set<String> = []) -> LadderPolicy {
        func tier(_ id: String, aum: Int64, keepAUM: Int64, score: Int, keepScore: Int) -> TierPolicy {
            TierPolicy(
                id: id,
                criteria: [
                    TierCriterion(
                        name: "assets",
                        fact: "aum",
                        atLeast: String(aum),
                        keepAtLeast: bands ? String(keepAUM) : nil
                    ),
                    TierCriterion(
                        name: "value",
                        fact: "score",
                        atLeast: String(score),
                        keepAtLeast: bands ? String(keepScore) : nil
                    ),
                ],
                match: .any,
                needsApproval: approvalFor.contains(id),
                service: service
            )
        }
        return LadderPolicy(
            ladder: .individualVIP,
            kind: .individual,
            tiers: [
                TierPolicy(id: "mass", service: ServiceModel(rmGrade: "pool")),
                tier("gold", aum: 100_000, keepAUM: 80_000, score: 60, keepScore: 55),
                tier("platinum", aum: 500_000, keepAUM: 400_000, score: 70, keepScore: 65),
                tier("diamond", aum: 2_000_000, keepAUM: 1_600_000, score: 80, keepScore: 76),
                tier("private_banking", aum: 6_000_000, keepAUM: 5_000_000, score: 95, keepScore: 93),
            ]
        )
    }

    static func policy(
        version: Int = 1,
        bands: Bool = true,
        movement: MovementRules = MovementRules(upgradeAfter: 1, downgradeAfter: 2, graceDays: 0),
        approvalFor: Set<String> = [],
        segments: [SegmentDefinition] = [],
        exits: [ExitTrigger] = []
    ) throws -> SegmentationPolicy {
        try SegmentationPolicy(
            name: "vip",
            version: version,
            ladders: [vipLadder(bands: bands, approvalFor: approvalFor)],
            segments: segments,
            dimensions: [ClassificationDimension(name: "industry", fact: "industry")],
            exits: exits,
            movement: movement
        )
    }
}
