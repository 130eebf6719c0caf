import TerraceBasics

/// A function's signature and implementation, as cty's `function.Spec`: parameters say
/// whether they accept null, unknown, dynamically typed and marked values; a type function
/// gives the result type (or rejects the arguments); the implementation computes the value.
public struct Function: Sendable {
    public struct Param: Sendable {
        public var name: String
        public var type: ValueType
        public var allowNull: Bool
        /// Whether the implementation is called with an unknown value here (otherwise the
        /// result is unknown of the function's type).
        public var allowUnknown: Bool
        /// Whether an argument of unknown type (`dynamic`) is checked by the type function
        /// (otherwise the result type is `dynamic` without calling it).
        public var allowDynamicType: Bool
        /// Whether the implementation sees sensitive marks (otherwise they are removed from the
        /// argument, deeply, and put on the result).
        public var allowMarked: Bool

        public init(_ name: String, _ type: ValueType, allowNull: Bool = false, allowUnknown: Bool = false,
                    allowDynamicType: Bool = false, allowMarked: Bool = false) {
            self.name = name
            self.type = type
            self.allowNull = allowNull
            self.allowUnknown = allowUnknown
            self.allowDynamicType = allowDynamicType
            self.allowMarked = allowMarked
        }
    }

    /// An error raised by a type function or implementation: a message, optionally about one
    /// argument (then reported as "Invalid value for … parameter").
    public struct Failure: Error, Sendable {
        public var message: String
        public var argument: Int?
        public init(_ message: String, argument: Int? = nil) {
            self.message = message
            self.argument = argument
        }
    }

    public typealias TypeFunction = @Sendable ([Value]) throws(Failure) -> ValueType
    public typealias Implementation = @Sendable ([Value], ValueType) throws(Failure) -> Value

    public var params: [Param]
    public var variadic: Param?
    public var type: TypeFunction
    public var impl: Implementation
    /// Set for `try` and `can`, which receive their argument expressions unevaluated.
    var takesExpressions: Bool = false

    public init(params: [Param], variadic: Param? = nil, type: @escaping TypeFunction, impl: @escaping Implementation) {
        self.params = params
        self.variadic = variadic
        self.type = type
        self.impl = impl
    }

    /// A function with a fixed result type.
    public init(params: [Param], variadic: Param? = nil, returns: ValueType,
                impl: @escaping @Sendable ([Value]) throws(Failure) -> Value) {
        self.init(params: params, variadic: variadic, type: { _ in returns }, impl: { args, _ throws(Failure) in try impl(args) })
    }

    /// A function whose result type is only known from its values (`dynamic` until called).
    public init(params: [Param], variadic: Param? = nil, returnType: @escaping @Sendable ([Value]) -> ValueType,
                impl: @escaping @Sendable ([Value]) throws(Failure) -> Value) {
        self.init(params: params, variadic: variadic, type: { args in returnType(args) },
                  impl: { args, _ throws(Failure) in try impl(args) })
    }

    func param(_ i: Int) -> Param? { i < params.count ? params[i] : variadic }

    /// cty's `ReturnTypeForValues`.
    func returnType(_ args: [Value]) -> Result<ValueType, Failure> {
        var checked = args
        for (i, v) in args.enumerated() {
            guard let p = param(i) else { break }
            if !p.allowMarked && v.containsSensitive { checked[i] = v.unmarkedDeep }
            if v.isNull && !p.allowNull { return .failure(Failure("argument must not be null", argument: i)) }
            if v.type == .dynamic && !p.allowDynamicType { return .success(.dynamic) }
        }
        do {
            return .success(try type(checked))
        } catch {
            return .failure(error)
        }
    }

    /// cty's `Call`: arguments already converted to their parameter types.
    public func call(_ args: [Value], _ ctx: EvalContext = EvalContext()) -> Result<Value, Failure> {
        let expected: ValueType
        switch returnType(args) {
        case .success(let t): expected = t
        case .failure(let f): return .failure(f)
        }
        var plain = args
        var marked = false
        for (i, v) in args.enumerated() {
            guard let p = param(i) else { break }
            if !v.isKnown && !p.allowUnknown { return .success(.unknown(expected)) }
            if !p.allowMarked && v.containsSensitive {
                plain[i] = v.unmarkedDeep
                marked = true
            }
        }
        do {
            var result = try impl(plain, expected)
            if marked { result.sensitive = true }
            return .success(result)
        } catch {
            return .failure(error)
        }
    }
}

/// The table of functions available to expressions.
public struct FunctionTable: Sendable {
    public var functions: [String: Function]
    public init(_ functions: [String: Function] = [:]) { self.functions = functions }
    public subscript(name: String) -> Function? {
        get { functions[name] }
        set { functions[name] = newValue }
    }
    public var names: [String] { functions.keys.sorted() }
}
