import TerraceBasics
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// Renders plans for people, in Terraform's layout: the legend, one block per resource change
/// with its attributes diffed structurally, the summary line and output changes.
public struct PlanRenderer: Sendable {
    public var color: Bool
    /// Schemas by resource type, to know which attributes are blocks and which force replacement.
    public var schemas: [String: ResourceSchema]

    public init(color: Bool = false, schemas: [String: ResourceSchema] = [:]) {
        self.color = color
        self.schemas = schemas
    }

    func c(_ code: String, _ s: String) -> String { color ? code + s + ANSI.reset : s }

    static func symbol(_ a: ChangeAction) -> String {
        switch a {
        case .create: return "  +"
        case .delete: return "  -"
        case .update: return "  ~"
        case .deleteThenCreate: return "-/+"
        case .createThenDelete: return "+/-"
        case .read: return " <="
        case .noop, .forget: return "   "
        }
    }

    func colored(_ a: ChangeAction) -> String {
        let s = Self.symbol(a)
        guard color else { return s }
        switch a {
        case .create: return "  " + ANSI.green + "+" + ANSI.reset
        case .delete: return "  " + ANSI.red + "-" + ANSI.reset
        case .update: return "  " + ANSI.yellow + "~" + ANSI.reset
        case .deleteThenCreate: return ANSI.red + "-" + ANSI.reset + "/" + ANSI.green + "+" + ANSI.reset
        case .createThenDelete: return ANSI.green + "+" + ANSI.reset + "/" + ANSI.red + "-" + ANSI.reset
        case .read: return " " + ANSI.cyan + "<=" + ANSI.reset
        case .noop, .forget: return s
        }
    }

    /// The full plan text, as `terrace plan` prints it (without the trailing note).
    public func render(_ plan: Plan) -> String {
        var out = ""
        if !plan.drift.isEmpty && plan.mode != .destroy {
            out += renderDrift(plan)
        }
        let changes = plan.actionable
        if changes.isEmpty {
            if plan.mode == .refreshOnly && !plan.drift.isEmpty {
                out += "\nThis is a refresh-only plan, so Terrace will not take any actions to undo\nthese. If you were expecting these changes then you can apply this plan to\nrecord the updated values in the Terrace state without changing any remote\nobjects.\n"
                return out
            }
            if plan.outputChanges.contains(where: { $0.action != .noop }) {
                out += "\nChanges to Outputs:\n" + renderOutputs(plan.outputChanges)
                out += "\nYou can apply this plan to save these new output values to the Terrace\nstate, without changing any real infrastructure.\n"
                return out
            }
            out += "\n" + c(ANSI.bold, "No changes.") + c(ANSI.bold, " Your infrastructure matches the configuration.") + "\n\n"
            out += "Terrace has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n"
            return out
        }
        out += "\nTerrace used the selected providers to generate the following execution\nplan. Resource actions are indicated with the following symbols:\n"
        let present = Set(changes.map(\.action))
        let legend: [(ChangeAction, String)] = [
            (.create, "create"), (.update, "update in-place"), (.delete, "destroy"),
            (.deleteThenCreate, "destroy and then create replacement"),
            (.createThenDelete, "create replacement and then destroy"), (.read, "read (data resources)"),
        ]
        for (a, text) in legend where present.contains(a) {
            out += colored(a) + " " + text + "\n"
        }
        out += "\nTerrace will perform the following actions:\n"
        out += renderChanges(changes)
        let n = plan.counts
        out += "\n" + c(ANSI.bold, "Plan:") + " "
        if n.importing > 0 { out += "\(n.importing) to import, " }
        out += "\(n.add) to add, \(n.change) to change, \(n.destroy) to destroy" + (n.forget > 0 ? ", \(n.forget) to forget" : "") + ".\n"
        if plan.outputChanges.contains(where: { $0.action != .noop }) {
            out += "\n" + c(ANSI.bold, "Changes to Outputs:") + "\n" + renderOutputs(plan.outputChanges)
        }
        return out
    }

    /// Each change after a blank line, in order. Changes render independently, so a long plan
    /// is split into contiguous runs rendered on every core and joined in order.
    func renderChanges(_ changes: [ResourceChange]) -> String {
        Parallel.mapRuns(changes.count, minimum: 256) { run in
            var out = ""
            for i in run { out += "\n" + renderChange(changes[i]) }
            return out
        }.joined()
    }

    func renderDrift(_ plan: Plan) -> String {
        var out = "\nNote: Objects have changed outside of Terrace\n\nTerrace detected the following changes made outside of Terrace since the\nlast \"terrace apply\":\n"
        for d in plan.drift {
            if let after = d.after {
                out += "\n  # \(d.addr) has changed\n"
                out += renderResourceBlock(d.addr, action: .update, before: d.before, after: after, replace: [])
            } else {
                out += "\n  # \(d.addr) has been deleted\n"
                out += renderResourceBlock(d.addr, action: .delete, before: d.before, after: nil, replace: [])
            }
        }
        out += "\nUnless you have made equivalent changes to your configuration, or ignored the\nrelevant attributes using ignore_changes, the following plan may include\nactions to undo or respond to these changes.\n"
        out += "\n" + String(repeating: "─", count: 77) + "\n"
        return out
    }

    public func header(_ ch: ResourceChange) -> String {
        let a = ch.addr.description + (ch.deposedKey.map { " (deposed object \($0))" } ?? "")
        switch ch.action {
        case .create: return ch.importID != nil ? "\(a) will be imported" : "\(a) will be created"
        case .update: return "\(a) will be updated in-place"
        case .delete: return "\(a) will be destroyed"
        case .read: return "\(a) will be read during apply"
        case .deleteThenCreate, .createThenDelete:
            if ch.reason == .replaceBecauseTainted { return "\(a) is tainted, so must be replaced" }
            if ch.reason == .replaceByRequest { return "\(a) will be replaced, as requested" }
            if ch.reason == .replaceByTriggers { return "\(a) will be replaced due to changes in replace_triggered_by" }
            return "\(a) must be replaced"
        case .noop:
            if ch.importID != nil { return "\(a) will be imported" }
            if let from = ch.movedFrom { return "\(from) has moved to \(a)" }
            return a
        case .forget: return "\(a) will no longer be managed by Terrace, but will not be destroyed"
        }
    }

    func reasonLine(_ ch: ResourceChange) -> String? {
        switch ch.reason {
        // Terraform 1.0.3 states delete reasons only in the JSON plan (`action_reason`), and gives
        // every deferred read the same reason, whether its configuration is unknown or something
        // it depends on has changes pending (later versions tell the two apart).
        case .readBecauseConfigUnknown?, .readBecauseDependencyPending?: return "  # (config refers to values not yet known)"
        default: return nil
        }
    }

    public func renderChange(_ ch: ResourceChange) -> String {
        var out = color ? c(ANSI.bold, "  # \(header(ch))".replacingOccurrences(of: " will", with: ANSI.reset + " will")) + "\n"
                        : "  # \(header(ch))\n"
        if let r = reasonLine(ch) { out += r + "\n" }
        out += renderResourceBlock(ch.addr, action: ch.action, before: ch.before, after: ch.after, replace: ch.requiresReplace)
        return out
    }

    func renderResourceBlock(_ addr: AbsResourceInstance, action: ChangeAction, before: Value?, after: Value?, replace: [AttributePath]) -> String {
        let res = addr.resource.resource
        let kw = res.mode == .data ? "data" : "resource"
        // Terraform 1.0.3 writes data sources' headers with a space before its own: `"name"  {`.
        var out = colored(action) + " \(kw) \"\(res.type)\" \"\(res.name)\"\(res.mode == .data ? " " : "") {"
        if action == .noop || action == .forget {
            // Imports, moves and forgets with nothing else to do show the whole object.
            return out + DiffWriter.renderObject(before ?? after ?? .emptyObject, schema: schemas[res.type]?.block, color: color, indent: 6)
                + "    }\n"
        }
        let schema = schemas[res.type]?.block
        var w = DiffWriter(color: color)
        w.replacing = action.isReplace
        w.forcesReplacement = Set(replace.compactMap(\.first))
        let result = w.writeBlockBody(schema, before, after, indent: 6, top: true)
        out += w.buf
        if result.bodyWritten { out += "\n    " }
        out += "}\n"
        return out
    }

    public func renderOutputs(_ changes: [OutputChange]) -> String {
        let shown = changes.filter { $0.action != .noop }
        var schema = SchemaBlock()
        var before: [String: Value] = [:], after: [String: Value] = [:]
        for o in shown {
            schema.attributes[o.name] = SchemaAttribute(.dynamic, optional: true, sensitive: o.sensitive)
            before[o.name] = o.before ?? .dynamicNull
            after[o.name] = o.action == .delete ? .dynamicNull : (o.after ?? .dynamicUnknown)
        }
        var w = DiffWriter(color: color)
        w.writeBlockBody(schema, .object(before), .object(after), indent: 2, top: false)
        return w.buf.isEmpty ? "" : String(w.buf.dropFirst()) + "\n"
    }

}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
