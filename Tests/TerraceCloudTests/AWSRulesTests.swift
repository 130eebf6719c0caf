import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// AWS's rules as the simulated cloud enforces them, through the provider interface.
@Suite struct AWSRulesTests {
    final class Cloud: @unchecked Sendable {
        let dir = TempDirectory()
        let provider: AWSProvider
        init(account: String = "123456789012", region: String = "us-east-1", shared: String? = nil) throws {
            provider = AWSProvider(store: try CloudStore(dir: shared ?? dir.path), account: account)
            _ = provider.configure(.object(["region": .string(region)]))
        }

        func create(_ type: String, _ attrs: [String: Value]) async -> ApplyResponse {
            let schema = provider.schema.resources[type]!.block
            var config: [String: Value] = schema.attributes.mapValues { .null($0.type) }
            for (k, v) in attrs { config[k] = v }
            let planned = provider.planResourceChange(PlanRequest(typeName: type, prior: nil, config: .object(config))).planned
            return await provider.applyResourceChange(ApplyRequest(typeName: type, prior: nil, planned: planned, config: .object(config), token: "t-\(type)-\(attrs.count)-\(Int.random(in: 0...1_000_000))"))
        }
    }

    @Test func vpcIdsAndComputedAttributesLookLikeAWS() async throws {
        let c = try Cloud()
        let r = await c.create("aws_vpc", ["cidr_block": .string("10.0.0.0/16")])
        let v = try #require(r.newState)
        let id = try #require(v["id"]?.stringValue)
        #expect(id.range(of: "^vpc-[0-9a-f]{17}$", options: .regularExpression) != nil)
        #expect(v["arn"]?.stringValue == "arn:aws:ec2:us-east-1:123456789012:vpc/\(id)")
        #expect(v["default_security_group_id"]?.stringValue?.hasPrefix("sg-") == true)
        #expect(v["main_route_table_id"] == v["default_route_table_id"])
    }

    @Test(arguments: ["10.0.0.0/8", "10.0.0.0/29"])
    func vpcCIDRMustBeBetween16And28(_ cidr: String) async throws {
        let c = try Cloud()
        let r = await c.create("aws_vpc", ["cidr_block": .string(cidr)])
        #expect(r.diagnostics.errors.first?.summary.contains("InvalidVpc.Range: The CIDR '\(cidr)' is invalid.") == true)
    }

    @Test func subnetRules() async throws {
        let c = try Cloud()
        let vpc = try #require(await c.create("aws_vpc", ["cidr_block": .string("10.0.0.0/16")]).newState?["id"])
        let ok = await c.create("aws_subnet", ["vpc_id": vpc, "cidr_block": .string("10.0.1.0/24")])
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.newState?["availability_zone_id"] == .string("use1-az1"))
        let conflict = await c.create("aws_subnet", ["vpc_id": vpc, "cidr_block": .string("10.0.1.128/25")])
        #expect(conflict.diagnostics.errors.first?.summary.contains("InvalidSubnet.Conflict") == true)
        let outside = await c.create("aws_subnet", ["vpc_id": vpc, "cidr_block": .string("10.1.0.0/24")])
        #expect(outside.diagnostics.errors.first?.summary.contains("InvalidSubnet.Range") == true)
        let badAZ = await c.create("aws_subnet", ["vpc_id": vpc, "cidr_block": .string("10.0.2.0/24"), "availability_zone": .string("us-east-1z")])
        #expect(badAZ.diagnostics.errors.first?.summary.contains("us-east-1a, us-east-1b, us-east-1c") == true)
        let noVPC = await c.create("aws_subnet", ["vpc_id": .string("vpc-00000000000000000"), "cidr_block": .string("10.0.3.0/24")])
        #expect(noVPC.diagnostics.errors.first?.summary.contains("InvalidVpcID.NotFound") == true)
    }

    @Test func vpcWithSubnetsCannotBeDeleted() async throws {
        let c = try Cloud()
        let vpc = try #require(await c.create("aws_vpc", ["cidr_block": .string("10.0.0.0/16")]).newState)
        let subnet = try #require(await c.create("aws_subnet", ["vpc_id": vpc["id"]!, "cidr_block": .string("10.0.1.0/24")]).newState)
        let del = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: vpc, planned: nil, config: nil, token: "d"))
        #expect(del.diagnostics.errors.first?.summary.contains("DependencyViolation") == true)
        _ = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_subnet", prior: subnet, planned: nil, config: nil, token: "d2"))
        let del2 = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: vpc, planned: nil, config: nil, token: "d3"))
        #expect(del2.diagnostics.isEmpty)
        #expect(await c.provider.readResource(type: "aws_vpc", state: vpc).state == nil)
    }

    @Test func bucketNamesAreGloballyUnique() async throws {
        let shared = TempDirectory()
        let a = try Cloud(account: "111111111111", shared: shared.path)
        let b = try Cloud(account: "222222222222", region: "eu-west-1", shared: shared.path)
        #expect(await a.create("aws_s3_bucket", ["bucket": .string("social-flow-videos")]).diagnostics.isEmpty)
        let taken = await b.create("aws_s3_bucket", ["bucket": .string("social-flow-videos")])
        #expect(taken.diagnostics.errors.first?.summary.contains("BucketAlreadyExists") == true)
        let mine = await a.create("aws_s3_bucket", ["bucket": .string("social-flow-videos")])
        #expect(mine.diagnostics.errors.first?.summary.contains("BucketAlreadyOwnedByYou") == true)
    }

    @Test(arguments: ["ab", "Upper", "under_score", "-start", "192.168.1.1", "a..b"])
    func invalidBucketNames(_ name: String) async throws {
        #expect(S3BucketResource.nameProblem(name) != nil)
    }

    @Test func createIsIdempotentByToken() async throws {
        let c = try Cloud()
        let schema = c.provider.schema.resources["aws_vpc"]!.block
        var config: [String: Value] = schema.attributes.mapValues { .null($0.type) }
        config["cidr_block"] = .string("10.0.0.0/16")
        let planned = c.provider.planResourceChange(PlanRequest(typeName: "aws_vpc", prior: nil, config: .object(config))).planned
        let one = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: nil, planned: planned, config: nil, token: "same"))
        let two = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: nil, planned: planned, config: nil, token: "same"))
        #expect(one.newState?["id"] == two.newState?["id"])
        #expect(await c.provider.findByToken(type: "aws_vpc", token: "same")?["id"] == one.newState?["id"])
    }

    @Test func faultsAreRetriedUntilTheCallSucceeds() async throws {
        let dir = TempDirectory()
        let p = AWSProvider(store: try CloudStore(dir: dir.path), faults: Faults.parse("throttle=0.3,error=0.05,seed=7"))
        _ = p.configure(.object(["region": .string("us-east-1")]))
        for i in 0..<10 {
            let schema = p.schema.resources["aws_vpc"]!.block
            var config: [String: Value] = schema.attributes.mapValues { .null($0.type) }
            config["cidr_block"] = .string("10.\(i).0.0/16")
            let planned = p.planResourceChange(PlanRequest(typeName: "aws_vpc", prior: nil, config: .object(config))).planned
            let r = await p.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: nil, planned: planned, config: nil, token: "f\(i)"))
            #expect(r.diagnostics.isEmpty)
        }
    }
}
