import Foundation
import Glibc
import TerraceBasics
import TerraceHCL

/// `terrace fmt [-check] [-diff] [-recursive] [-write=false] [-list=false] [PATH...]`: rewrites
/// `.tf` and `.tfvars` files in the canonical style, exactly as `terraform fmt` 1.0 does, with
/// its exit codes: 0, 2 when a file does not parse, 3 under `-check` when a file would change.
/// `terrace fmt -` formats standard input to standard output.
struct FmtCommand: Command {
    let name = "fmt"
    let synopsis = "Reformat your configuration in the standard style"
    let help = """
    Usage: terrace [global options] fmt [options] [DIR]

    \tRewrites all Terraform configuration files to a canonical format. Both
    \tconfiguration files (.tf) and variables files (.tfvars) are updated.
    \tJSON files (.tf.json or .tfvars.json) are not modified.

    \tIf DIR is not specified then the current working directory will be used.
    \tIf DIR is "-" then content will be read from STDIN. The given content must
    \tbe in the Terraform language native syntax; JSON is not supported.

    Options:

      -list=false    Don't list files whose formatting differs
                     (always disabled if using STDIN)

      -write=false   Don't write to source files
                     (always disabled if using STDIN or -check)

      -diff          Display diffs of formatting changes

      -check         Check if the input is formatted. Exit status will be 0 if all
                     input is properly formatted and non-zero otherwise.

      -no-color      If specified, output won't contain any color.

      -recursive     Also process files in subdirectories. By default, only the
                     given directory (or current directory) is processed.
    """

    /// What one run does, from the flags.
    struct Options {
        var list = true
        var write = true
        var diff = false
        var check = false
        var recursive = false
    }

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["list": .bool, "write": .bool, "diff": .bool, "check": .bool,
                                 "recursive": .bool, "no-color": .bool], args, ctx) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        var opts = Options(list: flags.bool("list", default: true), write: flags.bool("write", default: true),
                           diff: flags.bool("diff"), check: flags.bool("check"), recursive: flags.bool("recursive"))
        var paths = flags.positional
        let fromStdin = paths == ["-"]
        if paths.contains("-") && !fromStdin {
            ctx.terminal.printError("Standard input (\"-\") cannot be combined with other paths.")
            ctx.terminal.printError(help)
            return 1
        }
        if fromStdin {
            opts.list = false
            opts.write = false
            paths = []
        } else if paths.isEmpty {
            paths = ["."]
        }
        let showList = opts.list
        if opts.check {
            // The list of changed files is how -check decides; it is shown only if -list is on.
            opts.list = true
            opts.write = false
        }

        var run = FmtRun(ctx: ctx, opts: opts, buffered: opts.check)
        if fromStdin {
            let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            run.processFile("<stdin>", input)
        } else {
            run.processPaths(paths)
        }

        let renderer = DiagnosticRenderer(color: ctx.terminal.color, sources: ctx.terminal.sources)
        for d in DiagnosticRenderer.sorted(run.diagnostics) {
            ctx.terminal.err(renderer.uiMessage(d))
        }
        if run.diagnostics.hasErrors { return 2 }
        if opts.check {
            if showList { run.flush() }
            return run.changed ? 3 : 0
        }
        return 0
    }
}

/// The state of one `fmt` run: options, diagnostics, whether anything would change, and the
/// buffered output of `-check`.
struct FmtRun {
    let ctx: CommandContext
    let opts: FmtCommand.Options
    let buffered: Bool
    var diagnostics = Diagnostics()
    var changed = false
    var buffer: [UInt8] = []

    init(ctx: CommandContext, opts: FmtCommand.Options, buffered: Bool) {
        self.ctx = ctx
        self.opts = opts
        self.buffered = buffered
    }

    /// Writes output as Terraform's UI writer does: one trailing newline, whatever the text ends with.
    mutating func output(_ bytes: [UInt8]) {
        if buffered {
            buffer += bytes
            return
        }
        var b = bytes
        if b.last == 0x0A { b.removeLast() }
        ctx.terminal.write(String(decoding: b, as: UTF8.self) + "\n")
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        var b = buffer
        if b.last == 0x0A { b.removeLast() }
        ctx.terminal.write(String(decoding: b, as: UTF8.self) + "\n")
        buffer = []
    }

    mutating func fail(_ summary: String) {
        diagnostics.append(.error(summary))
    }

    /// What the walk over the paths found, in Terraform's order: a file to format, or a problem.
    enum Job {
        case file(String)
        case failure(String)
    }

    /// Formats every file the paths name. Files are read and formatted in parallel, then
    /// listed, written and diffed in the order Terraform processes them, so the output is the
    /// same as a sequential run's.
    mutating func processPaths(_ paths: [String]) {
        var jobs: [Job] = []
        walk(paths, &jobs)
        var found: [String] = []
        for case .file(let p) in jobs { found.append(p) }
        let files = found
        let sources = ctx.terminal.sources
        let base = ctx.workingDir
        let results = Parallel.map(files.count) { i -> (src: [UInt8]?, out: [UInt8]?, diags: Diagnostics) in
            let path = files[i]
            let full = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            guard let src = FmtRun.readFile(full) else { return (nil, nil, Diagnostics()) }
            let (out, diags) = Formatter.format(src, filename: path, sources: sources)
            return (src, out, diags)
        }
        var next = 0
        for job in jobs {
            switch job {
            case .failure(let summary):
                fail(summary)
            case .file(let path):
                let r = results[next]
                next += 1
                guard let src = r.src else {
                    fail("Failed to read file \(path)")
                    continue
                }
                finish(path, src, r.out, r.diags)
            }
        }
    }

    func walk(_ paths: [String], _ jobs: inout [Job]) {
        for p in paths {
            let path = normalize(p)
            let full = ctx.path(path)
            var st = stat()
            guard stat(full, &st) == 0 else {
                jobs.append(.failure("No file or directory at \(path)"))
                return
            }
            if st.st_mode & S_IFMT == S_IFDIR {
                walkDir(path, &jobs)
            } else if FmtRun.isFormattable(path) {
                jobs.append(.file(path))
            } else {
                jobs.append(.failure("Only .tf and .tfvars files can be processed with terrace fmt"))
            }
        }
    }

    static func isFormattable(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension
        return ext == "tf" || ext == "tfvars"
    }

    /// Editor backups and hidden files are skipped, as Terraform skips them.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    func walkDir(_ path: String, _ jobs: inout [Job]) {
        let full = ctx.path(path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else {
            jobs.append(.failure(FileSystem.exists(full) ? "Cannot read directory \(path)" : "There is no configuration directory at \(path)"))
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !FmtRun.isIgnored(name) {
            let sub = FmtRun.join(path, name)
            var st = stat()
            guard lstat(ctx.path(sub), &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                if opts.recursive { walkDir(sub, &jobs) }
                continue
            }
            if FmtRun.isFormattable(name) { jobs.append(.file(normalize(sub))) }
        }
    }

    /// A whole file in one read where its size allows (formatting many small files is
    /// dominated by per-file overhead).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        var failed = false
        func fill(_ buf: UnsafeMutableBufferPointer<UInt8>) -> Int {
            guard let base = buf.baseAddress else { return 0 }
            var got = 0
            while got < buf.count {
                let n = Glibc.read(fd, base + got, buf.count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if n == 0 { break }
                got += n
            }
            return got
        }
        let size = max(Int(st.st_size), 0)
        var out = [UInt8](unsafeUninitializedCapacity: size) { buf, count in count = fill(buf) }
        // A file that grew since it was measured is read to its end.
        while !failed && out.count == size {
            let more = [UInt8](unsafeUninitializedCapacity: 1 << 16) { buf, count in count = fill(buf) }
            if more.isEmpty { break }
            out += more
            if more.count < 1 << 16 { break }
        }
        return failed ? nil : out
    }

    mutating func processFile(_ path: String, _ src: [UInt8]) {
        let (formatted, diags) = Formatter.format(src, filename: path, sources: ctx.terminal.sources)
        finish(path, src, formatted, diags)
    }

    /// Lists, writes, diffs or prints one file's result.
    mutating func finish(_ path: String, _ src: [UInt8], _ formatted: [UInt8]?, _ diags: Diagnostics) {
        diagnostics += diags
        guard let result = formatted else { return }
        if result != src {
            changed = true
            if opts.list { output(Array((path + "\n").utf8)) }
            if opts.write {
                let full = ctx.path(path)
                var st = stat()
                let mode = stat(full, &st) == 0 ? st.st_mode & 0o7777 : 0o644
                do {
                    try FileSystem.writeAtomically(full, result, mode: mode)
                } catch {
                    fail("Failed to write \(path)")
                    return
                }
            }
            if opts.diff { output(UnifiedDiff.diff(src, result, oldLabel: "old/" + path, newLabel: "new/" + path)) }
        }
        if !opts.list && !opts.write && !opts.diff { output(result) }
    }

    /// A path as Terraform shows it: relative to the working directory where possible.
    func normalize(_ p: String) -> String {
        let base = FmtRun.clean(ctx.workingDir)
        return FmtRun.relative(FmtRun.clean(p.hasPrefix("/") ? p : base + "/" + p), to: base)
    }

    /// Go's `filepath.Clean` for an absolute path: no `.`, `..` or repeated separators
    /// (symbolic links are not resolved, as Terraform does not resolve them).
    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Go's `filepath.Rel` for clean absolute paths.
    static func relative(_ path: String, to base: String) -> String {
        let p = path.split(separator: "/").map(String.init)
        let b = base.split(separator: "/").map(String.init)
        var k = 0
        while k < p.count, k < b.count, p[k] == b[k] { k += 1 }
        let parts = Array(repeating: "..", count: b.count - k) + p[k...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Go's `filepath.Join` for a relative directory and a name.
    static func join(_ dir: String, _ name: String) -> String {
        dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }
}
