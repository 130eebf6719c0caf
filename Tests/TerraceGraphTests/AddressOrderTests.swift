import Testing
import TerraceGraph

/// `AbsResourceInstance.sortedIndices` orders addresses exactly as sorting them one by one
/// does (module path, then mode, type and name, then key; equal addresses keep their order).
struct AddressOrderTests {
    @Test func groupedOrderIsTheAddressOrder() {
        var rng = SystemRandomNumberGenerator()
        let modules: [ModuleInstance] = [.root, ModuleInstance([ModuleStep("a", .none)]), ModuleInstance([ModuleStep("a", .string("x"))]),
                                         ModuleInstance([ModuleStep("a", .int(2)), ModuleStep("b", .none)]), ModuleInstance([ModuleStep("b", .int(10))])]
        let resources = [ResourceAddr(.managed, "null_resource", "x"), ResourceAddr(.managed, "aws_vpc", "main"),
                         ResourceAddr(.data, "aws_region", "current"), ResourceAddr(.managed, "null_resource", "items")]
        let keys: [InstanceKey] = [.none, .int(0), .int(2), .int(10), .string("k"), .string("a")]
        for _ in 0..<200 {
            let addrs = (0..<Int.random(in: 0...60, using: &rng)).map { _ in
                AbsResource(modules.randomElement(using: &rng)!, resources.randomElement(using: &rng)!).instance(keys.randomElement(using: &rng)!)
            }
            let expected = addrs.indices.sorted { addrs[$0] != addrs[$1] ? addrs[$0] < addrs[$1] : $0 < $1 }
            #expect(AbsResourceInstance.sortedIndices(addrs) == expected)
        }
    }
}
