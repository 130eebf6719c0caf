import TerraceBasics
import TerraceHCL
import TerraceLang

/// Decodes the top-level blocks of a module's files into a `Module`, reporting unknown blocks,
/// unexpected arguments, invalid static values and duplicates as Terraform's `configs` package
/// does. Nothing is evaluated except the literal values Terraform also reads statically
/// (defaults, `sensitive`, lifecycle flags); references are checked later by the validator.
struct ModuleDecoder {
    var module: Module
    var diags = Diagnostics()

    init(dir: String) { module = Module(dir: dir) }

    /// Top-level block types and their label counts (also the hints for JSON syntax).
    static let topLevel: [String: Int] = [
        "terraform": 0, "variable": 1, "locals": 0, "output": 1, "module": 1, "provider": 1,
        "resource": 2, "data": 2, "moved": 0, "import": 0, "removed": 0, "check": 1,
    ]

    mutating func add(_ file: File) {
        let body = file.body.resolvingJSON(JSONBlockHints(blockTypes: Self.topLevel))
        for attr in body.attributes where !Self.isJSONComment(attr, in: body) {
            diags += .error("Unsupported argument",
                            "An argument named \"\(attr.name)\" is not expected here.", at: attr.nameRange)
        }
        // Room for every resource first: growing a table of large values moves all of them.
        let resources = body.blocks.reduce(0) { $0 + ($1.type == "resource" || $1.type == "data" ? 1 : 0) }
        module.resources.reserveCapacity(module.resources.count + resources)
        for block in body.blocks {
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
                                "Blocks of type \"\(block.type)\" are not expected here.\(Suggestions.didYouMean(block.type, in: Self.topLevel.keys))",
                                at: block.typeRange)
            }
        }
    }

    /// JSON syntax allows `"//"` properties as comments.
    static func isJSONComment(_ attr: Attribute, in body: Body) -> Bool { body.isJSON && attr.name == "//" }

    // MARK: - Labels and arguments

    /// Checks a block's labels as Terraform does; false when the block cannot be decoded.
    mutating func labels(_ block: Block, _ names: [String]) -> Bool {
        guard block.labels.count == names.count else {
            if block.labels.count < names.count {
                diags += .error("Missing name for \(block.type)",
                                "All \(block.type) blocks must have \(names.count) labels (\(names.joined(separator: ", "))).",
                                at: block.body.range.startOnly)
            } else {
                diags += .error("Extraneous label for \(block.type)",
                                "Only \(names.count) labels (\(names.joined(separator: ", "))) are expected for \(block.type) blocks.",
                                at: block.labelRanges[names.count])
            }
            return false
        }
        for (label, range) in zip(block.labels, block.labelRanges) where !Identifier.isValid(label) {
            diags += .error("Invalid \(block.type) name",
                            "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
                            at: range)
            return false
        }
        return true
    }

    /// Reports attributes and blocks a fixed schema does not have, with HCL's suggestions:
    /// attribute names for arguments and block type names for blocks.
    mutating func checkArguments(_ body: Body, allowed: [String], blocks: [String] = []) {
        for a in body.attributes where !allowed.contains(a.name) && !Self.isJSONComment(a, in: body) {
            var hint = Suggestions.didYouMean(a.name, in: allowed)
            if hint.isEmpty && blocks.contains(a.name) { hint = " Did you mean to define a block of type \"\(a.name)\"?" }
            diags += .error("Unsupported argument", "An argument named \"\(a.name)\" is not expected here.\(hint)", at: a.nameRange)
        }
        for b in body.blocks where !blocks.contains(b.type) {
            let hint = allowed.contains(b.type)
                ? " Did you mean to define argument \"\(b.type)\"? If so, use the equals sign to assign it a value."
                : Suggestions.didYouMean(b.type, in: blocks)
            diags += .error("Unsupported block type", "Blocks of type \"\(b.type)\" are not expected here.\(hint)", at: b.typeRange)
        }
    }

    /// A duplicate argument is already an error from the parser; this reports repeated blocks
    /// where only one is allowed.
    mutating func single(_ body: Body, _ type: String) -> Block? {
        let found = body.blocks(ofType: type)
        if found.count > 1 {
            diags += .error("Duplicate \(type) block",
                            "Only one \(type) block is allowed. Another was defined at \(found[0].typeRange.hclDescription).",
                            at: found[1].typeRange)
        }
        return found.first
    }

    // MARK: - Static values

    /// Evaluates an expression without any variables or functions, as `gohcl` does with a nil
    /// context, reporting references and calls the way HCL does.
    mutating func staticValue(_ e: Expr) -> Value? {
        var bad = false
        for t in e.variables {
            diags += .error("Variables not allowed", "Variables may not be used here.", at: t.rootRange)
            bad = true
        }
        for call in Self.calls(in: e) {
            diags += .error("Function calls not allowed", "Functions may not be called here.", at: call)
            bad = true
        }
        let (v, d) = Evaluator.evaluate(e, in: EvalContext())
        if !bad { diags += d }
        if bad || d.hasErrors || !v.isWhollyKnown {
            diags += unsuitable("value must be known", e)
            return nil
        }
        return v
    }

    /// gohcl's conversion failure: the subject is where the value starts, the context all of it.
    func unsuitable(_ message: String, _ e: Expr) -> Diagnostic {
        Diagnostic(.error, summary: "Unsuitable value type", detail: "Unsuitable value: \(message)",
                   subject: StaticExpr.startRange(e), context: e.range)
    }

    mutating func staticString(_ attr: Attribute?) -> String? {
        guard let attr, let v = staticValue(attr.expr) else { return nil }
        guard let s = (try? Conversion.convert(v, to: .string))?.stringValue else {
            diags += unsuitable("a string is required", attr.expr)
            return nil
        }
        return s
    }

    mutating func staticBool(_ attr: Attribute?) -> Bool? {
        guard let attr, let v = staticValue(attr.expr) else { return nil }
        guard let b = (try? Conversion.convert(v, to: .bool))?.boolValue else {
            diags += unsuitable("a bool is required", attr.expr)
            return nil
        }
        return b
    }

    /// Ranges of every function call inside an expression.
    static func calls(in e: Expr) -> [SourceRange] {
        var out: [SourceRange] = []
        func walk(_ e: Expr) {
            switch e.kind {
            case .call(_, _, let args, _):
                out.append(e.range)
                args.forEach(walk)
            case .template(let parts):
                for p in parts { if case .interpolation(let x) = p { walk(x) } }
            case .templateWrap(let x), .parens(let x), .unary(_, let x), .relativeTraversal(let x, _): walk(x)
            case .tuple(let items): items.forEach(walk)
            case .object(let items): for i in items { walk(i.key); walk(i.value) }
            case .index(let c, let k): walk(c); walk(k)
            case .splat(let s, let each): walk(s); walk(each)
            case .forExpr(let f):
                walk(f.collection); walk(f.valueExpr)
                if let k = f.keyExpr { walk(k) }
                if let c = f.condition { walk(c) }
            case .conditional(let c, let t, let f): walk(c); walk(t); walk(f)
            case .binary(_, let l, let r): walk(l); walk(r)
            case .literal, .traversal, .splatItem, .invalid: break
            }
        }
        walk(e)
        return out
    }

    // MARK: - References

    /// A static reference: a traversal, or (with a deprecation warning in native syntax) a
    /// quoted one; nil after reporting when the expression is neither.
    mutating func reference(_ e: Expr, json: Bool) -> Traversal? {
        if let t = StaticExpr.traversal(e) { return t }
        if let t = StaticExpr.quotedTraversal(e) {
            if !json {
                diags += .warning("Quoted references are deprecated",
                                  "In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Terraform. Remove the quotes surrounding this reference to silence this warning.",
                                  at: e.range)
            }
            return t
        }
        diags += .error("Invalid expression",
                        "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.",
                        at: e.range)
        return nil
    }

    /// The elements of a static list expression (`[a, b]`), or nil after reporting.
    mutating func staticList(_ e: Expr) -> [Expr]? {
        if case .tuple(let items) = e.kind { return items }
        diags += .error("Invalid expression", "A static list expression is required.", at: e.range)
        return nil
    }

    /// `depends_on = [...]`: references to whole objects.
    mutating func dependsOn(_ attr: Attribute?, json: Bool) -> [Traversal] {
        guard let attr, let items = staticList(attr.expr) else { return [] }
        var out: [Traversal] = []
        for item in items {
            guard let t = reference(item, json: json) else { continue }
            if t.root == "each" {
                diags += .error("Invalid depends_on reference", "The reference to \"each\" in depends_on is not supported.", at: t.range)
                continue
            }
            out.append(t)
        }
        return out
    }

    /// `validation`, `precondition` and `postcondition` blocks.
    mutating func checkRules(_ body: Body, _ type: String) -> [CheckRule] {
        body.blocks(ofType: type).compactMap { b in
            checkArguments(b.body, allowed: ["condition", "error_message"])
            guard let c = b.body.attribute("condition") else {
                diags += .error("Missing required argument", "The argument \"condition\" is required, but no definition was found.", at: b.body.range.startOnly)
                return nil
            }
            guard let m = b.body.attribute("error_message") else {
                diags += .error("Missing required argument", "The argument \"error_message\" is required, but no definition was found.", at: b.body.range.startOnly)
                return nil
            }
            return CheckRule(condition: c.expr, errorMessage: m.expr, range: b.defRange)
        }
    }

    /// `provider = aws.west`: a provider local name and an optional alias.
    mutating func providerRef(_ e: Expr, json: Bool) -> ProviderRef? {
        guard let t = reference(e, json: json) else { return nil }
        guard t.steps.count <= 1 else {
            diags += .error("Invalid provider configuration reference",
                            "The provider argument requires a provider type name, optionally followed by a period and then a configuration alias.",
                            at: t.range)
            return nil
        }
        guard let step = t.steps.first else { return ProviderRef(name: t.root) }
        guard case .attr(let alias, _) = step else {
            diags += .error("Invalid provider configuration reference",
                            "Provider name must either stand alone or be followed by a period and then a configuration alias.",
                            at: step.range)
            return nil
        }
        return ProviderRef(name: t.root, alias: alias)
    }
}
