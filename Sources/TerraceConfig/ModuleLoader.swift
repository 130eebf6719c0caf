import Foundation
import TerraceBasics
import TerraceHCL
import TerraceLang

/// Loads a configuration tree: every `.tf` (and `.tf.json`) file in the root directory, then
/// each local module call's directory, to any depth.
public struct ModuleLoader {
    public var sources: SourceFiles
    /// The directory file names are shown relative to (the working directory).
    public var displayBase: String

    public init(sources: SourceFiles = .shared, displayBase: String = FileManager.default.currentDirectoryPath) {
        self.sources = sources
        self.displayBase = displayBase
    }

    public func load(_ dir: String) -> (Config, Diagnostics) {
        var diags = Diagnostics()
        let config = loadTree(dir, path: [], diags: &diags, stack: [], cache: ModuleCache())
        return (config, diags)
    }

    /// Modules already read in this load, by directory: a module called many times is read,
    /// parsed and decoded once, and each call gets the same module and the same diagnostics.
    final class ModuleCache {
        var modules: [String: (Module, Diagnostics)] = [:]
    }

    /// A path shown in diagnostics: relative to the working directory when inside it.
    public func display(_ path: String) -> String {
        let std = (path as NSString).standardizingPath
        let base = (displayBase as NSString).standardizingPath
        if std.hasPrefix(base + "/") { return String(std.dropFirst(base.count + 1)) }
        return path
    }

    public static func configFiles(_ dir: String) -> [String] {
        FileSystem.list(dir).filter { name in
            !name.hasPrefix(".") && !name.hasSuffix("~") && (name.hasSuffix(".tf") || name.hasSuffix(".tf.json"))
        }
    }

    func loadModule(_ dir: String, diags: inout Diagnostics) -> Module {
        var decoder = ModuleDecoder(dir: dir)
        let files = Self.configFiles(dir)
        if !FileSystem.isDirectory(dir) {
            diags += .error("Configuration directory not found", "The directory \(display(dir)) does not exist.")
            return decoder.module
        }
        for name in files {
            let full = (dir as NSString).appendingPathComponent(name)
            let shown = display(full)
            guard let bytes = try? FileSystem.read(full) else {
                diags += .error("Failed to read file", "The file \(shown) could not be read.")
                continue
            }
            let (file, d): (File, Diagnostics)
            if name.hasSuffix(".tf.json") {
                (file, d) = JSONSyntax.parse(bytes, filename: shown, sources: sources)
            } else {
                (file, d) = Parser.parse(bytes, filename: shown, sources: sources)
            }
            diags += d
            decoder.add(file)
        }
        diags += decoder.diags
        return decoder.module
    }

    /// Whether a module source is a local path, as Terraform decides: `./…` or `../…`.
    public static func isLocalSource(_ source: String) -> Bool {
        source.hasPrefix("./") || source.hasPrefix("../") || source == "." || source == ".."
    }

    func loadTree(_ dir: String, path: [String], diags: inout Diagnostics, stack: [String], cache: ModuleCache) -> Config {
        let module: Module
        if let (m, d) = cache.modules[dir] {
            module = m
            diags += d
        } else {
            var d = Diagnostics()
            module = loadModule(dir, diags: &d)
            cache.modules[dir] = (module, d)
            diags += d
        }
        var config = Config(module: module, path: path)
        for name in module.moduleCalls.keys.sorted() {
            guard let call = module.moduleCalls[name] else { continue }
            guard Self.isLocalSource(call.source) else {
                var detail = "Module \"\(name)\" has source \"\(call.source)\", but Terrace supports only local module sources: a path that begins with \"./\" or \"../\". Registry, Git, HTTP and other remote sources are not available."
                let asLocal = (dir as NSString).appendingPathComponent(call.source)
                if !call.source.hasPrefix("/"), FileSystem.isDirectory(asLocal) {
                    detail += "\n\nIf you intended this as a path relative to the current module, use \"./\(call.source)\" instead. The \"./\" prefix indicates that the address is a relative filesystem path."
                }
                diags += .error("Unsupported module source", detail, at: call.sourceRange)
                continue
            }
            if call.version != nil, let attr = call.body.attribute("version") {
                diags += .error("Invalid version constraint",
                                "Module \"\(name)\" has a local source, and a version constraint cannot be applied to a module at a local path. Remove the \"version\" argument.",
                                at: attr.range)
            }
            let childDir = ((dir as NSString).appendingPathComponent(call.source) as NSString).standardizingPath
            if stack.contains(childDir) || childDir == (dir as NSString).standardizingPath {
                diags += .error("Module cycle", "Module \"\(name)\" calls a module that is already being loaded (\(display(childDir))), which would recurse forever.", at: call.sourceRange)
                continue
            }
            if !FileSystem.isDirectory(childDir) {
                diags += .error("Unreadable module directory",
                                "The directory \(display(childDir)) for module \"\(name)\" does not exist or cannot be read.", at: call.sourceRange)
                continue
            }
            config.children[name] = loadTree(childDir, path: path + [name], diags: &diags, stack: stack + [(dir as NSString).standardizingPath], cache: cache)
        }
        return config
    }
}
