import TerraceBasics

/// IAM policy documents as JSON text: the provider's plan-time syntax check, IAM's
/// `MalformedPolicyDocument` rules, and the equivalence the provider uses to suppress diffs
/// between differently written but equal policies.
enum PolicyJSON {
    /// What is wrong with `text` as JSON for a policy (the provider's `ValidIAMPolicyJSON`), if anything.
    static func problem(_ text: String) -> String? {
        if text.first?.isWhitespace == true { return "leading space characters are not allowed" }
        guard text.first == "{" else { return "not a JSON object" }
        guard let j = try? JSONParser.parse(Array(text.utf8)) else { return "invalid JSON" }
        guard case .object = j else { return "not a JSON object" }
        return nil
    }

    /// The kind of document: a trust policy needs principals and no resources; an identity
    /// policy needs resources and no principals.
    enum Kind { case identity, trust, resource }

    /// IAM's check of a policy document, with IAM's messages (`MalformedPolicyDocument: …`).
    static func malformed(_ text: String, kind: Kind) -> CloudError? {
        func bad(_ message: String) -> CloudError { CloudError("MalformedPolicyDocument", message) }
        guard let doc = try? JSONParser.parse(Array(text.utf8)), case .object = doc else {
            return bad("This policy contains invalid Json")
        }
        if let v = doc["Version"], v.stringValue != "2012-10-17" && v.stringValue != "2008-10-17" {
            return bad("The policy failed legacy parsing")
        }
        guard let statementJSON = doc["Statement"] else { return bad("Syntax errors in policy.") }
        let statements: [JSON]
        switch statementJSON {
        case .array(let items): statements = items
        case .object: statements = [statementJSON]
        default: return bad("Syntax errors in policy.")
        }
        if statements.isEmpty { return bad("Syntax errors in policy.") }
        for s in statements {
            guard case .object = s else { return bad("Syntax errors in policy.") }
            guard let effect = s["Effect"]?.stringValue else { return bad("Syntax errors in policy.") }
            guard effect == "Allow" || effect == "Deny" else { return bad("Invalid effect: \(effect)") }
            let actions = strings(s["Action"]) + strings(s["NotAction"])
            if actions.isEmpty { return bad("Policy statement must contain actions.") }
            for a in actions where a != "*" && !a.contains(":") {
                return bad("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
            }
            let hasResource = s["Resource"] != nil || s["NotResource"] != nil
            let hasPrincipal = s["Principal"] != nil || s["NotPrincipal"] != nil
            switch kind {
            case .identity:
                if !hasResource { return bad("Policy statement must contain resources.") }
                if hasPrincipal { return bad("Policy document should not specify a principal.") }
            case .trust:
                if hasResource { return bad("Has prohibited field Resource") }
                if !hasPrincipal { return bad("AssumeRolepolicy contained an invalid principal: \"\"") }
            case .resource:
                break
            }
        }
        return nil
    }

    static func strings(_ j: JSON?) -> [String] {
        switch j {
        case .string(let s)?: return [s]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    /// Whether two policy texts mean the same: equal JSON once single-item arrays are treated
    /// as their item and the order of arrays is ignored (as `awspolicy.PoliciesAreEquivalent`).
    static func equivalent(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = try? JSONParser.parse(Array(a.utf8)), let y = try? JSONParser.parse(Array(b.utf8)) else { return false }
        return normalized(x) == normalized(y)
    }

    static func normalized(_ j: JSON) -> JSON {
        switch j {
        case .array(let items):
            let n = items.map(normalized)
            if n.count == 1 { return n[0] }
            return .array(n.sorted { JSONWriter.compact($0) < JSONWriter.compact($1) })
        case .object(let members):
            return .object(members.map { ($0.0, normalized($0.1)) }.sorted { $0.0 < $1.0 })
        default:
            return j
        }
    }

    /// Compact JSON with sorted keys, for text the cloud stores (task definitions).
    static func canonical(_ text: String) -> String? {
        guard let j = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        return JSONWriter.compact(sortKeys(j))
    }

    static func sortKeys(_ j: JSON) -> JSON {
        switch j {
        case .array(let items): return .array(items.map(sortKeys))
        case .object(let members): return .object(members.map { ($0.0, sortKeys($0.1)) }.sorted { $0.0 < $1.0 })
        default: return j
        }
    }
}
