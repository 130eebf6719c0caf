/// The RDS engines the simulated cloud offers: versions, parameter group families, ports,
/// storage limits and instance classes, as the RDS User Guide lists them.
struct RDSEngine: Sendable {
    let name: String
    /// Every version offered, ascending.
    let versions: [String]
    let defaultVersion: String
    let port: Int
    let licenseModel: String
    let passwordMaxLength: Int
    let usernameMaxLength: Int
    /// Allocated storage limits in GiB per storage type.
    let storage: [String: ClosedRange<Int>]
    /// gp3 volumes below this size take neither `iops` nor `storage_throughput`.
    let gp3ProvisioningThreshold: Int
    /// Whether the engine runs on Graviton (`g`) instance classes.
    let graviton: Bool

    /// The full version a requested one names: itself, or the newest version it is a prefix of
    /// (`15` → `15.10`, `8.0` → `8.0.40`), as RDS resolves versions.
    func resolve(_ requested: String) -> String? {
        if versions.contains(requested) { return requested }
        return versions.last { $0.hasPrefix(requested + ".") }
    }

    /// The parameter group family of a full version (`postgres15`, `mysql8.0`, `sqlserver-ex-15.0`).
    func family(_ version: String) -> String {
        let parts = version.split(separator: ".").map(String.init)
        switch name {
        case "postgres": return "postgres" + (parts.first ?? "")
        case "mysql", "mariadb": return name + parts.prefix(2).joined(separator: ".")
        case let n where n.hasPrefix("sqlserver"): return "\(n)-\(parts.first ?? "").0"
        default: return "\(name)-\(parts.first ?? "")"
        }
    }

    /// The major version a version belongs to (`15`, `8.0`, `10.11`).
    func major(_ version: String) -> String {
        let parts = version.split(separator: ".").map(String.init)
        switch name {
        case "mysql", "mariadb": return parts.prefix(2).joined(separator: ".")
        default: return parts.first ?? version
        }
    }

    static let all: [String: RDSEngine] = {
        var out: [String: RDSEngine] = [:]
        let openSource: [String: ClosedRange<Int>] = ["standard": 5...3072, "gp2": 20...65536, "gp3": 20...65536, "io1": 100...65536, "io2": 100...65536]
        out["postgres"] = RDSEngine(
            name: "postgres",
            versions: ["11.22", "12.15", "12.16", "12.17", "12.18", "12.19", "12.20", "12.22",
                       "13.11", "13.12", "13.13", "13.14", "13.15", "13.16", "13.18",
                       "14.8", "14.9", "14.10", "14.11", "14.12", "14.13", "14.15",
                       "15.3", "15.4", "15.5", "15.6", "15.7", "15.8", "15.10",
                       "16.1", "16.2", "16.3", "16.4", "16.6", "17.1", "17.2"],
            defaultVersion: "16.6", port: 5432, licenseModel: "postgresql-license", passwordMaxLength: 128,
            usernameMaxLength: 63, storage: openSource, gp3ProvisioningThreshold: 400, graviton: true)
        out["mysql"] = RDSEngine(
            name: "mysql",
            versions: ["5.7.44", "8.0.32", "8.0.33", "8.0.34", "8.0.35", "8.0.36", "8.0.37", "8.0.39", "8.0.40", "8.4.3"],
            defaultVersion: "8.0.40", port: 3306, licenseModel: "general-public-license", passwordMaxLength: 41,
            usernameMaxLength: 32, storage: openSource, gp3ProvisioningThreshold: 400, graviton: true)
        out["mariadb"] = RDSEngine(
            name: "mariadb",
            versions: ["10.4.34", "10.5.27", "10.6.20", "10.11.10", "11.4.4"],
            defaultVersion: "10.11.10", port: 3306, licenseModel: "general-public-license", passwordMaxLength: 41,
            usernameMaxLength: 16, storage: openSource, gp3ProvisioningThreshold: 400, graviton: true)
        let oracleStorage: [String: ClosedRange<Int>] = ["standard": 10...3072, "gp2": 20...65536, "gp3": 20...65536, "io1": 100...65536, "io2": 100...65536]
        for (name, license) in [("oracle-ee", "bring-your-own-license"), ("oracle-se2", "license-included"),
                                ("oracle-ee-cdb", "bring-your-own-license"), ("oracle-se2-cdb", "license-included")] {
            let versions = name.hasSuffix("cdb")
                ? ["19.0.0.0.ru-2024-10.rur-2024-10.r1", "21.0.0.0.ru-2024-10.rur-2024-10.r1"]
                : ["19.0.0.0.ru-2024-10.rur-2024-10.r1"]
            out[name] = RDSEngine(name: name, versions: versions, defaultVersion: versions[0], port: 1521, licenseModel: license,
                                  passwordMaxLength: 30, usernameMaxLength: 30, storage: oracleStorage,
                                  gp3ProvisioningThreshold: 200, graviton: false)
        }
        let sqlStorage: [String: ClosedRange<Int>] = ["standard": 20...1024, "gp2": 20...16384, "gp3": 20...16384, "io1": 100...16384, "io2": 100...16384]
        for name in ["sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"] {
            out[name] = RDSEngine(name: name, versions: ["14.00.3465.1.v1", "15.00.4405.4.v1", "16.00.4150.1.v1"],
                                  defaultVersion: "16.00.4150.1.v1", port: 1433, licenseModel: "license-included",
                                  passwordMaxLength: 128, usernameMaxLength: 128, storage: sqlStorage,
                                  gp3ProvisioningThreshold: 20, graviton: false)
        }
        return out
    }()

    /// Instance class families and their sizes.
    static let classSizes: [String: [String]] = {
        let burst = ["micro", "small", "medium", "large", "xlarge", "2xlarge"]
        let general = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
        let wide = general + ["32xlarge", "48xlarge"]
        var out: [String: [String]] = ["db.t2": burst, "db.t3": burst, "db.t4g": burst, "db.m4": general, "db.r4": general]
        for f in ["db.m5", "db.m5d", "db.r5", "db.r5b", "db.r5d", "db.m6g", "db.m6gd", "db.r6g", "db.r6gd", "db.x2g"] { out[f] = general }
        for f in ["db.m6i", "db.m6id", "db.r6i", "db.r6id", "db.m7g", "db.r7g", "db.m7i", "db.r7i"] { out[f] = wide }
        return out
    }()

    /// Whether RDS offers `instanceClass` for this engine at this version.
    func supports(_ instanceClass: String, version: String) -> Bool {
        let parts = instanceClass.split(separator: ".").map(String.init)
        guard parts.count == 3, parts[0] == "db" else { return false }
        let family = "db.\(parts[1])"
        guard let sizes = Self.classSizes[family], sizes.contains(parts[2]) else { return false }
        if parts[1].contains("g") && !graviton { return false }
        // The previous generation (t2, m4, r4) stops at PostgreSQL 12 and MySQL 5.7.
        if ["db.t2", "db.m4", "db.r4"].contains(family) {
            let m = major(version)
            if name == "postgres", let n = Int(m), n > 12 { return false }
            if name == "mysql" && m != "5.7" { return false }
        }
        if name == "sqlserver-ee" || name == "sqlserver-se" { return !["micro", "small", "medium"].contains(parts[2]) }
        if name.hasPrefix("oracle") { return parts[2] != "micro" }
        return true
    }

    /// RDS's own hosted zone per region, for alias records to instances.
    static let hostedZones: [String: String] = [
        "us-east-1": "Z2R2ITUGPM61AM", "us-west-2": "Z1PVIF0B656C1W",
        "eu-west-1": "Z29XKXDKYMONMX", "ap-southeast-1": "Z2G0U3KFCY8NZ5",
    ]
}

/// Short region codes used in ElastiCache endpoints and AZ ids.
enum RegionCodes {
    static let short: [String: String] = ["us-east-1": "use1", "us-west-2": "usw2", "eu-west-1": "euw1", "ap-southeast-1": "apse1"]

    /// A stable per-account, per-region token, as the fixed part AWS puts in endpoint names
    /// (`c9akciq32.us-east-1.rds.amazonaws.com` has one); the same for every resource there.
    static func endpointToken(_ context: AWSContext, length: Int, salt: String,
                              alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (context.account + "/" + context.region + "/" + salt).utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let alphabet = Array(alphabet)
        var out = ""
        for _ in 0..<length {
            out.append(alphabet[Int(h % UInt64(alphabet.count))])
            h = h / UInt64(alphabet.count) &+ (h &* 31)
        }
        return out
    }
}
