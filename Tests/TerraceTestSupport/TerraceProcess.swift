import Foundation
import Glibc

/// Runs the built `terrace` executable, as a user would.
public enum TerraceProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The package root, found from this file's location.
    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// `TERRACE_BIN`, else the `terrace` next to the test bundle, else `.build/debug/terrace`.
    public static var executable: String {
        if let p = ProcessInfo.processInfo.environment["TERRACE_BIN"] { return p }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("terrace").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug"] {
            let p = (packageRoot as NSString).appendingPathComponent("\(dir)/terrace")
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return "terrace"
    }

    /// Runs `terrace args…` in `cwd` with a private cloud directory unless one is given.
    public static func run(_ args: [String], cwd: String, env: [String: String] = [:], stdin: String? = nil) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERRACE_SIM_FAULTS"] = nil
        environment["TF_WORKSPACE"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        do { try p.run() } catch {
            return Result(status: -1, stdout: "", stderr: "cannot run \(executable): \(error)")
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = readAll(err.fileHandleForReading.fileDescriptor)
            group.leave()
        }
        let outData = readAll(out.fileHandleForReading.fileDescriptor)
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads a pipe to its end, retrying reads interrupted by signals (SIGCHLD from other tests'
/// processes), which Foundation's `readDataToEndOfFile` turns into a crash.
public func readAll(_ fd: Int32) -> Data {
    var out = Data()
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n > 0 { out.append(contentsOf: buf[0..<n]); continue }
        if n < 0 && errno == EINTR { continue }
        return out
    }
}

extension TerraceProcess {
    /// Starts `terrace args…` without waiting; output goes to files in `cwd` (`.out`, `.err`).
    public static func start(_ args: [String], cwd: String, env: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERRACE_SIM_FAULTS"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }
}

extension String {
    /// The text with all runs of whitespace (including the line breaks diagnostics wrap at)
    /// folded to single spaces, for checking messages regardless of wrapping.
    public var flattened: String { split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}
