import CustomerModel
import Foundation
import Testing
import ValueModel

/// Reads the CDNOW files bundled in `Resources/cdnow` (CRLF or LF line endings).
enum CDNOW {
    static func lines(_ name: String, _ ext: String) throws -> [Substring] {
        let url = try #require(Bundle.module.url(forResource: "Resources/cdnow/\(name)", withExtension: ext))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .filter { !$0.isEmpty }
    }

    /// `cdnow_customers_summary.csv`: `ID,frequency,recency,T` in weeks, spend unknown (zero).
    static func summaries() throws -> CustomerSummaries {
        var rows: [CustomerSummary] = []
        for line in try lines("cdnow_customers_summary", "csv").dropFirst() {
            let f = line.split(separator: ",")
            try #require(f.count == 4)
            rows.append(
                CustomerSummary(
                    customer: CustomerID(String(f[0])),
                    frequency: try #require(Int(f[1])),
                    recency: try #require(Double(f[2])),
                    age: try #require(Double(f[3])),
                    repeatSpend: .zero(.usd)
                )
            )
        }
        return try CustomerSummaries(rows, currency: .usd, timeUnit: .weeks)
    }

    /// `cdnow_customers_summary_with_transactions.csv`: `ID,x,t_x,T,zbar`; repeat spend = `zbar · x`.
    static func summariesWithSpend() throws -> (summaries: CustomerSummaries, zbar: [String: Double]) {
        var rows: [CustomerSummary] = []
        var zbar: [String: Double] = [:]
        for line in try lines("cdnow_customers_summary_with_transactions", "csv").dropFirst() {
            let f = line.split(separator: ",")
            try #require(f.count == 5)
            let x = try #require(Int(f[1]))
            let mean = try Money(parsing: f[4], currency: .usd)
            zbar[String(f[0])] = mean.majorUnits
            rows.append(
                CustomerSummary(
                    customer: CustomerID(String(f[0])),
                    frequency: x,
                    recency: try #require(Double(f[2])),
                    age: try #require(Double(f[3])),
                    repeatSpend: Money(minorUnits: mean.minorUnits * Int64(x), currency: .usd)
                )
            )
        }
        return (try CustomerSummaries(rows, currency: .usd, timeUnit: .weeks), zbar)
    }

    /// `CDNOW_sample.txt`: master id, sample id (1-2357), YYYYMMDD, CDs, dollars. Clients are named
    /// by their sample id without leading zeros, as in the summary files.
    static func purchases() throws -> [Purchase] {
        try lines("CDNOW_sample", "txt").map { line in
            let f = line.split(separator: " ")
            try #require(f.count == 5)
            let id = try #require(Int(f[1]))
            return Purchase(
                customer: CustomerID(String(id)),
                day: try Day(parsing: f[2]),
                amount: try Money(parsing: f[4], currency: .usd)
            )
        }
    }

    static let calibrationEnd = Day(year: 1997, month: 9, day: 30)!
    static let holdoutEnd = Day(year: 1998, month: 6, day: 30)!
}

/// A small deterministic generator (SplitMix64) so tests never depend on the clock.
struct TestRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Gamma(shape, rate 1) by Marsaglia & Tsang (2000), boosted for shape < 1.
    mutating func gamma(_ shape: Double) -> Double {
        if shape < 1 { return gamma(shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let v = pow(1 + c * x, 3)
            if v > 0, log(uniform()) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(a)
        return x / (x + gamma(b))
    }
}

/// The ``LifetimeValueError`` `body` throws, or `nil` when it throws nothing (or another error).
func lifetimeError(_ body: () throws -> Void) -> LifetimeValueError? {
    do { try body() } catch let error as LifetimeValueError { return error } catch { return nil }
    return nil
}
