import CustomerModel
import Foundation
import ValueModel

/// One line per client of a ``BookScores``: as an aligned table on the terminal or as CSV.
enum ScoreTable {
    /// The dimensions of both models, in model order (individual first), without repeats.
    static func dimensions(_ scores: BookScores) -> [ScoringDimension] {
        var seen: [ScoringDimension] = []
        for book in [scores.individuals, scores.corporates].compactMap({ $0 }) {
            for weight in book.model.dimensions where !seen.contains(weight.dimension) { seen.append(weight.dimension) }
        }
        return seen
    }

    /// The clients of `kind`, best total first.
    static func print(_ scores: BookScores, _ kind: CustomerKind, to console: Console) {
        guard let book = scores.book(kind) else { return }
        console.heading(
            "\(kind == .individual ? "Individuals" : "Corporates") (\(book.model.id)@\(book.model.version))"
        )
        let dimensions = book.model.dimensions.map(\.dimension)
        let totals = book.totalHundredths
        let order = totals.indices.sorted { (totals[$0], -$0) > (totals[$1], -$1) }
        let rows = order.compactMap { row -> [String]? in
            guard let client = scores.client(book.customers[row]) else { return nil }
            return [client.customer.rawValue, book.total(ofRow: row).description]
                + dimensions.map { book.score(of: $0, ofRow: row)?.description ?? "-" }
                + [client.rfm.cell, client.rfm.segment.name, client.churn.level.description, reasons(client.churn)]
        }
        console.table(["client", "total"] + dimensions.map(\.title) + ["RFM", "segment", "churn", "reasons"], rows)
    }

    /// The churn kinds that fired, `-` for none.
    static func reasons(_ churn: ChurnAssessment) -> String {
        churn.signals.isEmpty ? "none" : churn.signals.map { "\($0.kind)" }.joined(separator: "; ")
    }

    /// Every client in dense order: kind, model, total, each dimension, RFM, churn level, score and
    /// reasons (the full sentences).
    static func csv(_ scores: BookScores) -> String {
        let dimensions = dimensions(scores)
        var lines = [
            (["client", "kind", "model", "total"] + dimensions.map(\.rawValue)
                + ["rfm_cell", "rfm_segment", "value_layer", "churn_level", "churn_score", "churn_reasons"])
                .joined(separator: ",")
        ]
        for i in 0..<scores.count {
            guard let client = scores.client(at: i) else { continue }
            var cells = [client.customer.rawValue]
            if let score = client.score {
                cells += [
                    client.kind?.rawValue ?? "",
                    "\(score.model)", score.total.description,
                ]
                cells += dimensions.map { score.dimension($0)?.score.description ?? "" }
            } else {
                cells += ["", "", ""] + dimensions.map { _ in "" }
            }
            cells += [
                client.rfm.cell, client.rfm.segment.name, client.rfm.layer.name, client.churn.level.description,
                "\(client.churn.riskScore)",
                client.churn.signals.map { "\($0.kind): \($0.reason)" }.joined(separator: " "),
            ]
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
