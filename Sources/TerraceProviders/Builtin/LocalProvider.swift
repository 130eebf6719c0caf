import Foundation
import TerraceBasics
import TerraceLang

/// A provider whose objects exist only in state (no cloud calls): terraform, null and random.
/// Creating computes the new object from the planned one; updating carries computed values
/// forward; reading returns the state unchanged; deleting forgets the object.
public protocol LocalProvider: Provider {
    /// The new object for a planned one: every unknown resolved.
    func create(type: String, planned: Value) throws(LocalProviderError) -> Value
}

/// A failure of a local provider, shown as Terraform shows the real provider's diagnostic.
public struct LocalProviderError: Error, Sendable {
    public var summary: String
    public var detail: String
    public init(_ summary: String, _ detail: String) {
        self.summary = summary
        self.detail = detail
    }
}

extension LocalProvider {
    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let planned = req.planned, !planned.isNull else { return ApplyResponse(newState: nil) }
        if let prior = req.prior, !prior.isNull {
            return ApplyResponse(newState: fillUnknown(planned, from: prior))
        }
        do {
            return ApplyResponse(newState: try create(type: req.typeName, planned: planned))
        } catch {
            return ApplyResponse(newState: nil, diagnostics: Diagnostics([.error(error.summary, error.detail)]))
        }
    }

    public func readResource(type: String, state: Value) async -> ReadResponse { ReadResponse(state: state) }

    /// An in-place update keeps the prior value of anything still unknown.
    func fillUnknown(_ v: Value, from prior: Value) -> Value {
        guard var attrs = v.attributes, let p = prior.attributes else { return v }
        for (k, a) in attrs where !a.isKnown { attrs[k] = p[k] ?? .null(a.type) }
        return Value(.object(attrs), sensitive: v.sensitive)
    }
}

/// Replaces every unknown attribute of `v` with the result of `f` for that attribute name.
public func resolveUnknowns(_ v: Value, _ f: (String) -> Value) -> Value {
    guard var attrs = v.attributes else { return v }
    for (k, a) in attrs where !a.isKnown { attrs[k] = f(k) }
    return Value(.object(attrs), sensitive: v.sensitive)
}

/// The "doesn't support import" error Terraform prints for resource types without an importer.
func importNotSupported(_ type: String) -> ReadResponse {
    ReadResponse(state: nil, diagnostics: Diagnostics([.error("resource \(type) doesn't support import")]))
}
