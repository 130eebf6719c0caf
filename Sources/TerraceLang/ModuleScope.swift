import TerraceBasics
import TerraceHCL

/// What expressions in one module instance may refer to, and how Terraform resolves those
/// references before evaluating (its `lang.Scope` with the evaluator's data): each traversal
/// is parsed as a reference (`var.x`, `local.y`, `aws_vpc.main`, `data.t.n`, `module.m`,
/// `path.module`, `terraform.workspace`, `count.index`, `each.key`), checked against the
/// module's declarations with Terraform's diagnostics ("Reference to undeclared input
/// variable", "Did you mean …?"), and only the referenced objects are put in the context.
public struct ModuleScope: Sendable {
    /// A declared resource or data source.
    public struct Resource: Sendable {
        public var hasCount: Bool
        public var hasForEach: Bool
        /// Attribute and block names from the provider schema, to check `x.y.attr`; nil when
        /// no schema is known.
        public var schemaNames: Set<String>?
        /// The value expressions see: an object, a tuple (count) or an object by key (for_each).
        public var value: Value

        public init(hasCount: Bool = false, hasForEach: Bool = false, schemaNames: Set<String>? = nil, value: Value = .dynamicUnknown) {
            self.hasCount = hasCount
            self.hasForEach = hasForEach
            self.schemaNames = schemaNames
            self.value = value
        }
    }

    /// Declared input variables and their values (unknown for those without one).
    public var variables: [String: Value]
    /// Declared local values and their values.
    public var locals: [String: Value]
    /// Managed resources by type, then name.
    public var resources: [String: [String: Resource]]
    /// Data resources by type, then name.
    public var dataResources: [String: [String: Resource]]
    /// Module calls and their values (objects of outputs).
    public var modules: [String: Value]
    /// `path.module`, `path.root`, `path.cwd`.
    public var path: [String: String]
    public var workspace: String
    public var functions: FunctionTable
    /// How diagnostics name the module ("the root module").
    public var moduleName: String

    public init(variables: [String: Value] = [:], locals: [String: Value] = [:],
                resources: [String: [String: Resource]] = [:], dataResources: [String: [String: Resource]] = [:],
                modules: [String: Value] = [:], functions: FunctionTable,
                path: [String: String] = ["module": ".", "root": ".", "cwd": "."], workspace: String = "default",
                moduleName: String = "the root module") {
        self.variables = variables
        self.locals = locals
        self.resources = resources
        self.dataResources = dataResources
        self.modules = modules
        self.path = path
        self.workspace = workspace
        self.functions = functions
        self.moduleName = moduleName
    }

    private enum Subject {
        case resource(data: Bool, type: String, name: String, key: Bool, remaining: [TraversalStep])
        case module(String, remaining: [TraversalStep])
        case variable(String)
        case local(String)
        case path(String)
        case terraform(String)
        case count(String)
        case each(String)
        case selfRef
    }

    private struct Reference {
        var subject: Subject
        var range: SourceRange
    }

    /// The context for evaluating `expr`, or the diagnostics for references that do not resolve
    /// (with which Terraform stops before evaluating).
    public func context(for expr: Expr) -> (EvalContext, Diagnostics) {
        var diags = Diagnostics()
        var refs: [Reference] = []
        for t in expr.variables {
            if let r = parse(t, &diags) { refs.append(r) }
        }
        var ctx = EvalContext(variables: [:], functions: functions)
        if refs.isEmpty { return (ctx, diags) }
        var statics = Diagnostics()
        for r in refs { validate(r, &statics) }
        if statics.hasErrors { return (ctx, diags + statics) }

        var managed: [String: [String: Value]] = [:]
        var data: [String: [String: Value]] = [:]
        var mods: [String: Value] = [:]
        var vars: [String: Value] = [:]
        var locs: [String: Value] = [:]
        var pathAttrs: [String: Value] = [:]
        var tfAttrs: [String: Value] = [:]
        for r in refs {
            switch r.subject {
            case .selfRef:
                diags += .error("Invalid \"self\" reference",
                                "The \"self\" object is not available in this context. This object can be used only in resource provisioner and connection blocks.",
                                at: r.range)
            case .resource(let isData, let type, let name, _, _):
                let v = (isData ? dataResources : resources)[type]?[name]?.value ?? .dynamicUnknown
                if isData { data[type, default: [:]][name] = v } else { managed[type, default: [:]][name] = v }
            case .module(let name, _):
                guard let v = modules[name] else {
                    diags += .error("Reference to undeclared module", "The configuration contains no module.\(name).", at: r.range)
                    continue
                }
                mods[name] = v
            case .variable(let name):
                guard let v = variables[name] else {
                    var suggestion = Suggestions.didYouMean(name, in: variables.keys)
                    if suggestion.isEmpty { suggestion = " This variable can be declared with a variable \"\(name)\" {} block." }
                    diags += .error("Reference to undeclared input variable",
                                    "An input variable with the name \"\(name)\" has not been declared.\(suggestion)", at: r.range)
                    vars[name] = .dynamicUnknown
                    continue
                }
                vars[name] = v
            case .local(let name):
                guard let v = locals[name] else {
                    diags += .error("Reference to undeclared local value",
                                    "A local value with the name \"\(name)\" has not been declared.\(Suggestions.didYouMean(name, in: locals.keys))",
                                    at: r.range)
                    locs[name] = .dynamicUnknown
                    continue
                }
                locs[name] = v
            case .path(let name):
                guard let p = path[name] else {
                    diags += .error("Invalid \"path\" attribute",
                                    "The \"path\" object does not have an attribute named \"\(name)\".\(Suggestions.didYouMean(name, in: ["cwd", "module", "root"]))",
                                    at: r.range)
                    continue
                }
                pathAttrs[name] = .string(p)
            case .terraform(let name):
                switch name {
                case "workspace": tfAttrs[name] = .string(workspace)
                case "env":
                    diags += .error("Invalid \"terraform\" attribute",
                                    "The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The \"state environment\" concept was rename to \"workspace\" in v0.12, and so the workspace name can now be accessed using the terraform.workspace attribute.",
                                    at: r.range)
                default:
                    diags += .error("Invalid \"terraform\" attribute",
                                    "The \"terraform\" object does not have an attribute named \"\(name)\". The only supported attribute is terraform.workspace, the name of the currently-selected workspace.",
                                    at: r.range)
                }
            case .count(let name):
                if name == "index" {
                    diags += .error("Reference to \"count\" in non-counted context",
                                    "The \"count\" object can only be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument is set.",
                                    at: r.range)
                } else {
                    diags += .error("Invalid \"count\" attribute",
                                    "The \"count\" object does not have an attribute named \"\(name)\". The only supported attribute is count.index, which is the index of each instance of a resource block that has the \"count\" argument set.",
                                    at: r.range)
                }
            case .each(let name):
                if name == "value" {
                    diags += .error("each.value cannot be used in this context",
                                    "A reference to \"each.value\" has been used in a context in which it unavailable, such as when the configuration no longer contains the value in its \"for_each\" expression. Remove this reference to each.value in your configuration to work around this error.",
                                    at: r.range)
                } else if name == "key" {
                    diags += .error("Reference to \"each\" in context without for_each",
                                    "The \"each\" object can be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.",
                                    at: r.range)
                } else {
                    diags += .error("Invalid \"each\" attribute",
                                    "The \"each\" object does not have an attribute named \"\(name)\". The supported attributes are each.key and each.value, the current key and value pair of the \"for_each\" attribute set.",
                                    at: r.range)
                }
            }
        }
        var vals: [String: Value] = [:]
        for (type, objs) in managed { vals[type] = .object(objs) }
        vals["resource"] = .object(managed.mapValues { .object($0) })
        vals["data"] = .object(data.mapValues { .object($0) })
        vals["module"] = .object(mods)
        vals["var"] = .object(vars)
        vals["local"] = .object(locs)
        vals["path"] = .object(pathAttrs)
        vals["terraform"] = .object(tfAttrs)
        vals["count"] = .emptyObject
        vals["each"] = .emptyObject
        ctx.variables = vals
        return (ctx, diags)
    }

    // MARK: - Parsing references (Terraform's addrs.ParseRef)

    private func parse(_ t: Traversal, _ diags: inout Diagnostics) -> Reference? {
        let root = t.root
        func single() -> (String, SourceRange, [TraversalStep])? {
            guard let first = t.steps.first else {
                diags += .error("Invalid reference",
                                "The \"\(root)\" object cannot be accessed directly. Instead, access one of its attributes.", at: t.rootRange)
                return nil
            }
            guard case .attr(let name, let r) = first else {
                diags += .error("Invalid reference", "The \"\(root)\" object does not support this operation.", at: first.range)
                return nil
            }
            return (name, t.rootRange.union(r), Array(t.steps.dropFirst()))
        }
        switch root {
        case "count":
            return single().map { Reference(subject: .count($0.0), range: $0.1) }
        case "each":
            return single().map { Reference(subject: .each($0.0), range: $0.1) }
        case "local":
            return single().map { Reference(subject: .local($0.0), range: $0.1) }
        case "var":
            return single().map { Reference(subject: .variable($0.0), range: $0.1) }
        case "path":
            return single().map { Reference(subject: .path($0.0), range: $0.1) }
        case "terraform":
            return single().map { Reference(subject: .terraform($0.0), range: $0.1) }
        case "self":
            return Reference(subject: .selfRef, range: t.rootRange)
        case "module":
            guard let (name, r, remain) = single() else { return nil }
            return Reference(subject: .module(name, remaining: remain), range: r)
        case "data", "resource":
            guard t.steps.count >= 2 else {
                let what = root == "data" ? "data source type" : "resource type"
                diags += .error("Invalid reference",
                                "The \"\(root)\" object must be followed by two attribute names: the \(what) and the resource name.",
                                at: t.range)
                return nil
            }
            guard case .attr(let type, _) = t.steps[0] else {
                diags += .error("Invalid reference", "The \"\(root)\" object does not support this operation.", at: t.steps[0].range)
                return nil
            }
            return resource(data: root == "data", type: type, t.rootRange, Array(t.steps.dropFirst()), &diags)
        case "template", "lazy", "arg":
            diags += .error("Reserved symbol name",
                            "The symbol name \"\(root)\" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix \"resource.\" to force interpretation as a resource type name.",
                            at: t.rootRange)
            return nil
        default:
            guard !t.steps.isEmpty else {
                diags += .error("Invalid reference",
                                "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.",
                                at: t.range)
                return nil
            }
            return resource(data: false, type: root, t.rootRange, t.steps, &diags)
        }
    }

    private func resource(data: Bool, type: String, _ start: SourceRange, _ steps: [TraversalStep], _ diags: inout Diagnostics) -> Reference? {
        guard case .attr(let name, let r) = steps[0] else {
            diags += .error("Invalid reference",
                            "A reference to a \(data ? "data source" : "resource type") must be followed by at least one attribute access, specifying the resource name.",
                            at: steps[0].range)
            return nil
        }
        var remain = Array(steps.dropFirst())
        var key = false
        if case .index? = remain.first {
            key = true
            remain.removeFirst()
        }
        return Reference(subject: .resource(data: data, type: type, name: name, key: key, remaining: remain), range: start.union(r))
    }

    // MARK: - Static validation (Terraform's evaluate_valid.go)

    private func validate(_ r: Reference, _ diags: inout Diagnostics) {
        switch r.subject {
        case .selfRef:
            diags += .error("Invalid \"self\" reference",
                            "The \"self\" object is not available in this context. This object can be used only in resource provisioner and connection blocks.",
                            at: r.range)
        case .resource(let isData, let type, let name, let key, let remain):
            let addr = (isData ? "data." : "") + "\(type).\(name)"
            let decl = (isData ? dataResources : resources)[type]?[name]
            if let decl, !remain.isEmpty || key {
                if key {
                    if !decl.hasCount && !decl.hasForEach {
                        diags += .error("Unexpected resource instance key",
                                        "Because \(addr) does not have \"count\" or \"for_each\" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.",
                                        at: r.range)
                    }
                } else {
                    if decl.hasCount {
                        diags += .error("Missing resource instance key",
                                        "Because \(addr) has \"count\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(addr)[count.index]",
                                        at: r.range)
                    }
                    if decl.hasForEach {
                        diags += .error("Missing resource instance key",
                                        "Because \(addr) has \"for_each\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(addr)[each.key]",
                                        at: r.range)
                    }
                }
            }
            guard let decl else {
                var suggestion = ""
                if !isData, dataResources[type]?[name] != nil { suggestion = "\n\nDid you mean the data resource data.\(type).\(name)?" }
                diags += .error("Reference to undeclared resource",
                                "A \(isData ? "data" : "managed") resource \"\(type)\" \"\(name)\" has not been declared in \(moduleName).\(suggestion)",
                                at: r.range)
                return
            }
            if case .attr("count", _)? = remain.first {
                diags += .error("Invalid resource count attribute",
                                "The special \"count\" attribute is no longer supported after Terraform v0.12. Instead, use length(\(addr)) to count resource instances.",
                                at: r.range)
                return
            }
            if let names = decl.schemaNames, let first = remain.first {
                switch first {
                case .attr(let attr, let ar) where !names.contains(attr):
                    diags += .error("Unsupported attribute",
                                    "This object has no argument, nested block, or exported attribute named \"\(attr)\".\(Suggestions.didYouMean(attr, in: names))",
                                    at: ar)
                case .index(let k, let ir):
                    if case .string(let s) = k, Identifier.isValid(s) {
                        diags += .error("Invalid index operation",
                                        "Only attribute access is allowed here. Did you mean to access attribute \"\(s)\" using the dot operator?", at: ir)
                    } else {
                        diags += .error("Invalid index operation", "Only attribute access is allowed here, using the dot operator.", at: ir)
                    }
                default: break
                }
            }
        case .module(let name, _):
            if modules[name] == nil {
                diags += .error("Reference to undeclared module",
                                "No module call named \"\(name)\" is declared in \(moduleName).\(Suggestions.didYouMean(name, in: modules.keys))",
                                at: r.range)
            }
        default:
            break
        }
    }
}
