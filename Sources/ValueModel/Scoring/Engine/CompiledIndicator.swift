import CustomerModel
import Foundation

/// One model indicator bound to a table's column, with everything scoring needs precomputed: the
/// normalisation's constants (``Normaliser``), the sorted population for a percentile rank, and
/// the median for the missing-data rule.
///
/// A class with constant properties, so the hot loops and the per-client path pass it around with
/// one reference count instead of copying a dozen arrays.
final class CompiledIndicator: Sendable {
    /// The normalisation's arithmetic.
    enum Kind: Sendable {
        case percentile, linear, logarithmic, categoryLookup, ratingLookup
    }

    /// Position in the model's indicators.
    let position: Int
    let id: IndicatorID
    /// Position of its dimension in the model's dimensions.
    let dimension: Int
    let weight: Double
    let missing: MissingDataRule
    let input: IndicatorInputKind
    /// The normalisation's constants and arithmetic.
    let normaliser: Normaliser
    /// The table's column at batch time (the population).
    let column: IndicatorColumn
    /// Lookups: the value of each lower-cased category name, and of any other name.
    let valueByName: [String: Double]
    let defaultValue: Double?
    /// Percentile ranks: the population's present values as sorted order keys.
    let sortedKeys: [UInt64]
    /// Every 64th sorted key: a binary search here (a few kilobytes, cache-resident) narrows a
    /// search of ``sortedKeys`` to one block of 64, so a re-score touches a few cache lines.
    let sampledKeys: [UInt64]
    /// Percentile ranks: each row's normalised value after direction (batch), 0 where missing.
    let rankValues: [Double]
    /// The population median of the normalised value after direction (for the median rule), else 0.
    let median: Double
    /// The range a numeric input must lie in (a count is not negative, a ratio 0...1, a rating on
    /// its scale), and whether the input is a category, for checking re-score inputs cheaply.
    let lowest: Double
    let highest: Double
    let isCategorical: Bool

    var kind: Kind { normaliser.kind }

    /// Why `indicator` cannot be compiled against `column`: a category of the column that the
    /// model's lookup table cannot value.
    static func problem(with indicator: ScoringIndicator, column: IndicatorColumn) -> ScoringInputError? {
        guard case .lookup(let table) = indicator.normalisation, column.input.isCategorical else { return nil }
        for name in column.categories where table.value(for: name) == nil {
            return ScoringInputError(
                .unknownCategory,
                indicator: indicator.id,
                "the model's lookup table gives no value for category '\(name)' and has no default"
            )
        }
        return nil
    }

    /// Compiles `indicator` (already checked with ``problem(with:column:)``): sorts and ranks a
    /// percentile column and takes the median when the missing-data rule needs it.
    init(_ indicator: ScoringIndicator, position: Int, dimension: Int, column: IndicatorColumn) {
        self.position = position
        id = indicator.id
        self.dimension = dimension
        weight = indicator.weight
        missing = indicator.missing
        input = column.input
        self.column = column
        let invert = indicator.direction == .higherIsWorse
        var valueByName: [String: Double] = [:]
        var defaultValue: Double?
        let normaliser: Normaliser
        switch indicator.normalisation {
        case .percentileRank:
            normaliser = Normaliser(kind: .percentile, invert: invert)
        case .cappedMinMax(let floor, let cap):
            normaliser = Normaliser(kind: .linear, invert: invert, offset: floor, span: cap - floor)
        case .expertRating(let scale):
            normaliser = Normaliser(
                kind: .linear,
                invert: invert,
                offset: scale.lowest,
                span: scale.highest - scale.lowest
            )
        case .logScale(let floor, let cap):
            let offset = Normaliser.logOnePlus(floor)
            normaliser = Normaliser(
                kind: .logarithmic,
                invert: invert,
                offset: offset,
                span: Normaliser.logOnePlus(cap) - offset,
                low: floor,
                high: cap
            )
        case .lookup(let table):
            for entry in table.entries { valueByName[IndicatorColumn.key(entry.category)] = entry.value }
            defaultValue = table.defaultValue
            if case .rating(let scale) = column.input {
                let values = (Int(scale.lowest)...Int(scale.highest)).map {
                    valueByName[String($0)] ?? table.defaultValue ?? .nan
                }
                normaliser = Normaliser(
                    kind: .ratingLookup,
                    invert: invert,
                    table: values,
                    tableStart: Int(scale.lowest)
                )
            } else {
                let values = column.categories.map { valueByName[IndicatorColumn.key($0)] ?? table.defaultValue ?? 0 }
                normaliser = Normaliser(kind: .categoryLookup, invert: invert, table: values)
            }
        }
        self.normaliser = normaliser
        self.valueByName = valueByName
        self.defaultValue = defaultValue
        var sorted: [UInt64] = []
        if normaliser.kind == .percentile {
            (sorted, rankValues) = Self.rank(column, invert: invert)
        } else {
            rankValues = []
        }
        sortedKeys = sorted
        sampledKeys = Swift.stride(from: 0, to: sorted.count, by: Self.sampleStride).map { sorted[$0] }
        median = indicator.missing == .median ? Self.median(column, normaliser, rankValues) : 0
        switch column.input {
        case .amount: (lowest, highest) = (-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        case .count: (lowest, highest) = (0, .greatestFiniteMagnitude)
        case .ratio: (lowest, highest) = (0, 1)
        case .rating(let scale): (lowest, highest) = (scale.lowest, scale.highest)
        case .category: (lowest, highest) = (0, 0)
        }
        isCategorical = column.input.isCategorical
    }

    /// Why `value` cannot be this indicator's input, or `nil` when it can.
    func problem(with value: IndicatorValue) -> String? {
        switch value {
        case .number(let number) where !isCategorical:
            // NaN fails both comparisons' complement: `lowest <= NaN` is false.
            return lowest <= number && number <= highest ? nil : IndicatorColumn.problem(with: number, for: input)
        default:
            return column.problem(with: value)
        }
    }

    /// The normalised rank of a value whose ties occupy sorted positions `lower..<upper` of `count`.
    @inline(__always)
    static func rank(lower: Int, upper: Int, count: Int) -> Double {
        count > 1 ? Double(lower + upper - 1) / Double(2 * (count - 1)) : 0.5
    }

    /// The percentile rank of `key` among the population with row `row`'s population value (if it
    /// had one) replaced by `key`, after direction: `(lower + upper − 1) / (2 (n − 1))`, 0.5 when
    /// the population is one value.
    func percentile(_ key: UInt64, replacingRow row: Int?) -> Double {
        var n = sortedKeys.count
        var lower = 0
        var upper = 0
        sortedKeys.withUnsafeBufferPointer { keys in
            sampledKeys.withUnsafeBufferPointer { samples in
                lower = Self.count(of: key, in: keys, samples: samples, includingEqual: false)
                upper = Self.count(of: key, in: keys, samples: samples, includingEqual: true)
            }
        }
        if let row, column.presence[row] {
            let own = RadixSort.key(column.values[row])
            n -= 1
            if own < key { lower -= 1 }
            if own <= key { upper -= 1 }
        }
        n += 1
        upper += 1
        return normaliser.directed(Self.rank(lower: lower, upper: upper, count: n))
    }

    static let sampleStride = 64

    /// The number of `keys` below `key` (or at or below it), searching `samples` (every 64th key)
    /// first, then the one block of `keys` where the count must lie.
    @inline(__always)
    static func count(
        of key: UInt64,
        in keys: UnsafeBufferPointer<UInt64>,
        samples: UnsafeBufferPointer<UInt64>,
        includingEqual: Bool
    ) -> Int {
        // j = samples before the boundary; then keys[(j-1)·64] is before it and keys[j·64] is not.
        var low = 0
        var high = samples.count
        while low < high {
            let middle = (low + high) >> 1
            let before = includingEqual ? samples[middle] <= key : samples[middle] < key
            if before { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        var first = (low - 1) * sampleStride + 1
        var last = min(low * sampleStride, keys.count)
        while first < last {
            let middle = (first + last) >> 1
            let before = includingEqual ? keys[middle] <= key : keys[middle] < key
            if before { first = middle + 1 } else { last = middle }
        }
        return first
    }

    /// The normalised value of a category name (rescoring), after direction, or `nil` when the
    /// model has no value for it.
    func lookupValue(ofCategory name: String) -> Double? {
        guard let value = valueByName[IndicatorColumn.key(name)] ?? defaultValue else { return nil }
        return normaliser.directed(Normaliser.clamp(value))
    }

    /// Sorts the present values and gives every present row its tie-averaged rank.
    private static func rank(_ column: IndicatorColumn, invert: Bool) -> (keys: [UInt64], ranks: [Double]) {
        let n = column.values.count
        var keys: [UInt64] = []
        var rows: [Int32] = []
        keys.reserveCapacity(column.presence.presentCount)
        rows.reserveCapacity(column.presence.presentCount)
        for row in 0..<n where column.presence[row] {
            keys.append(RadixSort.key(column.values[row]))
            rows.append(Int32(row))
        }
        RadixSort.sort(&keys, carrying: &rows)
        var ranks = [Double](repeating: 0, count: n)
        let count = keys.count
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, keys[end] == keys[start] { end += 1 }
            let value = Self.rank(lower: start, upper: end, count: count)
            let directed = invert ? 1 - value : value
            for i in start..<end { ranks[Int(rows[i])] = directed }
            start = end
        }
        return (keys, ranks)
    }

    /// The median of the present rows' normalised values after direction (the mean of the two
    /// middle ones for an even count; 0 when nobody has a value).
    private static func median(_ column: IndicatorColumn, _ normaliser: Normaliser, _ rankValues: [Double]) -> Double {
        let n = column.values.count
        if normaliser.kind == .categoryLookup {
            // Category lookups take few distinct values: count them instead of selecting.
            var counts = [Int](repeating: 0, count: normaliser.table.count)
            var present = 0
            for row in 0..<n where column.presence[row] {
                let code = Int(column.values[row])
                if code >= 0, code < counts.count {
                    counts[code] += 1
                    present += 1
                }
            }
            guard present > 0 else { return 0 }
            let values = counts.indices.filter { counts[$0] > 0 }
                .map { (value: normaliser.directed(normaliser.category(Double($0))), count: counts[$0]) }
                .sorted { $0.value < $1.value }
            func value(at index: Int) -> Double {
                var seen = 0
                for entry in values {
                    seen += entry.count
                    if seen > index { return entry.value }
                }
                return values.last?.value ?? 0
            }
            let middle = present / 2
            return present % 2 == 1 ? value(at: middle) : (value(at: middle - 1) + value(at: middle)) / 2
        }
        var values: [Double] = []
        values.reserveCapacity(column.presence.presentCount)
        for row in 0..<n where column.presence[row] {
            values.append(
                normaliser.kind == .percentile
                    ? rankValues[row] : normaliser.directed(normaliser.normalise(column.values[row]))
            )
        }
        guard !values.isEmpty else { return 0 }
        let middle = values.count / 2
        let upper = Selection.select(&values, middle)
        guard values.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of `middle` after selection.
        var lower = -Double.infinity
        for i in 0..<middle { lower = max(lower, values[i]) }
        return (lower + upper) / 2
    }
}

/// The constants of a normalisation and its arithmetic, shared by the batch pass and the
/// per-client path so both give the same `Double` to the last bit.
struct Normaliser: Sendable {
    let kind: CompiledIndicator.Kind
    let invert: Bool
    /// `floor` (linear, expert ratings) or `log(1 + floor)` (logarithmic).
    let offset: Double
    /// `cap − floor` or `log(1 + cap) − log(1 + floor)`.
    let span: Double
    /// Lookups: the value of each category code, or of each whole rating from `tableStart`
    /// (NaN where a rating has none).
    let table: [Double]
    let tableStart: Int
    /// Logarithmic: inputs at or below `low` normalise to 0 and inputs at or above `high` to 1
    /// without a logarithm (`log` and the rounding of `1 + x` are monotone, and at `cap` the
    /// quotient is `span / span`); `low > high` (never true) when the span is not positive.
    let low: Double
    let high: Double

    init(
        kind: CompiledIndicator.Kind,
        invert: Bool,
        offset: Double = 0,
        span: Double = 1,
        table: [Double] = [],
        tableStart: Int = 0,
        low: Double = .infinity,
        high: Double = -.infinity
    ) {
        self.kind = kind
        self.invert = invert
        self.offset = offset
        self.span = span
        self.table = table
        self.tableStart = tableStart
        let usable = span > 0 && span.isFinite && low.isFinite && high.isFinite
        self.low = usable ? low : -.infinity
        self.high = usable ? high : .infinity
    }

    /// `log(1 + x)` for the log scale, `x` clamped at 0: about twice as fast as `log1p`, and as
    /// exact for amounts.
    @inline(__always)
    static func logOnePlus(_ x: Double) -> Double { Foundation.log(1 + max(x, 0)) }

    /// `v` limited to 0...1 (NaN gives 0), written as selects so loops over it vectorise.
    @inline(__always)
    static func clamp(_ v: Double) -> Double { v > 1 ? 1 : (v > 0 ? v : 0) }

    @inline(__always)
    func directed(_ v: Double) -> Double { invert ? 1 - v : v }

    @inline(__always)
    func linear(_ x: Double) -> Double { Self.clamp((x - offset) / span) }

    @inline(__always)
    func logarithmic(_ x: Double) -> Double {
        x <= low ? 0 : (x >= high ? 1 : Self.clamp((Self.logOnePlus(x) - offset) / span))
    }

    @inline(__always)
    func category(_ code: Double) -> Double {
        let index = Int(code)
        return index >= 0 && index < table.count ? Self.clamp(table[index]) : 0
    }

    @inline(__always)
    func rating(_ x: Double) -> Double {
        let index = Int(x.rounded()) - tableStart
        guard index >= 0, index < table.count, !table[index].isNaN else { return 0 }
        return Self.clamp(table[index])
    }

    /// The normalised value before direction, for every kind but percentile ranks (0 there).
    @inline(__always)
    func normalise(_ x: Double) -> Double {
        switch kind {
        case .linear: linear(x)
        case .logarithmic: logarithmic(x)
        case .categoryLookup: category(x)
        case .ratingLookup: rating(x)
        case .percentile: 0
        }
    }
}
