public import CustomerModel
public import ValueModel

/// ValueModel's results for a book as a ``FactSource``: value score and its decile and dimension
/// scores, value layer, RFM scores and segment, churn level and signal count, and the BG/NBD
/// lifetime figures when the scoring run computed them.
///
/// Built once from a ``/ValueModel/BookScores`` (O(clients), plus sorting the totals for the
/// deciles); each client's values are then read from columns by dense index.
///
/// ```swift
/// let scores = try BookScoring(...).run(...)
/// let firings = try engine.update(facts: BookFactSource(scores), at: clock.now)
/// ```
///
/// Facts (all client facts, read by any rule):
/// - `score` (number 0-100), `score.decile` (count 1-10 within the client's book, 10 = top),
///   `score.<dimension>` for each CVM dimension (`score.current_value`, `score.loyalty`,
///   `score.strategic_fit` ...), missing for clients without a profile or another kind's dimensions;
/// - `value_layer` (``/ValueModel/ValueLayer``), `rfm.recency`, `rfm.frequency`, `rfm.monetary`
///   (counts 1-5), `rfm.segment` (``/ValueModel/RFMSegment``);
/// - `churn.risk` (``/ValueModel/ChurnRiskLevel``, ordered: `churn.risk >= "high"`), `churn.signals`;
/// - `p_alive` (percent) and `lifetime.expected_transactions` (number), missing when the run did
///   not compute lifetime figures or the client has no purchase.
public struct BookFactSource: FactSource {
    /// The facts every book source declares, in value order.
    public static let facts: [FactDefinition] = {
        var facts = [
            FactDefinition("score", .number, "Customer value score 0-100"),
            FactDefinition("score.decile", .count, "Decile of the value score in the client's book (10 = top)"),
        ]
        for dimension in ScoringDimension.allCases {
            facts.append(
                FactDefinition(
                    dimensionFact(dimension),
                    .number,
                    "The \(dimension.title) dimension of the value score, 0-100"
                )
            )
        }
        facts += [
            FactDefinition("value_layer", .enumeration(.valueLayer), "Value layer of the RFM grid"),
            FactDefinition("rfm.recency", .count, "RFM recency score 1-5"),
            FactDefinition("rfm.frequency", .count, "RFM frequency score 1-5"),
            FactDefinition("rfm.monetary", .count, "RFM monetary score 1-5"),
            FactDefinition("rfm.segment", .enumeration(.rfmSegment), "RFM segment"),
            FactDefinition("churn.risk", .enumeration(.churnRisk), "Churn risk level, none to high"),
            FactDefinition("churn.signals", .count, "Number of churn signals that fired"),
            FactDefinition("p_alive", .percent, "Probability the client is still active (BG/NBD)"),
            FactDefinition(
                "lifetime.expected_transactions",
                .number,
                "Expected transactions over the lifetime model's horizon"
            ),
        ]
        return facts
    }()

    /// The fact name of a CVM dimension: `score.current_value`, `score.strategic_fit`, `score.esg`.
    public static func dimensionFact(_ dimension: ScoringDimension) -> String {
        "score." + dimension.title.lowercased().replacingSpaces()
    }

    /// The clients, by dense index (the book's).
    public let clients: [CustomerID]
    private let rfm: RFMBook
    private let churn: ChurnBook
    /// Per client: total score (NaN when unscored), its decile (0 when unscored), dimension scores
    /// by ``ScoringDimension`` case order (NaN when absent), lifetime figures (NaN when absent).
    private let totals: [Double]
    private let deciles: [Int8]
    private let dimensions: [[Double]]
    private let alive: [Double]
    private let expected: [Double]

    /// Reads `scores`' columns once.
    public init(_ scores: BookScores) {
        let n = scores.count
        clients = scores.customers
        rfm = scores.rfm
        churn = scores.churn
        var totals = [Double](repeating: .nan, count: n)
        var deciles = [Int8](repeating: 0, count: n)
        var dimensions = [[Double]](
            repeating: [Double](repeating: .nan, count: n),
            count: ScoringDimension.allCases.count
        )
        for book in [scores.individuals, scores.corporates].compactMap({ $0 }) {
            var dense = [Int](repeating: -1, count: book.count)
            for (row, id) in book.customers.enumerated() where row < book.count {
                guard let i = scores.index(of: id) else { continue }
                dense[row] = i
                totals[i] = book.total(ofRow: row).value
                for (d, dimension) in ScoringDimension.allCases.enumerated() {
                    if let points = book.score(of: dimension, ofRow: row) { dimensions[d][i] = points.value }
                }
            }
            // Decile: 1 + 10 × (clients of the book scoring strictly lower) / book size, capped at 10.
            let order = book.totalHundredths.indices.sorted { book.totalHundredths[$0] < book.totalHundredths[$1] }
            var lower = 0
            for (k, row) in order.enumerated() {
                if k > 0, book.totalHundredths[order[k - 1]] < book.totalHundredths[row] { lower = k }
                guard dense[row] >= 0 else { continue }
                deciles[dense[row]] = Int8(min(10, 1 + 10 * lower / max(order.count, 1)))
            }
        }
        var alive = [Double](repeating: .nan, count: n)
        var expected = [Double](repeating: .nan, count: n)
        if case .success(let lifetime)? = scores.lifetime {
            for (k, id) in lifetime.summaries.customers.enumerated() where k < lifetime.probabilityAlive.count {
                guard let i = scores.index(of: id) else { continue }
                alive[i] = lifetime.probabilityAlive[k]
                expected[i] = lifetime.expectedTransactions[k]
            }
        }
        self.totals = totals
        self.deciles = deciles
        self.dimensions = dimensions
        self.alive = alive
        self.expected = expected
    }

    /// The value score (0-100) of the client at dense index `index`, or `nil` when unscored (the
    /// input a ``/CustomerModel/TierLadder`` assignment needs, without building an explanation).
    public func score(ofClientAt index: Int) -> Double? {
        totals.indices.contains(index) && !totals[index].isNaN ? totals[index] : nil
    }

    /// The facts this source supplies: the same list as the type's own `facts`.
    public var facts: [FactDefinition] { Self.facts }

    /// Writes client `index`'s values in the order of `facts`.
    public func values(ofClientAt index: Int, into values: inout FactValues) {
        guard clients.indices.contains(index) else { return }
        func number(_ x: Double) -> FactValue { x.isNaN ? .missing : .number(x) }
        var p = 0
        values[p] = number(totals[index])
        values[p + 1] = deciles[index] > 0 ? .count(Int64(deciles[index])) : .missing
        p += 2
        for d in dimensions.indices {
            values[p] = number(dimensions[d][index])
            p += 1
        }
        if index < rfm.count {
            values.set(p, rfm.layer[index])
            values[p + 1] = .count(Int64(rfm.recencyScore[index]))
            values[p + 2] = .count(Int64(rfm.frequencyScore[index]))
            values[p + 3] = .count(Int64(rfm.monetaryScore[index]))
            values.set(p + 4, rfm.segment[index])
        }
        p += 5
        if index < churn.count {
            values.set(p, churn.level[index])
            values[p + 1] = .count(Int64(churn.signalCount[index]))
        }
        p += 2
        values[p] = alive[index].isNaN ? .missing : .percent(alive[index])
        values[p + 1] = number(expected[index])
    }
}

extension String {
    /// `strategic fit` → `strategic_fit`.
    fileprivate func replacingSpaces() -> String {
        String(unicodeScalars.map { $0 == " " ? "_" : Character($0) })
    }
}
