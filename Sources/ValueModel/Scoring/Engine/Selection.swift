/// Selection of the k-th smallest value in expected linear time (for medians), without sorting.
enum Selection {
    /// Rearranges `values` so that `values[k]` is the value a sort would put there, everything
    /// before it is at most that value and everything after at least; returns `values[k]`.
    ///
    /// Three-way partitioning around a median-of-three pivot, so runs of equal values (common in
    /// normalised scores) cost one pass; after `2 log₂ n` unlucky rounds it falls back to sorting
    /// what remains, so the worst case is O(n log n).
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        guard values.indices.contains(k) else { return 0 }
        var low = 0
        var high = values.count - 1
        var rounds = 0
        let limit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 4
        while low < high {
            rounds += 1
            if rounds > limit {
                values[low...high].sort()
                return values[k]
            }
            let middle = low + (high - low) / 2
            let pivot = medianOfThree(values[low], values[middle], values[high])
            // Dutch national flag: [low, lt) < pivot, [lt, i) == pivot, (gt, high] > pivot.
            var lt = low
            var i = low
            var gt = high
            while i <= gt {
                let value = values[i]
                if value < pivot {
                    values.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if value > pivot {
                    values.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            if k < lt {
                high = lt - 1
            } else if k > gt {
                low = gt + 1
            } else {
                return pivot
            }
        }
        return values[k]
    }

    private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
