/// A table of elements with weights, sampled in constant time (Vose's alias method).
///
/// Build it once, draw from it millions of times. Weights need not sum to one; negative and
/// non-finite weights count as zero. An empty table, or one whose weights are all zero, draws
/// its first element (or `nil` from ``draw(using:)`` when empty).
///
/// ```swift
/// let appetite = WeightedChoice([(RiskAppetite.conservative, 20), (.steady, 35), (.balanced, 30)])
/// var rng = SeededGenerator(seed: 1)
/// let drawn = appetite.draw(using: &rng)
/// ```
public struct WeightedChoice<Element>: Sendable where Element: Sendable {
    /// The elements, in the order given.
    public let elements: [Element]
    /// Each element's probability (weights normalised to sum to 1).
    public let probabilities: [Double]
    private let threshold: [Double]
    private let alias: [Int32]

    /// Creates a table from elements and their weights.
    public init(_ weighted: [(Element, Double)]) {
        elements = weighted.map(\.0)
        let weights = weighted.map { $0.1.isFinite && $0.1 > 0 ? $0.1 : 0 }
        let total = weights.reduce(0, +)
        let count = weights.count
        guard count > 0, total > 0 else {
            probabilities = weights.map { _ in count > 0 ? 1 / Double(count) : 0 }
            threshold = [Double](repeating: 1, count: count)
            alias = (0..<count).map { Int32($0) }
            return
        }
        probabilities = weights.map { $0 / total }
        var scaled = probabilities.map { $0 * Double(count) }
        var threshold = [Double](repeating: 1, count: count)
        var alias = (0..<count).map { Int32($0) }
        var small: [Int] = []
        var large: [Int] = []
        for index in 0..<count {
            if scaled[index] < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            threshold[less] = scaled[less]
            alias[less] = Int32(more)
            scaled[more] = (scaled[more] + scaled[less]) - 1
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        self.threshold = threshold
        self.alias = alias
    }

    /// Creates a table from elements and integer weights.
    public init(_ weighted: [(Element, Int)]) {
        self.init(weighted.map { ($0.0, Double($0.1)) })
    }

    /// The number of elements.
    public var count: Int { elements.count }

    /// The index of a randomly drawn element (0 for an empty table).
    @inline(__always)
    public func drawIndex(using rng: inout SeededGenerator) -> Int {
        let count = threshold.count
        guard count > 1 else { return 0 }
        let index = rng.nextInt(below: count)
        return rng.nextDouble() < threshold[index] ? index : Int(alias[index])
    }

    /// A randomly drawn element, or `nil` when the table is empty.
    @inline(__always)
    public func draw(using rng: inout SeededGenerator) -> Element? {
        guard !elements.isEmpty else { return nil }
        return elements[drawIndex(using: &rng)]
    }

    /// The probability-weighted mean of `value` over the elements.
    public func expectation(_ value: (Element) -> Double) -> Double {
        zip(elements, probabilities).reduce(0) { $0 + value($1.0) * $1.1 }
    }
}
