/// YAML as `yamlencode` writes it (cty-yaml over go-yaml's libyaml emitter): block style with
/// two-space indentation and indentless sequences under mapping keys, strings double-quoted
/// (folded past column 80) or as literal blocks when they span lines, keys sorted, `[]`/`{}`
/// for empty collections, and `...` after a plain scalar document.
enum YAMLEncoder {
    struct Failure: Error { var message: String }

    static let bestWidth = 80

    static func encode(_ v: Value) throws(Failure) -> String {
        var e = Emitter()
        try e.node(v, indent: -1, context: .root)
        var out = e.out
        if !out.hasSuffix("\n") { out += "\n" }
        if e.rootPlain { out += "...\n" }
        return out
    }

    private enum Context { case root, sequenceItem, mappingValue, mappingKey }

    private struct Emitter {
        var out = ""
        var column = 0
        var rootPlain = false

        mutating func write(_ s: String) {
            out += s
            if let nl = s.lastIndex(of: "\n") {
                column = s[s.index(after: nl)...].unicodeScalars.count
            } else {
                column += s.unicodeScalars.count
            }
        }

        /// libyaml's `write_indent`: a line break unless already at the start of a line.
        mutating func newline(_ indent: Int) {
            if !(column == 0 && (out.isEmpty || out.hasSuffix("\n"))) { write("\n") }
            write(String(repeating: " ", count: max(0, indent)))
        }

        /// Emits a node whose parent collection is at `indent` (-1 at the root).
        mutating func node(_ v: Value, indent: Int, context: Context) throws(Failure) {
            if v.isNull { write("null"); rootPlain = context == .root; return }
            guard v.isKnown else { throw Failure(message: "cannot serialize unknown value as YAML") }
            switch v.kind {
            case .bool(let b): write(b ? "true" : "false"); rootPlain = context == .root
            case .number(let n): write(n.description); rootPlain = context == .root
            case .string(let s): scalar(s, indent: indent < 0 ? 2 : indent + 2, allowBlock: context != .mappingKey)
            case .list(let items, _), .set(let items, _), .tuple(let items):
                if items.isEmpty { write("[]"); return }
                try sequence(items, indent: indent, context: context)
            case .map(let items, _), .object(let items):
                if items.isEmpty { write("{}"); return }
                try mapping(items, indent: indent, context: context)
            default: break
            }
        }

        mutating func sequence(_ items: [Value], indent: Int, context: Context) throws(Failure) {
            // Under a mapping key the sequence is indentless; inside a sequence it is indented.
            let seqIndent: Int
            switch context {
            case .root: seqIndent = 0
            case .sequenceItem: seqIndent = indent + 2
            default: seqIndent = indent
            }
            for (k, item) in items.enumerated() {
                let inline = k == 0 && (context == .root || context == .sequenceItem)
                if !inline { newline(seqIndent) }
                write("- ")
                try node(item, indent: seqIndent, context: .sequenceItem)
            }
        }

        mutating func mapping(_ items: [String: Value], indent: Int, context: Context) throws(Failure) {
            let mapIndent = indent < 0 ? 0 : indent + 2
            for (k, key) in items.keys.sorted(by: Builtins.utf8Less).enumerated() {
                let firstInline = k == 0 && (context == .root || context == .sequenceItem)
                if !firstInline { newline(mapIndent) }
                let simple = !key.contains("\n") && key.unicodeScalars.count <= 128
                if simple {
                    scalar(key, indent: mapIndent + 2, allowBlock: false)
                    write(":")
                } else {
                    write("? ")
                    scalar(key, indent: mapIndent + 2, allowBlock: true)
                    newline(mapIndent)
                    write(":")
                }
                let v = items[key]!
                let isBlockCollection = (v.elements.map { !$0.isEmpty } ?? false) || (v.attributes.map { !$0.isEmpty } ?? false)
                if isBlockCollection && v.isKnown && !v.isNull {
                    try node(v, indent: mapIndent, context: .mappingValue)
                } else {
                    write(" ")
                    try node(v, indent: mapIndent, context: .mappingValue)
                }
            }
        }

        /// A string scalar: literal block when it has line breaks and the style allows it,
        /// otherwise double-quoted.
        mutating func scalar(_ s: String, indent: Int, allowBlock: Bool) {
            if allowBlock && s.contains("\n") && Self.blockAllowed(s) {
                literal(s, indent: indent)
            } else {
                doubleQuoted(s, indent: indent, allowBreaks: allowBlock)
            }
        }

        static func isPrintable(_ u: Unicode.Scalar) -> Bool {
            let v = u.value
            if v == 0x0A || (0x20...0x7E).contains(v) { return true }
            if (0xA0...0xD7FF).contains(v) { return true }
            if (0xE000...0xFFFD).contains(v) && v != 0xFEFF { return true }
            return false
        }

        static func isBreak(_ u: Unicode.Scalar) -> Bool { [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(u.value) }

        /// libyaml refuses block style for trailing spaces, spaces before line breaks and
        /// characters that must be escaped.
        static func blockAllowed(_ s: String) -> Bool {
            let scalars = Array(s.unicodeScalars)
            for (i, u) in scalars.enumerated() {
                if !isPrintable(u) && !isBreak(u) { return false }
                if u == " ", i + 1 < scalars.count, isBreak(scalars[i + 1]) { return false }
                if [0x85, 0x2028, 0x2029, 0x0D].contains(u.value) { return false }
            }
            if scalars.last == " " { return false }
            return true
        }

        mutating func literal(_ s: String, indent: Int) {
            let scalars = Array(s.unicodeScalars)
            var header = "|"
            if let f = scalars.first, f == " " || Self.isBreak(f) { header += "2" }
            if scalars.last != "\n" {
                header += "-"
            } else if scalars.count == 1 || scalars[scalars.count - 2] == "\n" {
                header += "+"
            }
            write(header)
            write("\n")
            // libyaml's write_literal_scalar: breaks as they are, indentation before text.
            var breaks = true
            for u in s.unicodeScalars {
                if u == "\n" {
                    write("\n")
                    breaks = true
                } else {
                    if breaks {
                        if column < indent { write(String(repeating: " ", count: indent - column)) }
                        breaks = false
                    }
                    write(String(u))
                }
            }
        }

        mutating func doubleQuoted(_ s: String, indent: Int, allowBreaks: Bool) {
            write("\"")
            let scalars = Array(s.unicodeScalars)
            var spaces = false
            var i = 0
            while i < scalars.count {
                let u = scalars[i]
                if !Self.isPrintable(u) || u.value == 0xFEFF || Self.isBreak(u) || u == "\"" || u == "\\" {
                    var esc = "\\"
                    switch u.value {
                    case 0x00: esc += "0"
                    case 0x07: esc += "a"
                    case 0x08: esc += "b"
                    case 0x09: esc += "t"
                    case 0x0A: esc += "n"
                    case 0x0B: esc += "v"
                    case 0x0C: esc += "f"
                    case 0x0D: esc += "r"
                    case 0x1B: esc += "e"
                    case 0x22: esc += "\""
                    case 0x5C: esc += "\\"
                    case 0x85: esc += "N"
                    case 0xA0: esc += "_"
                    case 0x2028: esc += "L"
                    case 0x2029: esc += "P"
                    default:
                        if u.value <= 0xFF {
                            esc += "x" + String(u.value, radix: 16, uppercase: true).leftPadded(2)
                        } else if u.value <= 0xFFFF {
                            esc += "u" + String(u.value, radix: 16, uppercase: true).leftPadded(4)
                        } else {
                            esc += "U" + String(u.value, radix: 16, uppercase: true).leftPadded(8)
                        }
                    }
                    write(esc)
                    spaces = false
                } else if u == " " {
                    if allowBreaks && !spaces && column > bestWidth && i != 0 && i != scalars.count - 1 {
                        newline(indent)
                        if i + 1 < scalars.count, scalars[i + 1] == " " { write("\\") }
                    } else {
                        write(" ")
                    }
                    spaces = true
                } else {
                    write(String(u))
                    spaces = false
                }
                i += 1
            }
            write("\"")
        }
    }
}
