import Testing
import TerraceBasics
@testable import TerraceEngine
import TerraceLang
import TerraceProviders
import TerraceState

/// Sensitive marks inside values, recorded in state as Terraform 1.0.3 records them: one
/// path per marked value, element by element.
struct SensitivePathsTests {
    let value = Value.object([
        "id": .string("1"),
        "triggers": .map(["v": Value.string("hello").marked(), "w": .string("plain")], element: .string),
        "ports": .list([.number(80), Value.number(443).marked()], element: .number),
        "password": Value.string("pw").marked(),
        "names": .set([Value.string("a").marked()], element: .string),
    ])

    @Test func pathsNameEachMarkedValueOutermostFirst() {
        #expect(value.sensitivePaths == [[.attr("names")], [.attr("password")], [.attr("ports"), .index(1)], [.attr("triggers"), .key("v")]])
        #expect(Value.string("x").marked().sensitivePaths == [[]])
        #expect(Value.object(["a": .string("x")]).sensitivePaths.isEmpty)
    }

    @Test func markingThePathsOfAValueGivesItsMarksBack() {
        let plain = value.unmarkedDeep
        #expect(!plain.containsSensitive)
        let remarked = plain.marking(value.sensitivePaths)
        #expect(remarked.sensitivePaths == value.sensitivePaths)
        #expect(remarked["triggers"]?["w"]?.sensitive == false)
    }

    @Test func aPathThatCannotBeFollowedMarksWhereItStops() {
        let v = Value.object(["tags": .null(.map(.string))])
        #expect(v.marking([[.attr("tags"), .key("Secret")]]).sensitivePaths == [[.attr("tags")]])
        #expect(v.marking([[.attr("missing"), .key("x")]]).sensitive)
    }

    /// The state Terraform 1.0.3 wrote for `triggers = { v = var.x, w = "plain" }` with a
    /// sensitive `var.x` (`terraform apply`, then `terraform.tfstate`).
    static let terraformInstance = """
        {"schema_version": 0, "attributes": {"id": "6394851003788995311", "triggers": {"v": "hello", "w": "plain"}},
         "sensitive_attributes": [[{"type": "get_attr", "value": "triggers"}, {"type": "index", "value": {"value": "v", "type": "string"}}]],
         "private": "bnVsbA=="}
        """

    @Test func terraformsPathsReadAndWriteBackUnchanged() throws {
        let schema = try #require(ProviderRegistry.builtins()["null"]?.make().schema.resources["null_resource"])
        let json = try JSONParser.parse(Self.terraformInstance)
        let paths = try #require(json["sensitive_attributes"]?.arrayValue)
        let obj = InstanceObject(attributes: try #require(json["attributes"]), sensitivePaths: paths, dependencies: [], schemaVersion: 0)
        let v = StateCodec.decode(obj, schema: schema)
        #expect(v["triggers"]?["v"]?.sensitive == true)
        #expect(v["triggers"]?["w"]?.sensitive == false)
        #expect(v["triggers"]?.sensitive == false)
        #expect(StateCodec.encode(v, schema: schema, dependencies: []).sensitivePaths == paths)
        let list = StateCodec.json([.attr("ports"), .index(1)])
        #expect(StateCodec.path(list) == [.attr("ports"), .index(1)])
    }
}
