import CustomerModel

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
print("Clientele benchmarks (release build expected; medians of repeated runs)")
if which == "append" || which == "all" {
    try await StoreBenchmarks.bulkAppend(total: 2_000_000, batch: 100_000, clients: 100_000, repetitions: 5, presized: false)
    try await StoreBenchmarks.bulkAppend(total: 2_000_000, batch: 100_000, clients: 100_000, repetitions: 5, presized: true)
}
if which == "memory" || which == "export" || which == "all" {
    try await StoreBenchmarks.memoryAndExport(total: 10_000_000, clients: 100_000, exports: 5)
}
if which == "view" || which == "all" {
    try await ViewBenchmarks.view360(clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 100_000, samples: 20_000)
}
if which == "scoring" || which == "all" {
    try ScoringBenchmarks.valueModel(clients: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 100_000)
}
if which == "scoring-hot" {
    try ScoringBenchmarks.hotLoops(clients: 100_000, rounds: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 30)
}
