/// DEFLATE (RFC 1951) and zlib (RFC 1950) decompression, enough to read the PNG screenshots
/// headless Chromium writes: stored, fixed-Huffman and dynamic-Huffman blocks. A test helper,
/// since Foundation on Linux has no public zlib API and the package takes no dependencies.
enum Inflate {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A zlib stream: the two-byte header, deflate data, and an Adler-32 checksum (checked).
    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6 else { throw Failure(description: "zlib stream too short") }
        let cmf = Int(data[0]), flg = Int(data[1])
        guard cmf & 0x0F == 8, (cmf << 8 | flg) % 31 == 0 else { throw Failure(description: "not a zlib deflate stream") }
        guard flg & 0x20 == 0 else { throw Failure(description: "zlib preset dictionary not supported") }
        let out = try raw(Array(data[2...]))
        let tail = data.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler32(out) == tail else { throw Failure(description: "zlib checksum mismatch") }
        return out
    }

    static func adler32(_ d: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in d { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }

    struct Bits {
        let bytes: [UInt8]
        var pos = 0
        var buffer = 0
        var count = 0

        mutating func read(_ n: Int) throws -> Int {
            while count < n {
                guard pos < bytes.count else { throw Failure(description: "deflate data ends early") }
                buffer |= Int(bytes[pos]) << count
                pos += 1
                count += 8
            }
            let v = buffer & ((1 << n) - 1)
            buffer >>= n
            count -= n
            return v
        }

        mutating func alignToByte() { buffer = 0; count = 0 }
    }

    /// Canonical Huffman code: symbol counts per length and symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var left = 1
            for len in 1...15 {
                left <<= 1
                left -= counts[len]
                guard left >= 0 else { throw Failure(description: "over-subscribed Huffman code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (sym, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = sym
                offsets[l] += 1
            }
        }

        func decode(_ bits: inout Bits) throws -> Int {
            var code = 0, first = 0, index = 0
            for len in 1...15 {
                code |= try bits.read(1)
                let count = counts[len]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(description: "invalid Huffman code")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    static let fixed: (Huffman, Huffman)? = {
        var l = [Int](repeating: 8, count: 288)
        for i in 144..<256 { l[i] = 9 }
        for i in 256..<280 { l[i] = 7 }
        guard let lit = try? Huffman(lengths: l), let dist = try? Huffman(lengths: [Int](repeating: 5, count: 30)) else { return nil }
        return (lit, dist)
    }()

    static func raw(_ data: [UInt8]) throws -> [UInt8] {
        var bits = Bits(bytes: data)
        var out: [UInt8] = []
        var last = 0
        repeat {
            last = try bits.read(1)
            switch try bits.read(2) {
            case 0:
                bits.alignToByte()
                guard bits.pos + 4 <= data.count else { throw Failure(description: "stored block header ends early") }
                let len = Int(data[bits.pos]) | Int(data[bits.pos + 1]) << 8
                let nlen = Int(data[bits.pos + 2]) | Int(data[bits.pos + 3]) << 8
                guard len == ~nlen & 0xFFFF else { throw Failure(description: "stored block length check failed") }
                bits.pos += 4
                guard bits.pos + len <= data.count else { throw Failure(description: "stored block ends early") }
                out.append(contentsOf: data[bits.pos..<bits.pos + len])
                bits.pos += len
            case 1:
                guard let f = fixed else { throw Failure(description: "fixed Huffman tables unavailable") }
                try codes(&bits, &out, f.0, f.1)
            case 2:
                let (lit, dist) = try dynamicTables(&bits)
                try codes(&bits, &out, lit, dist)
            default:
                throw Failure(description: "invalid deflate block type")
            }
        } while last == 0
        return out
    }

    static func dynamicTables(_ bits: inout Bits) throws -> (Huffman, Huffman) {
        let nlen = try bits.read(5) + 257, ndist = try bits.read(5) + 1, ncode = try bits.read(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<ncode { codeLengths[order[i]] = try bits.read(3) }
        let lencode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < nlen + ndist {
            let sym = try lencode.decode(&bits)
            switch sym {
            case 0...15: lengths.append(sym)
            case 16:
                guard let prev = lengths.last else { throw Failure(description: "repeat with no previous length") }
                lengths += [Int](repeating: prev, count: 3 + (try bits.read(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits.read(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits.read(7)))
            }
        }
        guard lengths.count == nlen + ndist else { throw Failure(description: "too many code lengths") }
        return (try Huffman(lengths: Array(lengths[0..<nlen])), try Huffman(lengths: Array(lengths[nlen...])))
    }

    static func codes(_ bits: inout Bits, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman) throws {
        while true {
            let sym = try lit.decode(&bits)
            if sym < 256 { out.append(UInt8(sym)); continue }
            if sym == 256 { return }
            let li = sym - 257
            guard li < lengthBase.count else { throw Failure(description: "invalid length symbol") }
            let len = lengthBase[li] + (try bits.read(lengthExtra[li]))
            let di = try dist.decode(&bits)
            guard di < distBase.count else { throw Failure(description: "invalid distance symbol") }
            let d = distBase[di] + (try bits.read(distExtra[di]))
            guard d <= out.count else { throw Failure(description: "distance too far back") }
            let start = out.count - d
            for i in 0..<len { out.append(out[start + i]) }
        }
    }
}
