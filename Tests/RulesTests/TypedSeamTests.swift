import CustomerModel
import Rules
import SyntheticBank
import Testing
import ValueModel

/// The typed seams: one vocabulary per concept, tiers from ladders, tier-change triggers, and
/// facts from other modules through ``FactSource``.
@Suite("Typed seams between modules")
struct TypedSeamTests {
    static let calendar = BankCalendar.china
    static func day(_ text: String) -> Day { EngineTests.day(text) }
    static func at(_ text: String, _ hour: Int) -> Instant { calendar.start(of: day(text), plusMinutes: hour * 60) }
    static func client(_ id: String, _ kind: CustomerKind = .individual) -> ClientRecord {
        ClientRecord(
            profile: CustomerProfile(
                id: CustomerID(id),
                kind: kind,
                name: id,
                coverage: Coverage(relationshipManager: "RM-1", branch: "B-1")
            )
        )
    }

    // MARK: Vocabulary

    @Test func eachVocabularyIsSpelledOnceByItsType() {
        #expect(RFMSegment.cannotLoseThem.ruleName == "cannot_lose")
        #expect(EnumerationType.rfmSegment.values == RFMSegment.allCases.map(\.ruleName))
        #expect(EnumerationType.valueLayer.values == ["high_value", "growing", "potential", "dormant"])
        #expect(EnumerationType.churnRisk.values == ["none", "low", "medium", "high"])
        #expect(EnumerationType.churnRisk.isOrdered)
        for names in [
            RFMSegment.allCases.map(\.ruleName), ValueLayer.allCases.map(\.ruleName),
            NotificationChannel.allCases.map(\.ruleName),
        ] {
            #expect(Set(names).count == names.count)
            #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        }
        #expect(NotificationChannel(ruleWord: "app") == .workbench)
        #expect(NotificationChannel(ruleWord: "wechat") == .wechat)
        #expect(NotificationChannel(ruleWord: "fax") == nil)
        #expect(OutboundNotification.Channel.workbench == NotificationChannel.workbench)
    }

    @Test func rulesWriteChannelsAndChurnLevelsFromTheSharedVocabularies() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "a" when daily if churn.risk >= "high" and rfm.segment in [cannot_lose, "at_risk"]
              then notify(rm, app, "x"), notify(rm, workbench), notify(rm, wechat) end
            """
        )
        var frame = rules.makeFrame(rows: 3)
        let levels: [ChurnRiskLevel] = [.high, .medium, .high]
        let segments: [RFMSegment] = [.cannotLoseThem, .atRisk, .champions]
        for row in 0..<3 {
            try frame.set("churn.risk", row: row, to: .enumeration(levels[row].ruleName))
            try frame.set("rfm.segment", row: row, to: .enumeration(segments[row].ruleName))
        }
        let matches = try rules.evaluate(frame, on: EvaluationDay(Self.day("2026-06-01")))
        #expect(matches.rows(of: "a") == [0])
        let actions = try rules.actions(
            of: rules.rules[0],
            in: frame,
            row: 0,
            on: EvaluationDay(Self.day("2026-06-01"))
        )
        #expect(
            actions.map(\.description) == ["notify rm by workbench", "notify rm by workbench", "notify rm by wechat"]
        )
    }

    // MARK: Tiers

    @Test func tiersCompareWithinTheirLadder() throws {
        let conditions = [
            #"tier >= "platinum""#, #"tier < "platinum""#, #"tier = "core""#, "tier > key", #""diamond" <= tier"#,
            "tier in [gold, core]",
        ]
        let rules = try RuleCompiler().compile(
            conditions.enumerated().map { "rule \"r\($0.offset)\" when daily if \($0.element) then flag(\"x\") end" }
                .joined(separator: "\n")
        )
        let tiers: [String?] = ["diamond", "gold", "core", "key", nil, "private_banking"]
        var frame = rules.makeFrame(rows: tiers.count)
        for (row, tier) in tiers.enumerated() {
            if let tier { try frame.set("tier", row: row, to: .enumeration(tier)) }
        }
        let matches = try rules.evaluate(frame, on: EvaluationDay(Self.day("2026-06-01")))
        #expect(matches.rows(of: "r0") == [0, 5])  // a corporate tier is never >= platinum
        #expect(matches.rows(of: "r1") == [1])
        #expect(matches.rows(of: "r2") == [2])
        #expect(matches.rows(of: "r3") == [2])
        #expect(matches.rows(of: "r4") == [0, 5])
        #expect(matches.rows(of: "r5") == [1, 2])
    }

    @Test func unknownTiersArePositionedWithASuggestion() {
        let text = """
            rule "a"
              when on tier change from "diamnd" to platnum
              if tier >= "privat_banking"
              then flag("x")
            end
            """
        let diagnostics = RuleCompiler().check(text).map(\.description)
        #expect(diagnostics.count == 3)
        #expect(diagnostics.first?.hasPrefix("2:28: error: unknown tier 'diamnd' (did you mean 'diamond'?)") == true)
        #expect(
            diagnostics.dropFirst().first?.hasPrefix("2:40: error: unknown tier 'platnum' (did you mean 'platinum'?)")
                == true
        )
        #expect(
            diagnostics.last?.hasPrefix("3:14: error: unknown tier 'privat_banking' (did you mean 'private_banking'?)")
                == true
        )
    }

    @Test func aBankLadderReplacesTheDefaults() throws {
        var catalogue = FactCatalogue.standard()
        let ladder = try TierLadder(
            name: "my-bank",
            tiers: [
                Tier(id: "silver", displayName: "Silver", minimumAUM: .zero(.cny)),
                Tier(id: "black", displayName: "Black", minimumAUM: Money(major: 1_000_000, currency: .cny)),
            ]
        )
        try catalogue.use(ladders: [ladder])
        let compiler = RuleCompiler(catalogue: catalogue)
        #expect(compiler.check(#"rule "a" when daily if tier >= "black" then flag("x") end"#).isEmpty)
        #expect(
            compiler.check(#"rule "a" when daily if tier >= "diamond" then flag("x") end"#).first?.code == .unknownValue
        )
        let clash = #expect(throws: TierLadderError.self) { try catalogue.use(ladders: [ladder, ladder]) }
        #expect(clash?.code == .duplicateTier)
    }

    @Test func tierChangesBetweenFactUpdatesFireTheirRules() throws {
        let rules = try RuleCompiler().compile(
            """
            rule "any" when on tier change then flag("any") end
            rule "left diamond" when on tier change from "diamond" then flag("left") end
            rule "reached platinum" when on tier change to platinum then flag("reached") end
            rule "down" when on tier change down then notify(rm, sms, "{name}: {tier.previous} to {tier}") end
            rule "up" when on tier change up if aum >= 0 then flag("up") end
            """
        )
        #expect(rules["left diamond"]?.tierChange == TierChangeFilter(from: "diamond"))
        var engine = try RuleEngine(
            rules: rules,
            clients: [Self.client("C-1"), Self.client("C-2")],
            calendar: Self.calendar,
            start: Self.at("2026-06-01", 0)
        )
        func update(_ tiers: [(String, String)], _ at: Instant) throws -> [String] {
            var source = try TierFacts()
            for (client, tier) in tiers { try source.assign(CustomerID(client), tier: tier) }
            return try engine.update(facts: source, at: at).map { "\($0.client) \($0.rule)" }
        }
        // The first tiers are not changes.
        #expect(try update([("C-1", "diamond"), ("C-2", "gold")], Self.at("2026-06-01", 1)).isEmpty)
        #expect(
            try update([("C-1", "platinum"), ("C-2", "gold")], Self.at("2026-06-02", 1)) == [
                "C-1 any", "C-1 left diamond", "C-1 reached platinum", "C-1 down",
            ]
        )
        // Unchanged tiers fire nothing; a move up fires "up" only among the filtered rules.
        #expect(
            try update([("C-1", "platinum"), ("C-2", "platinum")], Self.at("2026-06-03", 1)) == [
                "C-2 any", "C-2 reached platinum", "C-2 up",
            ]
        )
        // A move to another ladder is neither up nor down.
        #expect(try update([("C-1", "core")], Self.at("2026-06-04", 1)) == ["C-1 any"])
        // The same trigger through a single event, with the previous tier in the message.
        let firings = try engine.record(.tierChanged("C-2", to: "gold", at: Self.at("2026-06-05", 1)))
        #expect(firings.map(\.rule) == ["any", "down"])
        #expect(
            firings.last?.actions.first
                == .notify(recipient: .relationshipManager, channel: .sms, message: "C-2: platinum to gold")
        )
        let wrong = #expect(throws: RuleEngineError.self) {
            try engine.record(.tierChanged("C-2", to: "silver", at: Self.at("2026-06-05", 2)))
        }
        #expect(wrong?.code == .invalidValue)
    }

    // MARK: Fact sources

    /// A host's own fact source: wallet share, as a percentage.
    struct WalletShare: FactSource {
        static let share = FactDefinition("wallet_share", .percent, "Our share of the client's financial assets")
        var facts: [FactDefinition] { [Self.share] }
        var clients: [CustomerID]
        var shares: [Double?]
        func values(ofClientAt index: Int, into values: inout FactValues) {
            if let share = shares[index] { values[0] = .percent(share) }
        }
    }

    /// A source that declares a fact with the wrong type for its values.
    struct Broken: FactSource {
        var facts: [FactDefinition] { [WalletShare.share] }
        var clients: [CustomerID] { ["C-1"] }
        func values(ofClientAt index: Int, into values: inout FactValues) { values[0] = .text("high") }
    }

    @Test func aHostFactSourceIsDeclaredCheckedAndDelivered() throws {
        var catalogue = FactCatalogue.standard()
        #expect(
            RuleCompiler(catalogue: catalogue).check(#"rule "a" when daily if wallet_share < 30% then flag("x") end"#)
                .first?.code == .unknownFact
        )
        try catalogue.declare(WalletShare(clients: [], shares: []).facts)
        let misspelt = RuleCompiler(catalogue: catalogue).check(
            #"rule "a" when daily if walet_share < 30% then flag("x") end"#
        )
        #expect(
            misspelt.map(\.description) == ["1:24: error: unknown fact 'walet_share'; did you mean 'wallet_share'?"]
        )
        let conflict = #expect(throws: FactCatalogueError.self) {
            try catalogue.declare([FactDefinition("wallet_share", .number, "a number")])
        }
        #expect(conflict?.code == .conflictingDeclaration)
        let rules = try RuleCompiler(catalogue: catalogue).compile(
            #"rule "low share" when daily at 08:00 if wallet_share < 30% then flag("grow") end"#
        )
        let source = WalletShare(clients: ["C-2", "C-1", "C-9"], shares: [0.1, 0.5, 0.2])
        // Batch: the builder puts the source's values in the rows of the records' clients.
        let frame = try FactFrameBuilder(rules: rules).frame(
            for: [Self.client("C-1"), Self.client("C-2")],
            facts: [source],
            on: EvaluationDay(Self.day("2026-06-01"))
        )
        #expect(frame.value(.attribute("wallet_share"), row: 0) == .percent(0.5))
        #expect(try rules.evaluate(frame, on: EvaluationDay(Self.day("2026-06-01"))).rows(of: "low share") == [1])
        // Engine: tonight's facts, then the schedule.
        var engine = try RuleEngine(
            rules: rules,
            clients: [Self.client("C-1"), Self.client("C-2")],
            calendar: Self.calendar,
            start: Self.at("2026-06-01", 0)
        )
        #expect(try engine.update(facts: source, at: Self.at("2026-06-01", 1)).isEmpty)
        #expect(engine.tick(until: Self.at("2026-06-01", 9)).map(\.client) == ["C-2"])
        // A value of the wrong type is refused, naming the client and the fact.
        let error = #expect(throws: RuleEngineError.self) {
            try engine.update(facts: Broken(), at: Self.at("2026-06-02", 1))
        }
        #expect(error?.client == "C-1")
        #expect(error?.message.contains("wallet_share") == true)
    }

    @Test func valueModelResultsReachTheRulesThroughTheBookSource() throws {
        let bank = SyntheticBank(
            SyntheticBank.Configuration(
                seed: 7,
                clientCount: 200,
                transactionsPerClientPerYear: 30,
                balanceSnapshots: .monthEnd
            )
        )
        let everyone = 0..<bank.clientCount
        let asOf = bank.period.upperBound
        let scores = try BookScoring(asOf: asOf, currency: .cny).run(
            BookInputs(
                profiles: bank.profiles,
                holdings: bank.holdings,
                relationships: bank.relationships,
                referrals: bank.referrals,
                interactions: bank.interactions(clients: everyone),
                balances: bank.balances(clients: everyone),
                transactions: bank.transactionColumns()
            )
        )
        let source = BookFactSource(scores)
        #expect(source.facts.map(\.name) == BookFactSource.facts.map(\.name))
        #expect(
            source.facts.contains { $0.name == "score.current_value" }
                && source.facts.contains { $0.name == "score.strategic_fit" }
        )
        let rules = try RuleCompiler().compile(
            """
            rule "at risk" when daily if churn.risk >= "medium" or rfm.segment = cannot_lose then flag("x") end
            rule "top" when daily if score.decile = 10 and score >= 0 then flag("y") end
            """
        )
        let records = bank.profiles.map { ClientRecord(profile: $0) }
        let frame = try FactFrameBuilder(rules: rules).frame(for: records, facts: [source], on: EvaluationDay(asOf))
        let matches = try rules.evaluate(frame, on: EvaluationDay(asOf))
        var expected: [Int32] = []
        var top = 0
        for (row, record) in records.enumerated() {
            guard let client = scores.client(record.profile.id) else { continue }
            if client.churn.level >= .medium || client.rfm.segment == .cannotLoseThem { expected.append(Int32(row)) }
            if case .enumeration(let segment) = frame.value(.attribute("rfm.segment"), row: row) {
                #expect(segment == client.rfm.segment.ruleName)
            }
            if let score = client.score {
                #expect(frame.value(.attribute("score"), row: row) == .number(score.total.value))
            }
        }
        top = matches.rows(of: "top").count
        #expect(matches.rows(of: "at risk") == expected)
        #expect(!expected.isEmpty)
        // About a tenth of the scored clients are in the top decile.
        #expect(top > 0 && top < records.count / 5)
    }
}
