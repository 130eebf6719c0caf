import TerraceHCL

/// What an expression can see: root variables (`var`, `local`, `aws_vpc`, `count`, `each`, …)
/// and functions. Child scopes add names for `for` expressions and splats.
public struct EvalContext: Sendable {
    public var variables: [String: Value]
    /// The functions expressions may call; an empty table means calls are not allowed here
    /// (hcl's nil function map), as in variable defaults.
    public var functions: FunctionTable
    /// The element a splat expression is visiting (hcl's anonymous symbol).
    var splatItem: Value?

    public init(variables: [String: Value] = [:], functions: FunctionTable = FunctionTable()) {
        self.variables = variables
        self.functions = functions
    }

    public func adding(_ names: [String: Value]) -> EvalContext {
        var c = self
        for (k, v) in names { c.variables[k] = v }
        return c
    }
}
