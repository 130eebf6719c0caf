import Foundation
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceState

/// The values of a resource's instances, as expressions see them: one object, a tuple (count)
/// or an object keyed by for_each key.
public enum ResourceValue: Sendable {
    case single(Value)
    case list([Value])
    case map([String: Value])

    public var value: Value {
        switch self {
        case .single(let v): return v
        case .list(let vs): return .tuple(vs)
        case .map(let m): return .object(m)
        }
    }
}

/// Values computed during a walk, by module instance: variables, locals, outputs, resources
/// and module expansions. Shared by concurrent node evaluations, so access is locked.
public final class ValueStore: @unchecked Sendable {
    private let lock = NSLock()
    private var variables: [ModuleInstance: [String: Value]] = [:]
    private var locals: [ModuleInstance: [String: Value]] = [:]
    private var outputs: [ModuleInstance: [String: Value]] = [:]
    private var resources: [ModuleInstance: [String: ResourceValue]] = [:]
    /// Instances of each module path.
    private var expansions: [[String]: [ModuleInstance]] = [[]: [.root]]
    /// How each module call was expanded: none, count or for_each.
    private var callModes: [[String]: EachMode] = [:]

    public init() {}

    func withLock<T>(_ f: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return f()
    }

    public func setVariable(_ m: ModuleInstance, _ name: String, _ v: Value) { withLock { variables[m, default: [:]][name] = v } }
    public func setLocal(_ m: ModuleInstance, _ name: String, _ v: Value) { withLock { locals[m, default: [:]][name] = v } }
    public func setOutput(_ m: ModuleInstance, _ name: String, _ v: Value) { withLock { outputs[m, default: [:]][name] = v } }
    public func setResource(_ m: ModuleInstance, _ key: String, _ v: ResourceValue) { withLock { resources[m, default: [:]][key] = v } }

    public func variables(_ m: ModuleInstance) -> [String: Value] { withLock { variables[m] ?? [:] } }
    public func local(_ m: ModuleInstance, _ name: String) -> Value? { withLock { locals[m]?[name] } }
    public func outputs(_ m: ModuleInstance) -> [String: Value] { withLock { outputs[m] ?? [:] } }
    public func output(_ m: ModuleInstance, _ name: String) -> Value? { withLock { outputs[m]?[name] } }
    public func resource(_ m: ModuleInstance, _ key: String) -> ResourceValue? { withLock { resources[m]?[key] } }

    public func instances(of path: [String]) -> [ModuleInstance] { withLock { expansions[path] ?? [] } }
    public func setInstances(of path: [String], _ instances: [ModuleInstance], mode: EachMode) {
        withLock {
            expansions[path] = instances.sorted()
            callModes[path] = mode
        }
    }
    public func callMode(_ path: [String]) -> EachMode { withLock { callModes[path] ?? .none } }
}

/// Builds the evaluation context for expressions in one module instance from the values
/// computed so far, including only what the expressions reference.
public struct Scope: Sendable {
    public var store: ValueStore
    public var module: ModuleInstance
    public var config: Config
    public var functions: FunctionTable
    public var rootDir: String
    public var workspace: String
    public var extras: [String: Value] = [:]

    public func context(for refs: [Traversal]) -> EvalContext {
        var vars: [String: Value] = extras
        var localsObj: [String: Value] = [:]
        var modulesObj: [String: Value] = [:]
        var dataObj: [String: [String: Value]] = [:]
        var resourceObjs: [String: [String: Value]] = [:]
        for t in refs {
            let first: String? = { if case .attr(let n, _)? = t.steps.first { return n }; return nil }()
            switch t.root {
            case "var":
                if vars["var"] == nil {
                    var all = store.variables(module)
                    for name in config.module.variables.keys where all[name] == nil { all[name] = .dynamicUnknown }
                    vars["var"] = .object(all)
                }
            case "local":
                if let n = first { localsObj[n] = store.local(module, n) ?? .dynamicUnknown }
            case "module":
                if let n = first, modulesObj[n] == nil { modulesObj[n] = moduleValue(n) }
            case "data":
                if let type = first, t.steps.count > 1, case .attr(let name, _) = t.steps[1] {
                    dataObj[type, default: [:]][name] = store.resource(module, "data.\(type).\(name)")?.value ?? .dynamicUnknown
                }
            case "path":
                // As in Terraform: module and root relative to the working directory, cwd absolute.
                vars["path"] = .object(["module": .string(Self.relative(config.module.dir, to: rootDir)), "root": .string("."),
                                        "cwd": .string(rootDir)])
            case "terraform":
                vars["terraform"] = .object(["workspace": .string(workspace)])
            case "count", "each", "self":
                break
            default:
                if let n = first, config.module.resources["\(t.root).\(n)"] != nil {
                    resourceObjs[t.root, default: [:]][n] = store.resource(module, "\(t.root).\(n)")?.value ?? .dynamicUnknown
                }
            }
        }
        if !localsObj.isEmpty { vars["local"] = .object(localsObj) }
        if !modulesObj.isEmpty { vars["module"] = .object(modulesObj) }
        if !dataObj.isEmpty { vars["data"] = .object(dataObj.mapValues { .object($0) }) }
        for (type, objs) in resourceObjs { vars[type] = .object(objs) }
        return EvalContext(variables: vars, functions: functions)
    }

    /// `dir` relative to `base` ("." for the same directory), as Terraform shows module paths.
    static func relative(_ dir: String, to base: String) -> String {
        let d = (dir as NSString).standardizingPath, b = (base as NSString).standardizingPath
        if d == b { return "." }
        if d.hasPrefix(b + "/") { return String(d.dropFirst(b.count + 1)) }
        let dp = d.split(separator: "/"), bp = b.split(separator: "/")
        var common = 0
        while common < min(dp.count, bp.count), dp[common] == bp[common] { common += 1 }
        return (Array(repeating: "..", count: bp.count - common) + dp[common...].map(String.init)).joined(separator: "/")
    }

    /// The value of `module.<name>`: an object of outputs, or a tuple/object of them.
    func moduleValue(_ name: String) -> Value {
        let path = config.path + [name]
        let instances = store.instances(of: path).filter { $0.parent == module }
        func outputs(_ mi: ModuleInstance) -> Value {
            var o = store.outputs(mi)
            if let child = config.children[name] {
                for n in child.module.outputs.keys where o[n] == nil { o[n] = .dynamicUnknown }
            }
            return .object(o)
        }
        switch store.callMode(path) {
        case .none: return instances.first.map(outputs) ?? .dynamicUnknown
        case .list: return .tuple(instances.map(outputs))
        case .map:
            var m: [String: Value] = [:]
            for mi in instances { if case .string(let k) = mi.steps.last!.key { m[k] = outputs(mi) } }
            return .object(m)
        }
    }
}
