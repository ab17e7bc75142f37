// swift-tools-version:6.2
import PackageDescription

// Benchmarks for Clientele: a package of its own so a host that imports Clientele never
// resolves anything benchmark-related. Run with:
//   swift run -c release clientele-bench all
//
// SwiftPM names a path dependency after its folder, so read the root's folder name: any clone
// folder name works.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "clientele").lowercased()

let package = Package(
    name: "ClienteleBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../")
    ],
    targets: [
        .executableTarget(
            name: "clientele-bench",
            dependencies: [
                .product(name: "CustomerModel", package: root),
                .product(name: "CustomerModelTesting", package: root),
                .product(name: "ValueModel", package: root),
                .product(name: "ValueModelTesting", package: root),
                .product(name: "Rules", package: root),
                .product(name: "Segmentation", package: root),
                .product(name: "SyntheticBank", package: root),
            ],
            path: "Sources/ClienteleBenchmarks"
        )
    ]
)
