/// Largest-remainder rounding: splits a whole number of hundredths among parts so that the parts,
/// each rounded to hundredths, add up exactly to the rounded whole.
///
/// Each part gets the floor of its exact share; the units still missing go one each to the parts
/// with the largest fractional remainders (ties to the earlier part). If the rounded total is
/// below the sum of floors (possible only through floating-point noise), units are taken back
/// from the parts with the smallest remainders that have a unit to give.
enum Apportionment {
    /// The parts, in hundredths, adding up to `total`.
    /// - Parameters:
    ///   - exact: Each part's exact value in hundredths (not negative).
    ///   - total: The rounded total in hundredths.
    static func apportion(_ exact: [Double], total: Int) -> [Int] {
        var parts = exact.map { Int($0.rounded(.down)) }
        var remaining = total - parts.reduce(0, +)
        guard remaining != 0, !parts.isEmpty else { return parts }
        let remainders = exact.indices.map { exact[$0] - Double(parts[$0]) }
        if remaining > 0 {
            let order = exact.indices.sorted {
                remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1)
            }
            var cursor = 0
            while remaining > 0 {
                parts[order[cursor % order.count]] += 1
                remaining -= 1
                cursor += 1
            }
        } else {
            let order = exact.indices.sorted {
                remainders[$0] < remainders[$1] || (remainders[$0] == remainders[$1] && $0 > $1)
            }
            var cursor = 0
            var idle = 0
            while remaining < 0, idle < order.count {
                let index = order[cursor % order.count]
                if parts[index] > 0 {
                    parts[index] -= 1
                    remaining += 1
                    idle = 0
                } else {
                    idle += 1
                }
                cursor += 1
            }
        }
        return parts
    }
}
