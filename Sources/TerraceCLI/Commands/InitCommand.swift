import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceProviders

/// `terrace init`: reads the whole module tree, reports what is wrong with it early, and
/// records it in `.terrace/modules/modules.json`. Providers are built in and local modules
/// are read in place, so there is nothing to download; `plan` and `apply` work without it.
struct InitCommand: Command {
    let name = "init"
    let synopsis = "Prepare your working directory for other commands"
    let primary = true
    let help = """
    Usage: terrace [global options] init [options]

      Initialize a new or existing Terrace working directory: read the module
      tree, check that every module and provider it uses is available, and record
      the modules in .terrace/modules/modules.json.

      Terrace's providers are built in and only local modules are supported, so
      nothing is downloaded, and "terrace plan" and "terrace apply" also work in a
      directory that was never initialized. It is always safe to run this command
      multiple times.

    Options:

      -backend=false          Skip the backend step.

      -get=false              Skip recording the module tree.

      -input=true             Accepted for compatibility; Terrace never asks.

      -lock=false             Accepted for compatibility.

      -lock-timeout=0s        Accepted for compatibility.

      -no-color               If specified, output won't contain any color.

      -reconfigure            Accepted for compatibility.

      -upgrade                Accepted for compatibility: built-in providers and
                              local modules are always current.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        let spec: [String: Flags.Kind] = [
            "backend": .bool, "get": .bool, "input": .bool, "lock": .bool, "lock-timeout": .value,
            "no-color": .bool, "reconfigure": .bool, "upgrade": .bool, "migrate-state": .bool, "force-copy": .bool,
        ]
        guard let flags = parse(spec, args, ctx) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        let t = ctx.terminal
        guard !ModuleLoader.configFiles(ctx.workingDir).isEmpty else {
            t.print(t.bold("Terrace initialized in an empty directory!"))
            t.print("")
            t.print("The directory has no Terrace configuration files. You may begin working")
            t.print("with Terrace immediately by creating Terrace configuration files.")
            return 0
        }
        let (config, loadDiags) = ctx.loadConfig()
        var diags = loadDiags
        diags += Validator.coreVersionDiagnostics(config)
        if diags.hasErrors {
            t.printError("""
            There are some problems with the configuration, described below.

            The Terrace configuration must be valid before initialization so that
            Terrace can determine which modules and providers need to be installed.
            """)
            t.diagnostics(diags)
            return 1
        }
        t.diagnostics(diags)
        let modules = config.allModules.filter { !$0.path.isEmpty }
        if flags.bool("get", default: true) && !modules.isEmpty {
            t.print(t.bold("Initializing modules..."))
            let manifest = ModuleManifest(config: config, rootDir: ctx.workingDir)
            for record in manifest.records where !record.key.isEmpty {
                t.print("- \(record.key) in \(record.dir)")
            }
            do {
                try manifest.write(to: ctx.path(ModuleManifest.path))
            } catch {
                t.diagnostics(Diagnostics([.error("Failed to record the module tree", "\(error)")]))
                return 1
            }
            t.print("")
        }
        if flags.bool("backend", default: true) {
            t.print(t.bold("Initializing the backend..."))
            if let backend = config.module.backend {
                t.print("")
                t.print(t.green("Successfully configured the backend \"\(backend.type)\"! Terrace will automatically"))
                t.print(t.green("use this backend unless the backend configuration changes."))
            }
            t.print("")
        }
        t.print(t.bold("Initializing provider plugins..."))
        let registry: ProviderRegistry
        do { registry = try ctx.registry() } catch {
            t.diagnostics(Diagnostics([.error("Failed to load providers", "\(error)")]))
            return 1
        }
        var missing = Diagnostics()
        for name in Self.providersUsed(config) {
            guard let entry = registry[name] else {
                let source = registry.address(name).replacingOccurrences(of: "registry.terraform.io/", with: "")
                missing += .error("Failed to query available provider packages",
                                  "Could not retrieve the list of available versions for provider \(source): Terrace has no provider \"\(name)\"; its providers are \(registry.names.joined(separator: ", ")).\(Suggestions.didYouMean(name, in: registry.names))")
                continue
            }
            let source = entry.source.replacingOccurrences(of: "registry.terraform.io/", with: "")
            t.print("- Using \(source) v\(entry.version), built into Terrace")
        }
        if missing.hasErrors {
            t.diagnostics(missing)
            return 1
        }
        t.print("")
        t.print(t.bold(t.green("Terrace has been successfully initialized!")))
        t.print(t.green("""

        You may now begin working with Terrace. Try running "terrace plan" to see
        any changes that are required for your infrastructure. All Terrace commands
        should now work.

        If you ever set or change modules or backend configuration for Terrace,
        rerun this command to reinitialize your working directory. If you forget,
        "terrace plan" still reads the modules as they are now.
        """))
        return 0
    }

    /// Local names of every provider the tree uses: required, configured, or implied by a
    /// resource type, sorted.
    static func providersUsed(_ config: Config) -> [String] {
        var names = Set<String>()
        for c in config.allModules {
            names.formUnion(c.module.requiredProviders.keys)
            names.formUnion(c.module.providerConfigs.values.map(\.name))
            names.formUnion(c.module.resources.values.map(\.provider.name))
        }
        return names.sorted()
    }
}
