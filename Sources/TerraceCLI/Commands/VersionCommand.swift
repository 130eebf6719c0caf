import TerraceState

struct VersionCommand: Command {
    let name = "version"
    let synopsis = "Show the current Terrace version"
    let help = """
    Usage: terrace [global options] version [options]

      Displays the version of Terrace and of the providers it carries.

    Options:

      -json       Output the version information as a JSON object.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["json": .bool], args, ctx) else { return 1 }
        let registry = (try? ctx.registry())
        let providers = (registry?.names ?? []).compactMap { n in registry?[n].map { (n, $0) } }
        if flags.bool("json") {
            var sel: [(String, TerraceBasics.JSON)] = []
            for (_, e) in providers.sorted(by: { $0.1.source < $1.1.source }) { sel.append((e.source, .string(e.version))) }
            let j = TerraceBasics.JSON.object([("terrace_version", .string(TerraceVersion.version)),
                                              ("terraform_version", .string(TerraceVersion.terraformCompatible)),
                                              ("platform", .string("linux_amd64")),
                                              ("provider_selections", .object(sel))])
            ctx.terminal.print(TerraceBasics.JSONWriter.pretty(j))
            return 0
        }
        ctx.terminal.print("Terrace v\(TerraceVersion.version)")
        ctx.terminal.print("on linux_amd64")
        for (_, e) in providers.sorted(by: { $0.1.source < $1.1.source }) {
            ctx.terminal.print("+ provider \(e.source) v\(e.version)")
        }
        return 0
    }
}

import TerraceBasics
