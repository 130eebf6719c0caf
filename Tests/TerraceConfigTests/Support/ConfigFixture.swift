import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceLang
import TerraceProviders
import TerraceState
import TerraceTestSupport

/// A configuration fixture: a directory under `Tests/Fixtures/config/` with `.tf` files and,
/// optionally, `fixture.args` (command-line arguments, one per line: `-var-file=F`, `-var=k=v`,
/// `-env=NAME`) and `fixture.env` (`NAME=value` lines for the environment). Golden outputs
/// live in its `Golden/` directory.
struct ConfigFixture: CustomStringConvertible {
    static let root = (TerraceProcess.packageRoot as NSString).appendingPathComponent("Tests/Fixtures/config")

    let name: String
    var dir: String { (Self.root as NSString).appendingPathComponent(name) }
    var description: String { name }

    /// The fixture directories under `sub`, sorted.
    static func all(_ sub: String) -> [ConfigFixture] {
        let base = (root as NSString).appendingPathComponent(sub)
        return FileSystem.list(base).filter { FileSystem.isDirectory((base as NSString).appendingPathComponent($0)) }
            .sorted().map { ConfigFixture(name: sub + "/" + $0) }
    }

    func file(_ name: String) -> String? { try? FileSystem.readString((dir as NSString).appendingPathComponent(name)) }

    var arguments: [String] {
        (file("fixture.args") ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    var environment: [String: String] {
        var env: [String: String] = [:]
        for line in (file("fixture.env") ?? "").split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            env[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return env
    }

    /// The golden-file check for a file in this fixture's `Golden/` directory.
    func golden(_ actual: String, _ file: String) -> String? {
        Golden.check(actual, file, file: (dir as NSString).appendingPathComponent("fixture"))
    }

    /// Built-in providers plus the fixture provider.
    static func registry() -> ProviderRegistry {
        var r = ProviderRegistry.builtins()
        r.register("fixture", source: "registry.terraform.io/terrace/fixture", version: "1.0.0") { FixtureProvider() }
        return r
    }

    /// A copy of the fixture in a temporary directory (plans must not write into the tree).
    func copy() -> TempDirectory {
        let t = TempDirectory("terrace-fixture")
        t.copy(from: dir)
        return t
    }

    struct Outcome {
        var validation: Diagnostics
        /// What `terrace validate -no-color` prints: each diagnostic, then the verdict.
        var validateText: String
        /// What `terrace plan -no-color` prints before its closing note; nil when validation failed.
        var planText: String?
        var plan: Plan?
    }

    /// Loads, validates and (when valid) plans the fixture against empty state.
    func run() async -> Outcome {
        let temp = copy()
        let sources = SourceFiles()
        let registry = Self.registry()
        let (config, loadDiags) = ModuleLoader(sources: sources, displayBase: temp.path).load(temp.path)
        var diags = loadDiags
        diags += Validator(config: config, registry: registry, sources: sources).validate()
        diags = Validator.sorted(diags)
        let renderer = DiagnosticRenderer(color: false, sources: sources)
        var validateText = renderer.render(diags)
        if !diags.hasErrors {
            validateText += diags.isEmpty
                ? "Success! The configuration is valid.\n\n"
                : "Success! The configuration is valid, but there were some validation warnings as shown above.\n\n"
        }
        guard !diags.hasErrors else { return Outcome(validation: diags, validateText: validateText, planText: nil, plan: nil) }

        var args: [VariableArgument] = []
        var workspace = "default"
        for a in arguments {
            if a.hasPrefix("-var-file=") { args.append(.file(String(a.dropFirst(10)))) }
            if a.hasPrefix("-env=") {
                workspace = String(a.dropFirst(5))
                args.insert(.file("environments/\(workspace).tfvars"), at: 0)
            }
            if a.hasPrefix("-var="), let eq = a.dropFirst(5).firstIndex(of: "=") {
                let body = a.dropFirst(5)
                args.append(.variable(name: String(body[..<eq]), value: String(body[body.index(after: eq)...])))
            }
        }
        let iv = InputVariables(module: config.module, workingDir: temp.path, environment: environment, sources: sources)
        let (inputs, d1) = iv.collect(args)
        var planDiags = d1
        var variables: [String: Value] = [:]
        if !d1.hasErrors {
            let (values, d2) = iv.finalize(inputs, functions: Builtins.table(baseDir: temp.path))
            planDiags += d2
            variables = values
        }
        var text = ""
        var plan: Plan?
        if !planDiags.hasErrors {
            let engineInputs = EngineInputs(config: config, rootDir: temp.path, workspace: workspace, variables: variables, registry: registry)
            let p = await Planner(inputs: engineInputs, state: State(), options: PlanOptions()).plan()
            planDiags += p.diagnostics
            plan = p
            if !p.errored {
                var schemas: [String: ResourceSchema] = [:]
                for n in registry.names {
                    guard let s = registry[n]?.make().schema else { continue }
                    schemas.merge(s.resources) { a, _ in a }
                    schemas.merge(s.dataSources) { a, _ in a }
                }
                text = PlanRenderer(color: false, schemas: schemas).render(p)
            }
        }
        // As the command line prints them: errors instead of a plan, warnings after it. The
        // walk reports in whatever order its nodes finish, so they are put in source order.
        let printed = Validator.sorted(planDiags.hasErrors ? planDiags : Diagnostics(diags.warnings + planDiags.warnings))
        return Outcome(validation: diags, validateText: validateText,
                       planText: planDiags.hasErrors ? renderer.render(printed) : text + renderer.render(printed), plan: plan)
    }
}
