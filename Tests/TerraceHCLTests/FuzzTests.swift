import Foundation
import Testing
import TerraceBasics
import TerraceHCL

/// Thousands of seeded random mutations of real configuration files: every one must end in a
/// result or diagnostics, quickly, and never crash or hang.
@Suite struct FuzzTests {
    /// Bytes that matter to the scanner and parser, besides random ones.
    static let interesting: [UInt8] = Array("{}[]()\"'$%~\n\r\t #/*=<>-.,:?!&|\\;`0e9xé".utf8) + [0xFF, 0xC3, 0x80, 0xEF, 0xBB, 0xBF]

    static func seeds() -> [[UInt8]] {
        var out: [[UInt8]] = []
        for name in Fixtures.list("fmt", suffix: ".hcl") { out.append(Fixtures.bytes("fmt", name)) }
        for name in Fixtures.list("diagnostics", suffix: ".hcl") { out.append(Fixtures.bytes("diagnostics", name)) }
        let examples = ((Fixtures.root as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("../../Examples")
        if let walker = FileManager.default.enumerator(atPath: examples) {
            for case let rel as String in walker where rel.hasSuffix(".tf") {
                if let d = FileManager.default.contents(atPath: (examples as NSString).appendingPathComponent(rel)) { out.append([UInt8](d)) }
            }
        }
        return out.filter { !$0.isEmpty }
    }

    static func mutate(_ input: [UInt8], _ rnd: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + rnd.below(4)) {
            guard !b.isEmpty else { break }
            let i = rnd.below(b.count)
            switch rnd.below(6) {
            case 0: b[i] ^= UInt8(1 << rnd.below(8))  // flip a bit
            case 1: b.removeSubrange(i..<min(b.count, i + 1 + rnd.below(8)))  // delete
            case 2: b.insert(interesting[rnd.below(interesting.count)], at: i)  // insert syntax
            case 3: b.insert(UInt8(truncatingIfNeeded: rnd.next()), at: i)  // insert any byte
            case 4: b.removeSubrange(i...)  // truncate
            default:  // duplicate a chunk somewhere else
                let j = rnd.below(b.count)
                let chunk = Array(b[j..<min(b.count, j + 1 + rnd.below(40))])
                b.insert(contentsOf: chunk, at: i)
            }
        }
        return b
    }

    @Test func seedsAreRealFiles() {
        #expect(FuzzTests.seeds().count >= 30)
    }

    /// Inputs per seed: 1000 in CI; `TERRACE_FUZZ_ITERATIONS` (over the three seeds) for the
    /// long run of `scripts/reliability/fuzz.sh` recorded in docs/reliability.md.
    static var perSeed: Int {
        Int(ProcessInfo.processInfo.environment["TERRACE_FUZZ_ITERATIONS"] ?? "").map { max(1, ($0 + 2) / 3) } ?? 1000
    }

    @Test(arguments: [1, 2, 3])
    func mutatedFilesEndInAResultOrDiagnostics(_ seed: UInt64) {
        let seeds = FuzzTests.seeds()
        var rnd = SplitMix64(seed: seed)
        var withErrors = 0, total = 0
        let clock = ContinuousClock()
        var slowest: Duration = .zero
        for _ in 0..<FuzzTests.perSeed {
            let input = FuzzTests.mutate(seeds[rnd.below(seeds.count)], &rnd)
            let start = clock.now
            let (file, diags) = Parser.parse(input, filename: "fuzz.tf", sources: nil)
            let (formatted, fmtDiags) = Formatter.format(input, filename: "fuzz.tf")
            let elapsed = clock.now - start
            slowest = max(slowest, elapsed)
            #expect(elapsed < .seconds(1), "input took \(elapsed): \(String(decoding: input, as: UTF8.self))")
            total += 1
            if diags.hasErrors {
                withErrors += 1
                // Every error says where and why.
                #expect(diags.errors.allSatisfy { !$0.summary.isEmpty && $0.subject != nil }, "\(diags)")
                #expect(formatted == nil)
            } else {
                #expect(formatted != nil, "\(fmtDiags)")
                _ = file.body.variables
            }
        }
        #expect(total == FuzzTests.perSeed)
        // The mutations exercise both paths.
        #expect(withErrors > total / 10 && withErrors < total)
        print("fuzz HCL parser and formatter, seed \(seed): \(total) inputs, \(total - withErrors) accepted, \(withErrors) rejected with a diagnostic, 0 crashes, slowest input \(slowest)")
    }

    @Test func hostileInputs() {
        let clock = ContinuousClock()
        let inputs: [[UInt8]] = [
            Array(repeating: UInt8(ascii: "{"), count: 200_000),
            Array(repeating: UInt8(ascii: "}"), count: 200_000),
            Array("x = ".utf8) + Array(repeating: UInt8(ascii: "\""), count: 100_000),
            Array("x = ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000),
            Array("x = \"".utf8) + Array(repeating: UInt8(ascii: "$"), count: 100_000),
            Array("x = <<EOT\n".utf8) + Array(repeating: UInt8(ascii: "\r"), count: 1000),
            Array(repeating: 0xFF, count: 100_000),
            Array(String(repeating: "a = b\n", count: 10_000).utf8),
            Array(String(repeating: "%{if x}", count: 20_000).utf8),
            Array(("x = \"" + String(repeating: "%{if x}", count: 20_000) + "\"").utf8),
            Array(("x = " + String(repeating: "-", count: 100_000) + "1").utf8),
        ]
        for input in inputs {
            let start = clock.now
            _ = Parser.parse(input, filename: "hostile.tf", sources: nil)
            _ = Formatter.format(input, filename: "hostile.tf")
            #expect(clock.now - start < .seconds(2), "\(input.prefix(20))")
        }
    }
}
