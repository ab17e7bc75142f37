import CustomerModel
import Foundation

/// One model indicator bound to a table's column, with everything scoring needs precomputed: the
/// normalisation's constants, lookup values by category code, the sorted population for a
/// percentile rank, and the median for the missing-data rule.
struct CompiledIndicator: Sendable {
    enum Kind: Sendable {
        case percentile, linear, logarithmic, categoryLookup, ratingLookup
    }

    /// Position in the model's indicators.
    let position: Int
    let id: IndicatorID
    /// Position of its dimension in the model's dimensions.
    let dimension: Int
    let weight: Double
    let kind: Kind
    /// `floor` and `cap − floor` (linear and expert ratings), or `log1p(floor)` and
    /// `log1p(cap) − log1p(floor)` (logarithmic).
    let offset: Double
    let span: Double
    let invert: Bool
    let missing: MissingDataRule
    let input: IndicatorInputKind
    /// The table's column at batch time (the population).
    let column: IndicatorColumn
    /// Lookups: the value of each category code of the column, and of each lower-cased name.
    let codeValues: [Double]
    let valueByName: [String: Double]
    let defaultValue: Double?
    /// Rating lookups: the value of each whole rating from `ratingLowest`, NaN where the table has none.
    let ratingLowest: Int
    let ratingValues: [Double]
    /// Percentile ranks: the population's present values as sorted order keys.
    var sortedKeys: [UInt64] = []
    /// Percentile ranks: each row's normalised value after direction (batch), 0 where missing.
    var rankValues: [Double] = []
    /// The population median of the normalised value (for the median rule), else 0.
    var median: Double = 0

    init(
        _ indicator: ScoringIndicator, position: Int, dimension: Int, column: IndicatorColumn
    ) throws(ScoringInputError) {
        self.position = position
        id = indicator.id
        self.dimension = dimension
        weight = indicator.weight
        invert = indicator.direction == .higherIsWorse
        missing = indicator.missing
        input = column.input
        self.column = column
        var offset = 0.0
        var span = 1.0
        var codeValues: [Double] = []
        var valueByName: [String: Double] = [:]
        var defaultValue: Double?
        var ratingLowest = 0
        var ratingValues: [Double] = []
        switch indicator.normalisation {
        case .percentileRank:
            kind = .percentile
        case .cappedMinMax(let floor, let cap):
            kind = .linear
            offset = floor
            span = cap - floor
        case .expertRating(let scale):
            kind = .linear
            offset = scale.lowest
            span = scale.highest - scale.lowest
        case .logScale(let floor, let cap):
            kind = .logarithmic
            offset = log1p(floor)
            span = log1p(cap) - offset
        case .lookup(let table):
            for entry in table.entries { valueByName[IndicatorColumn.key(entry.category)] = entry.value }
            defaultValue = table.defaultValue
            if case .rating(let scale) = column.input {
                kind = .ratingLookup
                ratingLowest = Int(scale.lowest)
                ratingValues = (Int(scale.lowest)...Int(scale.highest)).map {
                    valueByName[String($0)] ?? table.defaultValue ?? .nan
                }
            } else {
                kind = .categoryLookup
                for name in column.categories {
                    guard let value = valueByName[IndicatorColumn.key(name)] ?? table.defaultValue else {
                        throw ScoringInputError(
                            .unknownCategory, indicator: indicator.id,
                            "the model's lookup table gives no value for category '\(name)' and has no default")
                    }
                    codeValues.append(value)
                }
            }
        }
        self.offset = offset
        self.span = span
        self.codeValues = codeValues
        self.valueByName = valueByName
        self.defaultValue = defaultValue
        self.ratingLowest = ratingLowest
        self.ratingValues = ratingValues
    }

    /// The normalised value 0...1 of a numeric input (or a category code), before direction, for
    /// every kind but percentile ranks.
    @inline(__always)
    func core(_ x: Double) -> Double {
        let v: Double
        switch kind {
        case .linear: v = (x - offset) / span
        case .logarithmic: v = (log1p(max(x, 0)) - offset) / span
        case .categoryLookup:
            let code = Int(x)
            v = code >= 0 && code < codeValues.count ? codeValues[code] : 0
        case .ratingLookup:
            let index = Int(x.rounded()) - ratingLowest
            v = index >= 0 && index < ratingValues.count && !ratingValues[index].isNaN ? ratingValues[index] : 0
        case .percentile: v = 0
        }
        return min(max(v, 0), 1)
    }

    /// Applies the direction.
    @inline(__always)
    func directed(_ v: Double) -> Double { invert ? 1 - v : v }

    /// The percentile rank of `key` among the population with row `row`'s population value (if it
    /// had one) replaced by `key`, after direction: `(lower + upper − 1) / (2 (n − 1))`, 0.5 when
    /// the population is one value.
    func percentile(_ key: UInt64, replacingRow row: Int?) -> Double {
        var n = sortedKeys.count
        var lower = 0
        var upper = 0
        sortedKeys.withUnsafeBufferPointer { keys in
            lower = RadixSort.countBelow(key, in: keys)
            upper = RadixSort.countAtOrBelow(key, in: keys)
        }
        if let row, column.presence[row] {
            let own = RadixSort.key(column.values[row])
            n -= 1
            if own < key { lower -= 1 }
            if own <= key { upper -= 1 }
        }
        n += 1
        upper += 1
        return directed(Self.rank(lower: lower, upper: upper, count: n))
    }

    /// The normalised rank of a value whose ties occupy sorted positions `lower..<upper` of `count`.
    @inline(__always)
    static func rank(lower: Int, upper: Int, count: Int) -> Double {
        count > 1 ? Double(lower + upper - 1) / Double(2 * (count - 1)) : 0.5
    }

    /// The normalised value of a category name (rescoring), or `nil` when the model has no value for it.
    func lookupValue(ofCategory name: String) -> Double? {
        guard let value = valueByName[IndicatorColumn.key(name)] ?? defaultValue else { return nil }
        return directed(min(max(value, 0), 1))
    }
}
