import Foundation
import TerraceBasics
import TerraceConfig
import TerraceCost
import TerraceEngine
import TerraceProviders

/// `terrace cost [-env=NAME | -var-file=F …] [-usage-file=F] [-format=table|json|html|markdown]
/// [-out=F]` and `terrace cost -compare=dev,staging,prod`: the monthly cost of an environment
/// from its configuration alone (planned against an empty state, nothing refreshed), or of
/// several environments side by side.
struct CostCommand: Command {
    /// Warnings already printed in this run.
    final class Shown: @unchecked Sendable {
        var set: Set<Diagnostic> = []
        func insert(_ d: Diagnostic) -> (inserted: Bool, memberAfterInsert: Diagnostic) { set.insert(d) }
    }

    /// Prints diagnostics, all to standard error when standard output carries a document.
    struct Reporter {
        let terminal: Terminal
        let allToStandardError: Bool

        func show(_ d: Diagnostics) {
            guard allToStandardError else { return terminal.diagnostics(d) }
            let r = DiagnosticRenderer(color: terminal.color, sources: terminal.sources)
            for x in d.items { terminal.err(r.render(x)) }
        }
    }

    let name = "cost"
    let synopsis = "Estimate the monthly cost of an environment"
    let help = """
    Usage: terrace [global options] cost [options]

      Estimates the monthly cost of the infrastructure the configuration describes, from
      the configuration alone (no state or cloud access needed), with Terrace's built-in
      price catalogue: every resource with its cost components (730 hours a month),
      baseline apart from usage, totals, and which resources are free or not supported.

    Options:

      -env=NAME           Estimate environment NAME: load environments/NAME.tfvars and,
                          when it exists, the usage file environments/NAME.usage.yml.

      -var 'foo=bar'      Set a root module variable. Can be given more than once.

      -var-file=filename  Load variable values from the given file. Can be given more
                          than once.

      -usage-file=F       Usage quantities (Infracost's usage file format) for
                          usage-based components such as data transferred or requests.

      -compare=A,B,C      Estimate environments A, B and C (each with its tfvars and
                          usage file) and show them side by side, per service and in total.

      -format=FORMAT      table (default), json (Infracost's JSON shape), html (a page
                          with a bar chart of cost per service), or markdown.

      -out=FILE           Write the estimate to FILE instead of standard output.

      -no-color           Accepted for symmetry with other commands; output has no color.
    """

    static let flagSpec: [String: Flags.Kind] = [
        "var": .repeated, "var-file": .repeated, "env": .value, "usage-file": .value,
        "format": .value, "out": .value, "compare": .value, "no-color": .bool,
    ]
    static let formats = ["table", "json", "html", "markdown"]

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Self.flagSpec, args, ctx) else { return 1 }
        let terminal = ctx.terminal
        let format = flags.value("format") ?? "table"
        // JSON, HTML and markdown on standard output must stay parseable: warnings go to
        // standard error with the errors then, instead of to standard output as Terraform's do.
        let report = Reporter(terminal: terminal, allToStandardError: format != "table" && flags.value("out") == nil)
        guard Self.formats.contains(format) else {
            report.show(Diagnostics([.error("Invalid output format",
                "The -format option must be one of \(Self.formats.joined(separator: ", ")), not \"\(format)\".\(Suggestions.didYouMean(format, in: Self.formats))")]))
            return 1
        }
        if !flags.positional.isEmpty {
            report.show(Diagnostics([.error("Unexpected argument", "The cost command takes no arguments, but got \"\(flags.positional[0])\". It estimates the configuration in the working directory; use -chdir=DIR to choose another.")]))
            return 1
        }
        let catalogue: PriceCatalogue
        do { catalogue = try PriceCatalogue.shared() } catch {
            report.show(Diagnostics([.error("Price catalogue not available", error.message)]))
            return 1
        }
        let (config, cd) = ctx.loadConfig()
        report.show(cd)
        if cd.hasErrors { return 1 }

        var projects: [ProjectCost] = []
        let shown = Shown()
        if let list = flags.value("compare") {
            if flags.value("env") != nil || flags.value("usage-file") != nil {
                report.show(Diagnostics([.error("Incompatible options", "The -compare option names the environments itself; it cannot be combined with -env or -usage-file.")]))
                return 1
            }
            let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard names.count >= 2 else {
                report.show(Diagnostics([.error("Invalid -compare option", "The -compare option takes two or more environment names separated by commas, such as -compare=dev,staging,prod.")]))
                return 1
            }
            for env in names {
                guard let p = await estimate(config: config, flags: flags, env: env, usagePath: nil, catalogue: catalogue, shown: shown, report: report, ctx) else { return 1 }
                projects.append(p)
            }
        } else {
            guard let p = await estimate(config: config, flags: flags, env: flags.value("env"), usagePath: flags.value("usage-file"),
                                         catalogue: catalogue, shown: shown, report: report, ctx) else { return 1 }
            projects.append(p)
        }

        let info = CatalogueInfo(catalogue)
        let text: String
        switch format {
        case "json": text = CostJSON.render(projects, catalogue: info)
        case "html": text = CostHTML.render(projects, catalogue: info)
        case "markdown": text = CostMarkdown.render(projects, catalogue: info)
        default: text = projects.count > 1 ? CompareTable.render(projects, catalogue: info) : CostTable.render(projects[0], catalogue: info)
        }
        if let out = flags.value("out") {
            do { try FileSystem.writeAtomically(ctx.path(out), text) } catch {
                report.show(Diagnostics([.error("Failed to write the cost estimate", "Cannot write \(out): \(error)")]))
                return 1
            }
            terminal.print("Cost estimate (\(format)) written to \(out).")
        } else {
            terminal.write(text)
        }
        return 0
    }

    /// Plans one environment's configuration against an empty state and prices it.
    func estimate(config: Config, flags: Flags, env: String?, usagePath: String?, catalogue: PriceCatalogue, shown: Shown,
                  report: Reporter, _ ctx: CommandContext) async -> ProjectCost? {
        let terminal = ctx.terminal
        var envFlags = flags
        if let env, flags.value("env") != env {
            // -compare: this environment's tfvars first, then the -var and -var-file given.
            var args = ["-env=\(env)"]
            for (k, v) in flags.ordered where k == "var" || k == "var-file" { args.append("-\(k)=\(v)") }
            guard let f = try? Flags(Self.flagSpec, args) else { return nil }
            envFlags = f
        }
        let (variables, vd) = ctx.variables(config, envFlags)
        report.show(vd)
        if vd.hasErrors { return nil }
        var usage: UsageFile?
        if let path = usagePath ?? env.flatMap({ UsageFile.environmentFile(rootDir: ctx.workingDir, environment: $0) }) {
            let (u, ud) = UsageFile.load(ctx.path(path), displayName: path, sources: terminal.sources)
            report.show(ud)
            if ud.hasErrors { return nil }
            usage = u
        }
        let registry: ProviderRegistry
        do { registry = try ctx.registry() } catch {
            report.show(Diagnostics([.error("Failed to prepare the working directory", "\(error)")]))
            return nil
        }
        let inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: env ?? ctx.currentWorkspace,
                                  variables: variables, registry: registry)
        let (resources, pd) = await ConfigurationPlanner.plannedResources(inputs, environment: ctx.environment)
        // With -compare every environment plans the same configuration: say each warning once.
        report.show(Diagnostics(pd.items.filter { $0.severity == .error || shown.insert($0).inserted }))
        if pd.hasErrors { return nil }
        let varFiles = ctx.variableArguments(envFlags).0.compactMap { a -> String? in
            if case .file(let f) = a { return f }
            return nil
        }
        let name = env ?? ((ctx.workingDir as NSString).lastPathComponent)
        let (project, ed) = CostEstimator.estimate(name: name, path: ".", varFiles: varFiles, resources: resources,
                                                   catalogue: catalogue, usage: usage)
        report.show(Diagnostics(ed.items.filter { $0.severity == .error || shown.insert($0).inserted }))
        return project
    }
}
