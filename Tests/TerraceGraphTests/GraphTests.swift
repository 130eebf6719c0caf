import Testing
import TerraceConfig
import TerraceGraph

@Suite struct GraphTests {
    @Test func topologicalOrderPutsDependenciesFirstAndIsDeterministic() {
        var g = DirectedGraph<String>()
        g.connect("subnet", dependsOn: "vpc")
        g.connect("instance", dependsOn: "subnet")
        g.connect("bucket", dependsOn: "kms")
        g.add("alone")
        let order = g.topologicalOrder(by: <)!
        #expect(order == ["alone", "kms", "bucket", "vpc", "subnet", "instance"])
    }

    @Test func reportsTheWholeCycle() {
        var g = DirectedGraph<String>()
        g.connect("a", dependsOn: "b")
        g.connect("b", dependsOn: "c")
        g.connect("c", dependsOn: "a")
        g.connect("d", dependsOn: "a")
        #expect(g.topologicalOrder(by: <) == nil)
        #expect(g.cycles().map { Set($0) } == [["a", "b", "c"]])
    }

    @Test func longChainsNeitherRecurseNorSlowDown() {
        var g = DirectedGraph<Int>()
        for i in 1..<100_000 { g.connect(i, dependsOn: i - 1) }
        #expect(g.topologicalOrder(by: <)?.count == 100_000)
        #expect(g.cycles().isEmpty)
    }

    @Test func dotIsSortedAndStable() {
        var g1 = DirectedGraph<String>(), g2 = DirectedGraph<String>()
        g1.connect("b", dependsOn: "a"); g1.add("c")
        g2.add("c"); g2.connect("b", dependsOn: "a")
        #expect(g1.dot(name: { $0 }) == g2.dot(name: { $0 }))
    }

    @Test(arguments: [
        ("aws_vpc.main", "aws_vpc.main", nil),
        ("module.vpc.aws_subnet.private[0]", "module.vpc.aws_subnet.private", InstanceKey.int(0)),
        ("aws_s3_bucket.this[\"videos\"]", "aws_s3_bucket.this", InstanceKey.string("videos")),
        ("data.aws_region.current", "data.aws_region.current", nil),
        ("module.a[\"x\"].module.b.null_resource.n", "module.a[\"x\"].module.b.null_resource.n", nil),
    ] as [(String, String, InstanceKey?)])
    func parsesAddresses(_ text: String, _ resource: String, _ key: InstanceKey?) throws {
        let (r, k) = try AddressParser.parseInstance(text)
        #expect(r.description == resource)
        #expect(k == key)
    }

    @Test(arguments: ["aws_vpc", "module.x", "1abc.d", "aws_vpc.main.id"])
    func rejectsBadAddresses(_ text: String) {
        #expect(throws: AddressParser.Failure.self) { try AddressParser.parseInstance(text) }
    }
}
