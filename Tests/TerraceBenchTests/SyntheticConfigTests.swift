import Foundation
import Testing
import TerraceBench
import TerraceTestSupport

/// The benchmark configuration has the size it claims, in both flavours, and (where Terraform
/// 1.0.3 is installed) the `null` flavour is a configuration Terraform plans identically.
struct SyntheticConfigTests {
    @Test(arguments: [(1, 1), (100, 1), (101, 2), (250, 3), (1_000, 10)])
    func sizesRoundUpToWholeBlocks(instances: Int, blocks: Int) {
        #expect(SyntheticConfig(instances: instances).blocks == blocks)
    }

    @Test func onlyTheMixedFlavourUsesTerraformData() throws {
        let null = try #require(SyntheticConfig(instances: 100, flavour: .null).files.first { $0.path == "main.tf" }?.text)
        let mixed = try #require(SyntheticConfig(instances: 100, flavour: .mixed).files.first { $0.path == "main.tf" }?.text)
        #expect(!null.contains("terraform_data"))
        #expect(mixed.components(separatedBy: "resource \"terraform_data\"").count - 1 == 30)
    }

    @Test(arguments: SyntheticConfig.Flavour.allCases)
    func terracePlansEveryInstance(flavour: SyntheticConfig.Flavour) throws {
        let dir = TempDirectory("terrace-synthetic")
        try SyntheticConfig(instances: 200, flavour: flavour).write(to: dir.path)
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.path + "/.cloud"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Plan: 200 to add, 0 to change, 0 to destroy."))
        // Every kind of instance the configuration promises is there.
        for line in ["# null_resource.b1_chain9 will be created", "# null_resource.b1_count[19] will be created",
                     "# null_resource.b1_each[\"k19\"] will be created", "# module.b1[\"right\"].null_resource.items[8] will be created",
                     flavour == .mixed ? "# terraform_data.b1_tail19 will be created" : "# null_resource.b1_tail19 will be created"] {
            #expect(plan.stdout.contains(line), "missing: \(line)")
        }
    }

    @Test(.enabled(if: Oracles.terraform != nil, "Terraform 1.0.3 is not installed (shared/tools/oracles.sh)"))
    func terraformPlansTheSameInstances() throws {
        let dir = TempDirectory("terrace-synthetic-tf")
        try SyntheticConfig(instances: 200, flavour: .null).write(to: dir.path)
        let initResult = Oracles.runTerraform(["init", "-input=false", "-no-color"], cwd: dir.path)
        try #require(initResult.status == 0, "\(initResult.stderr)")
        let plan = Oracles.runTerraform(["plan", "-input=false", "-no-color"], cwd: dir.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Plan: 200 to add, 0 to change, 0 to destroy."))
    }
}
