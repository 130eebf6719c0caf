import TerraceBasics
import TerraceLang

/// Values with unknowns and sensitive marks as JSON, for saved plans. A known value is its
/// plain JSON; unknown and sensitive wrap it in marker objects; the type is written once
/// beside the value, so decoding is exact.
public enum ValueWire {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }

    static let unknownKey = "__terrace_unknown__"
    static let sensitiveKey = "__terrace_sensitive__"

    public static func encode(_ v: Value) -> JSON {
        let inner: JSON
        switch v.kind {
        case .unknown: inner = .object([(unknownKey, .bool(true))])
        case .null: inner = .null
        case .bool(let b): inner = .bool(b)
        case .number(let n): inner = .string(n.description)
        case .string(let s): inner = .string(s)
        case .list(let items, _), .set(let items, _), .tuple(let items): inner = .array(items.map(encode))
        case .map(let m, _), .object(let m): inner = .sortedObject(m.mapValues(encode))
        }
        return v.sensitive ? .object([(sensitiveKey, inner)]) : inner
    }

    /// Encodes with its type: `{"type": …, "value": …}`.
    public static func encodeTyped(_ v: Value?) -> JSON {
        guard let v else { return .null }
        return .object([("type", ValueJSON.encodeType(v.type)), ("value", encode(v))])
    }

    public static func decodeTyped(_ j: JSON) throws(ValueWire.Failure) -> Value? {
        if j.isNull { return nil }
        guard let t = j["type"], let v = j["value"] else { throw ValueWire.Failure("a typed value needs \"type\" and \"value\"") }
        let type: ValueType
        do { type = try ValueJSON.decodeType(t) } catch { throw Failure("invalid type description") }
        return try decode(v, as: type)
    }

    public static func decode(_ j: JSON, as type: ValueType) throws(ValueWire.Failure) -> Value {
        if case .object(let m) = j, m.count == 1 {
            if m[0].0 == sensitiveKey { return try decode(m[0].1, as: type).marked() }
            if m[0].0 == unknownKey { return .unknown(type) }
        }
        if j.isNull { return .null(type) }
        switch type {
        case .dynamic:
            // Only happens for values whose dynamic type was recorded; decode structurally.
            switch j {
            case .bool(let b): return .bool(b)
            case .string(let s): return .string(s)
            case .array(let items):
                var out: [Value] = []
                for i in items { out.append(try decode(i, as: .dynamic)) }
                return .tuple(out)
            case .object(let m):
                var out: [String: Value] = [:]
                for (k, v) in m { out[k] = try decode(v, as: .dynamic) }
                return .object(out)
            default: throw ValueWire.Failure("unexpected value")
            }
        case .bool:
            guard case .bool(let b) = j else { throw ValueWire.Failure("bool expected") }
            return .bool(b)
        case .number:
            guard case .string(let s) = j, let n = Number(parsing: s) ?? (s == "+Inf" ? .positiveInfinity : s == "-Inf" ? .negativeInfinity : nil) else {
                throw ValueWire.Failure("number expected")
            }
            return .number(n)
        case .string:
            guard case .string(let s) = j else { throw ValueWire.Failure("string expected") }
            return .string(s)
        case .list(let e), .set(let e):
            guard case .array(let items) = j else { throw ValueWire.Failure("array expected") }
            var out: [Value] = []
            for i in items { out.append(try decode(i, as: e)) }
            if case .set = type { return Value(.set(Value.canonicalSet(out), element: e)) }
            return Value(.list(out, element: e))
        case .map(let e):
            guard case .object(let m) = j else { throw ValueWire.Failure("object expected") }
            var out: [String: Value] = [:]
            for (k, v) in m { out[k] = try decode(v, as: e) }
            return Value(.map(out, element: e))
        case .tuple(let ts):
            guard case .array(let items) = j, items.count == ts.count else { throw ValueWire.Failure("tuple expected") }
            var out: [Value] = []
            for (i, t) in zip(items, ts) { out.append(try decode(i, as: t)) }
            return .tuple(out)
        case .object(let attrs, _):
            guard case .object(let m) = j else { throw ValueWire.Failure("object expected") }
            var d: [String: JSON] = [:]
            for (k, v) in m { d[k] = v }
            var out: [String: Value] = [:]
            for (k, t) in attrs { out[k] = try decode(d[k] ?? .null, as: t) }
            return .object(out)
        }
    }
}
