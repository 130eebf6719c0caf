import TerraceBasics
import TerraceHCL
import TerraceLang

extension ModuleDecoder {
    /// Names a module input variable may not have, because module blocks use them.
    static let reservedVariableNames: Set<String> = ["source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"]

    mutating func decodeVariable(_ block: Block) {
        guard labels(block, ["name"]) else { return }
        let name = block.labels[0]
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["validation": 0]))
        checkArguments(body, allowed: ["type", "default", "description", "sensitive", "nullable"], blocks: ["validation"])
        if Self.reservedVariableNames.contains(name) {
            diags += .error("Invalid variable name",
                            "The variable name \"\(name)\" is reserved due to its special meaning inside module blocks.",
                            at: block.labelRanges[0])
        }
        var type = TypeConstraint.any
        var typeGiven = false
        if let t = body.attribute("type") {
            type = variableType(t.expr, json: body.isJSON)
            typeGiven = true
        }
        let nullable = staticBool(body.attribute("nullable")) ?? true
        var def: Value?
        if let d = body.attribute("default") {
            def = defaultValue(d.expr, type: type, nullable: nullable)
        }
        var validations = checkRules(body, "validation")
        validations = validations.filter { checkValidation($0, variable: name) }
        if let prev = module.variables[name] {
            diags += .error("Duplicate variable declaration",
                            "A variable named \"\(name)\" was already declared at \(prev.declRange.hclDescription). Variable names must be unique within a module.",
                            at: block.defRange)
            return
        }
        module.variables[name] = Variable(
            name: name, type: type, typeGiven: typeGiven, defaultValue: def,
            description: staticString(body.attribute("description")),
            sensitive: staticBool(body.attribute("sensitive")) ?? false,
            nullable: nullable, validations: validations, declRange: block.defRange)
    }

    /// A variable's `type`, as Terraform's `decodeVariableType`: the `list` and `map` keywords
    /// mean `list(any)` and `map(any)`, and quoted 0.11-style types are errors.
    mutating func variableType(_ e: Expr, json: Bool) -> TypeConstraint {
        if !json, e.asKeyword == nil, let s = e.asStaticString {
            let fix: String
            switch s {
            case "string": fix = "Remove the quotes around \"string\"."
            case "list": fix = "Remove the quotes around \"list\" and write list(string) instead to explicitly indicate that the list elements are strings."
            case "map": fix = "Remove the quotes around \"map\" and write map(string) instead to explicitly indicate that the map elements are strings."
            default:
                diags += .error("Invalid legacy variable type hint",
                                "To provide a full type expression, remove the surrounding quotes and give the type expression directly.",
                                at: e.range)
                return .any
            }
            diags += .error("Invalid quoted type constraints",
                            "Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. \(fix)",
                            at: e.range)
            return .any
        }
        let expr = StaticExpr.native(e, json: json)
        switch expr.asKeyword {
        case "list": return TypeConstraint(type: .list(.dynamic))
        case "map": return TypeConstraint(type: .map(.dynamic))
        default: break
        }
        let (tc, d) = TypeExpr.parse(expr)
        diags += d
        return tc
    }

    /// A literal default, with optional-attribute defaults applied and converted to the type.
    mutating func defaultValue(_ e: Expr, type: TypeConstraint, nullable: Bool) -> Value? {
        var bad = false
        for t in e.variables {
            diags += .error("Variables not allowed", "Variables may not be used here.", at: t.rootRange)
            bad = true
        }
        for call in Self.calls(in: e) {
            diags += .error("Function calls not allowed", "Functions may not be called here.", at: call)
            bad = true
        }
        if bad { return nil }
        let (v, d) = Evaluator.evaluate(e, in: EvalContext())
        diags += d
        if d.hasErrors { return nil }
        if v.isNull && !nullable {
            diags += .error("Invalid default value for variable", "A null default value is not valid when nullable=false.", at: e.range)
            return nil
        }
        do {
            return try Conversion.convert(type.defaults?.apply(to: v) ?? v, to: type.type)
        } catch {
            diags += .error("Invalid default value for variable",
                            "This default value is not compatible with the variable's type constraint: \(error.description).",
                            at: e.range)
            return nil
        }
    }

    /// A validation rule may refer only to its own variable, and its message must read as a
    /// sentence (Terraform 1.0's rules). False when the rule is unusable.
    mutating func checkValidation(_ rule: CheckRule, variable name: String) -> Bool {
        var good = 0
        var ok = true
        for t in rule.condition.variables {
            if t.root == "var", case .attr(let n, _)? = t.steps.first, n == name {
                good += 1
                continue
            }
            diags += .error("Invalid reference in variable validation",
                            "The condition for variable \"\(name)\" can only refer to the variable itself, using var.\(name).",
                            at: t.range)
            ok = false
        }
        if good == 0 {
            diags += .error("Invalid variable validation condition",
                            "The condition for variable \"\(name)\" must refer to var.\(name) in order to test incoming values.",
                            at: rule.condition.range)
            ok = false
        }
        if let m = rule.errorMessage, m.variables.isEmpty, let text = m.asStaticString {
            if text.isEmpty {
                diags += .error("Invalid validation error message", "An empty string is not a valid nor useful error message.", at: m.range)
                ok = false
            } else if !Self.looksLikeSentences(text) {
                diags += .error("Invalid validation error message",
                                "The validation error message must be at least one full sentence starting with an uppercase letter and ending with a period or question mark.\n\nYour given message will be included as part of a larger Terrace error message, written as English prose. For broadly-shared modules we suggest using a similar writing style so that the overall result will be consistent.",
                                at: m.range)
                ok = false
            }
        }
        return ok
    }

    /// Terraform's heuristic: a leading letter is uppercase, and the text ends with `.`, `?` or `!`.
    static func looksLikeSentences(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if first.properties.isAlphabetic && !first.properties.isUppercase { return false }
        return last == "." || last == "?" || last == "!"
    }
}
