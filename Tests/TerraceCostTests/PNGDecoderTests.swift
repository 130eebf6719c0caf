import Foundation
import Testing

/// The test helpers that read Chromium's screenshots: inflate and PNG decoding, against PNGs
/// written by Python's zlib with every filter type and the three deflate block types.
@Suite struct PNGDecoderTests {
    /// 5×5 RGB, rows filtered None, Sub, Up, Average, Paeth; stored (level 0) and fixed-Huffman.
    static let storedRGB = "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAFCAIAAAACDbGyAAAAW0lEQVR4AQFQAK//AAADBSgDBVADBXgDBaADBQEHNQUoAAsoAAsoAAsoAAsCBzIABzILBzIWBzIhBzIsAw5mAxgZFhgZHBgZIRgZJwQHMgAHAAsHABYHACEHACwhHAbT8OFTeQAAAABJRU5ErkJggg=="
    static let fixedRGB = "iVBORw0KGgoAAAANSUhEUgAAAAUAAAAFCAIAAAACDbGyAAAATklEQVR42mNgYGbVYGYNYGatYGZdwMzKyG7KqsHADUdM7EYM7Ebc7EZi7EaK7EY6zHxpzBKSYhKSMhKSihKS6iwgeQZudgYxdgZFdgYdACEcBtOmJGq7AAAAAElFTkSuQmCC"

    static func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        (UInt8((x * 40 + y * 7) % 256), UInt8((y * 50 + 3) % 256), UInt8((x * y * 11 + 5) % 256))
    }

    @Test(arguments: [storedRGB, fixedRGB])
    func rgbWithEveryFilter(_ base64: String) throws {
        let img = try PNGImage([UInt8](try #require(Data(base64Encoded: base64))))
        #expect(img.width == 5 && img.height == 5)
        for y in 0..<5 {
            for x in 0..<5 {
                let (r, g, b) = Self.rgb(x, y)
                #expect(img.pixel(x, y) == PNGImage.Pixel(r: r, g: g, b: b, a: 255), "pixel \(x),\(y)")
            }
        }
    }

    /// 64×48 RGBA, dynamic-Huffman blocks with back-references.
    @Test func rgbaDynamicHuffman() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rgba64x48.png")
        let img = try PNGImage([UInt8](try Data(contentsOf: url)))
        #expect(img.width == 64 && img.height == 48)
        for (x, y) in [(0, 0), (63, 0), (10, 20), (63, 47), (31, 33)] {
            let expected = PNGImage.Pixel(r: UInt8((x * 3) % 256), g: UInt8((y * 5) % 256), b: UInt8(((x ^ y) * 2) % 256),
                                          a: (x + y) % 2 == 1 ? 255 : 128)
            #expect(img.pixel(x, y) == expected, "pixel \(x),\(y)")
        }
    }

    @Test(arguments: [
        [UInt8]([0x89, 0x50, 0x4E, 0x47]),
        [UInt8]("not a png at all".utf8),
    ])
    func rejectsWhatIsNotAPNG(_ bytes: [UInt8]) {
        #expect(throws: PNGImage.Failure.self) { try PNGImage(bytes) }
    }

    @Test func rejectsCorruptDeflateData() {
        #expect(throws: Inflate.Failure.self) { try Inflate.zlib([0x78, 0xDA, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00]) }
        #expect(throws: Inflate.Failure.self) { try Inflate.zlib([0x78, 0x9C, 0x01, 0x05, 0x00, 0x00, 0x00]) }
    }
}
