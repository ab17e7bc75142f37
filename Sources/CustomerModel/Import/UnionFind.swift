/// Disjoint sets over `0..<count` with path halving and union by size: near-constant time per
/// operation, so a million source records resolve in one pass.
struct UnionFind: Sendable {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    /// The representative of `element`'s set.
    mutating func find(_ element: Int) -> Int {
        var node = element
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    /// Joins the sets of `a` and `b`; returns whether they were separate.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var rootA = find(a)
        var rootB = find(b)
        if rootA == rootB { return false }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = rootA
        size[rootA] += size[rootB]
        return true
    }

    /// The sets, each sorted ascending, ordered by their smallest element.
    mutating func groups() -> [[Int]] {
        var byRoot: [Int: Int] = [:]
        var groups: [[Int]] = []
        for element in parent.indices {
            let root = find(element)
            if let index = byRoot[root] {
                groups[index].append(element)
            } else {
                byRoot[root] = groups.count
                groups.append([element])
            }
        }
        return groups
    }
}
