import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// A plan saved by `plan -out=FILE`: the plan itself, the state it was made against (by serial
/// and lineage, and in full), the variable values, and a digest of the configuration files, so
/// that `apply FILE` applies exactly it or refuses. Written atomically with mode 0600, because
/// it holds state and variable values.
public struct SavedPlan: Sendable {
    public static let formatVersion = 1

    public var plan: Plan
    public var workspace: String
    public var configDigest: String

    public init(plan: Plan, workspace: String, configDigest: String) {
        self.plan = plan
        self.workspace = workspace
        self.configDigest = configDigest
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var summary: String
        public var detail: String
        public var description: String { "\(summary): \(detail)" }
    }

    /// A digest of every configuration file of every module directory in the tree.
    public static func configDigest(_ config: Config) -> String {
        var h = FNV1a64()
        var dirs = Set<String>()
        for c in config.allModules { dirs.insert(c.module.dir) }
        for dir in dirs.sorted() {
            for name in ModuleLoader.configFiles(dir) {
                h.update(name)
                h.update((try? FileSystem.read((dir as NSString).appendingPathComponent(name))) ?? [])
            }
        }
        return h.hex
    }

    // MARK: - Encoding

    public func encode() -> JSON {
        let p = plan
        return .object([
            ("terrace_plan", .int(Self.formatVersion)),
            ("terrace_version", .string(TerraceVersion.version)),
            ("workspace", .string(workspace)),
            ("config_digest", .string(configDigest)),
            ("mode", .string(p.mode.rawValue)),
            ("base_serial", .int(p.baseSerial)),
            ("base_lineage", .string(p.baseLineage)),
            ("refresh", .bool(p.refresh)),
            ("targets", .array(p.targets.map { .string($0) })),
            ("replace", .array(p.replace.map { .string($0) })),
            ("variables", .sortedObject(p.variables.mapValues(ValueWire.encodeTyped))),
            ("prior_state", StateFile.encode(p.priorState)),
            ("changes", .array(p.changes.map(Self.encodeChange))),
            ("output_changes", .array(p.outputChanges.map { o in
                .object([("name", .string(o.name)), ("action", .string(o.action.rawValue)),
                         ("before", ValueWire.encodeTyped(o.before)), ("after", ValueWire.encodeTyped(o.after)),
                         ("sensitive", .bool(o.sensitive))])
            })),
            ("drift", .array(p.drift.map { d in
                .object([("addr", .string(d.addr.description)), ("before", ValueWire.encodeTyped(d.before)),
                         ("after", ValueWire.encodeTyped(d.after))])
            })),
        ])
    }

    static func encodeChange(_ c: ResourceChange) -> JSON {
        var m: [(String, JSON)] = [
            ("addr", .string(c.addr.description)),
            ("provider_key", .string(c.providerKey)),
            ("provider_address", .string(c.providerAddress)),
            ("each", .string(c.eachMode.rawValue)),
            ("action", .string(c.action.rawValue)),
            ("before", ValueWire.encodeTyped(c.before)),
            ("after", ValueWire.encodeTyped(c.after)),
            ("requires_replace", .array(c.requiresReplace.map { .array($0.map { .string($0) }) })),
            ("create_before_destroy", .bool(c.createBeforeDestroy)),
        ]
        if let r = c.reason { m.append(("reason", .string(r.rawValue))) }
        if let i = c.importID { m.append(("import_id", .string(i))) }
        if let f = c.movedFrom { m.append(("moved_from", .string(f.description))) }
        if let d = c.deposedKey { m.append(("deposed", .string(d))) }
        return .object(m)
    }

    public func bytes() -> [UInt8] { Array((JSONWriter.compact(encode()) + "\n").utf8) }

    public func write(to path: String) throws {
        try FileSystem.writeAtomically(path, bytes())
    }

    // MARK: - Decoding

    public static func read(_ path: String) throws(Failure) -> SavedPlan {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            throw Failure(summary: "Failed to load plan file", detail: "Couldn't read the plan file \(path): \(error).")
        }
        return try decode(bytes, path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(Failure) -> SavedPlan {
        func bad(_ what: String) -> Failure {
            Failure(summary: "Failed to load plan file", detail: "The file \(path) is not a valid Terrace plan: \(what).")
        }
        let j: JSON
        do { j = try JSONParser.parse(bytes) } catch { throw bad("it is not valid JSON (\(error.description))") }
        guard case .object = j, let version = j["terrace_plan"]?.intValue else { throw bad("it has no plan format version") }
        guard version == formatVersion else {
            throw Failure(summary: "Failed to load plan file",
                          detail: "The plan file \(path) uses plan format \(version); this Terrace reads format \(formatVersion). Create the plan again with this version.")
        }
        guard let modeText = j["mode"]?.stringValue, let mode = PlanMode(rawValue: modeText) else { throw bad("invalid mode") }
        guard let serial = j["base_serial"]?.intValue, let lineage = j["base_lineage"]?.stringValue else { throw bad("missing base state identity") }
        let priorState: State
        do {
            guard let ps = j["prior_state"] else { throw bad("missing prior state") }
            priorState = try StateFile.decode(Array(JSONWriter.compact(ps).utf8), path: path)
        } catch let e as Failure {
            throw e
        } catch {
            throw bad("its prior state is invalid")
        }
        var variables: [String: Value] = [:]
        for (k, v) in j["variables"]?.objectValue ?? [] {
            do {
                guard let value = try ValueWire.decodeTyped(v) else { continue }
                variables[k] = value
            } catch { throw bad("variable \(k): \(error.description)") }
        }
        var changes: [ResourceChange] = []
        for c in j["changes"]?.arrayValue ?? [] {
            changes.append(try decodeChange(c, bad))
        }
        var outputs: [OutputChange] = []
        for o in j["output_changes"]?.arrayValue ?? [] {
            guard let name = o["name"]?.stringValue, let a = o["action"]?.stringValue.flatMap(ChangeAction.init) else { throw bad("invalid output change") }
            do {
                outputs.append(OutputChange(name: name, action: a, before: try ValueWire.decodeTyped(o["before"] ?? .null),
                                            after: try ValueWire.decodeTyped(o["after"] ?? .null),
                                            sensitive: o["sensitive"]?.boolValue ?? false))
            } catch { throw bad("output \(name): \(error.description)") }
        }
        var drift: [ResourceDrift] = []
        for d in j["drift"]?.arrayValue ?? [] {
            guard let a = d["addr"]?.stringValue, let (res, key) = try? AddressParser.parseInstance(a) else { throw bad("invalid drift address") }
            do {
                guard let before = try ValueWire.decodeTyped(d["before"] ?? .null) else { throw bad("drift without a prior value") }
                drift.append(ResourceDrift(addr: res.instance(key ?? .none), before: before, after: try ValueWire.decodeTyped(d["after"] ?? .null)))
            } catch let e as Failure { throw e } catch { throw bad("drift \(a): \(error)") }
        }
        let plan = Plan(mode: mode, changes: changes, outputChanges: outputs, drift: drift, priorState: priorState,
                        baseSerial: serial, baseLineage: lineage, variables: variables,
                        targets: (j["targets"]?.arrayValue ?? []).compactMap(\.stringValue),
                        replace: (j["replace"]?.arrayValue ?? []).compactMap(\.stringValue),
                        refresh: j["refresh"]?.boolValue ?? true, diagnostics: Diagnostics(), errored: false)
        return SavedPlan(plan: plan, workspace: j["workspace"]?.stringValue ?? "default",
                         configDigest: j["config_digest"]?.stringValue ?? "")
    }

    static func decodeChange(_ c: JSON, _ bad: (String) -> Failure) throws(Failure) -> ResourceChange {
        guard let a = c["addr"]?.stringValue, let (res, key) = try? AddressParser.parseInstance(a) else { throw bad("invalid change address") }
        guard let action = c["action"]?.stringValue.flatMap(ChangeAction.init) else { throw bad("invalid action for \(a)") }
        let before: Value?, after: Value?
        do {
            before = try ValueWire.decodeTyped(c["before"] ?? .null)
            after = try ValueWire.decodeTyped(c["after"] ?? .null)
        } catch { throw bad("change \(a): \(error.description)") }
        var moved: AbsResourceInstance?
        if let m = c["moved_from"]?.stringValue, let (mr, mk) = try? AddressParser.parseInstance(m) { moved = mr.instance(mk ?? .none) }
        var change = ResourceChange(
            addr: res.instance(key ?? .none), providerKey: c["provider_key"]?.stringValue ?? "",
            providerAddress: c["provider_address"]?.stringValue ?? "",
            eachMode: EachMode(rawValue: c["each"]?.stringValue ?? "") ?? .none, action: action,
            reason: c["reason"]?.stringValue.flatMap(ActionReason.init), before: before, after: after,
            requiresReplace: (c["requires_replace"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) },
            importID: c["import_id"]?.stringValue, movedFrom: moved,
            createBeforeDestroy: c["create_before_destroy"]?.boolValue ?? false)
        change.deposedKey = c["deposed"]?.stringValue
        return change
    }
}
