import Foundation

/// Filesystem functions: abspath basename dirname file filebase64 fileexists fileset
/// pathexpand (Terraform's `funcs` package); relative paths resolve against the module
/// directory given to `Builtins.table`, paths as Go's `path/filepath` cleans them.
extension Builtins {
    /// `~` and `~/…` expanded as go-homedir does.
    static func expandHome(_ path: String) throws(Function.Failure) -> String {
        guard path.hasPrefix("~") else { return path }
        if path.count > 1, !path.hasPrefix("~/") {
            throw Function.Failure("cannot expand user-specific home dir")
        }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    static func resolve(_ path: String, _ baseDir: String) throws(Function.Failure) -> String {
        var p: String
        do { p = try expandHome(path) } catch { throw Function.Failure("failed to expand ~: \(error.message)") }
        if !p.hasPrefix("/") { p = GoPath.join(baseDir, p) }
        return GoPath.clean(p)
    }

    /// The bytes of a file, with Terraform's error for a missing one.
    static func readFile(_ path: String, _ baseDir: String) throws(Function.Failure) -> [UInt8] {
        let full = try resolve(path, baseDir)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else {
            throw Function.Failure("no file exists at \(path); this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource")
        }
        guard !isDir.boolValue, let data = FileManager.default.contents(atPath: full) else {
            throw Function.Failure("failed to read \(path)")
        }
        return [UInt8](data)
    }

    static func fileText(_ path: String, _ baseDir: String) throws(Function.Failure) -> String {
        let bytes: [UInt8]
        do throws(Function.Failure) { bytes = try readFile(path, baseDir) } catch { throw Function.Failure(error.message, argument: 0) }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw Function.Failure("contents of \(path) are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead")
        }
        return s
    }

    static func filesystemFunctions(baseDir: String) -> [String: Function] {
        [
            "file": Function(params: [.init("path", .string)], returns: .string) { args throws(Function.Failure) in
                .string(try fileText(str(args[0]), baseDir))
            },
            "filebase64": Function(params: [.init("path", .string)], returns: .string) { args throws(Function.Failure) in
                do throws(Function.Failure) { return .string(Base64.encode(try readFile(str(args[0]), baseDir))) } catch { throw Function.Failure(error.message, argument: 0) }
            },
            "fileexists": Function(params: [.init("path", .string)], returns: .bool) { args throws(Function.Failure) in
                let full = try resolve(str(args[0]), baseDir)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { return .bool(false) }
                if isDir.boolValue { throw Function.Failure("\(full) is not a regular file, but \"d\(modeString(full))\"") }
                return .bool(true)
            },
            "fileset": Function(params: [.init("path", .string), .init("pattern", .string)], returns: .set(.string)) { args throws(Function.Failure) in
                var path = str(args[0])
                if !path.hasPrefix("/") { path = GoPath.join(baseDir, path) }
                let pattern = GoPath.join(path, str(args[1]))
                let matches: [String]
                do throws(Glob.BadPattern) { matches = try Glob.matches(pattern) } catch { throw Function.Failure("failed to glob pattern (\(pattern)): \(error.message)") }
                var out: [Value] = []
                for m in matches {
                    var isDir: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: m, isDirectory: &isDir), !isDir.boolValue else { continue }
                    out.append(.string(GoPath.relative(m, to: path)))
                }
                return Value.set(out, element: .string)
            },
            "basename": Function(params: [.init("path", .string)], returns: .string) { args in .string(GoPath.base(str(args[0]))) },
            "dirname": Function(params: [.init("path", .string)], returns: .string) { args in .string(GoPath.dir(str(args[0]))) },
            "abspath": Function(params: [.init("path", .string)], returns: .string) { args in
                var p = str(args[0])
                if !p.hasPrefix("/") { p = GoPath.join(FileManager.default.currentDirectoryPath, p) }
                return .string(GoPath.clean(p))
            },
            "pathexpand": Function(params: [.init("path", .string)], returns: .string) { args throws(Function.Failure) in
                .string(try expandHome(str(args[0])))
            },
        ]
    }

    /// The permission letters Go prints for a directory's mode (`rwxr-xr-x`).
    static func modeString(_ path: String) -> String {
        let perms = ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? 0o755
        let letters = Array("rwxrwxrwx")
        return String((0..<9).map { perms & (1 << (8 - $0)) != 0 ? letters[$0] : "-" })
    }
}

/// Go's `path/filepath` for slash-separated paths.
enum GoPath {
    /// Lexical cleaning: no `.`, no `x/..`, single slashes, no trailing slash; "." when empty.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for comp in path.split(separator: "/", omittingEmptySubsequences: true) {
            if comp == "." { continue }
            if comp == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(comp)
                }
                continue
            }
            parts.append(comp)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return clean(b) }
        if b.isEmpty { return clean(a) }
        return clean(a + "/" + b)
    }

    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let i = p.lastIndex(of: "/") { p = p[p.index(after: i)...] }
        return p.isEmpty ? "/" : String(p)
    }

    static func dir(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        let d = clean(String(path[...i]))
        return d
    }

    /// `target` relative to `base` (both cleaned, one inside the other).
    static func relative(_ target: String, to base: String) -> String {
        let t = clean(target), b = clean(base)
        if t == b { return "." }
        if b == "/" { return String(t.dropFirst()) }
        if t.hasPrefix(b + "/") { return String(t.dropFirst(b.count + 1)) }
        return t
    }
}
