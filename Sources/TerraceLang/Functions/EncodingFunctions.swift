/// Encoding functions: base64encode base64decode base64gzip csvdecode jsonencode jsondecode
/// textencodebase64 textdecodebase64 urlencode (Terraform's `funcs` and cty's stdlib);
/// yamlencode and yamldecode live with the YAML support.
extension Builtins {
    static let encodingFunctions: [String: Function] = [
        "base64encode": Function(params: [.init("str", .string)], returns: .string) { args in
            .string(Base64.encode(Array(str(args[0]).utf8)))
        },
        "base64decode": Function(params: [.init("str", .string)], returns: .string) { args throws(Function.Failure) in
            let s = str(args[0])
            guard case .success(let bytes) = Base64.decode(s) else { throw Function.Failure("failed to decode base64 data '\(s)'") }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw Function.Failure("the result of decoding the provided string is not valid UTF-8")
            }
            return .string(text)
        },
        "base64gzip": Function(params: [.init("str", .string)], returns: .string) { args in
            .string(Base64.encode(Deflate.gzip(Array(str(args[0]).utf8))))
        },
        "urlencode": Function(params: [.init("str", .string)], returns: .string) { args in
            .string(URLEncoding.queryEscape(str(args[0])))
        },
        "jsonencode": Function(params: [.init("val", .dynamic, allowNull: true, allowDynamicType: true)], returns: .string) { args throws(Function.Failure) in
            let v = args[0]
            guard v.isWhollyKnown else { return .unknown(.string) }
            if v.isNull { return .string("null") }
            do throws(GoJSONEncoder.Failure) { return .string(try GoJSONEncoder.encode(v)) } catch { throw Function.Failure(error.message) }
        },
        "jsondecode": Function(
            params: [.init("str", .string)],
            type: { args throws(Function.Failure) in
                guard args[0].isKnown else { return .dynamic }
                do throws(GoJSONDecoder.Failure) { return try GoJSONDecoder.decode(str(args[0])).type } catch { throw Function.Failure(error.message) }
            },
            impl: { args, _ throws(Function.Failure) in
                do throws(GoJSONDecoder.Failure) { return try GoJSONDecoder.decode(str(args[0])) } catch { throw Function.Failure(error.message) }
            }),
        "csvdecode": Function(
            params: [.init("str", .string)],
            type: { args throws(Function.Failure) in
                guard args[0].isKnown else { return .dynamic }
                return try csvType(str(args[0]))
            },
            impl: { args, ret throws(Function.Failure) in
                let ety = ret.elementType ?? .dynamic
                var reader = CSVReader(str(args[0]))
                reader.fieldsPerRecord = ety.attributeTypes?.count ?? 0
                var rows: [Value] = []
                do {
                    guard let headers = try reader.read() else { throw Function.Failure("missing header line") }
                    while let cols = try reader.read() {
                        var row: [String: Value] = [:]
                        for (i, c) in cols.enumerated() { row[headers[i]] = .string(c) }
                        rows.append(.object(row))
                    }
                } catch let e as CSVReader.ParseError {
                    throw Function.Failure("CSV parse error on line \(e.line): \(e.message)")
                } catch let e as Function.Failure {
                    throw e
                } catch {
                    throw Function.Failure("\(error)")
                }
                return Value(.list(rows, element: ety))
            }),
        "textencodebase64": Function(params: [.init("string", .string), .init("encoding", .string)], returns: .string) { args throws(Function.Failure) in
            let name = str(args[1])
            guard let enc = TextEncodings.lookup(name) else {
                throw Function.Failure("\(GoQuote.quote(name)) is not a supported IANA encoding name or alias in this Terraform version", argument: 1)
            }
            guard let bytes = enc.encode(str(args[0])) else {
                throw Function.Failure("the given string contains characters that cannot be represented in \(enc.name)", argument: 0)
            }
            return .string(Base64.encode(bytes))
        },
        "textdecodebase64": Function(params: [.init("source", .string), .init("encoding", .string)], returns: .string) { args throws(Function.Failure) in
            let name = str(args[1])
            guard let enc = TextEncodings.lookup(name) else {
                throw Function.Failure("\(GoQuote.quote(name)) is not a supported IANA encoding name or alias in this Terraform version", argument: 1)
            }
            let bytes: [UInt8]
            switch Base64.decode(str(args[0])) {
            case .success(let b): bytes = b
            case .failure(let e): throw Function.Failure("the given value is has an invalid base64 symbol at offset \(e.offset)", argument: 0)
            }
            guard let text = enc.decode(bytes), !text.unicodeScalars.contains("\u{FFFD}") else {
                throw Function.Failure("the given string contains symbols that are not defined for \(enc.name)", argument: 0)
            }
            return .string(text)
        },
    ]

    /// The list-of-objects type of a CSV document, from its header line.
    static func csvType(_ text: String) throws(Function.Failure) -> ValueType {
        var reader = CSVReader(text)
        let headers: [String]
        do {
            guard let h = try reader.read() else { throw Function.Failure("missing header line") }
            headers = h
        } catch let e as CSVReader.ParseError {
            throw Function.Failure("CSV parse error on line \(e.line): \(e.message)")
        } catch let e as Function.Failure {
            throw e
        } catch {
            throw Function.Failure("\(error)")
        }
        var attrs: [String: ValueType] = [:]
        for h in headers {
            if attrs[h] != nil { throw Function.Failure("duplicate column name \(GoQuote.quote(h))") }
            attrs[h] = .string
        }
        return .list(.object(attrs))
    }
}

/// The text encodings `textencodebase64` and `textdecodebase64` know, by IANA name or alias.
struct TextEncodings {
    var name: String
    var encode: @Sendable (String) -> [UInt8]?
    var decode: @Sendable ([UInt8]) -> String?

    static func lookup(_ label: String) -> TextEncodings? {
        let key = label.lowercased()
        func foundation(_ name: String, _ enc: String.Encoding) -> TextEncodings {
            TextEncodings(name: name, encode: { s in s.data(using: enc).map { [UInt8]($0) } },
                          decode: { b in String(data: .init(b), encoding: enc) })
        }
        switch key {
        case "utf-8", "utf8", "csutf8":
            return TextEncodings(name: "UTF-8", encode: { Array($0.utf8) }, decode: { String(validating: $0, as: UTF8.self) })
        case "utf-16", "csutf16":
            return TextEncodings(name: "UTF-16", encode: { [0xFE, 0xFF] + utf16($0, bigEndian: true) },
                                 decode: { b in
                                     if b.starts(with: [0xFF, 0xFE]) { return fromUTF16(Array(b.dropFirst(2)), bigEndian: false) }
                                     if b.starts(with: [0xFE, 0xFF]) { return fromUTF16(Array(b.dropFirst(2)), bigEndian: true) }
                                     return fromUTF16(b, bigEndian: true)
                                 })
        case "utf-16be", "csutf16be":
            return TextEncodings(name: "UTF-16BE", encode: { utf16($0, bigEndian: true) }, decode: { fromUTF16($0, bigEndian: true) })
        case "utf-16le", "csutf16le":
            return TextEncodings(name: "UTF-16LE", encode: { utf16($0, bigEndian: false) }, decode: { fromUTF16($0, bigEndian: false) })
        case "us-ascii", "ascii", "iso646-us", "csascii", "ansi_x3.4-1968", "us":
            return foundation("US-ASCII", .ascii)
        case "iso-8859-1", "iso_8859-1", "latin1", "l1", "cp819", "csisolatin1", "ibm819", "iso_8859-1:1987":
            return foundation("ISO-8859-1", .isoLatin1)
        case "iso-8859-2", "iso_8859-2", "latin2", "l2", "csisolatin2":
            return foundation("ISO-8859-2", .isoLatin2)
        case "windows-1252", "cswindows1252":
            return foundation("windows-1252", .windowsCP1252)
        case "windows-1250", "cswindows1250":
            return foundation("windows-1250", .windowsCP1250)
        case "windows-1251", "cswindows1251":
            return foundation("windows-1251", .windowsCP1251)
        case "shift_jis", "ms_kanji", "csshiftjis":
            return foundation("Shift_JIS", .shiftJIS)
        case "euc-jp", "cseucpkdfmtjapanese":
            return foundation("EUC-JP", .japaneseEUC)
        default:
            return nil
        }
    }

    private static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
    }

    private static func fromUTF16(_ b: [UInt8], bigEndian: Bool) -> String? {
        guard b.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        for k in stride(from: 0, to: b.count, by: 2) {
            units.append(bigEndian ? UInt16(b[k]) << 8 | UInt16(b[k + 1]) : UInt16(b[k + 1]) << 8 | UInt16(b[k]))
        }
        return String(decoding: units, as: UTF16.self)
    }
}
