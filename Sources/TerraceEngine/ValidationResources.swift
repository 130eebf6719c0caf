import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang
import TerraceProviders

extension ModuleValidation {
    /// Resource blocks: the provider and resource type exist, `count`/`for_each` are usable,
    /// the body matches the schema, lifecycle settings name real attributes.
    mutating func checkResource(_ r: Resource) {
        let kind = r.mode == .data ? "data source" : "resource type"
        let summary = r.mode == .data ? "Invalid data source" : "Invalid resource type"
        var scope = ExpressionScope(count: r.count != nil, forEach: r.forEach != nil)
        scope.resource = r
        guard schemas.schema(r.provider.name) != nil else {
            let near = Suggestions.didYouMean(r.type, in: schemas.allTypes(r.mode))
            diags += .error(summary,
                            "The \(kind) \"\(r.type)\" belongs to provider \"\(r.provider.name)\" (\(schemas.displayAddress(r.provider.name))), which Terrace does not have. Its providers are \(Self.list(schemas.registry.names)).\(near)",
                            at: r.typeRange)
            checkWithoutSchema(r, scope)
            return
        }
        checkProviderReference(r.provider, range: r.body.attribute("provider")?.expr.range ?? r.declRange, user: r.key)
        guard let schema = schemas.resourceSchema(provider: r.provider.name, mode: r.mode, type: r.type) else {
            let types = r.mode == .managed ? schemas.schema(r.provider.name)?.resources.keys : schemas.schema(r.provider.name)?.dataSources.keys
            diags += .error(summary,
                            "The provider \(schemas.displayAddress(r.provider.name)) does not support \(kind) \"\(r.type)\".\(Suggestions.didYouMean(r.type, in: Array(types ?? [:].keys)))",
                            at: r.typeRange)
            checkWithoutSchema(r, scope)
            return
        }
        checkExpansion(count: r.count, forEach: r.forEach)
        _ = checkDependsOn(r.dependsOn, ExpressionScope(count: scope.count, forEach: scope.forEach))
        let body = sanitized(r.body, schema: schema.block, scope, iterators: [], meta: true)
        let (value, d) = BodyDecoder.decode(body, schema: schema.block, ctx: context(scope, for: body.variables), ignoring: BodyDecoder.metaArguments)
        diags += d
        if !d.hasErrors, let provider = schemas.provider(r.provider.name) {
            let vd = provider.validateResource(type: r.type, config: value)
            diags += Diagnostics(vd.items.map { var x = $0; if x.subject == nil { x.subject = r.bodyStart }; return x })
        }
        checkLifecycle(r, schema: schema.block, scope)
    }

    /// The checks that need no schema, for a resource whose type is unknown: so one run still
    /// reports every bad reference in it.
    mutating func checkWithoutSchema(_ r: Resource, _ scope: ExpressionScope) {
        checkExpansion(count: r.count, forEach: r.forEach)
        _ = checkDependsOn(r.dependsOn, ExpressionScope(count: scope.count, forEach: scope.forEach))
        _ = sanitized(r.body, schema: nil, scope, iterators: [], meta: true)
    }

    mutating func checkLifecycle(_ r: Resource, schema: SchemaBlock, _ scope: ExpressionScope) {
        let checker = ReferenceChecker(config: config, schemas: schemas, sources: sources)
        for t in r.lifecycle.ignoreChanges {
            let steps = [TraversalStep.attr(t.root, t.rootRange)] + t.steps
            diags += checker.validateTraversal(steps, in: schema)
        }
        for e in r.lifecycle.replaceTriggeredBy {
            let refs = e.variables
            let resourceRefs = refs.filter { t in
                if case .resource(.managed, _, _, _)? = ReferenceChecker.parse(t)?.subject { return true }
                return false
            }
            if resourceRefs.isEmpty {
                diags += .error("Invalid replace_triggered_by expression",
                                "Missing resource reference in replace_triggered_by expression.", at: e.range)
                continue
            }
            for t in refs where !resourceRefs.contains(where: { $0.range == t.range }) && t.root != "count" && t.root != "each" {
                diags += .error("Invalid reference in replace_triggered_by expression",
                                "Only resources, count.index, and each.key may be used in replace_triggered_by.", at: t.range)
            }
            _ = checkReferences(resourceRefs, scope)
        }
        for rule in r.lifecycle.preconditions {
            _ = evaluate(rule.condition, scope)
            if let m = rule.errorMessage { _ = evaluate(m, scope) }
        }
        var post = scope
        post.selfAllowed = true
        for rule in r.lifecycle.postconditions {
            _ = evaluate(rule.condition, post)
            if let m = rule.errorMessage { _ = evaluate(m, post) }
        }
    }

    /// A copy of a body whose attributes with invalid references are reported and then
    /// neutralised, so the schema checks still run but nothing is reported twice. Names bound
    /// by `dynamic` block iterators are not references. JSON bodies are first split into
    /// attributes and blocks by the schema, as the decoder will split them.
    mutating func sanitized(_ body: Body, schema: SchemaBlock?, _ scope: ExpressionScope, iterators: Set<String>,
                            meta: Bool = false) -> Body {
        var out = schema.map { body.resolvingJSON(BodyDecoder.jsonHints($0, ignoring: meta ? BodyDecoder.metaArguments : [])) } ?? body
        out.attributes = out.attributes.map { attr in
            if meta && BodyDecoder.metaArguments.contains(attr.name) { return attr }
            return checked(attr, scope, excluding: iterators)
        }
        out.blocks = out.blocks.map { block in
            if meta && ["lifecycle", "provisioner", "connection"].contains(block.type) { return block }
            var b = block
            if block.type == "dynamic", let label = block.labels.first {
                let nested = schema?.blockTypes[label]?.block
                var dyn = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["content": 0]))
                let iterator = dyn.attribute("iterator")?.expr.asKeyword ?? dyn.attribute("iterator")?.expr.asStaticString ?? label
                // for_each is evaluated outside the iterator's scope, the content inside it.
                dyn.attributes = dyn.attributes.map { $0.name == "for_each" ? checked($0, scope, excluding: iterators) : $0 }
                dyn.blocks = dyn.blocks.map { content in
                    var c = content
                    c.body = sanitized(content.body, schema: nested, scope, iterators: iterators.union([iterator]))
                    return c
                }
                b.body = dyn
                return b
            }
            b.body = sanitized(block.body, schema: schema?.blockTypes[block.type]?.block, scope, iterators: iterators)
            return b
        }
        return out
    }

    /// The attribute itself when its references are valid, else a placeholder after reporting.
    mutating func checked(_ attr: Attribute, _ scope: ExpressionScope, excluding iterators: Set<String>) -> Attribute {
        let refs = attr.expr.variables.filter { !iterators.contains($0.root) }
        if checkReferences(refs, scope) { return attr }
        var a = attr
        a.expr = Expr(.invalid, attr.expr.range)
        return a
    }

    /// `count` and `for_each`, evaluated with everything unknown but literals and locals, as
    /// Terraform's validate walk does; a `for_each` whose type is known to be a list is an
    /// error even when its value is not yet known.
    mutating func checkExpansion(count: Expr?, forEach: Expr?) {
        if let count {
            guard checkReferences(count.variables, ExpressionScope()) else { return }
            let (v, d) = Evaluator.evaluate(count, in: context(ExpressionScope(), for: count.variables), as: .number, what: "value")
            diags += d
            if d.hasErrors || !v.isKnown { return }
            if v.isNull {
                diags += .error("Invalid count argument", "The given \"count\" argument value is null. An integer is required.", at: count.range)
            } else if let n = v.numberValue {
                if !n.isInteger || n.intValue == nil {
                    diags += .error("Invalid count argument",
                                    "The given \"count\" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.",
                                    at: count.range)
                } else if (n.intValue ?? 0) < 0 {
                    diags += .error("Invalid count argument", "The given \"count\" argument value is unsuitable: negative numbers are not supported.", at: count.range)
                }
            }
        }
        if let forEach {
            guard let v = evaluate(forEach, ExpressionScope()) else { return }
            if let d = Self.forEachProblem(v, range: forEach.range) { diags += d }
        }
    }

    /// What is wrong with a `for_each` value, if anything: Terraform's messages.
    static func forEachProblem(_ v: Value, range: SourceRange) -> Diagnostic? {
        if v.isNull {
            return .error("Invalid for_each argument",
                          "The given \"for_each\" argument value is unsuitable: the given \"for_each\" argument value is null. A map, or set of strings is allowed.",
                          at: range)
        }
        if v.containsSensitive {
            return .error("Invalid for_each argument",
                          "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.",
                          at: range)
        }
        switch v.type {
        case .map, .object, .dynamic:
            return nil
        case .set(let e):
            if e != .string && e != .dynamic {
                return .error("Invalid for_each set argument",
                              "The given \"for_each\" argument value is unsuitable: \"for_each\" supports maps and sets of strings, but you have provided a set containing type \(e.friendlyName).",
                              at: range)
            }
            if case .set(let items, _) = v.kind, items.contains(where: \.isNull) {
                return .error("Invalid for_each set argument",
                              "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must not contain null values.", at: range)
            }
            return nil
        default:
            return .error("Invalid for_each argument",
                          "The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type \(v.type.friendlyName).",
                          at: range)
        }
    }

    // MARK: - Providers

    mutating func checkProviders() {
        for pc in module.providerConfigs.values.sorted(by: { $0.ref.key < $1.ref.key }) {
            guard let schema = schemas.schema(pc.name) else {
                diags += .error("Provider not available",
                                "Terrace has no provider \"\(pc.name)\" (\(schemas.displayAddress(pc.name))). Its providers are \(Self.list(schemas.registry.names)).\(Suggestions.didYouMean(pc.name, in: schemas.registry.names))",
                                at: pc.declRange)
                continue
            }
            var block = schema.provider
            block.attributes["alias"] = .optional(.string)
            block.attributes["version"] = .optional(.string)
            let body = sanitized(pc.body, schema: block, ExpressionScope(), iterators: [])
            diags += BodyDecoder.decode(body, schema: block, ctx: context(ExpressionScope(), for: body.variables)).1
        }
    }

    /// A reference to an aliased provider configuration must find a `provider` block with
    /// that alias here, or be passed in by every module call on the way up.
    mutating func checkProviderReference(_ ref: ProviderRef, range: SourceRange, user: String) {
        guard ref.alias != nil else { return }
        var path = config.path
        var key = ref.key
        while true {
            if root.descendant(path)?.module.providerConfigs[key] != nil { return }
            guard let last = path.last else { break }
            let parent = Array(path.dropLast())
            guard let call = root.descendant(parent)?.module.moduleCalls[last], let mapped = call.providers[key] else { break }
            key = mapped.key
            path = parent
        }
        let aliases = module.providerConfigs.values.filter { $0.name == ref.name }.compactMap(\.alias)
        diags += .error("Provider configuration not present",
                        "To work with \(user) its provider configuration \(ref.key) is required, but \(config.displayAddress) has no provider \"\(ref.name)\" block with alias = \"\(ref.alias ?? "")\", and no module call passes one in with its \"providers\" argument.\(Suggestions.didYouMean(ref.alias ?? "", in: aliases))",
                        at: range)
    }

    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "none" }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }
}
