/// "Did you mean" suggestions by edit distance.
enum Suggestion {
    /// The candidate nearest to `word` by Levenshtein distance over lower-cased Unicode scalars, if
    /// the distance is at most a third of the word's length (at least 2); ties go to the earlier
    /// candidate.
    ///
    /// Failing that, the first candidate that starts with the word (of four letters or
    /// more), as for `percentile` and `percentileRank`.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        if let near = nearest(target, among: candidates) { return near }
        let lowered = word.lowercased()
        guard lowered.count >= 4 else { return nil }
        return candidates.first { $0.lowercased().hasPrefix(lowered) }
    }

    private static func nearest(_ target: [Unicode.Scalar], among candidates: [String]) -> String? {
        let limit = max(2, target.count / 3)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = levenshtein(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (distance, candidate) }
        }
        return best?.candidate
    }

    /// The edit distance between two scalar arrays (insertions, deletions, substitutions).
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// ` (did you mean 'x'?)` or an empty string.
    static func phrase(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
