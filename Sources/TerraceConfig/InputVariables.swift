import Foundation
import TerraceBasics
import TerraceHCL
import TerraceLang

/// A value given for a root module variable, and where it came from.
public struct VariableInput: Sendable {
    public enum Source: Sendable, Equatable {
        case environment
        case file(String)
        case commandLine
    }
    public var value: Value
    public var source: Source
    public var range: SourceRange?

    public init(value: Value, source: Source, range: SourceRange?) {
        self.value = value
        self.source = source
        self.range = range
    }
}

/// One `-var` or `-var-file` argument, in command-line order.
public enum VariableArgument: Sendable, Hashable {
    case variable(name: String, value: String)
    case file(String)
}

/// Collects root module variable values from the environment, tfvars files and the command
/// line with Terraform's precedence, then checks them against the declarations.
public struct InputVariables {
    public var module: Module
    public var workingDir: String
    public var environment: [String: String]
    public var sources: SourceFiles

    public init(module: Module, workingDir: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                sources: SourceFiles = .shared) {
        self.module = module
        self.workingDir = workingDir
        self.environment = environment
        self.sources = sources
    }

    /// The files Terraform loads without being asked, in precedence order: `terraform.tfvars`,
    /// `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order.
    public func automaticFiles() -> [String] {
        var files = ["terraform.tfvars", "terraform.tfvars.json"].filter { FileSystem.exists(path($0)) }
        files += FileSystem.list(workingDir).filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
        return files
    }

    /// Raw values, later sources overriding earlier ones: `TF_VAR_*`, the automatic files,
    /// then the `-var` and `-var-file` arguments in command-line order.
    public func collect(_ args: [VariableArgument]) -> ([String: VariableInput], Diagnostics) {
        var diags = Diagnostics()
        var values: [String: VariableInput] = [:]
        // Undeclared names in environment variables are ignored: they are often set globally.
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) where k.hasPrefix("TF_VAR_") {
            let name = String(k.dropFirst(7))
            guard let decl = module.variables[name] else { continue }
            let (value, d) = parseRaw(v, for: decl, what: "TF_VAR_\(name)")
            diags += d
            values[name] = VariableInput(value: value, source: .environment, range: nil)
        }
        var undeclared: [(String, String, SourceRange)] = []
        for f in automaticFiles() { diags += loadFile(f, into: &values, undeclared: &undeclared) }
        for arg in args {
            switch arg {
            case .file(let f):
                diags += loadFile(f, into: &values, undeclared: &undeclared)
            case .variable(let name, let raw):
                guard let decl = module.variables[name] else {
                    diags += .error("Value for undeclared variable",
                                    "A variable named \"\(name)\" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a \"variable\" block to the configuration.")
                    continue
                }
                let (value, d) = parseRaw(raw, for: decl, what: "-var")
                diags += d
                values[name] = VariableInput(value: value, source: .commandLine, range: nil)
            }
        }
        // Two warnings in full, then a count of the rest, as Terraform does.
        for (name, file, range) in undeclared.prefix(2) {
            diags += .warning("Value for undeclared variable",
                              "The root module does not declare a variable named \"\(name)\" but a value was found in file \"\(file)\". If you meant to use this value, add a \"variable\" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain \"global\" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.",
                              at: range)
        }
        if undeclared.count > 2 {
            diags += .warning("Values for undeclared variables",
                              "In addition to the other similar warnings shown, \(undeclared.count - 2) other variable(s) defined without being declared.")
        }
        return (values, diags)
    }

    func path(_ f: String) -> String { f.hasPrefix("/") ? f : (workingDir as NSString).appendingPathComponent(f) }

    /// Values from `-var` and `TF_VAR_` are literal strings for variables of a primitive type
    /// (or none), converted later; for other types they are HCL expressions, as Terraform's
    /// `VariableParseLiteral` and `VariableParseHCL` modes.
    func parseRaw(_ raw: String, for decl: Variable, what: String) -> (Value, Diagnostics) {
        if !decl.typeGiven || decl.type.type.isPrimitive {
            return (.string(raw), Diagnostics())
        }
        let filename = "<value for var.\(decl.name)>"
        let (expr, d) = Parser.parseExpression(raw, filename: filename, sources: sources)
        if d.hasErrors { return (.dynamicUnknown, d) }
        let (v, ed) = Evaluator.evaluate(expr, in: EvalContext())
        return (v, ed)
    }

    func loadFile(_ f: String, into values: inout [String: VariableInput], undeclared: inout [(String, String, SourceRange)]) -> Diagnostics {
        var diags = Diagnostics()
        let full = path(f)
        guard let bytes = try? FileSystem.read(full) else {
            diags += .error("Failed to read variables file", "Given variables file \(f) does not exist.")
            return diags
        }
        var (file, pd) = f.hasSuffix(".json") ? JSONSyntax.parse(bytes, filename: f, sources: sources)
                                              : Parser.parse(bytes, filename: f, sources: sources)
        diags += pd
        file.body = file.body.resolvingJSON(JSONBlockHints(blockTypes: [:]))
        for b in file.body.blocks {
            diags += .error("Unexpected \"\(b.type)\" block", "Blocks are not allowed here.", at: b.typeRange)
        }
        for attr in file.body.attributes {
            guard module.variables[attr.name] != nil else {
                undeclared.append((attr.name, f, attr.nameRange))
                continue
            }
            var bad = false
            for t in attr.expr.variables {
                diags += .error("Variables not allowed", "Variables may not be used here.", at: t.rootRange)
                bad = true
            }
            for call in ModuleDecoder.calls(in: attr.expr) {
                diags += .error("Function calls not allowed", "Functions may not be called here.", at: call)
                bad = true
            }
            if bad { continue }
            let (v, d) = Evaluator.evaluate(attr.expr, in: EvalContext())
            diags += d
            if d.hasErrors { continue }
            values[attr.name] = VariableInput(value: v, source: .file(f), range: attr.expr.range)
        }
        return diags
    }

    /// Final values for every declared variable: defaults applied, converted to the declared
    /// type, required ones checked and validation rules evaluated.
    public func finalize(_ inputs: [String: VariableInput], functions: FunctionTable) -> ([String: Value], Diagnostics) {
        var diags = Diagnostics()
        var out: [String: Value] = [:]
        for name in module.variables.keys.sorted() {
            guard let decl = module.variables[name] else { continue }
            var value: Value
            var range = decl.declRange
            if let input = inputs[name] {
                range = input.range ?? decl.declRange
                value = input.value
                // A given null stays null (Terraform 1.0 does the same), unless the variable is
                // not nullable: then its default replaces it, and without one it is missing.
                if value.isNull && !decl.nullable {
                    guard let d = decl.defaultValue else {
                        diags += .error("Required variable not set", "The variable \"\(name)\" is required, but the given value is null.", at: range)
                        continue
                    }
                    value = d
                }
                if let defaults = decl.type.defaults { value = defaults.apply(to: value) }
                do {
                    value = try Conversion.convert(value, to: decl.type.type)
                } catch {
                    diags += Self.conversionError(name, input, error)
                    continue
                }
            } else if let d = decl.defaultValue {
                value = d
            } else {
                diags += .error("No value for required variable",
                                "The root module input variable \"\(name)\" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.",
                                at: decl.declRange)
                continue
            }
            if decl.sensitive { value = value.marked() }
            diags += Self.validate(decl, value, range: range, functions: functions)
            out[name] = value
        }
        return (out, diags)
    }

    /// Terraform's message for a value of the wrong type, which depends on where it came from.
    static func conversionError(_ name: String, _ input: VariableInput, _ error: Conversion.Failure) -> Diagnostic {
        switch input.source {
        case .file:
            return .error("Invalid value for input variable",
                          "The given value is not valid for variable \"\(name)\": \(error.description).", at: input.range)
        case .environment:
            return .error("Invalid value for input variable",
                          "The environment variable TF_VAR_\(name) does not contain a valid value for variable \"\(name)\": \(error.description).")
        case .commandLine:
            return .error("Invalid value for input variable",
                          "The argument -var=\"\(name)=...\" does not contain a valid value for variable \"\(name)\": \(error.description).")
        }
    }

    /// Evaluates a variable's validation rules with only `var.<name>` in scope. Failures are
    /// reported at `range`: where the value was given, or the declaration for defaults.
    public static func validate(_ decl: Variable, _ value: Value, range: SourceRange, functions: FunctionTable) -> Diagnostics {
        var diags = Diagnostics()
        let ctx = EvalContext(variables: ["var": .object([decl.name: value])], functions: functions)
        for rule in decl.validations {
            let (c, d) = Evaluator.evaluate(rule.condition, in: ctx)
            diags += d
            if d.hasErrors || !c.isKnown { continue }
            if c.isNull {
                diags += .error("Invalid validation result", "Validation condition expression must return either true or false, not null.", at: rule.condition.range)
                continue
            }
            guard let ok = (try? Conversion.convert(c, to: .bool))?.boolValue else {
                diags += .error("Invalid validation result", "Validation condition expression must return either true or false.", at: rule.condition.range)
                continue
            }
            if !ok {
                var message = "This check failed, but has an invalid error message as described in the other accompanying messages."
                if let m = rule.errorMessage {
                    let (mv, md) = Evaluator.evaluate(m, in: ctx)
                    diags += md
                    if let s = (try? Conversion.convert(mv.unmarkedDeep, to: .string))?.stringValue { message = s }
                }
                diags += .error("Invalid value for variable",
                                "\(message)\n\nThis was checked by the validation rule at \(rule.range.hclDescription).",
                                at: range)
            }
        }
        return diags
    }
}
