import TerraceBasics

/// The JSON configuration syntax (`.tf.json`, `.tfvars.json`), read as hashicorp/hcl's `json`
/// package reads it and mapped onto the native syntax tree:
///
/// - The root is an object (or an array of objects, whose properties are taken together); each
///   property becomes an attribute, except `"//"` properties, which are comments.
/// - Strings are templates: `"${var.name}-x"` interpolates, as the native `"${var.name}-x"`
///   does. The string itself is kept on the expression (`Expr.jsonString`) for places that take
///   it verbatim. Numbers, booleans, null, arrays and objects become the matching literals and
///   constructors.
/// - Which properties are nested blocks, and how many labels each has, depends on a schema, as
///   in HCL: `Body.resolvingJSON(_:)` turns them into blocks once the decoder knows. The raw
///   JSON is kept on each body (`Body.json`) for that.
public enum JSONSyntax {
    public static func parse(_ bytes: [UInt8], filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        sources?.register(filename, bytes: bytes)
        var parser = JSONSyntaxParser(bytes, filename: filename)
        var root = parser.parseFile()
        var diags = parser.diagnostics
        switch root {
        case .object, .array:
            break
        default:
            diags.append(.error("Root value must be object",
                                "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.",
                                at: root.startRange))
            let fake = SourceRange.file(filename)
            root = .object([], range: fake, open: fake, close: fake)
        }
        // Errors in string templates are reported now; the structure is checked as bodies are
        // decoded (`resolvingJSON`), as in HCL.
        var structure = Diagnostics()
        var body = Body.fromJSON(root, structure: &structure, templates: &diags)
        if case .array = root { body.range = root.range }
        sources?.registerContexts(filename, JSONSyntax.contexts(root))
        return (File(filename: filename, body: body), diags)
    }

    /// Every object and array with its path (`resource.aws_instance.web`), innermost first, so
    /// diagnostics can name where they are as HCL's JSON navigation does.
    static func contexts(_ root: JSONNode) -> [SourceFiles.BlockContext] {
        var out: [(path: String, range: SourceRange, depth: Int)] = []
        func walk(_ node: JSONNode, _ path: String, _ depth: Int) {
            switch node {
            case .object(let props, _, _, _):
                for p in props {
                    switch p.value {
                    case .object, .array:
                        let sub = path.isEmpty ? p.name : path + "." + p.name
                        out.append((sub, p.value.range, depth + 1))
                        walk(p.value, sub, depth + 1)
                    default: break
                    }
                }
            case .array(let items, _, _):
                for (i, item) in items.enumerated() {
                    switch item {
                    case .object, .array:
                        let sub = path + "[\(i)]"
                        out.append((sub, item.range, depth + 1))
                        walk(item, sub, depth + 1)
                    default: break
                    }
                }
            default: break
            }
        }
        walk(root, "", 0)
        return out.sorted { $0.depth > $1.depth }.map {
            SourceFiles.BlockContext(header: $0.path, body: $0.range, block: $0.range)
        }
    }
}

/// A parsed JSON value with its source ranges, as HCL's JSON parser keeps it.
public indirect enum JSONNode: Sendable {
    case object([JSONProperty], range: SourceRange, open: SourceRange, close: SourceRange)
    case array([JSONNode], range: SourceRange, open: SourceRange)
    case string(String, SourceRange)
    /// A number's JSON text.
    case number(String, SourceRange)
    case bool(Bool, SourceRange)
    case null(SourceRange)
    /// Where a syntax error was reported.
    case invalid(SourceRange)

    public var range: SourceRange {
        switch self {
        case .object(_, let r, _, _), .array(_, let r, _), .string(_, let r), .number(_, let r), .bool(_, let r),
             .null(let r), .invalid(let r):
            return r
        }
    }

    /// The opening bracket of a collection, else the whole value.
    public var startRange: SourceRange {
        switch self {
        case .object(_, _, let open, _), .array(_, _, let open): return open
        default: return range
        }
    }
}

/// `"name": value` in a JSON object.
public struct JSONProperty: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var value: JSONNode
    public var range: SourceRange { SourceRange(filename: nameRange.filename, start: nameRange.start, end: value.range.end) }
}

/// How to read a JSON-syntax body, which (as in HCL) depends on a schema: which property
/// names are nested block types, and how many labels each block type has.
public struct JSONBlockHints: Sendable {
    /// Block type name → number of labels (`resource`: 2, `lifecycle`: 0).
    public var blockTypes: [String: Int]
    /// Names for the labels of each block type, for diagnostics ("the resource block's name").
    public var labelNames: [String: [String]]
    /// Whether the body takes only arguments (HCL's `JustAttributes`, as for `.tfvars.json`),
    /// which changes how a duplicate is reported.
    public var attributesOnly: Bool

    public init(blockTypes: [String: Int], labelNames: [String: [String]] = [:], attributesOnly: Bool = false) {
        self.blockTypes = blockTypes
        self.labelNames = labelNames
        self.attributesOnly = attributesOnly
    }
}

extension Body {
    /// For a body from JSON syntax, turns the properties named as block types into blocks, as
    /// HCL's JSON decoder does under a schema; a native-syntax body is returned unchanged.
    public func resolvingJSON(_ hints: JSONBlockHints) -> Body {
        var ignored = Diagnostics()
        return resolvingJSON(hints, diagnostics: &ignored)
    }

    /// As `resolvingJSON(_:)`, reporting what HCL reports while decoding a JSON body: properties
    /// set twice, block values of the wrong JSON type, and block types missing their labels.
    public func resolvingJSON(_ hints: JSONBlockHints, diagnostics: inout Diagnostics) -> Body {
        guard isJSON, let json else { return self }
        // Template errors in values were reported when the file was parsed.
        var converted = Diagnostics()
        var out = self
        out.attributes = []
        out.blocks = []
        var seen: [String: SourceRange] = [:]
        for prop in JSONConversion.deepProperties(json, labelName: nil, &diagnostics) {
            if let labels = hints.blockTypes[prop.name] {
                let names = hints.labelNames[prop.name] ?? []
                let labelNames = (0..<labels).map { $0 < names.count ? names[$0] : ($0 == 0 ? "label" : "label \($0 + 1)") }
                JSONConversion.unpackBlock(prop.value, type: prop.name, typeRange: prop.nameRange, labelsLeft: labelNames,
                                           labels: [], labelRanges: [], into: &out.blocks, &diagnostics, converted: &converted)
                continue
            }
            if prop.name == "//" { continue }
            if let existing = seen[prop.name] {
                if hints.attributesOnly {
                    diagnostics.append(.error("Duplicate attribute definition",
                        "The argument \"\(prop.name)\" was already set at \(Parser.describe(existing)).", at: prop.nameRange))
                } else {
                    diagnostics.append(Diagnostic(.error, summary: "Duplicate argument",
                        detail: "The argument \"\(prop.name)\" was already set at \(Parser.describe(existing)).",
                        subject: prop.nameRange, context: prop.range))
                }
                continue
            }
            seen[prop.name] = prop.range
            out.attributes.append(JSONConversion.attribute(prop, &converted))
        }
        return out
    }

    /// A body for a JSON object (or array of objects), every property an attribute.
    static func fromJSON(_ node: JSONNode, structure: inout Diagnostics, templates: inout Diagnostics) -> Body {
        var attrs: [Attribute] = []
        for prop in JSONConversion.deepProperties(node, labelName: nil, &structure) where prop.name != "//" {
            attrs.append(JSONConversion.attribute(prop, &templates))
        }
        return Body(attributes: attrs, blocks: [], range: node.range, isJSON: true, json: node)
    }
}

/// From JSON values to the native syntax tree, and the unpacking of blocks.
enum JSONConversion {
    static func attribute(_ prop: JSONProperty, _ diags: inout Diagnostics) -> Attribute {
        Attribute(name: prop.name, nameRange: prop.nameRange, expr: expression(prop.value, &diags), range: prop.range,
                  equalsRange: prop.nameRange)
    }

    /// The expression a JSON value stands for.
    static func expression(_ node: JSONNode, _ diags: inout Diagnostics) -> Expr {
        switch node {
        case .string(let s, let r):
            var e = template(s, r, &diags)
            e.jsonString = s
            return e
        case .number(let n, let r): return Expr(.literal(.number(n)), r)
        case .bool(let b, let r): return Expr(.literal(.bool(b)), r)
        case .null(let r): return Expr(.literal(.null), r)
        case .invalid(let r): return Expr(.invalid, r)
        case .array(let items, let r, _):
            var exprs: [Expr] = []
            exprs.reserveCapacity(items.count)
            for item in items { exprs.append(expression(item, &diags)) }
            return Expr(.tuple(exprs), r)
        case .object(let props, let r, _, _):
            // In an expression, keys are templates too, as in HCL (whose errors show only if the
            // object is evaluated, so they are not reported here).
            var ignored = Diagnostics()
            var items: [ObjectItem] = []
            items.reserveCapacity(props.count)
            for p in props {
                var key = template(p.name, p.nameRange, &ignored)
                key.jsonString = p.name
                let value = expression(p.value, &diags)
                items.append(ObjectItem(key: key, keyIsIdentifier: false, value: value))
            }
            return Expr(.object(items), r)
        }
    }

    /// A JSON string as a template, positioned just inside its opening quote (escapes removed by
    /// JSON decoding make later positions approximate, as in HCL).
    static func template(_ s: String, _ r: SourceRange, _ diags: inout Diagnostics) -> Expr {
        // Most strings are plain text: no need to run the template parser.
        if !s.utf8.contains(UInt8(ascii: "$")) && !s.utf8.contains(UInt8(ascii: "%")) {
            return Expr(.template([.literal(s, r)]), r)
        }
        let origin = SourcePos(line: r.start.line, column: r.start.column + 1, byte: r.start.byte + 1)
        let (e, d) = Parser.parseTemplate(Array(s.utf8), filename: r.filename, origin: origin)
        diags += d
        return Expr(e.kind, r)
    }

    /// The properties of an object, or of every object in an array (HCL's `collectDeepAttrs`).
    static func deepProperties(_ node: JSONNode, labelName: String?, _ diags: inout Diagnostics) -> [JSONProperty] {
        switch node {
        case .null:
            return []
        case .object(let props, _, _, _):
            return props
        case .array(let items, _, _):
            var out: [JSONProperty] = []
            for item in items {
                if case .object(let props, _, _, _) = item {
                    out += props
                } else if let labelName {
                    diags.append(.error("Incorrect JSON value type",
                        "A JSON object is required here, to specify \(labelName) labels for this block.", at: item.startRange))
                } else {
                    diags.append(.error("Incorrect JSON value type",
                        "A JSON object is required here, to define arguments and child blocks.", at: item.startRange))
                }
            }
            return out
        default:
            if let labelName {
                diags.append(.error("Incorrect JSON value type",
                    "Either a JSON object or JSON array of objects is required here, to specify \(labelName) labels for this block.",
                    at: node.startRange))
            } else {
                diags.append(.error("Incorrect JSON value type",
                    "Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.",
                    at: node.startRange))
            }
            return []
        }
    }

    /// Peels one property level per label, then makes one block per object (an array gives
    /// several blocks with the same labels; null gives none).
    static func unpackBlock(_ node: JSONNode, type: String, typeRange: SourceRange, labelsLeft: [String],
                            labels: [String], labelRanges: [SourceRange], into blocks: inout [Block], _ diags: inout Diagnostics,
                            converted: inout Diagnostics) {
        if let labelName = labelsLeft.first {
            let props = deepProperties(node, labelName: labelName, &diags)
            if props.isEmpty {
                diags.append(.error("Missing block label",
                    "At least one object property is required, whose name represents the \(type) block's \(labelName).",
                    at: node.startRange))
                return
            }
            for p in props {
                unpackBlock(p.value, type: type, typeRange: typeRange, labelsLeft: Array(labelsLeft.dropFirst()),
                            labels: labels + [p.name], labelRanges: labelRanges + [p.nameRange], into: &blocks, &diags,
                            converted: &converted)
            }
            return
        }
        // Problems with a block's own content are reported when its body is decoded.
        var structure = Diagnostics()
        func block(_ value: JSONNode, open: SourceRange) -> Block {
            var b = Block(type: type, labels: labels, typeRange: typeRange, labelRanges: labelRanges,
                          body: Body.fromJSON(value, structure: &structure, templates: &converted),
                          range: SourceRange(filename: typeRange.filename, start: typeRange.start, end: value.range.end),
                          openBraceRange: open, closeBraceRange: value.range)
            b.body.range = value.range
            return b
        }
        switch node {
        case .null:
            return
        case .object(_, _, let open, _):
            blocks.append(block(node, open: open))
        case .array(let items, _, let open):
            for item in items { blocks.append(block(item, open: open)) }
        default:
            diags.append(.error("Incorrect JSON value type",
                "Either a JSON object or a JSON array is required, representing the contents of one or more \"\(type)\" blocks.",
                at: node.startRange))
        }
    }
}
