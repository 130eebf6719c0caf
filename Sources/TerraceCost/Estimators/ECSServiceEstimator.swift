import TerraceLang

/// `aws_ecs_service` on Fargate: vCPU and memory of its task definition × task count, by the
/// task's CPU architecture (ARM64 is priced as ARM, ~20% below x86) and, when an
/// `aws_appautoscaling_target` scales the service, as a range from its minimum to its maximum
/// capacity. Infracost prices only desired_count, always as x86.
struct ECSServiceEstimator: ResourceEstimator {
    let types = ["aws_ecs_service"]
    let service = Service.ecs

    struct TaskSize {
        var vcpu: Double
        var memoryGB: Double
        var architecture: String
        var os: String
        var ephemeralGB: Double?
    }

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        guard let capacity = Self.capacity(r) else {
            out.status = .free
            out.notes.append("runs on EC2 or external capacity, which is priced with the instances")
            return out
        }
        guard let task = Self.taskSize(r, ctx) else {
            // Shown with their prices but no quantity: "not known until apply".
            out.notes.append("task definition not found or its cpu/memory not known; task size not priced")
            for (name, key, unit) in [("Per vCPU per hour", "vcpu", "CPU"), ("Per GB per hour", "memory", "GB")] {
                var c = ctx.hourly(name, key: "fargate/linux/x86_64/\(key)", region: r.region, unit: unit, unitMultiplier: ctx.hours)
                c.monthlyQuantity = nil
                out.components.append(c)
            }
            return out
        }
        var desired = r.number("desired_count") ?? 0
        if r.known("desired_count") == nil && r.isUnknown("desired_count") {
            desired = 1
            out.notes.append("desired_count not known at plan time; priced as 1 task")
        }
        var minCount: Double?
        var maxCount: Double?
        if let target = Self.autoscalingTarget(for: r, ctx),
           let lo = target.number("min_capacity"), let hi = target.number("max_capacity") {
            minCount = lo
            maxCount = hi
            desired = Swift.min(Swift.max(desired, lo), hi)
            out.notes.append("autoscaling \(Money.quantity(lo))–\(Money.quantity(hi)) tasks (\(target.address)); \(Money.quantity(desired)) priced as the estimate")
        }
        let arm = task.architecture == "ARM64"
        let os = task.os.hasPrefix("WINDOWS") ? "windows" : "linux"
        let family = capacity == "FARGATE_SPOT" ? "fargate-spot" : "fargate"
        let arch = arm ? "arm64" : "x86_64"
        let suffix = arm ? " (ARM64)" : ""
        if arm { out.notes.append("ARM64 (Graviton) tasks, priced at the ARM rate") }
        if os == "windows" { out.notes.append("Windows tasks (\(task.os))") }
        out.components.append(ctx.hourly("Per vCPU per hour\(suffix)", key: "\(family)/\(os)/\(arch)/vcpu", region: r.region,
                                         perHour: task.vcpu * desired, unit: "CPU", unitMultiplier: ctx.hours,
                                         minPerHour: minCount.map { task.vcpu * $0 }, maxPerHour: maxCount.map { task.vcpu * $0 }))
        out.components.append(ctx.hourly("Per GB per hour\(suffix)", key: "\(family)/\(os)/\(arch)/memory", region: r.region,
                                         perHour: task.memoryGB * desired, unit: "GB", unitMultiplier: ctx.hours,
                                         minPerHour: minCount.map { task.memoryGB * $0 }, maxPerHour: maxCount.map { task.memoryGB * $0 }))
        if let eph = task.ephemeralGB, eph > 20 {
            let extra = eph - 20
            out.components.append(ctx.hourly("Ephemeral storage (above 20 GB)", key: "fargate/ephemeral-storage", region: r.region,
                                             perHour: extra * desired, unit: "GB", unitMultiplier: ctx.hours,
                                             minPerHour: minCount.map { extra * $0 }, maxPerHour: maxCount.map { extra * $0 }))
        }
        return out
    }

    /// "FARGATE" or "FARGATE_SPOT" when the service runs on Fargate, else nil.
    static func capacity(_ r: PlannedResource) -> String? {
        if let lt = r.string("launch_type") { return lt == "FARGATE" ? "FARGATE" : nil }
        let strategies = r.list("capacity_provider_strategy") ?? []
        let providers = strategies.compactMap { PlannedResource.string($0["capacity_provider"]) }
        if providers.contains("FARGATE") { return "FARGATE" }
        if providers.contains("FARGATE_SPOT") { return "FARGATE_SPOT" }
        return nil
    }

    static func taskSize(_ r: PlannedResource, _ ctx: EstimateContext) -> TaskSize? {
        var defs = ctx.referenced(from: r, attr: "task_definition", type: "aws_ecs_task_definition", matchingValueOf: ["arn", "arn_without_revision", "family"])
        if defs.isEmpty, let td = r.string("task_definition") {
            // `family:revision` or an ARN ending in `task-definition/family:revision`.
            let tail = td.split(separator: "/").last.map(String.init) ?? td
            let family = tail.split(separator: ":").first.map(String.init) ?? tail
            defs = ctx.resources.filter { $0.type == "aws_ecs_task_definition" && $0.string("family") == family }
        }
        guard let def = defs.first else { return nil }
        guard let cpu = def.number("cpu"), let mem = def.number("memory"), cpu > 0, mem > 0 else { return nil }
        let platform = def.block("runtime_platform")
        return TaskSize(vcpu: cpu / 1024, memoryGB: mem / 1024,
                        architecture: PlannedResource.string(platform?["cpu_architecture"])?.uppercased() ?? "X86_64",
                        os: PlannedResource.string(platform?["operating_system_family"])?.uppercased() ?? "LINUX",
                        ephemeralGB: PlannedResource.number(def.block("ephemeral_storage")?["size_in_gib"]))
    }

    /// The `aws_appautoscaling_target` scaling this service's DesiredCount: one whose
    /// resource_id refers to the service, or reads `service/<cluster>/<name>` with its name.
    static func autoscalingTarget(for r: PlannedResource, _ ctx: EstimateContext) -> PlannedResource? {
        let targets = ctx.resources.filter {
            $0.type == "aws_appautoscaling_target" && ($0.string("service_namespace") ?? "ecs") == "ecs"
                && ($0.string("scalable_dimension") ?? "ecs:service:DesiredCount") == "ecs:service:DesiredCount"
        }
        if let t = targets.first(where: { ($0.references["resource_id"] ?? []).contains(r.address) }) { return t }
        guard let name = r.string("name") else { return nil }
        return targets.first { t in
            guard let id = t.string("resource_id") else { return false }
            let parts = id.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[0] == "service", parts[2] == name else { return false }
            // With the cluster known, it must match too (the service's cluster is an ARN or name).
            if let cluster = r.string("cluster") { return cluster == parts[1] || cluster.hasSuffix("/" + parts[1]) }
            return true
        }
    }
}
