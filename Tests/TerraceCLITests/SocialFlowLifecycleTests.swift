import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Issue 8, "what it must show" 2: dev, staging and prod applied one after another into one
/// simulated cloud; each re-plans with no changes; destroying dev and staging leaves nothing of
/// them but what AWS itself keeps for a while (deregistered task definitions, keys waiting out
/// their deletion window); destroying prod is refused for its deletion-protected database, as
/// AWS refuses it, and prod's state still matches the cloud afterwards.
@Suite struct SocialFlowLifecycleTests {
    /// Objects per environment: the resources of `terrace plan` plus what AWS makes along with
    /// them (each VPC's default security group, network ACL and main route table).
    static let resources = ["dev": 141, "staging": 148, "prod": 154]

    @Test func threeEnvironmentsInOneCloud() throws {
        let stack = SocialFlowStack()
        var before = Set(try stack.cloud())
        var owned: [String: Set<CloudObjectEntry>] = [:]

        for env in SocialFlowStack.environments {
            let apply = stack.run("apply", "-env=\(env)", "-auto-approve", "-no-color")
            try #require(apply.status == 0, "apply \(env): \(apply.stderr)")
            #expect(apply.stdout.contains("Apply complete! Resources: \(Self.resources[env] ?? 0) added, 0 changed, 0 destroyed."))
            let after = Set(try stack.cloud())
            // Applying one environment never touches another's objects.
            #expect(before.isSubset(of: after), "\(env) removed objects of another environment")
            owned[env] = after.subtracting(before)
            before = after

            let state = try stack.state(env)
            let cloudKeys = Set((owned[env] ?? []).map(\.key))
            for address in state.managed() where !address.contains("random_password") {
                let a = state[address]
                let type = Self.type(of: address)
                #expect(cloudKeys.contains("\(type) \(a["id"]?.stringValue ?? "")"), "\(env): \(address) is in state but its apply made no such object")
            }
        }

        // Every environment plans no change once applied, after the others were applied too.
        for env in SocialFlowStack.environments {
            let plan = stack.run("plan", "-env=\(env)", "-no-color", "-detailed-exitcode")
            #expect(plan.status == 0, "plan \(env) after apply: exit \(plan.status)\n\(plan.stdout.suffix(3000))\(plan.stderr)")
            #expect(plan.stdout.contains("No changes. Your infrastructure matches the configuration."))
        }

        // Dev and staging are disposable: after destroy, only what AWS keeps on its way out is left.
        for env in ["dev", "staging"] {
            let destroy = stack.run("destroy", "-env=\(env)", "-auto-approve", "-no-color")
            #expect(destroy.status == 0, "destroy \(env): \(destroy.stderr)")
            #expect(destroy.stdout.contains("Destroy complete! Resources: \(Self.resources[env] ?? 0) destroyed."))
            #expect(try stack.state(env).managed().isEmpty)
            let left = Set(try stack.cloud()).intersection(owned[env] ?? [])
            let kept = left.filter { $0.lifecycleNote != nil }
            #expect(left == kept, "\(env) left behind: \(left.subtracting(kept).map(\.key).sorted())")
            // Named: the three task definitions (app, worker, beat) and the two keys (database, secrets).
            #expect(kept.filter { $0.type == "aws_ecs_task_definition" }.map { $0.attributes["family"]?.stringValue ?? "" }.sorted()
                == ["app", "beat", "worker"].map { "social-flow-\(env)-\($0)" })
            #expect(kept.filter { $0.type == "aws_kms_key" }.map { $0.attributes["tags"]?["Name"]?.stringValue ?? "" }.sorted()
                == ["social-flow-\(env)-postgres", "social-flow-\(env)-secrets"])
            #expect(kept.count == 5, "\(kept.map(\.key).sorted())")
        }

        // Prod's database has deletion protection: AWS refuses, Terrace says so and stops there.
        let destroy = stack.run("destroy", "-env=prod", "-auto-approve", "-no-color")
        #expect(destroy.status == 1)
        #expect(destroy.stderr.flattened.contains(
            "Error: deleting RDS DB Instance (social-flow-prod-postgres): InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again."),
            "\(destroy.stderr)")
        #expect(destroy.stderr.contains("with module.rds.aws_db_instance.this"))
        #expect(!destroy.stdout.contains("Destroy complete!"))

        // The state lists exactly prod's objects that still exist: the database and what it
        // needs (network, groups, key, parameters, logs, monitoring role).
        let state = try stack.state("prod")
        let cloud = Set(try stack.cloud())
        let prodLeft = cloud.intersection(owned["prod"] ?? [])
        var inState: Set<String> = []
        for address in state.managed() where !address.contains("random_password") {
            let key = "\(Self.type(of: address)) \(state[address]["id"]?.stringValue ?? "")"
            inState.insert(key)
            #expect(prodLeft.contains { $0.key == key }, "\(address) is in prod's state but no longer in the cloud")
        }
        let ownedByState = Set(prodLeft.filter { o in o.managedBy.map { owner in inState.contains { $0.hasSuffix(" \(owner)") } } ?? false }.map(\.key))
        let onTheirWayOut = prodLeft.filter { $0.lifecycleNote != nil }
        // The versions of a secret in its recovery window stay with it, as in AWS.
        let pendingSecrets = Set(onTheirWayOut.filter { $0.type == "aws_secretsmanager_secret" }.map(\.id))
        let versionsOfPending = prodLeft.filter { $0.type == "aws_secretsmanager_secret_version" && pendingSecrets.contains($0.attributes["secret_id"]?.stringValue ?? "") }
        let unaccounted = prodLeft.map(\.key).filter {
            !inState.contains($0) && !ownedByState.contains($0)
        }.filter { key in !onTheirWayOut.contains { $0.key == key } && !versionsOfPending.contains { $0.key == key } }
        #expect(unaccounted.isEmpty, "prod objects in the cloud that prod's state does not list: \(unaccounted.sorted())")
        #expect(state.managed().contains("module.rds.aws_db_instance.this"))
        #expect(state.managed("module.vpc.").sorted() == ["module.vpc.aws_subnet.private[0]", "module.vpc.aws_subnet.private[1]",
                                                          "module.vpc.aws_subnet.private[2]", "module.vpc.aws_vpc.this"])
        #expect(!state.managed().contains { $0.hasPrefix("module.ecs.") || $0.hasPrefix("module.s3.") || $0.hasPrefix("module.monitoring.") })
        // Prod's six secrets wait out their 30-day recovery window (force_destroy is off).
        #expect(pendingSecrets.count == 6)
        // A plan shows what it would take to rebuild prod: creations only, nothing to change.
        let replan = stack.run("plan", "-env=prod", "-no-color")
        #expect(replan.status == 0, "\(replan.stderr)")
        let remaining = state.managed().count
        #expect(replan.stdout.contains("Plan: \((Self.resources["prod"] ?? 0) - remaining) to add, 0 to change, 0 to destroy."), "\(replan.stdout.suffix(2000))")
    }

    /// `module.vpc.aws_subnet.public[0]` → `aws_subnet`.
    static func type(of address: String) -> String {
        let parts = address.split(separator: ".").map(String.init)
        var i = 0
        while i + 1 < parts.count && parts[i] == "module" { i += 2 }
        return i < parts.count ? parts[i] : ""
    }
}
