extension Builtins {
    static let stringFunctions: [String: Function] = [
        "upper": Function(params: [.init("str", .string)], returns: .string) { args throws(Function.Failure) in
            .string(args[0].stringValue!.uppercased())
        },
        "lower": Function(params: [.init("str", .string)], returns: .string) { args throws(Function.Failure) in
            .string(args[0].stringValue!.lowercased())
        },
        "join": Function(params: [.init("separator", .string)], variadic: .init("lists", .list(.string)), returns: .string) { args throws(Function.Failure) in
            var parts: [String] = []
            for l in args.dropFirst() {
                for e in l.elements ?? [] {
                    guard let s = e.stringValue else { throw Function.Failure("element must not be null.") }
                    parts.append(s)
                }
            }
            return .string(parts.joined(separator: args[0].stringValue!))
        },
    ]
}
