import TerraceLang

/// The ID `terrace import` takes for an object whose import ID is not its `id`, as the AWS
/// provider documents it (`docs/providers/aws.md`), for the import blocks discovery writes.
extension ImportCommand {
    static func importID(_ type: String, _ v: Value) -> String? {
        func s(_ name: String) -> String { v[name]?.stringValue ?? "" }
        switch type {
        case "aws_appautoscaling_target":
            return "\(s("service_namespace"))/\(s("resource_id"))/\(s("scalable_dimension"))"
        case "aws_appautoscaling_policy":
            return "\(s("service_namespace"))/\(s("resource_id"))/\(s("scalable_dimension"))/\(s("name"))"
        case "aws_ecs_service":
            let cluster = s("cluster").split(separator: "/").last.map(String.init) ?? s("cluster")
            return "\(cluster)/\(s("name"))"
        case "aws_ecs_task_definition":
            return s("arn")
        case "aws_iam_role_policy_attachment":
            return "\(s("role"))/\(s("policy_arn"))"
        case "aws_route":
            let destination = [s("destination_cidr_block"), s("destination_ipv6_cidr_block"), s("destination_prefix_list_id")].first { !$0.isEmpty } ?? ""
            return "\(s("route_table_id"))_\(destination)"
        case "aws_route_table_association":
            let from = s("subnet_id").isEmpty ? s("gateway_id") : s("subnet_id")
            return "\(from)/\(s("route_table_id"))"
        case "aws_security_group_rule":
            let cidrs = (v["cidr_blocks"]?.elements ?? []).compactMap(\.stringValue)
            let source = cidrs.isEmpty ? s("source_security_group_id") : cidrs.joined(separator: "_")
            let number = { (name: String) in v[name]?.intValue.map(String.init) ?? "" }
            return "\(s("security_group_id"))_\(s("type"))_\(s("protocol"))_\(number("from_port"))_\(number("to_port"))_\(source)"
        case "aws_db_instance":
            return s("identifier")
        default:
            return v["id"]?.stringValue
        }
    }
}
