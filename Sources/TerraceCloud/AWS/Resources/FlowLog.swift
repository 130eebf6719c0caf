import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_flow_log`: traffic logs of a VPC, subnet or network interface, to CloudWatch Logs
/// (with a role to deliver them) or S3. Every argument but tags forces replacement.
public struct FlowLogResource: AWSResource {
    public static let typeName = "aws_flow_log"
    public let serviceName = "Flow Log"
    public init() {}

    static let defaultFormat = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"

    static let destinationOptions = SchemaBlock(attributes: [
        "file_format": .optionalComputed(.string, forceNew: true),
        "hive_compatible_partitions": .optional(.bool, forceNew: true, default: .bool(false)),
        "per_hour_partition": .optional(.bool, forceNew: true, default: .bool(false)),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "deliver_cross_account_role": .optional(.string, forceNew: true),
        "eni_id": .optional(.string, forceNew: true),
        "iam_role_arn": .optional(.string, forceNew: true),
        "log_destination": .optionalComputed(.string, forceNew: true),
        "log_destination_type": .optional(.string, forceNew: true, default: .string("cloud-watch-logs")),
        "log_format": .optionalComputed(.string, forceNew: true),
        "log_group_name": .optionalComputed(.string, forceNew: true, description: "Deprecated: use log_destination."),
        "max_aggregation_interval": .optional(.number, forceNew: true, default: .number(600)),
        "subnet_id": .optional(.string, forceNew: true),
        "traffic_type": .optional(.string, forceNew: true),
        "transit_gateway_attachment_id": .optional(.string, forceNew: true),
        "transit_gateway_id": .optional(.string, forceNew: true),
        "vpc_id": .optional(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "destination_options": NestedBlock(.list, destinationOptions, maxItems: 1, forceNew: true),
    ]))

    public var rules: [String] {
        [
            "Exactly one of `vpc_id`, `subnet_id`, `eni_id`, `transit_gateway_id`, `transit_gateway_attachment_id`; the VPC or subnet must exist.",
            "`traffic_type` is `ACCEPT`, `REJECT` or `ALL` and is required for VPC, subnet and interface logs; `max_aggregation_interval` is 60 or 600.",
            "Delivery to CloudWatch Logs needs `iam_role_arn`; delivery to S3 needs an existing bucket.",
        ]
    }

    public var importID: String { "the flow log ID (`fl-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidFlowLogId.NotFound", "Flow log \(id) does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("traffic_type", ["ACCEPT", "REJECT", "ALL"])
        v.oneOf("log_destination_type", ["cloud-watch-logs", "s3", "kinesis-data-firehose"])
        v.intOneOf("max_aggregation_interval", [60, 600])
        v.exactlyOne(["eni_id", "subnet_id", "transit_gateway_attachment_id", "transit_gateway_id", "vpc_id"])
        v.conflicts("log_group_name", "log_destination") { group, destination in
            destination.stringValue?.hasSuffix(":log-group:\(group.stringValue ?? "")") == true
        }
        return v.diags
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let type = planned.str("log_destination_type") ?? "cloud-watch-logs"
        if planned.str("transit_gateway_id") == nil && planned.str("transit_gateway_attachment_id") == nil && planned.str("traffic_type") == nil {
            throw CloudError("InvalidParameter", "TrafficType must be specified for flow logs of a VPC, subnet or network interface")
        }
        return try createOnce(token: token, context: context) { tx in
            var resource = ""
            if let vpc = planned.str("vpc_id") {
                guard tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region) != nil else { throw VPCResource().notFound(vpc) }
                resource = vpc
            } else if let subnet = planned.str("subnet_id") {
                guard tx.get(SubnetResource.typeName, id: subnet, account: context.account, region: context.region) != nil else { throw SubnetResource().notFound(subnet) }
                resource = subnet
            } else {
                resource = planned.str("eni_id") ?? planned.str("transit_gateway_id") ?? planned.str("transit_gateway_attachment_id") ?? ""
            }
            var destination = planned.str("log_destination")
            var group = planned.str("log_group_name")
            switch type {
            case "cloud-watch-logs":
                guard planned.has("iam_role_arn") else {
                    throw CloudError("InvalidParameter", "DeliverLogsPermissionArn must be provided when the log destination type is cloud-watch-logs")
                }
                if let g = group { destination = context.arn("logs", "log-group:\(g)") }
                else if let d = destination { group = d.components(separatedBy: ":log-group:").last?.replacingOccurrences(of: ":*", with: "") }
                guard destination != nil else {
                    throw CloudError("InvalidParameter", "LogDestination or LogGroupName must be specified for the cloud-watch-logs destination type")
                }
            case "s3":
                guard let d = destination, d.hasPrefix("arn:aws:s3:::") else {
                    throw CloudError("InvalidParameter", "LogDestination must be an S3 bucket ARN for the s3 destination type")
                }
                let bucket = String(d.dropFirst("arn:aws:s3:::".count)).split(separator: "/").first.map(String.init) ?? ""
                if tx.globalOwner("s3", bucket) == nil {
                    throw CloudError("InvalidParameter", "LogDestination: \(bucket) does not exist")
                }
                group = ""
            default:
                group = ""
            }
            let id = AWSIDs.ec2("fl")
            _ = resource
            return try put(planned, id: id, fill: [
                "arn": .string(context.arn("ec2", "vpc-flow-log/\(id)")),
                "log_destination": .string(destination ?? ""),
                "log_group_name": .string(group ?? ""),
                "log_format": .string(Self.defaultFormat),
            ], token: token, tx: tx, context: context)
        }
    }
}
