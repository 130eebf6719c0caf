/// CRC-32 (IEEE), for the IDs the AWS provider derives with `create.StringHashcode`
/// (`r-rtb-0a1b…1080289494` for a route, `sgrule-2771385542` for a security group rule).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ s: String) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in s.utf8 { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// `create.StringHashcode`: the checksum as a non-negative int.
    static func hashcode(_ s: String) -> Int { Int(checksum(s)) }
}
