import CustomerModel
import Foundation
import Testing
import ValueModel

@Suite("Scoring models as JSON")
struct ScoringModelJSONTests {
    /// A valid model; each error case edits one spot of it.
    static let base = """
        {
          "id": "test-model",
          "version": "1",
          "subject": "individual",
          "currency": "CNY",
          "dimensions": {"current": 0.6, "potential": 0.4},
          "indicators": [
            {"id": "aumDeposits", "dimension": "current", "weight": 0.5, "normalisation": {"kind": "logScale", "floor": 0, "cap": 1000000}, "direction": "higherIsBetter", "missing": "zero"},
            {"id": "feeIncome", "dimension": "current", "weight": 0.3, "normalisation": {"kind": "percentileRank"}, "direction": "higherIsBetter", "missing": "zero"},
            {"id": "productsHeld", "dimension": "current", "weight": 0.2, "normalisation": {"kind": "cappedMinMax", "floor": 0, "cap": 6}, "direction": "higherIsBetter", "missing": "zero"},
            {"id": "position", "dimension": "potential", "weight": 0.6, "normalisation": {"kind": "lookup", "table": {"founder": 1, "executive": 0.9, "seniorManager": 0.7, "professional": 0.6, "employee": 0.4, "retired": 0.2, "other": 0.3}}, "direction": "higherIsBetter", "missing": "median"},
            {"id": "creditRating", "dimension": "potential", "weight": 0.4, "normalisation": {"kind": "lookup", "table": {"AAA": 1}, "default": 0.5}, "direction": "higherIsBetter", "missing": "redistribute"}
          ]
        }
        """

    /// One broken model: the edit, and where the error must point. `marker` is text of the edited
    /// model with `⟨` at the expected position.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var old: String
        var new: String
        var code: ScoringModelError.Code
        var path: JSONPath
        var marker: String
        var suggestion: String? = nil

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown indicator",
            old: #""id": "aumDeposits""#,
            new: #""id": "aumDeposit""#,
            code: .unknownIndicator,
            path: ["indicators", 0, "id"],
            marker: #""id": ⟨"aumDeposit""#,
            suggestion: "aumDeposits"
        ),
        Case(
            name: "negative weight",
            old: #""weight": 0.3"#,
            new: #""weight": -0.3"#,
            code: .negativeWeight,
            path: ["indicators", 1, "weight"],
            marker: #""weight": ⟨-0.3"#
        ),
        Case(
            name: "dimension weights do not add up",
            old: #""potential": 0.4}"#,
            new: #""potential": 0.5}"#,
            code: .weightsDoNotAddUp,
            path: ["dimensions"],
            marker: #""dimensions": ⟨{"#
        ),
        Case(
            name: "indicator weights of a dimension do not add up",
            old: #""weight": 0.2"#,
            new: #""weight": 0.25"#,
            code: .weightsDoNotAddUp,
            path: ["indicators", 0, "weight"],
            marker: #""weight": ⟨0.5, "normalisation": {"kind": "logScale""#
        ),
        Case(
            name: "duplicate indicator",
            old: #""id": "productsHeld""#,
            new: #""id": "feeIncome""#,
            code: .duplicateIndicator,
            path: ["indicators", 2, "id"],
            marker: #""id": ⟨"feeIncome", "dimension": "current", "weight": 0.2"#
        ),
        Case(
            name: "unknown dimension among the weights",
            old: #""potential": 0.4"#,
            new: #""potentail": 0.4"#,
            code: .unknownDimension,
            path: ["dimensions", "potentail"],
            marker: #"⟨"potentail""#,
            suggestion: "potential"
        ),
        Case(
            name: "unknown dimension of an indicator",
            old: #""dimension": "current", "weight": 0.3"#,
            new: #""dimension": "curent", "weight": 0.3"#,
            code: .unknownDimension,
            path: ["indicators", 1, "dimension"],
            marker: #"⟨"curent""#,
            suggestion: "current"
        ),
        Case(
            name: "cap not above floor",
            old: #""floor": 0, "cap": 6"#,
            new: #""floor": 0, "cap": 0"#,
            code: .invalidNormalisation,
            path: ["indicators", 2, "normalisation", "cap"],
            marker: #""floor": 0, "cap": ⟨0}"#
        ),
        Case(
            name: "log scale cap not above floor",
            old: #""floor": 0, "cap": 1000000"#,
            new: #""floor": 2000000, "cap": 1000000"#,
            code: .invalidNormalisation,
            path: ["indicators", 0, "normalisation", "cap"],
            marker: #""floor": 2000000, "cap": ⟨1000000"#
        ),
        Case(
            name: "lookup table missing a category",
            old: #", "other": 0.3}"#,
            new: "}",
            code: .lookupMissingCategory,
            path: ["indicators", 3, "normalisation", "table"],
            marker: #""table": ⟨{"founder""#
        ),
        Case(
            name: "version missing",
            old: "\"version\": \"1\",\n  ",
            new: "",
            code: .missingField,
            path: ["version"],
            marker: "⟨{\n  \"id\""
        ),
        Case(
            name: "invalid JSON",
            old: #""weight": 0.3,"#,
            new: #""weight": 0.3,,"#,
            code: .invalidJSON,
            path: .root,
            marker: #""weight": 0.3,⟨,"#
        ),
        Case(
            name: "unknown field",
            old: #""weight": 0.3"#,
            new: #""weight": 0.3, "wieght": 1"#,
            code: .unknownField,
            path: ["indicators", 1, "wieght"],
            marker: #"⟨"wieght""#,
            suggestion: "weight"
        ),
        Case(
            name: "a string where a number belongs",
            old: #""weight": 0.3"#,
            new: #""weight": "0.3""#,
            code: .wrongType,
            path: ["indicators", 1, "weight"],
            marker: #""weight": ⟨"0.3""#
        ),
        Case(
            name: "a corporate indicator in an individual model",
            old: #""id": "productsHeld""#,
            new: #""id": "annualRevenue""#,
            code: .indicatorNotForSubject,
            path: ["indicators", 2, "id"],
            marker: #""id": ⟨"annualRevenue""#
        ),
        Case(
            name: "lookup on an amount",
            old: #"{"kind": "logScale", "floor": 0, "cap": 1000000}"#,
            new: #"{"kind": "lookup", "table": {"a": 1}, "default": 0}"#,
            code: .normalisationNotApplicable,
            path: ["indicators", 0, "normalisation", "kind"],
            marker: #"{"kind": ⟨"lookup", "table": {"a""#
        ),
        Case(
            name: "unknown category in a lookup table",
            old: #""founder": 1"#,
            new: #""fouder": 1"#,
            code: .unknownCategory,
            path: ["indicators", 3, "normalisation", "table", "fouder"],
            marker: #"⟨"fouder""#,
            suggestion: "founder"
        ),
        Case(
            name: "open categories need a default",
            old:
                #"{"id": "creditRating", "dimension": "potential", "weight": 0.4, "normalisation": {"kind": "lookup", "table": {"AAA": 1}, "default": 0.5}"#,
            new:
                #"{"id": "industryOutlook", "dimension": "potential", "weight": 0.4, "normalisation": {"kind": "lookup", "table": {"healthcare": 1}}"#,
            code: .lookupMissingCategory,
            path: ["indicators", 4, "normalisation", "default"],
            marker: #""normalisation": ⟨{"kind": "lookup", "table": {"healthcare""#
        ),
        Case(
            name: "expert rating on the wrong scale",
            old:
                #""id": "productsHeld", "dimension": "current", "weight": 0.2, "normalisation": {"kind": "cappedMinMax", "floor": 0, "cap": 6}"#,
            new:
                #""id": "satisfaction", "dimension": "current", "weight": 0.2, "normalisation": {"kind": "expertRating", "scale": "zeroToHundred"}"#,
            code: .normalisationNotApplicable,
            path: ["indicators", 2, "normalisation", "scale"],
            marker: #""scale": ⟨"zeroToHundred""#
        ),
        Case(
            name: "a weighted dimension without indicators",
            old: #""potential": 0.4}"#,
            new: #""potential": 0.4, "relationship": 0}"#,
            code: .dimensionWithoutIndicators,
            path: ["dimensions", "relationship"],
            marker: #"⟨"relationship""#
        ),
        Case(
            name: "an indicator in a dimension without weight",
            old: #""dimension": "potential", "weight": 0.4"#,
            new: #""dimension": "loyalty", "weight": 0.4"#,
            code: .dimensionNotWeighted,
            path: ["indicators", 4, "dimension"],
            marker: #""dimension": ⟨"loyalty""#
        ),
        Case(
            name: "a corporate dimension in an individual model",
            old: #""current": 0.6"#,
            new: #""financial": 0.6"#,
            code: .dimensionNotForSubject,
            path: ["dimensions", "financial"],
            marker: #"⟨"financial""#
        ),
        Case(
            name: "an unknown subject",
            old: #""subject": "individual""#,
            new: #""subject": "person""#,
            code: .invalidValue,
            path: ["subject"],
            marker: #""subject": ⟨"person""#
        ),
        Case(
            name: "an unknown normalisation",
            old: #"{"kind": "percentileRank"}"#,
            new: #"{"kind": "percentile"}"#,
            code: .invalidNormalisation,
            path: ["indicators", 1, "normalisation", "kind"],
            marker: #"{"kind": ⟨"percentile"}"#,
            suggestion: "percentileRank"
        ),
        Case(
            name: "a missing-data rule missing",
            old: #", "missing": "zero"}"#,
            new: "}",
            code: .missingField,
            path: ["indicators", 0, "missing"],
            marker: #"⟨{"id": "aumDeposits""#
        ),
        Case(
            name: "a lookup value above 1",
            old: #""executive": 0.9"#,
            new: #""executive": 1.5"#,
            code: .invalidNormalisation,
            path: ["indicators", 3, "normalisation", "table", "executive"],
            marker: #"⟨"executive""#
        ),
        Case(
            name: "a bad currency",
            old: #""currency": "CNY""#,
            new: #""currency": "yuan""#,
            code: .invalidValue,
            path: ["currency"],
            marker: #""currency": ⟨"yuan""#
        ),
    ]

    /// The line and column (Unicode scalars) of the `⟨` in `marker` within `text`.
    static func expectedPosition(_ marker: String, in text: String) throws -> (line: Int, column: Int) {
        let parts = marker.components(separatedBy: "⟨")
        let needle = parts.joined()
        let ranges = text.ranges(of: needle)
        try #require(ranges.count == 1, "marker \(marker) occurs \(ranges.count) times")
        let target =
            text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: ranges[0].lowerBound)
            + parts[0].unicodeScalars.count
        var line = 1
        var column = 1
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == target { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    @Test func theBaseModelIsValid() throws {
        let model = try ScoringModel(json: Self.base)
        #expect(model.reference == ScoringModelReference(id: "test-model", version: "1"))
        #expect(model.indicators.count == 5)
        #expect(model.indicators(in: .potential).map(\.id) == [.position, .creditRating])
        #expect(model.weight(of: .current) == 0.6)
        #expect(model.currency == .cny)
    }

    @Test(arguments: cases)
    func errorsNameLineColumnAndPath(_ test: Case) throws {
        try #require(Self.base.contains(test.old), "the edit of \(test.name) does not apply")
        let text = Self.base.replacingFirst(test.old, with: test.new)
        let expected = try Self.expectedPosition(test.marker, in: text)
        let error = try #require(throws: ScoringModelError.self) { try ScoringModel(json: text) }
        #expect(error.code == test.code, "\(error)")
        #expect(error.path == test.path, "\(error)")
        #expect(error.line == expected.line, "\(error)")
        #expect(error.column == expected.column, "\(error)")
        #expect(error.suggestion == test.suggestion, "\(error)")
        #expect(error.description.hasPrefix("line \(expected.line), column \(expected.column): \(test.path): "))
    }

    @Test func weightsMayMissOneByLessThanTheTolerance() throws {
        let within = Self.base.replacingFirst(#""current": 0.6"#, with: #""current": 0.6000000005"#)
        _ = try ScoringModel(json: within)
        let beyond = Self.base.replacingFirst(#""current": 0.6"#, with: #""current": 0.600000002"#)
        let error = try #require(throws: ScoringModelError.self) { try ScoringModel(json: beyond) }
        #expect(error.code == .weightsDoNotAddUp)
    }

    @Test func theShippedModelsLoadFromTheirJSONAndRoundTrip() throws {
        for model in [ScoringModel.defaultIndividual, .defaultStrategicCorporate] {
            let loaded = try ScoringModel(json: model.jsonText)
            #expect(loaded == model)
            #expect(loaded.jsonText == model.jsonText)
        }
        #expect(ScoringModel.defaultIndividual.subject == .individual)
        #expect(ScoringModel.defaultStrategicCorporate.subject == .corporate)
    }

    @Test func theIndividualModelCoversEveryIndicatorOfTheDomainTable() {
        let used = Set(ScoringModel.defaultIndividual.indicators.map(\.id))
        let domain: [IndicatorID] = [
            .aumDeposits, .aumWealthProducts, .aumFunds, .aumInsurance, .feeIncome, .loanInterest, .ftpContribution,
            .transactionsLast6Months, .productsHeld, .lifeStage, .occupation, .position, .industryOutlook,
            .creditRating, .borrowingCapacity, .referralsMade, .referredClientsValue, .socialInfluence,
            .householdValue, .enterpriseValue, .walletShare, .rmInteractions, .satisfaction, .churnSignals,
        ]
        #expect(domain.allSatisfy(used.contains))
        #expect(
            Set(ScoringModel.defaultIndividual.dimensions.map(\.dimension)) == [
                .current, .potential, .relationship, .loyalty,
            ]
        )
        let corporate = ScoringModel.defaultStrategicCorporate
        #expect(Set(corporate.dimensions.map(\.dimension)) == Set(ScoringDimension.dimensions(of: .corporate)))
        // Quantitative indicators and expert ratings mixed.
        let kinds = Set(corporate.indicators.map(\.normalisation.kindName))
        #expect(kinds.isSuperset(of: ["logScale", "percentileRank", "expertRating", "lookup", "cappedMinMax"]))
    }

    @Test func aModelWithEveryNormalisationRoundTrips() throws {
        let model = try ScoringModel(
            id: "every-kind",
            version: "7",
            subject: .individual,
            currency: nil,
            summary: "all kinds",
            dimensions: [DimensionWeight(.current, 0.5), DimensionWeight(.loyalty, 0.5)],
            indicators: [
                ScoringIndicator(
                    .aumDeposits,
                    dimension: .current,
                    weight: 0.25,
                    normalisation: .percentileRank,
                    missing: .zero
                ),
                ScoringIndicator(
                    .aumFunds,
                    dimension: .current,
                    weight: 0.25,
                    normalisation: .logScale(floor: 1e-3, cap: 1.5e20),
                    missing: .median
                ),
                ScoringIndicator(
                    .productsHeld,
                    dimension: .current,
                    weight: 0.5,
                    normalisation: .cappedMinMax(floor: -1, cap: 0.1),
                    direction: .higherIsWorse,
                    missing: .redistribute
                ),
                ScoringIndicator(
                    .satisfaction,
                    dimension: .loyalty,
                    weight: 0.4,
                    normalisation: .expertRating(.oneToFive),
                    missing: .median
                ),
                ScoringIndicator(
                    .creditRating,
                    dimension: .loyalty,
                    weight: 0.6,
                    normalisation: .lookup(LookupTable(["AAA": 1, "D": 0], default: 1.0 / 3)),
                    missing: .zero
                ),
            ]
        )
        let text = model.jsonText
        #expect(try ScoringModel(json: text) == model)
        #expect(text.contains(#""kind": "logScale""#))
    }

    @Test func modelsBuiltInCodeAreValidatedWithPathsButNoPositions() {
        let error = #expect(throws: ScoringModelError.self) {
            try ScoringModel(
                id: "m",
                version: "1",
                subject: .individual,
                dimensions: [DimensionWeight(.current, 0.5), DimensionWeight(.current, 0.5)],
                indicators: [
                    ScoringIndicator(
                        .aumDeposits,
                        dimension: .current,
                        weight: 1,
                        normalisation: .percentileRank,
                        missing: .zero
                    )
                ]
            )
        }
        #expect(error?.code == .duplicateDimension)
        #expect(error?.path == ["dimensions", "current"])
        #expect(error?.line == nil)
        let empty = #expect(throws: ScoringModelError.self) {
            try ScoringModel(id: "m", version: " ", subject: .individual, dimensions: [], indicators: [])
        }
        #expect(empty?.code == .missingField)
        #expect(empty?.path == ["version"])
        #expect(IndicatorCatalogue.closest(to: "satisfation") == .satisfaction)
        #expect(IndicatorCatalogue.closest(to: "zzzzzz") == nil)
    }
}

extension String {
    fileprivate func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}
