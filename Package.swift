// swift-tools-version:6.0
import PackageDescription

// Terrace is layered; each target depends only on targets listed before it, so the direction of
// dependencies is one-way and enforced by the compiler:
//   Basics → HCL → Lang → Config → Graph → State ─┐
//                  Lang → Providers ──────────────┴→ Engine → Cost ─┐
//                         Providers → Cloud ────────────────────────┴→ CLI → terrace
let package = Package(
    name: "Terrace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "terrace", targets: ["terrace"]),
    ],
    targets: [
        // Source positions and ranges, diagnostics and their rendering, JSON, and small shared utilities.
        .target(name: "TerraceBasics"),
        // HCL native and JSON syntax: lexer, parser, syntax tree and formatter.
        .target(name: "TerraceHCL", dependencies: ["TerraceBasics"]),
        // Values, types, conversion, expression evaluation and Terraform's built-in functions.
        .target(name: "TerraceLang", dependencies: ["TerraceHCL"]),
        // Configuration model decoded from HCL without evaluating it: modules, variables, resources; tfvars.
        .target(name: "TerraceConfig", dependencies: ["TerraceLang"]),
        // Addresses of modules, resources and instances; the dependency graph, cycles and DOT output.
        .target(name: "TerraceGraph", dependencies: ["TerraceConfig"]),
        // State model, Terraform state format v4, atomic persistence, the apply journal and locking.
        .target(name: "TerraceState", dependencies: ["TerraceGraph"]),
        // The provider protocol, schema-driven planning, the registry and built-in providers.
        .target(name: "TerraceProviders", dependencies: ["TerraceLang"]),
        // Planning and applying: graph walks, plans, saved plans, plan JSON and rendering.
        .target(name: "TerraceEngine", dependencies: ["TerraceConfig", "TerraceGraph", "TerraceState", "TerraceProviders"]),
        // The embedded simulated AWS cloud (store, AWS rules, fault injection) and the aws provider over it.
        .target(name: "TerraceCloud", dependencies: ["TerraceProviders"]),
        // Price catalogue and cost estimates per resource, environment and plan.
        .target(name: "TerraceCost", dependencies: ["TerraceEngine"], resources: [.copy("Prices")]),
        // Commands, flag parsing and views: the terrace command line.
        .target(name: "TerraceCLI", dependencies: ["TerraceEngine", "TerraceCloud", "TerraceCost"]),
        // The executable: main only.
        .executableTarget(name: "terrace", dependencies: ["TerraceCLI"]),
        // Synthetic configurations and per-process timing for the plan-and-apply benchmark; not part of the product.
        .target(name: "TerraceBench"),
        // The benchmark driver (docs/benchmarks.md): times the built terrace, and Terraform where installed.
        .executableTarget(name: "terrace-bench", dependencies: ["TerraceBench"]),

        // Helpers shared by the test targets: golden files, temporary directories, a mock provider.
        .target(name: "TerraceTestSupport", dependencies: ["TerraceEngine"], path: "Tests/TerraceTestSupport"),
        .testTarget(name: "TerraceBasicsTests", dependencies: ["TerraceBasics", "TerraceTestSupport"]),
        .testTarget(name: "TerraceHCLTests", dependencies: ["terrace", "TerraceHCL", "TerraceTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TerraceLangTests", dependencies: ["TerraceLang", "TerraceTestSupport"], exclude: ["Conformance"]),
        .testTarget(name: "TerraceConfigTests", dependencies: ["terrace", "TerraceConfig", "TerraceEngine", "TerraceProviders", "TerraceTestSupport"]),
        .testTarget(name: "TerraceGraphTests", dependencies: ["TerraceGraph", "TerraceTestSupport"]),
        .testTarget(name: "TerraceStateTests", dependencies: ["TerraceState", "TerraceTestSupport"]),
        .testTarget(name: "TerraceProvidersTests", dependencies: ["TerraceProviders", "TerraceTestSupport"]),
        .testTarget(name: "TerraceEngineTests", dependencies: ["TerraceEngine", "TerraceTestSupport"]),
        .testTarget(name: "TerraceCloudTests", dependencies: ["TerraceCloud", "TerraceTestSupport"]),
        .testTarget(name: "TerraceCLITests", dependencies: ["terrace", "TerraceCLI", "TerraceTestSupport"], exclude: ["Golden"]),
        // The benchmark configuration, and the scaling guard CI runs (docs/benchmarks.md).
        .testTarget(name: "TerraceBenchTests", dependencies: ["terrace", "TerraceBench", "TerraceTestSupport"]),
        .testTarget(name: "TerraceCostTests", dependencies: ["terrace", "TerraceCost", "TerraceCLI", "TerraceCloud", "TerraceTestSupport"],
                    exclude: ["Golden", "Fixtures"]),
    ]
)
