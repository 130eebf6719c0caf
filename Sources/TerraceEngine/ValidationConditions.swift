import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang

/// Custom conditions of resources and data sources (`precondition`, `postcondition`), checked
/// while planning as Terraform 1.2 checks them: a condition whose result is not yet known
/// waits, a false one fails the plan with the rule's own message at the condition.
enum ConditionChecks {
    enum Kind: String {
        case resourcePrecondition = "Resource precondition"
        case resourcePostcondition = "Resource postcondition"
    }

    /// Evaluates `rules` in a module instance's scope (with `count`/`each` in `scope.extras`,
    /// and `self` for postconditions).
    static func check(_ rules: [CheckRule], _ kind: Kind, scope: Scope, selfValue: Value? = nil) -> Diagnostics {
        var diags = Diagnostics()
        for rule in rules {
            let refs = rule.condition.variables + (rule.errorMessage?.variables ?? [])
            var ctx = scope.context(for: refs.filter { $0.root != "self" })
            if let selfValue { ctx = ctx.adding(["self": selfValue]) }
            let (c, d) = Evaluator.evaluate(rule.condition, in: ctx)
            diags += d
            if d.hasErrors || !c.isKnown { continue }
            if c.isNull {
                diags += .error("Invalid condition result", "Condition expression must return either true or false, not null.", at: rule.condition.range)
                continue
            }
            guard let ok = (try? Conversion.convert(c.unmarkedDeep, to: .bool))?.boolValue else {
                diags += .error("Invalid condition result", "Invalid condition result value: a bool is required.", at: rule.condition.range)
                continue
            }
            if ok { continue }
            var message = "This check failed, but has an invalid error message as described in the other accompanying messages."
            if let m = rule.errorMessage {
                let (mv, md) = Evaluator.evaluate(m, in: ctx)
                diags += md
                if let s = (try? Conversion.convert(mv.unmarkedDeep, to: .string))?.stringValue { message = s }
            }
            diags += .error("\(kind.rawValue) failed", message, at: rule.condition.range)
        }
        return diags
    }
}
