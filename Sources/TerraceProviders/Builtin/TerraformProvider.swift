import Foundation
import TerraceBasics
import TerraceLang

/// The built-in `terraform` provider's `terraform_data` (Terraform 1.4+): `input` is stored and
/// echoed as `output`; a change of `triggers_replace` replaces the object, a change of `input`
/// recomputes `output` in place. Plans and applies as `internal/builtin/providers/terraform`.
public final class TerraformProvider: LocalProvider, RegisteredProvider {
    public static let localName = "terraform"
    public static let source = "terraform.io/builtin/terraform"
    public static let version = "1.0.3"

    public init() {}

    public let schema = ProviderSchema(resources: [
        "terraform_data": ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "input": .optional(.dynamic),
            "output": .computed(.dynamic),
            "triggers_replace": .optional(.dynamic),
        ])),
    ])

    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard var planned = req.config.attributes else { return PlanResponse(planned: req.config) }
        let input = planned["input"] ?? .dynamicNull
        let trigger = planned["triggers_replace"] ?? .dynamicNull
        let unknownOutput: Value = input.isNull ? input : .unknown(input.type)
        guard let prior = req.prior, !prior.isNull else {
            planned["id"] = .unknown(.string)
            planned["output"] = unknownOutput
            return PlanResponse(planned: .object(planned))
        }
        planned["id"] = prior["id"] ?? .unknown(.string)
        planned["output"] = prior["output"] ?? .dynamicNull
        var replace: [AttributePath] = []
        if !rawEqual(prior["triggers_replace"] ?? .dynamicNull, trigger) {
            replace.append(["triggers_replace"])
            planned["id"] = .unknown(.string)
            planned["output"] = unknownOutput
        } else if !rawEqual(prior["input"] ?? .dynamicNull, input) {
            planned["output"] = .unknown(input.type)
        }
        return PlanResponse(planned: .object(planned), requiresReplace: replace)
    }

    /// cty's RawEquals: equal values of equal types; unknown is never equal.
    func rawEqual(_ a: Value, _ b: Value) -> Bool {
        a.isWhollyKnown && b.isWhollyKnown && a.unmarkedDeep == b.unmarkedDeep
    }

    public func create(type: String, planned: Value) throws(LocalProviderError) -> Value {
        resolveUnknowns(planned) { k in
            switch k {
            case "id": return .string(RandomUUID.string())
            case "output": return planned["input"] ?? .dynamicNull
            default: return .dynamicNull
            }
        }
    }

    /// An in-place update: a changed `input` becomes the new `output`.
    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let planned = req.planned, !planned.isNull else { return ApplyResponse(newState: nil) }
        do {
            return ApplyResponse(newState: try create(type: req.typeName, planned: planned))
        } catch {
            return ApplyResponse(newState: nil, diagnostics: Diagnostics([.error(error.summary, error.detail)]))
        }
    }

    /// Import gives the ID and nothing else, as Terraform's `importDataStore`.
    public func importResource(type: String, id: String) async -> ReadResponse {
        ReadResponse(state: .object(["id": .string(id), "input": .dynamicNull, "output": .dynamicNull, "triggers_replace": .dynamicNull]))
    }
}
