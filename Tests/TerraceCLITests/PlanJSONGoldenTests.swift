import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `show -json` of a saved plan compared with Terraform 1.0.3's for the same configuration and
/// state (`expected.json`, recorded by `scripts/oracle/record-plan-goldens.sh`). The one
/// intended difference: Terrace writes sensitive values as null, so they are removed from
/// Terraform's document before comparing.
@Suite struct PlanJSONGoldenTests {
    static let root = (Golden.directory() as NSString).appendingPathComponent("plan")
    static var cases: [String] {
        FileSystem.list(root).filter { FileSystem.exists("\(root)/\($0)/expected.json") }
    }

    /// Terraform's document with sensitive values redacted as Terrace writes them.
    static func redact(_ j: JSON, sensitiveOutputs: Set<String>, sensitiveVariables: Set<String>) -> JSON {
        var j = j
        if let vars = j["variables"]?.objectValue {
            j = j.setting("variables", .object(vars.map { k, v in (k, sensitiveVariables.contains(k) ? v.setting("value", .null) : v) }))
        }
        func outputs(_ o: JSON?) -> JSON? {
            guard let m = o?.objectValue else { return o }
            return .object(m.map { k, v in
                guard sensitiveOutputs.contains(k), case .object(var mm) = v else { return (k, v) }
                mm.removeAll { $0.0 == "value" }
                return (k, .object(mm))
            })
        }
        if let pv = j["planned_values"], let o = outputs(pv["outputs"]) { j = j.setting("planned_values", pv.setting("outputs", o)) }
        if let ps = j["prior_state"], let vals = ps["values"], let o = outputs(vals["outputs"]) {
            j = j.setting("prior_state", ps.setting("values", vals.setting("outputs", o)))
        }
        if let oc = j["output_changes"]?.objectValue {
            j = j.setting("output_changes", .object(oc.map { k, v in
                guard sensitiveOutputs.contains(k) else { return (k, v) }
                var x = v
                if x["after"] != nil { x = x.setting("after", .null) }
                if x["before"] != nil { x = x.setting("before", .null) }
                return (k, x)
            }))
        }
        return j
    }

    /// Sorted keys; `action_reason`, which Terrace adds as later Terraform versions do, dropped.
    /// Nulls the parts of `v` that `mask` marks true (Terraform's `*_sensitive` shapes).
    static func mask(_ v: JSON, _ mask: JSON?) -> JSON {
        guard let mask else { return v }
        if mask == .bool(true) { return .null }
        switch (v, mask) {
        case let (.object(m), .object(_)): return .object(m.map { ($0.0, Self.mask($0.1, mask[$0.0])) })
        case let (.array(a), .array(ma)): return .array(a.enumerated().map { Self.mask($0.1, $0.0 < ma.count ? ma[$0.0] : nil) })
        default: return v
        }
    }

    static func maskResources(_ j: JSON) -> JSON {
        switch j {
        case .object(let m):
            if let values = j["values"], let sv = j["sensitive_values"] { return j.setting("values", mask(values, sv)) }
            if let change = j["change"] {
                var c = change
                if let a = c["after"] { c = c.setting("after", mask(a, c["after_sensitive"])) }
                if let b = c["before"] { c = c.setting("before", mask(b, c["before_sensitive"])) }
                return j.setting("change", c)
            }
            return .object(m.map { ($0.0, maskResources($0.1)) })
        case .array(let a): return .array(a.map(maskResources))
        default: return j
        }
    }

    /// The null provider's data source reads a fresh random number each time it is read, so
    /// that one attribute cannot match between two runs.
    static func withoutRandomReads(_ j: JSON) -> JSON {
        switch j {
        case .object(let m):
            let isNullData = m.contains { $0.0 == "type" && $0.1 == .string("null_data_source") }
            return .object(m.map { k, v in
                if isNullData && k == "values", case .object(let vm) = v { return (k, .object(vm.filter { $0.0 != "random" })) }
                return (k, withoutRandomReads(v))
            })
        case .array(let a): return .array(a.map(withoutRandomReads))
        default: return j
        }
    }

    static func sorted(_ j: JSON) -> JSON {
        switch j {
        case .object(let m): return .sortedObject(Dictionary(m.filter { $0.0 != "action_reason" }.map { ($0.0, sorted($0.1)) }, uniquingKeysWith: { a, _ in a }))
        case .array(let a): return .array(a.map(sorted))
        default: return j
        }
    }

    @Test(arguments: cases)
    func matchesTerraform(_ name: String) throws {
        let dir = TempDirectory()
        let src = "\(Self.root)/\(name)"
        try FileSystem.writeAtomically(dir.file("main.tf"), FileSystem.read("\(src)/main.tf"))
        if FileSystem.exists("\(src)/terraform.tfstate") {
            try FileSystem.writeAtomically(dir.file("terrace.tfstate"), FileSystem.read("\(src)/terraform.tfstate"))
        }
        let args = (try? FileSystem.readString("\(src)/args"))?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        #expect(TerraceProcess.run(["plan", "-out=p"] + args, cwd: dir.path).status == 0)
        let ours = try JSONParser.parse(TerraceProcess.run(["show", "-json", "p"], cwd: dir.path).stdout)
        let theirs = try JSONParser.parse(FileSystem.read("\(src)/expected.json"))
        let sensitiveOutputs = Set((theirs["output_changes"]?.objectValue ?? []).filter { $0.1["after_sensitive"] == .bool(true) }.map(\.0))
        let sensitiveVariables = Set((theirs["configuration"]?["root_module"]?["variables"]?.objectValue ?? [])
            .filter { $0.1["sensitive"] == .bool(true) }.map(\.0))
        var expected = Self.maskResources(Self.redact(theirs, sensitiveOutputs: sensitiveOutputs, sensitiveVariables: sensitiveVariables))
        if let vars = expected["configuration"]?["root_module"]?["variables"]?.objectValue, let cfg = expected["configuration"], let rm = cfg["root_module"] {
            let redacted = JSON.object(vars.map { k, v in (k, sensitiveVariables.contains(k) && v["default"] != nil ? v.setting("default", .null) : v) })
            expected = expected.setting("configuration", cfg.setting("root_module", rm.setting("variables", redacted)))
        }
        for key in ["format_version", "terraform_version", "variables", "planned_values", "resource_changes", "output_changes", "prior_state", "configuration"] {
            let a = JSONWriter.pretty(Self.sorted(Self.withoutRandomReads(ours[key] ?? .null))), b = JSONWriter.pretty(Self.sorted(Self.withoutRandomReads(expected[key] ?? .null)))
            #expect(a == b, "\(name): \(key) differs:\n\(Golden.diff(b, a))")
        }
    }
}
