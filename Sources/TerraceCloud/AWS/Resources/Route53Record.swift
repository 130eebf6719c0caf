import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_route53_record`: a record set in a hosted zone, with Route 53's change-batch rules:
/// one set per name, type and set identifier; CNAMEs alone at a name and never at the apex;
/// values of the record's type; alias targets that exist. Imported by
/// `ZONEID_NAME_TYPE[_SETIDENTIFIER]`.
public struct Route53RecordResource: StoredResource {
    public static let typeName = "aws_route53_record"
    public let serviceName = "Route 53 Record"
    public init() {}

    static func single(_ attributes: [String: SchemaAttribute]) -> NestedBlock {
        NestedBlock(.list, SchemaBlock(attributes: attributes), maxItems: 1)
    }

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "allow_overwrite": .optionalComputed(.bool),
        "fqdn": .computed(.string),
        "health_check_id": .optional(.string),
        "multivalue_answer_routing_policy": .optional(.bool),
        "name": .required(.string, forceNew: true),
        "records": .optional(.set(.string)),
        "set_identifier": .optional(.string),
        "ttl": .optional(.number),
        "type": .required(.string),
        "zone_id": .required(.string, forceNew: true),
    ], blockTypes: [
        "alias": single(["evaluate_target_health": .required(.bool), "name": .required(.string), "zone_id": .required(.string)]),
        "cidr_routing_policy": single(["collection_id": .required(.string), "location_name": .required(.string)]),
        "failover_routing_policy": single(["type": .required(.string)]),
        "geolocation_routing_policy": single(["continent": .optional(.string), "country": .optional(.string), "subdivision": .optional(.string)]),
        "latency_routing_policy": single(["region": .required(.string)]),
        "weighted_routing_policy": single(["weight": .required(.number)]),
    ]), version: 2)

    static let types = ["A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT"]
    static let policies = ["cidr_routing_policy", "failover_routing_policy", "geolocation_routing_policy", "latency_routing_policy", "weighted_routing_policy"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.oneOf("type", Self.types)
        v.conflicts("alias", "ttl")
        v.conflicts("alias", "records")
        v.length("set_identifier", 1...128)
        for p in Fields(config).blocks("failover_routing_policy") {
            if let t = p.string("type"), !["PRIMARY", "SECONDARY"].contains(t) {
                v.fail("expected failover_routing_policy.0.type to be one of [\"PRIMARY\" \"SECONDARY\"], got \(t)")
            }
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var request = req
        if var c = req.config.attributes {
            if let n = c["name"]?.stringValue { c["name"] = .string(Route53ZoneResource.normalize(n)) }
            request.config = .object(c)
        }
        var r = basePlan(request, context: context)
        if let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty, var attrs = r.planned.attributes,
           attrs["type"] != prior["type"] || attrs["set_identifier"] != prior["set_identifier"] {
            attrs["id"] = .unknown(.string)
            r.planned = .object(attrs)
        }
        return r
    }

    /// A record name made fully qualified within its zone, as the provider expands it: a name
    /// that already ends with the zone's name (as text, not by labels) is left alone.
    static func expand(_ name: String, zone: String) -> String {
        let n = Route53ZoneResource.normalize(name)
        if n.isEmpty { return zone }
        if n.hasSuffix(zone) { return n }
        return "\(n).\(zone)"
    }

    static func key(zone: String, fqdn: String, type: String, set: String?) -> String {
        [zone, fqdn, type].joined(separator: "_") + (set.map { "_\($0)" } ?? "")
    }

    /// The parts of an ID: zone, name, type and set identifier.
    static func parse(_ id: String) -> (zone: String, name: String, type: String, set: String?)? {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return nil }
        // The name may contain underscores (`_dmarc`); the type is the first part that is a type.
        for i in 2..<parts.count where types.contains(parts[i]) {
            let name = parts[1..<i].joined(separator: "_")
            let rest = parts[(i + 1)...].joined(separator: "_")
            return (parts[0], name, parts[i], rest.isEmpty ? nil : rest)
        }
        return nil
    }

    static func zone(_ id: String, _ tx: CloudTransaction, _ global: AWSContext) throws -> CloudObject {
        guard let z = tx.fetch(Route53ZoneResource.typeName, id, global) else { throw Route53ZoneResource.notFound(id) }
        return z
    }

    static func changeError(_ message: String) -> CloudError { CloudError("InvalidChangeBatch", "[\(message)]") }

    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in Int(p).map { (0...255).contains($0) && String($0) == p } ?? false }
    }

    /// Route 53's checks of one record set against its zone.
    static func check(_ f: Fields, zone: CloudObject, fqdn: String, replacing: String?, _ tx: CloudTransaction, _ global: AWSContext) throws {
        let zoneName = zone["name"]?.stringValue ?? ""
        let type = f.string("type") ?? ""
        let set = f.nonEmpty("set_identifier")
        let action = "[Action=CREATE, Name=\(fqdn)., Type=\(type), SetIdentifier=\(set ?? "null")]"
        guard types.contains(type) else {
            throw CloudError("InvalidInput", "1 validation error detected: Value '\(type)' at 'changeBatch.changes.1.member.resourceRecordSet.type' failed to satisfy constraint: Member must satisfy enum value set: [\(types.joined(separator: ", "))]")
        }
        guard fqdn == zoneName || fqdn.hasSuffix("." + zoneName) else {
            throw changeError("RRSet with DNS name \(fqdn). is not permitted in zone \(zoneName).")
        }
        let alias = f.block("alias"), records = f.strings("records")
        let hasRecords = f.int("ttl") != nil && !records.isEmpty
        if (alias != nil) == hasRecords {
            throw CloudError("InvalidInput", "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found \(alias != nil ? "more than one" : "none") in Change with \(action)")
        }
        let policies = Self.policies.filter { !f.blocks($0).isEmpty } + (f.bool("multivalue_answer_routing_policy") == true ? ["multivalue"] : [])
        if !policies.isEmpty && set == nil {
            throw CloudError("InvalidInput", "Invalid request: Missing field 'SetIdentifier' in Change with \(action)")
        }
        if set != nil && policies.isEmpty {
            throw CloudError("InvalidInput", "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in Change with \(action)")
        }
        if type == "CNAME" && fqdn == zoneName {
            throw changeError("RRSet of type CNAME with DNS name \(fqdn). is not permitted at apex in zone \(zoneName).")
        }
        for value in records {
            switch type {
            case "A" where !isIPv4(value):
                throw changeError("Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '\(value)''")
            case "AAAA" where !(value.contains(":") && value.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }):
                throw changeError("Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '\(value)''")
            case "MX" where !Validation.matches(value, "^[0-9]+ \\S+$"):
                throw changeError("Invalid Resource Record: 'FATAL problem: InvalidMXRRDATA (Value is not a valid MX record) encountered with '\(value)''")
            case "TXT", "SPF":
                for chunk in value.components(separatedBy: "\"\"") where chunk.replacingOccurrences(of: "\"", with: "").count > 255 {
                    throw changeError("Invalid Resource Record: 'FATAL problem: TXTRDATATooLong (Value is too long) encountered with '\(value.prefix(40))...''")
                }
            default: break
            }
        }
        if type == "CNAME" && records.count > 1 {
            throw changeError("RRSet of type CNAME with DNS name \(fqdn). contains more than one resource record")
        }
        let zoneID = zone.id
        let siblings = tx.list(typeName, account: global.account, region: global.region).filter {
            $0["zone_id"]?.stringValue == zoneID && $0["fqdn"]?.stringValue == fqdn && $0.id != replacing
        }
        let otherTypes = siblings.filter { $0["type"]?.stringValue != type }
        if (type == "CNAME" && !otherTypes.isEmpty) || otherTypes.contains(where: { $0["type"]?.stringValue == "CNAME" }) {
            throw changeError("RRSet of type \(type) with DNS name \(fqdn). is not permitted as it conflicts with other records with the same DNS name in zone \(zoneName).")
        }
        if let alias { try checkAlias(alias, type: type, tx, global) }
    }

    /// An alias target must exist: a CloudFront distribution, a load balancer or a record.
    static func checkAlias(_ alias: Fields, type: String, _ tx: CloudTransaction, _ global: AWSContext) throws {
        let target = Route53ZoneResource.normalize(alias.string("name") ?? "")
        let zone = alias.string("zone_id") ?? ""
        func missing() -> CloudError {
            changeError("Tried to create an alias that targets \(target)., type \(type) in zone \(zone), but the alias target name does not lie within the target zone")
        }
        if zone == CloudFrontDistributionResource.hostedZoneID {
            let known = tx.list(CloudFrontDistributionResource.typeName, account: global.account, region: global.region)
                .contains { $0["domain_name"]?.stringValue == target }
            if !known { throw missing() }
        } else if let z = tx.fetch(Route53ZoneResource.typeName, zone, global) {
            let found = tx.list(typeName, account: global.account, region: global.region)
                .contains { $0["zone_id"]?.stringValue == z.id && $0["fqdn"]?.stringValue == target }
            if !found {
                throw changeError("Tried to create an alias that targets \(target)., type \(type) in zone \(zone), but that target was not found")
            }
        } else if target.hasSuffix(".elb.amazonaws.com") {
            let name = target.hasPrefix("dualstack.") ? String(target.dropFirst("dualstack.".count)) : target
            let labels = name.split(separator: ".").map(String.init)
            let region = labels.count >= 4 ? labels[labels.count - 4] : ""
            if !tx.list("aws_lb", account: global.account, region: region).contains(where: { $0["dns_name"]?.stringValue == name }) {
                throw missing()
            }
        }
    }

    /// The NS and SOA records Route 53 creates with a zone.
    static func createApexRecords(zone: String, name: String, servers: [String], _ tx: CloudTransaction, _ global: AWSContext) throws {
        let me = Route53RecordResource()
        let soa = "\(servers.first ?? "ns-0.awsdns-00.com"). awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"
        for (type, values, ttl) in [("NS", servers.map { $0.hasSuffix(".") ? $0 : $0 + "." }, 172800), ("SOA", [soa], 900)] {
            let id = key(zone: zone, fqdn: name, type: type, set: nil)
            let v = Build.object(me.schema.block, [
                "id": .string(id), "zone_id": .string(zone), "name": .string(name), "fqdn": .string(name), "type": .string(type),
                "ttl": .number(ttl), "records": Build.stringSet(values), "allow_overwrite": .bool(false),
            ])
            try me.save(v, id: id, token: nil, tx: tx, context: global)
        }
    }

    /// Applies a record set: `replacing` is the stored key of the set it replaces, if any.
    func write(_ planned: Value, token: String?, replacing: String?, context: AWSContext) throws -> Value {
        let global = context.inGlobalRegion
        let f = Fields(planned)
        let zoneID = f.string("zone_id") ?? ""
        let name = Route53ZoneResource.normalize(f.string("name") ?? "")
        let type = f.string("type") ?? ""
        let set = f.nonEmpty("set_identifier")
        return try global.store.mutate { tx in
            if let token, let existing = tx.findByToken(Self.typeName, token: token, account: global.account, region: global.region) {
                return decode(existing)
            }
            let zone = try Self.zone(zoneID, tx, global)
            let fqdn = Self.expand(name, zone: zone["name"]?.stringValue ?? "")
            let key = Self.key(zone: zone.id, fqdn: fqdn, type: type, set: set)
            try Self.check(f, zone: zone, fqdn: fqdn, replacing: replacing.map(StoreKey.encode), tx, global)
            if key != replacing, tx.fetch(Self.typeName, key, global) != nil, f.bool("allow_overwrite") != true {
                throw Self.changeError("Tried to create resource record set [name='\(fqdn).', type='\(type)'\(set.map { ", set-identifier='\($0)'" } ?? "")] but it already exists")
            }
            if let replacing, replacing != key, let old = tx.fetch(Self.typeName, replacing, global) { tx.delete(old) }
            let id = [zone.id, name, type].joined(separator: "_") + (set.map { "_\($0)" } ?? "")
            let v = Build.with(filled(planned, ["allow_overwrite": .bool(false)]), ["id": .string(id), "fqdn": .string(fqdn), "name": .string(name)])
            return try save(v, id: key, token: token, tx: tx, context: global)
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try write(planned, token: token, replacing: nil, context: context)
    }

    /// The stored key of the record set an ID names.
    static func storedKey(_ id: String, _ store: CloudStore, _ global: AWSContext) -> String? {
        guard let p = parse(id), let zone = store.fetch(Route53ZoneResource.typeName, p.zone, global) else { return nil }
        return key(zone: zone.id, fqdn: expand(p.name, zone: zone["name"]?.stringValue ?? ""), type: p.type, set: p.set)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        let key = prior["id"]?.stringValue.flatMap { Self.storedKey($0, context.store, context.inGlobalRegion) }
        return try write(filled(planned, prior.unmarkedDeep.attributes ?? [:]), token: nil, replacing: key, context: context)
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        let global = context.inGlobalRegion
        guard let id = state["id"]?.stringValue, let key = Self.storedKey(id, context.store, global),
              let o = context.store.fetch(Self.typeName, key, global) else { return nil }
        // The configured form of the name and the ID stay as they were.
        return keepingConfigOnly(decode(o), from: state, ["name", "id", "allow_overwrite"])
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let global = context.inGlobalRegion
        guard let key = Self.storedKey(id, context.store, global), let o = context.store.fetch(Self.typeName, key, global) else { return nil }
        let v = decode(o)
        return Build.with(v, ["id": .string(id), "name": v["fqdn"] ?? .null(.string), "allow_overwrite": .bool(false)])
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        context.store.list(Self.typeName, account: context.account, region: "us-east-1").first { $0.token == token }.map(decode)
    }

    /// Deletes the set; a zone's own NS and SOA records stay, as Route 53 requires.
    public func delete(_ state: Value, context: AWSContext) throws {
        let global = context.inGlobalRegion
        guard let id = state["id"]?.stringValue, let key = Self.storedKey(id, context.store, global) else { return }
        try global.store.mutate { tx in
            guard let o = tx.fetch(Self.typeName, key, global) else { return }
            if let zone = tx.fetch(Route53ZoneResource.typeName, o["zone_id"]?.stringValue ?? "", global),
               o["fqdn"]?.stringValue == zone["name"]?.stringValue, ["NS", "SOA"].contains(o["type"]?.stringValue ?? "") {
                return
            }
            tx.delete(o)
        }
    }
}
