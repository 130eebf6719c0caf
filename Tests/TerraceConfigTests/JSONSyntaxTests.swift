import Testing
import TerraceBasics
import TerraceHCL
import TerraceTestSupport

/// `.tf.json` files decode to the same configuration as their native twins: the plans of
/// `Tests/Fixtures/config/json/native` and `…/json` are identical. Enabled once JSON syntax
/// is parsed (`JSONSyntax.parse`); the decoders already resolve JSON bodies with block hints.
@Suite struct JSONSyntaxTests {
    static var supported: Bool {
        !JSONSyntax.parse(Array("{}".utf8), filename: "probe.tf.json", sources: nil).1.hasErrors
    }

    @Test(.enabled(if: supported)) func jsonPlansLikeNative() async {
        let native = await ConfigFixture(name: "json/native").run()
        let json = await ConfigFixture(name: "json/json").run()
        #expect(!native.validation.hasErrors, "\(native.validation)")
        #expect(!json.validation.hasErrors, "\(json.validation)")
        #expect(native.planText != nil && native.planText == json.planText,
                "\(Golden.diffOrEmpty(native.planText, json.planText))")
    }

    /// The native twin is a valid configuration whatever the state of JSON support.
    @Test func nativeTwinPlans() async {
        let native = await ConfigFixture(name: "json/native").run()
        #expect(!native.validation.hasErrors, "\(native.validation)")
        #expect(native.plan?.errored == false, "\(native.planText ?? "")")
        #expect(native.planText?.contains("Plan: 3 to add, 0 to change, 0 to destroy.") == true, "\(native.planText ?? "")")
    }
}

extension Golden {
    static func diffOrEmpty(_ a: String?, _ b: String?) -> String { diff(a ?? "", b ?? "") }
}
