import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

@Suite struct StateCommandTests {
    static let config = """
    resource "null_resource" "a" {}
    resource "null_resource" "b" {
      count = 2
    }
    """

    func applied() -> TempDirectory {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        _ = TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path)
        return dir
    }

    @Test func mvRenamesAndMovesBetweenCountAndForEach() {
        let dir = applied()
        let mv = TerraceProcess.run(["state", "mv", "null_resource.a", "null_resource.c"], cwd: dir.path)
        #expect(mv.status == 0, "\(mv.stderr)")
        #expect(mv.stdout == "Move \"null_resource.a\" to \"null_resource.c\"\nSuccessfully moved 1 object(s).\n")
        let mv2 = TerraceProcess.run(["state", "mv", "null_resource.b[1]", "null_resource.d[\"k\"]"], cwd: dir.path)
        #expect(mv2.status == 0)
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path).stdout == "null_resource.b[0]\nnull_resource.c\nnull_resource.d[\"k\"]\n")
        let state = try? JSONParser.parse(dir.read("terrace.tfstate") ?? "")
        let d = state?["resources"]?.arrayValue?.first { $0["name"] == .string("d") }
        #expect(d?["each"] == .string("map"))
        let clash = TerraceProcess.run(["state", "mv", "null_resource.c", "null_resource.b[0]"], cwd: dir.path)
        #expect(clash.status == 1)
        #expect(clash.stderr.flattened.contains("already a resource instance at that address"))
        #expect(FileSystem.exists(dir.file("terrace.tfstate.backup")))
    }

    @Test func rmForgetsWithoutDestroying() {
        let dir = applied()
        let rm = TerraceProcess.run(["state", "rm", "null_resource.b"], cwd: dir.path)
        #expect(rm.stdout.hasSuffix("Successfully removed 2 resource instance(s).\n"))
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path).stdout == "null_resource.a\n")
        let bad = TerraceProcess.run(["state", "rm", "null_resource.zzz"], cwd: dir.path)
        #expect(bad.status == 1)
    }

    @Test func pushRefusesAnotherLineageOrLowerSerialWithoutForce() throws {
        let dir = applied()
        let pulled = TerraceProcess.run(["state", "pull"], cwd: dir.path).stdout
        let state = try JSONParser.parse(pulled)
        let serial = try #require(state["serial"]?.intValue)
        dir.write("other.tfstate", JSONWriter.pretty(state.setting("lineage", .string("00000000-0000-0000-0000-000000000000"))))
        let other = TerraceProcess.run(["state", "push", "other.tfstate"], cwd: dir.path)
        #expect(other.status == 1)
        #expect(other.stderr.flattened.contains("over unrelated state with lineage"))
        dir.write("old.tfstate", JSONWriter.pretty(state.setting("serial", .int(serial - 1))))
        let old = TerraceProcess.run(["state", "push", "old.tfstate"], cwd: dir.path)
        #expect(old.status == 1)
        #expect(old.stderr.contains("cannot import state with serial \(serial - 1)"))
        #expect(TerraceProcess.run(["state", "push", "-force", "other.tfstate"], cwd: dir.path).status == 0)
        #expect(try JSONParser.parse(dir.read("terrace.tfstate") ?? "")["lineage"] == .string("00000000-0000-0000-0000-000000000000"))
    }

    @Test func corruptStateIsNeverOverwritten() {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        dir.write("terrace.tfstate", "{\"version\": 4, \"serial\": 1, \"lin")
        for args in [["plan"], ["apply", "-auto-approve"], ["state", "rm", "null_resource.a"], ["destroy", "-auto-approve"]] {
            let r = TerraceProcess.run(args, cwd: dir.path)
            #expect(r.status == 1)
            #expect(r.stderr.contains("Failed to load state"))
        }
        #expect(dir.read("terrace.tfstate") == "{\"version\": 4, \"serial\": 1, \"lin")
    }

    @Test func graphIsIdenticalAcrossRuns() {
        let dir = TempDirectory()
        dir.write("a.tf", "resource \"null_resource\" \"x\" {\n  triggers = { y = null_resource.y.id }\n}\n")
        dir.write("b.tf", "resource \"null_resource\" \"y\" {}\noutput \"o\" { value = null_resource.x.id }\n")
        let one = TerraceProcess.run(["graph"], cwd: dir.path).stdout
        let two = TerraceProcess.run(["graph"], cwd: dir.path).stdout
        #expect(one == two)
        #expect(one.contains("\"[root] null_resource.x\" -> \"[root] null_resource.y\""))
        #expect(one.contains("\"[root] output.o\" -> \"[root] null_resource.x\""))
    }
}
