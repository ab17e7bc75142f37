// swift-tools-version:6.2
import PackageDescription

// Clientele: a library banks embed to manage their VIP and strategic clients.
// The root package has no dependencies: the Swift toolchain only (see DESIGN.md).
let package = Package(
    name: "Clientele",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CustomerModel", targets: ["CustomerModel"]),
        .library(name: "ValueModel", targets: ["ValueModel"]),
        .library(name: "Rules", targets: ["Rules"]),
        .library(name: "Segmentation", targets: ["Segmentation"]),
        // For tests and demos: a deterministic bank of clients, accounts, activity and organisation.
        .library(name: "SyntheticBank", targets: ["SyntheticBank"]),
        // For tests of host adapters: the conformance kits of each module's ports.
        .library(name: "CustomerModelTesting", targets: ["CustomerModelTesting"]),
        .library(name: "ValueModelTesting", targets: ["ValueModelTesting"]),
        .library(name: "SegmentationTesting", targets: ["SegmentationTesting"]),
        .executable(name: "clientele", targets: ["clientele"]),
    ],
    targets: [
        // MARK: ClienteleSupport: helpers every module shares once, with `package` access (not a product):
        // parallel work with a width the host sets, the boxes and pointers parallel workers share.
        .target(name: "ClienteleSupport"),
        .testTarget(name: "ClienteleSupportTests", dependencies: ["ClienteleSupport"]),

        // MARK: CustomerModel: the 360 view, money and days, ports and their in-memory defaults.
        .target(name: "CustomerModel", dependencies: ["ClienteleSupport", "CPrefetch"]),
        // Cache prefetch hints for the in-memory stores' hot loops (a C inline function; no dependency).
        .target(name: "CPrefetch"),
        .testTarget(name: "CustomerModelTests", dependencies: ["CustomerModel", "CustomerModelTesting"]),

        // MARK: CustomerModelTesting: conformance kits for CustomerModel's ports, and a manual clock.
        .target(name: "CustomerModelTesting", dependencies: ["CustomerModel"]),
        .testTarget(name: "CustomerModelTestingTests", dependencies: ["CustomerModel", "CustomerModelTesting"]),

        // MARK: SyntheticBank: a seeded, deterministic bank for tests, the demo and the benchmarks.
        .target(name: "SyntheticBank", dependencies: ["ClienteleSupport", "CustomerModel"]),
        .testTarget(
            name: "SyntheticBankTests",
            dependencies: ["SyntheticBank", "CustomerModel", "CustomerModelTesting"]
        ),

        // MARK: ValueModel: the Customer Value Model, RFM, churn signals and lifetime value.
        .target(name: "ValueModel", dependencies: ["ClienteleSupport", "CustomerModel", "CActivityPass"]),
        // The activity pass's vector loop (AVX2, chosen at run time; a C file, no dependency).
        .target(name: "CActivityPass"),
        .testTarget(
            name: "ValueModelTests",
            dependencies: [
                "ValueModel", "CustomerModel", "CustomerModelTesting", "ValueModelTesting", "SyntheticBank",
            ],
            resources: [.copy("Resources")]
        ),

        // MARK: ValueModelTesting: the score-history conformance kit and the churn evaluation.
        .target(
            name: "ValueModelTesting",
            dependencies: ["ValueModel", "CustomerModel", "CustomerModelTesting", "SyntheticBank"]
        ),
        .testTarget(
            name: "ValueModelTestingTests",
            dependencies: ["ValueModelTesting", "ValueModel", "CustomerModel", "CustomerModelTesting", "Segmentation"]
        ),

        // MARK: Rules: the rule language (lexer, parser, type checker, compiler, evaluator) and its engine.
        .target(name: "Rules", dependencies: ["ClienteleSupport", "CustomerModel", "ValueModel"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "CustomerModel", "ValueModel", "SyntheticBank"]),

        // MARK: Segmentation: tier and segment policies as data, reviews, moves without flapping, history.
        .target(name: "Segmentation", dependencies: ["CustomerModel", "ValueModel", "Rules"]),
        .testTarget(
            name: "SegmentationTests",
            dependencies: [
                "Segmentation", "SegmentationTesting", "CustomerModel", "CustomerModelTesting", "ValueModel", "Rules",
                "SyntheticBank",
            ]
        ),

        // MARK: SegmentationTesting: the segmentation store's conformance kit.
        .target(name: "SegmentationTesting", dependencies: ["Segmentation", "CustomerModel", "CustomerModelTesting"]),

        // MARK: clientele: the command-line front door (demo, import, score, rules), tested through CommandLineTool.
        .executableTarget(
            name: "clientele",
            dependencies: ["CustomerModel", "SyntheticBank", "ValueModel", "Rules", "Segmentation"]
        ),
        .testTarget(name: "ClienteleCLITests", dependencies: ["clientele", "CustomerModel", "SyntheticBank", "Rules"]),
    ]
)

// One settings block for every target (the swift-log shape).
for target in package.targets where [.regular, .test, .executable].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))  // SE-0335: `any P` spelled out
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))  // SE-0444
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))  // SE-0409
    settings.append(.treatWarning("ExplicitSendable", as: .warning))  // every public type decides Sendable
    target.swiftSettings = settings
}
