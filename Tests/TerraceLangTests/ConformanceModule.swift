import Foundation
import TerraceBasics
import TerraceHCL
import TerraceLang

/// The conformance module (`Conformance/module/main.tf`) as `terraform console` sees it:
/// variables without a value are unknown of their type, sensitive ones are marked, locals are
/// evaluated in dependency order; file functions work relative to the module directory.
enum ConformanceModule {
    static func session(moduleDir: String) -> ConsoleSession {
        let text = (try? String(contentsOfFile: moduleDir + "/main.tf", encoding: .utf8)) ?? ""
        let (file, _) = Parser.parse(text, filename: "main.tf", sources: nil)
        var variables: [String: Value] = [:]
        for block in file.body.blocks(ofType: "variable") {
            guard let name = block.labels.first else { continue }
            var type = ValueType.dynamic
            if let t = block.body.attribute("type") { type = TypeExpr.parse(t.expr).0.type }
            var value: Value = .unknown(type)
            if let d = block.body.attribute("default") {
                let (v, _) = Evaluator.evaluate(d.expr, in: EvalContext())
                value = (try? Conversion.convert(v, to: type)) ?? v
            }
            if let s = block.body.attribute("sensitive"), case .literal(.bool(true)) = s.expr.kind { value = value.marked() }
            variables[name] = value
        }
        let functions = Builtins.table(baseDir: moduleDir)
        var localExprs: [String: Expr] = [:]
        for block in file.body.blocks(ofType: "locals") {
            for attr in block.body.attributes { localExprs[attr.name] = attr.expr }
        }
        var locals: [String: Value] = [:]
        while locals.count < localExprs.count {
            let before = locals.count
            for (name, expr) in localExprs.sorted(by: { $0.key < $1.key }) where locals[name] == nil {
                let deps = expr.variables.compactMap { t -> String? in
                    guard t.root == "local", case .attr(let n, _)? = t.steps.first else { return nil }
                    return n
                }
                guard deps.allSatisfy({ locals[$0] != nil }) else { continue }
                let ctx = EvalContext(variables: ["var": .object(variables), "local": .object(locals)], functions: functions)
                locals[name] = Evaluator.evaluate(expr, in: ctx).0
            }
            if locals.count == before { break }
        }
        let scope = ModuleScope(variables: variables, locals: locals, functions: functions,
                                path: ["module": ".", "root": ".", "cwd": moduleDir])
        return ConsoleSession(scope: { expr in scope.context(for: expr) })
    }

    /// What `terraform console -no-color` prints for one line piped to it, and its exit status.
    static func run(_ session: ConsoleSession, _ line: String) -> (String, String, Int) {
        switch session.handle(line) {
        case .output(let s): return (s + "\n", "", 0)
        case .nothing: return ("\n", "", 0)
        case .exit: return ("", "", 0)
        case .failure(let diags):
            let r = DiagnosticRenderer(color: false, sources: SourceFiles())
            return ("", diags.map { r.render($0) + "\n" }.joined(), 1)
        }
    }
}
