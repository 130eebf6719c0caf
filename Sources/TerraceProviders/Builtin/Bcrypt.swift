/// bcrypt (`$2a$`), as Go's `golang.org/x/crypto/bcrypt` computes it for `random_password`'s
/// `bcrypt_hash`: the expensive Blowfish key schedule over the password (NUL-terminated, at
/// most 72 bytes) and a 16-byte salt, then "OrpheanBeholderScryDoubt" encrypted 64 times.
public enum Bcrypt {
    public static let defaultCost = 10
    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A hash of `password` with a fresh random salt.
    public static func hash(_ password: String, cost: Int = defaultCost) -> String {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return hash(password, salt: salt, cost: cost)
    }

    /// The hash of `password` with `salt` (16 bytes) and `cost` (4–31).
    public static func hash(_ password: String, salt: [UInt8], cost: Int) -> String {
        var key = Array(password.utf8.prefix(72))
        if key.count < 72 { key.append(0) }
        var bf = Blowfish()
        bf.expand(key: key, salt: salt)
        for _ in 0..<(1 << cost) {
            bf.expand(key: key, salt: nil)
            bf.expand(key: salt, salt: nil)
        }
        let magic = Array("OrpheanBeholderScryDoubt".utf8)
        var pos = 0
        var words: [UInt32] = []
        for _ in 0..<6 { words.append(Blowfish.word(magic, &pos)) }
        for _ in 0..<64 {
            for j in stride(from: 0, to: 6, by: 2) {
                var l = words[j], r = words[j + 1]
                bf.encrypt(&l, &r)
                words[j] = l
                words[j + 1] = r
            }
        }
        var text: [UInt8] = []
        for w in words {
            text.append(UInt8(truncatingIfNeeded: w >> 24))
            text.append(UInt8(truncatingIfNeeded: w >> 16))
            text.append(UInt8(truncatingIfNeeded: w >> 8))
            text.append(UInt8(truncatingIfNeeded: w))
        }
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$\(costText)$" + encode(salt) + encode(Array(text.prefix(23)))
    }

    /// Checks a password against a `$2a$`/`$2b$` hash.
    public static func verify(_ password: String, hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count == 3, ["2a", "2b", "2y"].contains(parts[0]), let cost = Int(parts[1]), parts[2].count == 53,
              let salt = decode(String(parts[2].prefix(22)), count: 16) else { return false }
        let recomputed = self.hash(password, salt: salt, cost: cost)
        return recomputed.suffix(31) == parts[2].suffix(31)
    }

    /// bcrypt's base64: its own alphabet, no padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            if i + 1 < bytes.count { out.append(alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)]) }
            if i + 2 < bytes.count { out.append(alphabet[Int(b2 & 0x3f)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String, count: Int) -> [UInt8]? {
        var values: [UInt8] = []
        for c in s.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(UInt8(v))
        }
        var out: [UInt8] = []
        var i = 0
        while i < values.count && out.count < count {
            let c0 = values[i], c1 = i + 1 < values.count ? values[i + 1] : 0
            let c2 = i + 2 < values.count ? values[i + 2] : 0, c3 = i + 3 < values.count ? values[i + 3] : 0
            out.append(c0 << 2 | c1 >> 4)
            if out.count < count { out.append((c1 & 0x0f) << 4 | c2 >> 2) }
            if out.count < count { out.append((c2 & 0x03) << 6 | c3) }
            i += 4
        }
        return out.count == count ? out : nil
    }
}

/// Blowfish's state (P-array then the four S-boxes, 1,042 words) and the two key schedules
/// bcrypt uses. The work runs on raw buffers: bcrypt's cost is millions of rounds, and
/// unchecked access keeps even unoptimised builds fast.
struct Blowfish {
    var state: [UInt32] = PiWords.blowfish

    static func word(_ data: [UInt8], _ pos: inout Int) -> UInt32 {
        var w: UInt32 = 0
        for _ in 0..<4 {
            w = w << 8 | UInt32(data[pos])
            pos = (pos + 1) % data.count
        }
        return w
    }

    mutating func encrypt(_ l: inout UInt32, _ r: inout UInt32) {
        state.withUnsafeMutableBufferPointer { b in
            if let base = b.baseAddress { Self.encrypt(base, &l, &r) }
        }
    }

    @inline(__always)
    static func encrypt(_ st: UnsafeMutablePointer<UInt32>, _ l: inout UInt32, _ r: inout UInt32) {
        let s = st + 18
        var xl = l, xr = r
        var i = 0
        while i < 16 {
            xl ^= st[i]
            xr ^= ((s[Int(xl >> 24)] &+ s[256 + Int(xl >> 16 & 0xff)]) ^ s[512 + Int(xl >> 8 & 0xff)]) &+ s[768 + Int(xl & 0xff)]
            let t = xl; xl = xr; xr = t
            i += 1
        }
        let t = xl; xl = xr; xr = t
        xr ^= st[16]
        xl ^= st[17]
        l = xl
        r = xr
    }

    /// The key schedule, mixing in `salt` when given (bcrypt's `expandKeyWithSalt`).
    mutating func expand(key: [UInt8], salt: [UInt8]?) {
        var pos = 0
        var keyWords: [UInt32] = []
        for _ in 0..<18 { keyWords.append(Self.word(key, &pos)) }
        var saltWords: [UInt32] = []
        if let salt {
            var spos = 0
            for _ in 0..<4 { saltWords.append(Self.word(salt, &spos)) }
        }
        state.withUnsafeMutableBufferPointer { b in
            guard let st = b.baseAddress else { return }
            for i in 0..<18 { st[i] ^= keyWords[i] }
            var l: UInt32 = 0, r: UInt32 = 0
            var si = 0
            var i = 0
            while i < 18 + 1024 {
                if !saltWords.isEmpty {
                    l ^= saltWords[si]
                    r ^= saltWords[si + 1]
                    si = (si + 2) % 4
                }
                Self.encrypt(st, &l, &r)
                st[i] = l
                st[i + 1] = r
                i += 2
            }
        }
    }
}
