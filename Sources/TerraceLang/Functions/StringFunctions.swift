/// String functions: chomp indent join lower replace split strrev substr title trim trimprefix
/// trimsuffix trimspace upper (cty's stdlib and Terraform's `replace`). Lengths and offsets
/// count grapheme clusters; case mapping is Go's per-character simple mapping.
extension Builtins {
    static func str(_ v: Value) -> String { v.stringValue ?? "" }

    static func stringFunction(_ names: [String], _ body: @escaping @Sendable ([String]) throws(Function.Failure) -> String) -> Function {
        Function(params: names.map { Function.Param($0, .string) }, returns: .string) { args throws(Function.Failure) in
            .string(try body(args.map(str)))
        }
    }

    static let stringFunctions: [String: Function] = [
        "upper": Function(params: [.init("str", .string, allowDynamicType: true)], returns: .string) { args in
            .string(GoStrings.mapScalars(str(args[0]), GoStrings.toUpper))
        },
        "lower": Function(params: [.init("str", .string, allowDynamicType: true)], returns: .string) { args in
            .string(GoStrings.mapScalars(str(args[0]), GoStrings.toLower))
        },
        "strrev": Function(params: [.init("str", .string, allowDynamicType: true)], returns: .string) { args in
            .string(String(str(args[0]).reversed()))
        },
        "substr": Function(params: [.init("str", .string, allowDynamicType: true), .init("offset", .number, allowDynamicType: true),
                                    .init("length", .number, allowDynamicType: true)], returns: .string) { args throws(Function.Failure) in
            let chars = Array(str(args[0]))
            var offset = try goInt(args[1])
            let length = try goInt(args[2])
            if offset < 0 {
                offset += chars.count
            } else if length == 0 {
                return .string("")
            }
            // The loops below follow cty's, quirks included.
            var sub = chars[...]
            if offset > 0 {
                var i = 0, pos = 0
                while i < sub.count {
                    i += 1
                    pos += 1
                    if pos == offset { break }
                    if i >= chars.count { return .string("") }
                }
                sub = sub.dropFirst(i)
            }
            if length < 0 { return .string(String(sub)) }
            var i = 0, pos = 0
            while i < sub.count {
                i += 1
                pos += 1
                if pos == length { break }
            }
            return .string(String(sub.prefix(i)))
        },
        "join": Function(params: [.init("separator", .string)], variadic: .init("lists", .list(.string)), returns: .string) { args throws(Function.Failure) in
            let lists = args.dropFirst()
            guard !lists.isEmpty else { throw Function.Failure("at least one list is required") }
            if lists.contains(where: { !$0.isWhollyKnown }) { return .unknown(.string) }
            var items: [String] = []
            for (ai, list) in lists.enumerated() {
                for (ei, v) in (list.elements ?? []).enumerated() {
                    guard let s = v.stringValue else {
                        if lists.count > 1 {
                            throw Function.Failure("element \(ei) of list \(ai + 1) is null; cannot concatenate null values", argument: ai + 1)
                        }
                        throw Function.Failure("element \(ei) is null; cannot concatenate null values", argument: ai + 1)
                    }
                    items.append(s)
                }
            }
            return .string(items.joined(separator: str(args[0])))
        },
        "split": Function(params: [.init("separator", .string), .init("str", .string)], returns: .list(.string)) { args in
            let parts = GoStrings.split(str(args[1]), separator: str(args[0]))
            return Value(.list(parts.map { .string($0) }, element: .string))
        },
        "chomp": stringFunction(["str"]) { a in
            var s = Array(a[0].unicodeScalars)
            while let last = s.last, last == "\n" || last == "\r" { s.removeLast() }
            return String(String.UnicodeScalarView(s))
        },
        "indent": Function(params: [.init("spaces", .number), .init("str", .string)], returns: .string) { args throws(Function.Failure) in
            let n = try goInt(args[0])
            // Terraform panics on a negative count; Terrace reports it.
            guard n >= 0 else { throw Function.Failure("the number of spaces must not be negative", argument: 0) }
            let pad = String(repeating: " ", count: n)
            return .string(GoStrings.replaceAll(str(args[1]), "\n", "\n" + pad))
        },
        "title": stringFunction(["str"]) { a in GoStrings.title(a[0]) },
        "trimspace": stringFunction(["str"]) { a in String(Substring(a[0]).trimmingGoSpace()) },
        "trim": stringFunction(["str", "cutset"]) { a in
            let cut = Set(a[1].unicodeScalars)
            var s = Array(a[0].unicodeScalars)[...]
            while let f = s.first, cut.contains(f) { s = s.dropFirst() }
            while let l = s.last, cut.contains(l) { s = s.dropLast() }
            return String(String.UnicodeScalarView(s))
        },
        "trimprefix": stringFunction(["str", "prefix"]) { a in
            a[0].utf8.starts(with: a[1].utf8) ? String(decoding: a[0].utf8.dropFirst(a[1].utf8.count), as: UTF8.self) : a[0]
        },
        "trimsuffix": stringFunction(["str", "suffix"]) { a in
            a[0].utf8.reversed().starts(with: a[1].utf8.reversed()) ? String(decoding: a[0].utf8.dropLast(a[1].utf8.count), as: UTF8.self) : a[0]
        },
        "replace": stringFunction(["str", "substr", "replace"]) { a throws(Function.Failure) in
            let (s, sub, rep) = (a[0], a[1], a[2])
            let subBytes = Array(sub.utf8)
            if subBytes.count > 1, subBytes.first == 47, subBytes.last == 47 {
                let pattern = String(decoding: subBytes.dropFirst().dropLast(), as: UTF8.self)
                let re: GoRegexp
                do throws(RegexError) { re = try GoRegexp(pattern) } catch { throw Function.Failure("error parsing regexp: \(error.code): `\(error.expr)`") }
                return re.replaceAll(in: s, with: rep)
            }
            return GoStrings.replaceAll(s, sub, rep)
        },
    ]
}

/// Go's `strings` functions whose edge cases differ from Foundation's.
enum GoStrings {
    /// Go's `unicode.ToUpper`: the simple (one character) mapping, else unchanged.
    static func toUpper(_ u: Unicode.Scalar) -> Unicode.Scalar { single(u.properties.uppercaseMapping) ?? u }
    static func toLower(_ u: Unicode.Scalar) -> Unicode.Scalar { single(u.properties.lowercaseMapping) ?? u }
    static func toTitle(_ u: Unicode.Scalar) -> Unicode.Scalar { single(u.properties.titlecaseMapping) ?? u }

    private static func single(_ s: String) -> Unicode.Scalar? {
        let scalars = s.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    static func mapScalars(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(f(u)) }
        return String(out)
    }

    /// Go's `strings.Title`: the first letter of each word in title case, where words are
    /// separated by anything but letters, digits and `_`.
    static func title(_ s: String) -> String {
        var prev: Unicode.Scalar = " "
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            out.append(isSeparator(prev) ? toTitle(u) : u)
            prev = u
        }
        return String(out)
    }

    static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if r.properties.isAlphabetic || r.properties.generalCategory == .decimalNumber { return false }
        return r.properties.isWhitespace
    }

    /// Go's `strings.Split`: an empty separator splits into single characters (code points).
    static func split(_ s: String, separator: String) -> [String] {
        if separator.isEmpty { return s.unicodeScalars.map { String($0) } }
        let bytes = Array(s.utf8), sep = Array(separator.utf8)
        var out: [String] = []
        var start = 0, i = 0
        while i + sep.count <= bytes.count {
            if bytes[i] == sep[0] && Array(bytes[i..<(i + sep.count)]) == sep {
                out.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }

    /// Go's `strings.Replace(s, old, new, -1)`: an empty `old` matches before every code point
    /// and at the end.
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for u in s.unicodeScalars { out.unicodeScalars.append(u); out += new }
            return out
        }
        return split(s, separator: old).joined(separator: new)
    }
}
