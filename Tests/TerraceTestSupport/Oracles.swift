import Foundation

/// The reference tools installed by `shared/tools/oracles.sh` (CI's `.ci/run` installs them);
/// tests that need one skip when it is absent.
public enum Oracles {
    public static var directory: String { ProcessInfo.processInfo.environment["ORACLES"] ?? "/tmp/oracles" }
    public static var terraform: String? {
        let p = "\(directory)/terraform"
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }
    public static var plugins: String { "\(directory)/plugins" }

    /// Runs terraform in `cwd` with the null provider from the local mirror (no network).
    public static func runTerraform(_ args: [String], cwd: String) -> TerraceProcess.Result {
        guard let tf = terraform else { return TerraceProcess.Result(status: -1, stdout: "", stderr: "terraform not installed") }
        let rc = (cwd as NSString).appendingPathComponent(".terraformrc-test")
        try? "provider_installation {\n  filesystem_mirror {\n    path = \"\(plugins)\"\n  }\n}\n".write(toFile: rc, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tf)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = rc
        env["CHECKPOINT_DISABLE"] = "1"
        env["TF_IN_AUTOMATION"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return TerraceProcess.Result(status: -1, stdout: "", stderr: "\(error)") }
        nonisolated(unsafe) var e = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            e = readAll(err.fileHandleForReading.fileDescriptor)
            group.leave()
        }
        let o = readAll(out.fileHandleForReading.fileDescriptor)
        group.wait()
        p.waitUntilExit()
        return TerraceProcess.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
