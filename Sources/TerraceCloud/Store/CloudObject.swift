import TerraceBasics

/// One object in the simulated cloud.
public struct CloudObject: Sendable, Hashable {
    public var kind: String
    public var id: String
    public var account: String
    public var region: String
    /// The object's attributes, named as the Terraform AWS provider names them.
    public var attributes: JSON
    /// The idempotency token of the call that created it.
    public var token: String?
    /// The object that created this one and deletes it with itself (a VPC's default security
    /// group, main route table and network ACL); nil for objects users create.
    public var managedBy: String?

    public init(kind: String, id: String, account: String, region: String, attributes: JSON, token: String? = nil, managedBy: String? = nil) {
        self.kind = kind
        self.id = id
        self.account = account
        self.region = region
        self.attributes = attributes
        self.token = token
        self.managedBy = managedBy
    }

    var json: JSON {
        var m: [(String, JSON)] = [("kind", .string(kind)), ("id", .string(id)), ("account", .string(account)),
                                   ("region", .string(region)), ("attributes", attributes)]
        if let token { m.append(("token", .string(token))) }
        if let managedBy { m.append(("managed_by", .string(managedBy))) }
        return .object(m)
    }

    static func from(_ j: JSON) -> CloudObject? {
        guard let kind = j["kind"]?.stringValue, let id = j["id"]?.stringValue, let account = j["account"]?.stringValue,
              let region = j["region"]?.stringValue, let attrs = j["attributes"] else { return nil }
        return CloudObject(kind: kind, id: id, account: account, region: region, attributes: attrs,
                           token: j["token"]?.stringValue, managedBy: j["managed_by"]?.stringValue)
    }

    public subscript(key: String) -> JSON? { attributes[key] }

    /// Whether any attribute, at any depth, is the string `value` (an ID or ARN it refers to).
    public func refers(to value: String) -> Bool { Self.contains(attributes, value) }

    static func contains(_ j: JSON, _ value: String) -> Bool {
        switch j {
        case .string(let s): return s == value
        case .array(let items): return items.contains { contains($0, value) }
        case .object(let members): return members.contains { contains($0.1, value) }
        default: return false
        }
    }
}
