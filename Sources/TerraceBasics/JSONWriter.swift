/// Writes JSON as Go's `encoding/json` does, so files Terrace writes match Terraform's byte for
/// byte: `<`, `>` and `&` escaped as `\u003c`…, two-space indentation under `MarshalIndent`.
///
/// Output is built as UTF-8 bytes and turned into a `String` once: a state of 100,000
/// resources is about 47 MB of JSON, and appending to a `String` piece by piece cost more than
/// a second of every such apply.
public enum JSONWriter {
    public static func compact(_ json: JSON) -> String { render(json, indent: false) }

    /// Indented with two spaces, as `json.MarshalIndent(v, "", "  ")`.
    public static func pretty(_ json: JSON) -> String { render(json, indent: true) }

    /// `pretty` as UTF-8 bytes, for writing to a file without a detour through `String`.
    public static func prettyBytes(_ json: JSON) -> [UInt8] { bytes(json, indent: true) }

    /// Appends `json` indented as the value of a member `level` deep (its nested lines start
    /// with `2 * (level + 1)` spaces), for documents written piece by piece.
    public static func appendPretty(_ json: JSON, level: Int, into out: inout [UInt8]) {
        write(json, into: &out, indent: true, level: level)
    }

    /// Appends a line break and the indentation of `level`.
    public static func appendNewline(level: Int, into out: inout [UInt8]) {
        newline(&out, true, level)
    }

    /// Appends `s` as a JSON string literal.
    public static func appendQuoted(_ s: String, into out: inout [UInt8]) {
        quote(s, into: &out)
    }

    static func render(_ json: JSON, indent: Bool) -> String {
        String(decoding: bytes(json, indent: indent), as: UTF8.self)
    }

    static func bytes(_ json: JSON, indent: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(json, into: &out, indent: indent, level: 0)
        return out
    }

    private static func write(_ json: JSON, into out: inout [UInt8], indent: Bool, level: Int) {
        switch json {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(0x5B)
            for i in items.indices {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent, level + 1)
                write(items[i], into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(0x7B)
            for i in members.indices {
                if i > 0 { out.append(0x2C) }
                newline(&out, indent, level + 1)
                quote(members[i].0, into: &out)
                out.append(0x3A)
                if indent { out.append(0x20) }
                write(members[i].1, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x7D)
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Bool, _ level: Int) {
        guard indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    /// A Go-style JSON string literal.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let hex = Array("0123456789abcdef".utf8)

    /// Appends `s` quoted: runs that need no escape are copied whole; `"`, `\`, control
    /// characters, `<`, `>`, `&` and U+2028/U+2029 are escaped as Go escapes them.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            let n = buf.count
            var start = 0
            var i = 0
            func flush() { if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) } }
            func escape(_ text: String, width: Int) {
                flush()
                out.append(contentsOf: text.utf8)
                i += width
                start = i
            }
            while i < n {
                let b = buf[i]
                switch b {
                case 0x22: escape("\\\"", width: 1)
                case 0x5C: escape("\\\\", width: 1)
                case 0x0A: escape("\\n", width: 1)
                case 0x0D: escape("\\r", width: 1)
                case 0x09: escape("\\t", width: 1)
                case 0x3C: escape("\\u003c", width: 1)
                case 0x3E: escape("\\u003e", width: 1)
                case 0x26: escape("\\u0026", width: 1)
                case 0x00..<0x20:
                    flush()
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                    i += 1
                    start = i
                case 0xE2 where i + 2 < n && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9):
                    escape(buf[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", width: 3)
                default:
                    i += 1
                }
            }
            flush()
        }
        out.append(0x22)
    }
}
