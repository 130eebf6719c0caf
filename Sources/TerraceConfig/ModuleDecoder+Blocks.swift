import TerraceBasics
import TerraceHCL
import TerraceLang

extension ModuleDecoder {
    mutating func decodeTerraform(_ block: Block) {
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["required_providers": 0, "backend": 1, "cloud": 0, "provider_meta": 1]))
        checkArguments(body, allowed: ["required_version", "experiments"],
                       blocks: ["required_providers", "backend", "cloud", "provider_meta"])
        if let rv = body.attribute("required_version"), let s = staticString(rv) {
            if VersionConstraint(parsing: s) == nil {
                diags += .error("Invalid version constraint", "This string does not use correct version constraint syntax.", at: rv.expr.range)
            } else {
                module.requiredVersion.append(VersionRequirement(constraint: s, range: rv.range))
            }
        }
        for rp in body.blocks(ofType: "required_providers") {
            for attr in rp.body.attributes where !Self.isJSONComment(attr, in: rp.body) {
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
                module.requiredProviders[attr.name] = RequiredProvider(name: attr.name, source: source, versionConstraint: version, declRange: attr.range)
            }
        }
        for b in body.blocks(ofType: "backend") {
            guard b.labels.count == 1 else {
                diags += .error("Missing backend type", "A backend block must have one label: the backend type.", at: b.typeRange)
                continue
            }
            if b.labels[0] != "local" {
                diags += .error("Unsupported backend type",
                                "Terrace supports only the \"local\" backend; \"\(b.labels[0])\" is not available.\(Suggestions.didYouMean(b.labels[0], in: ["local"]))",
                                at: b.labelRanges[0])
                continue
            }
            if let prev = module.backend {
                diags += .error("Duplicate backend configuration",
                                "A module may have only one backend configuration. The backend was previously configured at \(prev.declRange.hclDescription).",
                                at: b.defRange)
                continue
            }
            checkArguments(b.body, allowed: ["path", "workspace_dir"])
            module.backend = Backend(type: "local", path: staticString(b.body.attribute("path")),
                                     workspaceDir: staticString(b.body.attribute("workspace_dir")), declRange: b.defRange)
        }
    }

    mutating func decodeLocals(_ block: Block) {
        for b in block.body.blocks {
            diags += .error("Unexpected \"\(b.type)\" block", "Blocks are not allowed here.", at: b.typeRange)
        }
        for attr in block.body.attributes where !Self.isJSONComment(attr, in: block.body) {
            if !Identifier.isValid(attr.name) {
                diags += .error("Invalid local value name",
                                "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
                                at: attr.nameRange)
                continue
            }
            if let prev = module.locals[attr.name] {
                diags += .error("Duplicate local value definition",
                                "A local value named \"\(attr.name)\" was already defined at \(prev.declRange.hclDescription). Local value names must be unique within a module.",
                                at: attr.range)
                continue
            }
            module.locals[attr.name] = Local(name: attr.name, expr: attr.expr, declRange: attr.range)
        }
    }

    mutating func decodeOutput(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["precondition": 0]))
        checkArguments(body, allowed: ["value", "description", "sensitive", "depends_on"], blocks: ["precondition"])
        if body.attribute("value") == nil {
            diags += .error("Missing required argument", "The argument \"value\" is required, but no definition was found.", at: body.range.startOnly)
        }
        let output = Output(
            name: name, expr: body.attribute("value")?.expr,
            description: staticString(body.attribute("description")),
            sensitive: staticBool(body.attribute("sensitive")) ?? false,
            dependsOn: dependsOn(body.attribute("depends_on"), json: body.isJSON),
            preconditions: checkRules(body, "precondition"), declRange: block.defRange)
        if let prev = module.outputs[name] {
            diags += .error("Duplicate output definition",
                            "An output named \"\(name)\" was already defined at \(prev.declRange.hclDescription). Output names must be unique within a module.",
                            at: block.defRange)
            return
        }
        module.outputs[name] = output
    }

    /// Arguments of a module block that belong to Terraform rather than to the called module.
    static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "depends_on", "providers"]

    mutating func decodeModuleCall(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        let body = block.body
        let json = body.isJSON
        guard let src = body.attribute("source") else {
            diags += .error("Missing required argument", "The argument \"source\" is required, but no definition was found.", at: body.range.startOnly)
            return
        }
        guard let source = staticString(src) else { return }
        if body.attribute("count") != nil, let fe = body.attribute("for_each") {
            diags += .error("Invalid combination of \"count\" and \"for_each\"",
                            "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                            at: fe.nameRange)
        }
        var providers: [String: ProviderRef] = [:]
        if let p = body.attribute("providers") {
            let expr = StaticExpr.native(p.expr, json: json)
            if case .object(let items) = expr.kind {
                for item in items {
                    guard let key = item.key.asStaticString ?? StaticExpr.traversal(item.key)?.description
                                    ?? StaticExpr.quotedTraversal(item.key)?.description else {
                        diags += .error("Invalid provider configuration reference",
                                        "The provider argument requires a provider type name, optionally followed by a period and then a configuration alias.",
                                        at: item.key.range)
                        continue
                    }
                    guard let ref = providerRef(item.value, json: json) else { continue }
                    providers[key] = ref
                }
            } else {
                diags += .error("Invalid expression", "A static map expression is required.", at: p.expr.range)
            }
        }
        var version: String?
        if let v = body.attribute("version") { version = staticString(v) }
        if let prev = module.moduleCalls[name] {
            diags += .error("Duplicate module call",
                            "A module call named \"\(name)\" was already defined at \(prev.declRange.hclDescription). Module calls must have unique names within a module.",
                            at: block.defRange)
            return
        }
        module.moduleCalls[name] = ModuleCall(
            name: name, source: source, sourceRange: src.expr.range, version: version, body: body,
            count: body.attribute("count")?.expr, forEach: body.attribute("for_each")?.expr,
            dependsOn: dependsOn(body.attribute("depends_on"), json: json), providers: providers, declRange: block.defRange)
    }

    mutating func decodeProvider(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        var alias: String?
        if let a = block.body.attribute("alias"), let s = staticString(a) {
            if Identifier.isValid(s) {
                alias = s
            } else {
                diags += .error("Invalid provider configuration alias",
                                "An alias must be a valid name. A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
                                at: a.expr.range)
            }
        }
        let key = alias.map { "\(name).\($0)" } ?? name
        if let prev = module.providerConfigs[key] {
            let detail = prev.alias.map {
                "A provider configuration for \"\(name)\" with alias \"\($0)\" was already given at \(prev.declRange.hclDescription). Each configuration for the same provider must have a distinct alias."
            } ?? "A default (non-aliased) provider configuration for \"\(name)\" was already given at \(prev.declRange.hclDescription). If multiple configurations are required, set the \"alias\" argument for alternative configurations."
            diags += .error("Duplicate provider configuration", detail, at: block.defRange)
            return
        }
        module.providerConfigs[key] = ProviderConfig(name: name, alias: alias, body: block.body, declRange: block.defRange)
    }

    mutating func decodeMoved(_ block: Block) {
        checkArguments(block.body, allowed: ["from", "to"])
        let json = block.body.isJSON
        guard let fromAttr = block.body.attribute("from") else {
            diags += .error("Missing required argument", "The argument \"from\" is required, but no definition was found.", at: block.body.range.startOnly)
            return
        }
        guard let toAttr = block.body.attribute("to") else {
            diags += .error("Missing required argument", "The argument \"to\" is required, but no definition was found.", at: block.body.range.startOnly)
            return
        }
        guard let from = reference(fromAttr.expr, json: json), let to = reference(toAttr.expr, json: json) else { return }
        let (fromModule, fromType) = Self.moveEndpoint(from)
        let (toModule, toType) = Self.moveEndpoint(to)
        if fromModule != toModule {
            diags += .error("Invalid \"moved\" addresses",
                            "The \"from\" and \"to\" addresses must either both refer to resources or both refer to modules.",
                            at: block.defRange)
            return
        }
        if let a = fromType, let b = toType, a != b {
            diags += .error("Resource type mismatch",
                            "This statement declares a move from \(from) to \(to), which is a resource of a different type.",
                            at: block.defRange)
            return
        }
        module.moved.append(Moved(from: from, to: to, declRange: block.defRange))
    }

    /// Whether a `moved` address names a module (`module.a[0].module.b`) rather than a
    /// resource, and the resource's type (`data.x` for data sources) when it is one.
    static func moveEndpoint(_ t: Traversal) -> (module: Bool, type: String?) {
        var names = [t.root]
        for step in t.steps { if case .attr(let n, _) = step { names.append(n) } }
        var i = 0
        while i + 1 < names.count && names[i] == "module" { i += 2 }
        if i >= names.count { return (true, nil) }
        if names[i] == "data", i + 1 < names.count { return (false, "data." + names[i + 1]) }
        return (false, names[i])
    }

    mutating func decodeImport(_ block: Block) {
        checkArguments(block.body, allowed: ["to", "id", "provider"])
        let json = block.body.isJSON
        guard let toAttr = block.body.attribute("to") else {
            diags += .error("Missing required argument", "The argument \"to\" is required, but no definition was found.", at: block.body.range.startOnly)
            return
        }
        guard let id = block.body.attribute("id")?.expr else {
            diags += .error("Missing required argument", "The argument \"id\" is required, but no definition was found.", at: block.body.range.startOnly)
            return
        }
        guard let to = reference(toAttr.expr, json: json) else { return }
        var provider: ProviderRef?
        if let p = block.body.attribute("provider") { provider = providerRef(p.expr, json: json) }
        module.imports.append(Import(to: to, id: id, provider: provider, declRange: block.defRange))
    }

    mutating func decodeRemoved(_ block: Block) {
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["lifecycle": 0]))
        checkArguments(body, allowed: ["from"], blocks: ["lifecycle"])
        guard let fromAttr = body.attribute("from") else {
            diags += .error("Missing required argument", "The argument \"from\" is required, but no definition was found.", at: body.range.startOnly)
            return
        }
        guard let from = reference(fromAttr.expr, json: body.isJSON) else { return }
        var destroy = true
        if let lc = single(body, "lifecycle") {
            checkArguments(lc.body, allowed: ["destroy"])
            destroy = staticBool(lc.body.attribute("destroy")) ?? true
        }
        module.removed.append(Removed(from: from, destroy: destroy, declRange: block.defRange))
    }
}
