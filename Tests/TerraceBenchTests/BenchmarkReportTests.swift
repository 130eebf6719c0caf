import Testing
@testable import TerraceBench

/// The report of `terrace-bench run`: medians of repeated runs, ratios against Terraform and
/// the targets of docs/benchmarks.md, computed from made-up runs.
struct BenchmarkReportTests {
    func run(_ seconds: Double, mb: Int = 10) -> MeasuredRun {
        MeasuredRun(command: ["x"], status: 0, seconds: seconds, cpuSeconds: seconds, peakBytes: mb << 20)
    }

    func row(_ tool: String, _ n: Int, plan: Double, apply: Double? = nil, replan: Double? = nil, mb: Int = 10) -> Benchmark.Row {
        var r = Benchmark.Row(tool: tool, size: n)
        r.runs[.validate] = run(plan / 2, mb: mb)
        r.runs[.plan] = run(plan, mb: mb)
        if let apply { r.runs[.apply] = run(apply, mb: mb) }
        if let replan { r.runs[.replan] = run(replan, mb: mb) }
        return r
    }

    @Test func eachStepKeepsItsMedianRun() {
        let rows = [row("terrace", 10, plan: 0.5, apply: 9), row("terrace", 10, plan: 0.1, apply: 3),
                    row("terrace", 10, plan: 0.3, apply: 1), row("terrace", 10, plan: 0.2, apply: 2)]
        let m = Benchmark.Row.median(rows)
        #expect(m.repetitions == 4)
        #expect(m.runs[.plan]?.seconds == 0.2)
        #expect(m.runs[.apply]?.seconds == 2)
        #expect(m.runs[.replan] == nil)
    }

    /// Terraform runs at each of its sizes; Terrace then runs each step at every size, in an
    /// order that turns round every other repetition.
    @Test func terraceSizesRunEachStepInTurnInEveryRepetition() {
        let turns = Benchmark.schedule(sizes: [10_000, 1_000], terraformSizes: [5_000, 1_000], repeats: 3)
        let expected: [(Int, [Int], Bool)] = [
            (0, [1_000], true), (0, [5_000], true), (0, [1_000, 5_000, 10_000], false),
            (1, [1_000], true), (1, [5_000], true), (1, [10_000, 5_000, 1_000], false),
            (2, [1_000], true), (2, [5_000], true), (2, [1_000, 5_000, 10_000], false),
        ]
        #expect(turns == expected.map { Benchmark.Turn(repetition: $0.0, sizes: $0.1, terraform: $0.2) })
        #expect(Benchmark.schedule(sizes: [3], terraformSizes: [], repeats: 0) == [Benchmark.Turn(repetition: 0, sizes: [3], terraform: false)])
    }

    @Test func targetsAreMetOrMissedByTheMeasuredRatios() {
        let rows = [row("terrace", 1000, plan: 0.04, apply: 0.1), row("terraform", 1000, plan: 0.88, apply: 4),
                    row("terrace", 5000, plan: 0.2), row("terraform", 5000, plan: 3.8),
                    row("terrace", 10_000, plan: 0.3, apply: 1),
                    row("terrace", 100_000, plan: 3.3, apply: 11, replan: 12, mb: 900)]
        let text = BenchmarkReport.render(rows, flavour: .null)
        #expect(text.contains("- met: plan of 1,000 at least 20× faster than Terraform: 22×"))
        #expect(text.contains("- MISSED: apply of 1,000 at least 50× faster than Terraform: 40×"))
        #expect(text.contains("- MISSED: plan of 5,000 at least 20× faster than Terraform: 19×"))
        #expect(text.contains("- MISSED: re-plan of 100,000 under 10 s: 12.00 s"))
        #expect(text.contains("- met: peak memory of 100,000 under 1 GB: 900 MB"))
        #expect(text.contains("- met: plan time(100,000) / time(10,000) at most 12: 11.0"))
        #expect(text.contains("- met: apply time(100,000) / time(10,000) at most 12: 11.0"))
        #expect(text.contains("| terraform | 5,000 | 1.90 | 3.80 | – | – | 10 |"))
        #expect(!text.contains("in each repetition"))
    }

    /// With repetitions, the report also gives each repetition's own growth ratio.
    @Test func growthOfEachRepetitionIsReported() {
        let small = Benchmark.Row.median([row("terrace", 10_000, plan: 0.2, apply: 1), row("terrace", 10_000, plan: 0.4, apply: 1),
                                          row("terrace", 10_000, plan: 0.2, apply: 2)])
        let big = Benchmark.Row.median([row("terrace", 100_000, plan: 2, apply: 10), row("terrace", 100_000, plan: 2, apply: 10),
                                        row("terrace", 100_000, plan: 5, apply: 11)])
        #expect(small.seconds[.plan] == [0.2, 0.4, 0.2])
        let text = BenchmarkReport.render([small, big], flavour: .null)
        #expect(text.contains("- plan: 10.0, 5.0, 25.0 (median 10.0)\n"))
        #expect(text.contains("- apply: 10.0, 10.0, 5.5 (median 10.0)\n"))
        #expect(text.contains("- met: plan time(100,000) / time(10,000) at most 12: 10.0"))
    }
}
