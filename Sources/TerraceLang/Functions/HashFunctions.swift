import Foundation

/// Hashing functions: md5 sha1 sha256 sha512 base64sha256 base64sha512, their file variants
/// (filemd5 filesha1 filesha256 filesha512 filebase64sha256 filebase64sha512), and uuid
/// (unknown while planning) and uuidv5 (Terraform's `funcs` package).
extension Builtins {
    static func stringHash(_ digest: @escaping @Sendable ([UInt8]) -> [UInt8], _ encode: @escaping @Sendable ([UInt8]) -> String) -> Function {
        Function(params: [.init("str", .string)], returns: .string) { args in
            .string(encode(digest(Array(str(args[0]).utf8))))
        }
    }

    static func fileHash(_ baseDir: String, _ digest: @escaping @Sendable ([UInt8]) -> [UInt8],
                         _ encode: @escaping @Sendable ([UInt8]) -> String) -> Function {
        Function(params: [.init("path", .string)], returns: .string) { args throws(Function.Failure) in
            let full = try resolve(str(args[0]), baseDir)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw Function.Failure("open \(full): no such file or directory")
            }
            return .string(encode(digest([UInt8](data))))
        }
    }

    static func hashFunctions(baseDir: String, planning: Bool) -> [String: Function] {
        let b64: @Sendable ([UInt8]) -> String = { Base64.encode($0) }
        return [
            "md5": stringHash(Digest.md5, Digest.hex),
            "sha1": stringHash(Digest.sha1, Digest.hex),
            "sha256": stringHash(Digest.sha256, Digest.hex),
            "sha512": stringHash(Digest.sha512, Digest.hex),
            "base64sha256": stringHash(Digest.sha256, b64),
            "base64sha512": stringHash(Digest.sha512, b64),
            "filemd5": fileHash(baseDir, Digest.md5, Digest.hex),
            "filesha1": fileHash(baseDir, Digest.sha1, Digest.hex),
            "filesha256": fileHash(baseDir, Digest.sha256, Digest.hex),
            "filesha512": fileHash(baseDir, Digest.sha512, Digest.hex),
            "filebase64sha256": fileHash(baseDir, Digest.sha256, b64),
            "filebase64sha512": fileHash(baseDir, Digest.sha512, b64),
            "uuid": Function(params: [], returns: .string) { _ in
                // hashicorp/go-uuid: 16 random bytes, no version or variant bits set.
                planning ? .unknown(.string) : .string(UUIDText.format((0..<16).map { _ in UInt8.random(in: 0...255) }))
            },
            "uuidv5": Function(params: [.init("namespace", .string), .init("name", .string)], returns: .string) { args throws(Function.Failure) in
                let ns = str(args[0])
                let known = ["dns": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "url": "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
                             "oid": "6ba7b812-9dad-11d1-80b4-00c04fd430c8", "x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8"]
                guard let bytes = UUIDText.parse(known[ns] ?? ns) else {
                    throw Function.Failure("uuidv5() doesn't support namespace \(ns) (invalid UUID length: \(ns.utf8.count))")
                }
                var h = Array(Digest.sha1(bytes + Array(str(args[1]).utf8)).prefix(16))
                h[6] = h[6] & 0x0F | 0x50
                h[8] = h[8] & 0x3F | 0x80
                return .string(UUIDText.format(h))
            },
        ]
    }
}

/// UUID text: 36 characters with hyphens, or the other forms google/uuid accepts.
enum UUIDText {
    static func parse(_ s: String) -> [UInt8]? {
        var t = s.lowercased()
        if t.hasPrefix("urn:uuid:") { t.removeFirst(9) }
        if t.hasPrefix("{") && t.hasSuffix("}") { t = String(t.dropFirst().dropLast()) }
        let hexOnly = t.count == 32 ? t : (t.count == 36 ? t.replacingOccurrences(of: "-", with: "") : "")
        guard hexOnly.count == 32 else { return nil }
        if t.count == 36 {
            let chars = Array(t)
            guard chars[8] == "-", chars[13] == "-", chars[18] == "-", chars[23] == "-" else { return nil }
        }
        var out: [UInt8] = []
        let chars = Array(hexOnly)
        for k in stride(from: 0, to: 32, by: 2) {
            guard let b = UInt8(String(chars[k...k + 1]), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    static func format(_ b: [UInt8]) -> String {
        let h = Digest.hex(b)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}
