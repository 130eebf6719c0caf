import Foundation
import Testing
@testable import TerraceBench

/// The order `Benchmark.run` starts commands in, seen by a stand-in tool that records each
/// invocation: each step runs at every size before the next step.
struct BenchmarkOrderTests {
    @Test func eachStepRunsAtEverySizeBeforeTheNext() throws {
        let work = NSTemporaryDirectory() + "bench-order-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let log = work + "/calls.log"
        let tool = work + "/fake-terrace"
        // Records "<directory> <command>", and says what a re-plan after apply must say.
        try "#!/bin/sh\necho \"$(basename \"${1#-chdir=}\") $2\" >> \(log)\necho 'No changes.'\n"
            .write(toFile: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool)

        let bench = Benchmark(terrace: .init(name: "terrace", executable: tool), terraform: nil, sizes: [3, 2],
                              terraformSizes: [], terraformApplySizes: [], flavour: .null, repeats: 2,
                              workDir: work, log: { _ in })
        let rows = try bench.run()
        #expect(rows.map(\.size) == [2, 3])
        #expect(rows.allSatisfy { $0.repetitions == 2 && $0.runs.count == 4 })

        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        var expected: [String] = []
        for (suffix, sizes) in [("", [2, 3]), ("-2", [3, 2])] {
            for step in ["validate", "plan", "apply", "plan"] {
                for n in sizes { expected.append("terrace-null-\(n)\(suffix) \(step)") }
            }
        }
        #expect(calls == expected)
    }
}
