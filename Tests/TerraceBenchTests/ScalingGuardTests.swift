import Foundation
import Testing
import TerraceBench
import TerraceTestSupport

/// The regression guard of docs/benchmarks.md: the built `terrace` plans and applies the
/// benchmark configuration at 1,000 and 10,000 instances, and the work (CPU time of each
/// process) must grow about linearly. Linear growth gives a ratio near 10 (less, as start-up
/// is the same at both sizes); a quadratic step anywhere gives up to 100. The bound sits
/// well between, and CPU time rather than the clock keeps a loaded machine from failing it.
/// A ratio over the bound is measured once more before the test fails, so a single unlucky
/// run does not.
@Suite(.serialized) struct ScalingGuardTests {
    static let small = 1_000
    static let large = 10_000
    static let bound = 20.0

    struct Sizes {
        var plan: Double
        var apply: Double
    }

    /// CPU seconds of `plan` (no state yet) and `apply` of the configuration of `n` instances.
    func measure(_ n: Int) throws -> Sizes {
        let dir = TempDirectory("terrace-scaling")
        try SyntheticConfig(instances: n, flavour: .mixed).write(to: dir.path)
        let exe = TerraceProcess.executable
        let env = ["TERRACE_CLOUD_DIR": dir.path + "/.cloud", "NO_COLOR": "1"]
        let plan = MeasuredRun.run([exe, "-chdir=\(dir.path)", "plan", "-no-color"], outputPath: dir.path + "/plan.out", environment: env)
        let planText = (try? String(contentsOfFile: dir.path + "/plan.out", encoding: .utf8)) ?? ""
        try #require(plan.succeeded, "plan of \(n) exited \(plan.status): \(planText.suffix(2000))")
        #expect(planText.contains("Plan: \(n) to add, 0 to change, 0 to destroy."))
        let apply = MeasuredRun.run([exe, "-chdir=\(dir.path)", "apply", "-auto-approve", "-no-color"],
                                    outputPath: dir.path + "/apply.out", environment: env)
        let applyText = (try? String(contentsOfFile: dir.path + "/apply.out", encoding: .utf8)) ?? ""
        try #require(apply.succeeded, "apply of \(n) exited \(apply.status): \(applyText.suffix(2000))")
        #expect(applyText.contains("Apply complete! Resources: \(n) added, 0 changed, 0 destroyed."))
        return Sizes(plan: plan.cpuSeconds, apply: apply.cpuSeconds)
    }

    @Test func planAndApplyGrowLinearly() throws {
        var small = try measure(Self.small)
        var large = try measure(Self.large)
        var planRatio = large.plan / max(small.plan, 0.001)
        var applyRatio = large.apply / max(small.apply, 0.001)
        if planRatio > Self.bound || applyRatio > Self.bound {
            small = try measure(Self.small)
            large = try measure(Self.large)
            planRatio = min(planRatio, large.plan / max(small.plan, 0.001))
            applyRatio = min(applyRatio, large.apply / max(small.apply, 0.001))
        }
        let detail = String(format: "CPU s: plan %.2f → %.2f, apply %.2f → %.2f", small.plan, large.plan, small.apply, large.apply)
        print(String(format: "scaling guard: plan %.1f×, apply %.1f× (bound %.0f×); ", planRatio, applyRatio, Self.bound) + detail)
        #expect(planRatio <= Self.bound, "plan grew \(String(format: "%.1f", planRatio))× from \(Self.small) to \(Self.large) instances (\(detail))")
        #expect(applyRatio <= Self.bound, "apply grew \(String(format: "%.1f", applyRatio))× from \(Self.small) to \(Self.large) instances (\(detail))")
    }
}
