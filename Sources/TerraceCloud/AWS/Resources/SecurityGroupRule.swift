import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_security_group_rule`: one rule (with possibly several sources) added to a group.
/// Every argument but `description` forces replacement. Like the provider, reading it means
/// finding its permissions among the group's rules, and import takes
/// `sg-…_ingress_tcp_80_80_10.0.0.0/16` (sources separated by `_`, `self` for the group itself).
public struct SecurityGroupRuleResource: AWSResource {
    public static let typeName = "aws_security_group_rule"
    public let serviceName = "Security Group Rule"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "cidr_blocks": .optional(.list(.string), forceNew: true),
        "description": .optional(.string),
        "from_port": .required(.number, forceNew: true),
        "ipv6_cidr_blocks": .optional(.list(.string), forceNew: true),
        "prefix_list_ids": .optional(.list(.string), forceNew: true),
        "protocol": .required(.string, forceNew: true),
        "security_group_id": .required(.string, forceNew: true),
        "security_group_rule_id": .computed(.string),
        "self": .optional(.bool, forceNew: true, default: .bool(false)),
        "source_security_group_id": .optionalComputed(.string, forceNew: true),
        "to_port": .required(.number, forceNew: true),
        "type": .required(.string, forceNew: true),
    ]), version: 2)

    public var rules: [String] {
        [
            "Exactly one kind of source is needed: `cidr_blocks`, `ipv6_cidr_blocks`, `prefix_list_ids`, `self` or `source_security_group_id`.",
            "The group, and a source group, must exist and be in the same VPC (`InvalidGroup.NotFound`).",
            "A rule the group already has is rejected (`InvalidPermission.Duplicate`).",
        ]
    }

    public var importID: String { "`SGID_TYPE_PROTOCOL_FROM_TO_SOURCE…` (for example `sg-0a1b…_ingress_tcp_443_443_0.0.0.0/0`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidPermission.NotFound", "The specified rule does not exist in this security group.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("type", ["ingress", "egress"])
        v.cidrs("cidr_blocks", in: config)
        v.conflicts("cidr_blocks", "source_security_group_id")
        v.conflicts("self", "source_security_group_id")
        v.length("description", 0, 255)
        return v.diags
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("protocol") { config = config.with("protocol", .string(SecurityGroupRules.normalizeProtocol(p))) }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    static func ruleID(_ v: Value) -> String {
        var s = "\(v.str("security_group_id") ?? "")-\(v.str("type") ?? "")-\(v.str("protocol") ?? "")-\(v.int("from_port") ?? 0)-\(v.int("to_port") ?? 0)-"
        for c in v.strings("cidr_blocks").sorted() { s += "\(c)-" }
        for c in v.strings("ipv6_cidr_blocks").sorted() { s += "\(c)-" }
        for c in v.strings("prefix_list_ids").sorted() { s += "\(c)-" }
        if let g = v.str("source_security_group_id") { s += "\(g)-" }
        return "sgrule-\(CRC32.hashcode(s))"
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let kinds = ["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"].filter { !planned.strings($0).isEmpty }.count
            + (planned.has("source_security_group_id") ? 1 : 0)
        if kinds == 0 {
            throw CloudError("MissingParameter", "One of ['cidr_blocks', 'ipv6_cidr_blocks', 'self', 'source_security_group_id', 'prefix_list_ids'] must be set to create an AWS Security Group Rule")
        }
        let group = planned.str("security_group_id") ?? ""
        return try createOnce(token: token, context: context) { tx in
            guard let sg = tx.get(SecurityGroupResource.typeName, id: group, account: context.account, region: context.region) else {
                throw SecurityGroupResource().notFound(group)
            }
            let id = Self.ruleID(planned)
            var v = resolve(planned, [
                "id": .string(id),
                "security_group_rule_id": .string(AWSIDs.ec2("sgr")),
                "source_security_group_id": .null(.string),
            ])
            v = v.with("protocol", .string(SecurityGroupRules.normalizeProtocol(v.str("protocol") ?? "-1")))
            let perms = SecurityGroupRules.permissions(legacyRule: v)
            let existing = Set(SecurityGroupRules.currentPermissions(of: group, tx: tx, context: context))
            for p in perms {
                try SecurityGroupRules.checkPorts(p)
                if existing.contains(p) { throw Permission.duplicate(p) }
            }
            try SecurityGroupRules.checkReferences(perms, group: group, vpc: sg["vpc_id"]?.stringValue, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(v), token: token))
            return v
        }
    }

    /// The rule as it is: gone when the group is gone or no longer has all its permissions.
    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let group = state.str("security_group_id") else { return nil }
        let perms = try context.store.mutate { tx -> [Permission]? in
            guard tx.get(SecurityGroupResource.typeName, id: group, account: context.account, region: context.region) != nil else { return nil }
            return SecurityGroupRules.currentPermissions(of: group, tx: tx, context: context)
        }
        guard let perms else { return nil }
        let mine = SecurityGroupRules.permissions(legacyRule: state.unmarkedDeep)
        guard !mine.isEmpty, Set(mine).isSubset(of: Set(perms)) else { return nil }
        if let id = state.str("id"), let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) {
            return decode(o)
        }
        return state
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let parts = id.split(separator: "_").map(String.init)
        guard parts.count >= 6, parts[0].hasPrefix("sg-"), ["ingress", "egress"].contains(parts[1]),
              let from = Int(parts[3]), let to = Int(parts[4]) else {
            throw CloudError.invalidParameter("unexpected format of ID (\(id)), expected SGID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*")
        }
        var cidrs: [String] = [], ipv6: [String] = [], lists: [String] = []
        var source: String?
        var selfRef = false
        for s in parts[5...] {
            if s == "self" { selfRef = true; source = parts[0] }
            else if s.hasPrefix("sg-") { source = s }
            else if s.hasPrefix("pl-") { lists.append(s) }
            else if s.contains(":") { ipv6.append(s) }
            else { cidrs.append(s) }
        }
        var v = Value.object(schema.block, [
            "security_group_id": .string(parts[0]), "type": .string(parts[1]),
            "protocol": .string(SecurityGroupRules.normalizeProtocol(parts[2])),
            "from_port": .number(from), "to_port": .number(to),
            "cidr_blocks": cidrs.isEmpty ? .null(.list(.string)) : .stringList(cidrs),
            "ipv6_cidr_blocks": ipv6.isEmpty ? .null(.list(.string)) : .stringList(ipv6),
            "prefix_list_ids": lists.isEmpty ? .null(.list(.string)) : .stringList(lists),
            "source_security_group_id": source.map(Value.string) ?? .null(.string),
            "self": .bool(selfRef),
        ])
        v = v.with("id", .string(Self.ruleID(v)))
        guard let found = try read(v, context: context) else { return nil }
        return found
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            if let o = object(id, tx: tx, context: context) { tx.delete(o) }
        }
    }
}
