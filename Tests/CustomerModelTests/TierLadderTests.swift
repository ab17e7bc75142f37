import CustomerModel
import Testing

@Suite("Tier ladders: named, ordered, validated data")
struct TierLadderTests {
    static func cny(_ major: Int64) -> Money { Money(major: major, currency: .cny) }

    @Test func theDefaultLaddersAreValidAndOrdered() throws {
        for ladder in TierLadder.defaults {
            let rebuilt = try TierLadder(name: ladder.name, tiers: ladder.tiers)
            #expect(rebuilt == ladder)
        }
        #expect(TierLadder.individualVIP.ids == ["mass", "gold", "platinum", "diamond", "private_banking"])
        #expect(TierLadder.strategicCorporate.ids == ["ecosystem", "potential", "key", "core"])
        #expect(TierLadder.individualVIP.rank(of: "diamond") == 3)
        #expect(TierLadder.individualVIP.rank(of: "core") == nil)
    }

    @Test func aClientGetsTheHighestTierWhoseThresholdsHold() {
        let vip = TierLadder.individualVIP
        #expect(vip.tier(aum: Self.cny(3_000_000), score: 55)?.id == "diamond")
        #expect(vip.tier(aum: Self.cny(8_000_000), score: 55)?.id == "private_banking")
        // Assets alone are not enough: the score keeps a low-rated client at gold.
        #expect(vip.tier(aum: Self.cny(8_000_000), score: 10)?.id == "gold")
        #expect(vip.tier(aum: Self.cny(0), score: nil)?.id == "mass")
        #expect(vip.tier(aum: Money(major: 9_000_000, currency: .usd), score: 90) == nil)
        #expect(TierLadder.strategicCorporate.tier(aum: Self.cny(60_000_000), score: 80)?.id == "core")
    }

    @Test(arguments: [
        ([Tier](), "empty", "tiers"),
        (
            [
                Tier(id: "gold", displayName: "Gold", minimumAUM: cny(0)),
                Tier(id: "gold", displayName: "Gold 2", minimumAUM: cny(5)),
            ],
            "duplicateTier", "tiers[1].id"
        ),
        (
            [
                Tier(id: "gold", displayName: "Gold", minimumAUM: cny(10)),
                Tier(id: "silver", displayName: "Silver", minimumAUM: cny(5)),
            ],
            "thresholdsNotAscending", "tiers[1]"
        ),
        (
            [
                Tier(id: "a", displayName: "A", minimumAUM: cny(10), minimumScore: 5),
                Tier(id: "b", displayName: "B", minimumAUM: cny(10), minimumScore: 5),
            ],
            "thresholdsNotAscending", "tiers[1]"
        ),
        (
            [
                Tier(id: "a", displayName: "A", minimumAUM: cny(0)),
                Tier(id: "b", displayName: "B", minimumAUM: Money(major: 5, currency: .usd)),
            ],
            "mixedCurrency", "tiers[1].minimumAUM"
        ),
        ([Tier(id: "Gold", displayName: "Gold", minimumAUM: cny(0))], "invalidName", "tiers[0].id"),
        (
            [Tier(id: "a", displayName: "A", minimumAUM: cny(0), minimumScore: 120)], "invalidThreshold",
            "tiers[0].minimumScore"
        ),
    ])
    func invalidLaddersAreRefusedWithATypedError(tiers: [Tier], code: String, path: String) {
        let error = #expect(throws: TierLadderError.self) { try TierLadder(name: "test", tiers: tiers) }
        #expect(error?.code.description == code)
        #expect(error?.path == path)
    }

    @Test func aLadderLoadsFromJSON() throws {
        let ladder = try TierLadder(
            json: """
                {
                  "name": "my-vip",
                  "currency": "CNY",
                  "tiers": [
                    { "id": "silver", "displayName": "Silver", "minimumAUM": 0 },
                    { "id": "gold", "displayName": "Gold", "minimumAUM": 250000.50, "minimumScore": 30 }
                  ]
                }
                """
        )
        #expect(ladder.name == "my-vip")
        #expect(ladder.ids == ["silver", "gold"])
        #expect(ladder["gold"]?.minimumAUM == Money(minorUnits: 25_000_050, currency: .cny))
        #expect(ladder["gold"]?.minimumScore == 30)
    }

    @Test(arguments: [
        (
            #"{"name": "x", "currency": "CNY", "tiers": [{"id": "a", "displayName": "A", "minimumAum": 0}]}"#,
            "unknownField", "tiers[0].minimumAum", 1, 76
        ),
        (
            #"{"name": "x", "currency": "CNY", "tiers": [{"id": "a", "displayName": "A", "minimumAUM": "lots"}]}"#,
            "wrongType", "tiers[0].minimumAUM", 1, 90
        ),
        (
            #"{"name": "x", "currency": "CNY", "tiers": [{"id": "a", "displayName": "A", "minimumAUM": 0}, {"id": "a", "displayName": "B", "minimumAUM": 5}]}"#,
            "duplicateTier", "tiers[1].id", 1, 101
        ),
        ("{\"name\": \"x\",\n \"currency\": \"CNY\"\n", "invalidJSON", "", 3, 1),
    ])
    func jsonErrorsArePositioned(text: String, code: String, path: String, line: Int, column: Int) {
        let error = #expect(throws: TierLadderError.self) { try TierLadder(json: text) }
        #expect(error?.code.description == code)
        #expect(error?.path == path)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }
}
