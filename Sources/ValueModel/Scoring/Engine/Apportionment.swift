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
    /// - Returns: The parts in hundredths, in the order of `exact`.
    static func apportion(_ exact: [Double], total: Int) -> [Int] {
        var parts = [Int](repeating: 0, count: exact.count)
        apportion(exact, Array(exact.indices), total: total, into: &parts)
        return parts
    }

    /// Apportions `total` over the parts `exact[i]` for `i` in `members` (in that order for
    /// ties), writing `parts[i]`; other entries are untouched.
    static func apportion(_ exact: [Double], _ members: [Int], total: Int, into parts: inout [Int]) {
        guard !members.isEmpty else { return }
        var remaining = total
        for i in members {
            parts[i] = Int(exact[i].rounded(.down))
            remaining -= parts[i]
        }
        // Members are few (the indicators of a dimension): repeated scans cost less than sorting,
        // and a bit mask remembers who already moved a unit.
        var moved = Set<Int>()
        var mask: UInt64 = 0
        let useMask = members.count <= 64
        func hasMoved(_ offset: Int) -> Bool { useMask ? mask >> UInt64(offset) & 1 == 1 : moved.contains(offset) }
        func markMoved(_ offset: Int) {
            if useMask { mask |= 1 << UInt64(offset) } else { moved.insert(offset) }
        }
        func resetMoved() {
            mask = 0
            moved.removeAll()
        }
        while remaining > 0 {
            var best = -1
            for (offset, i) in members.enumerated() where !hasMoved(offset) {
                if best < 0 || exact[i] - Double(parts[i]) > exact[members[best]] - Double(parts[members[best]]) {
                    best = offset
                }
            }
            guard best >= 0 else {
                resetMoved()  // more units than parts: another round
                continue
            }
            parts[members[best]] += 1
            markMoved(best)
            remaining -= 1
        }
        resetMoved()
        var tookAny = false
        while remaining < 0 {
            var worst = -1
            for (offset, i) in members.enumerated().reversed() where !hasMoved(offset) && parts[i] > 0 {
                if worst < 0 || exact[i] - Double(parts[i]) < exact[members[worst]] - Double(parts[members[worst]]) {
                    worst = offset
                }
            }
            guard worst >= 0 else {
                guard tookAny else { break }  // nothing left to take
                tookAny = false
                resetMoved()
                continue
            }
            parts[members[worst]] -= 1
            markMoved(worst)
            tookAny = true
            remaining += 1
        }
    }
}
