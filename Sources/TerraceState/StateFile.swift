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
        var resources: [JSON] = []
        // Module addresses are rendered once, not twice per comparison; indices are sorted, not
        // the (large) resource states, which sorting would copy and move.
        let all = Array(state.resources.values)
        let modules = all.map { $0.addr.module.description }
        let order = all.indices.sorted { a, b in
            if modules[a] != modules[b] { return modules[a] < modules[b] }
            return all[a].addr.resource < all[b].addr.resource
        }
        for index in order where !all[index].isEmpty {
            let r = all[index]
            var m: [(String, JSON)] = []
            if !r.addr.module.isRoot { m.append(("module", .string(r.addr.module.description))) }
            m.append(("mode", .string(r.addr.resource.mode.rawValue)))
            m.append(("type", .string(r.addr.resource.type)))
            m.append(("name", .string(r.addr.resource.name)))
            if r.eachMode != .none { m.append(("each", .string(r.eachMode.rawValue))) }
            m.append(("provider", .string(r.provider)))
            var instances: [JSON] = []
            let keys = Set(r.instances.keys).union(r.deposed.keys).sorted()
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
            resources.append(.object(m))
        }
        top.append(("resources", .array(resources)))
        if let c = state.checkResults { top.append(("check_results", c)) }
        return .object(top)
    }

    /// The file's bytes: indented JSON with a trailing newline, as Terraform writes.
    public static func bytes(_ state: State) -> [UInt8] {
        var out = JSONWriter.prettyBytes(encode(state))
        out.append(0x0A)
        return out
    }
}
