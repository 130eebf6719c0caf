/// Type conversion functions (`tostring` … `toset`, Terraform's `MakeToFunc`), `try` and `can`,
/// and the sensitivity functions.
extension Builtins {
    static func converter(_ want: ValueType) -> Function {
        Function(
            params: [.init("v", .dynamic, allowNull: true, allowMarked: true)],
            type: { args throws(Function.Failure) in
                let got = args[0].type
                if got == want || Conversion.canConvert(from: got, to: want) { return want }
                switch (got, want) {
                case (.tuple, .tuple):
                    throw Function.Failure("incompatible tuple type for conversion: \(Conversion.mismatchMessage(got, want))", argument: 0)
                case (.object, .object):
                    throw Function.Failure("incompatible object type for conversion: \(Conversion.mismatchMessage(got, want))", argument: 0)
                default:
                    throw Function.Failure("cannot convert \(got.description) to \(want.constraintName)", argument: 0)
                }
            },
            impl: { args, ret throws(Function.Failure) in
                let v = args[0]
                do throws(Conversion.Failure) {
                    return try Conversion.convert(v, to: ret)
                } catch {
                    let got = v.type
                    if v.containsSensitive {
                        throw Function.Failure("cannot convert this sensitive \(got.description) to \(want.constraintName)", argument: 0)
                    }
                    switch (got, want) {
                    case (.string, .bool):
                        let what = v.stringValue.map(GoQuote.quote) ?? "string"
                        throw Function.Failure("cannot convert \(what) to bool; only the strings \"true\" or \"false\" are allowed", argument: 0)
                    case (.string, .number):
                        let what = v.stringValue.map(GoQuote.quote) ?? "string"
                        throw Function.Failure("cannot convert \(what) to number; given string must be a decimal representation of a number", argument: 0)
                    default:
                        throw Function.Failure("cannot convert \(got.description) to \(want.constraintName)", argument: 0)
                    }
                }
            })
    }

    static func expressionFunction(_ params: [Function.Param], variadic: Function.Param?) -> Function {
        var f = Function(params: params, variadic: variadic, returns: .dynamic) { _ throws(Function.Failure) in .dynamicUnknown }
        f.takesExpressions = true
        return f
    }

    static let conversionFunctions: [String: Function] = [
        "tostring": converter(.string),
        "tonumber": converter(.number),
        "tobool": converter(.bool),
        "tolist": converter(.list(.dynamic)),
        "toset": converter(.set(.dynamic)),
        "tomap": converter(.map(.dynamic)),
        "try": expressionFunction([], variadic: .init("expressions", .dynamic)),
        "can": expressionFunction([.init("expression", .dynamic)], variadic: nil),
        "sensitive": Function(
            params: [.init("value", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
            type: { args in args[0].type },
            impl: { args, _ in args[0].marked() }),
        "nonsensitive": Function(
            params: [.init("value", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
            type: { args in args[0].type },
            impl: { args, _ throws(Function.Failure) in
                var v = args[0]
                if v.isKnown && !v.sensitive {
                    throw Function.Failure("the given value is not sensitive, so this call is redundant", argument: 0)
                }
                v.sensitive = false
                return v
            }),
    ]
}
