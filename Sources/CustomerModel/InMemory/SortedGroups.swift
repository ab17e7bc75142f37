/// Gathers per-client arrays into one, for reads of many clients at once (the daily cycle reads
/// the whole book): one array of exactly the final size, and no sort when the gathered records
/// are already in order.
///
/// The in-memory stores keep each client's records sorted; when the clients come sorted and the
/// record ids lead with the client id (as core-banking ids usually do), the concatenation is
/// already sorted and one comparison per record confirms it.
extension Array {
    /// The elements of `groups`, in order, in one array reserved for all of them.
    static func gathering(_ groups: [ArraySlice<Element>]) -> [Element] {
        var total = 0
        for group in groups { total += group.count }
        var result: [Element] = []
        result.reserveCapacity(total)
        for group in groups { result.append(contentsOf: group) }
        return result
    }

    /// Sorts by `isOrderedBefore` unless already in that order (checked in one pass).
    mutating func sortUnlessSorted(by isOrderedBefore: (Element, Element) -> Bool) {
        var index = 1
        while index < count, !isOrderedBefore(self[index], self[index - 1]) { index += 1 }
        if index < count { sort(by: isOrderedBefore) }
    }
}
