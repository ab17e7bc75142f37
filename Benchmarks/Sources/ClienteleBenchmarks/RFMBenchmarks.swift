import CustomerModel
import Foundation
import SyntheticBank
import ValueModel

/// RFM and the activity aggregates over a whole synthetic book, and the CSV the Python peers read.
///
/// `clientele-bench rfm [DIR]` generates a 100k-client bank (about 10M transactions), times the
/// columnar aggregation and the RFM scoring (compute only), writes `DIR/rfm_transactions.csv`
/// (`customer,day,amount`: dense client index, day number, amount in minor units), times
/// reading that file back and scoring it (end to end), and writes Clientele's scores to
/// `DIR/rfm_clientele_scores.csv` for `Benchmarks/python/rfm_peers.py` to compare.
enum RFMBenchmarks {
    static func run(clients: Int, directory: String, repetitions: Int) throws {
        let bank = SyntheticBank(.init(seed: 7, clientCount: clients))
        let columns = bank.transactionColumns()
        let asOf = bank.configuration.endDay
        // RFM counts the client's own transactions (not fees and interest) in CNY.
        let selection = TransactionSelection(currency: .cny, types: ActivityWindows.clientTransactionTypes)
        let windows = ActivityWindows(asOf: asOf, rfmDays: 365, selection: selection)
        let rows = columns.count
        let label = "\(clients / 1000)k clients, \(Harness.format(Double(rows) / 1e6, 1))M rows"

        // The machine's yardstick in this run: the plain three-column loop (client, day, amount:
        // count, sum and last day per client, rows after the day skipped) on both cores.
        let baselineTimes = Harness.timeSync(repetitions: repetitions) { Baseline.run(columns, asOf: asOf.number) }
        Harness.report("baseline: plain 3-column loop, 2 cores", Harness.milliseconds(baselineTimes))

        // Compute only, from the bank's columns: the full aggregates (RFM and churn measures in one
        // pass), scoring them, and RFM alone (the lighter pass plus scoring).
        var aggregates: ActivityAggregates?
        let aggregateTimes = try Harness.timeSync(repetitions: repetitions) {
            aggregates = try ActivityAggregates(columns: columns, windows: windows)
        }
        guard let aggregates else { return }
        let scoreTimes = Harness.timeSync(repetitions: repetitions) { _ = RFMBook(activity: aggregates) }
        var book: RFMBook?
        let rfmTimes = try Harness.timeSync(repetitions: repetitions) {
            book = try RFMBook(columns: columns, windows: windows)
        }
        guard let book else { return }
        Harness.report(
            "activity aggregates (RFM + churn), \(label)",
            Harness.milliseconds(aggregateTimes) + " (target < 30 ms)"
        )
        Harness.report("RFM scores from aggregates, \(clients / 1000)k clients", Harness.milliseconds(scoreTimes))
        Harness.report("RFM from the bank's columns, \(label)", Harness.milliseconds(rfmTimes))

        if ProcessInfo.processInfo.environment["RFM_COMPUTE_ONLY"] != nil { return }
        // The CSV for the peers, then end to end from it.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let csvPath = directory + "/rfm_transactions.csv"
        let selected = try writeCSV(columns, selection: selection, to: csvPath)
        // The file holds only selected rows, so reading it back needs no type filter.
        let fileWindows = ActivityWindows(asOf: asOf, rfmDays: 365, selection: TransactionSelection(currency: .cny))
        let loaded = try TransactionCSV.read(path: csvPath, customers: columns.customers, currency: .cny)
        let sameInputTimes = try Harness.timeSync(repetitions: repetitions) {
            _ = try RFMBook(columns: loaded, windows: fileWindows)
        }
        Harness.report(
            "RFM compute only, the peers' input (\(Harness.format(Double(selected) / 1e6, 1))M rows)",
            Harness.milliseconds(sameInputTimes)
        )
        var fromFile: RFMBook?
        let endToEndTimes = try Harness.timeSync(repetitions: max(3, repetitions / 3)) {
            let read = try TransactionCSV.read(path: csvPath, customers: columns.customers, currency: .cny)
            fromFile = try RFMBook(columns: read, windows: fileWindows)
        }
        Harness.report(
            "RFM end to end from CSV, \(Harness.format(Double(selected) / 1e6, 1))M rows",
            Harness.milliseconds(endToEndTimes)
        )
        guard let fromFile, fromFile.recencyScore == book.recencyScore, fromFile.frequencyScore == book.frequencyScore,
            fromFile.monetaryScore == book.monetaryScore
        else {
            print("ERROR: scores from the CSV differ from scores from the columns")
            exit(1)
        }
        try writeScores(book, to: directory + "/rfm_clientele_scores.csv")
        // One line the Python script reads: the parameters and the Swift medians.
        let summary = """
            {"asOf": \(asOf.number), "windowDays": 365, "clients": \(clients), "rows": \(selected), "bankRows": \(rows), \
            "aggregateSeconds": \(Harness.median(aggregateTimes)), "bankColumnsSeconds": \(Harness.median(rfmTimes)), \
            "computeSeconds": \(Harness.median(sameInputTimes)), "baselineSeconds": \(Harness.median(baselineTimes)), \
            "endToEndSeconds": \(Harness.median(endToEndTimes))}
            """
        try summary.write(toFile: directory + "/rfm_clientele.json", atomically: true, encoding: .utf8)
        let segments = book.segmentCounts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
        print("  segments: " + segments.joined(separator: ", "))
        print("  wrote \(csvPath), rfm_clientele_scores.csv and rfm_clientele.json; now run python/rfm_peers.py")
    }

    /// Writes `customer,day,amount` for every row in `selection`; returns the number of rows written.
    static func writeCSV(_ columns: TransactionColumns, selection: TransactionSelection, to path: String) throws -> Int
    {
        var allowed = [Bool](repeating: selection.types == nil, count: 256)
        for type in selection.types ?? [] { allowed[Int(type.rawValue)] = true }
        var written = 0
        var out = [UInt8]()
        out.reserveCapacity(columns.count * 22 + 32)
        out.append(contentsOf: Array("customer,day,amount\n".utf8))
        func put(_ value: Int64) {
            var v = value
            if v < 0 {
                out.append(UInt8(ascii: "-"))
                v = -v
            }
            var digits:
                (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
                ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(48 + v % 10)
                    v /= 10
                    count += 1
                } while v > 0
                for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
            }
        }
        for i in 0..<columns.count
        where allowed[Int(columns.type[i])] && columns.currency[i] == selection.currency.packed {
            written += 1
            put(Int64(columns.customerIndex[i]))
            out.append(UInt8(ascii: ","))
            put(Int64(columns.day[i]))
            out.append(UInt8(ascii: ","))
            put(columns.amountMinorUnits[i])
            out.append(UInt8(ascii: "\n"))
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
        return written
    }

    /// Writes `customer,r,f,m` for every client (dense index).
    static func writeScores(_ book: RFMBook, to path: String) throws {
        var text = "customer,r,f,m\n"
        text.reserveCapacity(book.count * 12)
        for i in 0..<book.count {
            text += "\(i),\(book.recencyScore[i]),\(book.frequencyScore[i]),\(book.monetaryScore[i])\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension Harness {
    /// Runs `body` `repetitions` times (after one warm-up run) and returns each run's seconds.
    static func timeSync(repetitions: Int, _ body: () throws -> Void) rethrows -> [Double] {
        try body()
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try body()
            samples.append(seconds(ContinuousClock.now - start))
        }
        return samples
    }

    /// `median 21.3 ms (min 20.1, p90 25.0) over N runs`.
    static func milliseconds(_ samples: [Double]) -> String {
        "median \(format(median(samples) * 1000, 1)) ms (min \(format((samples.min() ?? .nan) * 1000, 1)), "
            + "p90 \(format(percentile(samples, 90) * 1000, 1))) over \(samples.count) runs"
    }
}

/// A fast reader of the benchmark's three-column file (`customer,day,amount`, integers), on every core.
///
/// It maps the file, counts the lines of each half in parallel, then parses each half straight
/// into its rows of the columns. Any byte that is not a digit
/// where a digit belongs is an error naming the line.
enum TransactionCSV {
    struct ReadError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func read(path: String, customers: [CustomerID], currency: CurrencyCode) throws -> TransactionColumns {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadError(line: 0, message: "cannot open \(path)") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(line: 0, message: "cannot stat \(path)") }
        let size = Int(info.st_size)
        guard size > 0 else { throw ReadError(line: 1, message: "empty file") }
        // Map the file (read-only, prefaulted) instead of copying it. It must end with a newline,
        // so every field ends at a separator inside the map and the parser needs no bounds checks.
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), mapped != MAP_FAILED else {
            throw ReadError(line: 0, message: "cannot map \(path)")
        }
        defer { munmap(mapped, size) }
        guard mapped.load(fromByteOffset: size - 1, as: UInt8.self) == 10 else {
            throw ReadError(line: 0, message: "the file must end with a newline")
        }
        let bytes = UnsafeMutablePointer(mutating: mapped.assumingMemoryBound(to: UInt8.self))
        // Skip the header.
        var start = 0
        while start < size, bytes[start] != 10 { start += 1 }
        start += 1
        // Two halves split at a line end.
        let parts = 2
        var bounds = [start]
        for k in 1..<parts {
            var cut = max(start, size * k / parts)
            while cut < size, bytes[cut - 1] != 10 { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(size)
        let cuts = bounds
        let text = UncheckedPointer(base: bytes)
        var lines = [Int](repeating: 0, count: parts)
        lines.withUnsafeMutableBufferPointer { lines in
            guard let base = lines.baseAddress else { return }
            let out = UncheckedPointer(base: base)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                var count = 0
                var i = cuts[k]
                let end = cuts[k + 1]
                while i < end {
                    count &+= text.base[i] == 10 ? 1 : 0
                    i &+= 1
                }
                out.base[k] = count
            }
        }
        let total = lines.reduce(0, +)
        let firstRows = (0..<parts).map { k in lines[..<k].reduce(0, +) }
        var columns = TransactionColumns(customers: customers)
        // Every row is written below (or the read fails), so the columns start uninitialised.
        columns.customerIndex = [Int32](unsafeUninitializedCapacity: total) { $1 = total }
        columns.day = [Int32](unsafeUninitializedCapacity: total) { $1 = total }
        columns.amountMinorUnits = [Int64](unsafeUninitializedCapacity: total) { $1 = total }
        var failure: [ReadError?] = Array(repeating: nil, count: parts)
        columns.customerIndex.withUnsafeMutableBufferPointer { client in
            columns.day.withUnsafeMutableBufferPointer { day in
                columns.amountMinorUnits.withUnsafeMutableBufferPointer { amount in
                    failure.withUnsafeMutableBufferPointer { failure in
                        guard let clientBase = client.baseAddress, let dayBase = day.baseAddress,
                            let amountBase = amount.baseAddress
                        else { return }  // no rows: nothing to parse
                        let client = UncheckedPointer(base: clientBase)
                        let day = UncheckedPointer(base: dayBase)
                        let amount = UncheckedPointer(base: amountBase)
                        guard let failureBase = failure.baseAddress else { return }
                        let failure = UncheckedPointer(base: failureBase)
                        DispatchQueue.concurrentPerform(iterations: parts) { k in
                            var row = firstRows[k]
                            var i = cuts[k]
                            let end = cuts[k + 1]
                            let p = text.base
                            @inline(__always) func number(_ stop: UInt8) -> Int64? {
                                var value: Int64 = 0
                                var digits = 0
                                while p[i] != stop {
                                    let d = p[i] &- 48
                                    guard d < 10 else { return nil }
                                    value = value &* 10 &+ Int64(d)
                                    i &+= 1
                                    digits &+= 1
                                }
                                i &+= 1
                                return digits > 0 && digits < 19 ? value : nil
                            }
                            while i < end {
                                guard let c = number(44), let d = number(44), let a = number(10),
                                    c < Int64(customers.count), d <= Int64(Int32.max)
                                else {
                                    failure.base[k] = ReadError(line: row + 2, message: "expected customer,day,amount")
                                    return
                                }
                                client.base[row] = Int32(truncatingIfNeeded: c)
                                day.base[row] = Int32(truncatingIfNeeded: d)
                                amount.base[row] = a
                                row &+= 1
                            }
                        }
                    }
                }
            }
        }
        if let error = failure.compactMap({ $0 }).first { throw error }
        // One currency; the file has no type or direction (RFM without a type filter needs none).
        columns.currency = [UInt32](repeating: currency.packed, count: total)
        return columns
    }
}

/// A pointer handed to `concurrentPerform` workers that touch disjoint elements.
struct UncheckedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// The plain loop the figures are compared with: per client count, sum and last day over three
/// columns, rows split in halves over two threads, each with its own arrays, then merged.
enum Baseline {
    static func run(_ columns: TransactionColumns, asOf: Int32) {
        let n = columns.count
        let clients = columns.customers.count
        let counts = [UncheckedPointer<Int32>](
            (0..<2).map { _ in UncheckedPointer(base: .allocate(capacity: clients)) }
        )
        let sums = [UncheckedPointer<Int64>]((0..<2).map { _ in UncheckedPointer(base: .allocate(capacity: clients)) })
        let lasts = [UncheckedPointer<Int32>]((0..<2).map { _ in UncheckedPointer(base: .allocate(capacity: clients)) })
        defer {
            for k in 0..<2 {
                counts[k].base.deallocate()
                sums[k].base.deallocate()
                lasts[k].base.deallocate()
            }
        }
        columns.customerIndex.withUnsafeBufferPointer { client in
            columns.day.withUnsafeBufferPointer { day in
                columns.amountMinorUnits.withUnsafeBufferPointer { amount in
                    guard let clientBase = client.baseAddress, let dayBase = day.baseAddress,
                        let amountBase = amount.baseAddress
                    else { return }  // no rows: nothing to score
                    let c = UncheckedPointer(base: UnsafeMutablePointer(mutating: clientBase))
                    let d = UncheckedPointer(base: UnsafeMutablePointer(mutating: dayBase))
                    let a = UncheckedPointer(base: UnsafeMutablePointer(mutating: amountBase))
                    DispatchQueue.concurrentPerform(iterations: 2) { k in
                        let count = counts[k].base
                        let sum = sums[k].base
                        let last = lasts[k].base
                        count.initialize(repeating: 0, count: clients)
                        sum.initialize(repeating: 0, count: clients)
                        last.initialize(repeating: .min, count: clients)
                        for i in (n * k / 2)..<(n * (k + 1) / 2) {
                            let day = d.base[i]
                            guard day <= asOf else { continue }
                            let j = Int(c.base[i])
                            count[j] &+= 1
                            sum[j] &+= a.base[i]
                            last[j] = max(last[j], day)
                        }
                    }
                }
            }
        }
        for j in 0..<clients {
            counts[0].base[j] &+= counts[1].base[j]
            sums[0].base[j] &+= sums[1].base[j]
            lasts[0].base[j] = max(lasts[0].base[j], lasts[1].base[j])
        }
    }
}
