import Foundation
import TerraceBasics
import TerraceHCL
import TerraceLang

/// A value given for a root module variable, and where it came from.
public struct VariableInput: Sendable {
    public enum Source: Sendable {
        case environment
        case file(String)
        case commandLine
    }
    public var value: Value
    public var source: Source
    public var range: SourceRange?
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

    /// Raw values, later sources overriding earlier ones: `TF_VAR_*`, `terraform.tfvars`,
    /// `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then the arguments.
    public func collect(_ args: [VariableArgument]) -> ([String: VariableInput], Diagnostics) {
        var diags = Diagnostics()
        var values: [String: VariableInput] = [:]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) where k.hasPrefix("TF_VAR_") {
            let name = String(k.dropFirst(7))
            guard let decl = module.variables[name] else { continue }
            let (value, d) = parseRaw(v, for: decl, what: "environment variable \(k)")
            diags += d
            values[name] = VariableInput(value: value, source: .environment, range: nil)
        }
        var files = ["terraform.tfvars", "terraform.tfvars.json"].filter { FileSystem.exists(path($0)) }
        files += FileSystem.list(workingDir).filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }
        for f in files { diags += loadFile(f, into: &values, explicit: false) }
        for arg in args {
            switch arg {
            case .file(let f):
                diags += loadFile(f, into: &values, explicit: true)
            case .variable(let name, let raw):
                guard let decl = module.variables[name] else {
                    diags += .error("Value for undeclared variable",
                                    "A variable named \"\(name)\" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a \"variable\" block to the configuration.")
                    continue
                }
                let (value, d) = parseRaw(raw, for: decl, what: "-var \(name)")
                diags += d
                values[name] = VariableInput(value: value, source: .commandLine, range: nil)
            }
        }
        return (values, diags)
    }

    func path(_ f: String) -> String { f.hasPrefix("/") ? f : (workingDir as NSString).appendingPathComponent(f) }

    /// `-var` and `TF_VAR_` values are literal strings for string (or untyped) variables and
    /// HCL expressions otherwise, as Terraform parses them.
    func parseRaw(_ raw: String, for decl: Variable, what: String) -> (Value, Diagnostics) {
        if !decl.typeGiven || decl.type.type == .string { return (.string(raw), Diagnostics()) }
        let (expr, d) = Parser.parseExpression(raw, filename: "<value for var.\(decl.name)>", sources: sources)
        if d.hasErrors { return (.dynamicUnknown, d) }
        let (v, ed) = Evaluator.evaluate(expr, in: EvalContext())
        return (v, ed)
    }

    func loadFile(_ f: String, into values: inout [String: VariableInput], explicit: Bool) -> Diagnostics {
        var diags = Diagnostics()
        let full = path(f)
        guard let bytes = try? FileSystem.read(full) else {
            diags += .error("Failed to read variables file", "Given variables file \(f) does not exist.")
            return diags
        }
        let (file, pd) = f.hasSuffix(".json") ? JSONSyntax.parse(bytes, filename: f, sources: sources)
                                              : Parser.parse(bytes, filename: f, sources: sources)
        diags += pd
        for b in file.body.blocks {
            diags += .error("Unexpected \"\(b.type)\" block", "Blocks are not allowed here.", at: b.typeRange)
        }
        for attr in file.body.attributes {
            guard module.variables[attr.name] != nil else {
                diags += .warning("Value for undeclared variable",
                                  "The root module does not declare a variable named \"\(attr.name)\" but a value was found in file \"\(f)\". If you meant to use this value, add a \"variable\" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain \"global\" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.",
                                  at: attr.nameRange)
                continue
            }
            let (v, d) = Evaluator.evaluate(attr.expr, in: EvalContext())
            if d.hasErrors {
                diags += .error("Variables not allowed", "Variables may not be used here.", at: attr.expr.range)
                continue
            }
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
            let decl = module.variables[name]!
            var value: Value
            var range = decl.declRange
            if let input = inputs[name] {
                range = input.range ?? decl.declRange
                value = input.value
                if value.isNull && !decl.nullable {
                    diags += .error("Required variable not set", "The variable \"\(name)\" is required, but the given value is null.", at: range)
                    continue
                }
                if value.isNull, let d = decl.defaultValue { value = d }
                if let defaults = decl.type.defaults { value = defaults.apply(to: value) }
                do {
                    value = try Conversion.convert(value, to: decl.type.type)
                } catch {
                    diags += .error("Invalid value for input variable",
                                    "The given value is not suitable for var.\(name) declared at \(decl.declRange.filename):\(decl.declRange.start.line),\(decl.declRange.start.column)-\(decl.declRange.end.column): \(error.description).",
                                    at: input.range)
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

    /// Evaluates a variable's validation rules with only `var.<name>` in scope.
    public static func validate(_ decl: Variable, _ value: Value, range: SourceRange, functions: FunctionTable) -> Diagnostics {
        var diags = Diagnostics()
        let ctx = EvalContext(variables: ["var": .object([decl.name: value])], functions: functions)
        for rule in decl.validations {
            let (c, d) = Evaluator.evaluate(rule.condition, in: ctx)
            diags += d
            if d.hasErrors || !c.isKnown { continue }
            guard let ok = (try? Conversion.convert(c, to: .bool))?.boolValue else {
                diags += .error("Invalid validation result", "Validation condition expression must return either true or false.", at: rule.condition.range)
                continue
            }
            if !ok {
                var message = "This check failed, but has an invalid error message as described in the other accompanying messages."
                if let m = rule.errorMessage {
                    let (mv, _) = Evaluator.evaluate(m, in: ctx)
                    if let s = mv.stringValue { message = s }
                }
                diags += .error("Invalid value for variable",
                                "\(message)\n\nThis was checked by the validation rule at \(rule.range.filename):\(rule.range.start.line),\(rule.range.start.column)-\(rule.range.end.line),\(rule.range.end.column).",
                                at: range)
            }
        }
        return diags
    }
}
