/// `regex` and `regexall` (cty's stdlib): the result's type follows the pattern's capture
/// groups — a string without groups, a tuple for unnamed groups, an object for named ones.
extension Builtins {
    static func compile(_ pattern: String) throws(Function.Failure) -> GoRegexp {
        do {
            return try GoRegexp(pattern)
        } catch {
            throw Function.Failure("invalid regexp pattern: \(error.code) in \(error.expr)", argument: 0)
        }
    }

    static func resultType(_ re: GoRegexp) throws(Function.Failure) -> ValueType {
        let named = re.groupNames.compactMap { $0 }
        let unnamed = re.groupNames.count - named.count
        switch (unnamed, named.count) {
        case (0, 0): return .string
        case (let u, let n) where u > 0 && n > 0:
            throw Function.Failure("invalid regexp pattern: cannot mix both named and unnamed capture groups", argument: 0)
        case (let u, _) where u > 0: return .tuple(Array(repeating: .string, count: u))
        default: return .object(Dictionary(named.map { ($0, ValueType.string) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    static func result(_ re: GoRegexp, _ input: [Unicode.Scalar], _ m: [Int], _ type: ValueType) -> Value {
        func text(_ g: Int) -> Value {
            guard m[2 * g] >= 0 else { return .null(.string) }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: input[m[2 * g]..<m[2 * g + 1]])
            return .string(String(s))
        }
        switch type {
        case .tuple(let ts): return .tuple((1...max(1, ts.count)).prefix(ts.count).map(text))
        case .object:
            var out: [String: Value] = [:]
            for (i, name) in re.groupNames.enumerated() { if let name { out[name] = text(i + 1) } }
            return .object(out)
        default: return text(0)
        }
    }

    static let regexFunctions: [String: Function] = [
        "regex": Function(
            params: [.init("pattern", .string), .init("string", .string)],
            type: { args throws(Function.Failure) in
                guard let p = args[0].stringValue, args[0].isKnown else { return .dynamic }
                return try resultType(try compile(p))
            },
            impl: { args, ret throws(Function.Failure) in
                if ret == .dynamic { return .dynamicUnknown }
                let re = try compile(str(args[0]))
                let input = Array(str(args[1]).unicodeScalars)
                guard let m = re.match(input, from: 0) else {
                    throw Function.Failure("pattern did not match any part of the given string")
                }
                return result(re, input, m, ret)
            }),
        "regexall": Function(
            params: [.init("pattern", .string), .init("string", .string)],
            type: { args throws(Function.Failure) in
                guard let p = args[0].stringValue, args[0].isKnown else { return .list(.dynamic) }
                return .list(try resultType(try compile(p)))
            },
            impl: { args, ret throws(Function.Failure) in
                let ety = ret.elementType ?? .dynamic
                if ety == .dynamic { return .dynamicUnknown }
                let re = try compile(str(args[0]))
                let input = Array(str(args[1]).unicodeScalars)
                let all = re.allMatches(input)
                return Value(.list(all.map { result(re, input, $0, ety) }, element: ety))
            }),
    ]
}
