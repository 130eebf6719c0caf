import TerraceBasics
import TerraceHCL
import TerraceLang
import TerraceProviders

/// Writes the body of a resource change as Terraform 1.0's plan renderer does: attributes
/// sorted and aligned, unchanged ones counted, nested blocks diffed by nesting mode, lists by
/// sequence diff with context, sets and maps by element, JSON strings as `jsonencode(…)`.
/// Like Terraform, every line is written with a leading newline.
public struct DiffWriter {
    var color: Bool
    var buf = ""
    /// Top-level attribute names whose change forces replacement.
    var forcesReplacement: Set<String> = []
    var replacing = false
    /// Shows unchanged attributes and blocks too (for `show` and `state show`).
    var verbose = false

    init(color: Bool, verbose: Bool = false) {
        self.color = color
        self.verbose = verbose
    }

    func c(_ code: String, _ s: String) -> String { color ? code + s + ANSI.reset : s }
    func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    enum Action { case create, delete, update, noop }

    mutating func symbol(_ a: Action) {
        switch a {
        case .create: buf += c(ANSI.green, "+") + " "
        case .delete: buf += c(ANSI.red, "-") + " "
        case .update: buf += c(ANSI.yellow, "~") + " "
        case .noop: buf += "  "
        }
    }

    var forcesCaption: String { c(ANSI.red, " # forces replacement") }

    /// Terraform treats "" as null in bodies, because legacy providers could not store null.
    static func attr(_ v: Value?, _ name: String) -> Value {
        guard let v, let a = v.attributes?[name] else { return .dynamicNull }
        if case .string("") = a.kind, !a.sensitive { return .null(.string) }
        return a
    }

    static func identifying(_ name: String) -> Bool { name == "id" || name == "name" || name == "tags" }

    /// A name as Terraform's `displayAttributeName` shows it: bare when it is an identifier.
    static func displayName(_ name: String) -> String {
        Identifier.isValid(name) ? name : ValueFormatter.goQuote(name)
    }

    static func action(_ old: Value, _ new: Value) -> Action {
        if old.isNull { return .create }
        if new.isNull { return .delete }
        if new.isWhollyKnown && old.isWhollyKnown && old.hasSameMarks(as: new) && Evaluator.valuesEqual(old.unmarkedDeep, new.unmarkedDeep) { return .noop }
        return .update
    }

    /// Terraform's note above a value whose sensitivity changes in an update.
    mutating func sensitivityWarning(_ old: Value, _ new: Value, _ action: Action, indent: Int) {
        guard action == .update, old.sensitive != new.sensitive else { return }
        let unchanged = Evaluator.valuesEqual(old.unmarkedDeep, new.unmarkedDeep) ? " The value is unchanged." : ""
        if new.sensitive {
            buf += spaces(indent) + "# " + c(ANSI.yellow, "Warning:") + " this attribute value will be marked as sensitive and will not\n"
            buf += spaces(indent) + "# display in UI output after applying this change.\(unchanged)\n"
        } else {
            buf += spaces(indent) + "# " + c(ANSI.yellow, "Warning:") + " this attribute value will no longer be marked as sensitive\n"
            buf += spaces(indent) + "# after applying this change.\(unchanged)\n"
        }
    }

    struct BodyResult {
        var bodyWritten = false
        var skippedAttributes = 0
        var skippedBlocks = 0
    }

    // MARK: - Bodies

    /// A resource object as `terraform show` prints it.
    public static func renderObject(_ v: Value, schema: SchemaBlock?, color: Bool = false, indent: Int = 2) -> String {
        var w = DiffWriter(color: color, verbose: true)
        let r = w.writeBlockBody(schema, v, v, indent: indent, top: false)
        return w.buf + (r.bodyWritten ? "\n" : "")
    }

    @discardableResult
    mutating func writeBlockBody(_ schema: SchemaBlock?, _ old: Value?, _ new: Value?, indent: Int, top: Bool) -> BodyResult {
        var result = BodyResult()
        let attrNames = attributeNames(schema, old, new)
        var blankBeforeBlocks = false
        if !attrNames.isEmpty {
            blankBeforeBlocks = true
            let width = attrNames.map { Self.displayName($0).count }.max() ?? 0
            for name in attrNames {
                result.bodyWritten = true
                let sensitive = schema?.attributes[name]?.sensitive ?? false
                if writeAttribute(name, sensitive: sensitive, Self.attr(old, name), Self.attr(new, name), width: width, indent: indent,
                                  forces: top && forcesReplacement.contains(name)) {
                    result.skippedAttributes += 1
                }
            }
        }
        if result.skippedAttributes > 0 {
            buf += "\n" + spaces(indent + 2) + c(ANSI.gray, "# (\(result.skippedAttributes) unchanged attribute\(result.skippedAttributes == 1 ? "" : "s") hidden)")
        }
        for name in (schema?.blockTypes.keys.sorted() ?? []) {
            guard let nb = schema?.blockTypes[name] else { continue }
            let ov = old?.attributes?[name] ?? .null(nb.impliedType), nv = new?.attributes?[name] ?? .null(nb.impliedType)
            if ov.isNull && nv.isNull { continue }
            result.bodyWritten = true
            result.skippedBlocks += writeNestedBlocks(name, nb, ov, nv, blankBefore: blankBeforeBlocks, indent: indent,
                                                      forces: top && forcesReplacement.contains(name))
            blankBeforeBlocks = true
        }
        if result.skippedBlocks > 0 {
            buf += "\n\n" + spaces(indent + 2) + c(ANSI.gray, "# (\(result.skippedBlocks) unchanged block\(result.skippedBlocks == 1 ? "" : "s") hidden)")
        }
        return result
    }

    /// Attribute names with a non-null value before or after; the body's schema attributes, or
    /// every member for schema-less values.
    func attributeNames(_ schema: SchemaBlock?, _ old: Value?, _ new: Value?) -> [String] {
        var names: Set<String>
        if let schema { names = Set(schema.attributes.keys) } else {
            names = Set((old?.attributes ?? [:]).keys).union((new?.attributes ?? [:]).keys)
        }
        return names.filter { !(Self.attr(old, $0).isNull && Self.attr(new, $0).isNull) }.sorted()
    }

    /// Writes one attribute line; returns true when it was skipped as unchanged.
    mutating func writeAttribute(_ name: String, sensitive: Bool, _ old: Value, _ new: Value, width: Int, indent: Int, forces: Bool) -> Bool {
        let action = Self.action(old, new)
        if action == .noop && !verbose && !Self.identifying(name) { return true }
        let display = Self.displayName(name)
        buf += "\n"
        if !sensitive { sensitivityWarning(old, new, action, indent: indent) }
        buf += spaces(indent)
        symbol(action)
        buf += c(ANSI.bold, display) + spaces(width - display.count) + " = "
        let caption = forces && replacing ? forcesCaption : ""
        if sensitive || old.sensitive || new.sensitive {
            buf += "(sensitive value)" + caption
        } else if action == .create || action == .noop {
            writeValue(new, action, indent: indent + 2)
            buf += caption
        } else {
            writeValueDiff(old, new, indent: indent + 2, forces: caption)
        }
        return false
    }

    mutating func writeNestedBlocks(_ name: String, _ nb: NestedBlock, _ old: Value, _ new: Value, blankBefore: Bool, indent: Int, forces: Bool) -> Int {
        var skipped = 0
        var blank = blankBefore
        func items(_ v: Value) -> [Value] {
            guard !v.isNull, v.isKnown else { return [] }
            return v.elements ?? (v.attributes.map { m in m.keys.sorted().map { m[$0]! } } ?? [])
        }
        func one(_ action: Action, _ o: Value, _ n: Value, label: String? = nil) {
            if action == .noop && !verbose { skipped += 1; return }
            if blank { buf += "\n" }
            buf += "\n" + spaces(indent)
            symbol(action)
            buf += (label.map { "\(name) \(ValueFormatter.goQuote($0)) {" } ?? "\(name) {")
            if forces && replacing && action != .noop { buf += forcesCaption }
            let r = writeBlockBody(nb.block, o.isNull ? nil : o, n.isNull ? nil : n, indent: indent + 4, top: false)
            if r.bodyWritten { buf += "\n" + spaces(indent + 2) }
            buf += "}"
            blank = false
        }
        let nullItem = Value.null(nb.block.impliedType)
        switch nb.nesting {
        case .single:
            if old.isNull && new.isNull { return 0 }
            one(Self.action(old, new), old, new)
        case .list:
            let o = items(old), n = items(new)
            let common = min(o.count, n.count)
            for i in 0..<common { one(Self.action(o[i], n[i]), o[i], n[i]) }
            for i in common..<o.count { one(.delete, o[i], nullItem) }
            for i in common..<n.count { one(.create, nullItem, n[i]) }
        case .set:
            let o = items(old), n = items(new)
            let eq = { (x: Value, y: Value) in Evaluator.valuesEqual(x.unmarkedDeep, y.unmarkedDeep) }
            var all = o
            for y in n where !o.contains(where: { eq($0, y) }) { all.append(y) }
            for v in Value.canonicalSet(all) {
                if !v.isWhollyKnown { one(.update, nullItem, v); continue }
                let inOld = o.contains { eq($0, v) }, inNew = n.contains { eq($0, v) }
                if !inOld { one(.create, nullItem, v) } else if !inNew { one(.delete, v, nullItem) } else { one(.noop, v, v) }
            }
        case .map:
            let o = old.attributes ?? [:], n = new.attributes ?? [:]
            for k in Set(o.keys).union(n.keys).sorted() {
                let ov = o[k] ?? nullItem, nv = n[k] ?? nullItem
                one(Self.action(ov, nv), ov, nv, label: k)
            }
        }
        return skipped
    }

    // MARK: - Values

    /// A string that parses as a JSON object or array.
    static func jsonValue(_ s: String) -> Value? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.hasPrefix("{") || t.hasPrefix("[") else { return nil }
        guard let j = try? JSONParser.parse(t), let v = try? ValueJSON.decode(j, as: .dynamic) else { return nil }
        return v
    }

    mutating func writeValue(_ v: Value, _ action: Action, indent: Int) {
        // Terraform 1.0 says "(sensitive)" inside values and "(sensitive value)" for attributes.
        if v.sensitive { buf += "(sensitive)"; return }
        switch v.kind {
        case .unknown: buf += "(known after apply)"
        case .null: buf += c(ANSI.gray, "null")
        case .bool(let b): buf += b ? "true" : "false"
        case .number(let n): buf += n.description
        case .string(let s):
            if let jv = Self.jsonValue(s) {
                buf += "jsonencode("
                if (jv.elements?.count ?? jv.attributes?.count ?? 0) == 0 {
                    writeValue(jv, action, indent: 0)
                } else {
                    buf += "\n" + spaces(indent + 4)
                    writeValue(jv, action, indent: indent + 4)
                    buf += "\n" + spaces(indent)
                }
                buf += ")"
            } else if s.contains("\n") {
                writeValueDiff(v, v, indent: indent, forces: "")
            } else {
                buf += ValueFormatter.goQuote(s)
            }
        case .list(let items, _), .set(let items, _), .tuple(let items):
            buf += "["
            for item in items {
                buf += "\n" + spaces(indent + 2)
                symbol(action)
                writeValue(item, action, indent: indent + 4)
                buf += ","
            }
            if !items.isEmpty { buf += "\n" + spaces(indent) }
            buf += "]"
        case .map(let m, _), .object(let m):
            let isMap: Bool = { if case .map = v.kind { return true }; return false }()
            buf += "{"
            let keys = m.keys.sorted()
            let names = keys.map { isMap ? ValueFormatter.goQuote($0) : Self.displayName($0) }
            let width = isMap ? (keys.map(\.count).max() ?? 0) : (names.map(\.count).max() ?? 0)
            for (k, name) in zip(keys, names) {
                buf += "\n" + spaces(indent + 2)
                symbol(action)
                buf += name + spaces(width - (isMap ? k.count : name.count)) + " = "
                writeValue(m[k]!, action, indent: indent + 4)
            }
            if !keys.isEmpty { buf += "\n" + spaces(indent) }
            buf += "}"
        }
    }

    mutating func writeValueDiff(_ old: Value, _ new: Value, indent: Int, forces: String) {
        if old.isKnown && new.isKnown && !old.isNull && !new.isNull && Self.sameKind(old, new) {
            if old.sensitive || new.sensitive {
                buf += "(sensitive value)" + forces
                return
            }
            switch (old.kind, new.kind) {
            case let (.string(os), .string(ns)):
                if let oj = Self.jsonValue(os), let nj = Self.jsonValue(ns) {
                    if !Evaluator.valuesEqual(oj, nj) {
                        buf += "jsonencode(\n" + spaces(indent + 2)
                        symbol(.update)
                        writeValueDiff(oj, nj, indent: indent + 4, forces: forces)
                        buf += "\n" + spaces(indent) + ")"
                    } else {
                        buf += (forces.isEmpty ? "jsonencode( " + c(ANSI.gray, "# whitespace changes") : "jsonencode( " + c(ANSI.red, "# whitespace changes force replacement"))
                        buf += "\n" + spaces(indent + 4)
                        writeValue(oj, .noop, indent: indent + 4)
                        buf += "\n" + spaces(indent) + ")"
                    }
                    return
                }
                if os.contains("\n") || ns.contains("\n") {
                    buf += "<<-EOT" + forces + "\n"
                    let ol = Self.lines(os), nl = Self.lines(ns)
                    if os == ns {
                        for l in nl { buf += spaces(indent + 4) + l + "\n" }
                    } else {
                        for (a, l) in Self.sequenceDiff(ol.map { Value.string($0) }, nl.map { Value.string($0) }) {
                            buf += spaces(indent + 2)
                            symbol(a)
                            buf += (l.stringValue ?? "") + "\n"
                        }
                    }
                    buf += spaces(indent) + "EOT"
                    return
                }
            case (.set(let o, _), .set(let n, _)):
                buf += "[" + forces + "\n"
                let eq = { (x: Value, y: Value) in Evaluator.valuesEqual(x.unmarkedDeep, y.unmarkedDeep) }
                var hidden = 0
                var all = o
                for y in n where !o.contains(where: { eq($0, y) }) { all.append(y) }
                for v in Value.canonicalSet(all) {
                    let act: Action = !v.isKnown ? .update : !o.contains(where: { eq($0, v) }) ? .create : !n.contains(where: { eq($0, v) }) ? .delete : .noop
                    if act == .noop { hidden += 1; continue }
                    buf += spaces(indent + 2)
                    symbol(act)
                    writeValue(v, act, indent: indent + 4)
                    buf += ",\n"
                }
                if hidden > 0 { buf += "  " + spaces(indent + 2) + c(ANSI.gray, "# (\(hidden) unchanged element\(hidden == 1 ? "" : "s") hidden)") + "\n" }
                buf += spaces(indent) + "]"
                return
            case (.list(let o, _), .list(let n, _)), (.tuple(let o), .tuple(let n)):
                buf += "[" + forces + "\n"
                writeSequenceDiff(Self.sequenceDiff(o, n, objectsUpdate: true), indent: indent)
                buf += spaces(indent) + "]"
                return
            case (.map(let o, _), .map(let n, _)):
                buf += "{" + forces + "\n"
                let keys = Set(o.keys).union(n.keys).sorted()
                let width = keys.map(\.count).max() ?? 0
                var hidden = 0
                for k in keys {
                    let ov = o[k], nv = n[k]
                    let act: Action = ov == nil ? .create : nv == nil ? .delete :
                        (ov!.hasSameMarks(as: nv!) && nv!.isWhollyKnown && Evaluator.valuesEqual(ov!.unmarkedDeep, nv!.unmarkedDeep) ? .noop : .update)
                    if act == .noop { hidden += 1; continue }
                    if let ov, let nv { sensitivityWarning(ov, nv, act, indent: indent + 2) }
                    buf += spaces(indent + 2)
                    symbol(act)
                    buf += ValueFormatter.goQuote(k) + spaces(width - k.count) + " = "
                    switch act {
                    case .create: writeValue(nv!, .create, indent: indent + 4)
                    case .delete: writeValueDiff(ov!, .null(ov!.type), indent: indent + 4, forces: "")
                    default:
                        if ov!.sensitive || nv!.sensitive { buf += "(sensitive)" } else { writeValueDiff(ov!, nv!, indent: indent + 4, forces: "") }
                    }
                    buf += "\n"
                }
                if hidden > 0 { buf += "  " + spaces(indent + 2) + c(ANSI.gray, "# (\(hidden) unchanged element\(hidden == 1 ? "" : "s") hidden)") + "\n" }
                buf += spaces(indent) + "}"
                return
            case (.object(let o), .object(let n)):
                buf += "{\n"
                let keys = Set(o.keys).union(n.keys).sorted()
                let width = keys.map { Self.displayName($0).count }.max() ?? 0
                var hidden = 0
                for k in keys {
                    let ov = o[k], nv = n[k]
                    let act: Action = ov == nil ? .create : nv == nil ? .delete :
                        (ov!.hasSameMarks(as: nv!) && nv!.isWhollyKnown && Evaluator.valuesEqual(ov!.unmarkedDeep, nv!.unmarkedDeep) ? .noop : .update)
                    if act == .noop && !Self.identifying(k) { hidden += 1; continue }
                    buf += spaces(indent + 2)
                    symbol(act)
                    buf += Self.displayName(k) + spaces(width - Self.displayName(k).count) + " = "
                    switch act {
                    case .create, .noop: writeValue(nv!, act, indent: indent + 4)
                    case .delete: writeValueDiff(ov!, .null(ov!.type), indent: indent + 4, forces: "")
                    case .update: writeValueDiff(ov!, nv!, indent: indent + 4, forces: "")
                    }
                    buf += "\n"
                }
                if hidden > 0 { buf += "  " + spaces(indent + 2) + c(ANSI.gray, "# (\(hidden) unchanged element\(hidden == 1 ? "" : "s") hidden)") + "\n" }
                buf += spaces(indent) + "}" + forces
                return
            default:
                break
            }
        }
        // A map that becomes unknown still shows what goes.
        if !new.isKnown, case .map(let o, _) = old.kind, !o.isEmpty, !old.sensitive {
            buf += "{\n"
            let width = o.keys.map(\.count).max() ?? 0
            for k in o.keys.sorted() {
                buf += spaces(indent + 2)
                symbol(.delete)
                buf += ValueFormatter.goQuote(k) + spaces(width - k.count) + " = "
                writeValue(o[k]!, .delete, indent: indent + 4)
                buf += "\n"
            }
            buf += spaces(indent) + "} -> " + c(ANSI.gray, "(known after apply)") + forces
            return
        }
        writeValue(old, .delete, indent: indent)
        buf += new.isNull ? c(ANSI.gray, " -> ") : c(ANSI.yellow, " -> ")
        writeValue(new, .create, indent: indent)
        buf += forces
    }

    static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a.kind, b.kind) {
        case (.string, .string), (.number, .number), (.bool, .bool), (.list, .list), (.set, .set), (.map, .map), (.tuple, .tuple), (.object, .object): return true
        default: return false
        }
    }

    static func lines(_ s: String) -> [String] {
        var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    /// Terraform's `ctySequenceDiff`: a longest-common-subsequence diff; with `objectsUpdate`,
    /// an object removed and another added at the same point become one update.
    static func sequenceDiff(_ old: [Value], _ new: [Value], objectsUpdate: Bool = false) -> [(Action, Value)] {
        let eq = { (x: Value, y: Value) in x.isWhollyKnown && y.isWhollyKnown && Evaluator.valuesEqual(x.unmarkedDeep, y.unmarkedDeep) }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        if !old.isEmpty && !new.isEmpty {
            for i in stride(from: old.count - 1, through: 0, by: -1) {
                for j in stride(from: new.count - 1, through: 0, by: -1) {
                    lcs[i][j] = eq(old[i], new[j]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var out: [(Action, Value)] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, eq(old[i], new[j]) {
                out.append((.noop, new[j])); i += 1; j += 1
            } else if i < old.count, j < new.count, objectsUpdate,
                      case .object = old[i].kind, case .object = new[j].kind, lcs[i + 1][j + 1] == lcs[i][j] {
                out.append((.update, .tuple([old[i], new[j]]))); i += 1; j += 1
            } else if i < old.count, j == new.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append((.delete, old[i])); i += 1
            } else {
                out.append((.create, new[j])); j += 1
            }
        }
        return out
    }

    /// A list diff with one unchanged element of context on each side of each change.
    mutating func writeSequenceDiff(_ diffs: [(Action, Value)], indent: Int) {
        var suppressed: [Value] = []
        var changeShown = false
        var i = 0
        while true {
            while i < diffs.count, diffs[i].0 == .noop { suppressed.append(diffs[i].1); i += 1 }
            if !suppressed.isEmpty {
                if changeShown {
                    buf += spaces(indent + 4)
                    writeValue(suppressed.removeFirst(), .noop, indent: indent + 4)
                    buf += ",\n"
                }
                var hidden = suppressed.count
                var next: Value?
                if hidden > 0 && i < diffs.count { hidden -= 1; next = suppressed[hidden] }
                if hidden > 0 {
                    buf += "  " + spaces(indent + 2) + c(ANSI.gray, "# (\(hidden) unchanged element\(hidden == 1 ? "" : "s") hidden)") + "\n"
                }
                if let next {
                    buf += spaces(indent + 4)
                    writeValue(next, .noop, indent: indent + 4)
                    buf += ",\n"
                }
                suppressed = []
            }
            if i >= diffs.count { break }
            let (act, v) = diffs[i]
            buf += spaces(indent + 2)
            symbol(act)
            switch act {
            case .update:
                if let pair = v.elements, pair.count == 2 { writeValueDiff(pair[0], pair[1], indent: indent + 4, forces: "") }
            default:
                writeValue(v, act, indent: indent + 4)
            }
            buf += ",\n"
            changeShown = true
            i += 1
        }
    }
}

import Foundation
