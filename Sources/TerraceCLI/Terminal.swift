import Foundation
import Glibc
import TerraceBasics

/// Standard output and error, with Terraform's colour and diagnostic conventions.
public final class Terminal: @unchecked Sendable {
    public var color: Bool
    private let lock = NSLock()
    public var out: (String) -> Void
    public var err: (String) -> Void
    public var readLine: () -> String?
    public var sources: SourceFiles

    public init(color: Bool? = nil, sources: SourceFiles = .shared) {
        self.color = color ?? (isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        self.sources = sources
        if isatty(1) == 1 {
            out = { s in FileHandle.standardOutput.write(Data(s.utf8)) }
        } else {
            out = { s in OutputBuffer.standardOutput.write(s) }
        }
        err = { s in
            OutputBuffer.standardOutput.flush()
            FileHandle.standardError.write(Data(s.utf8))
        }
        readLine = {
            OutputBuffer.standardOutput.flush()
            return Swift.readLine()
        }
    }

    /// Writes out what standard output has buffered; the `terrace` executable calls it before
    /// it exits.
    public static func flushStandardOutput() { OutputBuffer.standardOutput.flush() }

    public func print(_ s: String = "") { lock.withLock { out(s + "\n") } }
    public func write(_ s: String) { lock.withLock { out(s) } }
    public func printError(_ s: String) { lock.withLock { err(s + "\n") } }

    /// Errors go to standard error and warnings to standard output, as Terraform does, each in
    /// Terraform's order (`tfdiags.Diagnostics.Sort`: by file, then position).
    public func diagnostics(_ ds: Diagnostics) {
        let r = DiagnosticRenderer(color: color, sources: sources)
        let ordered = DiagnosticRenderer.sorted(ds)
        for d in ordered where d.severity == .warning { write(r.render(d)) }
        for d in ordered where d.severity == .error { lock.withLock { err(r.render(d)) } }
    }

    public func bold(_ s: String) -> String { color ? ANSI.bold + s + ANSI.reset : s }
    public func green(_ s: String) -> String { color ? ANSI.green + s + ANSI.reset : s }
    public var isInteractive: Bool { isatty(0) == 1 }
}
