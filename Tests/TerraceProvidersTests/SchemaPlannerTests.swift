import Testing
import TerraceLang
@testable import TerraceProviders

/// The plan every schema-described resource gets: computed values, defaults, sensitivity and
/// replacement, at the top level and in nested blocks.
@Suite struct SchemaPlannerTests {
    static let rule = SchemaBlock(attributes: [
        "port": .required(.number, forceNew: true),
        "description": .optional(.string),
    ])

    static let schema = SchemaBlock(attributes: [
        "id": .computed(.string),
        "name": .required(.string, forceNew: true),
        "size": .optional(.number, default: .number(10)),
        "zone": .optionalComputed(.string, forceNew: true),
        "secret": .optional(.string, sensitive: true),
        "token": .computed(.string, sensitive: true),
    ], blockTypes: [
        "listener": NestedBlock(.list, rule),
        "rule": NestedBlock(.set, rule),
        "setting": NestedBlock(.list, SchemaBlock(attributes: ["value": .optional(.string)]), maxItems: 1, forceNew: true),
        "kept": NestedBlock(.set, SchemaBlock(attributes: ["value": .optional(.string)])),
    ])

    func config(_ attrs: [String: Value]) -> Value {
        var out: [String: Value] = [:]
        for (k, a) in Self.schema.attributes { out[k] = attrs[k] ?? .null(a.type) }
        for (k, nb) in Self.schema.blockTypes {
            out[k] = attrs[k] ?? (nb.nesting == .set ? Value(.set([], element: nb.block.impliedType)) : Value(.list([], element: nb.block.impliedType)))
        }
        return .object(out)
    }

    func listener(_ port: Int, _ description: String? = nil) -> Value {
        .object(["port": .number(port), "description": description.map(Value.string) ?? .null(.string)])
    }

    var prior: Value {
        config(["id": .string("x-1"), "name": .string("a"), "size": .number(10), "zone": .string("z1"), "token": .string("t"),
                "listener": .list([listener(80)]), "rule": .set([listener(443)])])
    }

    @Test func createMakesComputedValuesUnknownAndAppliesDefaults() {
        let r = SchemaPlanner.plan(schema: Self.schema, prior: nil, config: config(["name": .string("a"), "secret": .string("s")]))
        #expect(r.requiresReplace.isEmpty)
        #expect(r.planned["id"]?.isKnown == false && r.planned["zone"]?.isKnown == false)
        #expect(r.planned["size"] == .number(10))
        #expect(r.planned["secret"]?.sensitive == true && r.planned["token"]?.sensitive == true)
    }

    @Test func sameConfigurationPlansThePriorObject() {
        let r = SchemaPlanner.plan(schema: Self.schema, prior: prior, config: config(["name": .string("a"), "listener": .list([listener(80)]), "rule": .set([listener(443)])]))
        #expect(r.requiresReplace.isEmpty)
        #expect(r.planned["id"] == .string("x-1") && r.planned["zone"] == .string("z1"))
        #expect(r.planned["token"]?.sensitive == true, "a prior sensitive value stays marked")
        #expect(Evaluator.valuesEqual(r.planned.unmarkedDeep, prior.unmarkedDeep))
    }

    @Test(arguments: [
        (["name": Value.string("b")], [["name"]]),
        (["zone": .string("z2")], [["zone"]]),
        (["listener": .list([Value.object(["port": .number(81), "description": .null(.string)])])], [["listener", "0", "port"]]),
        (["rule": .set([Value.object(["port": .number(444), "description": .null(.string)])])], [["rule"]]),
        (["setting": .list([Value.object(["value": .string("on")])])], [["setting"]]),
        (["size": .number(20)], []),
        (["listener": .list([Value.object(["port": .number(80), "description": .string("http")])])], []),
        (["name": .unknown(.string)], [["name"]]),
    ] as [([String: Value], [[String]])])
    func replacementWhereAForceNewValueChanges(_ change: [String: Value], _ expected: [[String]]) {
        var attrs: [String: Value] = ["name": .string("a"), "listener": .list([listener(80)]), "rule": .set([listener(443)])]
        for (k, v) in change { attrs[k] = v }
        let r = SchemaPlanner.plan(schema: Self.schema, prior: prior, config: config(attrs))
        #expect(r.requiresReplace == expected)
        if !expected.isEmpty {
            #expect(r.planned["id"]?.isKnown == false, "a replacement's computed values are new")
        }
    }

    @Test func computedBlocksKeepTheirPriorItemsWhenNoneAreConfigured() {
        var p = prior
        p = Value.object((p.attributes ?? [:]).merging(["kept": .set([.object(["value": .string("from elsewhere")])])]) { _, b in b })
        let same = config(["name": .string("a"), "listener": .list([listener(80)]), "rule": .set([listener(443)])])
        let kept = SchemaPlanner.plan(schema: Self.schema, prior: p, config: same, computedBlocks: ["kept"])
        #expect(kept.requiresReplace.isEmpty)
        #expect(kept.planned["kept"]?.elements?.count == 1)
        let dropped = SchemaPlanner.plan(schema: Self.schema, prior: p, config: same)
        #expect(dropped.planned["kept"]?.elements?.isEmpty == true)
    }

    @Test func anUnknownBlockCollectionStaysUnknown() {
        let r = SchemaPlanner.plan(schema: Self.schema, prior: nil, config: config(["name": .string("a"), "listener": .unknown(.list(Self.rule.impliedType))]))
        #expect(r.planned["listener"]?.isKnown == false)
    }
}
