import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Standard output to a file or pipe is written in large pieces, yet a log being followed
/// still shows progress while an apply runs, nothing is lost at exit, and a shared log keeps
/// standard output and standard error in order.
@Suite struct OutputBufferingTests {
    @Test func progressShowsWhileRunningAndEverythingArrivesInOrder() throws {
        let dir = TempDirectory("terrace-outbuf")
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "v" {
          count      = 2
          cidr_block = "10.${count.index}.0.0/16"
        }

        output "n" {
          value = length(aws_vpc.v)
        }
        """)
        let logs = TempDirectory("terrace-outbuf-logs")
        // Each cloud call takes 1 s, so the apply runs for a few seconds.
        let p = try Reliability.start(["apply", "-auto-approve", "-parallelism=1"], cwd: dir.path,
                                      env: ["TERRACE_SIM_FAULTS": "latency=1s,seed=1"], log: logs.file("run"))
        var seenWhileRunning = false
        for _ in 0..<400 where p.isRunning {
            if (logs.read("run.out") ?? "").contains("aws_vpc.v[0]: Creating...") { seenWhileRunning = p.isRunning; break }
            usleep(10_000)
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(logs.read("run.err") ?? "")")
        #expect(seenWhileRunning, "no progress in the log before the apply ended")
        let out = logs.read("run.out") ?? ""
        #expect(out.hasSuffix("Outputs:\n\nn = 2\n"), "\(out.suffix(300))")
        #expect(out.components(separatedBy: "Creation complete").count == 3)

        // Warnings (standard output) come before the error (standard error) in one log.
        dir.write("main.tf", "variable \"x\" {\n  type = number\n}\n\noutput \"y\" {\n  value = var.x + 1\n}\n")
        dir.write("extra.tfvars", "unknown = 1\n")
        let shared = logs.file("shared.log")
        let q = Process()
        q.executableURL = URL(fileURLWithPath: "/bin/sh")
        q.arguments = ["-c", "\"$0\" plan -no-color -input=false -var-file=extra.tfvars -var x=oops > \"$1\" 2>&1", TerraceProcess.executable, shared]
        q.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try q.run()
        q.waitUntilExit()
        let text = (try? String(contentsOfFile: shared, encoding: .utf8)) ?? ""
        #expect(q.terminationStatus == 1, "\(text)")
        let warning = text.range(of: "Warning: Value for undeclared variable"), error = text.range(of: "Error: Invalid value for input variable")
        #expect(warning != nil && error != nil, "\(text)")
        if let warning, let error { #expect(warning.lowerBound < error.lowerBound) }
    }
}
