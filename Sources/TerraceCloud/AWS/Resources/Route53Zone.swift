import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_route53_zone`: a global hosted zone with its NS and SOA records; it cannot be deleted
/// while it holds other records, unless `force_destroy`.
public struct Route53ZoneResource: StoredResource {
    public static let typeName = "aws_route53_zone"
    public let serviceName = "Route53 Hosted Zone"
    public init() {}

    static let vpcBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "vpc_id": .required(.string), "vpc_region": .optionalComputed(.string),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "comment": .optional(.string, default: .string("Managed by Terraform")),
        "delegation_set_id": .optional(.string, forceNew: true),
        "force_destroy": .optional(.bool, default: .bool(false)),
        "name": .required(.string, forceNew: true),
        "name_servers": .computed(.list(.string)),
        "primary_name_server": .computed(.string),
        "zone_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["vpc": vpcBlock]))

    /// Zone and record names as the provider keeps them: lower case, no trailing dot.
    static func normalize(_ name: String) -> String {
        var n = name.lowercased()
        while n.hasSuffix(".") { n.removeLast() }
        return n
    }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("name", 1...1024)
        v.length("comment", 0...256)
        v.conflicts("delegation_set_id", "vpc")
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var request = req
        if var c = req.config.attributes, let n = c["name"]?.stringValue {
            c["name"] = .string(Self.normalize(n))
            request.config = .object(c)
        }
        return basePlan(request, context: context)
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("NoSuchHostedZone", "No hosted zone found with ID: \(id)")
    }

    static let reserved: Set<String> = ["example.com", "example.net", "example.org"]

    /// Four name servers in AWS's pattern, one per top-level domain.
    static func nameServers() -> [String] {
        ["com", "net", "org", "co.uk"].map { "ns-\(Int.random(in: 0...2047)).awsdns-\(String(format: "%02d", Int.random(in: 0...63))).\($0)" }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let global = context.inGlobalRegion
        let f = Fields(planned)
        let name = Self.normalize(f.string("name") ?? "")
        guard name.count <= 253, Validation.matches(name, "^(\\*\\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$") else {
            throw CloudError("InvalidDomainName", "\(name) is not a valid domain name.")
        }
        if Self.reserved.contains(name) {
            throw CloudError("InvalidDomainName", "\(name) is reserved by AWS!")
        }
        return try creating(token, global) { tx in
            var vpcs: [[String: Value]] = []
            for vpc in f.blocks("vpc") {
                let id = vpc.string("vpc_id") ?? ""
                let region = vpc.nonEmpty("vpc_region") ?? context.region
                guard tx.list("aws_vpc", account: context.account, region: region).contains(where: { $0.id == id }) else {
                    throw CloudError("InvalidVPCId", "The VPC \(id) in \(region) region was not found.")
                }
                let conflict = tx.list(Self.typeName, account: global.account, region: global.region).first { z in
                    z["name"]?.stringValue == name && (z["vpc"]?.arrayValue ?? []).contains { $0["vpc_id"]?.stringValue == id }
                }
                if let z = conflict {
                    throw CloudError("ConflictingDomainExists", "The VPC \(id) in \(region) region has already been associated with the hosted zone \(z.id) with the same domain name.")
                }
                vpcs.append(["vpc_id": .string(id), "vpc_region": .string(region)])
            }
            if let set = f.nonEmpty("delegation_set_id"), !set.hasPrefix("N") {
                throw CloudError.notFound("NoSuchDelegationSet", "A reusable delegation set with the specified ID does not exist.")
            }
            let id = "Z" + DataIDs.upper(20)
            let servers = vpcs.isEmpty ? Self.nameServers() : ["ns-0.awsdns-00.com.", "ns-512.awsdns-00.net.", "ns-1024.awsdns-00.org.", "ns-1536.awsdns-00.co.uk."]
            var v = filled(planned, [
                "id": .string(id), "zone_id": .string(id), "arn": .string("arn:aws:route53:::hostedzone/\(id)"),
                "name_servers": Build.stringList(servers), "primary_name_server": .string(servers.first ?? ""),
                "tags_all": tagsAll(planned, context),
            ])
            v = Build.with(v, ["name": .string(name)])
            if !vpcs.isEmpty { v = Build.with(v, ["vpc": Build.blocks(Self.vpcBlock, vpcs)]) }
            let stored = try save(v, id: id, token: token, tx: tx, context: global)
            try Route53RecordResource.createApexRecords(zone: id, name: name, servers: servers, tx, global)
            return stored
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["force_destroy"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        context.store.fetch(Self.typeName, id, context.inGlobalRegion).map { Build.with(decode($0), ["force_destroy": .bool(false)]) }
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        context.store.list(Self.typeName, account: context.account, region: "us-east-1").first { $0.token == token }.map(decode)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context.inGlobalRegion, missing: Self.notFound) { _, _, v in
            Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let global = context.inGlobalRegion
        try global.store.mutate { tx in
            guard let o = object(id, tx, global) else { return }
            let name = o["name"]?.stringValue ?? ""
            let records = Usage.users(tx, Route53RecordResource.typeName, "zone_id", id, global)
            let optional = records.filter { r in
                !(r["fqdn"]?.stringValue == name && ["NS", "SOA"].contains(r["type"]?.stringValue ?? ""))
            }
            if !optional.isEmpty && state["force_destroy"]?.boolValue != true {
                throw CloudError("HostedZoneNotEmpty", "The specified hosted zone contains non-required resource record sets and so cannot be deleted.")
            }
            for r in records { tx.delete(r) }
            tx.delete(o)
        }
    }
}
