import CustomerModel

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
print("Clientele benchmarks (release build expected; medians of repeated runs)")
if which == "append" || which == "all" {
    try await StoreBenchmarks.bulkAppend(
        total: 2_000_000,
        batch: 100_000,
        clients: 100_000,
        repetitions: 5,
        presized: false
    )
    try await StoreBenchmarks.bulkAppend(
        total: 2_000_000,
        batch: 100_000,
        clients: 100_000,
        repetitions: 5,
        presized: true
    )
}
if which == "memory" || which == "export" || which == "all" {
    try await StoreBenchmarks.memoryAndExport(total: 10_000_000, clients: 100_000, exports: 5)
}
if which == "read-book" {
    // clientele-bench read-book [CLIENTS] [RUNS]: the cycle's whole-book read, gated and bare.
    try await BookReadBenchmarks.run(
        clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 100_000,
        repetitions: Int(CommandLine.arguments.dropFirst(3).first ?? "") ?? 5
    )
}
if which == "view" || which == "all" {
    try await ViewBenchmarks.view360(
        clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 100_000,
        samples: Int(CommandLine.arguments.dropFirst(3).first ?? "") ?? 20_000
    )
}
if which == "scoring" || which == "all" {
    try ScoringBenchmarks.valueModel(clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 100_000)
}
if which == "rfm" || which == "all" {
    // clientele-bench rfm [CLIENTS] [DIR]: writes the peers' CSV into DIR (default data).
    let extra = Array(CommandLine.arguments.dropFirst(2))
    try RFMBenchmarks.run(
        clients: Int(extra.first ?? "") ?? 100_000,
        directory: extra.count > 1 ? extra[1] : "data",
        repetitions: 15
    )
}
if which == "rfm-cvm" || which == "all" {
    // clientele-bench rfm-cvm [CLIENTS] [RUNS]: issue 3's "RFM plus the CVM under 50 ms".
    let extra = Array(CommandLine.arguments.dropFirst(2))
    try RFMCVMBenchmarks.run(
        clients: Int(extra.first ?? "") ?? 100_000,
        repetitions: max(15, Int(extra.dropFirst().first ?? "") ?? 21)
    )
}
if which == "rules" || which == "all" {
    try RulesBenchmarks.run()
}
if which == "rules-peers" {
    // clientele-bench rules-peers DIR [SAMPLE_ROWS]: Clientele's side of python/rules_peers.py.
    let extra = Array(CommandLine.arguments.dropFirst(2))
    try RulesPeersBenchmark.run(
        directory: extra.first ?? "data/rules",
        sampleRows: Int(extra.dropFirst().first ?? "") ?? 5_000
    )
}
if which == "rule-limits" || which == "all" {
    try RuleLimitsBenchmarks.run()
}
if which == "rules-streaming" || which == "all" {
    try RulesBenchmarks.streaming()
}
if which == "lifetime" || which == "all" {
    // clientele-bench lifetime [CLIENTS] [REPETITIONS] [EXPORT-DIRECTORY] [process|synthetic]
    let rest = which == "lifetime" ? Array(arguments.dropFirst()) : []
    try LifetimeBenchmarks.run(
        book: rest.dropFirst(3).first ?? "process",
        clients: rest.first.flatMap { Int($0) } ?? 100_000,
        repetitions: rest.dropFirst().first.flatMap { Int($0) } ?? 5,
        export: rest.dropFirst(2).first.flatMap { $0 == "-" ? nil : $0 }
    )
}
if which == "history" || which == "all" {
    try await ScoreHistoryBenchmarks.run(clients: 100_000, nights: 10)
}
if which == "segment" {
    // clientele-bench segment [CLIENTS]: issue 12's tier policy, segments, as-of and migration matrix.
    try await SegmentBenchmarks.run(clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1_000_000)
}
if which == "cycle" || which == "all" {
    // clientele-bench cycle [CLIENTS] [RUNS]: the daily cycle from the ports to the actions handed
    // over, RUNS times (3 unless given) over one loaded bank, medians reported.
    try await CycleBenchmarks.run(
        clients: which == "cycle" ? Int(arguments.dropFirst().first ?? "") ?? 100_000 : 100_000,
        runs: which == "cycle" ? Int(arguments.dropFirst(2).first ?? "") ?? 3 : 3
    )
}
if which == "scoring-hot" {
    try ScoringBenchmarks.hotLoops(clients: 100_000, rounds: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 30)
}
if which == "churn" {
    // clientele-bench churn [CLIENTS] [SEEDS] [sweep]: the churn flag against the synthetic scenarios.
    let extra = Array(arguments.dropFirst())
    let seeds = (extra.dropFirst().first ?? "11,12,13,21,22").split(separator: ",").compactMap { UInt64($0) }
    try ChurnBenchmarks.run(
        clients: extra.first.flatMap { Int($0) } ?? 20_000,
        seeds: seeds,
        sweep: extra.contains("sweep")
    )
}
if which == "churn-try" {
    // clientele-bench churn-try CLIENTS SEEDS SPEC...: policies changed from the defaults ("aumDropShare=0.3,medium=4").
    let extra = Array(arguments.dropFirst())
    try ChurnBenchmarks.tryPolicies(
        clients: extra.first.flatMap { Int($0) } ?? 20_000,
        seeds: (extra.dropFirst().first ?? "11,12,13").split(separator: ",").compactMap { UInt64($0) },
        specs: Array(extra.dropFirst(2)).isEmpty ? [""] : Array(extra.dropFirst(2))
    )
}
