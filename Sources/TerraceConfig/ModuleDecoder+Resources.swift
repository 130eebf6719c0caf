import TerraceBasics
import TerraceHCL
import TerraceLang

extension ModuleDecoder {
    /// Nested block types every resource body may have besides its provider schema's.
    static let resourceMetaBlocks: [String: Int] = ["lifecycle": 0, "provisioner": 1, "connection": 0]

    mutating func decodeResource(_ block: Block, mode: ResourceMode) {
        guard labels(block, ["type", "name"]) else { return }
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: Self.resourceMetaBlocks))
        let json = body.isJSON
        var r = Resource(mode: mode, type: block.labels[0], name: block.labels[1], body: body,
                         count: body.attribute("count")?.expr, forEach: body.attribute("for_each")?.expr,
                         dependsOn: dependsOn(body.attribute("depends_on"), json: json),
                         provider: ProviderRef(name: Resource.impliedProvider(block.labels[0])), providerGiven: false,
                         lifecycle: Lifecycle(), declRange: block.defRange, typeRange: block.labelRanges[0])
        if r.count != nil, let fe = body.attribute("for_each") {
            diags += .error("Invalid combination of \"count\" and \"for_each\"",
                            "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.",
                            at: fe.nameRange)
        }
        if let p = body.attribute("provider"), let ref = providerRef(p.expr, json: json) {
            r.provider = ref
            r.providerGiven = true
        }
        if let lc = single(body, "lifecycle") {
            r.lifecycle = decodeLifecycle(lc, mode: mode)
        }
        if let prev = module.resources[r.key] {
            let detail = mode == .data
                ? "A \(r.type) data resource named \"\(r.name)\" was already declared at \(prev.declRange.hclDescription). Resource names must be unique per type in each module."
                : "A \(r.type) resource named \"\(r.name)\" was already declared at \(prev.declRange.hclDescription). Resource names must be unique per type in each module."
            diags += .error(mode == .data ? "Duplicate data \"\(r.type)\" configuration" : "Duplicate resource \"\(r.type)\" configuration",
                            detail, at: block.defRange)
            return
        }
        module.resources[r.key] = r
    }

    mutating func decodeLifecycle(_ block: Block, mode: ResourceMode) -> Lifecycle {
        var lc = Lifecycle()
        let body = block.body.resolvingJSON(JSONBlockHints(blockTypes: ["precondition": 0, "postcondition": 0]))
        if mode == .data {
            checkArguments(body, allowed: [], blocks: ["precondition", "postcondition"])
        } else {
            checkArguments(body, allowed: ["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"],
                           blocks: ["precondition", "postcondition"])
        }
        lc.createBeforeDestroy = staticBool(body.attribute("create_before_destroy")) ?? false
        lc.preventDestroy = staticBool(body.attribute("prevent_destroy")) ?? false
        if let ic = body.attribute("ignore_changes") {
            let keyword = ic.expr.asKeyword ?? (body.isJSON ? ic.expr.asStaticString : nil)
            if keyword == "all" {
                lc.ignoreAllChanges = true
            } else if let items = staticList(ic.expr) {
                for item in items {
                    if item.asStaticString == "*" {
                        diags += .error("Invalid ignore_changes wildcard",
                                        "The [\"*\"] form of ignore_changes wildcard is was deprecated and is now invalid. Use \"ignore_changes = all\" to ignore changes to all attributes.",
                                        at: ic.expr.range)
                        lc.ignoreAllChanges = true
                        continue
                    }
                    if let t = reference(item, json: body.isJSON) { lc.ignoreChanges.append(t) }
                }
            }
        }
        if let rt = body.attribute("replace_triggered_by"), let items = staticList(rt.expr) {
            lc.replaceTriggeredBy = items
        }
        lc.preconditions = checkRules(body, "precondition")
        lc.postconditions = checkRules(body, "postcondition")
        return lc
    }
}
