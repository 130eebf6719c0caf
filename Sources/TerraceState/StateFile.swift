import TerraceBasics
import TerraceConfig
import TerraceGraph

/// The Terraform state file format, version 4: decoding with clear errors and encoding sorted
/// exactly as Terraform sorts it, so equal states serialise identically.
public enum StateFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var summary: String
        public var detail: String
        public var description: String { "\(summary): \(detail)" }
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(Failure) -> State {
        let json: JSON
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw Failure(summary: "Failed to load state", detail: "The state file \(path) is not valid JSON (\(error.description)); it may be corrupt or not a state file. Terrace will not overwrite it.")
        }
        guard case .object = json else {
            throw Failure(summary: "Failed to load state", detail: "The state file \(path) does not contain a JSON object, so it is not a state file.")
        }
        guard let version = json["version"]?.intValue else {
            throw Failure(summary: "Failed to load state", detail: "The state file \(path) has no \"version\" field, so it is not a Terraform or Terrace state file.")
        }
        guard version == 4 else {
            if version > 4 {
                throw Failure(summary: "State file version unsupported", detail: "The state file \(path) uses format version \(version), which is newer than the version 4 this Terrace understands. Upgrade Terrace to use this state.")
            }
            throw Failure(summary: "State file version unsupported", detail: "The state file \(path) uses format version \(version); only version 4 (Terraform 0.12 and later) is supported.")
        }
        func bad(_ what: String) -> Failure {
            Failure(summary: "Failed to load state", detail: "The state file \(path) is invalid: \(what).")
        }
        guard let lineage = json["lineage"]?.stringValue else { throw bad("missing \"lineage\"") }
        guard let serial = json["serial"]?.intValue, serial >= 0 else { throw bad("missing or invalid \"serial\"") }
        var state = State(lineage: lineage, serial: serial,
                          terraformVersion: json["terraform_version"]?.stringValue ?? TerraceVersion.terraformCompatible)
        if let outputs = json["outputs"] {
            guard case .object(let members) = outputs else { throw bad("\"outputs\" must be an object") }
            for (name, o) in members {
                guard case .object = o, let value = o["value"] else { throw bad("output \"\(name)\" has no value") }
                state.outputs[name] = OutputState(value: value, type: o["type"] ?? .string("dynamic"), sensitive: o["sensitive"]?.boolValue ?? false)
            }
        }
        state.checkResults = json["check_results"]
        guard let resources = json["resources"]?.arrayValue ?? (json["resources"] == nil ? [] : nil) else {
            throw bad("\"resources\" must be an array")
        }
        // Many resources share a module instance: parse each module address once.
        var modules: [String: ModuleInstance] = [:]
        for r in resources {
            guard let modeText = r["mode"]?.stringValue, let mode = ResourceMode(rawValue: modeText) else { throw bad("a resource has an invalid \"mode\"") }
            guard let type = r["type"]?.stringValue, let name = r["name"]?.stringValue else { throw bad("a resource is missing \"type\" or \"name\"") }
            guard let provider = r["provider"]?.stringValue else { throw bad("resource \(type).\(name) has no \"provider\"") }
            var module = ModuleInstance.root
            if let m = r["module"]?.stringValue, !m.isEmpty {
                do {
                    if let known = modules[m] {
                        module = known
                    } else {
                        let (res, _) = try AddressParser.parseInstance(m + ".x.y")
                        module = res.module
                        modules[m] = module
                    }
                } catch {
                    throw bad("resource \(type).\(name) has an invalid module address \"\(m)\"")
                }
            }
            let addr = AbsResource(module, ResourceAddr(mode, type, name))
            let each = EachMode(rawValue: r["each"]?.stringValue ?? "") ?? .none
            var rs = ResourceState(addr: addr, provider: provider, eachMode: each)
            for inst in r["instances"]?.arrayValue ?? [] {
                var key = InstanceKey.none
                if let k = inst["index_key"] {
                    switch k {
                    case .number(let n):
                        guard let i = Int(n) else { throw bad("an instance of \(addr) has an invalid index_key") }
                        key = .int(i)
                    case .string(let s): key = .string(s)
                    default: throw bad("an instance of \(addr) has an invalid index_key")
                    }
                }
                guard let attrs = inst["attributes"], case .object = attrs else {
                    throw bad("instance \(addr)\(key) has no \"attributes\" object")
                }
                let obj = InstanceObject(
                    attributes: attrs,
                    sensitivePaths: inst["sensitive_attributes"]?.arrayValue ?? [],
                    // Sorted as the writer sorts them, so a state reads back equal to what it writes.
                    dependencies: (inst["dependencies"]?.arrayValue ?? []).compactMap(\.stringValue).sorted(),
                    schemaVersion: inst["schema_version"]?.intValue ?? 0,
                    tainted: inst["status"]?.stringValue == "tainted",
                    createBeforeDestroy: inst["create_before_destroy"]?.boolValue ?? false,
                    privateData: inst["private"]?.stringValue)
                if let dk = inst["deposed"]?.stringValue {
                    rs.deposed[key, default: [:]][dk] = obj
                } else {
                    rs.instances[key] = obj
                }
            }
            if rs.isEmpty { continue }
            if var existing = state.resources[addr] {
                for (k, v) in rs.instances { existing.instances[k] = v }
                for (k, v) in rs.deposed { existing.deposed[k, default: [:]].merge(v) { a, _ in a } }
                state.resources[addr] = existing
            } else {
                state.resources[addr] = rs
            }
        }
        return state
    }

    public static func encode(_ state: State) -> JSON {
        var top = header(state)
        top.append(("resources", .array(sortedResources(state).map(encodeResource))))
        if let c = state.checkResults { top.append(("check_results", c)) }
        return .object(top)
    }

    /// The members before `resources`, in Terraform's order.
    static func header(_ state: State) -> [(String, JSON)] {
        var top: [(String, JSON)] = [
            ("version", .int(4)),
            ("terraform_version", .string(state.terraformVersion)),
            ("serial", .int(state.serial)),
            ("lineage", .string(state.lineage)),
        ]
        var outputs: [(String, JSON)] = []
        for name in state.outputs.keys.sorted() {
            let o = state.outputs[name]!
            var m: [(String, JSON)] = [("value", o.value), ("type", o.type)]
            if o.sensitive { m.append(("sensitive", .bool(true))) }
            outputs.append((name, .object(m)))
        }
        top.append(("outputs", .object(outputs)))
        return top
    }

    /// The resources holding objects, by module address (as text, as Terraform sorts), then
    /// resource address.
    static func sortedResources(_ state: State) -> [ResourceState] {
        let all = state.resources.values.filter { !$0.isEmpty }
        var keys = PackedSortKeys(capacity: all.count)
        for r in all {
            keys.append { k in
                r.addr.module.appendDescription(to: &k)
                k.end()
                k.string(r.addr.resource.mode.rawValue)
                k.string(r.addr.resource.type)
                k.string(r.addr.resource.name)
            }
        }
        return keys.sortedIndices().map { all[$0] }
    }

    static func encodeResource(_ r: ResourceState) -> JSON {
        var m: [(String, JSON)] = []
        if !r.addr.module.isRoot { m.append(("module", .string(r.addr.module.description))) }
        m.append(("mode", .string(r.addr.resource.mode.rawValue)))
        m.append(("type", .string(r.addr.resource.type)))
        m.append(("name", .string(r.addr.resource.name)))
        if r.eachMode != .none { m.append(("each", .string(r.eachMode.rawValue))) }
        m.append(("provider", .string(r.provider)))
        var instances: [JSON] = []
        let keys = r.deposed.isEmpty ? r.instances.keys.sorted() : Set(r.instances.keys).union(r.deposed.keys).sorted()
        for key in keys {
            var entries: [(String?, InstanceObject)] = []
            if let inst = r.instances[key] { entries.append((nil, inst)) }
            for dk in (r.deposed[key] ?? [:]).keys.sorted() { entries.append((dk, r.deposed[key]![dk]!)) }
            for (dk, inst) in entries {
                var im: [(String, JSON)] = []
                switch key {
                case .none: break
                case .int(let i): im.append(("index_key", .int(i)))
                case .string(let s): im.append(("index_key", .string(s)))
                }
                if let dk { im.append(("deposed", .string(dk))) }
                guard case .object(let rest) = encodeInstance(inst) else { continue }
                instances.append(.object(im + rest))
            }
        }
        m.append(("instances", .array(instances)))
        return .object(m)
    }

    /// The file's bytes: indented JSON with a trailing newline, as Terraform writes; the same
    /// bytes as `JSONWriter.prettyBytes(encode(state))` and a newline. Resources are written
    /// in runs on every core and joined (a state of 100,000 instances is about 47 MB).
    public static func bytes(_ state: State) -> [UInt8] {
        var out: [UInt8] = [0x7B]
        func member(_ name: String, first: Bool = false) {
            if !first { out.append(0x2C) }
            JSONWriter.appendNewline(level: 1, into: &out)
            JSONWriter.appendQuoted(name, into: &out)
            out.append(contentsOf: ": ".utf8)
        }
        for (i, (name, value)) in header(state).enumerated() {
            member(name, first: i == 0)
            JSONWriter.appendPretty(value, level: 1, into: &out)
        }
        member("resources")
        let resources = sortedResources(state)
        if resources.isEmpty {
            out.append(contentsOf: "[]".utf8)
        } else {
            let runs = Parallel.mapRuns(resources.count, minimum: 256) { run -> [UInt8] in
                var part: [UInt8] = []
                for i in run {
                    if i > 0 { part.append(0x2C) }
                    JSONWriter.appendNewline(level: 2, into: &part)
                    JSONWriter.appendPretty(encodeResource(resources[i]), level: 2, into: &part)
                }
                return part
            }
            out.reserveCapacity(out.count + runs.reduce(0) { $0 + $1.count } + 64)
            out.append(0x5B)
            for r in runs { out.append(contentsOf: r) }
            JSONWriter.appendNewline(level: 1, into: &out)
            out.append(0x5D)
        }
        if let c = state.checkResults {
            member("check_results")
            JSONWriter.appendPretty(c, level: 1, into: &out)
        }
        JSONWriter.appendNewline(level: 0, into: &out)
        out.append(contentsOf: [0x7D, 0x0A])
        return out
    }
}
