import TerraceBasics

/// The JSON scanner and parser of hashicorp/hcl's `json` package: strict JSON (no trailing
/// commas, no comments) with HCL's diagnostics and positions (a tab counts two columns, a
/// carriage return none, a string's characters one column per grapheme cluster).
struct JSONSyntaxParser {
    enum Kind: Equatable {
        case braceO, braceC, brackO, brackC, comma, colon, equals
        case keyword, string, number
        case eof, invalid
    }

    struct Tok {
        var kind: Kind
        var bytes: Range<Int>
        var range: SourceRange
    }

    let src: [UInt8]
    let filename: String
    var toks: [Tok] = []
    var p = 0
    var diagnostics = Diagnostics()

    init(_ src: [UInt8], filename: String) {
        self.src = src
        self.filename = filename
        scan()
    }

    // MARK: - Parser

    func peek() -> Tok { toks[p] }

    @discardableResult
    mutating func read() -> Tok {
        let t = toks[p]
        if t.kind != .eof { p += 1 }
        return t
    }

    mutating func error(_ summary: String, _ detail: String, _ r: SourceRange, context: SourceRange? = nil) {
        diagnostics.append(Diagnostic(.error, summary: summary, detail: detail, subject: r, context: context))
    }

    mutating func parseFile() -> JSONNode {
        let node = parseValue()
        if diagnostics.isEmpty, peek().kind != .eof {
            error("Extraneous data after value", "Extra characters appear after the JSON value.", peek().range)
        }
        return node
    }

    /// A value, or `.invalid` (after reporting why) where none could be read.
    mutating func parseValue() -> JSONNode {
        let tok = peek()
        let n: JSONNode?
        switch tok.kind {
        case .braceO: n = parseObject()
        case .brackO: n = parseArray()
        case .number: n = parseNumber()
        case .string: n = parseString()
        case .keyword: n = parseKeyword()
        case .braceC:
            error("Missing JSON value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", tok.range)
            n = nil
        case .brackC:
            error("Missing array element value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", tok.range)
            n = nil
        case .eof:
            error("Missing value", "The JSON data ends prematurely.", tok.range)
            n = nil
        default:
            error("Invalid start of value", "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.", tok.range)
            n = nil
        }
        return n ?? .invalid(tok.range)
    }

    /// Skips to the end of the bracketed value that `tok` is inside.
    mutating func recover(_ first: Tok, open o: Kind, close c: Kind) {
        var tok = first
        var open = 1
        while true {
            if tok.kind == o { open += 1 }
            else if tok.kind == c {
                open -= 1
                if open <= 1 { return }
            } else if tok.kind == .eof {
                return
            }
            tok = read()
        }
    }

    mutating func parseObject() -> JSONNode? {
        let open = read()
        var props: [JSONProperty] = []
        loop: while true {
            if peek().kind == .braceC { break }
            // A value that failed to parse still stands in its place (HCL's invalidVal), so the
            // object goes on; only the object's own syntax errors abandon it.
            let key = parseValue()
            guard case .string(let name, let nameRange) = key else {
                error("Invalid object property name", "A JSON object property name must be a string", key.startRange)
                return nil
            }
            let colon = read()
            if colon.kind != .colon {
                recover(colon, open: .braceO, close: .braceC)
                if colon.kind == .braceC || colon.kind == .comma {
                    error("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", colon.range)
                } else if colon.kind == .equals {
                    error("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", colon.range)
                } else {
                    error("Missing property value colon", "A colon must appear between an object property's name and its value.", colon.range)
                }
                return nil
            }
            let value = parseValue()
            props.append(JSONProperty(name: name, nameRange: nameRange, value: value))
            switch peek().kind {
            case .comma:
                let comma = read()
                if peek().kind == .braceC {
                    error("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", comma.range)
                    return nil
                }
            case .eof:
                error("Unclosed object", "No closing brace was found for this JSON object.", open.range)
                return nil
            case .brackC:
                read()
                error("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", peek().range)
                return nil
            case .braceC:
                break loop
            default:
                recover(read(), open: .braceO, close: .braceC)
                error("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", peek().range)
                return nil
            }
        }
        let close = read()
        return .object(props, range: between(open.range, close.range), open: open.range, close: close.range)
    }

    mutating func parseArray() -> JSONNode? {
        let open = read()
        var items: [JSONNode] = []
        loop: while true {
            if peek().kind == .brackC { break }
            let value = parseValue()
            items.append(value)
            switch peek().kind {
            case .comma:
                let comma = read()
                if peek().kind == .brackC {
                    error("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", comma.range)
                    return nil
                }
            case .colon:
                recover(read(), open: .brackO, close: .brackC)
                error("Invalid array value", "A colon is not used to introduce values in a JSON array.", peek().range)
                return nil
            case .eof:
                recover(read(), open: .brackO, close: .brackC)
                error("Unclosed object", "No closing bracket was found for this JSON array.", open.range)
                return nil
            case .braceC:
                recover(read(), open: .brackO, close: .brackC)
                error("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", peek().range)
                return nil
            case .brackC:
                break loop
            default:
                recover(read(), open: .brackO, close: .brackC)
                error("Missing attribute seperator comma", "A comma must appear between each value in an array.", peek().range)
                return nil
            }
        }
        let close = read()
        return .array(items, range: between(open.range, close.range), open: open.range)
    }

    func between(_ a: SourceRange, _ b: SourceRange) -> SourceRange {
        SourceRange(filename: a.filename, start: a.start, end: b.end)
    }

    mutating func parseNumber() -> JSONNode? {
        let tok = read()
        guard JSONSyntaxParser.isJSONNumber(src[tok.bytes]) else {
            error("Invalid JSON number", "There is a syntax error in the given JSON number.", tok.range)
            return nil
        }
        return .number(String(decoding: src[tok.bytes], as: UTF8.self), tok.range)
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ b: ArraySlice<UInt8>) -> Bool {
        var k = b.startIndex
        let end = b.endIndex
        func digit(_ i: Int) -> Bool { i < end && b[i] >= 0x30 && b[i] <= 0x39 }
        if k < end, b[k] == UInt8(ascii: "-") { k += 1 }
        guard digit(k) else { return false }
        if b[k] == UInt8(ascii: "0") { k += 1 } else { while digit(k) { k += 1 } }
        if k < end, b[k] == UInt8(ascii: ".") {
            k += 1
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        if k < end, b[k] == UInt8(ascii: "e") || b[k] == UInt8(ascii: "E") {
            k += 1
            if k < end, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { k += 1 }
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        return k == end
    }

    mutating func parseString() -> JSONNode? {
        let tok = read()
        switch JSONSyntaxParser.decodeString(src[tok.bytes]) {
        case .success(let s):
            return .string(s, tok.range)
        case .failure(let err):
            let offset = err.offset
            // HCL places the error one byte wide at the offset Go's decoder reports, counting
            // columns as bytes.
            var start = tok.range.start
            start.byte += offset
            start.column += offset
            let r = SourceRange(filename: filename, start: start,
                                end: SourcePos(line: start.line, column: start.column + 1, byte: start.byte + 1))
            diagnostics.append(Diagnostic(.error, summary: "Invalid JSON string", detail: "There is a syntax error in the given JSON string.",
                                          subject: r, context: r == tok.range ? nil : tok.range))
            return nil
        }
    }

    struct StringError: Error { var offset: Int }

    /// A JSON string token's value, or the offset at which Go's `encoding/json` reports the
    /// error (one past the offending byte; the token length when it is unterminated).
    static func decodeString(_ b: ArraySlice<UInt8>) -> Result<String, StringError> {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        let start = b.startIndex
        var k = start + 1
        func hex(_ i: Int) -> UInt32? {
            guard i < b.endIndex else { return nil }
            let c = b[i]
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x61...0x66: return UInt32(c - 0x61 + 10)
            case 0x41...0x46: return UInt32(c - 0x41 + 10)
            default: return nil
            }
        }
        func append(_ v: UInt32) {
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(v) ?? "\u{FFFD}")).utf8))
        }
        while k < b.endIndex {
            let c = b[k]
            if c == UInt8(ascii: "\"") {
                guard k + 1 == b.endIndex else { return .failure(StringError(offset: k + 2 - start)) }
                return .success(String(decoding: out, as: UTF8.self))
            }
            if c < 0x20 { return .failure(StringError(offset: k + 1 - start)) }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                k += 1
                continue
            }
            guard k + 1 < b.endIndex else { return .failure(StringError(offset: b.count)) }
            let e = b[k + 1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e); k += 2
            case UInt8(ascii: "b"): out.append(0x08); k += 2
            case UInt8(ascii: "f"): out.append(0x0C); k += 2
            case UInt8(ascii: "n"): out.append(0x0A); k += 2
            case UInt8(ascii: "r"): out.append(0x0D); k += 2
            case UInt8(ascii: "t"): out.append(0x09); k += 2
            case UInt8(ascii: "u"):
                var v: UInt32 = 0
                for d in 0..<4 {
                    guard let h = hex(k + 2 + d) else {
                        return .failure(StringError(offset: min(k + 3 + d, b.endIndex) - start))
                    }
                    v = v << 4 | h
                }
                k += 6
                if v >= 0xD800 && v < 0xDC00 {
                    // A surrogate pair, if a low surrogate follows.
                    if k + 5 < b.endIndex, b[k] == UInt8(ascii: "\\"), b[k + 1] == UInt8(ascii: "u"),
                       let h1 = hex(k + 2), let h2 = hex(k + 3), let h3 = hex(k + 4), let h4 = hex(k + 5) {
                        let lo = h1 << 12 | h2 << 8 | h3 << 4 | h4
                        if lo >= 0xDC00 && lo < 0xE000 {
                            append(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00))
                            k += 6
                            continue
                        }
                    }
                    append(0xFFFD)
                } else if v >= 0xDC00 && v < 0xE000 {
                    append(0xFFFD)
                } else {
                    append(v)
                }
            default:
                return .failure(StringError(offset: k + 2 - start))
            }
        }
        return .failure(StringError(offset: b.count))
    }

    mutating func parseKeyword() -> JSONNode? {
        let tok = read()
        let s = String(decoding: src[tok.bytes], as: UTF8.self)
        switch s {
        case "true": return .bool(true, tok.range)
        case "false": return .bool(false, tok.range)
        case "null": return .null(tok.range)
        case "undefined", "NaN", "Infinity":
            error("Invalid JSON keyword", "The JavaScript identifier \(Parser.goQuote(s)) cannot be used in JSON.", tok.range)
            return nil
        default:
            var dym = ""
            for k in ["false", "true", "null"] where Suggestions.levenshtein(s, k) < 3 {
                dym = " Did you mean \(Parser.goQuote(k))?"
                break
            }
            error("Invalid JSON keyword", "\(Parser.goQuote(s)) is not a valid JSON keyword.\(dym)", tok.range)
            return nil
        }
    }
}
