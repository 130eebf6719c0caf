extension Builtins {
    static func converter(_ param: String, _ target: ValueType) -> Function {
        Function(params: [.init(param, .dynamic, allowNull: true)], returns: target) { args throws(Function.Failure) in
            do {
                return try Conversion.convert(args[0], to: target)
            } catch {
                throw Function.Failure("cannot convert \(args[0].type.friendlyName) to \(target.friendlyName).", argument: 0)
            }
        }
    }

    static let conversionFunctions: [String: Function] = [
        "tostring": converter("v", .string),
        "tonumber": converter("v", .number),
        "tobool": converter("v", .bool),
        "tolist": converter("v", .list(.dynamic)),
        "toset": converter("v", .set(.dynamic)),
        "tomap": converter("v", .map(.dynamic)),
    ]
}
