import TerraceBasics
import TerraceHCL

/// Evaluates a block body against a schema into an object value, as Terraform's `hcldec`:
/// each attribute converted to its type, nested blocks collected by their nesting mode,
/// `dynamic` blocks expanded, and unexpected, missing or mistyped arguments reported with
/// "Did you mean …?" suggestions.
public enum BodyDecoder {
    /// Names that may appear in a resource body but belong to Terraform, not the provider.
    public static let metaArguments: Set<String> = ["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]

    public static func decode(_ body: Body, schema: SchemaBlock, ctx: EvalContext,
                              ignoring ignored: Set<String> = []) -> (Value, Diagnostics) {
        var diags = Diagnostics()
        var out: [String: Value] = [:]
        let validNames = Array(schema.attributes.keys) + Array(schema.blockTypes.keys)
        for attr in body.attributes where !ignored.contains(attr.name) {
            guard let a = schema.attributes[attr.name] else {
                if schema.blockTypes[attr.name] != nil {
                    diags += .error("Unsupported argument",
                                    "An argument named \"\(attr.name)\" is not expected here. Did you mean to define a block of type \"\(attr.name)\"?",
                                    at: attr.nameRange)
                } else {
                    diags += .error("Unsupported argument",
                                    "An argument named \"\(attr.name)\" is not expected here.\(Suggestions.didYouMean(attr.name, in: validNames))",
                                    at: attr.nameRange)
                }
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
        for (name, a) in schema.attributes where out[name] == nil && !ignored.contains(name) {
            if a.required && body.attribute(name) == nil {
                diags += .error("Missing required argument",
                                "The argument \"\(name)\" is required, but no definition was found.",
                                at: SourceRange(filename: body.range.filename, start: body.range.start, end: body.range.start))
            }
            out[name] = .null(a.type)
        }
        // Nested blocks, with dynamic blocks expanded in place.
        var blocksByType: [String: [(Body, EvalContext, SourceRange)]] = [:]
        for block in body.blocks where !ignored.contains(block.type) {
            if block.type == "dynamic" {
                diags += expandDynamic(block, schema: schema, ctx: ctx, into: &blocksByType, validNames: validNames)
                continue
            }
            guard schema.blockTypes[block.type] != nil else {
                if schema.attributes[block.type] != nil {
                    diags += .error("Unsupported block type",
                                    "Blocks of type \"\(block.type)\" are not expected here. Did you mean to define argument \"\(block.type)\"? If so, use the equals sign to assign it a value.",
                                    at: block.typeRange)
                } else {
                    diags += .error("Unsupported block type",
                                    "Blocks of type \"\(block.type)\" are not expected here.\(Suggestions.didYouMean(block.type, in: validNames))",
                                    at: block.typeRange)
                }
                continue
            }
            blocksByType[block.type, default: []].append((block.body, ctx, block.typeRange))
        }
        for (name, nb) in schema.blockTypes where !ignored.contains(name) {
            let items = blocksByType[name] ?? []
            var values: [Value] = []
            var keys: [String] = []
            for (b, c, r) in items {
                let (v, d) = decode(b, schema: nb.block, ctx: c)
                diags += d
                values.append(v)
                keys.append("")
                _ = r
            }
            if nb.minItems > 0 && values.count < nb.minItems && !diags.hasErrors {
                diags += .error(nb.minItems == 1 && nb.maxItems == 1 ? "Missing required block" : "Insufficient \(name) blocks",
                                nb.minItems == 1 && nb.maxItems == 1
                                    ? "A block of type \"\(name)\" is required here."
                                    : "At least \(nb.minItems) \"\(name)\" blocks are required.",
                                at: SourceRange(filename: body.range.filename, start: body.range.start, end: body.range.start))
            }
            if nb.maxItems > 0 && values.count > nb.maxItems {
                let r = items[nb.maxItems].2
                diags += .error(nb.maxItems == 1 ? "Duplicate \(name) block" : "Too many \(name) blocks",
                                nb.maxItems == 1
                                    ? "Only one \"\(name)\" block is allowed. Another was defined earlier."
                                    : "No more than \(nb.maxItems) \"\(name)\" blocks are allowed.",
                                at: r)
            }
            let elem = nb.block.impliedType
            switch nb.nesting {
            case .single: out[name] = values.first ?? .null(elem)
            case .list: out[name] = Value(.list(values, element: elem))
            case .set: out[name] = Value(.set(Value.canonicalSet(values), element: elem))
            case .map: out[name] = Value(.map([:], element: elem))
            }
        }
        return (Value(.object(out)), diags)
    }

    static func expandDynamic(_ block: Block, schema: SchemaBlock, ctx: EvalContext,
                              into blocks: inout [String: [(Body, EvalContext, SourceRange)]],
                              validNames: [String]) -> Diagnostics {
        var diags = Diagnostics()
        guard let type = block.labels.first else {
            diags += .error("Missing dynamic block type", "A dynamic block must have a label naming the block type to generate.", at: block.typeRange)
            return diags
        }
        guard schema.blockTypes[type] != nil else {
            diags += .error("Unsupported block type",
                            "Blocks of type \"\(type)\" are not expected here.\(Suggestions.didYouMean(type, in: validNames))",
                            at: block.labelRanges.first ?? block.typeRange)
            return diags
        }
        guard let forEach = block.body.attribute("for_each") else {
            diags += .error("Missing required argument", "The argument \"for_each\" is required, but no definition was found.", at: block.typeRange)
            return diags
        }
        var iterator = type
        if let it = block.body.attribute("iterator") {
            guard let name = it.expr.asKeyword else {
                diags += .error("Invalid iterator name", "The iterator name must be a single identifier.", at: it.expr.range)
                return diags
            }
            iterator = name
        }
        guard let content = block.body.blocks(ofType: "content").first else {
            diags += .error("Missing required block", "A dynamic block must contain a \"content\" block.", at: block.typeRange)
            return diags
        }
        let (coll, d) = Evaluator.evaluate(forEach.expr, in: ctx)
        diags += d
        if d.hasErrors { return diags }
        if coll.isNull {
            diags += .error("Invalid dynamic for_each value", "Cannot use a null value in for_each.", at: forEach.expr.range)
            return diags
        }
        guard coll.isKnown else { return diags }
        guard let pairs = Evaluator.iterationPairs(coll) else {
            diags += .error("Invalid dynamic for_each value",
                            "Cannot use a \(coll.type) value in for_each. An iterable collection is required.", at: forEach.expr.range)
            return diags
        }
        for (k, v) in pairs {
            let iter = Value.object(["key": k, "value": v])
            blocks[type, default: []].append((content.body, ctx.adding([iterator: iter]), block.typeRange))
        }
        return diags
    }
}
