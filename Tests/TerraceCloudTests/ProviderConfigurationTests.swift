import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// The aws provider block: region, default tags, accounts, and one instance per configuration.
@Suite struct ProviderConfigurationTests {
    func provider(_ env: [String: String] = [:], account: String = "123456789012") throws -> AWSProvider {
        AWSProvider(store: try CloudStore(dir: TempDirectory().path), account: account, environment: env)
    }

    @Test func regionComesFromTheBlockOrTheEnvironment() throws {
        let missing = try provider().configure(.object([:]))
        #expect(missing.firstError.contains("The argument \"region\" is required"))
        #expect(!(try provider(["AWS_REGION": "eu-west-1"]).configure(.object([:]))).hasErrors)
        let p = try provider(["AWS_DEFAULT_REGION": "ap-southeast-1"])
        #expect(!p.configure(.object([:])).hasErrors)
        #expect(p.context.region == "ap-southeast-1")
        let bad = try provider().configure(.object(["region": str("us-east-2")]))
        #expect(bad.firstError.contains("invalid AWS Region: us-east-2") && bad.firstError.contains("Did you mean \"us-east-1\"?"))
    }

    @Test func accountsCanBeAllowedOrForbidden() throws {
        #expect(try provider().configure(.object(["region": str("us-east-1"), "allowed_account_ids": stringSet([str("999999999999")])])).firstError
            == "AWS account ID not allowed: 123456789012")
        #expect(try provider().configure(.object(["region": str("us-east-1"), "forbidden_account_ids": stringSet([str("123456789012")])])).hasErrors)
        #expect(!(try provider().configure(.object(["region": str("us-east-1"), "allowed_account_ids": stringSet([str("123456789012")])]))).hasErrors)
    }

    @Test func defaultTagsMergeIntoTagsAll() async throws {
        let h = try CloudHarness(defaultTags: ["Project": "social-flow", "Env": "dev"])
        let plan = h.plan("aws_vpc", ["cidr_block": str("10.0.0.0/16"), "tags": tags(["Name": "main", "Env": "prod"])])
        #expect(plan.planned["tags_all"] == tags(["Project": "social-flow", "Env": "prod", "Name": "main"]))
        let untagged = h.plan("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect(untagged.planned["tags_all"] == tags(["Project": "social-flow", "Env": "dev"]))
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16"), "tags": tags(["Name": "main"])])
        #expect(vpc["tags_all"] == tags(["Project": "social-flow", "Env": "dev", "Name": "main"]))
        #expect(vpc["tags"] == tags(["Name": "main"]))
    }

    @Test func withoutTagsTagsAllIsKnownAfterApplyOnCreateOnly() async throws {
        let h = try CloudHarness()
        #expect(h.plan("aws_vpc", ["cidr_block": str("10.0.0.0/16")]).planned["tags_all"]?.isKnown == false)
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect(vpc["tags_all"] == tags([:]))
        #expect(h.plan("aws_vpc", ["cidr_block": str("10.0.0.0/16")], prior: vpc).planned["tags_all"] == tags([:]))
    }

    /// Two configurations of the provider (as `alias` gives) over one store apply into two regions.
    @Test func twoConfigurationsApplyIntoTwoRegions() async throws {
        let east = try CloudHarness(region: "us-east-1")
        let west = try CloudHarness(region: "us-west-2", sharing: east)
        let a = try await east.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let b = try await west.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect(a["arn"]?.stringValue?.hasPrefix("arn:aws:ec2:us-east-1:") == true)
        #expect(b["arn"]?.stringValue?.hasPrefix("arn:aws:ec2:us-west-2:") == true)
        let sub = try await west.make("aws_subnet", ["vpc_id": b.s("id"), "cidr_block": str("10.0.1.0/24")])
        #expect(sub["availability_zone"] == .string("us-west-2a"))
        #expect(east.store.regions(account: "123456789012") == ["us-east-1", "us-west-2"])
    }

    @Test func everyResourceTypeAndDataSourceIsInTheSchema() throws {
        let p = try provider()
        for r in AWSCatalog.resources { #expect(p.schema.resources[type(of: r).typeName] != nil) }
        for d in AWSCatalog.dataSources { #expect(p.schema.dataSources[type(of: d).typeName] != nil) }
        #expect(p.schema.resources.count == AWSCatalog.resources.count, "type names are unique")
    }

    @Test func theRegistryHasAWSBesideTheBuiltIns() throws {
        let r = try CloudProviders.registry(cloudDir: TempDirectory().path, environment: [:])
        #expect(r.names == ["aws", "null", "random", "terraform"])
        #expect(r.address("aws") == "registry.terraform.io/hashicorp/aws")
        // Each configuration gets its own instance.
        let one = r["aws"]?.make(), two = r["aws"]?.make()
        #expect(one !== two)
        #expect(throws: Faults.SpecError.self) {
            _ = try CloudProviders.registry(cloudDir: TempDirectory().path, environment: ["TERRACE_SIM_FAULTS": "throttle=lots"])
        }
    }
}
