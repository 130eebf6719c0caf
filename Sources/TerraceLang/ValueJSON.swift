import TerraceBasics

/// Converts between values and JSON the way Terraform writes attributes in state and plans:
/// sets and tuples as arrays, maps and objects as objects with sorted keys. Decoding is guided
/// by a type; `.dynamic` infers tuples and objects, as `jsondecode` does.
public enum ValueJSON {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// JSON for a wholly known value (unknowns become null; callers mark them separately).
    public static func encode(_ v: Value) -> JSON {
        switch v.kind {
        case .null, .unknown: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n.description)
        case .string(let s): return .string(s)
        case .list(let items, _), .set(let items, _), .tuple(let items): return .array(items.map(encode))
        case .map(let items, _), .object(let items): return .sortedObject(items.mapValues(encode))
        }
    }

    public static func decode(_ j: JSON, as type: ValueType) throws(Failure) -> Value {
        switch type {
        case .dynamic:
            switch j {
            case .null: return .dynamicNull
            case .bool(let b): return .bool(b)
            case .number(let n):
                guard let num = Number(parsing: n) else { throw Failure(message: "invalid number \(n)") }
                return .number(num)
            case .string(let s): return .string(s)
            case .array(let items):
                var out: [Value] = []
                for i in items { out.append(try decode(i, as: .dynamic)) }
                return .tuple(out)
            case .object(let members):
                var out: [String: Value] = [:]
                for (k, v) in members { out[k] = try decode(v, as: .dynamic) }
                return .object(out)
            }
        default:
            if case .null = j { return .null(type) }
        }
        switch type {
        case .dynamic: return .dynamicNull
        case .bool:
            if case .bool(let b) = j { return .bool(b) }
            if case .string(let s) = j, s == "true" || s == "false" { return .bool(s == "true") }
            throw Failure(message: "bool required")
        case .number:
            if case .number(let n) = j, let num = Number(parsing: n) { return .number(num) }
            if case .string(let s) = j, let num = Number(parsing: s) { return .number(num) }
            throw Failure(message: "number required")
        case .string:
            switch j {
            case .string(let s): return .string(s)
            case .number(let n): return .string(n)
            case .bool(let b): return .string(b ? "true" : "false")
            default: throw Failure(message: "string required")
            }
        case .list(let e), .set(let e):
            guard case .array(let items) = j else { throw Failure(message: "\(type) required") }
            var out: [Value] = []
            for i in items { out.append(try decode(i, as: e)) }
            if case .set = type { return Value(.set(Value.canonicalSet(out), element: e)) }
            return Value(.list(out, element: e))
        case .map(let e):
            guard case .object(let members) = j else { throw Failure(message: "\(type) required") }
            var out: [String: Value] = [:]
            for (k, v) in members { out[k] = try decode(v, as: e) }
            return Value(.map(out, element: e))
        case .tuple(let ts):
            guard case .array(let items) = j, items.count == ts.count else { throw Failure(message: "tuple required") }
            var out: [Value] = []
            for (i, t) in zip(items, ts) { out.append(try decode(i, as: t)) }
            return .tuple(out)
        case .object(let attrs, _):
            guard case .object(let members) = j else { throw Failure(message: "object required") }
            var d: [String: JSON] = [:]
            for (k, v) in members { d[k] = v }
            var out: [String: Value] = [:]
            for (k, t) in attrs { out[k] = try decode(d[k] ?? .null, as: t) }
            return .object(out)
        }
    }

    /// The JSON type description Terraform writes for output values in state (`"string"`,
    /// `["list","string"]`, `["object",{"a":"number"}]`).
    public static func encodeType(_ t: ValueType) -> JSON {
        switch t {
        case .dynamic: return .string("dynamic")
        case .bool: return .string("bool")
        case .number: return .string("number")
        case .string: return .string("string")
        case .list(let e): return .array([.string("list"), encodeType(e)])
        case .set(let e): return .array([.string("set"), encodeType(e)])
        case .map(let e): return .array([.string("map"), encodeType(e)])
        case .tuple(let ts): return .array([.string("tuple"), .array(ts.map(encodeType))])
        case .object(let attrs, _): return .array([.string("object"), .sortedObject(attrs.mapValues(encodeType))])
        }
    }

    public static func decodeType(_ j: JSON) throws(Failure) -> ValueType {
        switch j {
        case .string("dynamic"): return .dynamic
        case .string("bool"): return .bool
        case .string("number"): return .number
        case .string("string"): return .string
        case .array(let parts) where parts.count == 2:
            switch parts[0] {
            case .string("list"): return .list(try decodeType(parts[1]))
            case .string("set"): return .set(try decodeType(parts[1]))
            case .string("map"): return .map(try decodeType(parts[1]))
            case .string("tuple"):
                guard case .array(let ts) = parts[1] else { break }
                var out: [ValueType] = []
                for t in ts { out.append(try decodeType(t)) }
                return .tuple(out)
            case .string("object"):
                guard case .object(let members) = parts[1] else { break }
                var out: [String: ValueType] = [:]
                for (k, v) in members { out[k] = try decodeType(v) }
                return .object(out)
            default: break
            }
        default: break
        }
        throw Failure(message: "invalid type description")
    }
}
