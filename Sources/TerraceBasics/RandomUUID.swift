/// Random (version 4) UUIDs, lower-case, as `UUID().uuidString.lowercased()` writes them.
///
/// Foundation's `UUID()` on Linux opens, reads and closes `/dev/urandom` for every UUID; an
/// apply makes one per resource (its idempotency token), so 100,000 resources cost 300,000
/// system calls and as many file-system lookups. These take two words from the system's random
/// source (`SystemRandomNumberGenerator`, `getrandom` on Linux) and no file.
public enum RandomUUID {
    public static func string() -> String {
        var g = SystemRandomNumberGenerator()
        let words = (g.next() as UInt64, g.next() as UInt64)
        var bytes = withUnsafeBytes(of: words) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
