/// ElastiCache engines, versions, parameter group families and node types, as the
/// ElastiCache User Guide lists them.
enum ElastiCacheEngines {
    /// Versions per engine, ascending.
    static let versions: [String: [String]] = [
        "redis": ["3.2.6", "3.2.10", "4.0.10", "5.0.6", "6.0.5", "6.2.6", "7.0.7", "7.1.0"],
        "valkey": ["7.2.6", "8.0.1"],
        "memcached": ["1.4.34", "1.5.16", "1.6.6", "1.6.12", "1.6.17", "1.6.22"],
    ]

    static let defaultVersion = ["redis": "7.1.0", "valkey": "8.0.1", "memcached": "1.6.22"]
    static let ports = ["redis": 6379, "valkey": 6379, "memcached": 11211]

    /// The version a requested one names: itself, the newest of a `major.minor` line, or the
    /// newest of a major line written `6.x` or `7`.
    static func resolve(_ engine: String, _ requested: String) -> String? {
        let all = versions[engine] ?? []
        if all.contains(requested) { return requested }
        let stem = requested.hasSuffix(".x") ? String(requested.dropLast(2)) : requested
        return all.last { $0.hasPrefix(stem + ".") }
    }

    /// The parameter group family of a version (`redis7`, `redis6.x`, `redis5.0`, `memcached1.6`, `valkey8`).
    static func family(_ engine: String, _ version: String) -> String {
        let parts = version.split(separator: ".").map(String.init)
        let major = parts.first ?? ""
        switch engine {
        case "redis":
            if let m = Int(major), m >= 7 { return "redis\(major)" }
            if major == "6" { return "redis6.x" }
            return "redis" + parts.prefix(2).joined(separator: ".")
        case "valkey": return "valkey\(major)"
        default: return "memcached" + parts.prefix(2).joined(separator: ".")
        }
    }

    static let families: Set<String> = Set(versions.flatMap { engine, vs in vs.map { family(engine, $0) } })

    /// Node types ElastiCache offers.
    static let nodeTypes: Set<String> = {
        var out = Set<String>()
        for f in ["t2", "t3", "t4g"] { for s in ["micro", "small", "medium"] { out.insert("cache.\(f).\(s)") } }
        for f in ["m5", "r5"] { for s in ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"] { out.insert("cache.\(f).\(s)") } }
        for f in ["m6g", "r6g", "m7g", "r7g"] { for s in ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] { out.insert("cache.\(f).\(s)") } }
        for s in ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] { out.insert("cache.r6gd.\(s)") }
        return out
    }()

    static func checkNodeType(_ type: String?) throws {
        guard let type, !type.isEmpty else {
            throw CloudError("InvalidParameterValue", "The parameter CacheNodeType must be provided and must not be blank.")
        }
        guard nodeTypes.contains(type) else {
            throw CloudError("InvalidParameterValue", "Invalid CacheNodeType: \(type)")
        }
    }

    static func checkVersion(_ engine: String, _ requested: String?) throws -> String {
        let r = requested.flatMap { $0.isEmpty ? nil : $0 } ?? defaultVersion[engine] ?? ""
        guard let v = resolve(engine, r) else {
            throw CloudError("InvalidParameterCombination", "Cannot find version \(r) for \(engine)")
        }
        return v
    }

    /// ElastiCache's rule for cluster and replication group IDs (lower-cased by the service).
    static func checkIdentifier(_ id: String, parameter: String, max: Int) throws {
        let ok = (1...max).contains(id.count) && Validation.matches(id, "^[A-Za-z][A-Za-z0-9-]*$") && !id.contains("--") && !id.hasSuffix("-")
        guard ok else {
            throw CloudError("InvalidParameterValue", "The parameter \(parameter) is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.")
        }
    }

    /// The subnet group's VPC and zones ("default" stands for the default VPC's group).
    static func subnetGroup(_ name: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> (vpc: String, zones: [String]) {
        if name.isEmpty || name == "default" { return ("", AWSRegions.zones[context.region] ?? []) }
        guard let g = tx.fetch(ElastiCacheSubnetGroupResource.typeName, name, context) else {
            throw CloudError.notFound("CacheSubnetGroupNotFoundFault", "Cache subnet group \(name) not found.")
        }
        var zones = Set<String>()
        for s in g["subnet_ids"]?.arrayValue ?? [] {
            if let id = s.stringValue, let z = tx.fetch("aws_subnet", id, context)?["availability_zone"]?.stringValue { zones.insert(z) }
        }
        return (g["vpc_id"]?.stringValue ?? "", zones.sorted())
    }

    static func securityGroups(_ ids: [String], vpc: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        for id in ids {
            guard let sg = SecurityGroups.find(id, tx, context) else {
                throw CloudError("InvalidParameterValue", "Some security group Id not recorded: [\(id)]")
            }
            if !vpc.isEmpty, let v = sg["vpc_id"]?.stringValue, v != vpc {
                throw CloudError("InvalidParameterCombination", "The security group \(id) is in \(v), which is not the VPC of the cache subnet group (\(vpc)).")
            }
        }
    }

    /// A custom parameter group exists and belongs to the version's family.
    static func parameterGroup(_ name: String, family: String, engine: String, version: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        if name.hasPrefix("default.") { return }
        guard let g = tx.fetch(ElastiCacheParameterGroupResource.typeName, name, context) else {
            throw CloudError.notFound("CacheParameterGroupNotFound", "CacheParameterGroup \(name) not found.")
        }
        if let f = g["family"]?.stringValue, f != family {
            throw CloudError("InvalidParameterCombination", "The parameter group \(name) is for family \(f), which is not compatible with engine \(engine) version \(version) (family \(family)).")
        }
    }

    /// Host names: `<name>.<token>.<node>.use1.cache.amazonaws.com`.
    static func host(_ name: String, _ part: String, _ context: AWSContext) -> String {
        "\(name).\(RegionCodes.endpointToken(context, length: 6, salt: "elasticache")).\(part).\(RegionCodes.short[context.region] ?? context.region).cache.amazonaws.com"
    }
}
