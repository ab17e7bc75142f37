import CustomerModel
import ValueModel

/// Printing of a ``BookScores``: value distribution, dimensions, RFM, top clients, churn risk and
/// lifetime figures.
///
/// Shared by `clientele demo` and `clientele score`.
enum ScoreReport {
    /// Totals by decile (decile 1 the best), with the lowest, mean and highest total of each.
    static func distribution(_ book: ScoreBook, title: String, to console: Console) {
        console.heading(
            "Value distribution: \(title) (\(Output.count(book.count)) clients, model \(book.model.id)@\(book.model.version))"
        )
        let sorted = book.totalHundredths.sorted(by: >)
        guard !sorted.isEmpty else { return }
        var rows: [[String]] = []
        for decile in 0..<10 {
            let lower = decile * sorted.count / 10
            let upper = (decile + 1) * sorted.count / 10
            guard upper > lower else { continue }
            let slice = sorted[lower..<upper]
            let mean = Double(slice.reduce(0) { $0 + Int($1) }) / Double(slice.count) / 100
            rows.append([
                "\(decile + 1)", Output.count(slice.count), points(Int(slice.last ?? 0)),
                Output.fixed(mean, 2), points(Int(slice.first ?? 0)),
            ])
        }
        console.table(["decile", "clients", "lowest", "mean", "highest"], rows)
        let model = book.model
        let dimensionRows = model.dimensions.enumerated().map { d, weight in
            let column = book.dimensionHundredths[d]
            let mean = column.isEmpty ? 0 : Double(column.reduce(0) { $0 + Int($1) }) / Double(column.count) / 100
            return [weight.dimension.title, Output.fixed(weight.weight * 100, 0) + "%", Output.fixed(mean, 2)]
        }
        console.print("  dimension averages:")
        console.table(["dimension", "weight", "mean score"], dimensionRows)
    }

    /// RFM segment and value-layer counts.
    static func rfm(_ rfm: RFMBook, to console: Console) {
        console.heading(
            "RFM as of \(rfm.windows.asOf) over \(rfm.windows.rfmDays) days (\(Output.count(rfm.activeCount)) active clients)"
        )
        let segments = rfm.segmentCounts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        console.table(
            ["segment", "clients", "share"],
            segments.map {
                [$0.key.name, Output.count($0.value), Output.percent(Double($0.value), of: Double(rfm.count))]
            }
        )
        let layers = ValueLayer.allCases.compactMap { layer in rfm.layerCounts[layer].map { (layer, $0) } }
        let atRisk = (0..<rfm.count).filter { rfm.isAtRisk($0) }.count
        console.print(
            "  value layers: " + layers.map { "\($0.0.name) \(Output.count($0.1))" }.joined(separator: ", ")
                + "; at risk \(Output.count(atRisk))"
        )
    }

    /// The best `count` clients of `book` with their full explanations.
    static func top(_ scores: BookScores, _ book: ScoreBook, count: Int, explain: Bool, to console: Console) {
        console.heading("Top \(count) by value score (\(book.model.id))")
        for row in book.topRows(count) {
            guard let client = scores.client(book.customers[row]), let score = client.score else { continue }
            let rfm = client.rfm
            var line =
                "  \(score.customer): \(score.total); RFM \(rfm.cell) \(rfm.segment.name), churn \(client.churn.level)"
            if let lifetime = client.lifetime {
                line +=
                    ", P(alive) \(Output.fixed(lifetime.probabilityAlive, 3)),"
                    + " \(Output.fixed(lifetime.expectedTransactions, 1)) transactions expected in \(lifetime.horizonDays) days"
            }
            console.print(line)
            if explain {
                console.print(score.explanation.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            }
        }
    }

    /// Churn-risk counts by level and by signal, and `examples` flagged clients with their reasons.
    static func churn(_ scores: BookScores, examples: Int, to console: Console) {
        let churn = scores.churn
        console.heading("Churn risk as of \(churn.asOf)")
        var byLevel: [ChurnRiskLevel: Int] = [:]
        for level in churn.level { byLevel[level, default: 0] += 1 }
        console.table(
            ["level", "clients"],
            ChurnRiskLevel.allCases.reversed().map { [$0.description, Output.count(byLevel[$0] ?? 0)] }
        )
        let kinds = churn.kindCounts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        console.print(
            "  signals: "
                + (kinds.isEmpty ? "none" : kinds.map { "\($0.key) \(Output.count($0.value))" }.joined(separator: ", "))
        )
        let flagged = churn.flagged
        guard !flagged.isEmpty else { return }
        console.print("  \(Output.count(flagged.count)) flagged; the \(min(examples, flagged.count)) highest:")
        for i in flagged.prefix(examples) {
            guard let client = scores.client(at: i) else { continue }
            let total = client.score.map { ", value score \($0.total)" } ?? ""
            console.print("  \(client.customer)\(total):")
            for signal in client.churn.signals { console.print("      \(signal.kind): \(signal.reason)") }
        }
    }

    /// BG/NBD parameters and the book's expected activity.
    static func lifetime(_ scores: BookScores, to console: Console) {
        guard let result = scores.lifetime else { return }
        console.heading("Lifetime (BG/NBD, weeks)")
        switch result {
        case .failure(let error):
            console.print("  not fitted: \(error)")
        case .success(let lifetime):
            let p = lifetime.fit.parameters
            let report = lifetime.fit.report
            console.print(
                "  r \(Output.fixed(p.r, 3)), alpha \(Output.fixed(p.alpha, 3)), a \(Output.fixed(p.a, 3)), b \(Output.fixed(p.b, 3));"
                    + " log-likelihood \(Output.fixed(report.logLikelihood, 1)), \(report.converged ? "converged" : "NOT converged"),"
                    + " \(Output.count(report.clients)) clients with purchases"
            )
            console.print(
                "  a client buys at \(Output.fixed(p.r / p.alpha, 2)) transactions a week on average and drops out after a"
                    + " transaction with probability a/(a+b) = \(Output.fixed(p.a / (p.a + p.b) * 100, 3))%"
            )
            let alive = lifetime.probabilityAlive
            let likelyGone = alive.filter { $0 < 0.5 }.count
            console.print(
                "  expected transactions in the next \(lifetime.horizonDays) days: \(Output.count(Int(lifetime.expectedBookTransactions.rounded())))"
                    + "; mean P(alive) \(Output.fixed(alive.reduce(0, +) / Double(max(1, alive.count)), 3)),"
                    + " \(Output.count(likelyGone)) clients below 0.5"
            )
        }
    }

    /// `12.34` from hundredths.
    static func points(_ hundredths: Int) -> String { ScorePoints(hundredths: hundredths).description }
}
