/// `yamlencode` and `yamldecode` (cty-yaml).
extension Builtins {
    static let yamlFunctions: [String: Function] = [
        "yamlencode": Function(params: [.init("value", .dynamic, allowNull: true, allowDynamicType: true)], returns: .string) { args throws(Function.Failure) in
            guard args[0].isWhollyKnown else { return .unknown(.string) }
            do throws(YAMLEncoder.Failure) { return .string(try YAMLEncoder.encode(args[0])) } catch { throw Function.Failure(error.message) }
        },
        "yamldecode": Function(
            params: [.init("src", .string)],
            type: { args throws(Function.Failure) in
                guard args[0].isKnown else { return .dynamic }
                do throws(YAMLDecoder.Failure) { return try YAMLDecoder.decode(str(args[0])).type } catch { throw Function.Failure(error.message) }
            },
            impl: { args, ret throws(Function.Failure) in
                if ret == .dynamic && !args[0].isKnown { return .dynamicUnknown }
                do throws(YAMLDecoder.Failure) { return try YAMLDecoder.decode(str(args[0])) } catch { throw Function.Failure(error.message) }
            }),
    ]
}
