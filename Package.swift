// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SinoGraph",
    products: [
        .library(name: "SinoTokenizer", targets: ["SinoTokenizer"]),
        .library(name: "SinoGraph", targets: ["SinoGraph"]),
        .executable(name: "sinograph", targets: ["SinoGraphDemo"]),
        .executable(name: "sinograph-bench", targets: ["SinoGraphBench"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "SinoTokenizer", resources: [.copy("Resources")]),
        .target(
            name: "SinoGraph",
            dependencies: ["SinoTokenizer"],
            resources: [.copy("Resources")]
        ),
        // Scorers shared by the demo's `evaluate`, the benchmarks and the tests;
        // not a product.
        .target(name: "SinoEvaluation", dependencies: ["SinoGraph", "SinoTokenizer"]),
        .executableTarget(name: "SinoGraphDemo", dependencies: ["SinoGraph", "SinoTokenizer", "SinoEvaluation"]),
        .executableTarget(name: "SinoGraphBench", dependencies: ["SinoGraph", "SinoTokenizer", "SinoEvaluation"]),
        .testTarget(name: "SinoTokenizerTests", dependencies: ["SinoTokenizer", "SinoEvaluation"]),
        .testTarget(
            name: "SinoGraphTests",
            dependencies: ["SinoGraph", "SinoTokenizer", "SinoEvaluation"],
            // Golden dumps are read by path, next to the tests' sources.
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
