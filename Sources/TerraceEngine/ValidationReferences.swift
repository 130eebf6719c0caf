import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang
import TerraceProviders

/// Checks references (`var.x`, `aws_vpc.main.id`, `module.net.out`, `count.index`, …) against
/// what a module declares and against resource schemas, with Terraform's diagnostics
/// (`addrs.ParseRef`, `staticValidateReference`, the evaluator's `Get*` methods).
struct ReferenceChecker {
    let config: Config
    let schemas: SchemaCache
    var sources: SourceFiles = .shared

    var module: Module { config.module }

    /// A reference split as Terraform's `addrs.Reference`: what it names, the range of that
    /// part, and the steps after it.
    struct Parsed {
        enum Subject {
            case variable(String), local(String), count(String), each(String), path(String), terraform(String)
            case selfRef
            case resource(ResourceMode, String, String, key: LiteralKey?)
            case module(String, key: LiteralKey?, output: String?)
        }
        var subject: Subject
        var range: SourceRange
        var remaining: [TraversalStep]
    }

    /// The range of a traversal's root and its first `steps` steps.
    static func rangeThrough(_ t: Traversal, steps n: Int) -> SourceRange {
        var r = t.rootRange
        for step in t.steps.prefix(n) { r = r.union(step.range) }
        return r
    }

    /// Parses a traversal as a reference, or returns the diagnostic Terraform gives.
    static func parseOrDiagnose(_ t: Traversal) -> Result<Parsed, Diagnostic> {
        func attr(_ i: Int) -> String? {
            guard i < t.steps.count, case .attr(let n, _) = t.steps[i] else { return nil }
            return n
        }
        func single(_ make: (String) -> Parsed.Subject) -> Result<Parsed, Diagnostic> {
            guard let first = t.steps.first else {
                return .failure(.error("Invalid reference",
                                       "The \"\(t.root)\" object cannot be accessed directly. Instead, access one of its attributes.",
                                       at: t.rootRange))
            }
            guard let name = attr(0) else {
                return .failure(.error("Invalid reference", "The \"\(t.root)\" object does not support this operation.", at: first.range))
            }
            return .success(Parsed(subject: make(name), range: rangeThrough(t, steps: 1), remaining: Array(t.steps.dropFirst())))
        }
        func resource(_ mode: ResourceMode, skip: Int) -> Result<Parsed, Diagnostic> {
            let what = mode == .data ? "data source" : "resource type"
            guard t.steps.count > skip else {
                return .failure(.error("Invalid reference",
                                       "A reference to a \(what) must be followed by at least one attribute access, specifying the resource name.",
                                       at: t.range))
            }
            guard let name = attr(skip) else {
                return .failure(.error("Invalid reference",
                                       "A reference to a \(what) must be followed by at least one attribute access, specifying the resource name.",
                                       at: t.steps[skip].range))
            }
            let type = skip == 0 ? t.root : (attr(0) ?? "")
            var used = skip + 1
            var key: LiteralKey?
            if used < t.steps.count, case .index(let k, _) = t.steps[used] {
                key = k
                used += 1
            }
            return .success(Parsed(subject: .resource(mode, type, name, key: key), range: rangeThrough(t, steps: used),
                                   remaining: Array(t.steps.dropFirst(used))))
        }
        switch t.root {
        case "var": return single { .variable($0) }
        case "local": return single { .local($0) }
        case "count": return single { .count($0) }
        case "each": return single { .each($0) }
        case "path": return single { .path($0) }
        case "terraform": return single { .terraform($0) }
        case "self": return .success(Parsed(subject: .selfRef, range: t.rootRange, remaining: t.steps))
        case "data", "resource":
            guard t.steps.count >= 2 else {
                let detail = t.root == "data"
                    ? "The \"data\" object must be followed by two attribute names: the data source type and the resource name."
                    : "The \"resource\" object must be followed by two attribute names: the resource type and the resource name."
                return .failure(.error("Invalid reference", detail, at: t.range))
            }
            guard attr(0) != nil else {
                return .failure(.error("Invalid reference", "The \"\(t.root)\" object does not support this operation.", at: t.steps[0].range))
            }
            return resource(t.root == "data" ? .data : .managed, skip: 1)
        case "module":
            switch single({ .module($0, key: nil, output: nil) }) {
            case .failure(let d): return .failure(d)
            case .success(var p):
                guard case .module(let name, _, _) = p.subject else { return .success(p) }
                var key: LiteralKey?
                var used = 1
                if used < t.steps.count, case .index(let k, _) = t.steps[used] {
                    key = k
                    used += 1
                }
                var output: String?
                if used < t.steps.count {
                    guard case .attr(let o, _) = t.steps[used] else {
                        return .failure(.error("Invalid reference", "Module instance objects do not support this operation.", at: t.steps[used].range))
                    }
                    output = o
                    used += 1
                }
                p.subject = .module(name, key: key, output: output)
                p.range = rangeThrough(t, steps: used)
                p.remaining = Array(t.steps.dropFirst(used))
                return .success(p)
            }
        case "template", "lazy", "arg":
            return .failure(.error("Reserved symbol name",
                                   "The symbol name \"\(t.root)\" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix \"resource.\" to force interpretation as a resource type name.",
                                   at: t.rootRange))
        default:
            return resource(.managed, skip: 0)
        }
    }

    static func parse(_ t: Traversal) -> Parsed? {
        if case .success(let p) = parseOrDiagnose(t) { return p }
        return nil
    }

    /// Whether a reference names the resource `r` itself.
    func refersTo(_ t: Traversal, _ r: Resource) -> Bool {
        guard let p = Self.parse(t), case .resource(let mode, let type, let name, _) = p.subject else { return false }
        return mode == r.mode && type == r.type && name == r.name
    }

    func referenceRange(_ t: Traversal) -> SourceRange { Self.parse(t)?.range ?? t.range }

    /// The diagnostics for one reference in an expression that may use `count` and `each`
    /// as given, and `self` only in postconditions.
    func check(_ t: Traversal, count: Bool, forEach: Bool, selfAllowed: Bool) -> Diagnostics {
        var diags = Diagnostics()
        let parsed: Parsed
        switch Self.parseOrDiagnose(t) {
        case .failure(let d): return Diagnostics([d])
        case .success(let p): parsed = p
        }
        let rng = parsed.range
        switch parsed.subject {
        case .variable(let name):
            if module.variables[name] == nil {
                var hint = Suggestions.didYouMean(name, in: module.variables.keys)
                if hint.isEmpty { hint = " This variable can be declared with a variable \"\(name)\" {} block." }
                diags += .error("Reference to undeclared input variable",
                                "An input variable with the name \"\(name)\" has not been declared.\(hint)", at: rng)
            }
        case .local(let name):
            if module.locals[name] == nil {
                diags += .error("Reference to undeclared local value",
                                "A local value with the name \"\(name)\" has not been declared.\(Suggestions.didYouMean(name, in: module.locals.keys))",
                                at: rng)
            }
        case .count(let name):
            if name != "index" {
                diags += .error("Invalid \"count\" attribute",
                                "The \"count\" object does not have an attribute named \"\(name)\". The only supported attribute is count.index, which is the index of each instance of a resource block that has the \"count\" argument set.",
                                at: rng)
            } else if !count {
                diags += .error("Reference to \"count\" in non-counted context",
                                "The \"count\" object can only be used in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument is set.",
                                at: rng)
            }
        case .each(let name):
            if name != "key" && name != "value" {
                diags += .error("Invalid \"each\" attribute",
                                "The \"each\" object does not have an attribute named \"\(name)\". The supported attributes are each.key and each.value, the current key and value pair of the \"for_each\" attribute set.",
                                at: rng)
            } else if !forEach {
                diags += .error("Reference to \"each\" in context without for_each",
                                "The \"each\" object can be used only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.",
                                at: rng)
            }
        case .path(let name):
            if !["cwd", "module", "root"].contains(name) {
                diags += .error("Invalid \"path\" attribute",
                                "The \"path\" object does not have an attribute named \"\(name)\".\(Suggestions.didYouMean(name, in: ["cwd", "module", "root"]))",
                                at: rng)
            }
        case .terraform(let name):
            if name == "env" {
                diags += .error("Invalid \"terraform\" attribute",
                                "The terraform.env attribute was deprecated in v0.10 and removed in v0.12. The \"state environment\" concept was rename to \"workspace\" in v0.12, and so the workspace name can now be accessed using the terraform.workspace attribute.",
                                at: rng)
            } else if name != "workspace" {
                diags += .error("Invalid \"terraform\" attribute",
                                "The \"terraform\" object does not have an attribute named \"\(name)\". The only supported attribute is terraform.workspace, the name of the currently-selected workspace.",
                                at: rng)
            }
        case .selfRef:
            if !selfAllowed {
                diags += .error("Invalid \"self\" reference",
                                "The \"self\" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.",
                                at: rng)
            }
        case .resource(let mode, let type, let name, let key):
            diags += checkResource(mode, type, name, key: key, remaining: parsed.remaining, range: rng)
        case .module(let name, _, let output):
            diags += checkModule(name, output: output, range: rng, traversal: t)
        }
        return diags
    }

    func checkResource(_ mode: ResourceMode, _ type: String, _ name: String, key: LiteralKey?,
                       remaining: [TraversalStep], range rng: SourceRange) -> Diagnostics {
        var diags = Diagnostics()
        let key0 = mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
        guard let r = module.resources[key0] else {
            var hint = ""
            if mode == .managed, module.resources["data.\(type).\(name)"] != nil {
                hint = "\n\nDid you mean the data resource data.\(type).\(name)?"
            } else {
                let candidates = module.resources.values.filter { $0.mode == mode }.map { "\($0.type).\($0.name)" }
                if let near = Suggestions.nearest("\(type).\(name)", in: candidates) {
                    hint = " Did you mean \"\(mode == .data ? "data." : "")\(near)\"?"
                }
            }
            diags += .error("Reference to undeclared resource",
                            "A \(mode == .data ? "data" : "managed") resource \"\(type)\" \"\(name)\" has not been declared in \(config.displayAddress).\(hint)",
                            at: rng)
            return diags
        }
        if key != nil {
            if r.count == nil && r.forEach == nil {
                diags += .error("Unexpected resource instance key",
                                "Because \(key0) does not have \"count\" or \"for_each\" set, references to it must not include an index key. Remove the bracketed index to refer to the single instance of this resource.",
                                at: rng)
                return diags
            }
        } else if !remaining.isEmpty {
            if r.count != nil {
                diags += .error("Missing resource instance key",
                                "Because \(key0) has \"count\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(key0)[count.index]",
                                at: rng)
            }
            if r.forEach != nil {
                diags += .error("Missing resource instance key",
                                "Because \(key0) has \"for_each\" set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    \(key0)[each.key]",
                                at: rng)
            }
            if diags.hasErrors { return diags }
        }
        guard let schema = schemas.resourceSchema(provider: r.provider.name, mode: mode, type: type) else { return diags }
        if case .attr("count", _)? = remaining.first {
            diags += .error("Invalid resource count attribute",
                            "The special \"count\" attribute is no longer supported after Terraform v0.12. Instead, use length(\(key0)) to count resource instances.",
                            at: rng)
            return diags
        }
        diags += validateTraversal(remaining, in: schema.block)
        return diags
    }

    /// Terraform's `configschema.Block.StaticValidateTraversal`: the steps after a resource
    /// must name its attributes and nested blocks.
    func validateTraversal(_ steps: [TraversalStep], in block: SchemaBlock) -> Diagnostics {
        guard let next = steps.first else { return Diagnostics() }
        let after = Array(steps.dropFirst())
        let name: String
        switch next {
        case .attr(let n, _):
            name = n
        case .index(let k, let r):
            if case .string(let s) = k, Identifier.isValid(s) {
                return Diagnostics([.error("Invalid index operation",
                                           "Only attribute access is allowed here. Did you mean to access attribute \"\(s)\" using the dot operator?", at: r)])
            }
            return Diagnostics([.error("Invalid index operation", "Only attribute access is allowed here, using the dot operator.", at: r)])
        }
        if let a = block.attributes[name] {
            do {
                _ = try Self.apply(after, to: .unknown(a.type))
                return Diagnostics()
            } catch {
                return Diagnostics([error])
            }
        }
        if let nb = block.blockTypes[name] {
            return validateNested(nb, name, after)
        }
        let candidates = Array(block.attributes.keys) + Array(block.blockTypes.keys)
        return Diagnostics([.error("Unsupported attribute",
                                   "This object has no argument, nested block, or exported attribute named \"\(name)\".\(Suggestions.didYouMean(name, in: candidates))",
                                   at: withDot(next))])
    }

    func validateNested(_ nb: NestedBlock, _ typeName: String, _ steps: [TraversalStep]) -> Diagnostics {
        if nb.nesting == .single { return validateTraversal(steps, in: nb.block) }
        guard let next = steps.first else { return Diagnostics() }
        let after = Array(steps.dropFirst())
        switch nb.nesting {
        case .set:
            return Diagnostics([.error("Cannot index a set value",
                                       "Block type \"\(typeName)\" is represented by a set of objects, and set elements do not have addressable keys. To find elements matching specific criteria, use a \"for\" expression with an \"if\" clause.",
                                       at: withDot(next))])
        case .list:
            if case .index = next { return validateTraversal(after, in: nb.block) }
            return Diagnostics([.error("Invalid operation",
                                       "Block type \"\(typeName)\" is represented by a list of objects, so it must be indexed using a numeric key, like .\(typeName)[0].",
                                       at: withDot(next))])
        case .map, .single:
            return validateTraversal(after, in: nb.block)
        }
    }

    func checkModule(_ name: String, output: String?, range rng: SourceRange, traversal t: Traversal) -> Diagnostics {
        guard let call = module.moduleCalls[name] else {
            return Diagnostics([.error("Reference to undeclared module",
                                       "No module call named \"\(name)\" is declared in \(config.displayAddress).\(Suggestions.didYouMean(name, in: module.moduleCalls.keys))",
                                       at: rng)])
        }
        // Outputs of a module with count or for_each are checked when evaluated; a module
        // that failed to load has already been reported.
        guard let output, call.count == nil, call.forEach == nil, let child = config.children[name] else { return Diagnostics() }
        if child.module.outputs[output] == nil {
            let step = t.steps.first { if case .attr(output, _) = $0 { return true }; return false }
            return Diagnostics([.error("Unsupported attribute",
                                       "This object does not have an attribute named \"\(output)\".\(Suggestions.didYouMean(output, in: child.module.outputs.keys))",
                                       at: step.map(withDot) ?? rng)])
        }
        return Diagnostics()
    }

    /// Applies static traversal steps to a value, as HCL's `TraverseRel`.
    static func apply(_ steps: [TraversalStep], to start: Value) throws(Diagnostic) -> Value {
        var v = start
        for step in steps {
            switch step {
            case .attr(let name, let r): v = try Evaluator.getAttr(v, name, range: r)
            case .index(.number(let n), let r): v = try Evaluator.index(v, .number(Number(parsing: n) ?? Number(0)), range: r, collectionRange: r)
            case .index(.string(let s), let r): v = try Evaluator.index(v, .string(s), range: r, collectionRange: r)
            }
        }
        return v
    }

    /// HCL's range of an attribute step includes its dot.
    func withDot(_ step: TraversalStep) -> SourceRange {
        let r = step.range
        guard case .attr = step else { return r }
        return r.withDot(sources: sources)
    }
}

extension SourceRange {
    /// This range extended back over a `.` that immediately precedes it in the source, as HCL
    /// counts the dot of an attribute access as part of it.
    func withDot(sources: SourceFiles?) -> SourceRange {
        guard start.byte > 0, let bytes = (sources ?? .shared).bytes(filename), start.byte <= bytes.count,
              bytes[start.byte - 1] == UInt8(ascii: ".") else { return self }
        return SourceRange(filename: filename,
                           start: SourcePos(line: start.line, column: start.column - 1, byte: start.byte - 1), end: end)
    }
}
