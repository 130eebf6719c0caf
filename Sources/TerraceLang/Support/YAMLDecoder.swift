/// YAML as `yamldecode` reads it (cty-yaml over go-yaml): one document of block or flow
/// mappings and sequences, plain, quoted and block scalars, anchors, aliases, `<<` merges and
/// the YAML 1.1 tags, resolved to cty values as cty-yaml resolves them (`yes` is true, `0x10`
/// is 16, timestamps become RFC 3339 strings). Mappings become objects, sequences tuples.
///
/// This is a recursive-descent reader of the YAML that configurations use, not a port of
/// libyaml: rare constructs (complex `?` keys, directives other than `%YAML`, tabs in
/// indentation) are rejected, and error messages follow libyaml's where they matter.
struct YAMLDecoder {
    struct Failure: Error { var message: String }

    enum Style { case plain, single, double, literal, folded }

    indirect enum Node {
        case scalar(String, Style, tag: String?, line: Int, column: Int)
        case sequence([Node], tag: String?)
        case mapping([(Node, Node)], tag: String?, line: Int, column: Int)
        case alias(String, line: Int, column: Int)
        case anchored(String, Node)
    }

    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    private var column: Int { i - lineStart }
    private func at(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }
    private func isBlank(_ c: Unicode.Scalar?) -> Bool { c == nil || c == " " || c == "\t" || c == "\n" || c == "\r" }

    private mutating func advance() {
        if s[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }

    private func fail(_ message: String) -> Failure { Failure(message: message) }

    /// cty-yaml's error position: libyaml's zero-based line (none on the first line) and
    /// one-based column.
    static func positioned(_ message: String, _ line: Int, _ column: Int) -> String {
        line <= 1 ? message : "on line \(line - 1), column \(column + 1): \(message)"
    }
    private func failAt(_ message: String, line l: Int? = nil, column c: Int? = nil) -> Failure {
        Failure(message: "on line \(l ?? line), column \((c ?? column) + 1): \(message)")
    }

    // MARK: - Whitespace and documents

    /// Skips spaces, comments and (when `lines`) line breaks.
    private mutating func skipSpace(lines: Bool) {
        while let c = at() {
            if c == " " || c == "\t" || c == "\r" { advance(); continue }
            if c == "#" && (i == 0 || isBlank(s[i - 1])) {
                while let d = at(), d != "\n" { _ = d; advance() }
                continue
            }
            if c == "\n" && lines { advance(); continue }
            break
        }
    }

    private func atDocumentMarker(_ marker: String) -> Bool {
        guard column == 0 else { return false }
        let m = Array(marker.unicodeScalars)
        for (k, c) in m.enumerated() where at(k) != c { return false }
        return isBlank(at(3))
    }

    static func decode(_ text: String) throws(Failure) -> Value {
        var p = YAMLDecoder(text)
        var anchors: [String: Value] = [:]
        return try p.document().value(&anchors)
    }

    private mutating func document() throws(Failure) -> Node {
        skipSpace(lines: true)
        while at() == "%" {
            while let c = at(), c != "\n" { _ = c; advance() }
            skipSpace(lines: true)
        }
        if atDocumentMarker("---") {
            i += 3
            skipSpace(lines: true)
        } else if at() == nil {
            throw failAt("missing start of document", line: 1, column: 0)
        }
        let root = try blockNode(parentIndent: -1, inline: false)
        skipSpace(lines: true)
        if atDocumentMarker("...") {
            i += 3
            skipSpace(lines: true)
        }
        if atDocumentMarker("---") {
            var probe = self
            probe.i += 3
            probe.skipSpace(lines: true)
            if probe.at() != nil { throw Failure(message: Self.positioned("unexpected extra content after value", line, 0)) }
            return root
        }
        if at() != nil { throw fail("did not find expected <document start>") }
        return root
    }

    // MARK: - Block structure

    /// A node whose parent block collection is at `parentIndent`. `inline` means the node
    /// starts on the line of its key or sequence dash.
    private mutating func blockNode(parentIndent: Int, inline: Bool) throws(Failure) -> Node {
        skipSpace(lines: !inline)
        if inline, at() == "\n" || at() == nil {
            skipSpace(lines: true)
            if at() == nil || column <= parentIndent || atDocumentMarker("---") || atDocumentMarker("...") {
                return .scalar("", .plain, tag: nil, line: line, column: column)
            }
            return try blockNode(parentIndent: parentIndent, inline: false)
        }
        if at() == nil || (!inline && column <= parentIndent) || atDocumentMarker("---") || atDocumentMarker("...") {
            return .scalar("", .plain, tag: nil, line: line, column: column)
        }
        // Properties: anchor and tag, in either order.
        var anchor: String?
        var tag: String?
        var inline = inline
        while let c = at(), c == "&" || c == "!" {
            let word = readWord()
            if c == "&" { anchor = String(word.dropFirst()) } else { tag = resolveTagName(word) }
            skipSpace(lines: false)
            if at() == "\n" || at() == nil {
                skipSpace(lines: true)
                if at() == nil || column <= parentIndent {
                    let n = Node.scalar("", .plain, tag: tag, line: line, column: column)
                    return anchor.map { .anchored($0, n) } ?? n
                }
                inline = false
                break
            }
        }
        let node = try blockContent(parentIndent: parentIndent, inline: inline, tag: tag)
        return anchor.map { .anchored($0, node) } ?? node
    }

    private mutating func blockContent(parentIndent: Int, inline: Bool, tag: String?) throws(Failure) -> Node {
        let c = at()!
        let col = column
        if c == "-" && isBlank(at(1)) {
            if inline && parentIndent >= 0 && !isSequenceContext {
                throw fail("block sequence entries are not allowed in this context")
            }
            return try blockSequence(indent: col, tag: tag)
        }
        if c == "*" {
            let l = line, cl = column
            let word = readWord()
            return .alias(String(word.dropFirst()), line: l, column: cl)
        }
        if c == "|" || c == ">" { return try blockScalar(parentIndent: parentIndent, tag: tag) }
        if lineHasMappingIndicator() {
            if inline && !isSequenceContext { throw fail("mapping values are not allowed in this context") }
            return try blockMapping(indent: col, tag: tag)
        }
        if c == "[" || c == "{" { return try flowNode(tag: tag) }
        if c == "\"" || c == "'" {
            let l = line, cl = column
            let text = try quoted()
            return .scalar(text, c == "\"" ? .double : .single, tag: tag, line: l, column: cl)
        }
        return plainScalar(parentIndent: parentIndent, flow: false, tag: tag)
    }

    /// Set while parsing the inline content after a sequence dash, where a compact nested
    /// sequence or mapping may start on the same line.
    private var isSequenceContext = false

    private mutating func blockSequence(indent: Int, tag: String?) throws(Failure) -> Node {
        var items: [Node] = []
        while at() == "-" && column == indent && isBlank(at(1)) {
            advance()
            let saved = isSequenceContext
            isSequenceContext = true
            items.append(try blockNode(parentIndent: indent, inline: true))
            isSequenceContext = saved
            skipSpace(lines: true)
            if at() == nil || column < indent { break }
            if column > indent { throw fail("did not find expected '-' indicator") }
        }
        return .sequence(items, tag: tag)
    }

    private mutating func blockMapping(indent: Int, tag: String?) throws(Failure) -> Node {
        var pairs: [(Node, Node)] = []
        let startLine = line, startColumn = column
        isSequenceContext = false
        while true {
            let keyLine = line, keyCol = column
            var key: Node
            if at() == "\"" || at() == "'" {
                let style: Style = at() == "\"" ? .double : .single
                key = .scalar(try quoted(), style, tag: nil, line: keyLine, column: keyCol)
            } else if at() == "?" && isBlank(at(1)) {
                throw fail("complex mapping keys are not supported")
            } else {
                var keyTag: String?
                if at() == "!" { keyTag = resolveTagName(readWord()); skipSpace(lines: false) }
                key = plainScalar(parentIndent: indent, flow: false, tag: keyTag, key: true)
            }
            skipSpace(lines: false)
            guard at() == ":" else { throw failAt("could not find expected ':'") }
            advance()
            // The value: on this line, or on the following lines (a sequence may stay at the
            // key's indentation).
            skipSpace(lines: false)
            var value: Node
            if at() == "\n" || at() == nil {
                skipSpace(lines: true)
                if at() == "-" && isBlank(at(1)) && column == indent {
                    value = try blockSequence(indent: indent, tag: nil)
                } else if at() != nil && column > indent && !atDocumentMarker("---") && !atDocumentMarker("...") {
                    value = try blockNode(parentIndent: indent, inline: false)
                } else {
                    value = .scalar("", .plain, tag: nil, line: line, column: column)
                }
            } else {
                value = try blockNode(parentIndent: indent, inline: true)
            }
            pairs.append((key, value))
            skipSpace(lines: true)
            if at() == nil || column < indent || atDocumentMarker("---") || atDocumentMarker("...") { break }
            if column > indent { throw fail("mapping values are not allowed in this context") }
        }
        return .mapping(pairs, tag: tag, line: startLine, column: startColumn)
    }

    /// Whether the rest of the current line has `: ` (or `:` at its end) outside quotes and
    /// brackets, making the node a block mapping.
    private func lineHasMappingIndicator() -> Bool {
        var k = i
        var quote: Unicode.Scalar?
        var depth = 0
        while k < s.count, s[k] != "\n" {
            let c = s[k]
            if let q = quote {
                if c == "\\" && q == "\"" { k += 2; continue }
                if c == q {
                    if q == "'" && k + 1 < s.count && s[k + 1] == "'" { k += 2; continue }
                    quote = nil
                }
                k += 1
                continue
            }
            if (c == "\"" || c == "'") && (k == i || s[k - 1] == " " || depth > 0) { quote = c; k += 1; continue }
            if c == "#" && (k == i || s[k - 1] == " ") { return false }
            if c == "[" || c == "{" { depth += 1 }
            if c == "]" || c == "}" { depth -= 1 }
            if c == ":" && depth <= 0 && (k + 1 >= s.count || isBlank(s[k + 1])) { return true }
            k += 1
        }
        return false
    }

    private mutating func readWord() -> String {
        var out = String.UnicodeScalarView()
        while let c = at(), !isBlank(c), !(c == "," || c == "]" || c == "}") { out.append(c); advance() }
        return String(out)
    }

    private func resolveTagName(_ t: String) -> String {
        t.hasPrefix("!!") ? "tag:yaml.org,2002:" + t.dropFirst(2) : t
    }

    // MARK: - Scalars

    private mutating func plainScalar(parentIndent: Int, flow: Bool, tag: String?, key: Bool = false) -> Node {
        let l = line, c = column
        var out = ""
        var pendingBreaks = 0
        var first = true
        while let ch = at() {
            if !first {
                // A continuation line of a multi-line plain scalar.
                var probe = self
                probe.skipSpace(lines: false)
                guard probe.at() == "\n" else { break }
                var breaks = 0
                while probe.at() == "\n" {
                    probe.advance()
                    breaks += 1
                    while probe.at() == " " || probe.at() == "\t" { probe.advance() }
                }
                guard let n = probe.at(), probe.column > parentIndent, n != "#",
                      !(probe.atDocumentMarker("---") || probe.atDocumentMarker("...")),
                      !(n == "-" && probe.isBlank(probe.at(1)) && !flow) else { break }
                if key || (!flow && probe.lineHasMappingIndicator()) { break }
                self = probe
                pendingBreaks = breaks
            }
            first = false
            _ = ch
            var piece = String.UnicodeScalarView()
            while let x = at(), x != "\n" {
                if x == ":" && (isBlank(at(1)) || (flow && (at(1) == "," || at(1) == "]" || at(1) == "}"))) { break }
                if x == "#" && i > 0 && (s[i - 1] == " " || s[i - 1] == "\t") { break }
                if flow && (x == "," || x == "]" || x == "}" || x == "[" || x == "{") { break }
                piece.append(x)
                advance()
            }
            var text = String(piece)
            while text.hasSuffix(" ") || text.hasSuffix("\t") { text.removeLast() }
            if !out.isEmpty || pendingBreaks > 0 {
                out += pendingBreaks > 1 ? String(repeating: "\n", count: pendingBreaks - 1) : (out.isEmpty ? "" : " ")
            }
            out += text
            pendingBreaks = 0
            if let x = at(), x != "\n" { break }
        }
        return .scalar(out, .plain, tag: tag, line: l, column: c)
    }

    private mutating func quoted() throws(Failure) -> String {
        let q = at()!
        advance()
        var out = String.UnicodeScalarView()
        while true {
            guard let c = at() else {
                throw fail("found unexpected end of stream")
            }
            if c == q {
                if q == "'" && at(1) == "'" {
                    out.append("'")
                    advance(); advance()
                    continue
                }
                advance()
                return String(out)
            }
            if c == "\n" {
                // Line folding: trailing spaces dropped, one break is a space, more are breaks.
                while let l = out.last, l == " " || l == "\t" { out.removeLast() }
                var breaks = 0
                while at() == "\n" {
                    advance()
                    breaks += 1
                    while at() == " " || at() == "\t" { advance() }
                }
                if breaks == 1 { out.append(" ") } else { out.append(contentsOf: String(repeating: "\n", count: breaks - 1).unicodeScalars) }
                continue
            }
            if q == "\"" && c == "\\" {
                advance()
                guard let e = at() else { throw fail("found unexpected end of stream") }
                advance()
                switch e {
                case "0": out.append("\0")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "t", "\t": out.append("\t")
                case "n": out.append("\n")
                case "v": out.append("\u{0B}")
                case "f": out.append("\u{0C}")
                case "r": out.append("\r")
                case "e": out.append("\u{1B}")
                case " ": out.append(" ")
                case "\"": out.append("\"")
                case "/": out.append("/")
                case "\\": out.append("\\")
                case "N": out.append("\u{85}")
                case "_": out.append("\u{A0}")
                case "L": out.append("\u{2028}")
                case "P": out.append("\u{2029}")
                case "x", "u", "U":
                    let n = e == "x" ? 2 : e == "u" ? 4 : 8
                    var v: UInt32 = 0
                    for _ in 0..<n {
                        guard let h = at(), let d = UInt32(String(h), radix: 16) else {
                            throw fail("did not find expected hexdecimal number")
                        }
                        v = v * 16 + d
                        advance()
                    }
                    guard let u = Unicode.Scalar(v) else { throw fail("found invalid Unicode character escape code") }
                    out.append(u)
                case "\n":
                    while at() == " " || at() == "\t" { advance() }
                default:
                    throw fail("found unknown escape character")
                }
                continue
            }
            out.append(c)
            advance()
        }
    }

    private mutating func blockScalar(parentIndent: Int, tag: String?) throws(Failure) -> Node {
        let l = line, c = column
        let literal = at() == "|"
        advance()
        var chomp: Character = " "
        var explicit: Int?
        while let x = at(), !isBlank(x), x != "#" {
            if x == "+" || x == "-" { chomp = Character(x) } else if let d = Int(String(x)), d > 0 { explicit = d } else {
                throw fail("did not find expected comment or line break")
            }
            advance()
        }
        skipSpace(lines: false)
        if at() == "\n" { advance() }
        let base = max(parentIndent, 0)
        var contentIndent = explicit.map { (parentIndent < 0 ? 0 : parentIndent) + $0 }
        var lines: [String] = []
        var trailingBreaks = 0
        // Collect lines at or beyond the content indentation.
        while i < s.count {
            var k = i
            var spaces = 0
            while k < s.count, s[k] == " " { k += 1; spaces += 1 }
            let blank = k >= s.count || s[k] == "\n"
            if contentIndent == nil && !blank { contentIndent = max(spaces, base + (parentIndent < 0 ? 0 : 1)) }
            if !blank, let ci = contentIndent, spaces < ci { break }
            if blank {
                lines.append("")
            } else {
                var text = String.UnicodeScalarView()
                var m = i + (contentIndent ?? spaces)
                while m < s.count, s[m] != "\n" { text.append(s[m]); m += 1 }
                lines.append(String(text))
            }
            while i < s.count, s[i] != "\n" { advance() }
            if i < s.count { advance() } else { break }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast(); trailingBreaks += 1 }
        var text = ""
        if literal {
            text = lines.joined(separator: "\n")
        } else {
            for (k, ln) in lines.enumerated() {
                if k > 0 {
                    let prev = lines[k - 1]
                    if prev.isEmpty || ln.isEmpty || prev.hasPrefix(" ") || ln.hasPrefix(" ") { text += "\n" } else { text += " " }
                    if ln.isEmpty && !prev.isEmpty && !prev.hasPrefix(" ") { text.removeLast() }
                }
                text += ln
            }
        }
        if !lines.isEmpty {
            switch chomp {
            case "-": break
            case "+": text += String(repeating: "\n", count: trailingBreaks + 1)
            default: text += "\n"
            }
        } else if chomp == "+" {
            text = String(repeating: "\n", count: trailingBreaks)
        }
        return .scalar(text, literal ? .literal : .folded, tag: tag, line: l, column: c)
    }

    // MARK: - Flow collections

    private mutating func flowNode(tag: String?) throws(Failure) -> Node {
        skipSpace(lines: true)
        guard let c = at() else { throw fail("did not find expected node content") }
        var anchor: String?
        var t = tag
        if c == "&" || c == "!" {
            let word = readWord()
            if c == "&" { anchor = String(word.dropFirst()) } else { t = resolveTagName(word) }
            let n = try flowNode(tag: t)
            return anchor.map { .anchored($0, n) } ?? n
        }
        if c == "*" {
            let l = line, cl = column
            return .alias(String(readWord().dropFirst()), line: l, column: cl)
        }
        if c == "[" {
            advance()
            var items: [Node] = []
            while true {
                skipSpace(lines: true)
                if at() == "]" { advance(); break }
                var item = try flowNode(tag: nil)
                skipSpace(lines: true)
                if at() == ":" {
                    advance()
                    let v = try flowNode(tag: nil)
                    item = .mapping([(item, v)], tag: nil, line: line, column: column)
                    skipSpace(lines: true)
                }
                items.append(item)
                if at() == "," { advance(); continue }
                if at() == "]" { advance(); break }
                throw fail("did not find expected ',' or ']'")
            }
            return .sequence(items, tag: t)
        }
        if c == "{" {
            let l = line, cl = column
            advance()
            var pairs: [(Node, Node)] = []
            while true {
                skipSpace(lines: true)
                if at() == "}" { advance(); break }
                let key = try flowNode(tag: nil)
                skipSpace(lines: true)
                var value = Node.scalar("", .plain, tag: nil, line: line, column: column)
                if at() == ":" {
                    advance()
                    skipSpace(lines: true)
                    if at() != "," && at() != "}" { value = try flowNode(tag: nil) }
                    skipSpace(lines: true)
                }
                pairs.append((key, value))
                if at() == "," { advance(); continue }
                if at() == "}" { advance(); break }
                throw fail("did not find expected ',' or '}'")
            }
            return .mapping(pairs, tag: t, line: l, column: cl)
        }
        if c == "\"" || c == "'" {
            let l = line, cl = column
            return .scalar(try quoted(), c == "\"" ? .double : .single, tag: t, line: l, column: cl)
        }
        return plainScalar(parentIndent: -1, flow: true, tag: t)
    }
}

extension YAMLDecoder.Node {
    /// The cty value, resolving scalars as cty-yaml does.
    func value(_ anchors: inout [String: Value]) throws(YAMLDecoder.Failure) -> Value {
        switch self {
        case .anchored(let name, let node):
            let v = try node.value(&anchors)
            anchors[name] = v
            return v
        case .alias(let name, _, _):
            guard let v = anchors[name] else { throw YAMLDecoder.Failure(message: "reference to undefined anchor \"\(name)\"") }
            return v
        case .scalar(let text, let style, let tag, _, _):
            return try YAMLResolve.scalar(tag: tag ?? "", text, quoted: style == .single || style == .double,
                                          plain: style == .plain)
        case .sequence(let items, let tag):
            if let tag, tag != "tag:yaml.org,2002:seq" { throw YAMLDecoder.Failure(message: "can't interpret sequence as \(tag)") }
            var out: [Value] = []
            for item in items { out.append(try item.value(&anchors)) }
            return .tuple(out)
        case .mapping(let pairs, let tag, _, _):
            if let tag, tag != "tag:yaml.org,2002:map" { throw YAMLDecoder.Failure(message: "can't interpret mapping as \(tag)") }
            var out: [String: Value] = [:]
            for (k, v) in pairs {
                let key = try k.value(&anchors)
                var kl = 1, kc = 0
                if case .scalar(_, _, _, let l, let c) = k { kl = l; kc = c }
                func failure(_ m: String) -> YAMLDecoder.Failure { YAMLDecoder.Failure(message: YAMLDecoder.positioned(m, kl, kc)) }
                if case .scalar("<<", .plain, nil, _, _) = k {
                    let merged = try v.value(&anchors)
                    guard let attrs = merged.attributes else { throw failure("cannot merge \(merged.type.description) into mapping") }
                    for (mk, mv) in attrs { out[mk] = mv }
                    continue
                }
                if key.isNull { throw failure("mapping key cannot be null") }
                guard let ks = (try? Conversion.convert(key, to: .string))?.stringValue else {
                    throw failure("only strings are allowed as mapping keys")
                }
                out[ks] = try v.value(&anchors)
            }
            return .object(out)
        }
    }
}

/// cty-yaml's scalar resolution (YAML 1.1 flavoured).
enum YAMLResolve {
    static let bools: [String: Bool] = {
        var m: [String: Bool] = [:]
        for s in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { m[s] = true }
        for s in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { m[s] = false }
        return m
    }()
    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]

    static func scalar(tag: String, _ src: String, quoted: Bool, plain: Bool) throws(YAMLDecoder.Failure) -> Value {
        let prefix = "tag:yaml.org,2002:"
        let known = ["", prefix + "str", prefix + "bool", prefix + "int", prefix + "float", prefix + "null", prefix + "timestamp", prefix + "binary"]
        guard known.contains(tag) else { throw YAMLDecoder.Failure(message: "unsupported tag \"\(tag)\"") }
        let first = src.unicodeScalars.first
        let hint: Character? = {
            guard let f = first else { return "N" }
            switch f {
            case "+", "-": return "S"
            case "0"..."9": return "D"
            case "y", "Y", "n", "N", "t", "T", "f", "F", "o", "O", "~": return "M"
            case ".": return "."
            default: return nil
            }
        }()
        var t = tag
        if hint != nil && tag != prefix + "str" && tag != prefix + "binary" {
            if quoted { return .string(src) }
            if let b = bools[src] { return .bool(b) }
            if nulls.contains(src) { return .dynamicNull }
            switch src {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.positiveInfinity)
            case "-.inf", "-.Inf", "-.INF": return .number(.negativeInfinity)
            default: break
            }
            if tag.isEmpty, [".nan", ".NaN", ".NAN"].contains(src) {
                throw YAMLDecoder.Failure(message: "floating point NaN is not supported")
            }
            switch hint {
            case ".":
                if let n = Number(parsing: src) { return .number(n) }
            case "D", "S":
                if tag.isEmpty || tag == prefix + "timestamp", let ts = timestamp(src) { return .string(ts) }
                if isIntegerLiteral(src) { t = prefix + "int" } else if isFloatLiteral(src) { t = prefix + "float" }
            default: break
            }
        }
        if t.isEmpty && src == "<<" { return .string("<<") }
        switch t {
        case prefix + "str", prefix + "binary":
            if t == prefix + "binary", case .failure = Base64.decode(src) {
                throw YAMLDecoder.Failure(message: "cannot parse \"\(src)\" as \(t): not valid base64")
            }
            return .string(src)
        case prefix + "bool":
            guard let b = bools[src] else { throw YAMLDecoder.Failure(message: "cannot parse \"\(src)\" as \(t)") }
            return .bool(b)
        case prefix + "int", prefix + "float":
            let plainText = src.replacingOccurrences(of: "_", with: "")
            if let n = Number(parsing: plainText) { return .number(n) }
            if let n = goParseInt(plainText) { return .number(n) }
            throw YAMLDecoder.Failure(message: "cannot parse \"\(src)\" as \(t)")
        case prefix + "timestamp":
            guard let ts = timestamp(src) else { throw YAMLDecoder.Failure(message: "cannot parse \"\(src)\" as \(t)") }
            return .string(ts)
        case prefix + "null":
            return .dynamicNull
        default:
            return .string(src)
        }
    }

    static func isIntegerLiteral(_ s: String) -> Bool {
        var t = Substring(s)
        if let f = t.first, f == "+" || f == "-" { t = t.dropFirst() }
        if t.hasPrefix("0o") { return t.count > 2 && t.dropFirst(2).allSatisfy { ("0"..."7").contains($0) || $0 == "_" } }
        if t.hasPrefix("0x") { return t.count > 2 && t.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "_" } }
        return t.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "_" }
    }

    static func isFloatLiteral(_ s: String) -> Bool {
        var t = Substring(s)
        if let f = t.first, f == "+" || f == "-" { t = t.dropFirst() }
        var sawDigit = false
        while let c = t.first, c.isASCII, c.isNumber { t = t.dropFirst(); sawDigit = true }
        if t.first == "." {
            t = t.dropFirst()
            var frac = false
            while let c = t.first, c.isASCII, c.isNumber { t = t.dropFirst(); frac = true }
            if !sawDigit && !frac { return false }
        } else if !sawDigit {
            return false
        }
        if let e = t.first, e == "e" || e == "E" {
            t = t.dropFirst()
            if let sgn = t.first, sgn == "+" || sgn == "-" { t = t.dropFirst() }
            guard let d = t.first, d.isASCII, d.isNumber else { return false }
            while let c = t.first, c.isASCII, c.isNumber { t = t.dropFirst() }
        }
        return t.isEmpty
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` (then `ParseUint`): `0x`, `0o`, `0b` and leading-zero
    /// octal prefixes.
    static func goParseInt(_ s: String) -> Number? {
        var t = Substring(s)
        var neg = false
        if let f = t.first, f == "+" || f == "-" { neg = f == "-"; t = t.dropFirst() }
        var radix = 10
        if t.hasPrefix("0x") || t.hasPrefix("0X") { radix = 16; t = t.dropFirst(2) } else if t.hasPrefix("0o") || t.hasPrefix("0O") {
            radix = 8; t = t.dropFirst(2)
        } else if t.hasPrefix("0b") || t.hasPrefix("0B") { radix = 2; t = t.dropFirst(2) } else if t.hasPrefix("0") && t.count > 1 {
            radix = 8; t = t.dropFirst()
        }
        guard !t.isEmpty, let (n, mag) = GoMath.parseBigInt(String(t), base: radix).map({ (neg, $0.1) }), mag.bitLength <= 64 else {
            return nil
        }
        if neg && mag.bitLength > 63 && mag != BigUInt(1) << 63 { return nil }
        return Number(big: BigFloat(integer: n, mag, prec: 64))
    }

    /// cty-yaml's accepted timestamp forms, as RFC 3339 text in UTC.
    static func timestamp(_ s: String) -> String? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, s.count > 4, s.dropFirst(4).first == "-" else { return nil }
        // date only: 2006-1-2
        let dateParts = s.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        func num(_ x: Substring) -> Int? { x.allSatisfy { $0.isASCII && $0.isNumber } && !x.isEmpty && x.count <= 2 ? Int(x) : nil }
        if dateParts.count == 3, let m = num(dateParts[1]), let y = Int(dateParts[0]) {
            let rest = dateParts[2]
            let dayText = rest.prefix { $0.isASCII && $0.isNumber }
            guard let d = num(dayText), (1...12).contains(m), d >= 1, d <= GoTime.daysIn(m, y) else { return nil }
            let tail = rest.dropFirst(dayText.count)
            var t = GoTime(unix: GoTime.days(y, m, d) * 86400, nanos: 0, offset: 0)
            if tail.isEmpty { return t.rfc3339 }
            // 2006-1-2T15:4:5.999999999Z07:00 (or lower-case t), or space separated without zone.
            guard let sep = tail.first, sep == "T" || sep == "t" || sep == " " else { return nil }
            let timeText = tail.dropFirst()
            let hms = timeText.prefix { $0 != "Z" && $0 != "+" && $0 != "-" && $0 != "." }
            let comps = hms.split(separator: ":", omittingEmptySubsequences: false)
            guard comps.count == 3, let h = num(comps[0]), let mi = num(comps[1]), let se = num(comps[2]), h < 24, mi < 60, se < 60 else {
                return nil
            }
            var after = timeText.dropFirst(hms.count)
            if after.first == "." {
                after = after.dropFirst()
                let frac = after.prefix { $0.isASCII && $0.isNumber }
                guard !frac.isEmpty else { return nil }
                after = after.dropFirst(frac.count)
            }
            var offset = 0
            if sep == " " {
                guard after.isEmpty else { return nil }
            } else if after == "Z" {
            } else if let sign = after.first, sign == "+" || sign == "-", after.count == 6, after.dropFirst(3).first == ":",
                      let oh = num(after.dropFirst().prefix(2)), let om = num(after.suffix(2)) {
                offset = (oh * 3600 + om * 60) * (sign == "-" ? -1 : 1)
            } else {
                return nil
            }
            t.unix += Int64(h * 3600 + mi * 60 + se) - Int64(offset)
            t.offset = offset
            return t.rfc3339
        }
        return nil
    }
}
