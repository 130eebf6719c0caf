import Foundation
import Testing
import TerraceBasics
import TerraceCloud
import TerraceTestSupport

/// Every aws resource type of the simulated cloud, adopted both ways: objects made with
/// `terrace cloud create` from `Tests/Fixtures/import/TYPE.tf` (the type and what it needs
/// first), then (a) `terrace import` of each into that configuration, and (b) `import` blocks
/// with `plan -generate-config-out` and `apply`; either way the next plan has no changes.
///
/// The types come from `AWSCatalog`, so a new type without a fixture fails here.
@Suite struct ImportEveryTypeTests {
    static let types = AWSCatalog.resources.map { type(of: $0).typeName }.sorted()
    static let provider = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n"

    @Test(arguments: types)
    func importThenPlanHasNoChanges(_ type: String) throws {
        let fixture = try #require(try CloudFixture.load(type),
                                   "no import fixture for \(type): write Tests/Fixtures/import/\(type).tf")
        #expect(fixture.resources.contains { $0.labels[0] == type }, "the fixture for \(type) has no \(type) block")
        let cloud = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        let objects = try fixture.create(cloudDir: cloud.path, in: cloud)

        // (a) terrace import ADDR ID into the configuration the objects were made from.
        let written = TempDirectory()
        written.write("main.tf", Self.provider + fixture.text)
        for o in objects {
            let r = TerraceProcess.run(["import", "-no-color", o.address, o.importID], cwd: written.path, env: env)
            #expect(r.status == 0, "terrace import \(o.address) \(o.importID):\n\(r.stdout)\(r.stderr)")
        }
        let plan = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: written.path, env: env)
        #expect(plan.status == 0, "plan after terrace import of \(type):\n\(plan.stdout)\(plan.stderr)")

        // (b) import blocks and generated configuration.
        let generated = TempDirectory()
        generated.write("main.tf", Self.provider + objects.map { "import {\n  to = \($0.address)\n  id = \(Self.quote($0.importID))\n}\n" }.joined(separator: "\n"))
        let gen = TerraceProcess.run(["plan", "-no-color", "-generate-config-out=generated.tf"], cwd: generated.path, env: env)
        #expect(gen.status == 0, "plan -generate-config-out for \(type):\n\(gen.stdout)\(gen.stderr)")
        #expect(gen.stdout.contains("Plan: \(objects.count) to import, 0 to add, 0 to change, 0 to destroy."),
                "plan -generate-config-out for \(type):\n\(gen.stdout)\(gen.stderr)\n\(generated.read("generated.tf") ?? "")")
        let fmt = TerraceProcess.run(["fmt", "-check", "-diff", "generated.tf"], cwd: generated.path)
        #expect(fmt.status == 0, "generated configuration for \(type) is not formatted:\n\(fmt.stdout)\(fmt.stderr)")
        let apply = TerraceProcess.run(["apply", "-no-color", "-auto-approve"], cwd: generated.path, env: env)
        #expect(apply.stdout.contains("Apply complete! Resources: \(objects.count) imported, 0 added, 0 changed, 0 destroyed."),
                "apply of generated configuration for \(type):\n\(apply.stdout)\(apply.stderr)\n\(generated.read("generated.tf") ?? "")")
        let again = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: generated.path, env: env)
        #expect(again.status == 0, "plan of generated configuration for \(type):\n\(again.stdout)\(again.stderr)\n\(generated.read("generated.tf") ?? "")")
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test func everyFixtureNamesATypeOfTheCatalogue() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CloudFixture.directory).filter { $0.hasSuffix(".tf") }
        let stray = Set(files.map { String($0.dropLast(3)) }).subtracting(Self.types)
        #expect(stray.isEmpty, "fixtures for types the cloud does not have: \(stray.sorted())")
    }
}
