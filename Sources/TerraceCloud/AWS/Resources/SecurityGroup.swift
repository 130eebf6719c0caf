import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_security_group` with inline `ingress`/`egress` rules. Names are unique in a VPC;
/// rules may refer only to groups of the same VPC; a group referenced by another group's rule,
/// or used by a load balancer, service, endpoint or database, cannot be deleted. Like the
/// provider, a group created without `egress` has AWS's default allow-all egress rule removed,
/// and a group whose configuration has no `ingress` (or `egress`) blocks leaves the rules it has
/// alone, so it can be used with separate rule resources.
public struct SecurityGroupResource: AWSResource {
    public static let typeName = "aws_security_group"
    public let serviceName = "Security Group"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "description": .optional(.string, forceNew: true, default: .string("Managed by Terraform")),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "owner_id": .computed(.string),
        "revoke_rules_on_delete": .optional(.bool, default: .bool(false)),
        "vpc_id": .optionalComputed(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "ingress": NestedBlock(.set, SecurityGroupRules.inlineBlock),
        "egress": NestedBlock(.set, SecurityGroupRules.inlineBlock),
    ]), version: 1)

    public var computedBlocks: Set<String> { ["ingress", "egress"] }

    public var rules: [String] {
        [
            "Group names are unique within a VPC (`InvalidGroup.Duplicate`); `default` is reserved and names may not start with `sg-`.",
            "Rules may refer only to existing groups of the same VPC (`InvalidGroup.NotFound`).",
            "A rule that already exists on the group, inline or separate, is rejected (`InvalidPermission.Duplicate`).",
            "Ports must be a valid range for TCP and UDP; protocol `-1` takes ports 0 to 0.",
            "Deleting a group referenced by another group's rule, or used by a load balancer, ECS service, VPC endpoint, database or cache, fails (`DependencyViolation`).",
            "A VPC's default group cannot be deleted (`CannotDelete`).",
        ]
    }

    public var importID: String { "the security group ID (`sg-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidGroup.NotFound", "The security group '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.length("name", 0, 255)
        v.length("name_prefix", 0, 100)
        v.length("description", 0, 255)
        v.conflicts("name", "name_prefix")
        for d in ["ingress", "egress"] {
            for item in config.items(d) {
                var iv = Validate(item)
                iv.cidrs("cidr_blocks", in: item)
                iv.length("description", 0, 255)
                v.diags += iv.diags
            }
        }
        return v.diags
    }

    /// Inline rules are planned as the provider stores them (see `SecurityGroupRules.normalizeInline`).
    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        for d in ["ingress", "egress"] {
            guard let items = config[d]?.elements, config[d]?.isKnown == true else { continue }
            config = config.with(d, .blockSet(items.map(SecurityGroupRules.normalizeInline), SecurityGroupRules.inlineBlock))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    /// The group's name: given, from a prefix, or generated as the provider generates it.
    static func name(_ planned: Value) -> String {
        if let n = planned.str("name") { return n }
        return AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "terraform-")
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = Self.name(planned)
        if name.hasPrefix("sg-") { throw CloudError.invalidParameter("Group names may not be in the format sg-*") }
        if name == "default" { throw CloudError.invalidParameter("Cannot use reserved security group name: default") }
        guard let vpcID = planned.str("vpc_id") else {
            throw CloudError("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.")
        }
        return try createOnce(token: token, context: context) { tx in
            guard tx.get(VPCResource.typeName, id: vpcID, account: context.account, region: context.region) != nil else {
                throw VPCResource().notFound(vpcID)
            }
            if tx.list(Self.typeName, account: context.account, region: context.region)
                .contains(where: { $0["vpc_id"]?.stringValue == vpcID && $0["name"]?.stringValue == name }) {
                throw CloudError("InvalidGroup.Duplicate", "The security group '\(name)' already exists for VPC '\(vpcID)'")
            }
            let id = AWSIDs.ec2("sg")
            let (ingress, egress) = try checkedRules(planned, group: id, vpc: vpcID, separate: [], tx: tx, context: context)
            return try put(planned.with("ingress", ingress).with("egress", egress), id: id, fill: [
                "arn": .string(context.arn("ec2", "security-group/\(id)")),
                "name": .string(name),
                "name_prefix": .string(planned.str("name_prefix") ?? ""),
                "owner_id": .string(context.account),
            ], token: token, tx: tx, context: context)
        }
    }

    /// The inline rules to store: planned items less those that are separate rule objects
    /// (which the group reads back), each checked for duplicates, ports and references.
    func checkedRules(_ planned: Value, group: String, vpc: String, separate: [CloudObject],
                      tx: CloudTransaction, context: AWSContext) throws -> (Value, Value) {
        var seen = Set<Permission>()
        var separatePerms = Set<Permission>()
        for o in separate {
            guard let v = try? ValueJSON.decode(o.attributes, as: .dynamic) else { continue }
            switch o.kind {
            case SecurityGroupRuleResource.typeName: separatePerms.formUnion(SecurityGroupRules.permissions(legacyRule: v))
            case VPCSecurityGroupIngressRuleResource.typeName: if let p = SecurityGroupRules.permission(vpcRule: v, direction: "ingress") { separatePerms.insert(p) }
            default: if let p = SecurityGroupRules.permission(vpcRule: v, direction: "egress") { separatePerms.insert(p) }
            }
        }
        var out: [Value] = []
        for d in ["ingress", "egress"] {
            let separateItems = Set(SecurityGroupRules.separateInline(separate, direction: d))
            var items: [Value] = []
            for item in planned.items(d) where item.isWhollyKnown {
                let n = SecurityGroupRules.normalizeInline(item)
                if separateItems.contains(n) { continue }
                let perms = SecurityGroupRules.permissions(inline: n, direction: d, group: group)
                for p in perms {
                    try SecurityGroupRules.checkPorts(p)
                    if !seen.insert(p).inserted || separatePerms.contains(p) { throw Permission.duplicate(p) }
                }
                try SecurityGroupRules.checkReferences(perms, group: group, vpc: vpc, tx: tx, context: context)
                items.append(n)
            }
            out.append(.blockSet(items, SecurityGroupRules.inlineBlock))
        }
        return (out[0], out[1])
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let separate = SecurityGroupRules.ruleObjects(of: stored.id, tx: tx, context: context)
        let (ingress, egress) = try checkedRules(planned, group: stored.id, vpc: stored["vpc_id"]?.stringValue ?? "",
                                                 separate: separate, tx: tx, context: context)
        return withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
            .with("ingress", ingress).with("egress", egress)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        guard let id = prior.str("id") else { throw notFound("") }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { throw notFound(id) }
            let new = try updated(o, planned: planned, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(new), token: o.token, managedBy: o.managedBy))
        }
        return try read(prior, context: context) ?? planned
    }

    /// The group with every rule it has: inline ones and separate rule objects.
    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state.str("id") else { return nil }
        return try importByID(id, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        let v = decode(o)
        let separate = SecurityGroupRules.ruleObjects(of: id, store: context.store, context: context)
        var out = v
        for d in ["ingress", "egress"] {
            let items = v.items(d) + SecurityGroupRules.separateInline(separate, direction: d)
            out = out.with(d, .blockSet(items, SecurityGroupRules.inlineBlock))
        }
        return out
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region).first(where: { $0.token == token }) else { return nil }
        return try? importByID(o.id, context: context)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            if o.managedBy != nil {
                throw CloudError("CannotDelete", "the specified group: \"\(id)\" name: \"\(o["name"]?.stringValue ?? "default")\" cannot be deleted by a user")
            }
            let own = Set(SecurityGroupRules.ruleObjects(of: id, tx: tx, context: context).map(\.id))
            let users = tx.referencing(id, account: context.account, region: context.region).filter { !own.contains($0.id) }
            if !users.isEmpty {
                throw CloudError.dependencyViolation("resource \(id) has a dependent object")
            }
            for r in SecurityGroupRules.ruleObjects(of: id, tx: tx, context: context) { tx.delete(r) }
            tx.delete(o)
        }
    }

    /// A VPC's default group: named `default`, allowing all traffic from itself and all egress.
    static func putDefault(id: String, vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        let r = SecurityGroupResource()
        let all = { (selfRef: Bool) -> Value in
            SecurityGroupRules.normalizeInline(.object([
                "from_port": .number(0), "to_port": .number(0), "protocol": .string("-1"),
                "cidr_blocks": selfRef ? .null(.list(.string)) : .stringList(["0.0.0.0/0"]), "self": .bool(selfRef),
            ]))
        }
        let v = Value.object(r.schema.block, [
            "id": .string(id), "arn": .string(context.arn("ec2", "security-group/\(id)")),
            "description": .string("default VPC security group"), "name": .string("default"), "name_prefix": .string(""),
            "owner_id": .string(context.account), "revoke_rules_on_delete": .bool(false), "vpc_id": .string(vpc),
            "ingress": .blockSet([all(true)], SecurityGroupRules.inlineBlock),
            "egress": .blockSet([all(false)], SecurityGroupRules.inlineBlock),
            "tags": .stringMap([:]), "tags_all": .stringMap([:]),
        ])
        try tx.put(CloudObject(kind: typeName, id: id, account: context.account, region: context.region,
                               attributes: ValueJSON.encode(v), managedBy: vpc))
    }
}

extension AWSIDs {
    private static let counter = Counter()

    /// A name as the provider's `id.PrefixedUniqueId` makes it: the prefix, a UTC timestamp to
    /// the ten-thousandth of a second, and a counter (26 characters after the prefix).
    public static func uniqueName(prefix: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMddHHmmssSSSS"
        return prefix + f.string(from: Date()) + String(format: "%08x", counter.next())
    }

    final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { n += 1; return n } }
    }
}
