import Foundation
import Testing
@testable import TerraceLang
import TerraceTestSupport

/// Encodings and digests that have no Foundation implementation on Linux.
@Suite struct EncodingTests {
    /// `base64gzip` must produce gzip any gunzip reads (Terrace's deflate is not Go's).
    @Test(arguments: ["", "hello", String(repeating: "abcabcabd", count: 500), "héllo wörld\n",
                      (0..<3000).map { String($0 % 251) }.joined(separator: ",")])
    func gzipRoundTripsThroughGunzip(_ text: String) throws {
        let gunzip = ["/usr/bin/gunzip", "/bin/gunzip", "/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(gunzip != nil, "no gunzip on this machine")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: gunzip!)
        p.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(Deflate.gzip(Array(text.utf8))))
        try input.fileHandleForWriting.close()
        let data = readAll(output.fileHandleForReading.fileDescriptor)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == text)
    }

    @Test func compressionShrinksRepetitiveInput() {
        let text = Array(String(repeating: "terraform ", count: 1000).utf8)
        #expect(Deflate.gzip(text).count < text.count / 10)
    }

    @Test(arguments: [
        ("abc", "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func digestsMatchPublishedVectors(_ input: String, _ md5: String, _ sha1: String, _ sha256: String) {
        let bytes = Array(input.utf8)
        #expect(Digest.hex(Digest.md5(bytes)) == md5)
        #expect(Digest.hex(Digest.sha1(bytes)) == sha1)
        #expect(Digest.hex(Digest.sha256(bytes)) == sha256)
    }

    @Test func sha512MatchesThePublishedVector() {
        #expect(Digest.hex(Digest.sha512(Array("abc".utf8))) ==
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    }

    @Test func base64DecodingReportsGoOffsets() {
        if case .failure(let e) = Base64.decode("ab!d") { #expect(e.offset == 2) } else { Issue.record("expected failure") }
        if case .failure(let e) = Base64.decode("abc") { #expect(e.offset == 0) } else { Issue.record("expected failure") }
        #expect((try? Base64.decode("aGk=\n").get()) == Array("hi".utf8))
    }
}
