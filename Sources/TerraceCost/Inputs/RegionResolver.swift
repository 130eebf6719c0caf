import Foundation
import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang

/// The AWS region each resource is priced in: the `region` of the aws provider configuration
/// that the resource uses (following `provider =` and the module calls' `providers` maps),
/// evaluated from literals, root variables and root locals; else `AWS_REGION` or
/// `AWS_DEFAULT_REGION`, as the aws provider itself falls back; else us-east-1, with a warning.
final class RegionResolver: @unchecked Sendable {
    let config: Config
    let variables: [String: Value]
    let environment: [String: String]
    let functions: FunctionTable
    private var cache: [String: String] = [:]
    private(set) var diagnostics = Diagnostics()
    private var warned: Set<String> = []

    init(config: Config, variables: [String: Value], environment: [String: String], baseDir: String) {
        self.config = config
        self.variables = variables
        self.environment = environment
        functions = Builtins.table(baseDir: baseDir)
    }

    /// The region for a resource in module `path` using provider reference `ref`.
    func region(path: [String], ref: ProviderRef) -> String {
        let (declPath, key) = resolve(ref, in: path)
        let cacheKey = declPath.joined(separator: ".") + "|" + key
        if let r = cache[cacheKey] { return r }
        let r = evaluate(declPath, key) ?? fallback(key)
        cache[cacheKey] = r
        return r
    }

    /// The module that declares the provider configuration, and its key, as the engine finds it.
    func resolve(_ ref: ProviderRef, in path: [String]) -> ([String], String) {
        var p = path
        var key = ref.key
        while true {
            if let mc = config.descendant(p), mc.module.providerConfigs[key] != nil { return (p, key) }
            guard let last = p.last else { break }
            let parent = Array(p.dropLast())
            if let call = config.descendant(parent)?.module.moduleCalls[last], let mapped = call.providers[key] {
                key = mapped.key
            }
            p = parent
        }
        return ([], key)
    }

    func evaluate(_ path: [String], _ key: String) -> String? {
        guard let pc = config.descendant(path)?.module.providerConfigs[key],
              let attr = pc.body.attribute("region") else { return nil }
        // Only the root module's variables and locals are known without a graph walk.
        guard path.isEmpty else { return nil }
        var locals: [String: Value] = [:]
        var visiting: Set<String> = []
        func local(_ name: String) -> Value {
            if let v = locals[name] { return v }
            guard let l = config.module.locals[name], visiting.insert(name).inserted else { return .dynamicUnknown }
            let v = eval(l.expr)
            locals[name] = v
            return v
        }
        func eval(_ e: Expr) -> Value {
            for t in e.variables where t.root == "local" {
                if case .attr(let n, _)? = t.steps.first { _ = local(n) }
            }
            var vars: [String: Value] = [:]
            for (n, decl) in config.module.variables { vars[n] = variables[n] ?? decl.defaultValue ?? .dynamicNull }
            let ctx = EvalContext(variables: ["var": .object(vars), "local": .object(locals)], functions: functions)
            let (v, d) = Evaluator.evaluate(e, in: ctx)
            return d.hasErrors ? .dynamicUnknown : v
        }
        let v = eval(attr.expr)
        guard v.isKnown, let s = v.stringValue, !s.isEmpty else { return nil }
        return s
    }

    func fallback(_ key: String) -> String {
        if let r = environment["AWS_REGION"], !r.isEmpty { return r }
        if let r = environment["AWS_DEFAULT_REGION"], !r.isEmpty { return r }
        if warned.insert(key).inserted {
            diagnostics += .warning("Region not known for cost estimate",
                                    "The region of provider configuration \"\(key)\" could not be worked out from the configuration alone, so its resources are priced in us-east-1. Set the region from a literal, a root variable or a root local, or set AWS_REGION.")
        }
        return "us-east-1"
    }
}
