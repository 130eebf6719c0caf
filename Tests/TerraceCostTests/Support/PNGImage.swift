/// A decoded 8-bit PNG (greyscale, RGB or RGBA, not interlaced) as RGBA pixels: what the
/// HTML test needs to look at a Chromium screenshot.
struct PNGImage {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Pixel: Hashable {
        var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    }

    let width: Int
    let height: Int
    /// RGBA, row by row.
    let rgba: [UInt8]

    func pixel(_ x: Int, _ y: Int) -> Pixel {
        let i = (y * width + x) * 4
        return Pixel(r: rgba[i], g: rgba[i + 1], b: rgba[i + 2], a: rgba[i + 3])
    }

    init(_ data: [UInt8]) throws {
        guard data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(description: "not a PNG file") }
        var pos = 8
        var idat: [UInt8] = []
        var header: (w: Int, h: Int, depth: UInt8, color: UInt8, interlace: UInt8)?
        func u32(_ p: Int) -> Int { Int(data[p]) << 24 | Int(data[p + 1]) << 16 | Int(data[p + 2]) << 8 | Int(data[p + 3]) }
        while pos + 8 <= data.count {
            let len = u32(pos)
            let type = String(decoding: data[pos + 4..<pos + 8], as: UTF8.self)
            guard pos + 12 + len <= data.count else { throw Failure(description: "chunk \(type) runs past the end") }
            let body = Array(data[pos + 8..<pos + 8 + len])
            switch type {
            case "IHDR":
                guard len == 13 else { throw Failure(description: "bad IHDR") }
                header = (u32(pos + 8), u32(pos + 12), body[8], body[9], body[12])
            case "IDAT": idat += body
            case "IEND": pos = data.count
            default: break
            }
            pos += 12 + len
        }
        guard let h = header else { throw Failure(description: "no IHDR chunk") }
        guard h.depth == 8, h.interlace == 0 else { throw Failure(description: "only 8-bit non-interlaced PNGs are supported") }
        let channels: Int
        switch h.color {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Failure(description: "colour type \(h.color) not supported")
        }
        let raw = try Inflate.zlib(idat)
        let stride = h.w * channels
        guard raw.count >= h.h * (stride + 1) else { throw Failure(description: "image data too short") }
        var rows = [UInt8](repeating: 0, count: h.h * stride)
        for y in 0..<h.h {
            let filter = raw[y * (stride + 1)]
            let src = y * (stride + 1) + 1
            let dst = y * stride
            for x in 0..<stride {
                let v = Int(raw[src + x])
                let a = x >= channels ? Int(rows[dst + x - channels]) : 0
                let b = y > 0 ? Int(rows[dst - stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(rows[dst - stride + x - channels]) : 0
                let out: Int
                switch filter {
                case 0: out = v
                case 1: out = v + a
                case 2: out = v + b
                case 3: out = v + (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
                default: throw Failure(description: "unknown filter type \(filter)")
                }
                rows[dst + x] = UInt8(out & 0xFF)
            }
        }
        var rgba = [UInt8](repeating: 255, count: h.w * h.h * 4)
        for i in 0..<(h.w * h.h) {
            let s = i * channels
            switch channels {
            case 1, 2:
                rgba[i * 4] = rows[s]; rgba[i * 4 + 1] = rows[s]; rgba[i * 4 + 2] = rows[s]
                if channels == 2 { rgba[i * 4 + 3] = rows[s + 1] }
            default:
                rgba[i * 4] = rows[s]; rgba[i * 4 + 1] = rows[s + 1]; rgba[i * 4 + 2] = rows[s + 2]
                if channels == 4 { rgba[i * 4 + 3] = rows[s + 3] }
            }
        }
        width = h.w
        height = h.h
        self.rgba = rgba
    }
}
