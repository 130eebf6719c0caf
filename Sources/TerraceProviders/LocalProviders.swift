import Foundation
import TerraceBasics
import TerraceLang

/// A provider whose objects exist only in state (no cloud calls): terraform, null and random.
/// Applying is computing the new object from the planned one.
public protocol LocalProvider: Provider {
    func create(type: String, planned: Value) -> Value
}

extension LocalProvider {
    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let planned = req.planned else { return ApplyResponse(newState: nil) }
        if let prior = req.prior, !prior.isNull {
            // In-place update: carry computed values forward.
            return ApplyResponse(newState: fillUnknown(planned, from: prior))
        }
        return ApplyResponse(newState: create(type: req.typeName, planned: planned))
    }

    public func readResource(type: String, state: Value) async -> ReadResponse { ReadResponse(state: state) }

    func fillUnknown(_ v: Value, from prior: Value) -> Value {
        guard var attrs = v.attributes, let p = prior.attributes else { return v }
        for (k, a) in attrs where !a.isKnown { attrs[k] = p[k] ?? .null(a.type) }
        return Value(.object(attrs), sensitive: v.sensitive)
    }
}

/// Replaces every unknown inside `v` with the result of `f` for that attribute name.
func resolveUnknowns(_ v: Value, _ f: (String) -> Value) -> Value {
    guard var attrs = v.attributes else { return v }
    for (k, a) in attrs where !a.isKnown { attrs[k] = f(k) }
    return Value(.object(attrs), sensitive: v.sensitive)
}

/// `terraform_data`, built into Terraform.
public final class TerraformProvider: LocalProvider {
    public init() {}
    public let schema = ProviderSchema(resources: [
        "terraform_data": ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "input": .optional(.dynamic),
            "output": .computed(.dynamic),
            "triggers_replace": .optional(.dynamic, forceNew: true),
        ])),
    ])

    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        var r = SchemaPlanner.plan(schema: schema.resources[req.typeName]!.block, prior: req.prior, config: req.config)
        // `output` mirrors `input`; a changed input means a new output.
        if var attrs = r.planned.attributes {
            let input = attrs["input"] ?? .dynamicNull
            if let prior = req.prior, r.requiresReplace.isEmpty, let pin = prior["input"], Evaluator.valuesEqual(pin, input) {
                attrs["output"] = prior["output"] ?? input
            } else {
                attrs["output"] = input.isWhollyKnown ? input : .unknown(input.type)
            }
            r.planned = .object(attrs)
        }
        return r
    }

    public func create(type: String, planned: Value) -> Value {
        resolveUnknowns(planned) { k in
            switch k {
            case "id": return .string(UUID().uuidString.lowercased())
            case "output": return planned["input"] ?? .dynamicNull
            default: return .dynamicNull
            }
        }
    }

    public func importResource(type: String, id: String) async -> ReadResponse {
        ReadResponse(state: .object(["id": .string(id), "input": .dynamicNull, "output": .dynamicNull, "triggers_replace": .dynamicNull]))
    }
}

/// hashicorp/null 2.1.2: `null_resource`, replaced whenever `triggers` change.
public final class NullProvider: LocalProvider {
    public init() {}
    public let schema = ProviderSchema(resources: [
        "null_resource": ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "triggers": .optional(.map(.string), forceNew: true),
        ])),
    ])

    public func create(type: String, planned: Value) -> Value {
        resolveUnknowns(planned) { k in
            k == "id" ? .string(String(UInt64.random(in: 1...UInt64(Int64.max)))) : .dynamicNull
        }
    }

    public func importResource(type: String, id: String) async -> ReadResponse {
        ReadResponse(state: .object(["id": .string(id), "triggers": .null(.map(.string))]))
    }
}
