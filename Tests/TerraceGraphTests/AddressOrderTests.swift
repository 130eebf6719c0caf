import Testing
import TerraceBasics
import TerraceGraph

/// `AbsResourceInstance.sortedIndices` and `AbsResource.sorted` (packed byte keys) order
/// addresses exactly as sorting them with `<` does (module path, then mode, type and name, then
/// key; equal addresses keep their order), including names that are prefixes of others, paths
/// that are prefixes of others, negative and large indices.
struct AddressOrderTests {
    static let modules: [ModuleInstance] = [
        .root, ModuleInstance([ModuleStep("a", .none)]), ModuleInstance([ModuleStep("a", .string("x"))]),
        ModuleInstance([ModuleStep("a", .string("x")), ModuleStep("c", .none)]), ModuleInstance([ModuleStep("ab", .none)]),
        ModuleInstance([ModuleStep("a", .int(2)), ModuleStep("b", .none)]), ModuleInstance([ModuleStep("a", .int(10))]),
        ModuleInstance([ModuleStep("b", .int(-1))]), ModuleInstance([ModuleStep("b", .string(""))]),
    ]
    static let resources = [ResourceAddr(.managed, "null_resource", "x"), ResourceAddr(.managed, "null_resource", "x2"),
                            ResourceAddr(.managed, "aws_vpc", "main"), ResourceAddr(.data, "aws_region", "current"),
                            ResourceAddr(.managed, "null_resource", "items"), ResourceAddr(.managed, "null", "resource_x")]
    static let keys: [InstanceKey] = [.none, .int(0), .int(2), .int(10), .int(-3), .int(Int.max), .string("k"), .string("a"), .string(""), .string("é")]

    @Test(arguments: 0..<100)
    func packedOrderIsTheAddressOrder(_ seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let addrs = (0..<rng.below(80)).map { _ in
            AbsResource(Self.modules[rng.below(Self.modules.count)], Self.resources[rng.below(Self.resources.count)])
                .instance(Self.keys[rng.below(Self.keys.count)])
        }
        let expected = addrs.indices.sorted { addrs[$0] != addrs[$1] ? addrs[$0] < addrs[$1] : $0 < $1 }
        #expect(AbsResourceInstance.sortedIndices(addrs) == expected)
        let resources = Set(addrs.map(\.resource))
        #expect(AbsResource.sorted(resources) == resources.sorted())
    }
}

extension AddressOrderTests {
    /// State files sort modules by their address text; the key written in pieces orders as it.
    @Test func moduleKeysOrderAsTheirText() {
        let modules = Self.modules + [ModuleInstance([ModuleStep("a", .int(-1))]), ModuleInstance([ModuleStep("a", .string("q\"<"))]),
                                      ModuleInstance([ModuleStep("a", .int(1)), ModuleStep("a", .int(1))]), ModuleInstance([ModuleStep("a-b", .none)])]
        var keys = PackedSortKeys()
        for m in modules { keys.append { k in m.appendDescription(to: &k); k.end() } }
        let texts = modules.map(\.description)
        #expect(keys.sortedIndices() == texts.indices.sorted { texts[$0] != texts[$1] ? texts[$0] < texts[$1] : $0 < $1 })
    }
}
