/// A fast, seeded random number generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed (and stream) always gives the same numbers, on every platform and Swift
/// version, so a synthetic bank generated from a seed is the same everywhere. Independent
/// streams from one seed (one per client, one per kind of data) let parts of a bank be
/// generated separately, in any order and in parallel, with the same result.
///
/// The helpers (``nextDouble()``, ``nextInt(below:)``) and the samplers in `Samplers.swift`
/// use only integer and IEEE-754 arithmetic, never the standard library's unspecified
/// `random(in:using:)` algorithms or Foundation, so their output does not drift between releases.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42, stream: 7)
/// let die = rng.nextInt(in: 1...6)
/// let aum = rng.logNormal(median: 800_000, sigma: 1.2)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // xoshiro must not start at all zeros
    }

    /// Creates the generator of one independent stream of `seed`: the same pair always gives
    /// the same numbers, and different streams do not overlap in practice.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed &+ SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019)))
    }

    /// Creates the generator of stream `stream` of purpose `purpose` of `seed` (for example
    /// client 17's transactions).
    public init(seed: UInt64, stream: UInt64, purpose: UInt64) {
        self.init(seed: SplitMix64.mix(seed ^ SplitMix64.mix(purpose &* 0xD1B5_4A32_D192_ED03)), stream: stream)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Double` in `(0, 1]`: never zero, so its logarithm is finite.
    @inline(__always)
    public mutating func nextPositiveDouble() -> Double {
        Double((next() >> 11) &+ 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`, exactly uniform (Lemire's multiply-and-reject method).
    ///
    /// Returns 0 when `bound` is 0 or less.
    @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`, exactly uniform.
    @inline(__always)
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound &+ nextInt(below: range.upperBound &- range.lowerBound &+ 1)
    }

    /// A uniform `Double` in `range` (upper bound excluded).
    @inline(__always)
    public mutating func nextDouble(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
    }

    /// `true` with probability `probability` (clamped to 0...1).
    @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        nextDouble() < probability
    }

    /// A uniformly chosen element of `elements`, or `nil` when it is empty.
    public mutating func element<C: RandomAccessCollection>(of elements: C) -> C.Element? {
        guard !elements.isEmpty else { return nil }
        return elements[elements.index(elements.startIndex, offsetBy: nextInt(below: elements.count))]
    }

    /// Shuffles `elements` in place (Fisher-Yates), reproducibly.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            let other = nextInt(below: index + 1)
            if other != index { elements.swapAt(index, other) }
        }
    }
}

/// SplitMix64: seeds xoshiro and mixes stream numbers into seeds.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective, well-mixing hash of 64 bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
