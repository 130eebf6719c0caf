import TerraceBasics
import TerraceHCL
import TerraceLang

/// Decodes the top-level blocks of a module's files into a `Module`, reporting unknown blocks,
/// unexpected arguments and duplicates as Terraform's `configs` package does.
struct ModuleDecoder {
    var module: Module
    var diags = Diagnostics()

    init(dir: String) { module = Module(dir: dir) }

    static let topLevel = ["terraform", "variable", "locals", "output", "module", "provider", "resource", "data", "moved", "import", "removed", "check"]

    mutating func add(_ file: File) {
        for attr in file.body.attributes {
            diags += .error("Unsupported argument",
                            "An argument named \"\(attr.name)\" is not expected here.", at: attr.nameRange)
        }
        for block in file.body.blocks {
            switch block.type {
            case "terraform": decodeTerraform(block)
            case "variable": decodeVariable(block)
            case "locals": decodeLocals(block)
            case "output": decodeOutput(block)
            case "module": decodeModuleCall(block)
            case "provider": decodeProvider(block)
            case "resource": decodeResource(block, mode: .managed)
            case "data": decodeResource(block, mode: .data)
            case "moved": decodeMoved(block)
            case "import": decodeImport(block)
            case "removed": decodeRemoved(block)
            case "check": break
            default:
                diags += .error("Unsupported block type",
                                "Blocks of type \"\(block.type)\" are not expected here.\(Suggestions.didYouMean(block.type, in: Self.topLevel))",
                                at: block.typeRange)
            }
        }
    }

    // MARK: helpers

    mutating func labels(_ block: Block, _ names: [String]) -> Bool {
        guard block.labels.count == names.count else {
            if block.labels.count < names.count {
                diags += .error("Missing name for \(block.type)",
                                "All \(block.type) blocks must have \(names.count) labels (\(names.joined(separator: ", "))).",
                                at: block.typeRange)
            } else {
                diags += .error("Extraneous label for \(block.type)",
                                "Only \(names.count) labels (\(names.joined(separator: ", "))) are expected for \(block.type) blocks.",
                                at: block.labelRanges[names.count])
            }
            return false
        }
        for (label, range) in zip(block.labels, block.labelRanges) where !Self.validName(label) {
            diags += .error("Invalid \(block.type) name",
                            "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
                            at: range)
            return false
        }
        return true
    }

    static func validName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isXIDContinue }
    }

    mutating func checkArguments(_ body: Body, allowed: [String], blocks: [String] = [], what: String) {
        for a in body.attributes where !allowed.contains(a.name) {
            diags += .error("Unsupported argument",
                            "An argument named \"\(a.name)\" is not expected here.\(Suggestions.didYouMean(a.name, in: allowed))",
                            at: a.nameRange)
        }
        for b in body.blocks where !blocks.contains(b.type) {
            diags += .error("Unsupported block type",
                            "Blocks of type \"\(b.type)\" are not expected here.\(Suggestions.didYouMean(b.type, in: blocks))",
                            at: b.typeRange)
        }
    }

    mutating func staticString(_ attr: Attribute?, what: String) -> String? {
        guard let attr else { return nil }
        guard let s = attr.expr.asStaticString else {
            diags += .error("Invalid \(what)", "A static string is required here; expressions and references are not allowed.", at: attr.expr.range)
            return nil
        }
        return s
    }

    mutating func staticBool(_ attr: Attribute?) -> Bool? {
        guard let attr else { return nil }
        let (v, d) = Evaluator.evaluate(attr.expr, in: EvalContext())
        guard !d.hasErrors, let b = (try? Conversion.convert(v, to: .bool))?.boolValue else {
            diags += .error("Invalid value", "A static boolean value (true or false) is required here.", at: attr.expr.range)
            return nil
        }
        return b
    }

    mutating func traversalList(_ attr: Attribute?) -> [Traversal] {
        guard let attr else { return [] }
        guard case .tuple(let items) = attr.expr.kind else {
            diags += .error("Invalid expression", "A static list expression is required.", at: attr.expr.range)
            return []
        }
        var out: [Traversal] = []
        for item in items {
            guard let t = item.asTraversal else {
                diags += .error("Invalid expression", "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.", at: item.range)
                continue
            }
            out.append(t)
        }
        return out
    }

    mutating func checkRules(_ body: Body, _ type: String) -> [CheckRule] {
        body.blocks(ofType: type).compactMap { b in
            checkArguments(b.body, allowed: ["condition", "error_message"], what: type)
            guard let c = b.body.attribute("condition") else {
                diags += .error("Missing required argument", "The argument \"condition\" is required, but no definition was found.", at: b.typeRange)
                return nil
            }
            return CheckRule(condition: c.expr, errorMessage: b.body.attribute("error_message")?.expr, range: b.range)
        }
    }

    mutating func providerRef(_ e: Expr) -> ProviderRef? {
        guard let t = e.asTraversal, t.steps.count <= 1 else {
            diags += .error("Invalid provider reference", "Provider argument requires a provider name followed by an optional alias, like \"aws.foo\".", at: e.range)
            return nil
        }
        if let step = t.steps.first {
            guard case .attr(let alias, _) = step else {
                diags += .error("Invalid provider reference", "Provider argument requires a provider name followed by an optional alias, like \"aws.foo\".", at: e.range)
                return nil
            }
            return ProviderRef(name: t.root, alias: alias)
        }
        return ProviderRef(name: t.root)
    }

    // MARK: blocks

    mutating func decodeTerraform(_ block: Block) {
        checkArguments(block.body, allowed: ["required_version", "experiments"],
                       blocks: ["required_providers", "backend", "cloud", "provider_meta"], what: "terraform")
        if let rv = block.body.attribute("required_version"), let s = staticString(rv, what: "required_version") {
            module.requiredVersion.append(s)
        }
        for rp in block.body.blocks(ofType: "required_providers") {
            for attr in rp.body.attributes {
                var source = "hashicorp/\(attr.name)"
                var version: String?
                if case .object(let items) = attr.expr.kind {
                    for item in items {
                        let k = item.key.asStaticString ?? item.key.asKeyword
                        if k == "source" { source = item.value.asStaticString ?? source }
                        if k == "version" { version = item.value.asStaticString }
                    }
                } else if let s = attr.expr.asStaticString {
                    version = s
                }
                module.requiredProviders[attr.name] = RequiredProvider(name: attr.name, source: source, versionConstraint: version)
            }
        }
        for b in block.body.blocks(ofType: "backend") {
            guard b.labels.count == 1 else {
                diags += .error("Missing backend type", "A backend block must have one label: the backend type.", at: b.typeRange)
                continue
            }
            if b.labels[0] != "local" {
                diags += .error("Unsupported backend type",
                                "Terrace supports only the \"local\" backend; \"\(b.labels[0])\" is not available.", at: b.labelRanges[0])
                continue
            }
            checkArguments(b.body, allowed: ["path", "workspace_dir"], what: "backend")
            module.backend = Backend(type: "local", path: staticString(b.body.attribute("path"), what: "backend path"), declRange: b.defRange)
        }
    }

    mutating func decodeVariable(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        let body = block.body
        checkArguments(body, allowed: ["type", "default", "description", "sensitive", "nullable"], blocks: ["validation"], what: "variable")
        if ["source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"].contains(name) {
            diags += .error("Invalid variable name", "The variable name \"\(name)\" is reserved due to its special meaning inside module blocks.", at: block.labelRanges[0])
        }
        var type = TypeConstraint.any
        var typeGiven = false
        if let t = body.attribute("type") {
            let (tc, d) = TypeExpr.parse(t.expr)
            diags += d
            type = tc
            typeGiven = true
        }
        var def: Value?
        if let d = body.attribute("default") {
            let (v, dd) = Evaluator.evaluate(d.expr, in: EvalContext())
            if dd.hasErrors {
                diags += .error("Invalid default value for variable", "Default values must be literal values: variables, function calls and references are not allowed here.", at: d.expr.range)
            } else {
                do {
                    def = try Conversion.convert(type.defaults?.apply(to: v) ?? v, to: type.type)
                } catch {
                    diags += .error("Invalid default value for variable",
                                    "This default value is not compatible with the variable's type constraint: \(error.description).",
                                    at: d.expr.range)
                }
            }
        }
        if module.variables[name] != nil {
            diags += .error("Duplicate variable declaration",
                            "A variable named \"\(name)\" was already declared at \(module.variables[name]!.declRange.filename):\(module.variables[name]!.declRange.start.line). Variable names must be unique within a module.",
                            at: block.defRange)
            return
        }
        module.variables[name] = Variable(
            name: name, type: type, typeGiven: typeGiven, defaultValue: def,
            description: body.attribute("description")?.expr.asStaticString,
            sensitive: staticBool(body.attribute("sensitive")) ?? false,
            nullable: staticBool(body.attribute("nullable")) ?? true,
            validations: checkRules(body, "validation"), declRange: block.defRange)
    }

    mutating func decodeLocals(_ block: Block) {
        for b in block.body.blocks {
            diags += .error("Unsupported block type", "Blocks of type \"\(b.type)\" are not expected here.", at: b.typeRange)
        }
        for attr in block.body.attributes {
            if let prev = module.locals[attr.name] {
                diags += .error("Duplicate local value definition",
                                "A local value named \"\(attr.name)\" was already defined at \(prev.declRange.filename):\(prev.declRange.start.line),\(prev.declRange.start.column)-\(prev.declRange.end.column). Local value names must be unique within a module.",
                                at: attr.nameRange)
                continue
            }
            module.locals[attr.name] = Local(name: attr.name, expr: attr.expr, declRange: attr.range)
        }
    }

    mutating func decodeOutput(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        checkArguments(block.body, allowed: ["value", "description", "sensitive", "depends_on"], blocks: ["precondition"], what: "output")
        if module.outputs[name] != nil {
            diags += .error("Duplicate output definition",
                            "An output named \"\(name)\" was already defined. Output names must be unique within a module.", at: block.defRange)
            return
        }
        if block.body.attribute("value") == nil {
            diags += .error("Missing required argument", "The argument \"value\" is required, but no definition was found.", at: block.defRange)
        }
        module.outputs[name] = Output(
            name: name, expr: block.body.attribute("value")?.expr,
            description: block.body.attribute("description")?.expr.asStaticString,
            sensitive: staticBool(block.body.attribute("sensitive")) ?? false,
            dependsOn: traversalList(block.body.attribute("depends_on")),
            preconditions: checkRules(block.body, "precondition"), declRange: block.defRange)
    }

    mutating func decodeModuleCall(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        guard let src = block.body.attribute("source") else {
            diags += .error("Missing required argument", "The argument \"source\" is required, but no definition was found.", at: block.defRange)
            return
        }
        guard let source = staticString(src, what: "module source") else { return }
        if block.body.attribute("count") != nil && block.body.attribute("for_each") != nil {
            diags += .error("Invalid combination of \"count\" and \"for_each\"",
                            "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                            at: block.body.attribute("for_each")!.nameRange)
        }
        var providers: [String: ProviderRef] = [:]
        if let p = block.body.attribute("providers") {
            if case .object(let items) = p.expr.kind {
                for item in items {
                    guard let k = item.key.asKeyword ?? item.key.asStaticString ?? item.key.asTraversal?.description,
                          let ref = providerRef(item.value) else { continue }
                    providers[k] = ref
                }
            } else {
                diags += .error("Invalid providers argument", "The providers argument must be a map from provider names to provider references.", at: p.expr.range)
            }
        }
        if module.moduleCalls[name] != nil {
            diags += .error("Duplicate module call", "A module call named \"\(name)\" was already defined. Module calls must have unique names within a module.", at: block.defRange)
            return
        }
        module.moduleCalls[name] = ModuleCall(
            name: name, source: source, sourceRange: src.expr.range, body: block.body,
            count: block.body.attribute("count")?.expr, forEach: block.body.attribute("for_each")?.expr,
            dependsOn: traversalList(block.body.attribute("depends_on")), providers: providers, declRange: block.defRange)
    }

    mutating func decodeProvider(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        var alias: String?
        if let a = block.body.attribute("alias") { alias = staticString(a, what: "provider alias") }
        let key = alias.map { "\(name).\($0)" } ?? name
        if let prev = module.providerConfigs[key] {
            diags += .error("Duplicate provider configuration",
                            "A default (non-aliased) provider configuration for \"\(name)\" was already given at \(prev.declRange.filename):\(prev.declRange.start.line),\(prev.declRange.start.column)-\(prev.declRange.end.column). If multiple configurations are required, set the \"alias\" argument for alternative configurations.",
                            at: block.defRange)
            return
        }
        module.providerConfigs[key] = ProviderConfig(name: name, alias: alias, body: block.body, declRange: block.defRange)
    }

    mutating func decodeResource(_ block: Block, mode: ResourceMode) {
        let kind = mode == .data ? "data" : "resource"
        guard labels(block, ["type", "name"]) else { return }
        let body = block.body
        var r = Resource(mode: mode, type: block.labels[0], name: block.labels[1], body: body,
                         count: body.attribute("count")?.expr, forEach: body.attribute("for_each")?.expr,
                         dependsOn: traversalList(body.attribute("depends_on")),
                         provider: ProviderRef(name: Resource.impliedProvider(block.labels[0])), providerGiven: false,
                         lifecycle: Lifecycle(), declRange: block.defRange, typeRange: block.labelRanges[0])
        if r.count != nil && r.forEach != nil {
            diags += .error("Invalid combination of \"count\" and \"for_each\"",
                            "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                            at: body.attribute("for_each")!.nameRange)
        }
        if let p = body.attribute("provider"), let ref = providerRef(p.expr) {
            r.provider = ref
            r.providerGiven = true
        }
        let lifecycles = body.blocks(ofType: "lifecycle")
        if lifecycles.count > 1 {
            diags += .error("Duplicate lifecycle block", "This resource already has a lifecycle block.", at: lifecycles[1].typeRange)
        }
        if let lc = lifecycles.first {
            if mode == .data {
                checkArguments(lc.body, allowed: [], blocks: ["precondition", "postcondition"], what: "lifecycle")
            } else {
                checkArguments(lc.body, allowed: ["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"],
                               blocks: ["precondition", "postcondition"], what: "lifecycle")
            }
            r.lifecycle.createBeforeDestroy = staticBool(lc.body.attribute("create_before_destroy")) ?? false
            r.lifecycle.preventDestroy = staticBool(lc.body.attribute("prevent_destroy")) ?? false
            if let ic = lc.body.attribute("ignore_changes") {
                if ic.expr.asKeyword == "all" {
                    r.lifecycle.ignoreAllChanges = true
                } else if case .tuple(let items) = ic.expr.kind {
                    for item in items {
                        if let t = item.asTraversal { r.lifecycle.ignoreChanges.append(t) }
                        else if let s = item.asStaticString { r.lifecycle.ignoreChanges.append(Traversal(root: s, rootRange: item.range)) }
                        else {
                            diags += .error("Invalid ignore_changes", "An attribute reference is required here.", at: item.range)
                        }
                    }
                } else {
                    diags += .error("Invalid ignore_changes", "Expected a list of attribute references, or the keyword \"all\".", at: ic.expr.range)
                }
            }
            if let rt = lc.body.attribute("replace_triggered_by") {
                if case .tuple(let items) = rt.expr.kind { r.lifecycle.replaceTriggeredBy = items }
                else { diags += .error("Invalid replace_triggered_by expression", "A list of resource references is required.", at: rt.expr.range) }
            }
            r.lifecycle.preconditions = checkRules(lc.body, "precondition")
            r.lifecycle.postconditions = checkRules(lc.body, "postcondition")
        }
        if let prev = module.resources[r.key] {
            diags += .error("Duplicate \(kind) \"\(r.type)\" configuration",
                            "A \(kind) \"\(r.type)\" \"\(r.name)\" was already declared at \(prev.declRange.filename):\(prev.declRange.start.line),\(prev.declRange.start.column)-\(prev.declRange.end.column). Resource names must be unique per type in each module.",
                            at: block.defRange)
            return
        }
        module.resources[r.key] = r
    }

    mutating func decodeMoved(_ block: Block) {
        checkArguments(block.body, allowed: ["from", "to"], what: "moved")
        guard let from = block.body.attribute("from")?.expr.asTraversal, let to = block.body.attribute("to")?.expr.asTraversal else {
            diags += .error("Invalid moved block", "A moved block requires both \"from\" and \"to\" to be resource or module addresses.", at: block.typeRange)
            return
        }
        module.moved.append(Moved(from: from, to: to, declRange: block.range))
    }

    mutating func decodeImport(_ block: Block) {
        checkArguments(block.body, allowed: ["to", "id", "provider"], what: "import")
        guard let to = block.body.attribute("to")?.expr.asTraversal else {
            diags += .error("Missing required argument", "The argument \"to\" is required, but no definition was found.", at: block.typeRange)
            return
        }
        guard let id = block.body.attribute("id")?.expr else {
            diags += .error("Missing required argument", "The argument \"id\" is required, but no definition was found.", at: block.typeRange)
            return
        }
        var provider: ProviderRef?
        if let p = block.body.attribute("provider") { provider = providerRef(p.expr) }
        module.imports.append(Import(to: to, id: id, provider: provider, declRange: block.range))
    }

    mutating func decodeRemoved(_ block: Block) {
        checkArguments(block.body, allowed: ["from"], blocks: ["lifecycle"], what: "removed")
        guard let from = block.body.attribute("from")?.expr.asTraversal else {
            diags += .error("Missing required argument", "The argument \"from\" is required, but no definition was found.", at: block.typeRange)
            return
        }
        var destroy = true
        if let lc = block.body.blocks(ofType: "lifecycle").first {
            destroy = staticBool(lc.body.attribute("destroy")) ?? true
        }
        module.removed.append(Removed(from: from, destroy: destroy, declRange: block.range))
    }
}
