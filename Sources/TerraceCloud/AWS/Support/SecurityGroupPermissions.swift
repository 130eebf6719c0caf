import TerraceBasics
import TerraceLang
import TerraceProviders

/// Security group rules as EC2 keeps them: one permission per direction, protocol, port range
/// and single source (a CIDR, a prefix list or a group). The three Terraform ways of writing
/// rules (inline `ingress`/`egress` blocks, `aws_security_group_rule`, and
/// `aws_vpc_security_group_ingress_rule`/`…_egress_rule`) all reduce to these, which is how
/// duplicates across them are found and how a group's rules read back.
struct Permission: Hashable, Sendable, CustomStringConvertible {
    enum Source: Hashable, Sendable {
        case cidr(String), ipv6(String), prefixList(String), group(String)
    }

    var direction: String  // "ingress" or "egress"
    var proto: String
    var from: Int
    var to: Int
    var source: Source

    /// EC2's rendering in `InvalidPermission.Duplicate`.
    var description: String {
        let peer: String
        switch source {
        case .cidr(let c), .ipv6(let c): peer = c
        case .prefixList(let p): peer = p
        case .group(let g): peer = g
        }
        let p = proto == "-1" ? "ALL" : proto.uppercased()
        return "peer: \(peer), \(p), from port: \(from), to port: \(to), ALLOW"
    }

    static func duplicate(_ p: Permission) -> CloudError {
        CloudError("InvalidPermission.Duplicate", "the specified rule \"\(p)\" already exists")
    }
}

enum SecurityGroupRules {
    /// The schema of an inline `ingress`/`egress` item of `aws_security_group`.
    static let inlineBlock = SchemaBlock(attributes: [
        "cidr_blocks": .optional(.list(.string)),
        "description": .optional(.string),
        "from_port": .required(.number),
        "ipv6_cidr_blocks": .optional(.list(.string)),
        "prefix_list_ids": .optional(.list(.string)),
        "protocol": .required(.string),
        "security_groups": .optional(.set(.string)),
        "self": .optional(.bool, default: .bool(false)),
        "to_port": .required(.number),
    ])

    static let protocolNumbers: [String: String] = [
        "1": "icmp", "6": "tcp", "17": "udp", "58": "icmpv6", "50": "esp", "51": "ah", "132": "sctp",
    ]

    /// The provider's protocol normalisation: names in lower case, known numbers as names,
    /// `all` as `-1`.
    static func normalizeProtocol(_ p: String) -> String {
        let l = p.lowercased()
        if l == "all" || l == "-1" { return "-1" }
        return protocolNumbers[l] ?? l
    }

    /// An inline rule item as the provider stores it: unset lists empty, no description "",
    /// `self` false, the protocol normalised.
    static func normalizeInline(_ v: Value) -> Value {
        guard v.isWhollyKnown else { return v }
        func list(_ name: String) -> Value { Value.stringList(v.strings(name)) }
        return .object([
            "cidr_blocks": list("cidr_blocks"),
            "description": .string(v.str("description") ?? ""),
            "from_port": v["from_port"] ?? .number(0),
            "ipv6_cidr_blocks": list("ipv6_cidr_blocks"),
            "prefix_list_ids": list("prefix_list_ids"),
            "protocol": .string(normalizeProtocol(v.str("protocol") ?? "-1")),
            "security_groups": Value.stringSet(v.strings("security_groups")),
            "self": .bool(v.bool("self") ?? false),
            "to_port": v["to_port"] ?? .number(0),
        ])
    }

    /// The permissions of an inline rule of group `group`.
    static func permissions(inline v: Value, direction: String, group: String) -> [Permission] {
        let proto = normalizeProtocol(v.str("protocol") ?? "-1")
        let from = v.int("from_port") ?? 0, to = v.int("to_port") ?? 0
        var sources: [Permission.Source] = v.strings("cidr_blocks").map { .cidr($0) }
        sources += v.strings("ipv6_cidr_blocks").map { .ipv6($0) }
        sources += v.strings("prefix_list_ids").map { .prefixList($0) }
        sources += v.strings("security_groups").map { .group($0) }
        if v.bool("self") == true { sources.append(.group(group)) }
        return sources.map { Permission(direction: direction, proto: proto, from: from, to: to, source: $0) }
    }

    /// The permissions of a stored `aws_security_group_rule`.
    static func permissions(legacyRule o: Value) -> [Permission] {
        let group = o.str("security_group_id") ?? ""
        var item = o
        if let src = o.str("source_security_group_id") { item = item.with("security_groups", .stringSet([src])) }
        return permissions(inline: item, direction: o.str("type") ?? "ingress", group: group)
    }

    /// The permission of a stored `aws_vpc_security_group_*_rule`.
    static func permission(vpcRule o: Value, direction: String) -> Permission? {
        let source: Permission.Source
        if let c = o.str("cidr_ipv4") { source = .cidr(c) }
        else if let c = o.str("cidr_ipv6") { source = .ipv6(c) }
        else if let p = o.str("prefix_list_id") { source = .prefixList(p) }
        else if let g = o.str("referenced_security_group_id") { source = .group(g) }
        else { return nil }
        let proto = normalizeProtocol(o.str("ip_protocol") ?? "-1")
        let all = proto == "-1"
        return Permission(direction: direction, proto: proto, from: all ? 0 : o.int("from_port") ?? 0,
                          to: all ? 0 : o.int("to_port") ?? 0, source: source)
    }

    /// A stored `aws_security_group_rule` as an inline item, the way the group reads it back.
    static func inline(legacyRule o: Value) -> Value {
        var groups: [String] = []
        if let src = o.str("source_security_group_id"), src != o.str("security_group_id") { groups.append(src) }
        return normalizeInline(.object([
            "cidr_blocks": o["cidr_blocks"] ?? .null(.list(.string)),
            "description": o["description"] ?? .null(.string),
            "from_port": o["from_port"] ?? .number(0),
            "ipv6_cidr_blocks": o["ipv6_cidr_blocks"] ?? .null(.list(.string)),
            "prefix_list_ids": o["prefix_list_ids"] ?? .null(.list(.string)),
            "protocol": o["protocol"] ?? .string("-1"),
            "security_groups": .stringSet(groups),
            "self": .bool(o.bool("self") == true || (o.str("source_security_group_id") != nil && o.str("source_security_group_id") == o.str("security_group_id"))),
            "to_port": o["to_port"] ?? .number(0),
        ]))
    }

    /// A stored `aws_vpc_security_group_*_rule` as an inline item.
    static func inline(vpcRule o: Value) -> Value {
        let group = o.str("security_group_id")
        let ref = o.str("referenced_security_group_id")
        let proto = normalizeProtocol(o.str("ip_protocol") ?? "-1")
        let all = proto == "-1"
        return normalizeInline(.object([
            "cidr_blocks": .stringList(o.str("cidr_ipv4").map { [$0] } ?? []),
            "description": o["description"] ?? .null(.string),
            "from_port": .number(all ? 0 : o.int("from_port") ?? 0),
            "ipv6_cidr_blocks": .stringList(o.str("cidr_ipv6").map { [$0] } ?? []),
            "prefix_list_ids": .stringList(o.str("prefix_list_id").map { [$0] } ?? []),
            "protocol": .string(proto),
            "security_groups": .stringSet(ref.map { $0 == group ? [] : [$0] } ?? []),
            "self": .bool(ref != nil && ref == group),
            "to_port": .number(all ? 0 : o.int("to_port") ?? 0),
        ]))
    }

    static let ruleKinds = [SecurityGroupRuleResource.typeName, VPCSecurityGroupIngressRuleResource.typeName, VPCSecurityGroupEgressRuleResource.typeName]

    /// The rule objects (of the three rule resource types) that belong to `group`.
    static func ruleObjects(of group: String, tx: CloudTransaction, context: AWSContext) -> [CloudObject] {
        ruleKinds.flatMap { tx.list($0, account: context.account, region: context.region) }
            .filter { $0["security_group_id"]?.stringValue == group }
    }

    static func ruleObjects(of group: String, store: CloudStore, context: AWSContext) -> [CloudObject] {
        ruleKinds.flatMap { store.list($0, account: context.account, region: context.region) }
            .filter { $0["security_group_id"]?.stringValue == group }
    }

    /// The separately managed rules of `group` in one direction, as inline items.
    static func separateInline(_ rules: [CloudObject], direction: String) -> [Value] {
        rules.compactMap { o -> Value? in
            guard let v = try? ValueJSON.decode(o.attributes, as: .dynamic) else { return nil }
            switch o.kind {
            case SecurityGroupRuleResource.typeName:
                return v.str("type") == direction ? inline(legacyRule: v) : nil
            case VPCSecurityGroupIngressRuleResource.typeName:
                return direction == "ingress" ? inline(vpcRule: v) : nil
            default:
                return direction == "egress" ? inline(vpcRule: v) : nil
            }
        }
    }

    /// Every permission `group` has now, from its inline rules and its separate rule objects,
    /// leaving out the rule object `excluding` (the one being changed).
    static func currentPermissions(of group: String, tx: CloudTransaction, context: AWSContext, excluding: String? = nil) -> [Permission] {
        var out: [Permission] = []
        if let sg = tx.get(SecurityGroupResource.typeName, id: group, account: context.account, region: context.region),
           let v = try? ValueJSON.decode(sg.attributes, as: .dynamic) {
            for d in ["ingress", "egress"] {
                for item in v.items(d) { out += permissions(inline: item, direction: d, group: group) }
            }
        }
        for o in ruleObjects(of: group, tx: tx, context: context) where o.id != excluding {
            guard let v = try? ValueJSON.decode(o.attributes, as: .dynamic) else { continue }
            switch o.kind {
            case SecurityGroupRuleResource.typeName: out += permissions(legacyRule: v)
            case VPCSecurityGroupIngressRuleResource.typeName: out += permission(vpcRule: v, direction: "ingress").map { [$0] } ?? []
            default: out += permission(vpcRule: v, direction: "egress").map { [$0] } ?? []
            }
        }
        return out
    }

    /// Checks the groups a rule refers to: they exist and are in the VPC of `group`.
    static func checkReferences(_ perms: [Permission], group: String, vpc: String?, tx: CloudTransaction, context: AWSContext) throws {
        for p in perms {
            guard case .group(let other) = p.source, other != group else { continue }
            guard let o = tx.get(SecurityGroupResource.typeName, id: other, account: context.account, region: context.region) else {
                throw CloudError("InvalidGroup.NotFound", "The security group '\(other)' does not exist")
            }
            if let vpc, let ov = o["vpc_id"]?.stringValue, ov != vpc {
                throw CloudError("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.")
            }
        }
    }

    /// Checks the port range of a permission against its protocol, as EC2 does.
    static func checkPorts(_ p: Permission) throws {
        switch p.proto {
        case "tcp", "udp":
            if p.from < 0 || p.to > 65535 || p.from > p.to {
                throw CloudError("InvalidParameterValue", "Invalid value '\(p.from)-\(p.to)' for portRange. Must be a valid range of ports between 0 and 65535, with fromPort <= toPort.")
            }
        case "-1":
            if p.from != 0 && p.from != -1 || p.to != 0 && p.to != -1 {
                throw CloudError("InvalidParameterValue", "from_port (\(p.from)) and to_port (\(p.to)) must both be 0 to use the 'ALL' \"-1\" protocol!")
            }
        default:
            break
        }
        switch p.source {
        case .cidr(let c), .ipv6(let c):
            if case .cidr = p.source, CIDR(c) == nil {
                throw CloudError("InvalidParameterValue", "CIDR block \(c) is malformed")
            }
        default:
            break
        }
    }
}
