/// Standard base64 (RFC 4648, padded) with Go's decoder rules: `\r` and `\n` are ignored,
/// padding is required, and an error names the offset of the first bad byte.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var v = UInt32(bytes[i]) << 16
            if rest == 2 { v |= UInt32(bytes[i + 1]) << 8 }
            out += [alphabet[Int(v >> 18 & 63)], alphabet[Int(v >> 12 & 63)]]
            out += rest == 2 ? [alphabet[Int(v >> 6 & 63)], 61] : [61, 61]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    /// Decodes, or returns the offset Go's `CorruptInputError` reports.
    static func decode(_ text: String) -> Result<[UInt8], CorruptInput> {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        var si = 0
        while si < src.count {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var trailing: Int?
            quantum: while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return .failure(CorruptInput(offset: si - j))
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF {
                    dbuf[j] = v
                    j += 1
                    continue
                }
                if c == 10 || c == 13 { continue }
                guard c == 61 else { return .failure(CorruptInput(offset: si - 1)) }
                switch j {
                case 0, 1: return .failure(CorruptInput(offset: si - 1))
                case 2:
                    while si < src.count, src[si] == 10 || src[si] == 13 { si += 1 }
                    if si == src.count { return .failure(CorruptInput(offset: src.count)) }
                    guard src[si] == 61 else { return .failure(CorruptInput(offset: si - 1)) }
                    si += 1
                default: break
                }
                while si < src.count, src[si] == 10 || src[si] == 13 { si += 1 }
                if si < src.count { trailing = si }
                dlen = j
                break quantum
            }
            let v = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            out += bytes.prefix(dlen - 1)
            if let trailing { return .failure(CorruptInput(offset: trailing)) }
        }
        return .success(out)
    }

    struct CorruptInput: Error { var offset: Int }
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, space becomes `+`, every other
/// byte is `%XX` in upper-case hex.
enum URLEncoding {
    static func queryEscape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 65...90, 97...122, 48...57, 45, 95, 46, 126: out.unicodeScalars.append(Unicode.Scalar(b))
            case 32: out += "+"
            default: out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}
