import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_ecs_task_definition`: each create registers the next revision of the family; every
/// argument but tags forces replacement; deleting deregisters (the revision becomes INACTIVE
/// and stays listed, as in ECS) unless `skip_destroy`. The ID is the family, the ARN names the
/// revision; import takes the ARN. Fargate's rules: `awsvpc` networking and a valid CPU and
/// memory combination.
public struct ECSTaskDefinitionResource: AWSResource {
    public static let typeName = "aws_ecs_task_definition"
    public let serviceName = "ECS Task Definition"
    public init() {}

    static let volume = SchemaBlock(attributes: [
        "configure_at_launch": .optionalComputed(.bool, forceNew: true),
        "host_path": .optional(.string, forceNew: true),
        "name": .required(.string, forceNew: true),
    ], blockTypes: [
        "docker_volume_configuration": NestedBlock(.list, SchemaBlock(attributes: [
            "autoprovision": .optional(.bool, forceNew: true),
            "driver": .optional(.string, forceNew: true),
            "driver_opts": .optional(.map(.string), forceNew: true),
            "labels": .optional(.map(.string), forceNew: true),
            "scope": .optionalComputed(.string, forceNew: true),
        ]), maxItems: 1, forceNew: true),
        "efs_volume_configuration": NestedBlock(.list, SchemaBlock(attributes: [
            "file_system_id": .required(.string, forceNew: true),
            "root_directory": .optional(.string, forceNew: true),
            "transit_encryption": .optional(.string, forceNew: true),
            "transit_encryption_port": .optional(.number, forceNew: true),
        ], blockTypes: [
            "authorization_config": NestedBlock(.list, SchemaBlock(attributes: [
                "access_point_id": .optional(.string, forceNew: true),
                "iam": .optional(.string, forceNew: true),
            ]), maxItems: 1, forceNew: true),
        ]), maxItems: 1, forceNew: true),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "arn_without_revision": .computed(.string),
        "container_definitions": .required(.string, forceNew: true),
        "cpu": .optional(.string, forceNew: true),
        "execution_role_arn": .optional(.string, forceNew: true),
        "family": .required(.string, forceNew: true),
        "ipc_mode": .optional(.string, forceNew: true),
        "memory": .optional(.string, forceNew: true),
        "network_mode": .optionalComputed(.string, forceNew: true),
        "pid_mode": .optional(.string, forceNew: true),
        "requires_compatibilities": .optional(.set(.string), forceNew: true),
        "revision": .computed(.number),
        "skip_destroy": .optional(.bool, default: .bool(false)),
        "task_role_arn": .optional(.string, forceNew: true),
        "track_latest": .optional(.bool, default: .bool(false)),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "ephemeral_storage": NestedBlock(.list, SchemaBlock(attributes: ["size_in_gib": .required(.number, forceNew: true)]), maxItems: 1, forceNew: true),
        "placement_constraints": NestedBlock(.set, SchemaBlock(attributes: [
            "expression": .optional(.string, forceNew: true), "type": .required(.string, forceNew: true),
        ]), maxItems: 10, forceNew: true),
        "proxy_configuration": NestedBlock(.list, SchemaBlock(attributes: [
            "container_name": .required(.string, forceNew: true),
            "properties": .optional(.map(.string), forceNew: true),
            "type": .optional(.string, forceNew: true, default: .string("APPMESH")),
        ]), maxItems: 1, forceNew: true),
        "runtime_platform": NestedBlock(.list, SchemaBlock(attributes: [
            "cpu_architecture": .optional(.string, forceNew: true),
            "operating_system_family": .optional(.string, forceNew: true),
        ]), maxItems: 1, forceNew: true),
        "volume": NestedBlock(.set, volume, forceNew: true),
    ]))

    public var rules: [String] {
        [
            "`container_definitions` is a JSON array of containers, each with a `name` (unique) and an `image` (`ClientException`).",
            "With `FARGATE` in `requires_compatibilities`: `network_mode` must be `awsvpc`, task `cpu` and `memory` are required and must be a combination Fargate offers (\(Fargate.table)) (`ClientException`).",
            "With `awsvpc`, a port mapping's host port must equal its container port.",
            "The sum of the containers' memory must not exceed the task's memory.",
        ]
    }

    public var importID: String { "the task definition ARN (`arn:aws:ecs:…:task-definition/FAMILY:REVISION`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("ClientException", "Unable to describe task definition.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.matches("family", "[a-zA-Z0-9_-]{1,255}", "\"family\" must be 1 to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores")
        v.oneOf("network_mode", ["bridge", "host", "awsvpc", "none"])
        v.oneOf("ipc_mode", ["host", "none", "task"])
        v.oneOf("pid_mode", ["host", "task"])
        for c in config.strings("requires_compatibilities") where !["EC2", "FARGATE", "EXTERNAL"].contains(c) {
            v.error("expected requires_compatibilities to be one of [\"EC2\" \"FARGATE\" \"EXTERNAL\"], got \(c)")
        }
        if let s = v.known("container_definitions")?.stringValue {
            switch try? JSONParser.parse(Array(s.utf8)) {
            case .array?: break
            case nil: v.error("ECS Task Definition container_definitions is invalid: Error decoding JSON: invalid JSON")
            default: v.error("ECS Task Definition container_definitions is invalid: Error decoding JSON: json: cannot unmarshal object into Go value of type []types.ContainerDefinition")
            }
        }
        return v.diags
    }

    /// Container definitions are stored as compact JSON with sorted keys.
    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let s = config.str("container_definitions"), let c = PolicyJSON.canonical(s) {
            config = config.with("container_definitions", .string(c))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    /// ECS's checks of a registration.
    static func check(_ v: Value) throws {
        func client(_ m: String) -> CloudError { CloudError("ClientException", m) }
        guard let text = v.str("container_definitions"), case .array(let containers)? = try? JSONParser.parse(Array(text.utf8)) else {
            throw client("Container definitions must be a JSON array.")
        }
        if containers.isEmpty { throw client("Container list cannot be empty.") }
        let networkMode = v.str("network_mode") ?? "bridge"
        var names: Set<String> = []
        var containerMemory = 0
        for c in containers {
            guard let name = c["name"]?.stringValue, !name.isEmpty else { throw client("Container.name should not be null or empty.") }
            guard let image = c["image"]?.stringValue, !image.isEmpty else { throw client("Container.image should not be null or empty.") }
            _ = image
            if !names.insert(name).inserted { throw client("Duplicate container name: \(name)") }
            containerMemory += c["memory"]?.intValue ?? c["memoryReservation"]?.intValue ?? 0
            for pm in c["portMappings"]?.arrayValue ?? [] where networkMode == "awsvpc" {
                if let host = pm["hostPort"]?.intValue, let cp = pm["containerPort"]?.intValue, host != cp {
                    throw client("When networkMode=awsvpc, the host ports and container ports in port mappings must match.")
                }
            }
            if v.str("memory") == nil && c["memory"] == nil && c["memoryReservation"] == nil {
                throw client("Invalid setting for container '\(name)'. At least one of 'memory' or 'memoryReservation' must be specified.")
            }
        }
        let taskMemory = v.str("memory").flatMap(Fargate.memoryMiB)
        if let taskMemory, containerMemory > taskMemory {
            throw client("The sum of all container memory (\(containerMemory) MiB) exceeds the task memory (\(taskMemory) MiB).")
        }
        if v.strings("requires_compatibilities").contains("FARGATE") {
            if networkMode != "awsvpc" { throw client("Fargate only supports network mode 'awsvpc'.") }
            guard let cpuText = v.str("cpu"), let cpu = Fargate.cpuUnits(cpuText) else {
                throw client("Fargate requires that 'cpu' be defined at the task level.")
            }
            guard let memText = v.str("memory"), let mem = Fargate.memoryMiB(memText) else {
                throw client("Fargate requires that 'memory' be defined at the task level.")
            }
            if !Fargate.allows(cpu: cpu, memory: mem) {
                throw client("No Fargate configuration exists for given values: \(cpuText) CPU, \(memText) memory. See the Amazon ECS documentation for the valid values.")
            }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try Self.check(planned.with("network_mode", planned["network_mode"].flatMap { $0.isKnown ? $0 : nil } ?? .null(.string)))
        let family = planned.str("family") ?? ""
        return try createOnce(token: token, context: context) { tx in
            let revisions = tx.list(Self.typeName, account: context.account, region: context.region)
                .filter { $0["family"]?.stringValue == family }.compactMap { $0["revision"]?.intValue }
            let revision = (revisions.max() ?? 0) + 1
            let base = context.arn("ecs", "task-definition/\(family)")
            let arn = "\(base):\(revision)"
            var v = resolve(planned, [
                "id": .string(family), "arn": .string(arn), "arn_without_revision": .string(base),
                "revision": .number(revision), "network_mode": .string("bridge"),
            ])
            v = withTagsAll(v, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: arn, account: context.account, region: context.region,
                                   attributes: Self.withStatus(ValueJSON.encode(v), "ACTIVE"), token: token))
            return v
        }
    }

    /// The stored attributes plus ECS's `status` (which Terraform does not show).
    static func withStatus(_ j: JSON, _ status: String) -> JSON {
        guard case .object(var members) = j else { return j }
        members.removeAll { $0.0 == "status" }
        members.append(("status", .string(status)))
        return .object(members)
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let arn = state.str("arn") else { return nil }
        return try importByID(arn, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region),
              o["status"]?.stringValue == "ACTIVE" else { return nil }
        return decode(o)
    }

    /// Only tags (and the local `skip_destroy`/`track_latest`) change in place.
    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        guard let arn = prior.str("arn") else { throw notFound("") }
        return try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: arn, account: context.account, region: context.region) else { throw notFound(arn) }
            let new = try updated(o, planned: planned, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: arn, account: context.account, region: context.region,
                                   attributes: Self.withStatus(ValueJSON.encode(new), o["status"]?.stringValue ?? "ACTIVE"), token: o.token))
            return new
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let arn = state.str("arn"), state.bool("skip_destroy") != true else { return }
        try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: arn, account: context.account, region: context.region) else { return }
            var inactive = o
            inactive.attributes = Self.withStatus(o.attributes, "INACTIVE")
            try tx.put(inactive)
        }
    }

    /// The active revision a service's `task_definition` names: an ARN, `family:revision`, or a
    /// family (its latest active revision).
    static func find(_ ref: String, tx: CloudTransaction, context: AWSContext) -> CloudObject? {
        let all = tx.list(typeName, account: context.account, region: context.region).filter { $0["status"]?.stringValue == "ACTIVE" }
        if ref.hasPrefix("arn:") { return all.first { $0.id == ref } }
        if ref.contains(":") { return all.first { $0.id.hasSuffix("task-definition/\(ref)") } }
        return all.filter { $0["family"]?.stringValue == ref }.max { ($0["revision"]?.intValue ?? 0) < ($1["revision"]?.intValue ?? 0) }
    }
}
