import Foundation
import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang
import TerraceProviders

/// The checks of one module of the tree: each expression's references are checked statically
/// first, and only an expression whose references are all valid is then evaluated (with
/// unknown variables and resources), so each problem is reported once.
struct ModuleValidation {
    let config: Config
    let root: Config
    let schemas: SchemaCache
    let sources: SourceFiles
    var diags = Diagnostics()
    let functions: FunctionTable
    /// Values of the module's locals once evaluated (unknown where they could not be).
    var locals: [String: Value] = [:]
    let staticValues: StaticValues

    var module: Module { config.module }

    init(config: Config, root: Config, schemas: SchemaCache, sources: SourceFiles) {
        self.config = config
        self.root = root
        self.schemas = schemas
        self.sources = sources
        functions = Builtins.table(baseDir: config.module.dir)
        staticValues = StaticValues(config: config, root: root)
    }

    mutating func run() {
        checkVariables()
        checkLocals()
        checkProviders()
        checkResources(module.resources.keys.sorted())
        for call in module.moduleCalls.values.sorted(by: { $0.name < $1.name }) { checkModuleCall(call) }
        for out in module.outputs.values.sorted(by: { $0.name < $1.name }) { checkOutput(out) }
        for imp in module.imports { _ = evaluate(imp.id, ExpressionScope()) }
    }

    /// Resource checks are independent of each other (they only add diagnostics), so a large
    /// module's are split into contiguous runs checked on every core, their diagnostics joined
    /// in the same order as one after another. Keys, not the (large) Resource values, are sorted.
    mutating func checkResources(_ keys: [String]) {
        let base = self
        let found = Parallel.mapRuns(keys.count, minimum: 64) { run in
            var v = base
            v.diags = Diagnostics()
            for i in run {
                if let r = v.module.resources[keys[i]] { v.checkResource(r) }
            }
            return v.diags
        }
        for d in found { diags += d }
    }

    // MARK: - Expressions

    /// What an expression may see beyond the module's named values.
    struct ExpressionScope {
        var count = false
        var forEach = false
        var selfAllowed = false
        /// The resource whose body this is (references to it are self-references).
        var resource: Resource?
    }

    /// The static check of every reference in `refs`; true when all are valid.
    mutating func checkReferences(_ refs: [Traversal], _ scope: ExpressionScope) -> Bool {
        var ok = true
        let checker = ReferenceChecker(config: config, schemas: schemas, sources: sources)
        for t in refs {
            if let r = scope.resource, checker.refersTo(t, r) {
                diags += .error("Self-referential block",
                                "Configuration for \(r.key) may not refer to itself.", at: checker.referenceRange(t))
                ok = false
                continue
            }
            let d = checker.check(t, count: scope.count, forEach: scope.forEach, selfAllowed: scope.selfAllowed)
            diags += d
            if d.hasErrors { ok = false }
        }
        return ok
    }

    /// Checks an expression's references, then evaluates it; nil when either failed.
    mutating func evaluate(_ e: Expr, _ scope: ExpressionScope) -> Value? {
        guard checkReferences(e.variables, scope) else { return nil }
        let (v, d) = Evaluator.evaluate(e, in: context(scope, for: e.variables))
        diags += d
        return d.hasErrors ? nil : v
    }

    /// The evaluation context of validation: declared variables unknown of their type,
    /// locals as evaluated so far, every resource, data source and module output unknown.
    /// Only the locals `refs` name are included (all of them if one reads `local` whole), and
    /// the rest is built once per module, so each expression costs what it reads rather than
    /// the size of the module (rebuilding everything per expression made validation quadratic).
    func context(_ scope: ExpressionScope, for refs: [Traversal]) -> EvalContext {
        var vars = staticValues.base
        var localObj: [String: Value] = [:]
        for t in refs where t.root == "local" {
            guard case .attr(let name, _)? = t.steps.first else {
                for name in module.locals.keys { localObj[name] = locals[name] ?? .dynamicUnknown }
                break
            }
            if module.locals[name] != nil { localObj[name] = locals[name] ?? .dynamicUnknown }
        }
        // A resource type named `local` would have replaced the locals, as it did when every
        // name was assigned in order.
        if !staticValues.hasLocalType { vars["local"] = .object(localObj) }
        if scope.count { vars["count"] = .object(["index": .unknown(.number)]) }
        if scope.forEach { vars["each"] = .object(["key": .unknown(.string), "value": .dynamicUnknown]) }
        if scope.selfAllowed { vars["self"] = .dynamicUnknown }
        return EvalContext(variables: vars, functions: functions)
    }

    /// The parts of the validation context that do not change while a module is checked.
    struct StaticValues {
        /// `var`, then resource types, `data`, `resource`, `module`, `path` and `terraform`,
        /// later ones replacing earlier ones of the same name.
        var base: [String: Value] = [:]
        var hasLocalType = false

        init(config: Config, root: Config) {
            let module = config.module
            var varObj: [String: Value] = [:]
            for (name, v) in module.variables {
                varObj[name] = Value(.unknown(v.type.type), sensitive: v.sensitive)
            }
            base["var"] = .object(varObj)
            var others: [(String, Value)] = []
            var managed: [String: [String: Value]] = [:]
            var data: [String: [String: Value]] = [:]
            for r in module.resources.values {
                if r.mode == .data { data[r.type, default: [:]][r.name] = .dynamicUnknown }
                else { managed[r.type, default: [:]][r.name] = .dynamicUnknown }
            }
            others = managed.map { ($0.key, .object($0.value)) }
            others.append(("data", .object(data.mapValues { .object($0) })))
            others.append(("resource", .object(managed.mapValues { .object($0) })))
            var modules: [String: Value] = [:]
            for (name, call) in module.moduleCalls {
                if call.count == nil, call.forEach == nil, let child = config.children[name] {
                    modules[name] = .unknown(.object(child.module.outputs.mapValues { _ in .dynamic }))
                } else {
                    modules[name] = .dynamicUnknown
                }
            }
            others.append(("module", .object(modules)))
            others.append(("path", .object(["module": .string(module.dir), "root": .string(root.module.dir),
                                            "cwd": .string(FileManager.default.currentDirectoryPath)])))
            others.append(("terraform", .object(["workspace": .unknown(.string)])))
            for (name, v) in others { base[name] = v }
            hasLocalType = others.contains { $0.0 == "local" }
        }
    }

    // MARK: - Variables and locals

    mutating func checkVariables() {
        for v in module.variables.values.sorted(by: { $0.name < $1.name }) {
            // Conditions may refer only to their own variable (checked when decoding); here the
            // rest of each rule is checked, e.g. unknown functions.
            for rule in v.validations {
                let ctx = EvalContext(variables: ["var": .object([v.name: .unknown(v.type.type)])], functions: functions)
                diags += Evaluator.evaluate(rule.condition, in: ctx).1
            }
        }
    }

    /// Locals in dependency order, so each sees the values of those it uses; a local in a
    /// cycle stays unknown (the cycle itself is reported for the whole graph).
    mutating func checkLocals() {
        var deps: [String: Set<String>] = [:]
        for (name, l) in module.locals {
            deps[name] = Set(l.expr.variables.compactMap { t in
                guard t.root == "local", case .attr(let n, _)? = t.steps.first else { return nil }
                return n
            })
        }
        var done = Set<String>()
        var remaining = Set(module.locals.keys)
        while !remaining.isEmpty {
            let ready = remaining.filter { deps[$0, default: []].subtracting(done).subtracting([$0]).isEmpty }.sorted()
            // Whatever is left depends on a cycle: evaluate it anyway to report its other problems.
            let batch = ready.isEmpty ? remaining.sorted() : ready
            for name in batch {
                remaining.remove(name)
                done.insert(name)
                guard let l = module.locals[name] else { continue }
                if deps[name, default: []].contains(name) {
                    for t in l.expr.variables where t.root == "local" {
                        if case .attr(name, _)? = t.steps.first {
                            diags += .error("Self-referencing local value",
                                            "Local value local.\(name) cannot use its own result as part of its expression.",
                                            at: ReferenceChecker.rangeThrough(t, steps: 1))
                        }
                    }
                    locals[name] = .dynamicUnknown
                    continue
                }
                locals[name] = evaluate(l.expr, ExpressionScope()) ?? .dynamicUnknown
            }
        }
    }

    // MARK: - Outputs

    mutating func checkOutput(_ out: Output) {
        _ = checkDependsOn(out.dependsOn, ExpressionScope())
        var value: Value?
        if let e = out.expr { value = evaluate(e, ExpressionScope()) }
        for rule in out.preconditions {
            _ = evaluate(rule.condition, ExpressionScope())
            if let m = rule.errorMessage { _ = evaluate(m, ExpressionScope()) }
        }
        if config.path.isEmpty, !out.sensitive, let v = value, v.containsSensitive {
            diags += .error("Output refers to sensitive values",
                            "To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, Terrace requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the following argument:\n    sensitive = true",
                            at: out.declRange)
        }
    }

    /// `depends_on` entries must name whole objects that exist.
    mutating func checkDependsOn(_ refs: [Traversal], _ scope: ExpressionScope) -> Bool {
        var ok = true
        for t in refs {
            let parsed = ReferenceChecker.parse(t)
            if let remaining = parsed?.remaining, let first = remaining.first, let last = remaining.last {
                diags += .error("Invalid depends_on reference",
                                "References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.",
                                at: first.range.union(last.range).withDot(sources: sources))
                ok = false
                continue
            }
            if !checkReferences([t], scope) { ok = false }
        }
        return ok
    }
}
