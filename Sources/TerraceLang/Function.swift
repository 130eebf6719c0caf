import TerraceBasics

/// A built-in function's signature and implementation, as cty's `function.Spec`.
public struct Function: Sendable {
    public struct Param: Sendable {
        public var name: String
        public var type: ValueType
        public var allowNull: Bool
        /// Whether the implementation is called with unknown values (otherwise the result is unknown).
        public var allowUnknown: Bool
        public init(_ name: String, _ type: ValueType, allowNull: Bool = false, allowUnknown: Bool = false) {
            self.name = name
            self.type = type
            self.allowNull = allowNull
            self.allowUnknown = allowUnknown
        }
    }

    /// An error raised by an implementation: a message, optionally about one argument.
    public struct Failure: Error, Sendable {
        public var message: String
        public var argument: Int?
        public init(_ message: String, argument: Int? = nil) {
            self.message = message
            self.argument = argument
        }
    }

    public var params: [Param]
    public var variadic: Param?
    /// The result type when some argument is unknown (the result is then unknown of this type).
    public var returnType: @Sendable ([Value]) -> ValueType
    public var impl: @Sendable ([Value]) throws(Failure) -> Value
    /// Whether the implementation handles sensitive marks itself (otherwise marks are removed
    /// from the arguments and the result is marked if any argument was).
    public var handlesMarks: Bool

    public init(params: [Param], variadic: Param? = nil, returns: ValueType,
                handlesMarks: Bool = false,
                impl: @escaping @Sendable ([Value]) throws(Failure) -> Value) {
        self.params = params
        self.variadic = variadic
        self.returnType = { _ in returns }
        self.impl = impl
        self.handlesMarks = handlesMarks
    }

    public init(params: [Param], variadic: Param? = nil, returnType: @escaping @Sendable ([Value]) -> ValueType,
                handlesMarks: Bool = false,
                impl: @escaping @Sendable ([Value]) throws(Failure) -> Value) {
        self.params = params
        self.variadic = variadic
        self.returnType = returnType
        self.impl = impl
        self.handlesMarks = handlesMarks
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

extension Function {
    /// Checks arity, converts arguments, handles unknowns and marks, then calls the implementation.
    func call(name: String, args: [Value], argRanges: [SourceRange], callRange: SourceRange) throws(Diagnostic) -> Value {
        if args.count < params.count {
            let missing = params[args.count]
            throw Diagnostic.error("Not enough function arguments",
                "Function \"\(name)\" expects \(params.count) argument(s). Missing value for \"\(missing.name)\".",
                at: callRange)
        }
        if args.count > params.count && variadic == nil {
            throw Diagnostic.error("Too many function arguments",
                "Function \"\(name)\" expects only \(params.count) argument(s).",
                at: argRanges[params.count])
        }
        var converted: [Value] = []
        var anyUnknown = false
        var sensitive = false
        for (i, arg) in args.enumerated() {
            let param = i < params.count ? params[i] : variadic!
            let range = i < argRanges.count ? argRanges[i] : callRange
            if arg.isNull && !param.allowNull {
                throw Diagnostic.error("Invalid function argument",
                    "Invalid value for \"\(param.name)\" parameter: argument must not be null.", at: range)
            }
            var v = arg
            do {
                v = try Conversion.convert(arg, to: param.type)
            } catch {
                throw Diagnostic.error("Invalid function argument",
                    "Invalid value for \"\(param.name)\" parameter: \(error.description).", at: range)
            }
            if !handlesMarks {
                if v.containsSensitive { sensitive = true }
                v = v.unmarkedDeep
            }
            if !param.allowUnknown && !v.isWhollyKnown { anyUnknown = true }
            converted.append(v)
        }
        if anyUnknown {
            return Value(.unknown(returnType(converted)), sensitive: sensitive)
        }
        do {
            let result = try impl(converted)
            return sensitive ? result.marked() : result
        } catch {
            if let i = error.argument, i < argRanges.count {
                let param = i < params.count ? params[i] : (variadic ?? params[params.count - 1])
                throw Diagnostic.error("Invalid function argument",
                    "Invalid value for \"\(param.name)\" parameter: \(error.message)", at: argRanges[i])
            }
            throw Diagnostic.error("Error in function call",
                "Call to function \"\(name)\" failed: \(error.message)", at: callRange)
        }
    }
}
