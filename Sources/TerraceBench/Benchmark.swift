import Foundation

/// The plan-and-apply benchmark: for each size, generates a `SyntheticConfig` and times
/// `validate`, a first `plan`, `apply` and a re-`plan` (with refresh) of the built `terrace`,
/// each as its own process with its peak memory; where Terraform is given, runs it on the same
/// configuration in the same run and reports the ratios and the targets of issue 12.
public struct Benchmark {
    /// A tool under test: its executable and the extra environment it runs with.
    public struct Tool: Sendable {
        public var name: String
        public var executable: String
        public var environment: [String: String]

        public init(name: String, executable: String, environment: [String: String] = [:]) {
            self.name = name
            self.executable = executable
            self.environment = environment
        }
    }

    public enum Step: String, CaseIterable, Sendable {
        case validate, plan, apply, replan = "re-plan"
    }

    /// The measured steps of one tool at one size.
    public struct Row: Sendable {
        public var tool: String
        public var size: Int
        public var runs: [Step: MeasuredRun] = [:]
        /// How many runs of each step this row summarizes.
        public var repetitions = 1
        /// The seconds of every run of each step, in the order of the repetitions.
        public var seconds: [Step: [Double]] = [:]
        public var peakMB: Double { runs.values.map(\.peakMB).max() ?? 0 }
    }

    public var terrace: Tool
    public var terraform: Tool?
    public var sizes: [Int]
    public var terraformSizes: [Int]
    /// Sizes at which Terraform also applies (and re-plans); its apply is slow (quadratic).
    public var terraformApplySizes: [Int]
    public var flavour: SyntheticConfig.Flavour
    /// How many times every step runs; the report shows the median run of each step.
    public var repeats: Int
    /// Seconds of pause before each measured command.
    public var settle: Double
    public var workDir: String
    public var log: (String) -> Void

    public init(terrace: Tool, terraform: Tool?, sizes: [Int], terraformSizes: [Int], terraformApplySizes: [Int],
                flavour: SyntheticConfig.Flavour, repeats: Int = 1, settle: Double = 0, workDir: String,
                log: @escaping (String) -> Void) {
        self.repeats = max(1, repeats)
        self.settle = max(0, settle)
        self.terrace = terrace
        self.terraform = terraform
        self.sizes = sizes
        self.terraformSizes = terraformSizes
        self.terraformApplySizes = terraformApplySizes
        self.flavour = flavour
        self.workDir = workDir
        self.log = log
    }

    /// A failed command, with the end of what it printed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One measurement of the schedule, in a repetition: Terraform at one size (every step
    /// there in turn), or Terrace at every size, each step run at every size before the next.
    public struct Turn: Equatable, Sendable {
        public var repetition: Int
        /// The sizes in the order they run at each step.
        public var sizes: [Int]
        public var terraform: Bool
    }

    /// The order of the measurements. In each repetition Terraform runs at each of its sizes
    /// (smallest first), then Terrace runs each step at every size before the next step:
    /// validate at 1,000, 10,000 and 100,000, then plan at each, and so on. The runs whose
    /// times are divided by each other for the growth ratios then follow each other directly,
    /// as close as two runs can be on a shared VM whose speed changes (docs/benchmarks.md:
    /// "Why the growth ratio moves from run to run"). Odd repetitions take Terrace's sizes
    /// largest first, so neither size always runs in the wake of the other.
    public static func schedule(sizes: [Int], terraformSizes: [Int], repeats: Int) -> [Turn] {
        let ascending = Set(sizes + terraformSizes).sorted()
        var turns: [Turn] = []
        for rep in 0..<max(1, repeats) {
            for n in terraformSizes.sorted() { turns.append(Turn(repetition: rep, sizes: [n], terraform: true)) }
            turns.append(Turn(repetition: rep, sizes: rep % 2 == 0 ? ascending : ascending.reversed(), terraform: false))
        }
        return turns
    }

    /// Runs the schedule and returns the rows measured, one per tool and size, each keeping
    /// the median run of every step.
    public func run() throws -> [Row] {
        var terraceRuns: [Int: [Row]] = [:], terraformRuns: [Int: [Row]] = [:]
        for turn in Self.schedule(sizes: sizes, terraformSizes: terraform == nil ? [] : terraformSizes, repeats: repeats) {
            if turn.terraform, let tf = terraform {
                for n in turn.sizes {
                    terraformRuns[n, default: []].append(
                        try measure(tf, sizes: [n], apply: terraformApplySizes.contains(n), repetition: turn.repetition)[0])
                }
            } else {
                for row in try measure(terrace, sizes: turn.sizes, apply: true, repetition: turn.repetition) {
                    terraceRuns[row.size, default: []].append(row)
                }
            }
        }
        var rows: [Row] = []
        for n in Set(terraceRuns.keys).union(terraformRuns.keys).sorted() {
            if let r = terraceRuns[n] { rows.append(Row.median(r)) }
            if let r = terraformRuns[n] { rows.append(Row.median(r)) }
        }
        return rows
    }

    func arguments(_ tool: Tool, _ step: Step, dir: String) -> [String] {
        let base = [tool.executable, "-chdir=\(dir)"]
        switch step {
        case .validate: return base + ["validate", "-no-color"]
        case .plan, .replan: return base + ["plan", "-input=false", "-no-color"]
        case .apply: return base + ["apply", "-auto-approve", "-input=false", "-no-color"]
        }
    }

    /// Generates the configuration of each size in its own directory (and runs `terraform
    /// init` there), then runs every step at each size in `sizes` order before the next step.
    func measure(_ tool: Tool, sizes: [Int], apply: Bool, repetition: Int = 0) throws -> [Row] {
        var places: [(dir: String, env: [String: String])] = []
        for n in sizes {
            let name = "\(tool.name)-\(flavour.rawValue)-\(n)" + (repetition == 0 ? "" : "-\(repetition + 1)")
            let dir = (workDir as NSString).appendingPathComponent(name)
            try? FileManager.default.removeItem(atPath: dir)
            try SyntheticConfig(instances: n, flavour: flavour).write(to: dir)
            var env = tool.environment
            if tool.name == "terrace" { env["TERRACE_CLOUD_DIR"] = (dir as NSString).appendingPathComponent(".cloud") }
            if tool.name == "terraform" {
                let r = MeasuredRun.run([tool.executable, "-chdir=\(dir)", "init", "-input=false", "-no-color"],
                                        outputPath: dir + "/init.out", environment: env)
                guard r.succeeded else { throw failure(r, dir + "/init.out") }
            }
            places.append((dir, env))
        }
        var rows = sizes.map { Row(tool: tool.name, size: $0) }
        for step in apply ? Step.allCases : [.validate, .plan] {
            for (i, n) in sizes.enumerated() {
                let (dir, env) = places[i]
                log("\(tool.name) \(step.rawValue) N=\(n)" + (repeats > 1 ? " (run \(repetition + 1) of \(repeats))" : "") + " …")
                let out = dir + "/\(step.rawValue).out"
                // A pause first, so one command does not run in the wake of the one before (a
                // 2-core machine is still busy for a moment after Terraform and its provider exit).
                if settle > 0 { Thread.sleep(forTimeInterval: settle) }
                let r = MeasuredRun.run(arguments(tool, step, dir: dir), outputPath: out, environment: env)
                guard r.succeeded else { throw failure(r, out) }
                if step == .replan, let text = try? String(contentsOfFile: out, encoding: .utf8), !text.contains("No changes.") {
                    throw Failure(description: "\(tool.name) re-plan at N=\(n) found changes after apply; see \(out)")
                }
                log(String(format: "  %.2f s (CPU %.2f s), %.0f MB", r.seconds, r.cpuSeconds, r.peakMB))
                rows[i].runs[step] = r
            }
        }
        return rows
    }

    func failure(_ r: MeasuredRun, _ out: String) -> Failure {
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(30).joined(separator: "\n")
        return Failure(description: "`\(r.command.joined(separator: " "))` exited with \(r.status):\n\(tail)")
    }
}

/// The report: one Markdown table of every run, Terraform ratios, scaling and the targets.
public enum BenchmarkReport {
    public static func render(_ rows: [Benchmark.Row], flavour: SyntheticConfig.Flavour) -> String {
        func f(_ r: MeasuredRun?) -> String { r.map { String(format: "%.2f", $0.seconds) } ?? "–" }
        let repeats = rows.map(\.repetitions).max() ?? 1
        var s = "Configuration: \(flavour.rawValue) flavour (SyntheticConfig)"
        s += repeats > 1 ? "; median of \(repeats) runs of each step\n\n" : "; one run of each step\n\n"
        s += "| tool | N | validate s | plan s | apply s | re-plan s | peak MB |\n|---|---:|---:|---:|---:|---:|---:|\n"
        for r in rows {
            s += "| \(r.tool) | \(r.size.formatted()) | \(f(r.runs[.validate])) | \(f(r.runs[.plan])) | \(f(r.runs[.apply])) | \(f(r.runs[.replan])) | \(String(format: "%.0f", r.peakMB)) |\n"
        }
        let terrace = Dictionary(rows.filter { $0.tool == "terrace" }.map { ($0.size, $0) }, uniquingKeysWith: { a, _ in a })
        let terraform = rows.filter { $0.tool == "terraform" }
        var checks: [(String, Bool)] = []
        var growth = ""
        if !terraform.isEmpty {
            s += "\nTerraform ÷ Terrace (how many times faster Terrace is):\n\n| N | validate | plan | apply | re-plan |\n|---:|---:|---:|---:|---:|\n"
            for tf in terraform {
                guard let t = terrace[tf.size] else { continue }
                func ratio(_ step: Benchmark.Step) -> Double? {
                    guard let a = tf.runs[step]?.seconds, let b = t.runs[step]?.seconds, b > 0 else { return nil }
                    return a / b
                }
                func fr(_ x: Double?) -> String { x.map { String(format: "%.0f×", $0) } ?? "–" }
                s += "| \(tf.size.formatted()) | \(fr(ratio(.validate))) | \(fr(ratio(.plan))) | \(fr(ratio(.apply))) | \(fr(ratio(.replan))) |\n"
                if let p = ratio(.plan), [1000, 5000].contains(tf.size) {
                    checks.append((String(format: "plan of %@ at least 20× faster than Terraform: %.0f×", tf.size.formatted(), p), p >= 20))
                }
                if let a = ratio(.apply), tf.size == 1000 {
                    checks.append((String(format: "apply of 1,000 at least 50× faster than Terraform: %.0f×", a), a >= 50))
                }
            }
        }
        if let big = terrace[100_000] {
            if let r = big.runs[.replan]?.seconds { checks.append((String(format: "re-plan of 100,000 under 10 s: %.2f s", r), r < 10)) }
            checks.append((String(format: "peak memory of 100,000 under 1 GB: %.0f MB", big.peakMB), big.peakBytes < 1 << 30))
            if let small = terrace[10_000] {
                for step in [Benchmark.Step.plan, .apply] {
                    if let a = big.runs[step]?.seconds, let b = small.runs[step]?.seconds, b > 0 {
                        checks.append((String(format: "%@ time(100,000) / time(10,000) at most 12: %.1f", step.rawValue, a / b), a / b <= 12))
                    }
                }
                // Sizes take turns within a repetition, so each repetition also gives a ratio
                // of its own: how far they spread shows how noisy the machine was.
                var spread = ""
                for step in [Benchmark.Step.plan, .apply] {
                    let a = big.seconds[step] ?? [], b = small.seconds[step] ?? []
                    guard a.count == b.count, a.count > 1, b.allSatisfy({ $0 > 0 }) else { continue }
                    let ratios = zip(a, b).map { $0 / $1 }
                    spread += "- \(step.rawValue): " + ratios.map { String(format: "%.1f", $0) }.joined(separator: ", ")
                        + String(format: " (median %.1f)\n", ratios.sorted()[(ratios.count - 1) / 2])
                }
                if !spread.isEmpty { growth = "\nGrowth 10,000 → 100,000 in each repetition (the sizes ran in turn at each step):\n\n" + spread }
            }
        }
        s += growth
        if !checks.isEmpty {
            s += "\nTargets:\n\n"
            for (text, ok) in checks { s += "- \(ok ? "met" : "MISSED"): \(text)\n" }
        }
        return s
    }
}

extension Benchmark.Row {
    var peakBytes: Int { runs.values.map(\.peakBytes).max() ?? 0 }

    /// One row of the repetitions of a tool at a size: for each step the run of median wall
    /// time (the lower middle one of an even count); its peak memory is that run's.
    static func median(_ rows: [Benchmark.Row]) -> Benchmark.Row {
        guard var out = rows.first else { preconditionFailure("no runs") }
        out.repetitions = rows.count
        for step in Benchmark.Step.allCases {
            out.seconds[step] = rows.compactMap { $0.runs[step]?.seconds }
            let runs = rows.compactMap { $0.runs[step] }.sorted { $0.seconds < $1.seconds }
            out.runs[step] = runs.isEmpty ? nil : runs[(runs.count - 1) / 2]
        }
        return out
    }
}
