import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport
@testable import TerraceCost

/// Seeded mutation fuzzing of the usage-file reader (its YAML subset and the usage model on
/// top): every input ends in a usage file or in error diagnostics that say what and where,
/// quickly, and never crashes. CI runs a short round; `TERRACE_FUZZ_ITERATIONS` sets a longer
/// one (`scripts/reliability/fuzz.sh`, figures in docs/reliability.md).
@Suite struct UsageFileFuzzTests {
    static var iterations: Int { Int(ProcessInfo.processInfo.environment["TERRACE_FUZZ_ITERATIONS"] ?? "") ?? 3000 }

    /// The Social Flow environments' usage files and a few shapes of YAML they do not use.
    static func corpus() -> [[UInt8]] {
        let root = TerraceProcess.packageRoot + "/environments"
        var out = FileSystem.list(root).filter { $0.hasSuffix(".usage.yml") }.compactMap { try? FileSystem.read("\(root)/\($0)") }
        out.append(Array(UsageFileTests.file.utf8))
        out.append(Array("""
        version: "0.1"
        # comment
        resource_usage:
          'aws_lambda_function.f[*]': {monthly_requests: 1e6, request_duration_ms: 250}
          aws_s3_bucket.b:
            - not: a map
          "module.x.aws_nat_gateway.n[\\"k\\"]":
            monthly_data_processed_gb: -5
        resource_type_default_usage: ~
        """.utf8))
        return out
    }

    @Test func usageFileReaderNeverCrashes() {
        let corpus = Self.corpus()
        #expect(corpus.count >= 4)
        var m = Mutator(seed: 4, corpus: corpus)
        var accepted = 0, rejected = 0
        let clock = ContinuousClock(), started = clock.now
        var slowest: Duration = .zero
        for _ in 0..<Self.iterations {
            let input = m.mutate()
            let t = clock.now
            let (file, d) = UsageFile.parse(String(decoding: input, as: UTF8.self), filename: "fuzz.usage.yml")
            let elapsed = clock.now - t
            slowest = max(slowest, elapsed)
            #expect(elapsed < .seconds(2), "hang: \(String(decoding: input, as: UTF8.self))")
            // A rejected file says why, and where.
            #expect(file != nil || d.hasErrors, "\(String(decoding: input, as: UTF8.self))")
            #expect(d.errors.allSatisfy { !$0.summary.isEmpty && !$0.detail.isEmpty && $0.subject != nil }, "\(d)")
            if d.hasErrors { rejected += 1 } else { accepted += 1 }
        }
        #expect(rejected > 0 && accepted > 0)
        print("fuzz usage-file reader: \(Self.iterations) inputs, \(accepted) accepted, \(rejected) rejected with a diagnostic, 0 crashes, slowest input \(slowest), \(ContinuousClock.now - started)")
    }
}
