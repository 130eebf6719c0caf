import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceProviders
import TerraceState

/// Everything a plan or apply needs besides state: configuration, root variable values and
/// providers.
public struct EngineInputs: Sendable {
    public var config: Config
    public var rootDir: String
    public var workspace: String
    public var variables: [String: Value]
    public var registry: ProviderRegistry
    public var parallelism: Int
    /// The configuration's dependency graph, when validation has built it already (without
    /// cycles); plan and apply build it themselves otherwise.
    public var configGraph: DirectedGraph<ConfigNode>?

    public init(config: Config, rootDir: String, workspace: String = "default", variables: [String: Value],
                registry: ProviderRegistry, parallelism: Int = 10) {
        self.config = config
        self.rootDir = rootDir
        self.workspace = workspace
        self.variables = variables
        self.registry = registry
        self.parallelism = parallelism
    }

    /// The configuration's dependency graph and its cycles, built once for the whole run.
    func buildConfigGraph() -> (DirectedGraph<ConfigNode>, Diagnostics) {
        if let configGraph { return (configGraph, Diagnostics()) }
        return ConfigGraphBuilder(config: config).build()
    }
}

/// Shared machinery of the plan and apply walks: evaluating variables, locals, module
/// expansions, providers and outputs in every module instance, and expanding resources.
final class WalkContext: @unchecked Sendable {
    let inputs: EngineInputs
    let store = ValueStore()
    let providers: ProviderSet
    let diags = DiagnosticCollector()
    let semaphore: AsyncSemaphore
    private var functionCache: [[String]: FunctionTable] = [:]
    /// `count`/`each` of each expanded module instance, for its call's arguments.
    private var moduleEach: [ModuleInstance: [String: Value]] = [:]
    private let lock = NSLock()

    /// Set for plan walks: `timestamp()` and `uuid()` are then unknown, as in Terraform.
    let planning: Bool

    init(inputs: EngineInputs, providers: ProviderSet? = nil, planning: Bool = false) {
        self.planning = planning
        self.inputs = inputs
        self.providers = providers ?? ProviderSet(registry: inputs.registry, config: inputs.config)
        self.semaphore = AsyncSemaphore(inputs.parallelism)
    }

    func config(_ path: [String]) -> Config { inputs.config.descendant(path) ?? inputs.config }

    func functions(_ path: [String]) -> FunctionTable {
        lock.lock(); defer { lock.unlock() }
        if let f = functionCache[path] { return f }
        let f = Builtins.table(baseDir: config(path).module.dir, planning: planning)
        functionCache[path] = f
        return f
    }

    func scope(_ mi: ModuleInstance, extras: [String: Value] = [:]) -> Scope {
        Scope(store: store, module: mi, config: config(mi.path), functions: functions(mi.path),
              rootDir: inputs.rootDir, workspace: inputs.workspace, extras: extras)
    }

    func evaluate(_ e: Expr, in mi: ModuleInstance, extras: [String: Value] = [:]) -> (Value, Diagnostics) {
        Evaluator.evaluate(e, in: scope(mi, extras: extras).context(for: e.variables))
    }

    // MARK: - Nodes shared by plan and apply

    func visitVariable(_ path: [String], _ name: String) -> Bool {
        guard let decl = config(path).module.variables[name] else { return true }
        if path.isEmpty {
            store.setVariable(.root, name, inputs.variables[name] ?? decl.defaultValue ?? .null(decl.type.type))
            return true
        }
        let parentPath = Array(path.dropLast())
        guard let call = config(parentPath).module.moduleCalls[path.last!] else { return true }
        var ok = true
        for mi in store.instances(of: path) {
            guard let parent = mi.parent else { continue }
            let extras = lock.withLock { moduleEach[mi] } ?? Self.eachExtras(mi.steps.last?.key ?? .none)
            var value: Value
            var range = decl.declRange
            if let attr = call.body.attribute(name) {
                range = attr.expr.range
                let (v, d) = evaluate(attr.expr, in: parent, extras: extras)
                diags.add(d)
                if d.hasErrors { ok = false; store.setVariable(mi, name, .unknown(decl.type.type)); continue }
                value = v
                // A null argument overrides the default unless the variable is not nullable.
                if value.isNull && !decl.nullable {
                    guard let def = decl.defaultValue else {
                        diags.add(.error("Required variable not set", "The variable \"\(name)\" is required, but the given value is null.", at: range))
                        ok = false
                        continue
                    }
                    value = def
                }
            } else if let def = decl.defaultValue {
                value = def
            } else {
                diags.add(.error("Missing required argument",
                                 "The argument \"\(name)\" is required, but no definition was found.", at: call.declRange))
                ok = false
                continue
            }
            if let defaults = decl.type.defaults { value = defaults.apply(to: value) }
            do {
                value = try Conversion.convert(value, to: decl.type.type)
            } catch {
                diags.add(.error("Invalid value for module argument",
                                 "The given value is not suitable for child module variable \"\(name)\" defined at \(decl.declRange.filename):\(decl.declRange.start.line),\(decl.declRange.start.column)-\(decl.declRange.end.column): \(error.description).",
                                 at: range))
                ok = false
                continue
            }
            if decl.sensitive { value = value.marked() }
            if value.isWhollyKnown {
                let d = InputVariables.validate(decl, value, range: range, functions: functions(path))
                diags.add(d)
                if d.hasErrors { ok = false }
            }
            store.setVariable(mi, name, value)
        }
        // Any declared variable not passed and without a default was reported above.
        _ = call
        return ok
    }

    func visitLocal(_ path: [String], _ name: String) -> Bool {
        guard let local = config(path).module.locals[name] else { return true }
        var ok = true
        for mi in store.instances(of: path) {
            let (v, d) = evaluate(local.expr, in: mi)
            diags.add(d)
            if d.hasErrors { ok = false }
            store.setLocal(mi, name, v)
        }
        return ok
    }

    func visitModuleCall(_ path: [String], _ name: String) -> Bool {
        guard let call = config(path).module.moduleCalls[name] else { return true }
        var children: [ModuleInstance] = []
        var mode = EachMode.none
        var ok = true
        for mi in store.instances(of: path) {
            guard let (m, keys) = expand(count: call.count, forEach: call.forEach, in: mi, what: "module") else {
                ok = false
                continue
            }
            mode = m
            for (key, extras) in keys {
                let child = mi.child(name, key)
                children.append(child)
                lock.withLock { moduleEach[child] = extras }
            }
        }
        store.setInstances(of: path + [name], children, mode: mode)
        return ok
    }

    func visitOutput(_ path: [String], _ name: String) -> Bool {
        guard let out = config(path).module.outputs[name], let expr = out.expr else { return true }
        var ok = true
        for mi in store.instances(of: path) {
            var (v, d) = evaluate(expr, in: mi)
            diags.add(d)
            if d.hasErrors { ok = false }
            if out.sensitive { v = v.marked() }
            if !path.isEmpty || !d.hasErrors {
                for rule in out.preconditions where v.isWhollyKnown {
                    let (c, cd) = evaluate(rule.condition, in: mi)
                    diags.add(cd)
                    if c.boolValue == false {
                        var msg = "Precondition failed."
                        if let m = rule.errorMessage { msg = evaluate(m, in: mi).0.stringValue ?? msg }
                        diags.add(.error("Module output value precondition failed", msg, at: rule.condition.range))
                        ok = false
                    }
                }
            }
            if v.containsSensitive && !out.sensitive && path.isEmpty {
                diags.add(.error("Output refers to sensitive values",
                                 "To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, Terrace requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the following argument:\n    sensitive = true",
                                 at: out.declRange))
                ok = false
            }
            store.setOutput(mi, name, v)
        }
        return ok
    }

    func visitProvider(_ path: [String], _ key: String) -> Bool {
        guard let pc = config(path).module.providerConfigs[key],
              let resolved = providers.resolve(ProviderRef(name: pc.name, alias: pc.alias), in: path) else {
            return true
        }
        guard let mi = store.instances(of: path).first else { return true }
        var schema = resolved.provider.schema.provider
        schema.attributes["alias"] = .optional(.string)
        let (v, d) = BodyDecoder.decode(pc.body, schema: schema, ctx: scope(mi).context(for: pc.body.variables))
        diags.add(d)
        if d.hasErrors { return false }
        var attrs = v.attributes ?? [:]
        attrs["alias"] = nil
        let cd = providers.configure(resolved, with: .object(attrs))
        diags.add(Diagnostics(cd.items.map { var x = $0; if x.subject == nil { x.subject = pc.declRange }; return x }))
        return !cd.hasErrors
    }

    // MARK: - Expansion

    static func eachExtras(_ key: InstanceKey, value: Value? = nil) -> [String: Value] {
        switch key {
        case .none: return [:]
        case .int(let i): return ["count": .object(["index": .number(i)])]
        case .string(let s): return ["each": .object(["key": .string(s), "value": value ?? .string(s)])]
        }
    }

    /// The instance keys of a resource or module call, with the `count`/`each` values for each.
    func expand(count: Expr?, forEach: Expr?, in mi: ModuleInstance, what: String) -> (EachMode, [(InstanceKey, [String: Value])])? {
        if let count {
            let (v, d) = Evaluator.evaluate(count, in: scope(mi).context(for: count.variables), as: .number, what: "value")
            diags.add(d)
            if d.hasErrors { return nil }
            if v.isNull {
                diags.add(.error("Invalid count argument", "The given \"count\" argument value is null. An integer is required.", at: count.range))
                return nil
            }
            guard v.isKnown else {
                diags.add(.error("Invalid count argument",
                                 "The \"count\" value depends on resource attributes that cannot be determined until apply, so Terrace cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.",
                                 at: count.range))
                return nil
            }
            guard let n = v.numberValue, n.isInteger, let c = n.intValue else {
                diags.add(.error("Invalid count argument", "The given \"count\" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.", at: count.range))
                return nil
            }
            guard c >= 0 else {
                diags.add(.error("Invalid count argument", "The given \"count\" argument value is unsuitable: negative numbers are not supported.", at: count.range))
                return nil
            }
            return (.list, (0..<c).map { (.int($0), Self.eachExtras(.int($0))) })
        }
        if let forEach {
            let (v, d) = evaluate(forEach, in: mi)
            diags.add(d)
            if d.hasErrors { return nil }
            if v.containsSensitive {
                diags.add(.error("Invalid for_each argument",
                                 "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.",
                                 at: forEach.range))
                return nil
            }
            if v.isNull {
                diags.add(.error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument value is null. A map, or set of strings is allowed.", at: forEach.range))
                return nil
            }
            guard v.isWhollyKnown || v.attributes != nil else {
                diags.add(.error("Invalid for_each argument",
                                 "The \"for_each\" value depends on resource attributes that cannot be determined until apply, so Terrace cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the for_each depends on.",
                                 at: forEach.range))
                return nil
            }
            switch v.kind {
            case .map(let items, _), .object(let items):
                return (.map, items.keys.sorted().map { (.string($0), Self.eachExtras(.string($0), value: items[$0]!)) })
            case .set(let items, _):
                var keys: [(InstanceKey, [String: Value])] = []
                for item in items {
                    guard let s = item.stringValue else {
                        diags.add(.error("Invalid for_each set argument",
                                         "The given \"for_each\" argument value is unsuitable: \"for_each\" supports maps and sets of strings, but you have provided a set containing type \(item.type).",
                                         at: forEach.range))
                        return nil
                    }
                    guard item.isKnown else {
                        diags.add(.error("Invalid for_each argument", "The \"for_each\" set includes values derived from resource attributes that cannot be determined until apply.", at: forEach.range))
                        return nil
                    }
                    keys.append((.string(s), Self.eachExtras(.string(s))))
                }
                return (.map, keys)
            default:
                diags.add(.error("Invalid for_each argument",
                                 "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type \(v.type.friendlyName).",
                                 at: forEach.range))
                return nil
            }
        }
        return (.none, [(.none, [:])])
    }
}
