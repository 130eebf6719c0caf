import TerraceBasics
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// Renders plans for people, in Terraform's layout: the legend, one block per resource change
/// with its attributes diffed structurally, the summary line and output changes.
public struct PlanRenderer {
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
        case .noop: return "   "
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
        case .noop: return s
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
        for ch in changes {
            out += "\n" + renderChange(ch)
        }
        let n = plan.counts
        out += "\n" + c(ANSI.bold, "Plan:") + " "
        if n.importing > 0 { out += "\(n.importing) to import, " }
        out += "\(n.add) to add, \(n.change) to change, \(n.destroy) to destroy.\n"
        if plan.outputChanges.contains(where: { $0.action != .noop }) {
            out += "\n" + c(ANSI.bold, "Changes to Outputs:") + "\n" + renderOutputs(plan.outputChanges)
        }
        return out
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
        case .noop: return ch.importID != nil ? "\(a) will be imported" : a
        }
    }

    func reasonLine(_ ch: ResourceChange) -> String? {
        switch ch.reason {
        // Terraform 1.0.3 states delete reasons only in the JSON plan (`action_reason`).
        case .readBecauseConfigUnknown?: return "  # (config refers to values not yet known)"
        case .readBecauseDependencyPending?: return "  # (depends on a resource or a module with changes pending)"
        default: return nil
        }
    }

    public func renderChange(_ ch: ResourceChange) -> String {
        var out = c(ANSI.bold, "  # \(header(ch))".replacingOccurrences(of: " will", with: color ? ANSI.reset + " will" : " will")) + "\n"
        if !color { out = "  # \(header(ch))\n" }
        if let r = reasonLine(ch) { out += r + "\n" }
        out += renderResourceBlock(ch.addr, action: ch.action, before: ch.before, after: ch.after, replace: ch.requiresReplace)
        return out
    }

    func renderResourceBlock(_ addr: AbsResourceInstance, action: ChangeAction, before: Value?, after: Value?, replace: [AttributePath]) -> String {
        let res = addr.resource.resource
        let kw = res.mode == .data ? "data" : "resource"
        var out = colored(action) + " \(kw) \"\(res.type)\" \"\(res.name)\" {\n"
        let schema = schemas[res.type]?.block
        let attrAction: ChangeAction = action.isReplace ? .update : action
        out += renderBody(before: before, after: after, schema: schema, action: attrAction, indent: 6,
                          replace: Set(replace.compactMap(\.first)))
        out += "    }\n"
        return out
    }

    // MARK: - Bodies and values

    func renderBody(before: Value?, after: Value?, schema: SchemaBlock?, action: ChangeAction, indent: Int, replace: Set<String>) -> String {
        let b = before?.attributes ?? [:], a = after?.attributes ?? [:]
        let blockNames = Set(schema?.blockTypes.keys.map { $0 } ?? [])
        let names = Set(b.keys).union(a.keys).filter { !blockNames.contains($0) }.sorted()
        var lines: [(String, ChangeAction, String)] = []
        var hidden = 0
        for name in names {
            let bv = b[name], av = a[name]
            let act = attrAction(bv, av, parent: action)
            if act == .noop && !["id", "name", "tags"].contains(name) { hidden += 1; continue }
            if act == .noop && (av?.isNull ?? true) { continue }
            if action == .create && (av?.isNull ?? true) { continue }
            if action == .delete && (bv?.isNull ?? true) { continue }
            lines.append((name, act, ""))
        }
        let width = lines.map(\.0.count).max() ?? 0
        var out = ""
        let pad = String(repeating: " ", count: indent)
        for (name, act, _) in lines {
            let bv = b[name], av = a[name]
            let sym = attrSymbol(act)
            let forces = replace.contains(name) ? c(ANSI.red, " # forces replacement") : ""
            let padded = name + String(repeating: " ", count: width - name.count)
            out += pad + sym + " " + c(ANSI.bold, padded) + " = " + renderValueChange(bv, av, action: act, indent: indent + 4, forces: forces) + "\n"
        }
        // Nested blocks.
        for name in blockNames.sorted() {
            guard let nb = schema?.blockTypes[name] else { continue }
            let bItems = blockItems(b[name]), aItems = blockItems(a[name])
            let count = max(bItems.count, aItems.count)
            for i in 0..<count {
                let bi = i < bItems.count ? bItems[i] : nil
                let ai = i < aItems.count ? aItems[i] : nil
                var act: ChangeAction = bi == nil ? .create : ai == nil ? .delete : (Evaluator.valuesEqual(bi!.unmarkedDeep, ai!.unmarkedDeep) ? .noop : .update)
                if action == .create { act = .create }
                if action == .delete { act = .delete }
                if act == .noop { hidden += 0; continue }
                out += pad + attrSymbol(act) + " " + name + " {\n"
                out += renderBody(before: bi, after: ai, schema: nb.block, action: act, indent: indent + 4, replace: [])
                out += pad + "  }\n"
            }
        }
        if hidden > 0 && action != .create && action != .delete {
            out += pad + "  " + c(ANSI.gray, "# (\(hidden) unchanged attribute\(hidden == 1 ? "" : "s") hidden)") + "\n"
        }
        return out
    }

    func blockItems(_ v: Value?) -> [Value] {
        guard let v, !v.isNull else { return [] }
        if let e = v.elements { return e }
        if case .object = v.kind { return [v] }
        if let m = v.attributes { return m.keys.sorted().map { m[$0]! } }
        return []
    }

    func attrAction(_ b: Value?, _ a: Value?, parent: ChangeAction) -> ChangeAction {
        if parent == .create { return .create }
        if parent == .delete { return .delete }
        let bn = b == nil || b!.isNull, an = a == nil || a!.isNull
        if bn && an { return .noop }
        if bn { return .create }
        if an && a!.isKnown { return .delete }
        if let a, let b, a.isWhollyKnown, Evaluator.valuesEqual(a.unmarkedDeep, b.unmarkedDeep), a.sensitive == b.sensitive { return .noop }
        return .update
    }

    func attrSymbol(_ a: ChangeAction) -> String {
        switch a {
        case .create: return c(ANSI.green, "+")
        case .delete: return c(ANSI.red, "-")
        case .update: return c(ANSI.yellow, "~")
        default: return " "
        }
    }

    func renderValueChange(_ b: Value?, _ a: Value?, action: ChangeAction, indent: Int, forces: String) -> String {
        switch action {
        case .create:
            return renderValue(a ?? .dynamicNull, indent: indent, symbol: "+") + forces
        case .delete:
            return renderValue(b ?? .dynamicNull, indent: indent, symbol: "-") + " -> null" + forces
        case .noop:
            return renderValue(a ?? b ?? .dynamicNull, indent: indent, symbol: " ")
        default:
            let bv = b ?? .dynamicNull, av = a ?? .dynamicNull
            if let bm = bv.attributes, case .map = bv.kind, av.isKnown, let am = av.attributes, !bv.sensitive, !av.sensitive {
                return renderMapDiff(bm, am, indent: indent, forces: forces)
            }
            if !av.isKnown, let bm = bv.attributes, case .map = bv.kind, !bm.isEmpty {
                // A map that becomes unknown: show what goes, then the unknown.
                let pad = String(repeating: " ", count: indent)
                var out = "{\n"
                let w = bm.keys.map { quote($0).count }.max() ?? 0
                for k in bm.keys.sorted() {
                    out += pad + c(ANSI.red, "-") + " " + quote(k).padding(w) + " = " + renderValue(bm[k]!, indent: indent + 4, symbol: "-") + "\n"
                }
                out += String(repeating: " ", count: indent - 2) + "} -> " + c(ANSI.gray, "(known after apply)") + forces
                return out
            }
            return renderValue(bv, indent: indent, symbol: " ") + " -> " + renderValue(av, indent: indent, symbol: "+") + forces
        }
    }

    func renderMapDiff(_ b: [String: Value], _ a: [String: Value], indent: Int, forces: String) -> String {
        let pad = String(repeating: " ", count: indent)
        let keys = Set(b.keys).union(a.keys).sorted()
        var lines: [String] = []
        var hidden = 0
        let changed = keys.filter { k in
            guard let bv = b[k], let av = a[k] else { return true }
            return !Evaluator.valuesEqual(bv.unmarkedDeep, av.unmarkedDeep)
        }
        let w = changed.map { quote($0).count }.max() ?? 0
        for k in keys {
            let bv = b[k], av = a[k]
            if let bv, let av, Evaluator.valuesEqual(bv.unmarkedDeep, av.unmarkedDeep) { hidden += 1; continue }
            let q = quote(k).padding(w)
            if bv == nil { lines.append(pad + c(ANSI.green, "+") + " " + q + " = " + renderValue(av!, indent: indent + 4, symbol: "+")) }
            else if av == nil { lines.append(pad + c(ANSI.red, "-") + " " + q + " = " + renderValue(bv!, indent: indent + 4, symbol: "-") + " -> null") }
            else { lines.append(pad + c(ANSI.yellow, "~") + " " + q + " = " + renderValue(bv!, indent: indent + 4, symbol: " ") + " -> " + renderValue(av!, indent: indent + 4, symbol: "+")) }
        }
        var out = "{" + forces + "\n" + lines.joined(separator: "\n") + "\n"
        if hidden > 0 { out += pad + "  " + c(ANSI.gray, "# (\(hidden) unchanged element\(hidden == 1 ? "" : "s") hidden)") + "\n" }
        return out + String(repeating: " ", count: indent - 2) + "}"
    }

    func quote(_ s: String) -> String { PlanRenderer.hclQuote(s) }

    /// A string literal as Terraform prints it in plans.
    public static func hclQuote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        out = out.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        return out + "\""
    }

    /// A value in plan syntax; collections one element per line, each with `symbol`.
    public func renderValue(_ v: Value, indent: Int, symbol: String) -> String {
        if v.sensitive { return "(sensitive value)" }
        let pad = String(repeating: " ", count: indent)
        let sym = symbol == " " ? " " : attrSymbol(symbol == "+" ? .create : .delete)
        switch v.kind {
        case .unknown: return c(ANSI.gray, "(known after apply)")
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            if s.contains("\n") {
                var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.last == "" { lines.removeLast() }
                return "<<-EOT\n" + lines.map { pad + "    " + $0 }.joined(separator: "\n") + "\n" + pad + "EOT"
            }
            return quote(s)
        case .list(let items, _), .set(let items, _), .tuple(let items):
            if items.isEmpty { return "[]" }
            var out = "[\n"
            for item in items { out += pad + sym + " " + renderValue(item, indent: indent + 4, symbol: symbol) + ",\n" }
            return out + String(repeating: " ", count: max(0, indent - 2)) + "]"
        case .map(let m, _), .object(let m):
            if m.isEmpty { return "{}" }
            let isMap: Bool = { if case .map = v.kind { return true }; return false }()
            let keys = m.keys.sorted()
            let shown = keys.map { isMap ? quote($0) : $0 }
            let w = shown.map(\.count).max() ?? 0
            var out = "{\n"
            for (k, s) in zip(keys, shown) {
                out += pad + sym + " " + s.padding(w) + " = " + renderValue(m[k]!, indent: indent + 4, symbol: symbol) + "\n"
            }
            return out + String(repeating: " ", count: max(0, indent - 2)) + "}"
        }
    }

    public func renderOutputs(_ changes: [OutputChange]) -> String {
        let shown = changes.filter { $0.action != .noop }
        let w = shown.map(\.name.count).max() ?? 0
        var out = ""
        for o in shown {
            let name = o.name.padding(w)
            let sym = attrSymbol(o.action == .create ? .create : o.action == .delete ? .delete : .update)
            var value: String
            switch o.action {
            case .create: value = o.sensitive ? "(sensitive value)" : renderValue(o.after ?? .dynamicUnknown, indent: 6, symbol: "+")
            case .delete: value = (o.sensitive ? "(sensitive value)" : renderValue(o.before ?? .dynamicNull, indent: 6, symbol: "-")) + " -> null"
            default:
                value = o.sensitive ? "(sensitive value)" : renderValue(o.before ?? .dynamicNull, indent: 6, symbol: " ") + " -> " + renderValue(o.after ?? .dynamicUnknown, indent: 6, symbol: "+")
            }
            out += "  " + sym + " " + name + " = " + value + "\n"
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
