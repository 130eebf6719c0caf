import TerraceHCL

/// What an expression can see: root variables (`var`, `local`, `aws_vpc`, `count`, `each`, …)
/// and functions. Child scopes add names for `for` expressions and splats.
public struct EvalContext: Sendable {
    public var variables: [String: Value]
    public var functions: FunctionTable

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
