import TerraceBasics
import TerraceHCL
import TerraceLang

/// `key=value` arguments of `terrace cloud create/update`, read by the resource schema: string
/// arguments as written, others as HCL values, nested blocks as lists of objects, and
/// `map.key=value` for one key of a map.
enum CloudArguments {
    /// The value of a block type with no blocks.
    static func empty(_ nb: NestedBlock) -> Value {
        switch nb.nesting {
        case .single: return .null(nb.impliedType)
        case .list: return Value(.list([], element: nb.block.impliedType))
        case .set: return Value(.set([], element: nb.block.impliedType))
        case .map: return Value(.map([:], element: nb.block.impliedType))
        }
    }

    /// Applies `args` to `config`; returns what is wrong with them.
    static func apply(_ args: [String], to config: inout Value, schema: SchemaBlock, type: String) -> Diagnostics {
        var diags = Diagnostics()
        let names = Array(schema.attributes.keys) + Array(schema.blockTypes.keys)
        for arg in args {
            guard let eq = arg.firstIndex(of: "="), eq != arg.startIndex else {
                diags += .error("Invalid argument", "\"\(arg)\" is not a key=value pair.")
                continue
            }
            var key = String(arg[..<eq])
            let text = String(arg[arg.index(after: eq)...])
            var mapKey: String?
            if let dot = key.firstIndex(of: "."), schema.attributes[String(key[..<dot])] != nil {
                mapKey = String(key[key.index(after: dot)...])
                key = String(key[..<dot])
            }
            if let a = schema.attributes[key] {
                if a.computed && !a.optional {
                    diags += .error("Value for unconfigurable attribute",
                                    "Can't configure a value for \"\(key)\": its value will be decided automatically.")
                    continue
                }
                do {
                    if let mapKey {
                        guard case .map(let element) = a.type else {
                            diags += .error("Invalid argument", "\"\(key)\" is not a map, so \"\(key).\(mapKey)\" cannot be set.")
                            continue
                        }
                        var m = config[key]?.attributes ?? [:]
                        m[mapKey] = try value(text, as: element)
                        config = config.withAttribute(key, Value(.map(m, element: element)))
                    } else {
                        config = config.withAttribute(key, try value(text, as: a.type))
                    }
                } catch {
                    diags += .error("Invalid value for \"\(key)\"", "\(error)")
                }
            } else if let nb = schema.blockTypes[key] {
                do {
                    config = config.withAttribute(key, try blocks(text, nb))
                } catch {
                    diags += .error("Invalid value for \"\(key)\"", "\(error)")
                }
            } else {
                diags += .error("Unsupported argument",
                                "\(type) has no argument named \"\(key)\".\(Suggestions.didYouMean(key, in: names))")
            }
        }
        return diags
    }

    /// Required arguments not given.
    static func missingRequired(_ config: Value, schema: SchemaBlock) -> Diagnostics {
        var diags = Diagnostics()
        for name in schema.attributes.keys.sorted() where schema.attributes[name]?.required == true && (config[name]?.isNull ?? true) {
            diags += .error("Missing required argument", "The argument \"\(name)\" is required, but no definition was found.")
        }
        for name in schema.blockTypes.keys.sorted() {
            guard let nb = schema.blockTypes[name], nb.minItems > 0 else { continue }
            if (config[name]?.elements?.count ?? 0) < nb.minItems {
                diags += .error("Missing required block", "At least \(nb.minItems) \"\(name)\" block\(nb.minItems == 1 ? " is" : "s are") required.")
            }
        }
        return diags
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A string as written (or an HCL string literal); anything else as an HCL value.
    static func value(_ text: String, as type: ValueType) throws -> Value {
        if type == .string && !text.hasPrefix("\"") { return .string(text) }
        let v = try hcl(text)
        do { return try Conversion.convert(v, to: type) } catch {
            throw Failure(description: "\(text) is not a valid \(type.friendlyName): \(error.description)")
        }
    }

    static func hcl(_ text: String) throws -> Value {
        let (expr, d) = Parser.parseExpression(text, filename: "<argument>", sources: nil)
        if d.hasErrors { throw Failure(description: "\"\(text)\" is not a valid value: \(d.items.first?.summary ?? "syntax error").") }
        let (v, ed) = Evaluator.evaluate(expr, in: EvalContext())
        if ed.hasErrors { throw Failure(description: "\"\(text)\" is not a valid value: \(ed.items.first?.summary ?? "cannot evaluate").") }
        return v
    }

    /// Nested blocks from a list of objects (or one object), each attribute converted by the
    /// block schema and missing ones null (or their default).
    static func blocks(_ text: String, _ nb: NestedBlock) throws -> Value {
        let v = try hcl(text)
        let items: [Value]
        if let e = v.elements { items = e } else if case .object = v.kind { items = [v] } else {
            throw Failure(description: "expected a list of objects, one per block.")
        }
        let converted = try items.map { try block($0, nb.block) }
        switch nb.nesting {
        case .set: return Value(.set(Value.canonicalSet(converted), element: nb.block.impliedType))
        case .single: return converted.first ?? .null(nb.impliedType)
        default: return Value(.list(converted, element: nb.block.impliedType))
        }
    }

    static func block(_ v: Value, _ schema: SchemaBlock) throws -> Value {
        guard let given = v.attributes else { throw Failure(description: "expected an object for each block.") }
        var out: [String: Value] = [:]
        for k in given.keys where schema.attributes[k] == nil && schema.blockTypes[k] == nil {
            throw Failure(description: "unsupported argument \"\(k)\" in block.\(Suggestions.didYouMean(k, in: Array(schema.attributes.keys)))")
        }
        for (name, a) in schema.attributes {
            if let x = given[name], !x.isNull {
                do { out[name] = try Conversion.convert(x, to: a.type) } catch {
                    throw Failure(description: "\(name): \(error.description)")
                }
            } else if a.required {
                throw Failure(description: "the argument \"\(name)\" is required in each block.")
            } else {
                out[name] = a.defaultValue ?? .null(a.type)
            }
        }
        for (name, nb) in schema.blockTypes {
            if let x = given[name], !x.isNull {
                let items = x.elements ?? [x]
                let converted = try items.map { try block($0, nb.block) }
                out[name] = nb.nesting == .set ? Value(.set(Value.canonicalSet(converted), element: nb.block.impliedType))
                    : Value(.list(converted, element: nb.block.impliedType))
            } else {
                out[name] = empty(nb)
            }
        }
        return .object(out)
    }
}

extension Value {
    func withAttribute(_ name: String, _ v: Value) -> Value {
        guard var attrs = attributes else { return self }
        attrs[name] = v
        return .object(attrs)
    }
}
