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

    public func selectWorkspace(_ name: String) throws {
        try FileSystem.createDirectory(path(".terrace"))
        try FileSystem.writeAtomically(environmentFile, name + "\n")
    }

    /// The state file of a workspace: `terrace.tfstate`, or `terrace.tfstate.d/NAME/terrace.tfstate`,
    /// or the local backend's `path` for the default workspace.
    public func statePath(workspace: String, config: Config?) -> String {
        if workspace == "default" {
            return path(config?.module.backend?.path ?? "terrace.tfstate")
        }
        return path("terrace.tfstate.d/\(workspace)/terrace.tfstate")
    }

    public func workspaces() -> [String] {
        ["default"] + FileSystem.list(path("terrace.tfstate.d")).filter { FileSystem.isDirectory(path("terrace.tfstate.d/\($0)")) }
    }

    // MARK: Configuration and variables

    public func loadConfig() -> (Config, Diagnostics) {
        ModuleLoader(sources: terminal.sources, displayBase: workingDir).load(workingDir)
    }

    /// `-var` and `-var-file` in order, with `-env=NAME` adding `environments/NAME.tfvars` first.
    public func variableArguments(_ flags: Flags) -> ([VariableArgument], Diagnostics) {
        var args: [VariableArgument] = []
        var diags = Diagnostics()
        if let env = flags.value("env") {
            let f = "environments/\(env).tfvars"
            if FileSystem.exists(path(f)) {
                args.append(.file(f))
            } else if FileSystem.exists(path(f + ".json")) {
                args.append(.file(f + ".json"))
            } else {
                let known = FileSystem.list(path("environments")).filter { $0.hasSuffix(".tfvars") }.map { String($0.dropLast(7)) }
                diags += .error("Unknown environment",
                                "There is no variables file \(f) for environment \"\(env)\".\(Suggestions.didYouMean(env, in: known))")
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

    /// The workspace named by `-env`, or the selected one; `-env` creates and selects it.
    public func workspace(_ flags: Flags) throws -> String {
        if let env = flags.value("env") {
            if currentWorkspace != env { try selectWorkspace(env) }
            return env
        }
        return currentWorkspace
    }
}
