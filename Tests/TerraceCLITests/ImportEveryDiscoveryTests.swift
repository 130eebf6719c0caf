import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `terrace import -discover` over a realistic application made by hand in the console
/// (`Tests/Fixtures/import/discovery/social.tf`): every object is found, the written
/// configuration refers to the other objects instead of repeating their IDs, and it plans,
/// imports and plans again with no changes.
@Suite struct ImportEveryDiscoveryTests {
    @Test func discoveryOfAMixedApplicationPlansCleanWithReferences() throws {
        let path = (CloudFixture.directory as NSString).appendingPathComponent("discovery/social.tf")
        let fixture = try CloudFixture(try String(contentsOfFile: path, encoding: .utf8), filename: "social.tf")
        let cloud = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        let objects = try fixture.create(cloudDir: cloud.path, in: cloud)
        let types = Set(objects.map(\.type))
        #expect(types.count >= 30, "a mixed set: \(types.sorted())")

        let dir = TempDirectory()
        dir.write("main.tf", "provider \"aws\" {\n  region = \"us-east-1\"\n}\n")
        let found = TerraceProcess.run(["import", "-discover", "-no-color", "-generate-config-out=discovered.tf"], cwd: dir.path, env: env)
        #expect(found.status == 0, "\(found.stdout)\(found.stderr)")
        #expect(found.stdout.contains("Found \(objects.count) unmanaged objects"), "\(found.stdout)")
        let text = try #require(dir.read("discovered.tf"))
        let fmt = TerraceProcess.run(["fmt", "-check", "-diff", "discovered.tf"], cwd: dir.path)
        #expect(fmt.status == 0, "discovered configuration is not formatted:\n\(fmt.stdout)\(fmt.stderr)")

        // Every object is imported by the ID its type takes.
        for o in objects {
            #expect(text.contains("  id = \"\(o.importID)\"\n"), "no import block for \(o.address) with ID \(o.importID)")
        }
        // In each resource block, other objects' IDs and ARNs are references, not literals.
        // Each resource block follows a `# __generated__ by Terrace from "ID"` line.
        let blocks = text.components(separatedBy: "# __generated__ by Terrace from ").dropFirst()
        for block in blocks {
            for o in objects where !block.hasPrefix("\"\(o.importID)\"\nresource \"\(o.type)\"") {
                for attribute in ["id", "arn"] {
                    guard let v = o.value[attribute]?.stringValue, v.hasPrefix("arn:") || v.contains("-0") else { continue }
                    #expect(!block.drop { $0 != "\n" }.contains("\"\(v)\""), "\(o.address).\(attribute) written as a literal in:\n\(block)")
                }
            }
        }
        for pattern in [
            #"vpc_id +\= aws_vpc\.social\.id"#,
            #"subnet_ids += \[aws_subnet\.private_[ab]\.id, aws_subnet\.private_[ab]\.id\]"#,
            #"db_subnet_group_name +\= aws_db_subnet_group\.social_db\.name"#,
            #"parameter_group_name +\= aws_db_parameter_group\.social_pg15\.name"#,
            #"subnet_group_name +\= aws_elasticache_subnet_group\.social_cache\.name"#,
            #"load_balancer_arn +\= aws_lb\.social_web\.arn"#,
            #"target_group_arn +\= aws_lb_target_group\.social_app\.arn"#,
            #"cluster +\= aws_ecs_cluster\.social\.arn"#,
            #"task_definition +\= aws_ecs_task_definition\.social_app\.arn"#,
            #"execution_role_arn +\= aws_iam_role\.social_task\.arn"#,
            #"alarm_actions +\= \[aws_sns_topic\.social_alerts\.arn\]"#,
            #"domain_name +\= aws_s3_bucket\.social_media_uploads\.bucket_regional_domain_name"#,
            #"origin_access_control_id +\= aws_cloudfront_origin_access_control\.social_media\.id"#,
            #"secret_id +\= aws_secretsmanager_secret\.social_db\.id"#,
            #"bucket +\= aws_s3_bucket\.social_media_uploads\.id"#,
            #""AWS:SourceArn" +\= aws_cloudfront_distribution\.[a-z0-9_]+\.arn"#,
            #"route_table_id +\= aws_route_table\.public\.id"#,
            #"gateway_id +\= aws_internet_gateway\.social\.id"#,
            #"security_groups +\= \[aws_security_group\.alb\.id\]"#,
            #"referenced_security_group_id +\= aws_security_group\.app\.id"#,
        ] {
            #expect(text.range(of: pattern, options: .regularExpression) != nil, "expected \(pattern) in:\n\(text)")
        }

        // A part managed by its own resource is not also written inline in its owner.
        let bucket = blocks.first { $0.contains("resource \"aws_s3_bucket\" ") } ?? ""
        #expect(!bucket.contains("policy") && !bucket.contains("versioning {"), "the bucket repeats its parts:\n\(bucket)")
        let routes = blocks.first { $0.contains("resource \"aws_route_table\" ") } ?? ""
        #expect(!routes.contains("route {"), "the route table repeats aws_route:\n\(routes)")
        let data = blocks.first { $0.contains("resource \"aws_security_group\" \"data\"") } ?? ""
        #expect(!data.contains("ingress {"), "the data group repeats its rules:\n\(data)")

        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path, env: env)
        #expect(plan.stdout.contains("Plan: \(objects.count) to import, 0 to add, 0 to change, 0 to destroy."), "\(plan.stdout)\(plan.stderr)\n\(text)")
        let apply = TerraceProcess.run(["apply", "-no-color", "-auto-approve"], cwd: dir.path, env: env)
        #expect(apply.stdout.contains("Apply complete! Resources: \(objects.count) imported, 0 added, 0 changed, 0 destroyed."), "\(apply.stdout)\(apply.stderr)")
        let again = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: dir.path, env: env)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)\n\(text)")
        let rerun = TerraceProcess.run(["import", "-discover", "-generate-config-out=again.tf"], cwd: dir.path, env: env)
        #expect(rerun.stdout.contains("No unmanaged objects found"), "\(rerun.stdout)")
    }
}
