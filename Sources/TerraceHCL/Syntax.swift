import TerraceBasics

/// A parsed configuration file.
public struct File: Sendable {
    public var filename: String
    public var body: Body
    public init(filename: String, body: Body) {
        self.filename = filename
        self.body = body
    }
}

/// A body: attributes and blocks in source order.
public struct Body: Sendable {
    public var attributes: [Attribute]
    public var blocks: [Block]
    /// The range of the whole body (between a block's braces, or the whole file).
    public var range: SourceRange
    /// Set for bodies that came from JSON syntax, whose attribute/block split depends on a schema.
    public var isJSON: Bool
    /// For a JSON body, the object (or array of objects) it was read from.
    public var json: JSONNode?

    public init(attributes: [Attribute] = [], blocks: [Block] = [], range: SourceRange, isJSON: Bool = false, json: JSONNode? = nil) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
        self.isJSON = isJSON || json != nil
        self.json = json
    }

    public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
    public func blocks(ofType type: String) -> [Block] { blocks.filter { $0.type == type } }

    /// Where to report a missing argument or block: the empty range at the start of the body
    /// (its opening brace), as HCL's `MissingItemRange`.
    public var missingItemRange: SourceRange {
        switch json {
        case .object(_, _, _, let close)?: return close
        case .array(_, _, let open)?: return open
        case let node?: return node.startRange
        case nil: return SourceRange(filename: range.filename, start: range.start, end: range.start)
        }
    }
}

/// `name = expression`
public struct Attribute: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var expr: Expr
    public var range: SourceRange
    /// The `=` (or, in JSON, the colon); the name range where there is none.
    public var equalsRange: SourceRange

    public init(name: String, nameRange: SourceRange, expr: Expr, range: SourceRange, equalsRange: SourceRange? = nil) {
        self.name = name
        self.nameRange = nameRange
        self.expr = expr
        self.range = range
        self.equalsRange = equalsRange ?? nameRange
    }
}

/// `type "label" … { body }`
public struct Block: Sendable {
    public var type: String
    public var labels: [String]
    public var typeRange: SourceRange
    public var labelRanges: [SourceRange]
    public var body: Body
    /// From the type name to the closing brace.
    public var range: SourceRange
    public var openBraceRange: SourceRange
    public var closeBraceRange: SourceRange

    public init(type: String, labels: [String], typeRange: SourceRange, labelRanges: [SourceRange], body: Body, range: SourceRange,
                openBraceRange: SourceRange? = nil, closeBraceRange: SourceRange? = nil) {
        self.type = type
        self.labels = labels
        self.typeRange = typeRange
        self.labelRanges = labelRanges
        self.body = body
        self.range = range
        self.openBraceRange = openBraceRange ?? labelRanges.last ?? typeRange
        self.closeBraceRange = closeBraceRange ?? range
    }

    /// The header from the type name to the last label, which Terraform uses as a block's
    /// declaration range (`hcl.Block.DefRange`; in JSON, the opening brace of its content).
    public var defRange: SourceRange {
        if body.isJSON { return openBraceRange }
        return SourceRange(filename: typeRange.filename, start: typeRange.start, end: (labelRanges.last ?? typeRange).end)
    }

    /// `resource "aws_vpc" "main"`, as diagnostics name a block.
    public var header: String {
        ([type] + labels.map(Parser.goQuote)).joined(separator: " ")
    }
}

/// One step of a traversal after its root.
public enum TraversalStep: Sendable, Hashable {
    case attr(String, SourceRange)
    case index(LiteralKey, SourceRange)

    public var range: SourceRange {
        switch self {
        case .attr(_, let r), .index(_, let r): return r
        }
    }
}

/// A statically known index key: `[0]`, `["x"]`, `.0`.
public enum LiteralKey: Sendable, Hashable, CustomStringConvertible {
    case number(String)
    case string(String)

    public var description: String {
        switch self {
        case .number(let n): return "[\(n)]"
        case .string(let s): return "[\"\(s)\"]"
        }
    }
}

/// A reference such as `aws_vpc.main.id` or `var.names[0]`: a root name and static steps.
public struct Traversal: Sendable, Hashable, CustomStringConvertible {
    public var root: String
    public var rootRange: SourceRange
    public var steps: [TraversalStep]

    public init(root: String, rootRange: SourceRange, steps: [TraversalStep] = []) {
        self.root = root
        self.rootRange = rootRange
        self.steps = steps
    }

    public var range: SourceRange { steps.last.map { rootRange.union($0.range) } ?? rootRange }

    public var description: String {
        var s = root
        for step in steps {
            switch step {
            case .attr(let n, _): s += "." + n
            case .index(let k, _): s += k.description
            }
        }
        return s
    }
}

public enum BinaryOp: String, Sendable, Hashable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!="
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", modulo = "%"
}

public enum UnaryOp: String, Sendable, Hashable {
    case negate = "-"
    case not = "!"
}

/// A literal that needs no evaluation.
public enum Literal: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's source text, converted exactly by the evaluator.
    case number(String)
    case string(String)
}

/// A part of a template.
public indirect enum TemplatePart: Sendable {
    case literal(String, SourceRange)
    case interpolation(Expr)
    case ifDirective(condition: Expr, then: [TemplatePart], else: [TemplatePart]?, range: SourceRange)
    case forDirective(key: String?, value: String, collection: Expr, body: [TemplatePart], range: SourceRange)
}

/// One `key = value` item of an object constructor.
public struct ObjectItem: Sendable {
    /// The key expression; a bare identifier key is `.literal(.string(name))` with `keyIsIdentifier`.
    public var key: Expr
    public var keyIsIdentifier: Bool
    public var value: Expr
    public init(key: Expr, keyIsIdentifier: Bool, value: Expr) {
        self.key = key
        self.keyIsIdentifier = keyIsIdentifier
        self.value = value
    }
}

/// `[for k, v in coll : expr if cond]` or `{for k, v in coll : key => value... if cond}`.
public struct ForExpr: Sendable {
    public var keyVar: String?
    public var valueVar: String
    public var collection: Expr
    public var keyExpr: Expr?
    public var valueExpr: Expr
    public var condition: Expr?
    public var grouping: Bool
    public var isObject: Bool
}

/// An expression with its source range.
public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Literal)
        case template([TemplatePart])
        /// `"${x}"`: a template of exactly one interpolation, which yields `x` unconverted.
        case templateWrap(Expr)
        case traversal(Traversal)
        /// Static steps applied to the result of another expression: `f(x).a[0]`.
        case relativeTraversal(Expr, [TraversalStep])
        case call(name: String, nameRange: SourceRange, args: [Expr], expandFinal: Bool)
        case tuple([Expr])
        case object([ObjectItem])
        case index(collection: Expr, key: Expr)
        /// `source[*]…` or `source.*…`; `each` is evaluated with `.splatItem` bound to each element.
        case splat(source: Expr, each: Expr)
        /// The element being visited inside a splat's `each` expression.
        case splatItem
        case forExpr(ForExpr)
        case conditional(condition: Expr, then: Expr, else: Expr)
        case binary(BinaryOp, Expr, Expr)
        case unary(UnaryOp, Expr)
        case parens(Expr)
        /// Placeholder where a syntax error was reported.
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange
    /// For an expression from a JSON string, the string itself. HCL evaluates such strings as
    /// templates only when given an evaluation context; where Terraform evaluates without one
    /// (a variable's default, say) it takes the string verbatim.
    public var jsonString: String?

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// If this expression is a static reference (a traversal), that traversal.
    public var asTraversal: Traversal? {
        switch kind {
        case .traversal(let t): return t
        case .parens(let e): return e.asTraversal
        default: return nil
        }
    }

    /// If this expression is a string literal or a literal-only template, that string.
    public var asStaticString: String? {
        switch kind {
        case .literal(.string(let s)): return s
        case .template(let parts):
            var s = ""
            for p in parts {
                guard case .literal(let l, _) = p else { return nil }
                s += l
            }
            return s
        default: return nil
        }
    }

    /// A bare identifier such as `all` or `create` (keywords in `lifecycle` and `depends_on`).
    public var asKeyword: String? {
        if case .traversal(let t) = kind, t.steps.isEmpty { return t.root }
        return nil
    }
}
