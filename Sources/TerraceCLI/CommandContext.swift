import Foundation
import TerraceBasics
import TerraceCloud
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// What every command shares: the working directory, the terminal and the environment, and
/// the steps most commands take (load configuration, collect variables, find the workspace's
/// state, build the provider registry).
public final class CommandContext: @unchecked Sendable {
    public let workingDir: String
    public let terminal: Terminal
    public let environment: [String: String]

    public init(workingDir: String, terminal: Terminal, environment: [String: String]) {
        self.workingDir = workingDir
        self.terminal = terminal
        self.environment = environment
    }

    public func path(_ p: String) -> String { p.hasPrefix("/") ? p : (workingDir as NSString).appendingPathComponent(p) }

    // MARK: Workspaces

    var environmentFile: String { path(".terrace/environment") }

    /// The selected workspace: `TF_WORKSPACE`, else `.terrace/environment`, else "default".
    public var currentWorkspace: String {
        if let w = environment["TF_WORKSPACE"], !w.isEmpty { return w }
        if let s = try? FileSystem.readString(environmentFile) {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { return t }
        }
        return "default"
    }

    /// Whether `TF_WORKSPACE` chooses the workspace, so selecting another is refused.
    public var workspaceOverridden: Bool { !(environment["TF_WORKSPACE"] ?? "").isEmpty }

    /// Records `name` as the selected workspace.
    public func selectWorkspace(_ name: String) throws {
        try FileSystem.createDirectory(path(".terrace"))
        try FileSystem.writeAtomically(environmentFile, name + "\n")
    }

    /// Where non-default workspaces keep their state: the local backend's `workspace_dir`, or
    /// `terrace.tfstate.d`.
    public func workspaceDir(config: Config?) -> String {
        path(config?.module.backend?.workspaceDir ?? "terrace.tfstate.d")
    }

    /// The state file of a workspace: `terrace.tfstate` (or the local backend's `path`) for the
    /// default workspace, `terrace.tfstate.d/NAME/terrace.tfstate` for the others.
    public func statePath(workspace: String, config: Config?) -> String {
        if workspace == "default" {
            return path(config?.module.backend?.path ?? "terrace.tfstate")
        }
        return (workspaceDir(config: config) as NSString).appendingPathComponent("\(workspace)/terrace.tfstate")
    }

    /// Every workspace: "default", then one per directory under the workspace directory, sorted.
    public func workspaces(config: Config? = nil) -> [String] {
        let dir = workspaceDir(config: config)
        let others = FileSystem.list(dir).filter { $0 != "default" && FileSystem.isDirectory((dir as NSString).appendingPathComponent($0)) }
        return ["default"] + others.sorted()
    }

    public func workspaceExists(_ name: String, config: Config? = nil) -> Bool {
        name == "default" || FileSystem.isDirectory((workspaceDir(config: config) as NSString).appendingPathComponent(name))
    }

    /// Terraform's rule: a name must survive URL path escaping unchanged, so it has no path
    /// separators, spaces or other characters that would need quoting.
    public static func isValidWorkspaceName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "-._~$&+:=@".unicodeScalars.contains(c)
        }
    }

    public static func invalidWorkspaceNameMessage(_ name: String) -> String {
        "The workspace name \"\(name)\" is not allowed. The name must contain only URL safe\ncharacters, and no path separators."
    }

    /// Why a workspace could not be chosen.
    public struct WorkspaceFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates a workspace's state directory.
    public func createWorkspace(_ name: String, config: Config?) throws {
        guard name != "default" else { return }
        try FileSystem.createDirectory((workspaceDir(config: config) as NSString).appendingPathComponent(name))
    }

    /// The workspace a command works in. `-env=NAME` selects NAME, creating it if needed (its
    /// variables file is added by `variableArguments`); otherwise the selected workspace.
    public func workspace(_ flags: Flags, config: Config? = nil) throws -> String {
        guard let env = flags.value("env") else { return currentWorkspace }
        guard Self.isValidWorkspaceName(env) else {
            throw WorkspaceFailure(description: Self.invalidWorkspaceNameMessage(env))
        }
        if workspaceOverridden && currentWorkspace != env {
            throw WorkspaceFailure(description: "The selected workspace is currently overridden using the TF_WORKSPACE environment variable (\"\(currentWorkspace)\"), so -env=\(env) cannot select another one. Unset TF_WORKSPACE or make it match.")
        }
        let cfg = config ?? loadBackendOnly()
        if !workspaceExists(env, config: cfg) { try createWorkspace(env, config: cfg) }
        if currentWorkspace != env && !workspaceOverridden { try selectWorkspace(env) }
        return env
    }

    /// The configuration, read only to find the backend's `workspace_dir` (diagnostics are the
    /// caller's business when it loads the configuration itself).
    func loadBackendOnly() -> Config? {
        guard !ModuleLoader.configFiles(workingDir).isEmpty else { return nil }
        return ModuleLoader(sources: SourceFiles(), displayBase: workingDir).load(workingDir).0
    }

    // MARK: Configuration and variables

    public func loadConfig() -> (Config, Diagnostics) {
        ModuleLoader(sources: terminal.sources, displayBase: workingDir).load(workingDir)
    }

    /// `-var` and `-var-file` in order, with `-env=NAME` adding `environments/NAME.tfvars` first.
    public func variableArguments(_ flags: Flags) -> ([VariableArgument], Diagnostics) {
        var args: [VariableArgument] = []
        var diags = Diagnostics()
        if let env = flags.value("env"), !Self.isValidWorkspaceName(env) {
            diags += .error("Invalid environment name", Self.invalidWorkspaceNameMessage(env).replacingOccurrences(of: "\n", with: " "))
        } else if let env = flags.value("env") {
            let f = "environments/\(env).tfvars"
            if FileSystem.exists(path(f)) {
                args.append(.file(f))
            } else if FileSystem.exists(path(f + ".json")) {
                args.append(.file(f + ".json"))
            } else {
                let known = FileSystem.list(path("environments")).compactMap { name -> String? in
                    if name.hasSuffix(".tfvars") { return String(name.dropLast(7)) }
                    if name.hasSuffix(".tfvars.json") { return String(name.dropLast(12)) }
                    return nil
                }.sorted()
                var detail = "There is no variables file \(f) for environment \"\(env)\"."
                if let near = Suggestions.nearest(env, in: known) {
                    detail += " Did you mean \"\(near)\"?"
                } else if !known.isEmpty {
                    detail += " The environments with a variables file are: \(known.joined(separator: ", "))."
                }
                diags += .error("Unknown environment", detail)
            }
        }
        for (name, value) in flags.ordered {
            switch name {
            case "var":
                guard let eq = value.firstIndex(of: "=") else {
                    diags += .error("Invalid -var option",
                                    "The given -var option \"\(value)\" is not correctly specified. Must be a variable name and value separated by an equals sign, like -var=\"key=value\".")
                    continue
                }
                args.append(.variable(name: String(value[..<eq]), value: String(value[value.index(after: eq)...])))
            case "var-file":
                args.append(.file(value))
            default: break
            }
        }
        return (args, diags)
    }

    public func variables(_ config: Config, _ flags: Flags) -> ([String: Value], Diagnostics) {
        let (args, d1) = variableArguments(flags)
        var diags = d1
        let iv = InputVariables(module: config.module, workingDir: workingDir, environment: environment, sources: terminal.sources)
        let (inputs, d2) = iv.collect(args)
        diags += d2
        if diags.hasErrors { return ([:], diags) }
        let (values, d3) = iv.finalize(inputs, functions: Builtins.table(baseDir: workingDir))
        diags += d3
        return (values, diags)
    }

    public var cloudDir: String { CloudStore.defaultDirectory(workingDir: workingDir, environment: environment) }

    public func registry() throws -> ProviderRegistry {
        try CloudProviders.registry(cloudDir: cloudDir, environment: environment)
    }

}
