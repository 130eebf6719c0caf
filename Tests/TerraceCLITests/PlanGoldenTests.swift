import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Human plan output compared with what Terraform 1.0.3 printed for the same configuration and
/// state (recorded by `scripts/oracle/record-plan-goldens.sh` with the null provider).
@Suite struct PlanGoldenTests {
    static let root = (Golden.directory() as NSString).appendingPathComponent("plan")
    static var cases: [String] { FileSystem.list(root).filter { FileSystem.isDirectory("\(root)/\($0)") } }

    /// Refresh lines come in walk order, which is concurrent: compare them as a set.
    static func split(_ text: String) -> (Set<String>, String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let refresh = lines.filter { $0.contains(": Refreshing state... [id=") }
        var rest = lines.filter { !$0.contains(": Refreshing state... [id=") }
        if refresh.count > 0, rest.first == "" { rest.removeFirst(0) }
        return (Set(refresh), rest.joined(separator: "\n"))
    }

    @Test(arguments: cases)
    func matchesTerraform(_ name: String) throws {
        let dir = TempDirectory()
        let src = "\(Self.root)/\(name)"
        try FileSystem.writeAtomically(dir.file("main.tf"), FileSystem.read("\(src)/main.tf"))
        if FileSystem.exists("\(src)/terraform.tfstate") {
            try FileSystem.writeAtomically(dir.file("terrace.tfstate"), FileSystem.read("\(src)/terraform.tfstate"))
        }
        let args = (try? FileSystem.readString("\(src)/args"))?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        let r = TerraceProcess.run(["plan", "-no-color"] + args, cwd: dir.path)
        let expected = try FileSystem.readString("\(src)/expected.txt")
        let (er, et) = Self.split(expected)
        let (ar, at) = Self.split(r.stdout)
        #expect(ar == er)
        #expect(at == et, "\(Golden.diff(et, at))")
    }
}
