import Foundation
import TerraceBasics
import TerraceEngine
import TerraceGraph
import TerraceState

/// Terraform's machine-readable UI (`plan -json`, `apply -json`): one JSON object per line with
/// `@level`, `@message`, `@module`, `@timestamp` and a `type`.
final class JSONView: EngineObserver, @unchecked Sendable {
    let terminal: Terminal

    init(terminal: Terminal) { self.terminal = terminal }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"
        return f.string(from: Date())
    }

    func emit(_ type: String, _ message: String, level: String = "info", _ extra: [(String, JSON)] = []) {
        let m: [(String, JSON)] = [("@level", .string(level)), ("@message", .string(message)),
                                   ("@module", .string("terraform.ui")), ("@timestamp", .string(Self.timestamp()))]
            + extra + [("type", .string(type))]
        terminal.print(JSONWriter.compact(.object(m)))
    }

    func version() {
        emit("version", "Terrace \(TerraceVersion.version)",
             [("terraform", .string(TerraceVersion.terraformCompatible)), ("ui", .string("0.1.0"))])
    }

    static func resource(_ a: AbsResourceInstance) -> JSON {
        let key: JSON
        switch a.key {
        case .none: key = .null
        case .int(let i): key = .int(i)
        case .string(let s): key = .string(s)
        }
        return .object([("addr", .string(a.description)), ("module", .string(a.module.description)),
                        ("resource", .string(a.resource.resource.description + a.key.description)),
                        ("implied_provider", .string(TerraceConfig.Resource.impliedProvider(a.resource.resource.type))),
                        ("resource_type", .string(a.resource.resource.type)),
                        ("resource_name", .string(a.resource.resource.name)), ("resource_key", key)])
    }

    static func actionName(_ a: ChangeAction) -> String {
        switch a {
        case .create: return "create"
        case .update: return "update"
        case .delete: return "delete"
        case .deleteThenCreate, .createThenDelete: return "replace"
        case .read: return "read"
        case .noop: return "noop"
        case .forget: return "forget"
        }
    }

    func diagnostics(_ ds: Diagnostics) {
        for d in ds {
            var dm: [(String, JSON)] = [("severity", .string(d.severity.rawValue)), ("summary", .string(d.summary)),
                                        ("detail", .string(d.detail))]
            if let r = d.subject {
                dm.append(("range", .object([("filename", .string(r.filename)),
                    ("start", .object([("line", .int(r.start.line)), ("column", .int(r.start.column)), ("byte", .int(r.start.byte))])),
                    ("end", .object([("line", .int(r.end.line)), ("column", .int(r.end.column)), ("byte", .int(r.end.byte))]))])))
            }
            emit("diagnostic", "\(d.severity == .error ? "Error" : "Warning"): \(d.summary)",
                 level: d.severity == .error ? "error" : "warn", [("diagnostic", .object(dm))])
        }
    }

    func plan(_ p: Plan) {
        for d in p.drift {
            emit("resource_drift", "\(d.addr): Drift detected (\(d.after == nil ? "delete" : "update"))",
                 [("change", .object([("resource", Self.resource(d.addr)), ("action", .string(d.after == nil ? "delete" : "update"))]))])
        }
        for c in p.actionable {
            var verb = Self.actionName(c.action)
            verb = verb == "replace" ? "Plan to replace" : "Plan to \(verb)"
            var cm: [(String, JSON)] = [("resource", Self.resource(c.addr)), ("action", .string(Self.actionName(c.action)))]
            if let r = c.reason { cm.append(("reason", .string(r.rawValue))) }
            emit("planned_change", "\(c.addr): \(verb)", [("change", .object(cm))])
        }
        let n = p.counts
        emit("change_summary", "Plan: \(n.add) to add, \(n.change) to change, \(n.destroy) to destroy.",
             [("changes", .object([("add", .int(n.add)), ("change", .int(n.change)), ("remove", .int(n.destroy)),
                                   ("operation", .string("plan"))]))])
    }

    func summary(_ r: ApplyResult, destroy: Bool) {
        let msg = destroy ? "Destroy complete! Resources: \(r.destroyed) destroyed."
                          : "Apply complete! Resources: \(Operation.summary(r))"
        emit("change_summary", msg, [("changes", .object([("add", .int(r.added)), ("change", .int(r.changed)),
                                                          ("remove", .int(r.destroyed)), ("operation", .string(destroy ? "destroy" : "apply"))]))])
    }

    func outputs(_ outputs: [String: OutputState]) {
        var m: [String: JSON] = [:]
        for (k, o) in outputs {
            var om: [(String, JSON)] = [("sensitive", .bool(o.sensitive)), ("type", o.type)]
            if !o.sensitive { om.append(("value", o.value)) }
            m[k] = .object(om)
        }
        emit("outputs", "Outputs: \(outputs.count)", [("outputs", .sortedObject(m))])
    }

    // MARK: EngineObserver

    func refreshing(_ addr: AbsResourceInstance, id: String?) {
        emit("refresh_start", "\(addr): Refreshing state...\(id.map { " [id=\($0)]" } ?? "")",
             [("hook", .object([("resource", Self.resource(addr)), ("id_key", .string("id")), ("id_value", .string(id ?? ""))]))])
    }

    func applyStarting(_ addr: AbsResourceInstance, action: ChangeAction, id: String?) {
        let (start, _, _) = ApplyView.verbs(action)
        var h: [(String, JSON)] = [("resource", Self.resource(addr)), ("action", .string(Self.actionName(action)))]
        if let id { h += [("id_key", .string("id")), ("id_value", .string(id))] }
        emit("apply_start", "\(addr): \(start)\(id.map { " [id=\($0)]" } ?? "")", [("hook", .object(h))])
    }

    func applyComplete(_ addr: AbsResourceInstance, action: ChangeAction, id: String?, elapsed: TimeInterval) {
        let (_, done, _) = ApplyView.verbs(action)
        var h: [(String, JSON)] = [("resource", Self.resource(addr)), ("action", .string(Self.actionName(action)))]
        if let id, action != .delete { h += [("id_key", .string("id")), ("id_value", .string(id))] }
        h.append(("elapsed_seconds", .int(Int(elapsed))))
        emit("apply_complete", "\(addr): \(done) after \(Int(elapsed))s\(action != .delete ? id.map { " [id=\($0)]" } ?? "" : "")", [("hook", .object(h))])
    }

    func applyErrored(_ addr: AbsResourceInstance, action: ChangeAction, elapsed: TimeInterval) {
        let (_, _, progress) = ApplyView.verbs(action)
        emit("apply_errored", "\(addr): \(progress.prefix(1).uppercased() + progress.dropFirst()) errored after \(Int(elapsed))s",
             level: "error",
             [("hook", .object([("resource", Self.resource(addr)), ("action", .string(Self.actionName(action))),
                                ("elapsed_seconds", .int(Int(elapsed)))]))])
    }
}

import TerraceConfig
