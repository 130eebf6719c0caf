import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// The aws data sources against the simulated cloud.
@Suite struct DataSourceTests {
    @Test(arguments: AWSRegions.names)
    func availabilityZonesOfEveryRegion(_ region: String) async throws {
        let h = try CloudHarness(region: region)
        let r = await h.data("aws_availability_zones", ["state": str("available")])
        let v = try #require(r.state)
        #expect(v.strings("names") == ["\(region)a", "\(region)b", "\(region)c"])
        #expect(v.strings("zone_ids").count == 3 && v["id"] == .string(region))
        let some = try #require(await h.data("aws_availability_zones", ["exclude_names": stringSet([str("\(region)b")])]).state)
        #expect(some.strings("names") == ["\(region)a", "\(region)c"])
        let filtered = try #require(await h.data("aws_availability_zones", [
            "filter": obj(["name": str("zone-name"), "values": stringSet([str("*c")])]),
        ]).state)
        #expect(filtered.strings("names") == ["\(region)c"])
    }

    @Test func regionAndCallerIdentity() async throws {
        let h = try CloudHarness(account: "210987654321", region: "eu-west-1")
        let region = try #require(await h.data("aws_region", [:]).state)
        #expect(region["name"] == .string("eu-west-1") && region["endpoint"] == .string("ec2.eu-west-1.amazonaws.com"))
        #expect(region["description"] == .string("Europe (Ireland)"))
        let me = try #require(await h.data("aws_caller_identity", [:]).state)
        #expect(me["account_id"] == .string("210987654321"))
        #expect(me["arn"] == .string("arn:aws:iam::210987654321:user/terrace"))
        let again = try #require(await h.data("aws_caller_identity", [:]).state)
        #expect(again == me, "the identity is stable, so plans are")
        #expect(await h.data("aws_region", ["name": str("mars-1")]).diagnostics.firstError == "no matching EC2 Region found")
    }

    @Test func vpcByIDTagsFiltersAndDefault() async throws {
        let h = try CloudHarness()
        let a = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16"), "tags": tags(["Name": "main", "Env": "dev"])])
        _ = try await h.make("aws_vpc", ["cidr_block": str("10.1.0.0/16"), "tags": tags(["Name": "other", "Env": "dev"])])
        let byID = try #require(await h.data("aws_vpc", ["id": a.s("id")]).state)
        #expect(byID["cidr_block"] == .string("10.0.0.0/16") && byID["main_route_table_id"] == a["main_route_table_id"])
        #expect(byID["cidr_block_associations"]?.elements?.count == 1)
        let byTag = try #require(await h.data("aws_vpc", ["tags": tags(["Name": "main"])]).state)
        #expect(byTag["id"] == a["id"])
        let byFilter = try #require(await h.data("aws_vpc", ["filter": obj(["name": str("cidr-block"), "values": stringSet([str("10.0.*")])])]).state)
        #expect(byFilter["id"] == a["id"])
        #expect(await h.data("aws_vpc", ["tags": tags(["Env": "dev"])]).diagnostics.firstError
            == "multiple EC2 VPCs matched; use additional constraints to reduce matches to a single EC2 VPC")
        #expect(await h.data("aws_vpc", ["default": .bool(true)]).diagnostics.firstError == "no matching EC2 VPC found")
        #expect(await h.data("aws_vpc", ["filter": obj(["name": str("colour"), "values": stringSet([str("x")])])]).diagnostics.firstError
            .contains("The filter 'colour' is invalid"))
    }

    @Test func subnetsByVPCAndTag() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        _ = try await h.make("aws_subnet", ["vpc_id": n.vpc.s("id"), "cidr_block": str("10.0.9.0/24"), "tags": tags(["Tier": "private"])])
        let all = try #require(await h.data("aws_subnets", ["filter": obj(["name": str("vpc-id"), "values": stringSet([n.vpc.s("id")])])]).state)
        #expect(all.strings("ids").count == 3)
        let tagged = try #require(await h.data("aws_subnets", ["tags": tags(["Tier": "private"])]).state)
        #expect(tagged.strings("ids").count == 1)
        let zoned = try #require(await h.data("aws_subnets", ["filter": obj(["name": str("availability-zone"), "values": stringSet([str("us-east-1b")])])]).state)
        #expect(zoned.strings("ids") == [n.subnets[1]["id"]!.stringValue!])
    }

    static let policyStatement: [String: Value] = [
        "sid": str("Read"),
        "actions": stringSet([str("s3:GetObject"), str("s3:ListBucket")]),
        "resources": stringSet([str("arn:aws:s3:::b"), str("arn:aws:s3:::b/&{aws:username}/*")]),
        "principals": obj(["type": str("AWS"), "identifiers": stringSet([str("arn:aws:iam::123456789012:root")])]),
        "condition": obj(["test": str("StringEquals"), "variable": str("aws:SourceVpc"), "values": strings("vpc-1")]),
    ]

    /// The AWS provider's output for the statement above (`json.MarshalIndent` of its model).
    static let expectedPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Read",
          "Effect": "Allow",
          "Action": [
            "s3:ListBucket",
            "s3:GetObject"
          ],
          "Resource": [
            "arn:aws:s3:::b/${aws:username}/*",
            "arn:aws:s3:::b"
          ],
          "Principal": {
            "AWS": "arn:aws:iam::123456789012:root"
          },
          "Condition": {
            "StringEquals": {
              "aws:SourceVpc": "vpc-1"
            }
          }
        }
      ]
    }
    """

    @Test func policyDocumentsAreWrittenAsTheProviderWritesThem() async throws {
        let h = try CloudHarness()
        let v = try #require(await h.data("aws_iam_policy_document", ["statement": obj(Self.policyStatement)]).state)
        #expect(v["json"] == .string(Self.expectedPolicy))
        #expect(v["minified_json"]?.stringValue?.hasPrefix(#"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","#) == true)
        #expect(v["id"] == .string(String(CRC32.hashcode(Self.expectedPolicy))))
        // The document is one IAM accepts.
        #expect(PolicyJSON.malformed(Self.expectedPolicy, kind: .resource) == nil)
    }

    @Test func policyDocumentsMergeSourcesAndOverridesBySid() async throws {
        let h = try CloudHarness()
        let source = #"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#
        let override = #"{"Statement":[{"Sid":"B","Effect":"Deny","Action":["s3:PutObject"],"Resource":"*"}]}"#
        let v = try #require(await h.data("aws_iam_policy_document", [
            "source_policy_documents": strings(source),
            "override_policy_documents": strings(override),
            "statement": obj(["sid": str("A"), "actions": stringSet([str("s3:HeadObject")]), "resources": stringSet([str("*")])]),
        ]).state)
        let doc = try JSONParser.parse(v["json"]?.stringValue ?? "")
        let statements = try #require(doc["Statement"]?.arrayValue)
        #expect(statements.count == 2)
        #expect(statements[0]["Action"] == .string("s3:HeadObject"), "the configuration's statement A replaces the source's")
        #expect(statements[1]["Effect"] == .string("Deny"), "the override's statement B replaces the source's")
        let dup = await h.data("aws_iam_policy_document", ["statement": Value.list([obj(["sid": str("X"), "actions": stringSet([str("s3:*")])]),
                                                                                     obj(["sid": str("X"), "actions": stringSet([str("s3:*")])])])])
        #expect(dup.diagnostics.firstError.contains("duplicate Sid (X)"))
    }

    @Test func trustPolicyFromADocumentIsAcceptedByIAM() async throws {
        let h = try CloudHarness()
        let doc = try #require(await h.data("aws_iam_policy_document", ["statement": obj([
            "actions": stringSet([str("sts:AssumeRole")]),
            "principals": obj(["type": str("Service"), "identifiers": stringSet([str("ecs-tasks.amazonaws.com")])]),
        ])]).state)
        _ = try await h.make("aws_iam_role", ["name": str("task"), "assume_role_policy": doc.s("json")])
    }
}
