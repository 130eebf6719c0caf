import Foundation
import Testing
import TerraceBasics
import TerraceLang
@testable import TerraceProviders

/// terraform_data, null and random: plan, apply, read and import through the provider
/// interface, as Terraform and the real providers do them.
@Suite struct BuiltinProviderTests {
    func config(_ p: any Provider, _ type: String, _ attrs: [String: Value]) -> Value {
        let schema = p.schema.resources[type]?.block ?? SchemaBlock()
        return .object(schema.attributes.mapValues { .null($0.type) }.merging(attrs) { _, b in b })
    }

    func create(_ p: any Provider, _ type: String, _ attrs: [String: Value]) async -> (PlanResponse, ApplyResponse) {
        let c = config(p, type, attrs)
        let plan = p.planResourceChange(PlanRequest(typeName: type, prior: nil, config: c))
        let apply = await p.applyResourceChange(ApplyRequest(typeName: type, prior: nil, planned: plan.planned, config: c, token: "t"))
        return (plan, apply)
    }

    // MARK: terraform_data

    @Test func terraformDataEchoesInputAndReplacesOnTriggers() async throws {
        let p = TerraformProvider()
        let (plan, apply) = await create(p, "terraform_data", ["input": .string("v1"), "triggers_replace": .string("a")])
        #expect(plan.planned["output"]?.isKnown == false, "output is unknown until apply, as Terraform plans it")
        let v = try #require(apply.newState)
        #expect(v["output"] == .string("v1"))
        #expect(v["id"]?.stringValue?.count == 36)
        // A changed input recomputes output in place.
        let inPlace = p.planResourceChange(PlanRequest(typeName: "terraform_data", prior: v, config: config(p, "terraform_data", ["input": .string("v2"), "triggers_replace": .string("a")])))
        #expect(inPlace.requiresReplace.isEmpty && inPlace.planned["id"] == v["id"] && inPlace.planned["output"]?.isKnown == false)
        let updated = await p.applyResourceChange(ApplyRequest(typeName: "terraform_data", prior: v, planned: inPlace.planned, config: nil, token: "u"))
        #expect(updated.newState?["output"] == .string("v2") && updated.newState?["id"] == v["id"])
        // Same configuration: nothing changes.
        let same = p.planResourceChange(PlanRequest(typeName: "terraform_data", prior: v, config: config(p, "terraform_data", ["input": .string("v1"), "triggers_replace": .string("a")])))
        #expect(same.planned == v)
        // A changed trigger replaces it.
        let replace = p.planResourceChange(PlanRequest(typeName: "terraform_data", prior: v, config: config(p, "terraform_data", ["input": .string("v1"), "triggers_replace": .string("b")])))
        #expect(replace.requiresReplace == [["triggers_replace"]] && replace.planned["id"]?.isKnown == false)
        let imported = await p.importResource(type: "terraform_data", id: "abc")
        #expect(imported.state?["id"] == .string("abc") && imported.state?["input"]?.isNull == true)
        #expect(await p.readResource(type: "terraform_data", state: v).state == v)
    }

    // MARK: null

    @Test func nullResourceIsReplacedWhenTriggersChangeAndCannotBeImported() async throws {
        let p = NullProvider()
        let (_, apply) = await create(p, "null_resource", ["triggers": .map(["v": .string("1")])])
        let v = try #require(apply.newState)
        #expect(v["id"]?.stringValue.flatMap(UInt64.init) != nil, "a decimal number, as rand.Int() gives")
        let same = p.planResourceChange(PlanRequest(typeName: "null_resource", prior: v, config: config(p, "null_resource", ["triggers": .map(["v": .string("1")])])))
        #expect(same.requiresReplace.isEmpty && same.planned == v)
        let changed = p.planResourceChange(PlanRequest(typeName: "null_resource", prior: v, config: config(p, "null_resource", ["triggers": .map(["v": .string("2")])])))
        #expect(changed.requiresReplace == [["triggers"]])
        let imported = await p.importResource(type: "null_resource", id: "123")
        #expect(imported.state == nil && imported.diagnostics.firstSummary == "resource null_resource doesn't support import")
        let data = await p.readDataSource(type: "null_data_source", config: .object(["inputs": .map(["a": .string("b")]), "has_computed_default": .null(.string), "id": .null(.string), "outputs": .null(.map(.string)), "random": .null(.string)]))
        #expect(data.state?["outputs"] == .map(["a": .string("b")]) && data.state?["has_computed_default"] == .string("default"))
    }

    // MARK: random

    @Test(arguments: [
        (["length": Value.number(24)], "[A-Za-z0-9!@#$%&*()\\-_=+\\[\\]{}<>:?]{24}"),
        (["length": .number(12), "special": .bool(false)], "[A-Za-z0-9]{12}"),
        (["length": .number(10), "upper": .bool(false), "special": .bool(false), "numeric": .bool(false)], "[a-z]{10}"),
        (["length": .number(16), "override_special": .string("_-")], "[A-Za-z0-9_-]{16}"),
        (["length": .number(8), "number": .bool(false), "special": .bool(false)], "[A-Za-z]{8}"),
    ] as [([String: Value], String)])
    func randomStringsFollowTheirOptions(_ attrs: [String: Value], _ pattern: String) async throws {
        let p = RandomProvider()
        for type in ["random_string", "random_password"] {
            let (plan, apply) = await create(p, type, attrs)
            #expect(plan.planned["result"]?.isKnown == false)
            let v = try #require(apply.newState, "\(apply.diagnostics)")
            let result = try #require(v["result"]?.stringValue)
            #expect(result.range(of: "^\(pattern)$", options: .regularExpression) != nil, "\(result)")
            #expect(v["result"]?.sensitive == (type == "random_password"))
            #expect(v["id"] == (type == "random_password" ? .string("none") : .string(result)))
            #expect(v["number"] == v["numeric"], "number and numeric mirror each other")
        }
    }

    @Test func minimumCountsAreMet() async throws {
        let p = RandomProvider()
        for _ in 0..<20 {
            let (_, apply) = await create(p, "random_string", ["length": .number(8), "min_upper": .number(2), "min_numeric": .number(3), "min_special": .number(1)])
            let s = try #require(apply.newState?["result"]?.stringValue)
            #expect(s.filter(\.isUppercase).count >= 2 && s.filter(\.isNumber).count >= 3 && s.count == 8)
        }
    }

    @Test func passwordsCarryAVerifiableBcryptHash() async throws {
        let p = RandomProvider()
        let (_, apply) = await create(p, "random_password", ["length": .number(20)])
        let v = try #require(apply.newState)
        let hash = try #require(v["bcrypt_hash"]?.stringValue)
        #expect(v["bcrypt_hash"]?.sensitive == true)
        #expect(Bcrypt.verify(try #require(v["result"]?.stringValue), hash: hash))
    }

    @Test(arguments: [
        (["length": Value.number(0)], "Attribute length value must be at least 1, got: 0"),
        (["length": .number(3), "min_upper": .number(2), "min_lower": .number(2)], "Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 3"),
    ] as [([String: Value], String)])
    func randomValidation(_ attrs: [String: Value], _ message: String) {
        let p = RandomProvider()
        let d = p.validateResource(type: "random_password", config: config(p, "random_password", attrs))
        #expect(d.items.first?.detail == message)
    }

    @Test func everyArgumentForcesReplacement() {
        let p = RandomProvider()
        for (type, schema) in p.schema.resources {
            for (name, a) in schema.block.attributes where a.optional || a.required {
                #expect(a.forceNew, "\(type).\(name)")
            }
        }
    }

    @Test func randomIDEncodings() {
        let v = RandomProvider.idValue([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0xff, 0x10, 0x20], prefix: "p-", keepers: .null(.map(.string)))
        #expect(v["hex"] == .string("p-deadbeef0001ff1020"))
        #expect(v["b64_std"] == .string("p-3q2+7wAB/xAg"))
        #expect(v["b64_url"] == .string("p-3q2-7wAB_xAg"))
        #expect(v["id"] == .string("3q2-7wAB_xAg"))
        #expect(v["dec"] == .string("p-4107696891160969547808"), "more than 64 bits in decimal (Python: int.from_bytes(…, \"big\"))")
        #expect(RandomProvider.decimal([]) == "0")
    }

    @Test func imports() async throws {
        let p = RandomProvider()
        let id = await p.importResource(type: "random_id", id: "pre-,3q2-7w")
        #expect(id.state?["hex"] == .string("pre-deadbeef") && id.state?["prefix"] == .string("pre-") && id.state?["byte_length"] == .number(4))
        #expect(await p.importResource(type: "random_id", id: "not base64!").diagnostics.firstSummary == "Import Random ID Error")
        let pw = await p.importResource(type: "random_password", id: "s3cret")
        #expect(pw.state?["result"]?.sensitive == true && pw.state?["length"] == .number(6) && pw.state?["id"] == .string("none"))
        let s = await p.importResource(type: "random_string", id: "abc")
        #expect(s.state?["id"] == .string("abc") && s.state?["special"] == .bool(true))
        // An imported password plans no change against the configuration that would make it.
        let plan = p.planResourceChange(PlanRequest(typeName: "random_password", prior: pw.state, config: config(p, "random_password", ["length": .number(6)])))
        #expect(plan.requiresReplace.isEmpty)
    }

    @Test func randomGeneratorFailsCleanlyWithoutCharacters() {
        var g = RandomString(length: 4)
        g.upper = false; g.lower = false; g.numeric = false; g.special = false
        #expect(throws: RandomString.Failure.self) { try g.generate() }
        var empty = RandomString(length: 4)
        empty.special = true
        empty.minSpecial = 2
        empty.overrideSpecial = ""
        #expect(throws: RandomString.Failure.self) { try empty.generate() }
    }

    // MARK: Registry

    @Test func builtinsRegisterByType() {
        let r = ProviderRegistry.builtins()
        #expect(r.names == ["null", "random", "terraform"])
        #expect(r.address("random") == "registry.terraform.io/hashicorp/random" && r["random"]?.version == "3.5.1")
        #expect(r.address("terraform") == "terraform.io/builtin/terraform")
        #expect(r.address("time") == "registry.terraform.io/hashicorp/time", "an unregistered name gets the default address")
        #expect(r["null"]?.make() is NullProvider)
    }
}

extension Diagnostics {
    var firstSummary: String { items.first?.summary ?? "" }
}

/// The built-in resource types through the provider interface: create, read, a plan of the same
/// configuration that changes nothing, replacement, import and delete.
@Suite struct BuiltinLifecycleTests {
    struct Case: CustomStringConvertible, Sendable {
        var type: String
        var provider: @Sendable () -> any Provider
        var config: [String: Value]
        var replaced: [String: Value]
        var replacePath: String
        /// The import ID for an object, or nil when the type cannot be imported.
        var importID: (@Sendable (Value) -> String)?
        var description: String { type }
    }

    static let cases: [Case] = [
        Case(type: "terraform_data", provider: { TerraformProvider() }, config: ["input": .string("a"), "triggers_replace": .string("1")],
             replaced: ["input": .string("a"), "triggers_replace": .string("2")], replacePath: "triggers_replace", importID: { $0["id"]?.stringValue ?? "" }),
        Case(type: "null_resource", provider: { NullProvider() }, config: ["triggers": .map(["v": .string("1")])],
             replaced: ["triggers": .map(["v": .string("2")])], replacePath: "triggers", importID: nil),
        Case(type: "random_password", provider: { RandomProvider() }, config: ["length": .number(16)],
             replaced: ["length": .number(20)], replacePath: "length", importID: { $0["result"]?.stringValue ?? "" }),
        Case(type: "random_string", provider: { RandomProvider() }, config: ["length": .number(8), "special": .bool(false)],
             replaced: ["length": .number(8), "special": .bool(true)], replacePath: "special", importID: { $0["result"]?.stringValue ?? "" }),
        Case(type: "random_id", provider: { RandomProvider() }, config: ["byte_length": .number(8)],
             replaced: ["byte_length": .number(8), "prefix": .string("x-")], replacePath: "prefix", importID: { $0["id"]?.stringValue ?? "" }),
    ]

    func config(_ p: any Provider, _ type: String, _ attrs: [String: Value]) -> Value {
        let schema = p.schema.resources[type]?.block ?? SchemaBlock()
        return .object(schema.attributes.mapValues { .null($0.type) }.merging(attrs) { _, b in b })
    }

    @Test(arguments: cases)
    func lifecycle(_ c: Case) async throws {
        let p = c.provider()
        let cfg = config(p, c.type, c.config)
        let plan = p.planResourceChange(PlanRequest(typeName: c.type, prior: nil, config: cfg))
        let created = try #require(await p.applyResourceChange(ApplyRequest(typeName: c.type, prior: nil, planned: plan.planned, config: cfg, token: "t")).newState)
        #expect(created.isWhollyKnown, "every unknown resolved on create")
        let read = try #require(await p.readResource(type: c.type, state: created).state)
        #expect(read == created)
        let again = p.planResourceChange(PlanRequest(typeName: c.type, prior: read, config: cfg))
        #expect(again.requiresReplace.isEmpty && Evaluator.valuesEqual(again.planned.unmarkedDeep, read.unmarkedDeep))
        let replace = p.planResourceChange(PlanRequest(typeName: c.type, prior: read, config: config(p, c.type, c.replaced)))
        #expect(replace.requiresReplace.map { $0.joined(separator: ".") } == [c.replacePath])
        if let importID = c.importID {
            let imported = try #require(await p.importResource(type: c.type, id: importID(read)).state)
            #expect(imported["id"] == read["id"])
        } else {
            #expect(await p.importResource(type: c.type, id: "x").diagnostics.hasErrors)
        }
        let deleted = await p.applyResourceChange(ApplyRequest(typeName: c.type, prior: read, planned: nil, config: nil, token: "d"))
        #expect(deleted.newState == nil && !deleted.diagnostics.hasErrors)
    }
}
