/// A small DEFLATE (RFC 1951) compressor and the gzip (RFC 1952) wrapper, for `base64gzip`:
/// Foundation on Linux has no zlib API. LZ77 matching over a 32 KiB window with hash chains,
/// encoded with the fixed Huffman codes. The output is valid gzip that any gunzip reads; it is
/// not byte-for-byte what Go's `compress/gzip` writes (its compressor differs).
enum Deflate {
    /// A gzip member as Go writes its header: no name, mtime 0, OS "unknown" (255).
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        out += compress(data)
        let crc = CRC32.checksum(data)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(crc >> UInt32(shift) & 0xFF)) }
        let size = UInt32(truncatingIfNeeded: data.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(size >> UInt32(shift) & 0xFF)) }
        return out
    }

    /// One final block with fixed Huffman codes.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.write(1, bits: 1)        // BFINAL
        w.write(1, bits: 2)        // BTYPE = fixed Huffman
        let windowSize = 32768, minMatch = 3, maxMatch = 258, maxChain = 64
        var head = [Int](repeating: -1, count: 1 << 15)
        var prev = [Int](repeating: -1, count: max(1, data.count))
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & 0x7FFF
        }
        func insert(_ i: Int) {
            guard i + 2 < data.count else { return }
            let h = hash(i)
            prev[i] = head[h]
            head[h] = i
        }
        var i = 0
        while i < data.count {
            var bestLen = 0, bestDist = 0
            if i + minMatch <= data.count {
                var candidate = head[hash(i)]
                var chain = 0
                while candidate >= 0, i - candidate <= windowSize, chain < maxChain {
                    var l = 0
                    while l < maxMatch, i + l < data.count, data[candidate + l] == data[i + l] { l += 1 }
                    if l > bestLen { bestLen = l; bestDist = i - candidate }
                    if l == maxMatch { break }
                    candidate = prev[candidate]
                    chain += 1
                }
            }
            if bestLen >= minMatch {
                writeLength(&w, bestLen)
                writeDistance(&w, bestDist)
                for k in 0..<bestLen { insert(i + k) }
                i += bestLen
            } else {
                writeLiteral(&w, Int(data[i]))
                insert(i)
                i += 1
            }
        }
        writeLiteral(&w, 256)    // end of block
        return w.finish()
    }

    /// The fixed literal/length code for `symbol` (0…287).
    private static func writeLiteral(_ w: inout BitWriter, _ symbol: Int) {
        switch symbol {
        case 0...143: w.writeReversed(0x30 + symbol, bits: 8)
        case 144...255: w.writeReversed(0x190 + symbol - 144, bits: 9)
        case 256...279: w.writeReversed(symbol - 256, bits: 7)
        default: w.writeReversed(0xC0 + symbol - 280, bits: 8)
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                   4097, 6145, 8193, 12289, 16385, 24577]
    private static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static func writeLength(_ w: inout BitWriter, _ length: Int) {
        var code = lengthBase.count - 1
        while lengthBase[code] > length { code -= 1 }
        writeLiteral(&w, 257 + code)
        if lengthExtra[code] > 0 { w.write(length - lengthBase[code], bits: lengthExtra[code]) }
    }

    private static func writeDistance(_ w: inout BitWriter, _ dist: Int) {
        var code = distBase.count - 1
        while distBase[code] > dist { code -= 1 }
        w.writeReversed(code, bits: 5)
        if distExtra[code] > 0 { w.write(dist - distBase[code], bits: distExtra[code]) }
    }

    /// Bits packed least significant first, as DEFLATE stores them.
    struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var count = 0

        mutating func write(_ value: Int, bits: Int) {
            current |= UInt32(value) << UInt32(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(current & 0xFF))
                current >>= 8
                count -= 8
            }
        }

        /// Huffman codes are stored most significant bit first.
        mutating func writeReversed(_ code: Int, bits: Int) {
            var r = 0
            for k in 0..<bits where code & (1 << k) != 0 { r |= 1 << (bits - 1 - k) }
            write(r, bits: bits)
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(current & 0xFF)) }
            return bytes
        }
    }
}

/// CRC-32 (IEEE 802.3), as gzip's trailer and Go's `hash/crc32` compute it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFFFFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFFFFFF
    }
}
