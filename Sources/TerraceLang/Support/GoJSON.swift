import TerraceBasics

/// JSON as `jsondecode` reads it: Go's `encoding/json` decoder, with its error messages, into
/// cty values of the implied type (objects, tuples, strings, numbers, bools, null).
struct GoJSONDecoder {
    struct Failure: Error { var message: String }

    let bytes: [UInt8]
    var i = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    static func decode(_ text: String) throws(Failure) -> Value {
        var d = GoJSONDecoder(text)
        d.skipSpace()
        if d.i >= d.bytes.count { throw Failure(message: "EOF") }
        let v = try d.value()
        d.skipSpace()
        if d.i < d.bytes.count { throw Failure(message: "extraneous data after JSON object") }
        return v
    }

    /// Go's `quoteChar`: a byte in single quotes for error messages.
    static func quoteChar(_ c: UInt8) -> String {
        if c == 39 { return "'\\''" }
        if c == 34 { return "'\"'" }
        let q = GoQuote.quote(String(decoding: [c], as: UTF8.self))
        return "'" + q.dropFirst().dropLast() + "'"
    }

    mutating func skipSpace() {
        while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
    }

    func invalid(_ context: String) -> Failure {
        Failure(message: "invalid character \(Self.quoteChar(bytes[i])) \(context)")
    }

    mutating func value() throws(Failure) -> Value {
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "EOF") }
        switch bytes[i] {
        case 123: return try object()
        case 91: return try array()
        case 34: return .string(try string())
        case 116: try literal("true"); return .bool(true)
        case 102: try literal("false"); return .bool(false)
        case 110: try literal("null"); return .dynamicNull
        case 45, 48...57: return try number()
        default: throw invalid("looking for beginning of value")
        }
    }

    mutating func literal(_ word: String) throws(Failure) {
        for (k, c) in word.utf8.enumerated() {
            guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
            if bytes[i] != c {
                throw invalid("in literal \(word) (expecting \(Self.quoteChar(c)))")
            }
            _ = k
            i += 1
        }
    }

    mutating func number() throws(Failure) -> Value {
        let start = i
        if bytes[i] == 45 {
            i += 1
            guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
            guard (48...57).contains(bytes[i]) else { throw invalid("in numeric literal") }
        }
        if bytes[i] == 48 {
            i += 1
        } else {
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 46 {
            i += 1
            guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
            guard (48...57).contains(bytes[i]) else { throw invalid("after decimal point in numeric literal") }
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == 101 || bytes[i] == 69 {
            i += 1
            if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 { i += 1 }
            guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
            guard (48...57).contains(bytes[i]) else { throw invalid("in exponent of numeric literal") }
            while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let n = Number(parsing: text) else { throw Failure(message: "a number is required") }
        return .number(n)
    }

    mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
            let c = bytes[i]
            switch c {
            case 34:
                i += 1
                return String(decoding: out, as: UTF8.self)
            case 92:
                i += 1
                guard i < bytes.count else { throw Failure(message: "unexpected EOF") }
                let e = bytes[i]
                i += 1
                switch e {
                case 34, 92, 47: out.append(e)
                case 98: out.append(8)
                case 102: out.append(12)
                case 110: out.append(10)
                case 114: out.append(13)
                case 116: out.append(9)
                case 117:
                    guard var u = hex4() else { throw invalidEscape() }
                    if (0xD800..<0xDC00).contains(u), i + 1 < bytes.count, bytes[i] == 92, bytes[i + 1] == 117 {
                        let save = i
                        i += 2
                        if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                            u = 0xFFFD
                        }
                    } else if (0xD800..<0xE000).contains(u) {
                        u = 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(u).map(Character.init) ?? "\u{FFFD}").utf8))
                default:
                    i -= 1
                    throw invalid("in string escape code")
                }
            default:
                if c < 0x20 { throw invalid("in string literal") }
                out.append(c)
                i += 1
            }
        }
    }

    func invalidEscape() -> Failure {
        i < bytes.count ? invalid("in \\u hexadecimal character escape") : Failure(message: "unexpected EOF")
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[i + k]
            switch c {
            case 48...57: v = v * 16 + UInt32(c - 48)
            case 97...102: v = v * 16 + UInt32(c - 87)
            case 65...70: v = v * 16 + UInt32(c - 55)
            default:
                i += k
                return nil
            }
        }
        i += 4
        return v
    }

    mutating func object() throws(Failure) -> Value {
        i += 1
        var out: [String: Value] = [:]
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "EOF") }
        if bytes[i] == 125 {
            i += 1
            return .object(out)
        }
        var firstKey = true
        while true {
            skipSpace()
            guard i < bytes.count else { throw Failure(message: "EOF") }
            // Go's decoder gives no context for a bad first key.
            guard bytes[i] == 34 else {
                if firstKey { throw Failure(message: "invalid character \(Self.quoteChar(bytes[i]))") }
                throw invalid("looking for beginning of object key string")
            }
            firstKey = false
            let key = try string()
            skipSpace()
            guard i < bytes.count else { throw Failure(message: "EOF") }
            guard bytes[i] == 58 else { throw invalid("after object key") }
            i += 1
            out[key] = try value()
            skipSpace()
            guard i < bytes.count else { throw Failure(message: "EOF") }
            if bytes[i] == 44 { i += 1; continue }
            if bytes[i] == 125 { i += 1; return .object(out) }
            throw invalid("after object key:value pair")
        }
    }

    mutating func array() throws(Failure) -> Value {
        i += 1
        var out: [Value] = []
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "EOF") }
        if bytes[i] == 93 {
            i += 1
            return .tuple(out)
        }
        while true {
            out.append(try value())
            skipSpace()
            guard i < bytes.count else { throw Failure(message: "EOF") }
            if bytes[i] == 44 { i += 1; continue }
            if bytes[i] == 93 { i += 1; return .tuple(out) }
            throw invalid("after array element")
        }
    }
}

/// JSON as `jsonencode` writes it (cty's `json.Marshal`): compact, object keys sorted,
/// numbers in plain decimal, strings with Go's escaping (`<`, `>`, `&` as `\u003c`…).
enum GoJSONEncoder {
    struct Failure: Error { var message: String }

    static func encode(_ v: Value) throws(Failure) -> String {
        var out = ""
        try write(v, into: &out)
        return out
    }

    static func write(_ v: Value, into out: inout String) throws(Failure) {
        switch v.kind {
        case .null: out += "null"
        case .unknown: throw Failure(message: "value is not known")
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n.isInfinite { throw Failure(message: "cannot serialize infinity as JSON") }
            out += n.description
        case .string(let s): out += JSONWriter.quote(s)
        case .list(let items, _), .set(let items, _), .tuple(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += "," }
                try write(item, into: &out)
            }
            out += "]"
        case .map(let items, _), .object(let items):
            out += "{"
            for (k, key) in items.keys.sorted(by: Builtins.utf8Less).enumerated() {
                if k > 0 { out += "," }
                out += JSONWriter.quote(key) + ":"
                try write(items[key]!, into: &out)
            }
            out += "}"
        }
    }
}
