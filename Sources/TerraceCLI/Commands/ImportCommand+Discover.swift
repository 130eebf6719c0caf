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
        // Everything managed by any workspace of this working directory, by ID; what the root
        // module of the current workspace manages can be referred to.
        let (config, _) = ctx.loadConfig()
        var managed: Set<String> = []
        var targets: [ReferenceIndex.Target] = []
        for w in ctx.workspaces() {
            guard let s = try? StateStore(path: ctx.statePath(workspace: w, config: config)).load() else { continue }
            for addr in s.instanceAddresses {
                guard let object = s.instance(addr), let id = object.id else { continue }
                managed.insert(id)
                let type = addr.resource.resource.type
                guard addr.module.isRoot, w == ctx.currentWorkspace, let r = catalog[type],
                      let value = try? ValueJSON.decode(object.attributes, as: r.schema.block.impliedType) else { continue }
                targets.append(ReferenceIndex.Target(address: "\(addr)", type: type, value: value))
            }
        }
        let defaultRegion = Self.configuredRegion(config) ?? "us-east-1"
        struct Found {
            var type: String
            var name: String
            var id: String
            var importID: String
            var region: String
            var value: Value
            var schema: SchemaBlock
            var address: String { "\(type).\(name)" }
        }
        var providers: [String: AWSProvider] = [:]
        func provider(_ region: String) -> AWSProvider {
            if let p = providers[region] { return p }
            let p = AWSProvider(store: store, account: account, environment: ctx.environment)
            _ = p.configure(.object(["region": .string(region)]))
            providers[region] = p
            return p
        }
        var found: [Found] = []
        var usedNames: [String: Set<String>] = [:]
        for kind in store.kinds(account: account, region: flags.value("region")).sorted() {
            guard let r = catalog[kind], flags.value("type") == nil || flags.value("type") == kind else { continue }
            for o in store.list(kind, account: account, region: flags.value("region")) where !managed.contains(o.id) && o.managedBy == nil {
                let stored = r.decode(o)
                if let id = stored["id"]?.stringValue, managed.contains(id) { continue }
                if Self.isMember(kind, stored) { continue }
                // Global services (IAM) are reached through the default provider.
                let region = o.region == AWSRegions.global ? defaultRegion : o.region
                // The object as `terrace import` reads it (with what other objects configure,
                // such as a bucket's versioning), by the ID its type takes.
                var importID = Self.importID(kind, stored) ?? o.id
                var read = await provider(region).importResource(type: kind, id: importID)
                if read.state == nil && importID != o.id {
                    importID = o.id
                    read = await provider(region).importResource(type: kind, id: importID)
                }
                guard let value = read.state else {
                    ctx.terminal.diagnostics(Diagnostics([.warning("Object not imported",
                        "\(kind) \(o.id) could not be read for import, so no configuration is written for it.")]))
                    continue
                }
                var base = ConfigGenerator.name(from: Self.label(value) ?? o.id)
                if usedNames[kind, default: []].contains(base) { base += "_" + ConfigGenerator.name(from: o.id) }
                usedNames[kind, default: []].insert(base)
                found.append(Found(type: kind, name: base, id: o.id, importID: importID, region: region,
                                   value: StateCodec.markSensitive(value, schema: r.schema.block), schema: r.schema.block))
            }
        }
        if found.isEmpty {
            ctx.terminal.print("No unmanaged objects found in the simulated cloud.")
            return 0
        }
        targets += found.map { ReferenceIndex.Target(address: $0.address, type: $0.type, value: $0.value.unmarkedDeep) }
        let index = ReferenceIndex(targets)

        // Each object's configuration, fitted to the provider of its region so it plans with
        // no changes.
        var separately: [String: Set<String>] = [:]
        for f in found {
            guard let (parent, key, arguments) = Self.managedSeparately(f.type, f.value),
                  let id = f.value[key]?.stringValue,
                  let owner = found.first(where: { $0.type == parent && $0.value["id"]?.stringValue == id }) else { continue }
            separately[owner.address, default: []].formUnion(arguments)
        }
        var generators: [String: ConfigGenerator] = [:]
        for f in found {
            var gen = ConfigGenerator()
            gen.index = index
            gen.omitted = separately[f.address] ?? []
            generators[f.address] = gen.writing(type: f.type, name: f.name).fitted(type: f.type, value: f.value, schema: f.schema, provider: provider(f.region))
        }
        // References must not go round in a circle (Terraform rejects cycles): a reference that
        // closes one is written as the literal value.
        // Leaving one out may let the value refer to another object instead, so repeat.
        for _ in 0..<found.count {
            var edges: [String: Set<String>] = [:]
            for f in found {
                guard let gen = generators[f.address] else { continue }
                edges[f.address] = index.targets(of: gen.configuration(f.value, schema: f.schema), key: "", sourceType: f.type,
                                                 source: f.address, excluding: gen.unreferenced)
            }
            let back = ReferenceIndex.backEdges(edges, order: found.map(\.address))
            if back.isEmpty { break }
            for (from, to) in back { generators[from]?.unreferenced.insert(to) }
        }

        var text = ConfigGenerator.header
        let regions = Set(found.map(\.region)).subtracting([defaultRegion]).sorted()
        for r in regions {
            text += "\nprovider \"aws\" {\n  alias  = \"\(r.replacingOccurrences(of: "-", with: "_"))\"\n  region = \"\(r)\"\n}\n"
        }
        for f in found {
            text += "\nimport {\n  to = \(f.address)\n  id = \(ConfigGenerator.quote(f.importID))\n"
            if f.region != defaultRegion { text += "  provider = aws.\(f.region.replacingOccurrences(of: "-", with: "_"))\n" }
            text += "}\n"
        }
        for f in found {
            let gen = generators[f.address] ?? ConfigGenerator()
            let provider = f.region != defaultRegion ? "aws.\(f.region.replacingOccurrences(of: "-", with: "_"))" : nil
            text += "\n" + gen.resource(type: f.type, name: f.name, value: f.value, schema: f.schema,
                                        importID: f.importID, provider: provider)
        }
        do { try FileSystem.writeAtomically(outPath, text) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to write generated configuration", "\(error)")]))
            return 1
        }
        ctx.terminal.print("Found \(found.count) unmanaged object\(found.count == 1 ? "" : "s"); wrote import blocks and configuration to \(out).")
        for f in found { ctx.terminal.print("  \(f.address) (\(f.id), \(f.region))") }
        ctx.terminal.print("\nRun \"terrace plan\" to see what would be imported.")
        return 0
    }

    /// What a person would call an object: its `Name` tag, or the argument that names it.
    static func label(_ v: Value) -> String? {
        if let n = v["tags"]?["Name"]?.stringValue, !n.isEmpty { return n }
        for key in ["name", "bucket", "identifier", "family", "alarm_name", "dashboard_name", "replication_group_id",
                    "cluster_id", "domain_name", "comment"] {
            if let s = v[key]?.stringValue, !s.isEmpty { return s }
        }
        return nil
    }

    /// The type, argument and inline arguments of the object whose part an object of `type`
    /// manages on its own: a bucket policy is its bucket's `policy`, a rule one of its
    /// group's `ingress` blocks. Discovery leaves those inline arguments out of the owner's
    /// configuration, so the part is managed once (the AWS provider warns against both).
    static func managedSeparately(_ type: String, _ v: Value) -> (String, String, Set<String>)? {
        switch type {
        case "aws_s3_bucket_policy": return ("aws_s3_bucket", "bucket", ["policy"])
        case "aws_s3_bucket_versioning": return ("aws_s3_bucket", "bucket", ["versioning"])
        case "aws_s3_bucket_server_side_encryption_configuration": return ("aws_s3_bucket", "bucket", ["server_side_encryption_configuration"])
        case "aws_security_group_rule": return ("aws_security_group", "security_group_id", [v["type"]?.stringValue == "egress" ? "egress" : "ingress"])
        case "aws_vpc_security_group_ingress_rule": return ("aws_security_group", "security_group_id", ["ingress"])
        case "aws_vpc_security_group_egress_rule": return ("aws_security_group", "security_group_id", ["egress"])
        case "aws_route": return ("aws_route_table", "route_table_id", ["route"])
        default: return nil
        }
    }

    /// Objects AWS makes as part of another one, which that one's configuration manages: the
    /// cache clusters of a replication group.
    static func isMember(_ type: String, _ v: Value) -> Bool {
        type == "aws_elasticache_cluster" && !(v["replication_group_id"]?.stringValue ?? "").isEmpty
    }

    /// The region of the root module's default aws provider, when it is a literal.
    static func configuredRegion(_ config: Config) -> String? {
        config.module.providerConfigs["aws"]?.body.attribute("region")?.expr.asStaticString
    }
}
