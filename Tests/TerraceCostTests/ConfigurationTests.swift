import Foundation
import Testing
import TerraceBasics
import TerraceCloud
import TerraceConfig
import TerraceCost
import TerraceEngine
import TerraceLang
import TerraceProviders
import TerraceState
import TerraceTestSupport

/// `terrace cost` works on the configuration alone: plan real HCL against an empty state and
/// price what it would create, following references the planned values cannot show yet.
@Suite struct ConfigurationTests {
    final class Harness: @unchecked Sendable {
        let dir = TempDirectory("terrace-cost")
        let provider = CostTestProvider()

        func inputs(_ files: [String: String], vars: [String: Value] = [:]) throws -> EngineInputs {
            for (name, text) in files { dir.write(name, text) }
            let (c, d) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
            guard !d.hasErrors else { throw DiagnosticsError(d) }
            var r = ProviderRegistry.builtins()
            let p = provider
            r.register("aws", source: "registry.terraform.io/hashicorp/aws", version: "5.0.0") { p }
            return EngineInputs(config: c, rootDir: dir.path, variables: vars, registry: r)
        }

        func estimate(_ files: [String: String], vars: [String: Value] = [:], env: [String: String] = [:]) async throws -> (ProjectCost, [PlannedResource], Diagnostics) {
            let (rs, d) = await ConfigurationPlanner.plannedResources(try inputs(files, vars: vars), environment: env)
            guard !d.hasErrors else { throw DiagnosticsError(d) }
            let (p, _) = CostEstimator.estimate(name: "test", resources: rs, catalogue: try Fixture.catalogue())
            return (p, rs, d)
        }
    }

    static let ecs = """
    variable "region" {
      default = "us-east-1"
    }
    locals {
      name = "sf-prod"
    }
    provider "aws" {
      region = var.region
    }
    resource "aws_ecs_cluster" "main" {
      name = local.name
    }
    resource "aws_ecs_task_definition" "app" {
      family = "${local.name}-app"
      cpu    = "2048"
      memory = "4096"
      runtime_platform {
        cpu_architecture        = "ARM64"
        operating_system_family = "LINUX"
      }
    }
    resource "aws_ecs_service" "app" {
      name            = "app"
      cluster         = aws_ecs_cluster.main.arn
      task_definition = aws_ecs_task_definition.app.arn
      desired_count   = 3
      launch_type     = "FARGATE"
    }
    resource "aws_appautoscaling_target" "app" {
      service_namespace  = "ecs"
      resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"
      scalable_dimension = "ecs:service:DesiredCount"
      min_capacity       = 3
      max_capacity       = 10
    }
    """

    @Test func followsReferencesTheplannedValuesCannotShow() async throws {
        let h = Harness()
        let (p, rs, _) = try await h.estimate(["main.tf": Self.ecs])
        let svc = try #require(rs.first { $0.address == "aws_ecs_service.app" })
        #expect(svc.values["task_definition"]?.isUnknown == true)
        #expect(svc.references["task_definition"] == ["aws_ecs_task_definition.app"])
        let target = try #require(rs.first { $0.type == "aws_appautoscaling_target" })
        #expect(target.references["resource_id"] == ["aws_ecs_cluster.main", "aws_ecs_service.app"])
        let cost = try #require(p.resources.first { $0.name == "aws_ecs_service.app" })
        // ARM64, 3 tasks: 730 × 3 × (2 × 0.03238 + 4 × 0.00356); 10 tasks at the top of the range.
        let perTask: Double = 730 * (2 * 0.03238 + 4 * 0.00356)
        #expect(close(cost.monthlyCost, 3 * perTask))
        #expect(close(cost.maxMonthlyCost, 10 * perTask))
        #expect(p.free.map(\.resourceType) == ["aws_appautoscaling_target", "aws_ecs_cluster", "aws_ecs_task_definition"])
    }

    static let network = """
    provider "aws" {
      region = "eu-west-1"
    }
    provider "aws" {
      alias  = "singapore"
      region = "ap-southeast-1"
    }
    resource "aws_subnet" "public" {
      count      = 3
      cidr_block = "10.0.${count.index}.0/24"
    }
    resource "aws_eip" "nat" {
      count  = 2
      domain = "vpc"
    }
    resource "aws_nat_gateway" "nat" {
      count         = 2
      allocation_id = aws_eip.nat[count.index].id
      subnet_id     = aws_subnet.public[count.index].id
    }
    resource "aws_lb" "web" {
      load_balancer_type = "application"
      subnets            = aws_subnet.public[*].id
    }
    module "edge" {
      source    = "./edge"
      providers = { aws = aws.singapore }
    }
    """

    static let edge = """
    resource "aws_nat_gateway" "edge" {
      connectivity_type = "private"
    }
    """

    @Test func regionsCountAndModulesAreFollowed() async throws {
        let h = Harness()
        let (p, rs, _) = try await h.estimate(["main.tf": Self.network, "edge/main.tf": Self.edge])
        #expect(Dictionary(grouping: rs, by: \.region).mapValues(\.count) == ["eu-west-1": 8, "ap-southeast-1": 1])
        // NAT gateways: eu-west-1's own $0.048/h; Singapore's $0.059/h through the module's provider map.
        let eu: Double = 730 * 0.048, sg: Double = 730 * 0.059
        #expect(close(Fixture.component(p, "aws_nat_gateway.nat[0]", "NAT gateway")?.monthlyCost, eu))
        #expect(close(Fixture.component(p, "module.edge.aws_nat_gateway.edge", "NAT gateway")?.monthlyCost, sg))
        // Both EIPs are in use by the gateways, and charged; the ALB has 3 AZ nodes (the splat's length).
        for i in 0..<2 {
            let eip = try #require(p.resources.first { $0.name == "aws_eip.nat[\(i)]" })
            #expect(close(eip.monthlyCost, 3.65) && eip.notes.first?.hasPrefix("attached to aws_nat_gateway.nat[") == true)
        }
        let nodeHours: Double = 3 * 730
        #expect(close(Fixture.component(p, "aws_lb.web", "Public IPv4 addresses")?.monthlyQuantity, nodeHours))
        // ELB in eu-west-1 has no own price in the catalogue: us-east-1 × 1.08, flagged.
        let alb = try #require(Fixture.component(p, "aws_lb.web", "Application load balancer"))
        let albCost: Double = 730 * 0.0225 * 1.08
        #expect(alb.quote?.multiplier == 1.08 && close(alb.monthlyCost, albCost))
        #expect(p.regions == ["ap-southeast-1", "eu-west-1"])
    }

    /// References followed through module outputs and input variables, and `each.key` indexes.
    @Test func referencesThroughModulesAndEachKey() async throws {
        let h = Harness()
        let root = """
        provider "aws" {
          region = "us-east-1"
        }
        module "vpc" {
          source = "./vpc"
        }
        module "ecs" {
          source         = "./ecs"
          public_subnets = module.vpc.public_subnet_ids
        }
        """
        let vpc = """
        resource "aws_subnet" "public" {
          count      = 3
          cidr_block = "10.0.${count.index}.0/24"
        }
        output "public_subnet_ids" {
          value = aws_subnet.public[*].id
        }
        """
        let ecs = """
        variable "public_subnets" {
          type = list(string)
        }
        locals {
          services = {
            worker = { cpu = "1024", memory = "2048", count = 4 }
            beat   = { cpu = "256", memory = "512", count = 1 }
          }
        }
        resource "aws_lb" "this" {
          subnets = var.public_subnets
        }
        resource "aws_ecs_task_definition" "this" {
          for_each = local.services
          family   = "sf-${each.key}"
          cpu      = each.value.cpu
          memory   = each.value.memory
        }
        resource "aws_ecs_service" "background" {
          for_each        = local.services
          name            = "sf-${each.key}"
          task_definition = aws_ecs_task_definition.this[each.key].arn
          desired_count   = each.value.count
          launch_type     = "FARGATE"
        }
        """
        let (p, rs, _) = try await h.estimate(["main.tf": root, "vpc/main.tf": vpc, "ecs/main.tf": ecs])
        let lb = try #require(rs.first { $0.address == "module.ecs.aws_lb.this" })
        #expect(lb.references["subnets"] == ["module.vpc.aws_subnet.public[0]", "module.vpc.aws_subnet.public[1]", "module.vpc.aws_subnet.public[2]"])
        let nodeHours: Double = 3 * 730
        #expect(close(Fixture.component(p, "module.ecs.aws_lb.this", "Public IPv4 addresses")?.monthlyQuantity, nodeHours))
        let worker = try #require(rs.first { $0.address == "module.ecs.aws_ecs_service.background[\"worker\"]" })
        #expect(worker.references["task_definition"] == ["module.ecs.aws_ecs_task_definition.this[\"worker\"]"])
        // worker: 4 × 730 × (1 × 0.04048 + 2 × 0.004445); beat: 1 × 730 × (0.25 × 0.04048 + 0.5 × 0.004445)
        let workerCost: Double = 4 * 730 * (0.04048 + 2 * 0.004445), beatCost: Double = 730 * (0.25 * 0.04048 + 0.5 * 0.004445)
        #expect(close(p.resources.first { $0.name == "module.ecs.aws_ecs_service.background[\"worker\"]" }?.monthlyCost, workerCost))
        #expect(close(p.resources.first { $0.name == "module.ecs.aws_ecs_service.background[\"beat\"]" }?.monthlyCost, beatCost))
    }

    @Test func regionFromAVariableValueAndTheEnvironmentFallback() async throws {
        let h = Harness()
        let (_, rs, _) = try await h.estimate(["main.tf": Self.ecs], vars: ["region": .string("us-west-2")])
        #expect(Set(rs.map(\.region)) == ["us-west-2"])
        let h2 = Harness()
        let (_, rs2, d) = try await h2.estimate(["main.tf": "resource \"aws_kms_key\" \"k\" {}\n"], env: ["AWS_REGION": "eu-west-1"])
        #expect(rs2.map(\.region) == ["eu-west-1"] && d.warnings.isEmpty)
        let h3 = Harness()
        let (_, rs3, d3) = try await h3.estimate(["main.tf": "resource \"aws_kms_key\" \"k\" {}\n"])
        #expect(rs3.map(\.region) == ["us-east-1"])
        #expect(d3.warnings.map(\.summary) == ["Region not known for cost estimate"])
    }

    /// Every resource type of the real aws provider is either priced, known to be free, or on
    /// the short list of types Terrace knows it does not price — so a type added to the
    /// simulated cloud cannot silently fall through as "not supported".
    @Test func everyAWSProviderTypeIsClassified() throws {
        let dir = TempDirectory("terrace-cost-cloud")
        let registry = try CloudProviders.registry(cloudDir: dir.path, environment: [:])
        let aws = try #require(registry["aws"]?.make())
        let knownUnsupported: Set<String> = ["aws_ecr_repository"]
        for type in aws.schema.resources.keys.sorted() {
            let classified = Estimators.byType[type] != nil || Estimators.free.contains(type) || knownUnsupported.contains(type)
            #expect(classified, "aws provider type \(type) is neither priced, free nor known unsupported")
        }
    }

    /// The cost of a plan: before = the prior state's resources, after = the planned ones.
    @Test func planCostBeforeAfterAndDelta() async throws {
        let h = Harness()
        let v1 = """
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_db_instance" "db" {
          engine            = "postgres"
          instance_class    = "db.t3.small"
          allocated_storage = 100
          storage_type      = "gp3"
        }
        resource "aws_kms_key" "k" {}
        """
        let inputs = try h.inputs(["main.tf": v1])
        let first = await Planner(inputs: inputs, state: State(), options: PlanOptions()).plan()
        let (e1, _) = PlanCostEstimate.compute(plan: first, config: inputs.config, variables: [:], environment: "dev",
                                               catalogue: try Fixture.catalogue(), baseDir: h.dir.path)
        // 730 × 0.036 + 100 × 0.115 + $1 key
        #expect(close(e1.beforeMonthlyCost, 0) && close(e1.afterMonthlyCost, 38.78) && close(e1.deltaMonthlyCost, 38.78))
        let applied = await Applier(inputs: inputs, plan: first, journal: nil, observer: SilentObserver()).apply()
        #expect(!applied.diagnostics.hasErrors)

        // Resize to Multi-AZ db.t3.medium and drop the key.
        let v2 = v1.replacingOccurrences(of: "db.t3.small\"", with: "db.t3.medium\"\n  multi_az = true")
            .replacingOccurrences(of: "resource \"aws_kms_key\" \"k\" {}", with: "")
        let inputs2 = try h.inputs(["main.tf": v2])
        let second = await Planner(inputs: inputs2, state: applied.state, options: PlanOptions()).plan()
        #expect(!second.errored)
        let (e2, _) = PlanCostEstimate.compute(plan: second, config: inputs2.config, variables: [:], environment: "dev",
                                               catalogue: try Fixture.catalogue(), baseDir: h.dir.path)
        // After: 730 × 0.144 + 100 × 0.23 = 128.12
        #expect(close(e2.beforeMonthlyCost, 38.78), "\(e2.before.resources)")
        #expect(close(e2.afterMonthlyCost, 128.12), "\(e2.after.resources)")
        #expect(close(e2.deltaMonthlyCost, 89.34))
        let json = JSONWriter.compact(e2.json)
        #expect(json.contains(#""before":{"monthly_cost":"38.78""#) && json.contains(#""delta":{"monthly_cost":"89.34"}"#))

        // Destroy: everything goes.
        var options = PlanOptions()
        options.mode = .destroy
        let destroy = await Planner(inputs: inputs2, state: applied.state, options: options).plan()
        let (e3, _) = PlanCostEstimate.compute(plan: destroy, config: inputs2.config, variables: [:], environment: "dev",
                                               catalogue: try Fixture.catalogue(), baseDir: h.dir.path)
        #expect(close(e3.afterMonthlyCost, 0) && close(e3.deltaMonthlyCost, -38.78))
    }
}
