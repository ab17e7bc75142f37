import CustomerModel
import CustomerModelTesting

/// `clientele demo`: a synthetic bank loaded through the ports, summarised.
struct DemoCommand {
    let arguments: Arguments

    init(_ arguments: Arguments) { self.arguments = arguments }

    func run() async throws {
        throw UsageError("demo: waiting for the synthetic bank")
    }
}
