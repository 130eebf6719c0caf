import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_eip`: an Elastic IP address in the VPC domain, with a public IP and DNS name as AWS
/// gives them. Releasing an address a NAT gateway still uses fails.
public struct EIPResource: AWSResource {
    public static let typeName = "aws_eip"
    public let serviceName = "EC2 EIP"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "address": .optional(.string, forceNew: true),
        "allocation_id": .computed(.string),
        "arn": .computed(.string),
        "associate_with_private_ip": .optional(.string),
        "association_id": .computed(.string),
        "carrier_ip": .computed(.string),
        "customer_owned_ip": .computed(.string),
        "customer_owned_ipv4_pool": .optional(.string, forceNew: true),
        "domain": .optionalComputed(.string, forceNew: true),
        "instance": .optionalComputed(.string),
        "network_border_group": .optionalComputed(.string, forceNew: true),
        "network_interface": .optionalComputed(.string),
        "private_dns": .computed(.string),
        "private_ip": .computed(.string),
        "public_dns": .computed(.string),
        "public_ip": .computed(.string),
        "public_ipv4_pool": .optionalComputed(.string, forceNew: true),
        "vpc": .optionalComputed(.bool, forceNew: true, description: "Deprecated: use domain."),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public var rules: [String] {
        [
            "`domain` must be `vpc` or `standard`; only `vpc` addresses exist in a VPC-only account.",
            "Releasing an address associated with a NAT gateway fails (`InvalidIPAddress.InUse`).",
        ]
    }

    public var importID: String { "the allocation ID (`eipalloc-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidAllocationID.NotFound", "The allocation ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("domain", ["vpc", "standard"])
        v.conflicts("domain", "vpc") { domain, vpc in (domain.stringValue == "vpc") == (vpc.boolValue == true) }
        return v.diags
    }

    /// A public address from the region's ranges (deterministic enough to look real).
    static func publicIP(_ region: String) -> String {
        let first: [String: [Int]] = ["us-east-1": [3, 18, 34, 44, 52, 54], "us-west-2": [34, 35, 44, 52, 54],
                                      "eu-west-1": [3, 34, 52, 54, 63], "ap-southeast-1": [13, 18, 52, 54]]
        var rng = SystemRandomNumberGenerator()
        let a = (first[region] ?? [54]).randomElement(using: &rng) ?? 54
        return "\(a).\(Int.random(in: 0...255, using: &rng)).\(Int.random(in: 0...255, using: &rng)).\(Int.random(in: 1...254, using: &rng))"
    }

    /// `ec2-3-80-1-2.compute-1.amazonaws.com` in us-east-1, `ec2-…​.REGION.compute.amazonaws.com` elsewhere.
    static func publicDNS(_ ip: String, region: String) -> String {
        let host = "ec2-" + ip.replacingOccurrences(of: ".", with: "-")
        return region == "us-east-1" ? "\(host).compute-1.amazonaws.com" : "\(host).\(region).compute.amazonaws.com"
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        if planned.str("domain") == "standard" || planned.bool("vpc") == false {
            throw CloudError("InvalidParameterValue", "The standard domain is not supported: this account supports only VPC addresses (EC2-Classic is retired).")
        }
        return try createOnce(token: token, context: context) { tx in
            let id = AWSIDs.ec2("eipalloc")
            let ip = planned.str("address") ?? Self.publicIP(context.region)
            return try put(planned, id: id, fill: [
                "allocation_id": .string(id),
                "arn": .string(context.arn("ec2", "elastic-ip/\(id)")),
                "association_id": .string(""),
                "carrier_ip": .string(""),
                "customer_owned_ip": .string(""),
                "domain": .string("vpc"),
                "instance": .string(""),
                "network_border_group": .string(context.region),
                "network_interface": .string(""),
                "private_dns": .null(.string),
                "private_ip": .string(""),
                "public_dns": .string(Self.publicDNS(ip, region: context.region)),
                "public_ip": .string(ip),
                "public_ipv4_pool": .string("amazon"),
                "vpc": .bool(true),
            ], token: token, tx: tx, context: context)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            if !tx.referencing(id, account: context.account, region: context.region, kinds: [NATGatewayResource.typeName]).isEmpty {
                throw CloudError("InvalidIPAddress.InUse", "Address \(o["public_ip"]?.stringValue ?? id) is in use.")
            }
            tx.delete(o)
        }
    }
}
