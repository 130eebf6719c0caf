import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// Planning the protocol's default way (schema planning plus `tags_all`), for resources that
/// refine the plan and still want the default underneath.
struct StandardPlanner: AWSResource {
    static let typeName = "standard"
    let serviceName = "standard"
    let schema: ResourceSchema

    func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        throw CloudError("InternalFailure", "the standard planner creates nothing")
    }
}

extension AWSResource {
    /// The default plan of this resource's schema.
    func basePlan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = StandardPlanner(schema: schema).plan(req, context: context)
        if r.requiresReplace.isEmpty, let prior = req.prior, !prior.isNull {
            r.planned = ZeroValues.keepPrior(r.planned, prior: prior, block: schema.block)
        }
        return r
    }

    /// Plans with the blocks the provider fills in (`names`) kept from the prior object when
    /// configuration leaves them out, unless something else forces a replacement.
    func basePlan(_ req: PlanRequest, keeping names: [String], context: AWSContext) -> PlanResponse {
        let first = basePlan(req, context: context)
        guard let prior = req.prior, !prior.isNull, var config = req.config.attributes,
              first.requiresReplace.allSatisfy({ names.contains($0.first ?? "") }) else { return first }
        var kept = false
        for name in names where (config[name]?.elements ?? []).isEmpty {
            if let p = prior[name], !(p.elements ?? []).isEmpty {
                config[name] = p
                kept = true
            }
        }
        guard kept else { return first }
        return basePlan(PlanRequest(typeName: req.typeName, prior: prior, config: Value(.object(config), sensitive: req.config.sensitive)), context: context)
    }

    /// Runs a create under the store lock. A retried call (same token) gets the object the
    /// first call made, as AWS's idempotency tokens promise.
    func creating(_ token: String, _ context: AWSContext, _ body: (CloudTransaction) throws -> Value) throws -> Value {
        try context.store.mutate { tx in
            if let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            return try body(tx)
        }
    }

    /// The planned value with its unknown attributes taken from `values` where given; the rest
    /// stay unknown until `save` settles them to zero values.
    func filled(_ planned: Value, _ values: [String: Value]) -> Value {
        guard var attrs = planned.unmarkedDeep.attributes else { return planned }
        for (k, v) in attrs where !v.isKnown {
            if let f = values[k] { attrs[k] = f }
        }
        return .object(attrs)
    }

    /// Stores the value with every remaining unknown settled to its zero value, and returns
    /// what was stored. Beside the Terraform attributes an object can carry state AWS keeps
    /// but the schema does not show (a key's `key_state`, a secret's `deleted_date`): `extra`
    /// sets such members, and those of `keeping` (the object being replaced) carry over.
    @discardableResult
    func save(_ v: Value, id: String, token: String?, tx: CloudTransaction, context: AWSContext,
              extra: [String: JSON] = [:], keeping prior: CloudObject? = nil) throws -> Value {
        let final = Build.settled(v.unmarkedDeep)
        var json = ValueJSON.encode(final)
        let names = Set(schema.block.attributes.keys).union(schema.block.blockTypes.keys)
        for (k, j) in prior?.attributes.objectValue ?? [] where !names.contains(k) && extra[k] == nil {
            json = json.setting(k, j)
        }
        for (k, j) in extra.sorted(by: { $0.key < $1.key }) { json = json.setting(k, j) }
        try tx.put(CloudObject(kind: Self.typeName, id: StoreKey.encode(id), account: context.account, region: context.region,
                               attributes: json, token: token))
        return final
    }

    /// A member of an object's state beyond its Terraform attributes.
    func extra(_ o: CloudObject?, _ key: String) -> JSON? { o?[key] }

    func object(_ id: String, _ tx: CloudTransaction, _ context: AWSContext) -> CloudObject? {
        tx.fetch(Self.typeName, id, context)
    }

    /// An in-place update: the planned value over the prior one, checked and adjusted by `body`
    /// under the store lock, then stored. `missing` is the error AWS gives for an unknown id.
    func updating(_ prior: Value, _ planned: Value, context: AWSContext, missing: (String) -> CloudError,
                  extra: (Value) -> [String: JSON] = { _ in [:] },
                  _ body: (CloudTransaction, CloudObject, Value) throws -> Value) throws -> Value {
        guard let id = prior["id"]?.stringValue else { throw CloudError("InvalidParameterValue", "missing id") }
        let merged = filled(planned, prior.unmarkedDeep.attributes ?? [:])
        return try context.store.mutate { tx in
            guard let o = object(id, tx, context) else { throw missing(id) }
            let v = try body(tx, o, merged)
            return try save(v, id: id, token: o.token, tx: tx, context: context, extra: extra(v), keeping: o)
        }
    }

    /// `tags_all` as AWS reports it: the provider's default tags overlaid with the resource's own.
    func tagsAll(_ planned: Value, _ context: AWSContext) -> Value {
        if let known = planned["tags_all"], known.isWhollyKnown, !known.isNull { return known }
        var merged = context.defaultTags
        for (k, v) in Fields(planned).map("tags") { merged[k] = v }
        return Build.stringMap(merged)
    }

    /// Refresh for attributes AWS never returns (passwords, delete-time options): they keep
    /// the values in state, so only what the API reports can drift.
    func keepingConfigOnly(_ current: Value, from state: Value, _ names: [String]) -> Value {
        var changes: [String: Value] = [:]
        for n in names { changes[n] = state[n] ?? current[n] }
        return Build.with(current, changes)
    }
}

/// Who uses an object: the in-use checks behind `DependencyViolation`-style errors.
enum Usage {
    /// Objects of `kind` in the context's account and region whose attribute `attribute` (a
    /// string, or a list or set of strings) holds `value`.
    static func users(_ tx: CloudTransaction, _ kind: String, _ attribute: String, _ value: String, _ context: AWSContext) -> [CloudObject] {
        tx.list(kind, account: context.account, region: context.region).filter { o in
            switch o[attribute] {
            case .string(let s)?: return s == value
            case .array(let items)?: return items.contains(.string(value))
            default: return false
            }
        }
    }
}

extension AWSContext {
    /// The context global services (CloudFront, Route 53) keep their objects under: AWS runs
    /// their control planes in us-east-1, whatever region the provider is configured for.
    var inGlobalRegion: AWSContext {
        var c = self
        c.region = "us-east-1"
        return c
    }
}

/// Identifiers in the shapes AWS services make them.
enum DataIDs {
    static func characters(_ n: Int, from alphabet: String) -> String {
        let chars = Array(alphabet)
        return String((0..<n).map { _ in chars[Int.random(in: 0..<chars.count)] })
    }

    /// Upper-case letters and digits (`E2QWRUHAPOMQZL`, `Z0123456789ABC`).
    static func upper(_ n: Int) -> String { characters(n, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") }
    static func lower(_ n: Int) -> String { characters(n, from: "abcdefghijklmnopqrstuvwxyz0123456789") }
    static func hex(_ n: Int) -> String { characters(n, from: "0123456789abcdef") }
    static func mixed(_ n: Int) -> String { characters(n, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") }
    static func uuid() -> String { RandomUUID.string() }

    /// A name for a resource given only a prefix, as the AWS provider makes one
    /// (`terraform-20240102030405060700000001`).
    static func prefixed(_ prefix: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMddHHmmssSSSS"
        return prefix + f.string(from: Date()) + String(format: "%08x", Int.random(in: 1...0xffff))
    }

    /// An RFC 3339 timestamp for now (or `offset` seconds from now), in UTC.
    static func timestamp(_ offset: TimeInterval = 0) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date().addingTimeInterval(offset))
    }
}

/// Object IDs as the store keys them. Many AWS identifiers contain `/` (`alias/app`, secret
/// ARNs, `/aws/lambda/app` log groups); `CloudStore` escapes them in file names itself, so the
/// key is the ID as AWS writes it (and `terrace cloud show alias/app` finds it).
enum StoreKey {
    static func encode(_ id: String) -> String { id }
}

extension CloudTransaction {
    /// An object by its AWS identifier.
    func fetch(_ kind: String, _ id: String, _ context: AWSContext) -> CloudObject? {
        get(kind, id: StoreKey.encode(id), account: context.account, region: context.region)
    }
}

extension CloudStore {
    /// An object by its AWS identifier.
    func fetch(_ kind: String, _ id: String, _ context: AWSContext) -> CloudObject? {
        get(kind, id: StoreKey.encode(id), account: context.account, region: context.region)
    }
}

/// A resource stored as one object keyed by its `id` through `StoreKey`, so IDs with `/`
/// work. Its defaults replace the protocol's for import and delete.
protocol StoredResource: AWSResource {}

extension StoredResource {
    /// The AWS rules the type simulates, for the provider documentation.
    public var rules: [String] { AWSCatalog.simulatedRulesData[Self.typeName] ?? [] }

    /// What import takes for the type, for the provider documentation.
    public var importID: String { AWSCatalog.importIDsData[Self.typeName] ?? "the `id`" }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        context.store.fetch(Self.typeName, id, context).map(decode)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            if let o = tx.fetch(Self.typeName, id, context) { tx.delete(o) }
        }
    }
}

/// A resource stored under a key made from its arguments (`storageID`: an auto scaling
/// target's namespace, resource and dimension) rather than under its `id`; the key is also
/// what import takes. `updated` makes the new value from the stored object.
protocol KeyedResource: AWSResource {
    static func storageID(_ v: Value) -> String
    func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value
}

extension KeyedResource {
    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: Self.storageID(state), account: context.account, region: context.region) else { return nil }
        return decode(o)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        let key = Self.storageID(prior)
        return try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: key, account: context.account, region: context.region) else { throw notFound(key) }
            let new = try updated(o, planned: planned, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: key, account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(new), token: o.token))
            return new
        }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }
}
