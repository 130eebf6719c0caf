import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// A stand-in `aws` provider for configuration-level cost tests: the schemas (Terraform AWS
/// provider v5 names) of the priced types the simulated cloud does not carry yet, computed
/// `id`/`arn` unknown at plan, and an in-memory apply. It lets the tests plan real HCL —
/// references between resources, count, modules, provider aliases — independently of the
/// cloud's progress; the real provider is exercised by the end-to-end tests.
final class CostTestProvider: Provider, @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0
    private(set) var configuredRegions: [String] = []

    static func block(_ attrs: [String: SchemaAttribute], blocks: [String: NestedBlock] = [:]) -> ResourceSchema {
        var a = attrs
        a["id"] = .computed(.string)
        a["arn"] = .computed(.string)
        a["tags"] = .optional(.map(.string))
        return ResourceSchema(SchemaBlock(attributes: a, blockTypes: blocks))
    }

    let schema: ProviderSchema = ProviderSchema(
        provider: SchemaBlock(attributes: ["region": .optional(.string)]),
        resources: [
            "aws_subnet": block(["cidr_block": .optional(.string), "vpc_id": .optional(.string)]),
            "aws_eip": block(["domain": .optional(.string), "allocation_id": .computed(.string), "customer_owned_ipv4_pool": .optional(.string)]),
            "aws_nat_gateway": block(["allocation_id": .optional(.string), "subnet_id": .optional(.string), "connectivity_type": .optional(.string)]),
            "aws_lb": block(["name": .optional(.string), "internal": .optional(.bool), "load_balancer_type": .optional(.string),
                             "subnets": .optional(.set(.string))]),
            "aws_ecs_cluster": block(["name": .required(.string)]),
            "aws_ecs_task_definition": block(["family": .required(.string), "cpu": .optional(.string), "memory": .optional(.string)],
                                             blocks: ["runtime_platform": NestedBlock(.list, SchemaBlock(attributes: [
                                                "cpu_architecture": .optional(.string), "operating_system_family": .optional(.string)]), maxItems: 1)]),
            "aws_ecs_service": block(["name": .required(.string), "cluster": .optional(.string), "task_definition": .optional(.string),
                                      "desired_count": .optional(.number), "launch_type": .optional(.string)]),
            "aws_appautoscaling_target": block(["service_namespace": .required(.string), "resource_id": .required(.string),
                                                "scalable_dimension": .required(.string), "min_capacity": .required(.number),
                                                "max_capacity": .required(.number)]),
            "aws_db_instance": block(["engine": .optional(.string), "instance_class": .required(.string), "allocated_storage": .optional(.number),
                                      "storage_type": .optional(.string), "multi_az": .optional(.bool)]),
            "aws_elasticache_replication_group": block(["node_type": .optional(.string), "engine": .optional(.string),
                                                        "num_cache_clusters": .optional(.number)]),
            "aws_kms_key": block(["description": .optional(.string)]),
        ])

    func configure(_ config: Value) -> Diagnostics {
        lock.withLock { configuredRegions.append(config["region"]?.stringValue ?? "") }
        return Diagnostics()
    }

    func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let planned = req.planned else { return ApplyResponse(newState: nil) }
        var attrs = planned.attributes ?? [:]
        let n = lock.withLock { () -> Int in counter += 1; return counter }
        for (k, v) in attrs where v.isUnknown {
            attrs[k] = k == "arn" ? .string("arn:aws:test:::\(req.typeName)/\(n)") : .string("\(req.typeName)-\(n)")
        }
        return ApplyResponse(newState: .object(attrs))
    }

    func readResource(type: String, state: Value) async -> ReadResponse { ReadResponse(state: state) }
}
