import ClienteleSupport
public import CustomerModel

/// RFM scores of a whole book as of a day, as columns: recency, frequency and monetary quintile
/// scores, the segment and the value layer of every client.
///
/// Recency is the last selected transaction on or before the analysis day; frequency and
/// monetary value count the selected transactions in the window (``ActivityWindows`` says which
/// rows and which window). Each of R, F and M is scored 1-5 over the *active* clients (those with
/// a selected transaction in the window) by ``QuintileCuts``: a value scores `1 + ⌊5·(C − 1)/n⌋`
/// where `C` counts active clients with the same or a worse value, so equal values always score
/// alike and the best value always scores 5; recency ranks the last day (later is better). Inactive clients are not ranked and score
/// R 1, F 1, M 1 (segment lost, layer dormant). Segments and layers follow ``RFMSegmentMap``.
///
/// ```swift
/// let selection = TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
/// let windows = ActivityWindows(asOf: asOf, rfmDays: 365, selection: selection)
/// let book = try RFMBook(columns: bank.transactionColumns(), windows: windows)
/// print(book.segmentCounts[.champions] ?? 0)
/// print(book.score(0).explanation)
/// ```
public struct RFMBook: Sendable {
    /// The measures the scores come from.
    public let activity: ActivityAggregates
    /// Recency score (1-5) of each client.
    public let recencyScore: [UInt8]
    /// Frequency score (1-5) of each client.
    public let frequencyScore: [UInt8]
    /// Monetary score (1-5) of each client.
    public let monetaryScore: [UInt8]
    /// Segment of each client.
    public let segment: [RFMSegment]
    /// Value layer of each client.
    public let layer: [ValueLayer]
    /// Cuts of the last-day numbers of the active clients (recency).
    public let recencyCuts: QuintileCuts
    /// Cuts of the active clients' frequencies.
    public let frequencyCuts: QuintileCuts
    /// Cuts of the active clients' monetary sums in minor units.
    public let monetaryCuts: QuintileCuts
    /// The number of active (ranked) clients.
    public let activeCount: Int

    /// The windows scored.
    public var windows: ActivityWindows { activity.windows }
    /// The client of each index.
    public var customers: [CustomerID] { activity.customers }
    /// The number of clients.
    public var count: Int { activity.count }

    /// Aggregates a columnar snapshot and scores it.
    ///
    /// It measures only what RFM needs, in a lighter pass than a full ``ActivityAggregates``
    /// (client, day, amount and currency, plus type and direction when the selection filters on
    /// them): ``activity`` then has ``ActivityAggregates/includesChurnMeasures`` false. To score
    /// RFM and churn from one pass, build the aggregates and use ``init(activity:)``.
    /// - Throws: ``ActivityError`` as ``ActivityAggregates/init(columns:windows:)`` does.
    /// - Complexity: O(rows + clients).
    public init(columns: TransactionColumns, windows: ActivityWindows) throws(ActivityError) {
        self.init(activity: try ActivityAggregates(rfmColumns: columns, windows: windows))
    }

    /// Scores aggregates already built.
    /// - Complexity: O(clients): the cuts are counted from the columns (``QuintileCuts``), not sorted.
    public init(activity: ActivityAggregates) {
        self.activity = activity
        let n = activity.count
        var active = 0
        var cuts = [QuintileCuts](repeating: QuintileCuts(cuts: [], count: 0), count: 3)
        activity.lastDay.withUnsafeBufferPointer { lastDay in
            activity.frequency.withUnsafeBufferPointer { frequency in
                activity.monetaryMinorUnits.withUnsafeBufferPointer { monetary in
                    // One read: the active clients and the range of each measure among them.
                    var low = (Int64.max, Int64.max, Int64.max)
                    var high = (Int64.min, Int64.min, Int64.min)
                    for i in 0..<min(n, lastDay.count, frequency.count, monetary.count) where frequency[i] > 0 {
                        active &+= 1
                        let r = Int64(lastDay[i])
                        let f = Int64(frequency[i])
                        let m = monetary[i]
                        low = (min(low.0, r), min(low.1, f), min(low.2, m))
                        high = (max(high.0, r), max(high.1, f), max(high.2, m))
                    }
                    let count = active
                    cuts.withUnsafeMutableBufferPointer { cuts in
                        let shared = UncheckedSendable(value: cuts)
                        // The monetary cuts (wide amounts: two reads) on one core, R and F on the other.
                        ParallelWork.run(count >= 1 << 14 ? 2 : 1) { job in
                            let cuts = shared.value
                            if job == 0 {
                                cuts[2] = QuintileCuts.compute(
                                    monetary,
                                    where: frequency,
                                    count: count,
                                    lowest: low.2,
                                    highest: high.2
                                )
                            }
                            if job == 1 || count < 1 << 14 {
                                cuts[0] = QuintileCuts.compute(
                                    lastDay,
                                    where: frequency,
                                    count: count,
                                    lowest: low.0,
                                    highest: high.0
                                )
                                cuts[1] = QuintileCuts.compute(
                                    frequency,
                                    where: frequency,
                                    count: count,
                                    lowest: low.1,
                                    highest: high.1
                                )
                            }
                        }
                    }
                }
            }
        }
        recencyCuts = cuts[0]
        frequencyCuts = cuts[1]
        monetaryCuts = cuts[2]
        activeCount = active
        var r = [UInt8](repeating: 1, count: n)
        var f = [UInt8](repeating: 1, count: n)
        var m = [UInt8](repeating: 1, count: n)
        var s = [RFMSegment](repeating: .lost, count: n)
        var l = [ValueLayer](repeating: .dormant, count: n)
        if active > 0 {
            Self.fill(activity, cuts: cuts, r: &r, f: &f, m: &m, segment: &s, layer: &l)
        }
        recencyScore = r
        frequencyScore = f
        monetaryScore = m
        segment = s
        layer = l
    }

    /// Scores every active client, clients split across the cores.
    private static func fill(
        _ activity: ActivityAggregates,
        cuts: [QuintileCuts],
        r: inout [UInt8],
        f: inout [UInt8],
        m: inout [UInt8],
        segment: inout [RFMSegment],
        layer: inout [ValueLayer]
    ) {
        let n = activity.count
        let parts = ParallelWork.ranges(n, minimumChunk: 1 << 15)
        // Four thresholds each; a level no value reaches gets a threshold above every value.
        func padded(_ cuts: [Int64]) -> [Int64] { cuts + [Int64](repeating: .max, count: 4 - cuts.count) }
        let rc = padded(cuts[0].cuts).map { Int32(clamping: $0) }
        let fc = padded(cuts[1].cuts).map { Int32(clamping: $0) }
        let mc = padded(cuts[2].cuts)
        let reachable = (cuts[0].cuts.count, cuts[1].cuts.count, cuts[2].cuts.count)
        var segments = [RFMSegment](repeating: .lost, count: 25)
        var layers = [ValueLayer](repeating: .dormant, count: 25)
        for recency in 1...5 {
            for fm in 1...5 {
                segments[RFMSegmentMap.index(recency, fm)] = RFMSegmentMap.segment(recency: recency, fm: fm)
                layers[RFMSegmentMap.index(recency, fm)] = RFMSegmentMap.layer(recency: recency, fm: fm)
            }
        }
        activity.lastDay.withUnsafeBufferPointer { lastDay in
            activity.frequency.withUnsafeBufferPointer { frequency in
                activity.monetaryMinorUnits.withUnsafeBufferPointer { monetary in
                    r.withUnsafeMutableBufferPointer { r in
                        f.withUnsafeMutableBufferPointer { f in
                            m.withUnsafeMutableBufferPointer { m in
                                segment.withUnsafeMutableBufferPointer { segment in
                                    layer.withUnsafeMutableBufferPointer { layer in
                                        let io = UncheckedSendable(
                                            value: (lastDay, frequency, monetary, r, f, m, segment, layer)
                                        )
                                        ParallelWork.run(parts.count) { k in
                                            let o = io.value
                                            @inline(__always) func score<T: Comparable>(
                                                _ v: T,
                                                _ c: [T],
                                                _ n: Int
                                            )
                                                -> Int
                                            {
                                                let s =
                                                    1 + (v >= c[0] ? 1 : 0) + (v >= c[1] ? 1 : 0)
                                                    + (v >= c[2] ? 1 : 0) + (v >= c[3] ? 1 : 0)
                                                return min(s, n + 1)
                                            }
                                            for i in parts[k] where o.1[i] > 0 {
                                                let rs = score(o.0[i], rc, reachable.0)
                                                let fs = score(o.1[i], fc, reachable.1)
                                                let ms = score(o.2[i], mc, reachable.2)
                                                let cell = (rs - 1) * 5 + (fs + ms + 1) / 2 - 1
                                                o.3[i] = UInt8(truncatingIfNeeded: rs)
                                                o.4[i] = UInt8(truncatingIfNeeded: fs)
                                                o.5[i] = UInt8(truncatingIfNeeded: ms)
                                                o.6[i] = segments[cell]
                                                o.7[i] = layers[cell]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether client `index` has a selected transaction in the window.
    public func isActive(_ index: Int) -> Bool { activity.frequency[index] > 0 }

    /// Whether client `index` is highlighted at risk (R 1-2, FM 3-5).
    public func isAtRisk(_ index: Int) -> Bool {
        RFMSegmentMap.isAtRisk(
            recency: Int(recencyScore[index]),
            fm: RFMSegmentMap.fm(frequency: Int(frequencyScore[index]), monetary: Int(monetaryScore[index]))
        )
    }

    /// Days from client `index`'s last selected transaction to the analysis day, or `nil` if none.
    public func recencyDays(_ index: Int) -> Int? {
        let last = activity.lastDay[index]
        return last == .min ? nil : Int(windows.asOf.number) - Int(last)
    }

    /// How many clients fall in each segment (segments with no client are absent).
    /// - Complexity: O(clients).
    public var segmentCounts: [RFMSegment: Int] {
        var counts: [RFMSegment: Int] = [:]
        for s in segment { counts[s, default: 0] += 1 }
        return counts
    }

    /// How many clients fall in each value layer (layers with no client are absent).
    /// - Complexity: O(clients).
    public var layerCounts: [ValueLayer: Int] {
        var counts: [ValueLayer: Int] = [:]
        for l in layer { counts[l, default: 0] += 1 }
        return counts
    }

    /// The index of client `id`, or `nil` when it is not in the book.
    /// - Complexity: O(clients).
    public func index(of id: CustomerID) -> Int? { customers.firstIndex(of: id) }

    /// Client `index`'s result with its explanation.
    /// - Precondition: `index` is in `0..<count` (a programming error otherwise).
    public func score(_ index: Int) -> RFMScore {
        score(customers[index], activity.client(index))
    }

    /// Scores one client's fresh measures against this book's cuts, without re-ranking the book:
    /// the single-client path after an event (a new transaction moves this client, not the
    /// cuts; re-run the batch to move them).
    ///
    /// ```swift
    /// let fresh = try ClientActivity(transactions: clientTransactions, windows: book.windows)
    /// let updated = book.rescore("C000042", fresh)
    /// ```
    /// - Complexity: O(1) plus the explanation text.
    public func rescore(_ customer: CustomerID, _ fresh: ClientActivity) -> RFMScore {
        score(customer, fresh)
    }

    private func score(_ customer: CustomerID, _ client: ClientActivity) -> RFMScore {
        let currency = windows.selection.currency
        let active = client.frequency > 0
        let r = active ? recencyCuts.score(Int64(client.lastDay?.number ?? .min)) : 1
        let f = active ? frequencyCuts.score(Int64(client.frequency)) : 1
        let m = active ? monetaryCuts.score(client.monetaryMinorUnits) : 1
        return RFMScore(
            customer: customer,
            asOf: windows.asOf,
            windowDays: windows.rfmDays,
            isActive: active,
            lastDay: client.lastDay,
            frequency: client.frequency,
            monetary: Money(minorUnits: client.monetaryMinorUnits, currency: currency),
            recencyScore: r,
            frequencyScore: f,
            monetaryScore: m,
            explanation: explanation(r, f, m, client, currency: currency)
        )
    }

    private func explanation(
        _ r: Int,
        _ f: Int,
        _ m: Int,
        _ client: ClientActivity,
        currency: CurrencyCode
    )
        -> String
    {
        let asOf = windows.asOf
        let window = windows.rfmDays
        guard client.frequency > 0 else {
            let last =
                client.lastDay.map { "last transaction \($0), \($0.days(until: asOf)) days before \(asOf)" }
                ?? "no transaction on or before \(asOf)"
            return "No transaction in the \(window)-day window to \(asOf) (\(last)): not ranked among the "
                + "\(activeCount) active clients; scored R 1, F 1, M 1, segment lost, value layer dormant."
        }
        let fm = RFMSegmentMap.fm(frequency: f, monetary: m)
        let recency = client.lastDay.map { $0.days(until: asOf) } ?? 0
        func levels(_ count: Int) -> String { (0..<count).map { String($0 + 2) }.joined(separator: "/") }
        let recencyNeeds = recencyCuts.cuts.map { String(Int(asOf.number) - Int($0)) }.joined(separator: "/")
        let frequencyNeeds = frequencyCuts.cuts.map { String($0) }.joined(separator: "/")
        let monetaryNeeds = monetaryCuts.cuts.map { Money(minorUnits: $0, currency: currency).description }
            .joined(separator: " / ")
        var lines: [String] = []
        lines.append(
            "Recency \(recency) days (last transaction \(client.lastDay.map { "\($0)" } ?? "-")): R \(r); "
                + "R \(levels(recencyCuts.cuts.count)) need at most \(recencyNeeds) days."
        )
        lines.append(
            "Frequency \(client.frequency) in the \(window)-day window: F \(f); "
                + "F \(levels(frequencyCuts.cuts.count)) need at least \(frequencyNeeds)."
        )
        lines.append(
            "Monetary \(Money(minorUnits: client.monetaryMinorUnits, currency: currency)): M \(m); "
                + "M \(levels(monetaryCuts.cuts.count)) need at least \(monetaryNeeds)."
        )
        let segment = RFMSegmentMap.segment(recency: r, fm: fm)
        let layer = RFMSegmentMap.layer(recency: r, fm: fm)
        var last = "FM (\(f) + \(m) + 1) / 2 = \(fm); cell R \(r) × FM \(fm): \(segment), value layer \(layer)"
        if RFMSegmentMap.isAtRisk(recency: r, fm: fm) { last += "; AT RISK (R 1-2 with FM 3-5)" }
        lines.append(last + ". Scores rank \(activeCount) active clients; equal values score alike.")
        return lines.joined(separator: "\n")
    }
}
