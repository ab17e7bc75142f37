/// Binary-search helpers for the per-client arrays the in-memory stores keep sorted, so a read
/// is a slice of one array instead of a dictionary lookup per record and a sort.
extension Array {
    /// The first index whose element is not ordered before the key: `isBefore(element)` is true
    /// for every element before it and false from it on (the array is partitioned that way).
    func partitionIndex(where isBefore: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Inserts `element` after every element not ordered after it (stable: equal keys keep
    /// their arrival order).
    ///
    /// Appending in order costs one comparison.
    mutating func insertSorted(_ element: Element, isOrderedBefore: (Element, Element) -> Bool) {
        if let last, isOrderedBefore(element, last) {
            let index = partitionIndex { !isOrderedBefore(element, $0) }
            insert(element, at: index)
        } else {
            append(element)
        }
    }
}
