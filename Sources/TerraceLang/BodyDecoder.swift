import TerraceBasics
import TerraceHCL

/// Evaluates a block body against a schema into an object value, as Terraform's `hcldec`:
/// each attribute converted to its type, nested blocks collected by their nesting mode,
/// `dynamic` blocks expanded, and unexpected, missing or mistyped arguments reported with
/// HCL's "Did you mean …?" suggestions.
public enum BodyDecoder {
    /// Names that may appear in a resource body but belong to Terraform, not the provider.
    public static let metaArguments: Set<String> = ["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]

    /// How a JSON-syntax body splits into attributes and blocks under a schema.
    public static func jsonHints(_ schema: SchemaBlock, ignoring ignored: Set<String> = []) -> JSONBlockHints {
        var hints: [String: Int] = ["dynamic": 1]
        for name in schema.blockTypes.keys { hints[name] = 0 }
        for name in ["lifecycle", "connection"] where ignored.contains(name) { hints[name] = 0 }
        if ignored.contains("provisioner") { hints["provisioner"] = 1 }
        return JSONBlockHints(blockTypes: hints)
    }

    public static func decode(_ body: Body, schema: SchemaBlock, ctx: EvalContext,
                              ignoring ignored: Set<String> = []) -> (Value, Diagnostics) {
        var diags = Diagnostics()
        var out: [String: Value] = [:]
        // Native-syntax bodies need no hints; building them per body showed in profiles.
        let body = body.isJSON ? body.resolvingJSON(jsonHints(schema, ignoring: ignored)) : body
        let blockNames = schema.blockTypes.isEmpty ? [] : schema.blockTypes.keys.sorted()
        for attr in body.attributes where !ignored.contains(attr.name) && !(body.isJSON && attr.name == "//") {
            guard let a = schema.attributes[attr.name] else {
                var hint = Suggestions.didYouMean(attr.name, in: schema.attributes.keys.sorted())
                if hint.isEmpty && schema.blockTypes[attr.name] != nil {
                    hint = " Did you mean to define a block of type \"\(attr.name)\"?"
                }
                diags += .error("Unsupported argument", "An argument named \"\(attr.name)\" is not expected here.\(hint)", at: attr.nameRange)
                continue
            }
            if a.computed && !a.optional && !a.required {
                diags += .error("Value for unconfigurable attribute",
                                "Can't configure a value for \"\(attr.name)\": its value will be decided automatically based on the result of applying this configuration.",
                                at: attr.nameRange)
                continue
            }
            let (v, d) = Evaluator.evaluate(attr.expr, in: ctx)
            diags += d
            if d.hasErrors { out[attr.name] = .unknown(a.type); continue }
            do {
                var converted = try Conversion.convert(v, to: a.type)
                if a.sensitive { converted = converted.marked() }
                out[attr.name] = converted
            } catch {
                diags += .error("Incorrect attribute value type",
                                "Inappropriate value for attribute \"\(attr.name)\": \(error.description).", at: attr.expr.range)
                out[attr.name] = .unknown(a.type)
            }
        }
        var missing: [String] = []
        for (name, a) in schema.attributes where out[name] == nil && !ignored.contains(name) {
            if a.required && body.attribute(name) == nil { missing.append(name) }
            out[name] = .null(a.type)
        }
        for name in missing.sorted() {
            diags += .error("Missing required argument",
                            "The argument \"\(name)\" is required, but no definition was found.",
                            at: body.range.startOnlyRange)
        }
        // Nested blocks, with dynamic blocks expanded in place.
        var blocksByType: [String: [(Body, EvalContext, SourceRange)]] = [:]
        var unknownBlocks = Set<String>()
        for block in body.blocks where !ignored.contains(block.type) {
            if block.type == "dynamic" {
                diags += expandDynamic(block, schema: schema, ctx: ctx, into: &blocksByType, unknown: &unknownBlocks)
                continue
            }
            guard schema.blockTypes[block.type] != nil else {
                let hint = schema.attributes[block.type] != nil
                    ? " Did you mean to define argument \"\(block.type)\"? If so, use the equals sign to assign it a value."
                    : Suggestions.didYouMean(block.type, in: blockNames)
                diags += .error("Unsupported block type", "Blocks of type \"\(block.type)\" are not expected here.\(hint)", at: block.typeRange)
                continue
            }
            blocksByType[block.type, default: []].append((block.body, ctx, block.typeRange))
        }
        for name in blockNames where !ignored.contains(name) {
            guard let nb = schema.blockTypes[name] else { continue }
            let items = blocksByType[name] ?? []
            var values: [Value] = []
            for (b, c, _) in items {
                let (v, d) = decode(b, schema: nb.block, ctx: c)
                diags += d
                values.append(v)
            }
            let elem = nb.block.impliedType
            if unknownBlocks.contains(name) {
                // A dynamic block over an unknown collection: how many blocks there will be is
                // known only after apply.
                out[name] = .unknown(nb.impliedType)
                continue
            }
            if nb.minItems > 0 && values.count < nb.minItems && !diags.hasErrors {
                diags += .error(nb.minItems == 1 && nb.maxItems == 1 ? "Missing required block" : "Insufficient \(name) blocks",
                                nb.minItems == 1 && nb.maxItems == 1
                                    ? "A block of type \"\(name)\" is required here."
                                    : "At least \(nb.minItems) \"\(name)\" blocks are required.",
                                at: body.range.startOnlyRange)
            }
            if nb.maxItems > 0 && values.count > nb.maxItems {
                let r = items[nb.maxItems].2
                diags += .error(nb.maxItems == 1 ? "Duplicate \(name) block" : "Too many \(name) blocks",
                                nb.maxItems == 1
                                    ? "Only one \"\(name)\" block is allowed. Another was defined earlier."
                                    : "No more than \(nb.maxItems) \"\(name)\" blocks are allowed.",
                                at: r)
            }
            switch nb.nesting {
            case .single: out[name] = values.first ?? .null(elem)
            case .list: out[name] = Value(.list(values, element: elem))
            case .set: out[name] = Value(.set(Value.canonicalSet(values), element: elem))
            case .map: out[name] = Value(.map([:], element: elem))
            }
        }
        return (Value(.object(out)), diags)
    }

    /// Expands `dynamic "type" { for_each = … iterator = … content { … } }` into one content
    /// body per element, each seeing the iterator object (`key`, `value`).
    static func expandDynamic(_ block: Block, schema: SchemaBlock, ctx: EvalContext,
                              into blocks: inout [String: [(Body, EvalContext, SourceRange)]],
                              unknown: inout Set<String>) -> Diagnostics {
        var diags = Diagnostics()
        guard block.labels.count == 1 else {
            if block.labels.isEmpty {
                diags += .error("Missing name for dynamic", "All dynamic blocks must have 1 labels (type).", at: block.body.range.startOnlyRange)
            } else {
                diags += .error("Extraneous label for dynamic", "Only 1 labels (type) are expected for dynamic blocks.", at: block.labelRanges[1])
            }
            return diags
        }
        let type = block.labels[0]
        guard schema.blockTypes[type] != nil else {
            let hint = Suggestions.didYouMean(type, in: schema.blockTypes.keys)
            diags += .error("Unsupported block type", "Blocks of type \"\(type)\" are not expected here.\(hint)",
                            at: block.labelRanges[0])
            return diags
        }
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["content": 0]))
        for a in body.attributes where !["for_each", "iterator", "labels"].contains(a.name) && !(body.isJSON && a.name == "//") {
            diags += .error("Unsupported argument",
                            "An argument named \"\(a.name)\" is not expected here.\(Suggestions.didYouMean(a.name, in: ["for_each", "iterator", "labels"]))",
                            at: a.nameRange)
        }
        for b in body.blocks where b.type != "content" {
            diags += .error("Unsupported block type",
                            "Blocks of type \"\(b.type)\" are not expected here.\(Suggestions.didYouMean(b.type, in: ["content"]))",
                            at: b.typeRange)
        }
        guard let forEach = body.attribute("for_each") else {
            diags += .error("Missing required argument", "The argument \"for_each\" is required, but no definition was found.", at: body.range.startOnlyRange)
            return diags
        }
        var iterator = type
        if let it = body.attribute("iterator") {
            guard let name = it.expr.asKeyword ?? (body.isJSON ? it.expr.asStaticString : nil) else {
                diags += .error("Invalid dynamic iterator name", "Dynamic iterator must be a single variable name.", at: it.expr.range)
                return diags
            }
            iterator = name
        }
        let contents = body.blocks(ofType: "content")
        guard let content = contents.first else {
            diags += .error("Missing content block",
                            "A dynamic block must have a nested block of type \"content\" to describe the body of each generated block.",
                            at: body.range.startOnlyRange)
            return diags
        }
        if contents.count > 1 {
            diags += .error("Extraneous content block", "Only one nested content block is allowed for each dynamic block.", at: contents[1].typeRange)
        }
        let (coll, d) = Evaluator.evaluate(forEach.expr, in: ctx)
        diags += d
        if d.hasErrors { return diags }
        if coll.isUnknown, case .dynamic = coll.type {
            unknown.insert(type)
            return diags
        }
        if Evaluator.iterationPairs(coll) == nil && !coll.isNull && !coll.isUnknown {
            diags += .error("Invalid dynamic for_each value",
                            "Cannot use a \(coll.type.friendlyName) value in for_each. An iterable collection is required.", at: forEach.expr.range)
            return diags
        }
        if coll.isNull {
            diags += .error("Invalid dynamic for_each value", "Cannot use a null value in for_each.", at: forEach.expr.range)
            return diags
        }
        guard coll.isKnown else {
            unknown.insert(type)
            return diags
        }
        for (k, v) in Evaluator.iterationPairs(coll) ?? [] {
            let iter = Value.object(["key": k, "value": v])
            blocks[type, default: []].append((content.body, ctx.adding([iterator: iter]), block.typeRange))
        }
        return diags
    }
}

extension SourceRange {
    /// A zero-width range at the start (HCL's "missing item" range of a body: its open brace).
    var startOnlyRange: SourceRange { SourceRange(filename: filename, start: start, end: start) }
}
