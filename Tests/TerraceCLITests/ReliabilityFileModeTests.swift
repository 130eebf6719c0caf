import Foundation
import Glibc
import Testing
import TerraceBasics
import TerraceTestSupport

/// Everything Terrace writes that can hold a secret is its owner's alone, whatever the umask:
/// state files of every workspace and their backups, the apply journal and the lock left by a
/// killed run, saved plans, and every file and directory of the simulated cloud's store.
@Suite struct ReliabilityFileModeTests {
    static let config = """
    variable "n" {}
    provider "aws" {
      region = "us-east-1"
    }
    resource "random_password" "p" {
      length = 20
    }
    resource "aws_secretsmanager_secret" "s" {
      name                    = "terrace-modes-${var.n}"
      recovery_window_in_days = 0
    }
    resource "aws_secretsmanager_secret_version" "s" {
      secret_id     = aws_secretsmanager_secret.s.id
      secret_string = random_password.p.result
    }
    resource "aws_vpc" "v" {
      count      = 4
      cidr_block = "10.${count.index}.0.0/16"
    }
    resource "aws_s3_bucket" "b" {
      bucket = "terrace-modes-${var.n}-SUFFIX"
    }
    """

    /// Runs terrace under `umask 000`, so only the modes Terrace asks for protect its files.
    static func run(_ args: [String], in dir: TempDirectory, env: [String: String] = [:]) -> Process? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", TerraceProcess.executable] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        var environment = ProcessInfo.processInfo.environment
        environment["TERRACE_SIM_FAULTS"] = nil
        environment["TF_WORKSPACE"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        return p
    }

    static func runToEnd(_ args: [String], in dir: TempDirectory, env: [String: String] = [:]) -> Int32 {
        guard let p = run(args, in: dir, env: env) else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func everythingThatHoldsStateOrSecretsIsOwnerOnlyUnderAnyUmask() throws {
        let dir = TempDirectory("terrace-modes")
        dir.write("main.tf", Self.config.replacingOccurrences(of: "SUFFIX", with: "\(UInt32.random(in: 0...UInt32.max))"))
        dir.write("environments/one.tfvars", "n = 1\n")
        dir.write("environments/two.tfvars", "n = 2\n")
        let created = Set(FileSystem.list(dir.path))
        #expect(Self.runToEnd(["apply", "-env=one", "-auto-approve"], in: dir) == 0)
        #expect(Self.runToEnd(["apply", "-env=one", "-auto-approve", "-replace=random_password.p"], in: dir) == 0)
        #expect(Self.runToEnd(["plan", "-env=one", "-destroy", "-out=d.plan"], in: dir) == 0)
        #expect(Self.runToEnd(["state", "pull"], in: dir) == 0)
        #expect(Self.runToEnd(["state", "rm", "-env=one", "aws_vpc.v[3]"], in: dir) == 0)
        // A run killed mid-apply leaves its journal and lock behind: they too are private.
        let p = try #require(Self.run(["apply", "-env=two", "-auto-approve", "-parallelism=1"], in: dir, env: ["TERRACE_SIM_FAULTS": "latency=200ms,seed=1"]))
        #expect(Reliability.kill(p, at: .init(records: 3, delay: 0), journal: dir.file("terrace.tfstate.d/two/terrace.tfstate.journal")))
        #expect(FileSystem.exists(dir.file("terrace.tfstate.d/two/terrace.tfstate.journal")))
        #expect(FileSystem.exists(dir.file("terrace.tfstate.d/two/.terrace.tfstate.lock.info")))

        var checked: [String] = []
        func check(_ path: String) {
            let isDir = FileSystem.isDirectory(path)
            let mode = Reliability.mode(path)
            #expect(mode == (isDir ? 0o700 : 0o600), "\(path) has mode \(String(mode, radix: 8))")
            checked.append(path)
            if isDir { for name in FileSystem.list(path) { check("\(path)/\(name)") } }
        }
        for name in FileSystem.list(dir.path) where !created.contains(name) { check(dir.file(name)) }
        let names = Set(checked.map { ($0 as NSString).lastPathComponent })
        for expected in ["terrace.tfstate", "terrace.tfstate.backup", "terrace.tfstate.journal", ".terrace.tfstate.lock.info", "d.plan", "cloud"] {
            #expect(names.contains(expected), "\(expected) was not among the files checked")
        }
        #expect(checked.contains { $0.contains("/aws_secretsmanager_secret_version/") })
    }
}
