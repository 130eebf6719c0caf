import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One process run, timed by the wall clock, with the CPU time and peak resident memory the
/// kernel accounted to it (`wait4`), so memory is measured per command rather than as the
/// maximum over every child the benchmark has started.
public struct MeasuredRun: Sendable {
    public var command: [String]
    public var status: Int32
    public var seconds: Double
    public var cpuSeconds: Double
    /// Peak resident set size in bytes.
    public var peakBytes: Int

    public var succeeded: Bool { status == 0 }
    public var peakMB: Double { Double(peakBytes) / 1_048_576 }

    /// Runs `command` (its first element a path), sending standard output and error to
    /// `outputPath`, with `environment` added to this process's.
    public static func run(_ command: [String], outputPath: String, environment: [String: String] = [:]) -> MeasuredRun {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envStrings = env.map { "\($0)=\($1)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        let envp = envStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let rc = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard rc == 0 else {
            return MeasuredRun(command: command, status: -1, seconds: 0, cpuSeconds: 0, peakBytes: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        // Exited normally: the exit code; killed by a signal: 128 + the signal, as shells report it.
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)
        #else
        let peak = Int(usage.ru_maxrss) * 1024
        #endif
        return MeasuredRun(command: command, status: code, seconds: seconds,
                           cpuSeconds: secs(usage.ru_utime) + secs(usage.ru_stime), peakBytes: peak)
    }
}
