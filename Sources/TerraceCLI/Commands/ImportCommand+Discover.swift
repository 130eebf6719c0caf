import Foundation
import TerraceBasics
import TerraceCloud
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// Import discovery: objects in the simulated cloud that no state of this working directory
/// manages, written as import blocks and configuration with references between them.
extension ImportCommand {
    func discover(_ flags: Flags, _ ctx: CommandContext) async -> Int32 {
        guard let out = flags.value("generate-config-out") else {
            ctx.terminal.diagnostics(Diagnostics([.error("Missing -generate-config-out",
                "Import discovery writes import blocks and configuration to a file: give its name with -generate-config-out=FILE.")]))
            return 1
        }
        let outPath = ctx.path(out)
        if FileSystem.exists(outPath) {
            ctx.terminal.diagnostics(Diagnostics([.error("Target generated file already exists",
                "Terrace can only write generated config into a new file. Either choose a different target location or move all existing configuration out of the target file, delete it and try again.")]))
            return 1
        }
        let store: CloudStore
        do { store = try CloudStore(dir: ctx.cloudDir) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Cannot open the simulated cloud", "\(error)")]))
            return 1
        }
        let account = ctx.environment["TERRACE_ACCOUNT_ID"] ?? AWSRegions.defaultAccount
        var catalog: [String: any AWSResource] = [:]
        for r in AWSCatalog.resources { catalog[type(of: r).typeName] = r }
        if let t = flags.value("type"), catalog[t] == nil {
            ctx.terminal.diagnostics(Diagnostics([.error("Unknown resource type",
                "The simulated cloud has no resource type \"\(t)\".\(Suggestions.didYouMean(t, in: catalog.keys))")]))
            return 1
        }
        if let r = flags.value("region"), AWSRegions.zones[r] == nil {
            ctx.terminal.diagnostics(Diagnostics([.error("Unknown region",
                "The simulated cloud has no region \"\(r)\".\(Suggestions.didYouMean(r, in: AWSRegions.zones.keys))")]))
            return 1
        }
        // Everything managed by any workspace of this working directory, by ID, with its address.
        let (config, _) = ctx.loadConfig()
        var managed: [String: String] = [:]
        for w in ctx.workspaces() {
            guard let s = try? StateStore(path: ctx.statePath(workspace: w, config: config)).load() else { continue }
            for addr in s.instanceAddresses {
                guard let id = s.instance(addr)?.id else { continue }
                managed[id] = addr.module.isRoot && w == ctx.currentWorkspace ? "\(addr).id" : ""
            }
        }
        let defaultRegion = Self.configuredRegion(config) ?? "us-east-1"
        struct Found {
            var type: String
            var name: String
            var id: String
            var region: String
            var value: Value
            var schema: SchemaBlock
        }
        var found: [Found] = []
        var usedNames: [String: Set<String>] = [:]
        for kind in store.kinds(account: account, region: flags.value("region")).sorted() {
            guard let r = catalog[kind], flags.value("type") == nil || flags.value("type") == kind else { continue }
            for o in store.list(kind, account: account, region: flags.value("region")) where managed[o.id] == nil && o.managedBy == nil {
                let value = r.decode(o)
                var base = ConfigGenerator.name(from: value["tags"]?["Name"]?.stringValue ?? value["name"]?.stringValue ?? o.id)
                if usedNames[kind, default: []].contains(base) { base += "_" + ConfigGenerator.name(from: o.id) }
                usedNames[kind, default: []].insert(base)
                found.append(Found(type: kind, name: base, id: o.id, region: o.region, value: value, schema: r.schema.block))
            }
        }
        if found.isEmpty {
            ctx.terminal.print("No unmanaged objects found in the simulated cloud.")
            return 0
        }
        // References: IDs of discovered objects, and of objects managed by the root module.
        var references: [String: String] = [:]
        for (id, ref) in managed where !ref.isEmpty { references[id] = ref }
        for f in found { references[f.id] = "\(f.type).\(f.name).id" }
        var text = ConfigGenerator.header
        let regions = Set(found.map(\.region)).subtracting([defaultRegion]).sorted()
        for r in regions {
            text += "\nprovider \"aws\" {\n  alias  = \"\(r.replacingOccurrences(of: "-", with: "_"))\"\n  region = \"\(r)\"\n}\n"
        }
        for f in found {
            text += "\nimport {\n  to = \(f.type).\(f.name)\n  id = \(ConfigGenerator.quote(f.id))\n"
            if f.region != defaultRegion { text += "  provider = aws.\(f.region.replacingOccurrences(of: "-", with: "_"))\n" }
            text += "}\n"
        }
        for f in found {
            var gen = ConfigGenerator(references: references)
            gen.references[f.id] = nil
            var resource = gen.resource(type: f.type, name: f.name, value: f.value, schema: f.schema, importID: f.id)
            if f.region != defaultRegion {
                resource = resource.replacingOccurrences(of: "resource \"\(f.type)\" \"\(f.name)\" {\n",
                    with: "resource \"\(f.type)\" \"\(f.name)\" {\n  provider = aws.\(f.region.replacingOccurrences(of: "-", with: "_"))\n\n")
            }
            text += "\n" + resource
        }
        do { try FileSystem.writeAtomically(outPath, text) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to write generated configuration", "\(error)")]))
            return 1
        }
        ctx.terminal.print("Found \(found.count) unmanaged object\(found.count == 1 ? "" : "s"); wrote import blocks and configuration to \(out).")
        for f in found { ctx.terminal.print("  \(f.type).\(f.name) (\(f.id), \(f.region))") }
        ctx.terminal.print("\nRun \"terrace plan\" to see what would be imported.")
        return 0
    }

    /// The region of the root module's default aws provider, when it is a literal.
    static func configuredRegion(_ config: Config) -> String? {
        config.module.providerConfigs["aws"]?.body.attribute("region")?.expr.asStaticString
    }
}
