import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// The aws provider through the built `terrace`: aliased providers in two regions, AWS's errors
/// as apply reports them, and a whole stack applied under injected faults.
@Suite struct AWSEndToEndTests {
    func run(_ dir: TempDirectory, _ args: String..., env: [String: String] = [:]) -> TerraceProcess.Result {
        TerraceProcess.run(args, cwd: dir.path, env: env)
    }

    @Test func aliasedProvidersApplyIntoTwoRegions() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        provider "aws" {
          alias  = "west"
          region = "us-west-2"
          default_tags {
            tags = { Region = "west" }
          }
        }

        resource "aws_vpc" "east" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_vpc" "west" {
          provider   = aws.west
          cidr_block = "10.1.0.0/16"
        }

        resource "aws_subnet" "west" {
          provider   = aws.west
          vpc_id     = aws_vpc.west.id
          cidr_block = "10.1.1.0/24"
        }

        output "west_arn" {
          value = aws_vpc.west.arn
        }
        """)
        let apply = run(dir, "apply", "-auto-approve", "-no-color")
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_vpc")).count == 1)
        #expect(FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-west-2/aws_vpc")).count == 1)
        #expect(apply.stdout.contains("west_arn = \"arn:aws:ec2:us-west-2:123456789012:vpc/vpc-"))
        let state = try JSONParser.parse(try #require(dir.read("terrace.tfstate")))
        let resources = try #require(state["resources"]?.arrayValue)
        let subnet = try #require(resources.first { $0["type"] == .string("aws_subnet") })
        #expect(subnet["provider"] == .string("provider[\"registry.terraform.io/hashicorp/aws\"].west"))
        let attrs = try #require(subnet["instances"]?.arrayValue?.first?["attributes"])
        #expect(attrs["availability_zone"] == .string("us-west-2a"))
        #expect(attrs["tags_all"]?["Region"] == .string("west"))
        let again = run(dir, "plan", "-no-color", "-detailed-exitcode")
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let destroy = run(dir, "destroy", "-auto-approve", "-no-color")
        #expect(destroy.status == 0, "\(destroy.stdout)\(destroy.stderr)")
        #expect(run(dir, "cloud", "list").stdout == "No objects.\n")
    }

    @Test func applyReportsAWSErrorsWithTheirCodes() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_subnet" "a" {
          vpc_id     = aws_vpc.main.id
          cidr_block = "10.0.1.0/24"
        }

        resource "aws_subnet" "b" {
          vpc_id     = aws_vpc.main.id
          cidr_block = "10.0.1.128/25"
          depends_on = [aws_subnet.a]
        }
        """)
        let apply = run(dir, "apply", "-auto-approve", "-no-color")
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("Error: creating EC2 Subnet (aws_subnet): InvalidSubnet.Conflict: The CIDR '10.0.1.128/25' conflicts with another subnet"))
        #expect(apply.stderr.contains("resource \"aws_subnet\" \"b\""))
        let list = run(dir, "state", "list")
        #expect(list.stdout == "aws_subnet.a\naws_vpc.main\n")
    }

    static let stack = """
    provider "aws" {
      region = "us-east-1"
    }

    data "aws_availability_zones" "zones" {}

    resource "aws_vpc" "main" {
      cidr_block           = "10.0.0.0/16"
      enable_dns_hostnames = true
    }

    resource "aws_subnet" "public" {
      count             = 2
      vpc_id            = aws_vpc.main.id
      cidr_block        = "10.0.${count.index}.0/24"
      availability_zone = data.aws_availability_zones.zones.names[count.index]
    }

    resource "aws_internet_gateway" "gw" {
      vpc_id = aws_vpc.main.id
    }

    resource "aws_eip" "nat" {
      domain = "vpc"
    }

    resource "aws_nat_gateway" "nat" {
      allocation_id = aws_eip.nat.id
      subnet_id     = aws_subnet.public[0].id
      depends_on    = [aws_internet_gateway.gw]
    }

    resource "aws_route_table" "public" {
      vpc_id = aws_vpc.main.id
      route {
        cidr_block = "0.0.0.0/0"
        gateway_id = aws_internet_gateway.gw.id
      }
    }

    resource "aws_route_table_association" "public" {
      count          = 2
      subnet_id      = aws_subnet.public[count.index].id
      route_table_id = aws_route_table.public.id
    }

    resource "aws_security_group" "alb" {
      name   = "alb"
      vpc_id = aws_vpc.main.id
      ingress {
        from_port   = 80
        to_port     = 80
        protocol    = "tcp"
        cidr_blocks = ["0.0.0.0/0"]
      }
    }

    resource "aws_lb" "web" {
      name            = "web"
      subnets         = aws_subnet.public[*].id
      security_groups = [aws_security_group.alb.id]
    }

    resource "aws_lb_target_group" "web" {
      name        = "web"
      port        = 8000
      protocol    = "HTTP"
      vpc_id      = aws_vpc.main.id
      target_type = "ip"
    }

    resource "aws_lb_listener" "http" {
      load_balancer_arn = aws_lb.web.arn
      port              = 80
      default_action {
        type             = "forward"
        target_group_arn = aws_lb_target_group.web.arn
      }
    }

    resource "aws_iam_role" "task" {
      name               = "task"
      assume_role_policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"sts:AssumeRole\\",\\"Principal\\":{\\"Service\\":\\"ecs-tasks.amazonaws.com\\"}}]}"
    }

    resource "aws_ecs_cluster" "main" {
      name = "main"
    }

    resource "random_id" "suffix" {
      byte_length = 4
    }

    resource "aws_ecr_repository" "app" {
      name = "app-${random_id.suffix.hex}"
    }
    """

    /// The acceptance run: an apply under `throttle=0.3,error=0.05` completes, leaves
    /// exactly what the configuration says (no duplicate from a retried create), and plans no
    /// further change; destroy under faults removes it all.
    @Test func aStackAppliesUnderInjectedFaults() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.stack)
        let faults = ["TERRACE_SIM_FAULTS": "throttle=0.3,error=0.05,seed=11"]
        let apply = run(dir, "apply", "-auto-approve", "-no-color", env: faults)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete! Resources: 17 added, 0 changed, 0 destroyed."))
        let objects = try #require(try JSONParser.parse(run(dir, "cloud", "list", "-json").stdout).arrayValue)
        func count(_ type: String) -> Int { objects.filter { $0["type"] == .string(type) }.count }
        #expect(count("aws_vpc") == 1 && count("aws_subnet") == 2 && count("aws_nat_gateway") == 1 && count("aws_lb") == 1)
        #expect(count("aws_security_group") == 2, "the VPC's default group and alb")
        let plan = run(dir, "plan", "-no-color", "-detailed-exitcode", env: faults)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let destroy = run(dir, "destroy", "-auto-approve", "-no-color", env: faults)
        #expect(destroy.status == 0, "\(destroy.stderr)")
        #expect(run(dir, "cloud", "list").stdout == "No objects.\n")
    }

    @Test func aMalformedFaultSpecificationIsAClearError() {
        let dir = TempDirectory()
        dir.write("main.tf", "provider \"aws\" {\n  region = \"us-east-1\"\n}\n")
        let r = run(dir, "plan", "-no-color", env: ["TERRACE_SIM_FAULTS": "throtle=0.3"])
        #expect(r.status == 1)
        #expect(r.stderr.replacingOccurrences(of: "\n", with: " ").contains("unknown setting \"throtle\". Did you mean \"throttle\"?"))
    }
}
